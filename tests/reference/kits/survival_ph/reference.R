## reference.R -- proportional hazards (cox.zph) and restricted mean survival time on two public trials from R's
## survival package: veteran (VA lung cancer, trt 1 standard / 2 test) and colon (adjuvant chemotherapy for colon
## cancer, rx Obs / Lev / Lev+5FU, the death records: etype == 2). Run from the repository root:
##   Rscript tests/reference/kits/survival_ph/reference.R
## Writes veteran.csv, colon.csv (the data) and expected.csv (15 significant digits). survival 3.5-3, R 4.2.2.
##
## cox.zph (survival >= 3): per term and global, the default transform = "km" (g(t) = 1 - KM(t-) of all
## observations), for Cox fits with ties = "efron" and "breslow", unadjusted (arm only) and adjusted.
## RMST to tau: area under each arm's Kaplan-Meier curve, variance sum A_j^2 d_j / (n_j (n_j - d_j)) over event
## times t_j <= tau (A_j the area from t_j to tau), computed by hand exactly as survRM2::rmst1 does, and checked
## against survfit's print(rmean = tau) estimate; difference and ratio as survRM2::rmst2 (normal intervals, the ratio
## on the log scale by the delta method).
options(warn = 1)
suppressPackageStartupMessages(library(survival))
kit <- "tests/reference/kits/survival_ph"
v <- survival::veteran
v$prior_yes <- as.integer(v$prior == 10)
write.csv(v[, c("trt", "celltype", "time", "status", "karno", "diagtime", "age", "prior", "prior_yes")],
          file.path(kit, "veteran.csv"), row.names = FALSE, quote = FALSE)
co <- survival::colon[survival::colon$etype == 2, ]
write.csv(co[, c("id", "rx", "sex", "age", "obstruct", "nodes", "time", "status")], file.path(kit, "colon.csv"),
          row.names = FALSE, quote = FALSE, na = "")
rows <- list()
add <- function(ds, analysis, outcome, tp, term, statistic, value, note)
  rows[[length(rows) + 1L]] <<- data.frame(dataset = ds, analysis = analysis, outcome = outcome, timepoint = tp,
                                           term = term, statistic = statistic, value = sprintf("%.15g", value),
                                           method_note = note)
zph_rows <- function(ds, outcome, fit, an, termnames) {
  z <- cox.zph(fit)$table
  for (i in seq_len(nrow(z))) {
    tm <- if (rownames(z)[i] == "GLOBAL") "global" else termnames[[rownames(z)[i]]]
    note <- paste("cox.zph, transform = km:", deparse(formula(fit)), "ties =", fit$method)
    add(ds, an, outcome, "", tm, "statistic", z[i, "chisq"], note)
    add(ds, an, outcome, "", tm, "df", z[i, "df"], note)
    add(ds, an, outcome, "", tm, "p_value", z[i, "p"], note)
  }
}
rmst1 <- function(time, status, tau) {       # survRM2::rmst1, written out
  ft <- survfit(Surv(time, status) ~ 1)
  idx <- ft$time <= tau
  wk.time <- sort(c(ft$time[idx], tau)); wk.surv <- ft$surv[idx]
  wk.n.risk <- ft$n.risk[idx]; wk.n.event <- ft$n.event[idx]
  areas <- diff(c(0, wk.time)) * c(1, wk.surv)
  est <- sum(areas)
  wk.var <- ifelse((wk.n.risk - wk.n.event) == 0, 0, wk.n.event / (wk.n.risk * (wk.n.risk - wk.n.event)))
  wk.var <- c(wk.var, 0)
  var <- sum(cumsum(rev(areas[-1]))^2 * rev(wk.var)[-1])
  ## survfit's own restricted mean (print.survfit rmean = tau) as a check of the area
  rm <- summary(ft, rmean = tau)$table[["rmean"]]
  if (abs(rm - est) > 1e-9 * est) stop("survfit rmean ", rm, " differs from the area ", est)
  c(est = est, var = var)
}
rmst_rows <- function(ds, outcome, time, status, arm, levels, tau, terms) {
  Z <- qnorm(0.975); tp <- sprintf("%.15g", tau); note <- paste("RMST to tau =", tp, "(survRM2::rmst1 formula)")
  r <- lapply(levels, function(l) rmst1(time[arm == l], status[arm == l], tau))
  names(r) <- levels
  for (l in levels) {
    e <- r[[l]][["est"]]; se <- sqrt(r[[l]][["var"]])
    add(ds, "rmst:km", outcome, tp, as.character(l), "estimate", e, note)
    add(ds, "rmst:km", outcome, tp, as.character(l), "se", se, note)
    add(ds, "rmst:km", outcome, tp, as.character(l), "ci_low", e - Z * se, note)
    add(ds, "rmst:km", outcome, tp, as.character(l), "ci_high", e + Z * se, note)
  }
  for (k in seq_along(levels)[-1]) {
    a <- r[[levels[k]]]; b <- r[[levels[1]]]; tm <- terms[k - 1]
    d <- a[["est"]] - b[["est"]]; se <- sqrt(a[["var"]] + b[["var"]])
    for (s in list(c("estimate", d), c("se", se), c("ci_low", d - Z * se), c("ci_high", d + Z * se),
                   c("statistic", d / se), c("p_value", 2 * pnorm(-abs(d / se)))))
      add(ds, "rmst_difference:km", outcome, tp, tm, s[1], as.numeric(s[2]), note)
    lr <- log(a[["est"]] / b[["est"]]); sl <- sqrt(a[["var"]] / a[["est"]]^2 + b[["var"]] / b[["est"]]^2)
    for (s in list(c("estimate", exp(lr)), c("se", sl), c("ci_low", exp(lr - Z * sl)), c("ci_high", exp(lr + Z * sl)),
                   c("statistic", lr / sl), c("p_value", 2 * pnorm(-abs(lr / sl)))))
      add(ds, "rmst_ratio:km", outcome, tp, tm, s[1], as.numeric(s[2]), note)
  }
}
## ---- veteran (veteran.ini: covariates karno, age, prior_yes, celltype; rmst_tau left out). celltype is one term
## of 3 df whatever its reference level (ours: the first in sorted order, R's: squamous) ----
v$arm <- as.integer(v$trt == 2)
tn <- list("arm" = "arm", "karno" = "karno", "age" = "age", "prior_yes" = "prior_yes", "celltype" = "celltype")
for (ties in c("efron", "breslow")) {
  zph_rows("veteran", "time", coxph(Surv(time, status) ~ arm, v, ties = ties), paste0("ph_test:cox_", ties), tn)
  zph_rows("veteran", "time", coxph(Surv(time, status) ~ arm + karno + age + prior_yes + celltype, v, ties = ties),
           paste0("ph_test:cox_adjusted_", ties), tn)
}
tau_v <- min(tapply(v$time, v$trt, max))        # the default: the last follow-up time both arms reach
rmst_rows("veteran", "time", v$time, v$status, v$trt, c(1, 2), tau_v, "arm")
## ---- colon, death (colon.ini: three arms, control Obs; covariates sex, age, obstruct, nodes; rmst_tau = 1825) ----
co$rx <- factor(co$rx, levels = c("Obs", "Lev", "Lev+5FU"))
tn <- list("rx" = "arm", "sex" = "sex", "age" = "age", "obstruct" = "obstruct", "nodes" = "nodes")
for (ties in c("efron", "breslow")) {
  zph_rows("colon", "death", coxph(Surv(time, status) ~ rx, co, ties = ties), paste0("ph_test:cox_", ties), tn)
  zph_rows("colon", "death", coxph(Surv(time, status) ~ rx + sex + age + obstruct + nodes, co, ties = ties),
           paste0("ph_test:cox_adjusted_", ties), tn)
}
rmst_rows("colon", "death", co$time, co$status, as.character(co$rx), c("Obs", "Lev", "Lev+5FU"), 1825,
          c("arm[Lev]", "arm[Lev+5FU]"))
d <- do.call(rbind, rows)
write.csv(d, file.path(kit, "expected.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(d), "values to", file.path(kit, "expected.csv"), "\n")
