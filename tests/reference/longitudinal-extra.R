## longitudinal-extra.R -- reference values that the ohio_repeated and sleepstudy_lmm kits do not hold, for ipseval's GEE (AR(1),
## identity link, waves with gaps) and for the trial formulation of the ohio data through the command line.
## Run from the repository root:  Rscript tests/reference/longitudinal-extra.R
## Writes tests/reference/longitudinal-extra.csv (same columns as a kit's expected.csv, 15 significant digits).
## Needs Debian's r-cran-geepack, r-cran-lme4 (R 4.2.2, geepack 1.3.9, lme4 1.1-31 when written).
options(warn = 1)
suppressPackageStartupMessages({ library(geepack); library(lme4) })
rows <- list()
add <- function(dataset, analysis, outcome, term, statistic, value, note)
  rows[[length(rows) + 1L]] <<- data.frame(dataset = dataset, analysis = analysis, outcome = outcome, term = term,
                                           statistic = statistic, value = sprintf("%.15g", value), method_note = note)
Z <- qnorm(0.975)
ctl <- geese.control(epsilon = 1e-12, maxit = 100)
gee_rows <- function(g, ds, an, out, note, rename = identity) {
  s <- summary(g); cf <- s$coefficients
  for (tm in rownames(cf)) {
    est <- cf[tm, "Estimate"]; se <- cf[tm, "Std.err"]; t2 <- rename(tm)
    add(ds, an, out, t2, "estimate", est, note); add(ds, an, out, t2, "se", se, note)
    add(ds, an, out, t2, "statistic", est / se, note)
    add(ds, an, out, t2, "p_value", pchisq(cf[tm, "Wald"], 1, lower.tail = FALSE), note)
    add(ds, an, out, t2, "ci_low", est - Z * se, note); add(ds, an, out, t2, "ci_high", est + Z * se, note)
  }
  add(ds, an, out, "scale", "estimate", s$dispersion$Estimate, note)
  if (nrow(s$corr) > 0) add(ds, an, out, "rho", "estimate", s$corr$Estimate[1], note)
}
## ---- ohio, AR(1) (the kit has exchangeable and independence) ----
o <- read.csv("tests/reference/kits/ohio_repeated/data.csv"); o <- o[order(o$id, o$age), ]
g <- geeglm(resp ~ age + smoke, id = id, data = o, family = binomial, corstr = "ar1", control = ctl)
gee_rows(g, "ohio_repeated", "gee_logistic:ar1", "resp", "geeglm(resp ~ age + smoke, binomial, corstr='ar1', epsilon=1e-12)")
## ---- ohio with rows dropped (unbalanced clusters, gaps in the waves): every 7th row out ----
od <- o[seq_len(nrow(o)) %% 7 != 0, ]
for (cs in c("exchangeable", "ar1")) {
  g <- geeglm(resp ~ age + smoke, id = id, waves = age + 3, data = od, family = binomial, corstr = cs, control = ctl)
  gee_rows(g, "ohio_dropped", paste0("gee_logistic:", cs), "resp",
           paste0("every 7th row of ohio dropped; geeglm(..., waves = age + 3, corstr='", cs, "')"))
}
## ---- sleepstudy, identity link ----
s <- read.csv("tests/reference/kits/sleepstudy_lmm/data.csv"); s <- s[order(s$Subject, s$Days), ]
for (cs in c("exchangeable", "independence", "ar1")) {
  g <- geeglm(Reaction ~ Days, id = Subject, waves = Days, data = s, family = gaussian, corstr = cs, control = ctl)
  gee_rows(g, "sleepstudy_lmm", paste0("gee_linear:", cs), "Reaction",
           paste0("geeglm(Reaction ~ Days, id=Subject, gaussian, corstr='", cs, "')"))
}
## ---- ohio as a trial through the command line: smoke as the arm (1 = treatment), age as the timepoint ----
## (tests/reference/ohio_trial.ini; terms as ipseval names them)
o$tp <- factor(o$age)              # age - 9: -2, -1, 0, 1 (the time column as written)
rn <- function(tm) {
  tm <- sub("^tp", "age[", tm); if (grepl("^age\\[", tm)) tm <- paste0(tm, "]")
  tm <- sub("^smoke$", "arm", tm); tm
}
for (cs in c("exchangeable", "independence", "ar1")) {
  g <- geeglm(resp ~ tp + smoke, id = id, waves = age, data = o, family = binomial, corstr = cs, control = ctl)
  gee_rows(g, "ohio_trial", paste0("gee_logistic:", cs), "wheeze", paste0("main effects: geeglm(resp ~ factor(age) + smoke, corstr='", cs, "')"), rn)
}
for (q in c(1, 25)) {
  m <- glmer(resp ~ tp + smoke + (1 | id), data = o, family = binomial, nAGQ = q,
             control = glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  an <- if (q == 1) "glmm_logistic:laplace" else "glmm_logistic:aghq"
  cf <- coef(summary(m))
  for (tm in rownames(cf)) {
    add("ohio_trial", an, "wheeze", rn(tm), "estimate", cf[tm, 1], "glmer, bobyqa rhoend 1e-12")
    ## no SEs here: lme4's finite-difference SEs are off by up to 2e-4 (docs/methods.md (the trial over time)); the GLMM's
    ## SEs are checked against the exact-mode R computation (dataset ohio_exact) in tests/unit/test_glmm.c
  }
  add("ohio_trial", an, "wheeze", "sd[unit]", "estimate", as.data.frame(VarCorr(m))$sdcor[1], "random-intercept SD")
  add("ohio_trial", an, "wheeze", "log_likelihood", "estimate", as.numeric(logLik(m)), "logLik")
}

## ---- the Laplace / adaptive Gauss-Hermite log-likelihood evaluated EXACTLY (conditional modes by uniroot to 1e-14)
## at lme4's reported estimates (tests/reference/kits/ohio_repeated/expected.csv). lme4's own logLik differs from
## these by 3.4e-5 (Laplace) and 1.0e-6 (AGHQ): its PIRLS stops at a tolerance (docs/methods.md (the trial over time)).
## Printed, and the maximum of that exact approximation (optim BFGS) with SEs from numDeriv's Richardson Hessian
## in (beta, sigma) are written as dataset ohio_exact: the precise reference for the GLMM's SEs.
lap <- function(d, beta, s, K = 1) {
  eta0 <- beta[1] + beta[2] * d$age + beta[3] * d$smoke
  gh <- GHrule(K); tot <- 0
  for (g in split(seq_len(nrow(d)), d$id)) {
    y <- d$resp[g]; e <- eta0[g]
    h <- function(b) sum(y * (e + s * b) - log1p(exp(e + s * b))) - b^2 / 2
    b <- uniroot(function(b) s * sum(y - plogis(e + s * b)) - b, c(-30, 30), tol = 1e-14)$root
    m <- plogis(e + s * b); cc <- s^2 * sum(m * (1 - m)) + 1
    if (K == 1) tot <- tot + h(b) - 0.5 * log(cc) else {
      sc <- 1 / sqrt(cc); v <- sapply(gh[, "z"], function(z) h(b + sc * z) + z^2 / 2)
      tot <- tot + log(sc) + log(sum(gh[, "w"] * exp(v)))
    }
  }
  tot
}
oo <- read.csv("tests/reference/kits/ohio_repeated/data.csv")
cat(sprintf("exact Laplace at lme4's Laplace estimates: %.12g\n", lap(oo, c(-3.37396206613, -0.176765650712, 0.414783564444), 2.34318379218)))
cat(sprintf("exact AGHQ(25) at lme4's AGHQ estimates: %.12g\n", lap(oo, c(-3.10152686998, -0.175627635826, 0.398563655024), 2.16491266895, 25)))
suppressPackageStartupMessages(library(numDeriv))
for (K in c(1, 25)) {
  an <- if (K == 1) "glmm_logistic:laplace" else "glmm_logistic:aghq"
  start <- if (K == 1) c(-3.37396206613, -0.176765650712, 0.414783564444, 2.34318379218) else
    c(-3.10152686998, -0.175627635826, 0.398563655024, 2.16491266895)
  f <- function(t) lap(oo, t[1:3], t[4], K)
  op <- optim(start, function(t) -f(t), method = "BFGS",
              control = list(reltol = 1e-15, maxit = 200, parscale = c(0.1, 0.01, 0.1, 0.1)))
  H <- hessian(f, op$par); se <- sqrt(diag(solve(-H)))
  nm <- c("(Intercept)", "age", "smoke")
  for (j in 1:3) {
    add("ohio_exact", an, "resp", nm[j], "estimate", op$par[j], "exact-mode approximation, optim BFGS reltol 1e-15")
    add("ohio_exact", an, "resp", nm[j], "se", se[j], "numDeriv::hessian (Richardson) in (beta, sigma)")
  }
  add("ohio_exact", an, "resp", "sd[unit]", "estimate", op$par[4], "exact-mode approximation")
  add("ohio_exact", an, "resp", "log_likelihood", "estimate", -op$value, "exact-mode approximation")
}
d <- do.call(rbind, rows)
write.csv(d, "tests/reference/longitudinal-extra.csv", row.names = FALSE, quote = TRUE)
cat("wrote", nrow(d), "values to tests/reference/longitudinal-extra.csv\n")
