## reference.R -- the public respiratory trial (geepack's `respiratory`: 111 patients at 2 centres, active
## treatment A vs placebo P, binary respiratory status at 4 visits, baseline status) in the long layout, and the
## adjusted repeated-measures models that ipseval fits from tests/reference/kits/respiratory/trial.ini:
## geeglm (exchangeable, independence, ar1) and glmer (Laplace, adaptive Gauss-Hermite with 25 nodes) of
##   outcome ~ treat + factor(visit) + centre + baseline   (placebo the reference arm, visit 1 and centre 1 the
## reference levels). Run from the repository root:  Rscript tests/reference/kits/respiratory/reference.R
## Writes data.csv (the data as exported from geepack) and expected.csv (15 significant digits).
## Needs geepack, lme4 (R 4.2.2, geepack 1.3.9, lme4 1.1-31 when written).
options(warn = 1)
suppressPackageStartupMessages({ library(geepack); library(lme4) })
kit <- "tests/reference/kits/respiratory"
data(respiratory, package = "geepack")
r <- respiratory
r$pid <- r$center * 1000 + r$id          # id is numbered within centre
r <- r[order(r$pid, r$visit), ]
write.csv(r[, c("pid", "center", "id", "treat", "sex", "age", "baseline", "visit", "outcome")],
          file.path(kit, "data.csv"), row.names = FALSE, quote = FALSE)
r$treat <- relevel(factor(r$treat), "P")
r$fvisit <- factor(r$visit)
r$fcenter <- factor(r$center)
rows <- list()
add <- function(analysis, term, statistic, value, note)
  rows[[length(rows) + 1L]] <<- data.frame(dataset = "respiratory", analysis = analysis, outcome = "status",
                                           term = term, statistic = statistic, value = sprintf("%.15g", value),
                                           method_note = note)
rn <- function(tm) {
  if (tm == "treatA") return("arm")
  if (grepl("^fvisit", tm)) return(paste0("visit[", sub("^fvisit", "", tm), "]"))
  if (grepl("^fcenter", tm)) return(paste0("center[", sub("^fcenter", "", tm), "]"))
  tm
}
## Visits 1 and 3 have the same number of good outcomes in all (65 and 65), every patient is seen at every visit
## and every covariate is constant within a patient, so in the models that treat the visits alike (independence,
## exchangeable, random intercept) the visit-3 coefficient solves its estimating equation at exactly 0 (ours: below
## 1e-9); R's ~1e-16 (GEE) and ~1e-7 (glmer) are rounding and optimiser noise, written as 0. AR(1) orders the
## visits, so not there.
zero <- function(an, tm, statistic, value)
  if (tm == "fvisit3" && an != "gee_logistic:ar1" && statistic %in% c("estimate", "statistic")) 0 else value
Z <- qnorm(0.975)
ctl <- geese.control(epsilon = 1e-12, maxit = 100)
for (cs in c("exchangeable", "independence", "ar1")) {
  g <- geeglm(outcome ~ treat + fvisit + fcenter + baseline, id = pid, waves = visit, data = r, family = binomial,
              corstr = cs, control = ctl)
  s <- summary(g); cf <- s$coefficients
  an <- paste0("gee_logistic:", cs)
  note <- paste0("geeglm(outcome ~ treat + factor(visit) + factor(center) + baseline, corstr='", cs, "')")
  for (tm in rownames(cf)) {
    est <- cf[tm, "Estimate"]; se <- cf[tm, "Std.err"]; t2 <- rn(tm)
    add(an, t2, "estimate", zero(an, tm, "estimate", est), note); add(an, t2, "se", se, note)
    add(an, t2, "statistic", zero(an, tm, "statistic", est / se), note)
    add(an, t2, "p_value", pchisq(cf[tm, "Wald"], 1, lower.tail = FALSE), note)
    add(an, t2, "ci_low", est - Z * se, note); add(an, t2, "ci_high", est + Z * se, note)
  }
  add(an, "scale", "estimate", s$dispersion$Estimate, note)
  if (nrow(s$corr) > 0) add(an, "rho", "estimate", s$corr$Estimate[1], note)
  if (cs == "exchangeable") cat(sprintf("GEE exchangeable arm log-OR %.6f\n", coef(g)["treatA"]))
}
for (q in c(1, 25)) {
  m <- glmer(outcome ~ treat + fvisit + fcenter + baseline + (1 | pid), data = r, family = binomial, nAGQ = q,
             control = glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12,
                                     optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  an <- if (q == 1) "glmm_logistic:laplace" else "glmm_logistic:aghq"
  note <- paste0("glmer(outcome ~ treat + factor(visit) + factor(center) + baseline + (1|pid), nAGQ=", q,
                 ", bobyqa rhoend 1e-12, tolPwrss 1e-12)")
  cf <- coef(summary(m))
  ## estimates only: lme4's finite-difference SEs are off by up to 2e-4 (docs/methods.md (the trial over time)).
  ## tolPwrss: at lme4's default PIRLS tolerance (1e-7) the Laplace fit stops 1e-3 short in log-likelihood
  ## (-217.03689 against -217.03588, the maximum of the Laplace approximation evaluated exactly, conditional modes
  ## by uniroot); the estimates then differ from the maximum by 5e-4 relative.
  for (tm in rownames(cf)) add(an, rn(tm), "estimate", zero(an, tm, "estimate", cf[tm, 1]), note)
  add(an, "sd[unit]", "estimate", as.data.frame(VarCorr(m))$sdcor[1], note)
  add(an, "log_likelihood", "estimate", as.numeric(logLik(m)), note)
}
## adjust = no (trial_unadjusted.ini, outcome status_unadjusted): intercept, visit and arm only
for (cs in c("exchangeable", "independence", "ar1")) {
  g <- geeglm(outcome ~ treat + fvisit, id = pid, waves = visit, data = r, family = binomial, corstr = cs,
              control = ctl)
  cf <- summary(g)$coefficients; an <- paste0("gee_logistic:", cs)
  note <- paste0("adjust = no: geeglm(outcome ~ treat + factor(visit), corstr='", cs, "')")
  for (tm in rownames(cf)) {
    est <- cf[tm, "Estimate"]; se <- cf[tm, "Std.err"]
    rows[[length(rows) + 1L]] <- data.frame(dataset = "respiratory", analysis = an, outcome = "status_unadjusted",
      term = rn(tm), statistic = c("estimate", "se"), value = sprintf("%.15g", c(zero(an, tm, "estimate", est), se)),
      method_note = note)
  }
}
d <- do.call(rbind, rows)
write.csv(d, file.path(kit, "expected.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(d), "values to", file.path(kit, "expected.csv"), "\n")
