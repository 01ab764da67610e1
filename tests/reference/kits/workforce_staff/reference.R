# Expected values for the [workforce] module: employment spells of employment specialists at three sites,
# made here with a fixed seed (set.seed(2016); R 4.2.2), followed 2014-01-01 to 2019-12-31 (followup_end
# 2020-01-01 is the first day not followed). Person-time of a spell is end - start days (end = the first day
# no longer employed, or followup_end), person-years = days / 365.25. Run from this folder:
#   Rscript reference.R   (writes data.csv and expected.csv)
# Functions: poisson.test (exact rate interval, exact test against the benchmark rate), survfit (time in post
# in years: median with its log interval, survival at 1 and 2 years).
library(survival)
set.seed(2016)
fs <- as.Date("2014-01-01"); fe <- as.Date("2020-01-01")
n <- 60
site <- sample(c("Bodo", "Tromso", "Alta"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
start <- fs + sample(0:1800, n, replace = TRUE)
dur <- round(rexp(n, rate = 1 / (365.25 * 2.2)))
end <- start + pmax(dur, 30)
end_txt <- ifelse(end >= fe, "", format(end))
d <- data.frame(person = sprintf("p%02d", seq_len(n)), site = site, start = format(start), end = end_txt)
d$end[c(3, 17)] <- format(fe + 40)  # ended after the follow-up: still employed at its end
write.csv(d, "data.csv", row.names = FALSE, quote = FALSE)
stop <- as.Date(ifelse(d$end == "", format(fe), d$end))
left <- d$end != "" & stop < fe
stop[stop > fe] <- fe
days <- as.numeric(stop - as.Date(d$start))
out <- data.frame(analysis = character(), outcome = character(), term = character(), timepoint = character(),
                  method = character(), field = character(), value = character())
put <- function(analysis, outcome, term, timepoint, method, field, value)
    out[nrow(out) + 1, ] <<- list(analysis, outcome, term, timepoint, method, field, sprintf("%.17g", value))
bench <- 20  # leavers per 100 person-years
rate <- function(sel, term, tp, dd = days, ll = left) {
    x <- sum(ll[sel]); py <- sum(dd[sel]) / 365.25
    p <- poisson.test(x, py, bench / 100)
    put("turnover_rate", "leavers", term, tp, "exact_poisson", "estimate", 100 * x / py)
    put("turnover_rate", "leavers", term, tp, "exact_poisson", "ci_low", 100 * p$conf.int[1])
    put("turnover_rate", "leavers", term, tp, "exact_poisson", "ci_high", 100 * p$conf.int[2])
    put("turnover_benchmark", "leavers", term, tp, "exact_poisson", "estimate", 100 * x / py / bench)
    put("turnover_benchmark", "leavers", term, tp, "exact_poisson", "ci_low", 100 * p$conf.int[1] / bench)
    put("turnover_benchmark", "leavers", term, tp, "exact_poisson", "ci_high", 100 * p$conf.int[2] / bench)
    put("turnover_benchmark", "leavers", term, tp, "exact_poisson", "p_value", p$p.value)
}
rate(rep(TRUE, n), "all", "")
for (s in sort(unique(site))) rate(site == s, s, "")
for (y in 2014:2019) {
    a <- as.Date(sprintf("%d-01-01", y)); b <- as.Date(sprintf("%d-01-01", y + 1))
    st <- pmax(as.Date(d$start), a); en <- pmin(stop, b)
    dy <- pmax(as.numeric(en - st), 0)
    ly <- left & stop >= a & stop < b
    rate(rep(TRUE, n), "all", as.character(y), dy, ly)
}
f <- survfit(Surv(days / 365.25, as.numeric(left)) ~ 1)
q <- quantile(f, 0.5)
put("time_in_post", "years_in_post", "median", "", "kaplan_meier", "estimate", q$quantile)
put("time_in_post", "years_in_post", "median", "", "kaplan_meier", "ci_low", q$lower)
if (!is.na(q$upper)) put("time_in_post", "years_in_post", "median", "", "kaplan_meier", "ci_high", q$upper)
for (yr in 1:2) {
    s <- summary(f, times = yr)
    put("time_in_post", "years_in_post", "still_in_post", as.character(yr), "kaplan_meier", "estimate", s$surv)
    put("time_in_post", "years_in_post", "still_in_post", as.character(yr), "kaplan_meier", "ci_low", s$lower)
    put("time_in_post", "years_in_post", "still_in_post", as.character(yr), "kaplan_meier", "ci_high", s$upper)
}
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
