# Expected values of the staggered-adoption estimators on AER's Fatalities (preliminary breath test laws),
# computed from their definitions in base R (no DiD package): Callaway & Sant'Anna (2021) group-time ATTs as
# 2x2 differences of means, their simple / event-time / cohort aggregations (R did's aggte weights), the
# cluster influence-function standard errors, and the Goodman-Bacon (2021) decomposition of the TWFE
# coefficient (2x2 estimates and weights) with the coefficient itself from lm() with state and year dummies.
# Run from the repository root:  Rscript tests/reference/kits/breath_staggered/reference.R
suppressMessages(library(AER))
dir <- "tests/reference/kits/breath_staggered"
data("Fatalities", package = "AER")
d <- Fatalities
d$state <- as.character(d$state)
d$year <- as.integer(as.character(d$year))
d$breath01 <- as.integer(d$breath == "yes")
d$fatal_rate <- d$fatal / d$pop * 10000
# a clean staggered adoption: a state's law never lapses (two states repealed theirs: dropped)
pat <- tapply(d$breath01, d$state, function(z) all(diff(z) >= 0))
keep <- names(pat)[pat]
d <- d[d$state %in% keep, c("state", "year", "breath01", "fatal_rate")]
d <- d[order(d$state, d$year), ]
names(d)[3] <- "breath"
first <- tapply(ifelse(d$breath == 1, d$year, NA), d$state, function(z) suppressWarnings(min(z, na.rm = TRUE)))
first[!is.finite(first)] <- 0   # 0 = never
d$first_treat <- as.integer(first[d$state])
out <- d
out$fatal_rate <- sprintf("%.17g", out$fatal_rate)
write.csv(out, file.path(dir, "data.csv"), row.names = FALSE, quote = FALSE)
d$fatal_rate <- as.numeric(out$fatal_rate)

years <- sort(unique(d$year)); TT <- length(years)
Y <- tapply(d$fatal_rate, list(d$state, d$year), identity)   # states x years (balanced)
states <- rownames(Y)
g_of <- first[states]                    # 0 never, 1982 always, else cohort year
always <- g_of == years[1]
use <- !always
cohorts <- sort(unique(g_of[use & g_of > 0]))
n <- sum(use)
pg <- sapply(cohorts, function(g) sum(use & g_of == g) / n)
psi_share <- sapply(cohorts, function(g) ((use & g_of == g) - use * sum(use & g_of == g) / n) / n)  # states x cohorts
rows <- list()
add <- function(tag, analysis, term, method, field, value)
    rows[[length(rows) + 1]] <<- data.frame(analysis = analysis, outcome = "fatal_rate", term = term, timepoint = tag,
                                           method = method, field = field, value = sprintf("%.17g", value))
agg <- function(att, psi, w, wpsi) {   # weighted mean of att (vector) with weights w (shares) and their psi
    P <- sum(w); th <- sum(w / P * att)
    ps <- psi %*% (w / P)
    if (!is.null(wpsi)) ps <- ps + wpsi %*% ((att - th) / P)
    list(est = th, psi = as.vector(ps))
}
for (control in c("never", "notyet")) for (base in c("varying", "universal")) {
    tag <- paste0(control, "_", base)
    cells <- list()
    for (g in cohorts) {
        gi <- match(g, years)
        tset <- if (base == "varying") 2:TT else 1:TT
        for (ti in tset) {
            bi <- if (base == "universal" || ti >= gi) gi - 1 else ti - 1
            if (ti == bi) { cells[[length(cells) + 1]] <- list(g = g, t = years[ti], att = 0, psi = rep(0, length(states)), ref = TRUE); next }
            mx <- years[max(ti, bi)]
            tr <- use & g_of == g
            co <- use & g_of != g & (g_of == 0 | (control == "notyet" & g_of > mx))
            if (!any(tr) || !any(co)) next
            dy <- Y[, ti] - Y[, bi]
            m1 <- mean(dy[tr]); m0 <- mean(dy[co])
            psi <- ifelse(tr, (dy - m1) / sum(tr), 0) - ifelse(co, (dy - m0) / sum(co), 0)
            cells[[length(cells) + 1]] <- list(g = g, t = years[ti], att = m1 - m0, psi = psi, ref = FALSE)
        }
    }
    A <- sapply(cells, `[[`, "att"); PS <- sapply(cells, `[[`, "psi")
    G <- sapply(cells, `[[`, "g"); Tt <- sapply(cells, `[[`, "t"); REF <- sapply(cells, `[[`, "ref")
    W <- pg[match(G, cohorts)]; WPS <- psi_share[, match(G, cohorts), drop = FALSE]
    for (k in seq_along(cells)) if (!REF[k]) {
        term <- sprintf("ATT(%d,%d)", G[k], Tt[k])
        add(tag, "cs_att_gt", term, paste0("cs_", control), "estimate", A[k])
        add(tag, "cs_att_gt", term, paste0("cs_", control), "se", sqrt(sum(PS[, k]^2)))
    }
    post <- which(Tt >= G & !REF)
    s <- agg(A[post], PS[, post, drop = FALSE], W[post], WPS[, post, drop = FALSE])
    add(tag, "cs_aggregate", "simple", paste0("cs_", control), "estimate", s$est)
    add(tag, "cs_aggregate", "simple", paste0("cs_", control), "se", sqrt(sum(s$psi^2)))
    gest <- c(); gpsi <- NULL
    for (g in cohorts) {
        k <- which(G == g & Tt >= G & !REF)
        a <- agg(A[k], PS[, k, drop = FALSE], rep(1, length(k)), NULL)
        add(tag, "cs_group", as.character(g), paste0("cs_", control), "estimate", a$est)
        add(tag, "cs_group", as.character(g), paste0("cs_", control), "se", sqrt(sum(a$psi^2)))
        gest <- c(gest, a$est); gpsi <- cbind(gpsi, a$psi)
    }
    a <- agg(gest, gpsi, pg, psi_share)
    add(tag, "cs_aggregate", "group_average", paste0("cs_", control), "estimate", a$est)
    add(tag, "cs_aggregate", "group_average", paste0("cs_", control), "se", sqrt(sum(a$psi^2)))
    E <- Tt - G; eest <- c(); epsi <- NULL
    for (e in sort(unique(E))) {
        k <- which(E == e)
        a <- agg(A[k], PS[, k, drop = FALSE], W[k], WPS[, k, drop = FALSE])
        add(tag, "cs_event", as.character(e), paste0("cs_", control), "estimate", a$est)
        if (!(base == "universal" && e == -1))
            add(tag, "cs_event", as.character(e), paste0("cs_", control), "se", sqrt(sum(a$psi^2)))
        if (e >= 0) { eest <- c(eest, a$est); epsi <- cbind(epsi, a$psi) }
    }
    a <- agg(eest, epsi, rep(1, length(eest)), NULL)
    add(tag, "cs_aggregate", "event_average", paste0("cs_", control), "estimate", a$est)
    add(tag, "cs_aggregate", "event_average", paste0("cs_", control), "se", sqrt(sum(a$psi^2)))
    # pre-trend Wald test on the pre-period cells with the cluster covariance
    pre <- which(Tt < G & !REF)
    V <- crossprod(PS[, pre, drop = FALSE]); b <- A[pre]
    # (singular when two pre-period cells share every non-zero influence term: cohorts of one state contribute
    # none of their own; then no Wald statistic is expected and ipseval reports the covariance as singular)
    if (length(pre) < length(states) && qr(V, tol = 1e-7)$rank == length(pre)) {
        add(tag, "cs_pretrend", "pre_period_cells", "wald", "statistic", as.numeric(t(b) %*% solve(V, b)))
        add(tag, "cs_pretrend", "pre_period_cells", "wald", "df", length(pre))
    } else cat(tag, ": pre-period covariance singular (", length(pre), " cells)\n", sep = "")
}
# Goodman-Bacon: groups by first treated year (never = after the panel; 1982 = treated throughout)
tw <- lm(fatal_rate ~ breath + factor(state) + factor(year), data = d)
beta <- unname(coef(tw)["breath"])
fk <- ifelse(g_of == 0, TT, match(g_of, years) - 1)          # first treated period index, TT = never
grp <- sort(unique(fk)); K <- length(grp)
nk <- sapply(grp, function(f) sum(fk == f)) / length(fk)
yb <- t(sapply(grp, function(f) colMeans(Y[fk == f, , drop = FALSE])))
Dk <- (TT - grp) / TT
m <- function(k, a, b) mean(yb[k, (a:b) + 1])
lab <- function(k) if (grp[k] == TT) "never" else if (grp[k] == 0) "always" else as.character(years[grp[k] + 1])
V <- 0; Dt <- sapply(0:(TT - 1), function(t) sum(nk * (t >= grp))); Db <- sum(nk * Dk)
for (k in 1:K) for (t in 0:(TT - 1)) V <- V + nk[k] * ((t >= grp[k]) - Dk[k] - Dt[t + 1] + Db)^2
V <- V / TT
tot <- 0; sw <- 0
for (a in 1:K) for (b in 1:K) if (grp[a] < grp[b]) {
    fa <- grp[a]; fb <- grp[b]; na <- nk[a]; nb <- nk[b]; nab <- na / (na + nb)
    if (fa > 0) {
        w <- ((na + nb) * (1 - Dk[b]))^2 * nab * (1 - nab) * (Dk[a] - Dk[b]) / (1 - Dk[b]) * (1 - Dk[a]) / (1 - Dk[b]) / V
        est <- (m(a, fa, fb - 1) - m(a, 0, fa - 1)) - (m(b, fa, fb - 1) - m(b, 0, fa - 1))
        type <- if (fb == TT) "treated_vs_never" else "earlier_vs_later"
        add("bacon", "bacon", paste(lab(a), "vs", lab(b)), type, "estimate", est)
        add("bacon", "bacon", paste(lab(a), "vs", lab(b)), type, "statistic", w)
        tot <- tot + w * est; sw <- sw + w
    }
    if (fb < TT) {
        w <- ((na + nb) * Dk[a])^2 * nab * (1 - nab) * (Dk[b] / Dk[a]) * (Dk[a] - Dk[b]) / Dk[a] / V
        est <- (m(b, fb, TT - 1) - m(b, fa, fb - 1)) - (m(a, fb, TT - 1) - m(a, fa, fb - 1))
        type <- if (fa == 0) "treated_vs_always" else "later_vs_earlier"
        add("bacon", "bacon", paste(lab(b), "vs", lab(a)), type, "estimate", est)
        add("bacon", "bacon", paste(lab(b), "vs", lab(a)), type, "statistic", w)
        tot <- tot + w * est; sw <- sw + w
    }
}
stopifnot(abs(sw - 1) < 1e-12, abs(tot - beta) < 1e-12 * abs(beta))
add("bacon", "bacon_summary", "total", "decomposition", "estimate", beta)   # lm's coefficient
add("bacon", "bacon_summary", "total", "decomposition", "statistic", 1)
add("bacon", "twfe", "breath", "classical", "estimate", beta)
ex <- do.call(rbind, rows)
write.csv(ex, file.path(dir, "expected.csv"), row.names = FALSE)
cat("R", R.version$major, ".", R.version$minor, "; AER", as.character(packageVersion("AER")), "\n", sep = "")
cat("states:", length(states), " always:", sum(always), " never:", sum(g_of == 0), " cohorts:", cohorts, "\n")
cat("TWFE", format(beta, digits = 12), " rows:", nrow(ex), "\n")
