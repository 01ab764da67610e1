# Reference values for the trial transported to a target population (ipseval [compare] target), computed from
# the definitions in base R: no package. Run `Rscript reference.R` from any directory; it reads data.csv and
# target.csv beside itself and writes expected.csv there.
#
# Each arm (treat = 1, 0) is weighted to the target means m by entropy weights w_i = exp(x_i'l) / sum exp(x_j'l),
# l solving sum_i w_i (x_i - m) = 0: Newton's method on the dual log sum exp((x_i - m)'l) in plain R (solve() on
# the Hessian), iterated to a gradient below 1e-15 on covariates scaled by their range.
# The sandwich variance is the generic one of the stacked M-estimator, not ipseval's closed form: per arm
# theta = (l, mu_1, mu_2, p_1, p_2) with estimating functions
#   u_i z_i, u_i (y_i1 - mu_1), u_i (y_i2 - mu_2), y_i1 - p_1, y_i2 - p_2    (u_i = exp(z_i'l), z_i = x_i - m)
# V = A^-1 B A^-T / n, A = -mean of the Jacobian (by hand), B = mean of psi psi'. The two outcome columns stand
# in for two timepoints (months 12 and 24 in tests/reference/transport_nsw.ini), to test how timepoints are
# stacked: path weights a = (0.5, 0.25), the trapezoids of months 0, 12, 24 over 24 months.
here <- tryCatch(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) ".")
if (length(here) == 0 || !nzchar(here)) here <- "."
d <- read.csv(file.path(here, "data.csv"))
tg <- read.csv(file.path(here, "target.csv"), stringsAsFactors = FALSE)
stopifnot(nrow(d) == 445, all(d$earn5k78 == as.integer(d$re78 > 5000)))
# covariate matrix: a mean of a column, or the indicator of a level (name[level])
xcol <- function(name) {
  if (grepl("\\[", name)) {
    v <- sub("^(.*)\\[(.*)\\]$", "\\1", name); lev <- sub("^(.*)\\[(.*)\\]$", "\\2", name)
    as.numeric(as.character(d[[v]]) == lev)
  } else d[[name]]
}
X <- sapply(tg$covariate, xcol)
m <- tg$value
Y <- cbind(d$employed78, d$earn5k78)
a <- c(12 + 12, 12 + 0) / (2 * 24)
out <- list()
# rows in the long layout of tests/reference/kitcmp.py: analysis, outcome, term, timepoint, method, field, value
add <- function(analysis, outcome, term, tp, method, field, value, note)
  out[[length(out) + 1]] <<- data.frame(analysis = analysis, outcome = outcome, term = term, timepoint = tp,
                                        method = method, field = field, value = sprintf("%.15g", value),
                                        method_note = note)
fit <- list()
for (g in c(1, 0)) {
  x <- X[d$treat == g, , drop = FALSE]; y <- Y[d$treat == g, , drop = FALSE]; n <- nrow(x); k <- ncol(x)
  sc <- apply(x, 2, function(v) diff(range(v)))
  z <- sweep(sweep(x, 2, m), 2, sc, "/")
  l <- rep(0, k)
  for (it in 1:100) {
    e <- drop(z %*% l); w <- exp(e - max(e)); w <- w / sum(w)
    gr <- colSums(w * z)
    if (max(abs(gr)) < 1e-15) break
    H <- crossprod(z * sqrt(w)) - tcrossprod(gr)
    l <- l - solve(H, gr)
  }
  lam <- l / sc
  zz <- sweep(x, 2, m)                       # unscaled z
  u <- exp(drop(zz %*% lam)); w <- u / sum(u)
  mu <- colSums(w * y); p <- colMeans(y)
  # stacked psi (n x (k + 4)) and its Jacobian, averaged
  psi <- cbind(u * zz, u * (y[, 1] - mu[1]), u * (y[, 2] - mu[2]), y[, 1] - p[1], y[, 2] - p[2])
  q <- k + 4
  A <- matrix(0, q, q)
  A[1:k, 1:k] <- crossprod(zz * u, zz) / n                      # d(u z)/dl = u z z'
  for (t in 1:2) {
    A[k + t, 1:k] <- colSums(u * (y[, t] - mu[t]) * zz) / n       # d(u (y - mu))/dl
    A[k + t, k + t] <- -sum(u) / n                               # d/dmu
    A[k + 2 + t, k + 2 + t] <- -1
  }
  B <- crossprod(psi) / n
  Ai <- solve(A)
  V <- Ai %*% B %*% t(Ai) / n
  fit[[as.character(g)]] <- list(w = w, mu = mu, p = p, V = V, k = k, n = n, lam = lam, it = it)
  for (t in 1:2) {
    tp <- c("12", "24")[t]
    add("transported_proportion", "employed", g, tp, "entropy_sandwich", "estimate", mu[t], "sum w y, entropy weights to target.csv (Newton on the dual)")
    add("transported_proportion", "employed", g, tp, "entropy_sandwich", "se", sqrt(V[k + t, k + t]), "stacked M-estimator sandwich A^-1 B A^-T / n")
    add("transported_proportion", "employed", g, tp, "entropy_sandwich", "n", n, "participants weighted")
    add("effective_sample_size", "employed", g, tp, "entropy", "estimate", sum(w)^2 / sum(w^2), "(sum w)^2 / sum w^2")
  }
  for (j in 1:k) add("transport_balance", g, tg$covariate[j], "", "weighted", "estimate", sum(w * x[, j]),
                     "weighted mean (= the target)")
}
f1 <- fit[["1"]]; f0 <- fit[["0"]]; k <- f1$k
for (t in 1:2) {
  tp <- c("12", "24")[t]
  rd <- f1$mu[t] - f0$mu[t]; se <- sqrt(f1$V[k + t, k + t] + f0$V[k + t, k + t])
  add("transported_effect", "employed", "arm", tp, "entropy_sandwich", "estimate", rd, "weighted IPS - weighted control")
  add("transported_effect", "employed", "arm", tp, "entropy_sandwich", "se", se, "sqrt of the two arms' sandwich variances (independent arms)")
  add("transported_effect", "employed", "arm", tp, "entropy_sandwich", "ci_low", rd - qnorm(0.975) * se, "normal 95%")
  add("transported_effect", "employed", "arm", tp, "entropy_sandwich", "ci_high", rd + qnorm(0.975) * se, "normal 95%")
}
# the path: sum a_t rd_t, its variance a' (V1 + V0) a over the mu block; the explained part sum a_t (raw rd - rd)
mi <- k + 1:2; pi <- k + 3:4
path <- sum(a * (f1$mu - f0$mu))
vpath <- drop(t(a) %*% (f1$V[mi, mi] + f0$V[mi, mi]) %*% a)
cvec <- c(rep(0, k), -a, a)                  # raw - transported, per arm
vexp <- drop(t(cvec) %*% f1$V %*% cvec + t(cvec) %*% f0$V %*% cvec)
raw <- sum(a * (f1$p - f0$p))
add("source_effect", "compare", "trial_transported", "", "entropy_sandwich", "estimate", path, "sum a_t rd_t, a = (0.5, 0.25)")
add("source_effect", "compare", "trial_transported", "", "entropy_sandwich", "se", sqrt(vpath), "a' (V1 + V0) a, the mu blocks of the stacked sandwich")
add("source_effect", "compare", "trial_transported_explained", "", "entropy_sandwich", "estimate", raw - path, "sum a_t (unweighted rd_t - rd_t)")
add("source_effect", "compare", "trial_transported_explained", "", "entropy_sandwich", "se", sqrt(vexp),
    "c' V c per arm, c = (0, -a, a) over (l, mu, p), summed over the arms")
res <- do.call(rbind, out)
write.csv(res, file.path(here, "expected.csv"), row.names = FALSE, quote = TRUE)
cat(sprintf("Newton steps: treat=1 %d, treat=0 %d; %d values written\n", f1$it, f0$it, nrow(res)))
