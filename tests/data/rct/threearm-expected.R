## Expected values for tests/unit/test_rct.c on threearm.csv (R 4.2.2, sandwich 3.0-2). Rscript threearm-expected.R
suppressPackageStartupMessages(library(sandwich))
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(file.path(here, "threearm.csv"), na.strings = "")
d$arm <- relevel(factor(d$arm), ref = "TAU")     # levels IPS, IPSE after TAU
d$site <- factor(d$site); d$sex <- factor(d$sex); d$edu <- factor(d$edu)
f <- function(name, v) cat(sprintf("    /* %s */ %s,\n", name, paste(sprintf("%.15g", v), collapse = ", ")))
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
## logistic adjusted, emp12: arm + site + age + sex
g <- glm(emp12 ~ arm + site + age + sex, binomial, d, control = ctl)
s <- coef(summary(g)); f("logit adj emp12 coef", s[, 1]); f("logit adj emp12 se", s[, 2]); f("rownames", 0); print(rownames(s))
f("logit adj emp12 deviance, null", c(deviance(g), g$null.deviance, nobs(g)))
## g-computation for IPS and IPSE vs TAU
X <- model.matrix(g); b <- coef(g); V <- vcov(g)
risk <- function(a) { Xa <- X; Xa[, "armIPS"] <- a == "IPS"; Xa[, "armIPSE"] <- a == "IPSE"; p <- plogis(drop(Xa %*% b));
  list(r = mean(p), g = colMeans(p * (1 - p) * Xa)) }
r0 <- risk("TAU"); r1 <- risk("IPS"); r2 <- risk("IPSE")
f("mrd IPS est, se", c(r1$r - r0$r, sqrt(drop(t(r1$g - r0$g) %*% V %*% (r1$g - r0$g)))))
f("mrd IPSE est, se", c(r2$r - r0$r, sqrt(drop(t(r2$g - r0$g) %*% V %*% (r2$g - r0$g)))))
f("risk TAU est, se", c(r0$r, sqrt(drop(t(r0$g) %*% V %*% r0$g))))
## unadjusted logistic emp6
g0 <- glm(emp6 ~ arm, binomial, d, control = ctl); f("logit unadj emp6 coef, se", c(coef(g0), sqrt(diag(vcov(g0)))))
## emp6s: its own covariates (age) + site
g6 <- glm(emp6 ~ arm + site + age, binomial, d, control = ctl); f("emp6s adj arm p", coef(summary(g6))[2:3, 4])
## ANCOVA q12 ~ arm + site + age + sex + q0, HC3
a <- lm(q12 ~ arm + site + age + sex + q0, d); print(names(coef(a)))
f("ancova coef", coef(a)); f("ancova classical se", sqrt(diag(vcov(a)))); f("ancova hc3 se", sqrt(diag(vcovHC(a, "HC3"))))
f("ancova hc2 arm p", 2 * pt(-abs(coef(a)[2:3] / sqrt(diag(vcovHC(a, "HC2")))[2:3]), df.residual(a)))
f("ancova df, classical arm p", c(df.residual(a), coef(summary(a))[2:3, 4]))
## Welch IPSE vs TAU
w <- t.test(d$q12[d$arm == "IPSE"], d$q12[d$arm == "TAU"]); f("welch IPSE", c(w$statistic, w$parameter, w$p.value, w$conf.int))
## Newcombe RD IPSE vs TAU at emp12 via Wilson
wil <- function(x, n) as.numeric(prop.test(x, n, correct = FALSE)$conf.int)
x1 <- sum(d$emp12[d$arm == "IPSE"], na.rm = TRUE); n1 <- sum(!is.na(d$emp12[d$arm == "IPSE"]))
x0 <- sum(d$emp12[d$arm == "TAU"], na.rm = TRUE); n0 <- sum(!is.na(d$emp12[d$arm == "TAU"]))
p1 <- x1/n1; p0 <- x0/n0; w1 <- wil(x1, n1); w0 <- wil(x0, n0)
f("newcombe IPSE emp12 (x1,n1,x0,n0,lo,hi)", c(x1, n1, x0, n0, p1 - p0 - sqrt((p1 - w1[1])^2 + (w0[2] - p0)^2), p1 - p0 + sqrt((w1[2] - p1)^2 + (p0 - w0[1])^2)))
## interaction: LR test arm x sex, emp12; F test arm x edu, q12
full <- glm(emp12 ~ arm * sex, binomial, d, control = ctl); red <- glm(emp12 ~ arm + sex, binomial, d, control = ctl)
lr <- anova(red, full, test = "LRT"); f("LR arm:sex emp12 (dev, df, p)", c(lr$Deviance[2], lr$Df[2], lr$`Pr(>Chi)`[2]))
af <- anova(lm(q12 ~ arm + edu, d), lm(q12 ~ arm * edu, d)); f("F arm:edu q12 (F, df, p)", c(af$F[2], af$Df[2], af$`Pr(>F)`[2]))
## subgroup effect: IPS vs TAU within sex = female, q12 Welch; emp12 Newcombe within edu = high
ww <- t.test(d$q12[d$arm == "IPS" & d$sex == "female"], d$q12[d$arm == "TAU" & d$sex == "female"]); f("welch IPS female q12 (est, lo, hi)", c(ww$estimate[1] - ww$estimate[2], ww$conf.int))
## attrition: missingness of q12 by arm
tb <- table(d$arm, is.na(d$q12)); cs <- chisq.test(tb, correct = FALSE); f("attrition q12 chisq (X2, df, p)", c(cs$statistic, cs$parameter, cs$p.value))
## equity: emp12 by edu in the IPS arm
e <- d[d$arm == "IPS", ]; ce <- suppressWarnings(chisq.test(table(e$edu, e$emp12), correct = FALSE)); f("equity chisq edu emp12 IPS", c(ce$statistic, ce$parameter, ce$p.value))
## baseline: age in IPSE: quartiles (type 7); SMD IPS vs TAU for age and for sex = male
q <- quantile(d$age[d$arm == "IPSE"], c(.25, .5, .75)); f("age IPSE q1 med q3", q)
m1 <- mean(d$age[d$arm == "IPS"]); m0 <- mean(d$age[d$arm == "TAU"]); s1 <- sd(d$age[d$arm == "IPS"]); s0 <- sd(d$age[d$arm == "TAU"])
f("smd age IPS", (m1 - m0) / sqrt((s1^2 + s0^2) / 2))
pm1 <- mean(d$sex[d$arm == "IPS"] == "male"); pm0 <- mean(d$sex[d$arm == "TAU"] == "male")
f("smd sex[male] IPS", (pm1 - pm0) / sqrt((pm1 * (1 - pm1) + pm0 * (1 - pm0)) / 2))
## multiplicity: Holm over secondary tests: emp6s adjusted arm p (IPS, IPSE), q12 ancova classical arm p (IPS, IPSE)
## and the primary outcome emp at its other timepoint, 6 (primary_timepoint = 12): adjusted arm p (IPS, IPSE)
ge6 <- glm(emp6 ~ arm + site + age + sex, binomial, d, control = ctl)
pp <- c(coef(summary(g6))[2:3, 4], coef(summary(a))[2:3, 4], coef(summary(ge6))[2:3, 4])
f("holm (emp6s IPS IPSE, q12 IPS IPSE, emp6 IPS IPSE)", p.adjust(pp, "holm"))
