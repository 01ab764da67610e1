# Expected values for the [cohort] module on survival::lung read as a single-service cohort:
# days = time, event = status - 1 ("got a job" = the event), groups = sex. Run from this folder:
#   Rscript reference.R   (R 4.2.2, survival 3.5-3; writes data.csv and expected.csv)
# Functions: binom.test (Clopper-Pearson, exact test), a hand-coded Wilson interval, survfit (KM median and
# its log-transformed Brookmeyer-Crowley interval, survival at given times), chisq.test(correct = FALSE),
# survdiff (log-rank).
library(survival)
d <- data.frame(id = seq_len(nrow(lung)), days = lung$time, event = lung$status - 1,
                sex = ifelse(lung$sex == 1, "male", "female"))
write.csv(d, "data.csv", row.names = FALSE, quote = FALSE)
out <- data.frame(analysis = character(), outcome = character(), term = character(), timepoint = character(),
                  method = character(), field = character(), value = character())
put <- function(analysis, outcome, term, timepoint, method, field, value)
    out[nrow(out) + 1, ] <<- list(analysis, outcome, term, timepoint, method, field, sprintf("%.17g", value))
wilson <- function(x, n, conf = 0.95) {
    z <- qnorm(1 - (1 - conf) / 2); p <- x / n
    c((p + z^2 / (2 * n) - z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / (1 + z^2 / n),
      (p + z^2 / (2 * n) + z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / (1 + z^2 / n))
}
prop <- function(x, n, outcome, term) {
    w <- wilson(x, n); b <- binom.test(x, n)
    put("job_proportion", outcome, term, "", "wilson", "estimate", x / n)
    put("job_proportion", outcome, term, "", "wilson", "ci_low", w[1])
    put("job_proportion", outcome, term, "", "wilson", "ci_high", w[2])
    put("job_proportion", outcome, term, "", "clopper_pearson", "ci_low", b$conf.int[1])
    put("job_proportion", outcome, term, "", "clopper_pearson", "ci_high", b$conf.int[2])
}
km <- function(dd, outcome, term) {
    f <- survfit(Surv(days, event) ~ 1, data = dd)
    q <- quantile(f, 0.5)
    put("km_median", outcome, term, "", "brookmeyer_crowley_log", "estimate", q$quantile)
    put("km_median", outcome, term, "", "brookmeyer_crowley_log", "ci_low", q$lower)
    put("km_median", outcome, term, "", "brookmeyer_crowley_log", "ci_high", q$upper)
    for (m in c(6, 12, 24)) {
        t <- m * 365.25 / 12
        if (t > max(dd$days)) next
        s <- summary(f, times = t)
        put("cumulative_incidence", outcome, term, as.character(m), "km_complement", "estimate", 1 - s$surv)
        put("cumulative_incidence", outcome, term, as.character(m), "km_complement", "ci_low", 1 - s$upper)
        put("cumulative_incidence", outcome, term, as.character(m), "km_complement", "ci_high", 1 - s$lower)
        put("cumulative_incidence", outcome, term, as.character(m), "km_complement", "se", s$std.err)
    }
}
x <- sum(d$event); n <- nrow(d)
prop(x, n, "job", "")
b <- binom.test(x, n, 0.7)
put("benchmark_difference", "job", "benchmark", "", "binom_exact", "estimate", x / n - 0.7)
put("benchmark_difference", "job", "benchmark", "", "binom_exact", "ci_low", b$conf.int[1] - 0.7)
put("benchmark_difference", "job", "benchmark", "", "binom_exact", "ci_high", b$conf.int[2] - 0.7)
put("benchmark_difference", "job", "benchmark", "", "binom_exact", "p_value", b$p.value)
km(d, "days_to_job", "")
for (s in c("male", "female")) {
    ds <- d[d$sex == s, ]
    prop(sum(ds$event), nrow(ds), "sex", s)
    km(ds, "sex", s)
}
ct <- chisq.test(table(d$sex, d$event), correct = FALSE)
put("group_test", "sex", "job", "", "pearson_chisq", "statistic", ct$statistic)
put("group_test", "sex", "job", "", "pearson_chisq", "p_value", ct$p.value)
lr <- survdiff(Surv(days, event) ~ sex, data = d)
put("group_test", "sex", "days_to_job", "", "logrank", "statistic", lr$chisq)
put("group_test", "sex", "days_to_job", "", "logrank", "p_value", pchisq(lr$chisq, 1, lower.tail = FALSE))
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
