# Multiple imputation against mice + pool: writes data.csv (a synthetic trial whose missing values follow a
# known model, missing at random given x) and expected.csv (R's pooled estimates, total variances and their
# Monte Carlo SEs over M imputations). Run from the repository root:
#   Rscript tests/reference/kits/mi_trial/reference.R
# Imputation as ipseval's [missing] method = mi: within each arm, chained equations over the outcome's
# timepoints and the covariate x; binary by mice's "logreg", continuous by "norm"; maxit = 10 (ipseval's
# default `iterations`). Analyses per completed data set as ipseval's rows; pooled by pool.scalar (Rubin's rules,
# Barnard-Rubin df with dfcom = Inf for z-based analyses, n - k for linear models).
suppressMessages(library(mice))
kit <- "tests/reference/kits/mi_trial"
M <- 1000
set.seed(20240518)
n <- 240
arm <- rep(c(1, 0), each = n / 2)
x <- round(rnorm(n), 3)
emp6 <- rbinom(n, 1, plogis(-0.5 + 0.6 * arm + 0.8 * x))
emp12 <- rbinom(n, 1, plogis(-0.8 + 1.2 * emp6 + 0.5 * arm + 0.5 * x))
score6 <- round(50 + 3 * arm + 5 * x + rnorm(n, 0, 8), 2)
score12 <- round(10 + 0.8 * score6 + 2 * arm + 2 * x + rnorm(n, 0, 8), 2)
# missing at random given x (and arm)
m6 <- runif(n) < plogis(-2.0 + 0.8 * x)
m12 <- runif(n) < plogis(-1.4 + 0.8 * x - 0.4 * arm)
emp6[m6] <- NA; score6[m6] <- NA
emp12[m12] <- NA; score12[m12] <- NA
d <- data.frame(id = seq_len(n), arm = ifelse(arm == 1, "IPS", "TAU"), x = x, emp6 = emp6, emp12 = emp12,
                score6 = score6, score12 = score12)
write.csv(d, file.path(kit, "data.csv"), row.names = FALSE, na = "")

impute <- function(cols, meth, seed) {
  out <- vector("list", 2)
  for (a in 0:1) {
    s <- d[arm == a, c("x", cols)]
    for (cc in cols) if (meth == "logreg") s[[cc]] <- factor(s[[cc]], levels = c(0, 1))
    out[[a + 1]] <- mice(s, m = M, maxit = 10, method = c("", rep(meth, length(cols))), printFlag = FALSE,
                         seed = seed + a)
  }
  out
}
completed <- function(imp, l) {
  r <- rbind(complete(imp[[2]], l), complete(imp[[1]], l))  # IPS rows first, as in data.csv
  for (cc in names(r)) if (is.factor(r[[cc]])) r[[cc]] <- as.numeric(as.character(r[[cc]]))
  r$arm <- arm
  r
}
rows <- list()
add <- function(analysis, outcome, tp, q, u, dfcom) {
  p <- pool.scalar(q, u, n = if (is.infinite(dfcom)) Inf else dfcom + 0, k = 0)
  tt <- p$t; b <- p$b; ubar <- p$ubar
  # MC SE of the pooled estimate sqrt(b / M); of T from the sampling variance of ubar and of b (normal theory)
  mc_t <- sqrt(var(u) / M + (1 + 1 / M)^2 * 2 * b^2 / (M - 1))
  rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, outcome = outcome, timepoint = tp,
    estimate = p$qbar, total_variance = tt, within = ubar, between = b, df = p$df, fmi = p$fmi, riv = p$r,
    mc_se_estimate = sqrt(b / M), mc_se_total = mc_t, m = M)
}
bin <- impute(c("emp6", "emp12"), "logreg", 101)
con <- impute(c("score6", "score12"), "norm", 202)
for (tp in c("6", "12")) {
  e <- paste0("emp", tp); s <- paste0("score", tp)
  Q <- matrix(NA, M, 5); U <- matrix(NA, M, 5)
  for (l in seq_len(M)) {
    r <- completed(bin, l)
    p1 <- mean(r[[e]][r$arm == 1]); p0 <- mean(r[[e]][r$arm == 0])
    Q[l, 1] <- p1 - p0; U[l, 1] <- p1 * (1 - p1) / (n / 2) + p0 * (1 - p0) / (n / 2)
    f <- glm(r[[e]] ~ r$arm + r$x, family = binomial)
    Q[l, 2] <- coef(f)[2]; U[l, 2] <- vcov(f)[2, 2]
    f <- glm(r[[e]] ~ r$arm, family = binomial)
    Q[l, 3] <- coef(f)[2]; U[l, 3] <- vcov(f)[2, 2]
    rc <- completed(con, l)
    f <- lm(rc[[s]] ~ rc$arm + rc$x)
    Q[l, 4] <- coef(f)[2]; U[l, 4] <- vcov(f)[2, 2]
    f <- lm(rc[[s]] ~ rc$arm)
    Q[l, 5] <- coef(f)[2]; U[l, 5] <- vcov(f)[2, 2]
  }
  add("risk_difference:wald", "employment", tp, Q[, 1], U[, 1], Inf)
  add("logistic:adjusted", "employment", tp, Q[, 2], U[, 2], Inf)
  add("logistic:unadjusted", "employment", tp, Q[, 3], U[, 3], Inf)
  add("ancova:classical", "score", tp, Q[, 4], U[, 4], n - 3)
  add("mean_difference:student", "score", tp, Q[, 5], U[, 5], n - 2)
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 15), file.path(kit, "expected.csv"), row.names = FALSE, quote = FALSE)
cat(R.version.string, "mice", as.character(packageVersion("mice")), "\n")
