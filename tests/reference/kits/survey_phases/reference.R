# Expected values for the survey phase model (fidelity module, respondents layout): a panel survey of 40
# employment specialists in four teams over four phases (phase 1 = before covid, the reference), three items on
# 1-5, with respondents missing phases (about 25% of person-phases dropped, more in later phases), made with a
# fixed seed (set.seed(2020); R 4.2.2). Run from this folder:  Rscript reference.R  (writes data.csv and
# expected.csv). Functions: lme4::lmer(y ~ factor(phase) + (1 | person), REML = TRUE) (lme4 1.1-31) for the
# fixed effects and their standard errors; lmerTest 3.1-3 for the Satterthwaite degrees of freedom; the
# respondent is the same name in the same team (names are unique across teams here).
library(lme4)
suppressMessages(library(lmerTest))
set.seed(2020)
teams <- c("Bodo", "Tromso", "Alta", "Narvik")
persons <- data.frame(team = rep(teams, each = 10), person = sprintf("%s%02d", rep(substr(teams, 1, 1), each = 10), 1:10))
lev <- rnorm(nrow(persons), 0, 0.6)
rows <- list()
for (ph in 1:4) {
    keep <- runif(nrow(persons)) > c(0.05, 0.2, 0.3, 0.4)[ph]
    shift <- c(0, -0.3, -0.2, 0.1)[ph]
    for (i in which(keep)) {
        item <- function(b) pmin(5, pmax(1, round(3 + b + lev[i] + shift + rnorm(1, 0, 0.7))))
        rows[[length(rows) + 1]] <- data.frame(team = persons$team[i], phase = ph, person = persons$person[i],
                                               q1 = item(0.2), q2 = item(-0.1), q3 = item(0))
    }
}
d <- do.call(rbind, rows)
write.csv(d, "data.csv", row.names = FALSE, quote = FALSE)
out <- data.frame(analysis = character(), outcome = character(), term = character(), timepoint = character(),
                  method = character(), field = character(), value = character())
put <- function(outcome, term, tp, field, value)
    out[nrow(out) + 1, ] <<- list("phase_model", outcome, term, tp, "lmm_reml", field, sprintf("%.17g", value))
d$total <- (d$q1 + d$q2 + d$q3) / 3
fits <- list(work = "total", q1 = "q1", q2 = "q2", q3 = "q3")
for (nm in names(fits)) {
    f <- lmer(as.formula(paste(fits[[nm]], "~ factor(phase) + (1 | person)")), data = d, REML = TRUE,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-3, rhoend = 1e-12)))
    cf <- summary(f)$coefficients
    for (ph in 2:4) {
        r <- paste0("factor(phase)", ph)
        tp <- paste(ph, "vs 1")
        term <- if (nm == "work") "total" else "item"
        put(nm, term, tp, "estimate", cf[r, "Estimate"])
        put(nm, term, tp, "se", cf[r, "Std. Error"])
        put(nm, term, tp, "df", cf[r, "df"])
    }
}
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
