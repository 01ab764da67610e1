## Reference values for tests/unit/test_did_rw.c: an unbalanced panel (unbalanced.csv beside this file:
## 60 persons in 6 municipalities, 2010-2017 with about 20% of person-years missing, a control x).
## Run: Rscript tests/data/did/reference.R  (R 4.2.2, sandwich 3.0-2, clubSandwich 0.5.8)
suppressPackageStartupMessages({ library(sandwich); library(clubSandwich) })
d <- read.csv("tests/data/did/unbalanced.csv")
fit <- lm(y ~ treated + x + factor(person) + factor(year), data = d)
V1 <- vcovCL(fit, cluster = ~muni, type = "HC1", cadjust = TRUE)   # = our cr1_areg
V2 <- vcovCR(fit, cluster = d$muni, type = "CR2")
ct <- coef_test(fit, vcov = V2, test = "Satterthwaite", coefs = c("treated", "x"))
for (k in c("treated", "x"))
  cat(sprintf("%s: b %.15g se_cr1_areg %.15g se_cr2 %.15g df_cr2 %.15g p_cr2 %.15g\n", k, coef(fit)[[k]],
              sqrt(V1[k, k]), ct$SE[ct$Coef == k], ct$df_Satt[ct$Coef == k], ct$p_Satt[ct$Coef == k]))
cat(sprintf("N %d K %d rss %.15g\n", nobs(fit), fit$rank, sum(residuals(fit)^2)))
