## reference.R -- the complier average causal effect (CACE) by instrumental variables on a public data set:
## AER's Fertility (Angrist & Evans 1998, 1980 US census: mothers with two or more children). The "randomised"
## instrument is whether the first two children have the same sex (samesex), the treatment received is having a
## third child (morekids), the outcome weeks worked in the year (work). The first 4000 rows, as the package orders
## them, keep the kit small. ipseval reads it as a trial (trial.ini): arm = samesex (yes = the intervention),
## received = morekids01, covariates age, afam, hispanic, other.
## Run from the repository root:  Rscript tests/reference/kits/fertility_iv/reference.R
## Writes data.csv and expected.csv (15 significant digits). R 4.2.2, AER 1.2-10, sandwich 3.0-2.
options(warn = 1)
suppressPackageStartupMessages({ library(AER); library(sandwich) })
kit <- "tests/reference/kits/fertility_iv"
data("Fertility", package = "AER")
d <- Fertility[1:4000, ]
d$samesex <- ifelse(d$gender1 == d$gender2, "yes", "no")
d$morekids01 <- as.integer(d$morekids == "yes")
d$id <- seq_len(nrow(d))
write.csv(d[, c("id", "samesex", "morekids01", "work", "age", "afam", "hispanic", "other")], file.path(kit, "data.csv"),
          row.names = FALSE, quote = FALSE)
d$z <- as.integer(d$samesex == "yes")
rows <- list()
add <- function(an, term, statistic, value, note)
  rows[[length(rows) + 1L]] <<- data.frame(dataset = "fertility", analysis = an, outcome = "work", term = term,
                                           statistic = statistic, value = sprintf("%.15g", value), method_note = note)
put <- function(an, fit, V, note) {
  b <- coef(fit)[["morekids01"]]; se <- sqrt(V["morekids01", "morekids01"]); df <- df.residual(fit)
  q <- qt(0.975, df)
  add(an, "arm", "estimate", b, note); add(an, "arm", "se", se, note)
  add(an, "arm", "statistic", b / se, note); add(an, "arm", "df", df, note)
  add(an, "arm", "p_value", 2 * pt(-abs(b / se), df), note)
  add(an, "arm", "ci_low", b - q * se, note); add(an, "arm", "ci_high", b + q * se, note)
}
## Wald: no covariates; the ratio of the two intention-to-treat differences equals 2SLS without covariates
w <- ivreg(work ~ morekids01 | z, data = d)
itt_y <- diff(tapply(d$work, d$z, mean)); itt_d <- diff(tapply(d$morekids01, d$z, mean))
stopifnot(abs(itt_y / itt_d - coef(w)[["morekids01"]]) < 1e-10)
put("cace:wald", w, sandwich(w), "ivreg(work ~ morekids01 | samesex), sandwich() (HC0), t on n - p df")
## 2SLS with covariates: classical (summary.ivreg) and robust (HC0)
a <- ivreg(work ~ morekids01 + age + afam + hispanic + other | z + age + afam + hispanic + other, data = d)
put("cace:2sls", a, vcov(a), "ivreg(work ~ morekids01 + age + afam + hispanic + other | samesex + ...), classical")
put("cace:2sls_robust", a, sandwich(a), "the same, sandwich() (HC0)")
## first stage: morekids01 on the instrument (and the covariates), classical F of the instrument
for (adj in c(FALSE, TRUE)) {
  f1 <- if (adj) lm(morekids01 ~ z + age + afam + hispanic + other, d) else lm(morekids01 ~ z, d)
  f0 <- if (adj) lm(morekids01 ~ age + afam + hispanic + other, d) else lm(morekids01 ~ 1, d)
  av <- anova(f0, f1)
  an <- if (adj) "first_stage:adjusted" else "first_stage:unadjusted"
  add(an, "arm", "estimate", coef(f1)[["z"]], "lm(morekids01 ~ samesex (+ covariates))")
  add(an, "arm", "statistic", av$F[2], "F of the instrument, anova(restricted, full)")
  add(an, "arm", "df", av$Res.Df[2], "residual df of the first stage")
}
## ivreg's own weak-instrument diagnostic agrees with that F
stopifnot(abs(summary(a, diagnostics = TRUE)$diagnostics["Weak instruments", "statistic"] -
              anova(lm(morekids01 ~ age + afam + hispanic + other, d),
                    lm(morekids01 ~ z + age + afam + hispanic + other, d))$F[2]) < 1e-8)
out <- do.call(rbind, rows)
write.csv(out, file.path(kit, "expected.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(out), "values to", file.path(kit, "expected.csv"), "\n")
