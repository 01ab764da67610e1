# Expected values for Fleiss' and Conger's kappa for m raters (stats/st_kappam): 40 targets rated by 4 raters on
# a 1-5 scale, made with a fixed seed (set.seed(1980); R 4.2.2), rater 3 harsher than the others so that the two
# kappas differ. The formulas are irr::kappam.fleiss's (exact = FALSE: Fleiss 1971; exact = TRUE: Conger 1980;
# detail = TRUE: category kappas with their SE under no agreement), written out here (the irr package is not
# needed), and the jackknife over targets by its definition. Run from this folder:  Rscript reference.R
# (writes data.csv and expected.csv).
set.seed(1980)
n <- 40; k <- 4
truth <- sample(1:5, n, replace = TRUE, prob = c(0.1, 0.2, 0.3, 0.25, 0.15))
x <- sapply(1:k, function(r) pmin(5, pmax(1, truth + sample(-1:1, n, replace = TRUE, prob = c(0.15, 0.7, 0.15)) -
                                               (r == 3) * rbinom(n, 1, 0.4))))
colnames(x) <- paste0("r", 1:k)
write.csv(x, "data.csv", row.names = FALSE, quote = FALSE)
kap <- function(ratings, exact) {
    ns <- nrow(ratings); nr <- ncol(ratings); lev <- sort(unique(as.vector(x)))
    ttab <- t(apply(ratings, 1, function(v) as.numeric(table(factor(v, levels = lev)))))
    agreeP <- sum((apply(ttab^2, 1, sum) - nr) / (nr * (nr - 1)) / ns)
    chanceP <- sum(apply(ttab, 2, sum)^2) / (ns * nr)^2
    if (exact) {
        rtab <- t(apply(ratings, 2, function(v) as.numeric(table(factor(v, levels = lev))))) / ns
        chanceP <- chanceP - sum(apply(rtab, 2, var) * (nr - 1) / nr) / (nr - 1)
    }
    (agreeP - chanceP) / (1 - chanceP)
}
out <- data.frame(statistic = character(), category = character(), value = character())
put <- function(s, c, v) out[nrow(out) + 1, ] <<- list(s, c, sprintf("%.17g", v))
for (exact in c(FALSE, TRUE)) {
    nm <- if (exact) "conger" else "fleiss"
    est <- kap(x, exact)
    jk <- sapply(1:n, function(i) kap(x[-i, , drop = FALSE], exact))
    se <- sqrt((n - 1) / n * sum((jk - mean(jk))^2))
    q <- qt(0.975, n - 1)
    put(paste0(nm, "_estimate"), "", est)
    put(paste0(nm, "_se"), "", se)
    put(paste0(nm, "_ci_low"), "", est - q * se)
    put(paste0(nm, "_ci_high"), "", est + q * se)
}
lev <- sort(unique(as.vector(x)))
ttab <- t(apply(x, 1, function(v) as.numeric(table(factor(v, levels = lev)))))
pj <- apply(ttab, 2, sum) / (n * k)
pjk <- (apply(ttab^2, 2, sum) - n * k * pj) / (n * k * (k - 1) * pj)
kappaK <- (pjk - pj) / (1 - pj)
seK <- sqrt(2 / (n * k * (k - 1)))
for (j in seq_along(lev)) {
    put("category_kappa", lev[j], kappaK[j])
    # irr writes 2 * (1 - pnorm(abs(u))), which loses every digit below 1e-16; the same p as the upper tail:
    put("category_p", lev[j], 2 * pnorm(abs(kappaK[j] / seK), lower.tail = FALSE))
}
put("category_se", "", seK)
write.csv(out, "expected.csv", row.names = FALSE, quote = FALSE)
