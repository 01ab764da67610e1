## Reference values for tests/unit/test_fidelity_stats.c (R 4.2.2, psych 2.2.9, vcd 1.4-11).
## Run: Rscript tests/unit/test_fidelity_ref.R   (prints every value with 15 significant digits)
suppressPackageStartupMessages({library(psych); library(vcd)})
p <- function(...) { v <- c(...); cat(paste(names(v), sprintf("%.15g", v)), sep = "\n") }
sf <- matrix(c(9,2,5,8, 6,1,3,2, 8,4,6,8, 7,1,2,6, 10,5,6,9, 6,2,4,7), ncol = 4, byrow = TRUE)

## Cronbach's alpha of the Shrout-Fleiss matrix read as 6 respondents x 4 items
a <- psych::alpha(as.data.frame(sf), check.keys = FALSE, warnings = FALSE)
ci <- psych::alpha.ci(a$total$raw_alpha, 6, 4)
p(alpha = a$total$raw_alpha, alpha_lo = ci$lower.ci, alpha_hi = ci$upper.ci)
p(drop = a$alpha.drop$raw_alpha)

## Cohen's kappa with the Fleiss-Cohen-Everitt variance (vcd::Kappa) on J1 vs J4
cats <- sort(unique(c(sf[, 1], sf[, 4])))
t14 <- table(factor(sf[, 1], cats), factor(sf[, 4], cats))
p(lin_se = Kappa(t14, weights = "Equal-Spacing")$Weighted[2], quad_se = Kappa(t14, weights = "Fleiss-Cohen")$Weighted[2])
## categories fixed to 1..10 (psych levels =)
ck <- cohen.kappa(cbind(sf[, 1], sf[, 4]), levels = 1:10)
p(k10_unw = ck$kappa, k10_quad = ck$weighted.kappa)

## Spearman, exact p (no ties) and with ties (R: normal approximation, we: exact permutation)
x <- c(81, 95, 88, 102, 77, 110); y <- c(0.08, 0.12, 0.03, 0.15, 0.05, 0.11)
r <- cor.test(x, y, method = "spearman"); p(rho = r$estimate, S = r$statistic, p = r$p.value)
x8 <- c(3.1, 4.7, 2.2, 5.9, 4.1, 6.3, 1.8, 5.2); y8 <- c(12, 19, 15, 11, 25, 22, 9, 30)
r <- cor.test(x8, y8, method = "spearman"); p(rho8 = r$estimate, S8 = r$statistic, p8 = r$p.value)
## negative association, n = 7
x7 <- c(1, 2, 3, 4, 5, 6, 7); y7 <- c(7, 5, 6, 3, 4, 1, 2)
r <- cor.test(x7, y7, method = "spearman"); p(rho7 = r$estimate, p7 = r$p.value)

## weighted line (lm with weights)
w <- c(80, 75, 70, 66, 61, 58)
m <- summary(lm(y ~ x, weights = w)); cf <- coef(m); ci <- confint(lm(y ~ x, weights = w))
p(b0 = cf[1, 1], b0_se = cf[1, 2], b1 = cf[2, 1], b1_se = cf[2, 2], b1_t = cf[2, 3], b1_p = cf[2, 4],
  b1_lo = ci[2, 1], b1_hi = ci[2, 2], sigma = m$sigma)

## paired t
a1 <- c(3.2, 3.8, 2.9, 4.1, 3.5, 3.0, 3.7); a2 <- c(3.6, 3.9, 3.4, 4.0, 3.9, 3.6, 4.2)
tt <- t.test(a2, a1, paired = TRUE)
p(pt_est = tt$estimate, pt_t = tt$statistic, pt_p = tt$p.value, pt_lo = tt$conf.int[1], pt_hi = tt$conf.int[2])
