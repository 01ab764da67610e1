## Fixture for tests/unit/test_rct.c: a three-arm trial (IPS / IPSE / TAU) in four sites with a numeric and a
## categorical covariate, a binary outcome at two timepoints, a continuous outcome with a baseline, missing
## values, and a subgroup. Run: Rscript threearm.R  (writes threearm.csv beside itself; R 4.2.2).
set.seed(20240501)
n <- 240
site <- sample(c("North", "East", "South", "West"), n, replace = TRUE, prob = c(.3, .3, .2, .2))
arm <- character(n)
for (s in unique(site)) { i <- which(site == s); arm[i] <- sample(rep(c("IPS", "IPSE", "TAU"), length.out = length(i))) }
age <- round(rnorm(n, 38, 10))
sex <- sample(c("female", "male"), n, replace = TRUE)
edu <- sample(c("low", "mid", "high"), n, replace = TRUE, prob = c(.4, .4, .2))
lp <- -1.1 + 0.5 * (arm == "IPS") + 0.35 * (arm == "IPSE") - 0.02 * (age - 38) + 0.3 * (sex == "male") + 0.2 * (site == "East")
emp6 <- rbinom(n, 1, plogis(lp - 0.4)); emp12 <- rbinom(n, 1, plogis(lp))
q0 <- round(rnorm(n, 50, 10), 1)
q12 <- round(q0 * 0.6 + 20 + 3 * (arm == "IPS") + 1.5 * (arm == "IPSE") + 2 * (sex == "male") + rnorm(n, 0, 8), 1)
emp12[sample(n, 25)] <- NA; emp6[sample(n, 10)] <- NA; q12[sample(n, 40)] <- NA; q0[sample(n, 5)] <- NA
d <- data.frame(id = 1:n, site, arm, age, sex, edu, emp6, emp12, q0, q12)
write.csv(d, file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "threearm.csv"),
          row.names = FALSE, na = "", quote = FALSE)
