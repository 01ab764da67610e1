# Expected values for the [equity] module: 400 service users with an ethnic group, sex, age and an outcome
# (in work), made with a fixed seed (set.seed(779); R 4.2.2), against a reference population given as counts
# (reference_counts.csv: the service's catchment) and as shares (reference_shares.csv). Run from this folder:
#   Rscript reference.R   (writes users.csv, reference_counts.csv, reference_shares.csv, expected.csv)
# Functions: poisson.test(c(x, r), c(N, R)) (exact conditional ratio of two proportions of independent
# populations), binom.test (known shares), chisq.test(x, p) (goodness of fit), the log-Wald interval by hand,
# a hand-coded Newcombe (method 10) interval, glm(binomial) for the adjusted odds ratios.
set.seed(779)
groups <- c("White", "Black", "Asian", "Mixed", "Other")
n <- 400
g <- sample(groups, n, replace = TRUE, prob = c(0.55, 0.2, 0.12, 0.08, 0.05))
sex <- sample(c("female", "male"), n, replace = TRUE)
age <- round(rnorm(n, 38, 10))
lp <- -0.3 + 0.4 * (g == "Black") - 0.2 * (g == "Asian") + 0.3 * (sex == "male") - 0.02 * (age - 38)
work <- rbinom(n, 1, plogis(lp))
u <- data.frame(id = seq_len(n), ethnicity = g, sex = sex, age = age, work = work)
write.csv(u, "users.csv", row.names = FALSE, quote = FALSE)
ref <- data.frame(group = groups, count = c(61000, 12500, 9800, 4100, 3600),
                  source = "a catchment count for the test")
write.csv(ref, "reference_counts.csv", row.names = FALSE, quote = FALSE)
sh <- data.frame(group = groups, share = c(0.62, 0.14, 0.11, 0.07, 0.06), source = "shares for the test")
write.csv(sh, "reference_shares.csv", row.names = FALSE, quote = FALSE)
out <- data.frame(analysis = character(), outcome = character(), term = character(), timepoint = character(),
                  method = character(), field = character(), value = character())
put <- function(analysis, outcome, term, method, field, value, tag)
    out[nrow(out) + 1, ] <<- list(analysis, outcome, term, tag, method, field, sprintf("%.17g", value))
# counts: tag "counts"; shares: tag "shares" (the timepoint column of expected.csv says which run)
x <- table(factor(g, levels = groups)); N <- sum(x); R <- sum(ref$count)
for (i in seq_along(groups)) {
    p <- poisson.test(c(x[[i]], ref$count[i]), c(N, R))
    put("representation_ratio", "ethnicity", groups[i], "exact_conditional", "estimate", p$estimate, "counts")
    put("representation_ratio", "ethnicity", groups[i], "exact_conditional", "ci_low", p$conf.int[1], "counts")
    put("representation_ratio", "ethnicity", groups[i], "exact_conditional", "ci_high", p$conf.int[2], "counts")
    put("representation_ratio", "ethnicity", groups[i], "exact_conditional", "p_value", p$p.value, "counts")
    rr <- (x[[i]] / N) / (ref$count[i] / R); se <- sqrt(1 / x[[i]] - 1 / N + 1 / ref$count[i] - 1 / R)
    put("representation_ratio", "ethnicity", groups[i], "log_wald", "ci_low", rr * exp(-qnorm(0.975) * se), "counts")
    put("representation_ratio", "ethnicity", groups[i], "log_wald", "ci_high", rr * exp(qnorm(0.975) * se), "counts")
    b <- binom.test(x[[i]], N, sh$share[i])
    put("representation_ratio", "ethnicity", groups[i], "exact_binomial", "estimate", x[[i]] / N / sh$share[i], "shares")
    put("representation_ratio", "ethnicity", groups[i], "exact_binomial", "ci_low", b$conf.int[1] / sh$share[i], "shares")
    put("representation_ratio", "ethnicity", groups[i], "exact_binomial", "ci_high", b$conf.int[2] / sh$share[i], "shares")
    put("representation_ratio", "ethnicity", groups[i], "exact_binomial", "p_value", b$p.value, "shares")
}
c1 <- chisq.test(as.vector(x), p = ref$count / R)
put("goodness_of_fit", "ethnicity", "", "pearson", "statistic", c1$statistic, "counts")
put("goodness_of_fit", "ethnicity", "", "pearson", "p_value", c1$p.value, "counts")
c2 <- chisq.test(as.vector(x), p = sh$share / sum(sh$share))
put("goodness_of_fit", "ethnicity", "", "pearson", "statistic", c2$statistic, "shares")
put("goodness_of_fit", "ethnicity", "", "pearson", "p_value", c2$p.value, "shares")
# outcome equity against the largest group (White)
wil <- function(x, n, z = qnorm(0.975)) {
    p <- x / n; c((p + z^2 / (2 * n) - z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / (1 + z^2 / n),
                  (p + z^2 / (2 * n) + z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / (1 + z^2 / n))
}
x0 <- sum(work[g == "White"]); n0 <- sum(g == "White"); w0 <- wil(x0, n0)
u$ethnicity <- relevel(factor(u$ethnicity, levels = groups), ref = "White")
fit <- glm(work ~ ethnicity + sex + age, family = binomial, data = u, control = glm.control(epsilon = 1e-14, maxit = 100))
for (gg in groups[-1]) {
    x1 <- sum(work[g == gg]); n1 <- sum(g == gg); w1 <- wil(x1, n1); d <- x1 / n1 - x0 / n0
    put("outcome_equity", "work", gg, "newcombe", "estimate", d, "counts")
    put("outcome_equity", "work", gg, "newcombe", "ci_low", d - sqrt((x1 / n1 - w1[1])^2 + (w0[2] - x0 / n0)^2), "counts")
    put("outcome_equity", "work", gg, "newcombe", "ci_high", d + sqrt((w1[2] - x1 / n1)^2 + (x0 / n0 - w0[1])^2), "counts")
    rr <- (x1 / n1) / (x0 / n0); se <- sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0)
    put("outcome_ratio", "work", gg, "log_wald", "estimate", rr, "counts")
    put("outcome_ratio", "work", gg, "log_wald", "ci_low", rr * exp(-qnorm(0.975) * se), "counts")
    put("outcome_ratio", "work", gg, "log_wald", "ci_high", rr * exp(qnorm(0.975) * se), "counts")
    b <- coef(summary(fit))[paste0("ethnicity", gg), ]
    put("outcome_equity_adjusted", "work", gg, "logistic", "estimate", exp(b[1]), "counts")
    put("outcome_equity_adjusted", "work", gg, "logistic", "ci_low", exp(b[1] - qnorm(0.975) * b[2]), "counts")
    put("outcome_equity_adjusted", "work", gg, "logistic", "ci_high", exp(b[1] + qnorm(0.975) * b[2]), "counts")
    put("outcome_equity_adjusted", "work", gg, "logistic", "p_value", b[4], "counts")
}
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
