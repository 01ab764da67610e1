# Inverse-probability-weighted GEE on the mi_trial data (binary emp6, emp12), monotone dropout.
# Run from the repository root: Rscript tests/reference/kits/ipw_gee/reference.R
suppressMessages(library(geepack))
d <- read.csv("tests/reference/kits/mi_trial/data.csv")
d$ips <- as.numeric(d$arm == "IPS")
# monotone dropout: a person missing at 6 months counts as dropped out (a later 12-month value is not used)
r6 <- as.numeric(!is.na(d$emp6))
r12 <- as.numeric(r6 == 1 & !is.na(d$emp12))
# denominator models: observed at t given observed before, on the prior outcome, arm and x
m6 <- glm(r6 ~ ips + x, family = binomial, data = d)
s6 <- d[r6 == 1, ]
m12 <- glm(r12[r6 == 1] ~ emp6 + ips + x, family = binomial, data = s6)
# numerator models: the same on arm only
n6 <- glm(r6 ~ ips, family = binomial, data = d)
n12 <- glm(r12[r6 == 1] ~ ips, family = binomial, data = s6)
p6 <- fitted(m6); q6 <- fitted(n6)
p12 <- rep(NA, nrow(d)); q12 <- rep(NA, nrow(d))
p12[r6 == 1] <- fitted(m12); q12[r6 == 1] <- fitted(n12)
w6 <- q6 / p6
w12 <- w6 * q12 / p12
long <- rbind(data.frame(id = d$id, time = 6, ips = d$ips, x = d$x, y = d$emp6, w = w6, keep = r6 == 1),
              data.frame(id = d$id, time = 12, ips = d$ips, x = d$x, y = d$emp12, w = w12, keep = r12 == 1))
long <- long[long$keep, ]
long <- long[order(long$id, long$time), ]
long$t12 <- as.numeric(long$time == 12)
g <- geeglm(y ~ ips + t12 + x, family = binomial, data = long, id = id, weights = w, corstr = "independence")
# the same with an arm effect per timepoint (ipseval's default arm_by_time = yes): factor(time) + arm:factor(time) + x
long$ips6 <- long$ips * (long$time == 6); long$ips12 <- long$ips * (long$time == 12)
g2 <- geeglm(y ~ t12 + ips6 + ips12 + x, family = binomial, data = long, id = id, weights = w, corstr = "independence")
out <- data.frame()
add <- function(an, term, stat, v) out <<- rbind(out, data.frame(analysis = an, term = term, statistic = stat, value = v))
for (nm in names(coef(m6))) add("drop6_den", nm, "estimate", coef(m6)[[nm]])
for (nm in names(coef(m12))) add("drop12_den", nm, "estimate", coef(m12)[[nm]])
for (nm in names(coef(n6))) add("drop6_num", nm, "estimate", coef(n6)[[nm]])
for (nm in names(coef(n12))) add("drop12_num", nm, "estimate", coef(n12)[[nm]])
s <- summary(g)$coefficients
for (nm in rownames(s)) { add("ipw_gee", nm, "estimate", s[nm, "Estimate"]); add("ipw_gee", nm, "se", s[nm, "Std.err"]) }
s2 <- summary(g2)$coefficients
for (nm in rownames(s2)) { add("ipw_gee_by_time", nm, "estimate", s2[nm, "Estimate"]); add("ipw_gee_by_time", nm, "se", s2[nm, "Std.err"]) }
add("ipw_gee", "all", "n", nrow(long))
add("ipw_gee", "all", "weight_sum", sum(long$w))
add("ipw_gee", "all", "weight_max", max(long$w))
write.csv(out, "tests/reference/kits/ipw_gee/expected.csv", row.names = FALSE)
