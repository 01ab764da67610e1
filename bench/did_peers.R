## R peers of bench/did.sh: the same TWFE (person and year fixed effects) of workdays on treated with
## standard errors clustered by municipality, on the same CSV. One peer per call (so each one's peak memory
## is its own): Rscript bench/did_peers.R PEER FILE.csv
##   datatable: data.table::fread, hand-written double demeaning (exact for a balanced panel: one pass of
##              person and year means), lm on the demeaned data, sandwich::vcovCL(cluster = municipality,
##              type = "HC1") with the CR1 factor corrected to the fixed-effects degrees of freedom
##   plm:       plm::plm(model = "within", effect = "twoways") + the CR1 sandwich by hand from its
##              within-transformed model matrix (clubSandwich::vcovCR on it needs 31.7 Gb)
##   estimatr:  estimatr::lm_robust(fixed_effects = ~ person + year, clusters = municipality, se_type = "stata")
##   fread:     data.table::fread alone (the ingestion peer)
## Prints "PEER read SECONDS estimation SECONDS estimate SE"; the estimation excludes reading the file.
args <- commandArgs(trailingOnly = TRUE)
peer <- args[1]; file <- args[2]
suppressPackageStartupMessages(library(data.table))
t0 <- Sys.time()
d <- fread(file)
t1 <- Sys.time()
if (peer == "fread") {
  est <- NA; se <- NA
} else if (peer == "datatable") {
  suppressPackageStartupMessages(library(sandwich))
  t1 <- Sys.time()
  d[, `:=`(y_p = mean(workdays), d_p = mean(treated)), by = person]
  d[, `:=`(y_t = mean(workdays), d_t = mean(treated)), by = year]
  d[, `:=`(yd = workdays - y_p - y_t + mean(workdays), dd = treated - d_p - d_t + mean(treated))]
  fit <- lm(yd ~ 0 + dd, data = d)
  V <- vcovCL(fit, cluster = ~municipality, type = "HC0", cadjust = TRUE)
  G <- uniqueN(d$municipality); N <- nrow(d); K <- 1 + uniqueN(d$year) - 1  # reghdfe/fixest K: treated + year FE not nested
  se <- sqrt(V[1, 1] * (N - 1) / (N - K))
  est <- coef(fit)[[1]]
} else if (peer == "plm") {
  suppressPackageStartupMessages(library(plm))
  t1 <- Sys.time()
  pd <- pdata.frame(as.data.frame(d), index = c("person", "year"))
  fit <- plm(workdays ~ treated, data = pd, model = "within", effect = "twoways")
  ## clubSandwich::vcovCR on this fit asks for a 31.7 Gb vector (it builds the cluster blocks), so the CR1
  ## sandwich is written out from plm's within-transformed model matrix and residuals
  X <- model.matrix(fit); e <- as.numeric(residuals(fit)); XtXi <- solve(crossprod(X))
  sc <- rowsum(X * e, as.character(pd$municipality)); G <- nrow(sc); N <- nrow(X); K <- 1 + uniqueN(d$year) - 1
  V <- XtXi %*% crossprod(sc) %*% XtXi * G / (G - 1) * (N - 1) / (N - K)
  est <- coef(fit)[[1]]; se <- sqrt(V[1, 1])
} else if (peer == "estimatr") {
  suppressPackageStartupMessages(library(estimatr))
  t1 <- Sys.time()
  fit <- lm_robust(workdays ~ treated, data = d, fixed_effects = ~ person + year, clusters = municipality,
                   se_type = "stata")
  est <- coef(fit)[["treated"]]; se <- fit$std.error[["treated"]]
} else stop("unknown peer ", peer)
t2 <- Sys.time()
cat(sprintf("%s read %.4f estimation %.4f estimate %.12g se %.12g\n", peer, as.numeric(t1 - t0, units = "secs"),
            as.numeric(t2 - t1, units = "secs"), est, se))
