# Reference values for ipseval's cost-effectiveness module (cea/): discounted costs and QALYs per participant,
# regression-adjusted increments (lm), jackknife influence values (boot::empinf(type = "jack")) and the
# percentile and BCa intervals of boot::boot.ci on a fixed set of resampled statistics.
# Run from this folder: Rscript reference.R   (R 4.2, boot 1.3). Writes data.csv, boot_t.csv, expected.csv.
library(boot)
set.seed(20240601)
n <- 150
arm <- rep(c("A", "B", "C"), times = c(52, 48, 50))
site <- sample(c("s1", "s2", "s3"), n, replace = TRUE)
id <- sample(1000:9999, n)
emp <- rbinom(n, 1, 0.4)
lev <- c(A = 1.0, B = 1.2, C = 1.5)
cm <- c(6, 12, 18, 30, 36)                          # cost periods end at these months
um <- c(0, 6, 12, 24, 36)                           # utility months, the first the baseline
costs <- sapply(seq_along(cm), function(j) round(rgamma(n, shape = 0.8, scale = 2500 * lev[arm] / 0.8), 2))
u0 <- pmin(1, pmax(-0.5, rnorm(n, 0.6, 0.25)))
gain <- c(A = 0.05, B = 0.02, C = 0)
util <- sapply(seq_along(um), function(j) if (j == 1) u0 else
  pmin(1, pmax(-0.5, u0 + gain[arm] + rnorm(n, 0, 0.12))))
util <- round(util, 3)
util[sample(n, 6), 3] <- NA                         # missing utilities at 12 months
util[sample(n, 4), 5] <- NA                         # and at 36
costs[sample(n, 3), 2] <- NA                        # a missing cost
d <- data.frame(id = id, arm = arm, site = site, emp = emp)
for (j in seq_along(cm)) d[[paste0("c", cm[j])]] <- costs[, j]
for (j in seq_along(um)) d[[paste0("u", um[j])]] <- util[, j]
write.csv(d, "data.csv", row.names = FALSE, na = "")

# the rules of docs/methods.md: a period's cost is discounted by (1 + r)^-floor(start / 12); a utility segment
# a..b contributes (b - a)/12 (u_a + u_b)/2 (1 + r)^-floor(a / 12)
rc <- 0.035; re <- 0.015
disc_cost <- function(x) sum(x * (1 + rc)^-floor(c(0, head(cm, -1)) / 12))
qaly <- function(u) sum(diff(um) / 12 * (head(u, -1) + tail(u, -1)) / 2 * (1 + re)^-floor(head(um, -1) / 12))
cc <- d[complete.cases(d[, c(paste0("c", cm), paste0("u", um))]), ]
cc$cost <- apply(cc[, paste0("c", cm)], 1, disc_cost)
cc$qaly <- apply(cc[, paste0("u", um)], 1, qaly)
cc$arm <- relevel(factor(cc$arm), ref = "C")
cc$site <- factor(cc$site)
out <- data.frame(analysis = character(), term = character(), statistic = character(), value = numeric())
put <- function(a, t, s, v) out[nrow(out) + 1, ] <<- list(a, t, s, v)
for (i in seq_len(nrow(cc))) {
  put("participant", as.character(cc$id[i]), "cost", cc$cost[i])
  put("participant", as.character(cc$id[i]), "qaly", cc$qaly[i])
}
for (a in c("A", "B", "C")) put("complete_cases", a, "n", sum(cc$arm == a))
fc <- lm(cost ~ arm + site, data = cc)
fq <- lm(qaly ~ arm + u0 + site, data = cc)
fu <- lm(qaly ~ arm, data = cc)
for (a in c("A", "B")) {
  k <- paste0("arm", a)
  put("incremental_cost", a, "estimate", coef(fc)[k]); put("incremental_cost", a, "se", sqrt(vcov(fc)[k, k]))
  put("incremental_qaly_adjusted", a, "estimate", coef(fq)[k]); put("incremental_qaly_adjusted", a, "se", sqrt(vcov(fq)[k, k]))
  put("incremental_qaly_unadjusted", a, "estimate", coef(fu)[k]); put("incremental_qaly_unadjusted", a, "se", sqrt(vcov(fu)[k, k]))
}
# jackknife influence values with strata = arm (boot's usual.jack: L_i = (n_g - 1)(t0 - t_-i)) and the acceleration
stat_c <- function(dd, i) coef(lm(cost ~ arm + site, data = dd[i, ]))["armA"]
stat_q <- function(dd, i) coef(lm(qaly ~ arm + u0 + site, data = dd[i, ]))["armA"]
stat_m <- function(dd, i) mean(dd$cost[i][dd$arm[i] == "B"])
accel <- function(L) sum(L^3) / (6 * sum(L^2)^1.5)
Lc <- empinf(data = cc, statistic = stat_c, stype = "i", type = "jack", strata = cc$arm)
Lq <- empinf(data = cc, statistic = stat_q, stype = "i", type = "jack", strata = cc$arm)
Lm <- empinf(data = cc, statistic = stat_m, stype = "i", type = "jack", strata = cc$arm)
put("acceleration", "A", "cost", accel(Lc)); put("acceleration", "A", "qaly", accel(Lq)); put("acceleration", "B", "mean_cost", accel(Lm))
for (i in seq_len(nrow(cc))) {
  put("influence_cost", as.character(cc$id[i]), "L", Lc[i])
  put("influence_qaly", as.character(cc$id[i]), "L", Lq[i])
}
# BCa and percentile on a fixed set of resampled statistics (the bootstrap within arm, strata = arm)
set.seed(7)
b <- boot(cc, stat_c, R = 999, strata = cc$arm)
write.csv(data.frame(t = b$t[, 1]), "boot_t.csv", row.names = FALSE)
ci <- boot.ci(b, conf = 0.95, type = c("perc", "bca"), L = Lc)
put("boot_ci", "A", "t0", b$t0)
put("boot_ci", "A", "perc_lo", ci$percent[4]); put("boot_ci", "A", "perc_hi", ci$percent[5])
put("boot_ci", "A", "bca_lo", ci$bca[4]); put("boot_ci", "A", "bca_hi", ci$bca[5])
ci90 <- boot.ci(b, conf = 0.90, type = c("perc", "bca"), L = Lc)
put("boot_ci90", "A", "perc_lo", ci90$percent[4]); put("boot_ci90", "A", "perc_hi", ci90$percent[5])
put("boot_ci90", "A", "bca_lo", ci90$bca[4]); put("boot_ci90", "A", "bca_hi", ci90$bca[5])
write.csv(out, "expected.csv", row.names = FALSE)
