# The peer of `ipseval cba` in bench/cba.sh: the same cost-benefit model (../shared/DOMAIN-models.md §3),
# written independently and vectorised in base R: PSA over N draws, CEAC, acceptability frontier and EVPI over
# the WTP grid, per QALY and per job-year. Reads the bench config (the subset of keys the bench uses:
# constant persistence, flat tax, fixed discount rate), prints the deterministic figures and the PSA summaries
# as "name,value" lines for bench/cba.sh to compare with ipseval's results, and the compute time.
# Usage: Rscript bench/cba_peer.R CONFIG.ini SEED
args <- commandArgs(trailingOnly = TRUE)
cfg_path <- args[1]
seed <- as.integer(args[2])

# ---- a minimal INI reader for [cba] (values end at ';') ----
lines <- readLines(cfg_path)
sec <- ""
kv <- list()
for (ln in lines) {
  ln <- sub(";.*$", "", ln)
  ln <- trimws(ln)
  if (ln == "") next
  if (grepl("^\\[", ln)) { sec <- gsub("\\[|\\]", "", ln); next }
  if (sec != "cba") next
  k <- trimws(sub("=.*$", "", ln)); v <- trimws(sub("^[^=]*=", "", ln))
  kv[[k]] <- v
}
num <- function(k, def = 0) if (is.null(kv[[k]])) def else as.numeric(kv[[k]])
nums <- function(k) as.numeric(strsplit(kv[[k]], ",")[[1]])
dist <- function(k) {
  d <- kv[[paste0(k, ".dist")]]
  if (is.null(d)) return(NULL)
  fam <- sub("\\(.*$", "", d)
  a <- regmatches(d, gregexpr("[a-z]+ *= *[-0-9.e+]+", d))[[1]]
  p <- setNames(as.numeric(sub(".*= *", "", a)), trimws(sub("=.*", "", a)))
  list(fam = fam, mean = p[["mean"]], se = p[["se"]])
}

H <- num("horizon_years"); r <- num("discount_rate"); mcpf <- num("mcpf")
months <- nums("effect_months"); eff <- nums("effect"); eff_se <- nums("effect_se")
wtp_spec <- as.numeric(strsplit(kv[["wtp"]], ":")[[1]])
wtp <- seq(wtp_spec[1], wtp_spec[2], by = wtp_spec[3])
N <- num("psa_draws")
conf <- 0.95
keys <- c("cost_ips", "cost_control", "wage", "employer_contributions", "tax_rate", "benefit",
          "benefit_reduction", "health_cost_change", "qaly_gain", "value_per_qaly")
base <- sapply(keys, function(k) num(k, if (k == "benefit_reduction") 1 else 0))

# ---- yearly effects: mean over each year of the piecewise-linear curve through (0,0) and the effect months,
# constant after the last; integrated exactly, segment by segment ----
yearly_matrix <- function(months, H) {
  # A[y, k]: contribution of effect k to e_y (e_y is linear in the effects)
  K <- length(months); A <- matrix(0, H, K)
  t <- c(0, months)
  for (k in 1:K) {
    v <- c(0, as.numeric(seq_len(K) == k))      # the k-th basis curve at the knots
    f <- function(x) ifelse(x >= t[K + 1], v[K + 1], approx(t, v, xout = pmin(x, t[K + 1]))$y)
    for (y in 1:H) {
      lo <- 12 * (y - 1); hi <- 12 * y
      br <- sort(unique(c(lo, hi, t[t > lo & t < hi])))
      s <- 0
      for (i in seq_len(length(br) - 1)) s <- s + (br[i + 1] - br[i]) * (f(br[i]) + f(br[i + 1])) / 2
      A[y, k] <- s / 12
    }
  }
  A
}
window_matrix <- function(months) {
  K <- length(months); T <- months[K]; ny <- ceiling(T / 12); W <- matrix(0, ny, K)
  t <- c(0, months)
  for (k in 1:K) {
    v <- c(0, as.numeric(seq_len(K) == k))
    f <- function(x) approx(t, v, xout = x)$y
    for (y in 1:ny) {
      lo <- 12 * (y - 1); hi <- min(12 * y, T)
      br <- sort(unique(c(lo, hi, t[t > lo & t < hi])))
      s <- 0
      for (i in seq_len(length(br) - 1)) s <- s + (br[i + 1] - br[i]) * (f(br[i]) + f(br[i + 1])) / 2
      W[y, k] <- s / 12
    }
  }
  W
}

t0 <- proc.time()[["elapsed"]]
A <- yearly_matrix(months, H)
Wm <- window_matrix(months)
d <- (1 + r)^-(1:H)
dw <- (1 + r)^-(seq_len(nrow(Wm)))

# ---- the model, vectorised over rows of P (parameters) and E (effects) ----
model <- function(P, E) {
  ey <- E %*% t(A)                                   # N x H yearly effects
  pv_e <- as.vector(ey %*% d); pv_d <- sum(d)
  dc <- P[, "cost_ips"] - P[, "cost_control"]
  w <- P[, "wage"]; ec <- P[, "employer_contributions"]; tx <- P[, "tax_rate"]
  Pv <- pv_e * w * (1 + ec); Tv <- pv_e * (tx * w + ec * w)
  Bv <- pv_e * P[, "benefit"] * P[, "benefit_reduction"]
  Hc <- pv_d * P[, "health_cost_change"]; Q <- pv_d * P[, "qaly_gain"] * P[, "value_per_qaly"]
  npv_gov <- -dc + Tv + Bv - Hc
  npv_part <- pv_e * w * (1 - tx) - Bv
  npv_soc <- -dc + Pv - Hc + Q + mcpf * npv_gov
  U <- matrix(0, H, H); U[upper.tri(U, diag = TRUE)] <- 1   # cumulative sums over years as one product
  cum <- (ey * rep(d, each = nrow(ey))) %*% U
  bew <- dc / cum
  bew[cum <= 0] <- Inf
  sw <- as.vector((E %*% t(Wm)) %*% dw)
  list(dc = dc, npv_soc = npv_soc, npv_gov = npv_gov, npv_part = npv_part, bew = bew,
       bew_tw = ifelse(sw > 0, dc / sw, Inf), dch = dc + Hc, dq = pv_d * P[, "qaly_gain"], dj = pv_e)
}

# deterministic
det <- model(matrix(base, 1, dimnames = list(NULL, keys)), matrix(eff, 1))

# ---- PSA: method-of-moments draws ----
set.seed(seed)
P <- matrix(rep(base, each = N), N, dimnames = list(NULL, keys))
for (k in keys) {
  dd <- dist(k)
  if (is.null(dd)) next
  m <- dd$mean; s <- dd$se
  P[, k] <- switch(dd$fam,
    normal = rnorm(N, m, s),
    lognormal = { s2 <- log(1 + s^2 / m^2); rlnorm(N, log(m) - s2 / 2, sqrt(s2)) },
    gamma = rgamma(N, shape = (m / s)^2, scale = s^2 / m),
    beta = { kk <- m * (1 - m) / s^2 - 1; rbeta(N, m * kk, (1 - m) * kk) })
}
E <- matrix(rnorm(N * length(eff), rep(eff, each = N), rep(eff_se, each = N)), N)
out <- model(P, E)

q <- c((1 - conf) / 2, 1 - (1 - conf) / 2)
nb_stats <- function(de) {  # CEAC, frontier and EVPI over the WTP grid
  NB <- outer(de, wtp) - out$dch                    # N x length(wtp)
  m <- colMeans(NB)
  ceac <- colMeans(NB > 0)
  list(ceac = ceac, frontier = ifelse(m > 0, ceac, 1 - ceac), evpi = colMeans(pmax(NB, 0)) - pmax(m, 0))
}
sq <- nb_stats(out$dq)
sj <- nb_stats(out$dj)
summ <- list(npv_soc = out$npv_soc, npv_gov = out$npv_gov, npv_part = out$npv_part, dc = out$dc)
qs <- lapply(summ, function(x) c(mean(x), sd(x), quantile(x, q, type = 7)))
bq <- apply(out$bew, 2, quantile, probs = q, type = 7)
elapsed <- proc.time()[["elapsed"]] - t0

cat(sprintf("det_npv_societal,%.17g\ndet_npv_government,%.17g\ndet_npv_participant,%.17g\n", det$npv_soc,
            det$npv_gov, det$npv_part))
for (h in 1:H) cat(sprintf("det_bew_%d,%.17g\n", h, det$bew[1, h]))
cat(sprintf("det_bew_trial_window,%.17g\n", det$bew_tw))
for (nm in names(qs)) cat(sprintf("psa_%s_mean,%.17g\npsa_%s_sd,%.17g\npsa_%s_lo,%.17g\npsa_%s_hi,%.17g\n",
                                  nm, qs[[nm]][1], nm, qs[[nm]][2], nm, qs[[nm]][3], nm, qs[[nm]][4]))
for (h in 1:H) cat(sprintf("psa_bew_%d_lo,%.17g\npsa_bew_%d_hi,%.17g\n", h, bq[1, h], h, bq[2, h]))
for (i in seq_along(wtp)) cat(sprintf("ceac_qaly_%.15g,%.17g\nceac_job_%.15g,%.17g\nevpi_job_%.15g,%.17g\n",
                                      wtp[i], sq$ceac[i], wtp[i], sj$ceac[i], wtp[i], sj$evpi[i]))
cat(sprintf("p_npv_societal,%.17g\n", mean(out$npv_soc > 0)))
cat(sprintf("compute_seconds,%.3f\n", elapsed))
