## R peers of bench/trial.sh at trial size, on the reference kits' data (tests/reference/kits): one task per call,
##   Rscript bench/trial_peers.R TASK FILE
##   cox:   survival::coxph(Surv(time, status) ~ factor(trt), ties = "efron")            (veteran, 137)
##   glmer: lme4::glmer(resp ~ factor(age) + smoke + (1 | id), binomial, Laplace)        (Ohio wheeze, 2,148)
##   rma:   metafor::rma(log risk ratios, method = "REML")                               (BCG, 13 trials)
## The fit is timed in-process (packages loaded and data read beforehand), median of 5 after a warm-up.
## Prints "TASK seconds S estimate E" (E: the treatment coefficient; the pooled risk ratio for rma).
args <- commandArgs(trailingOnly = TRUE)
task <- args[1]; d <- read.csv(args[2])
fit <- switch(task,
  cox = { suppressPackageStartupMessages(library(survival))
          function() coef(coxph(Surv(time, status) ~ factor(trt), data = d, ties = "efron"))[[1]] },
  glmer = { suppressPackageStartupMessages(library(lme4)); d$tp <- factor(d$age)
            function() fixef(glmer(resp ~ tp + smoke + (1 | id), data = d, family = binomial, nAGQ = 1))[["smoke"]] },
  rma = { suppressPackageStartupMessages(library(metafor))
          function() { e <- escalc(measure = "RR", ai = tpos, n1i = n_t, ci = cpos, n2i = n_c, data = d)
                       exp(as.numeric(coef(rma(yi, vi, data = e, method = "REML")))) } },
  stop("unknown task ", task))
est <- fit()
ts <- sapply(1:5, function(i) { t0 <- Sys.time(); fit(); as.numeric(Sys.time() - t0, units = "secs") })
cat(sprintf("%s seconds %.5f estimate %.12g\n", task, median(ts), est))
