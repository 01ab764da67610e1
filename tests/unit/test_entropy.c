/* stats/st_entropy: entropy weights for transporting a trial arm to a target population's covariate means.
 *  1. An arm reweighted to its own covariate means keeps equal weights: the transported mean is the arm's mean
 *     and the effective sample size is n (so a trial "transported" to itself, arm by arm, gives the trial effect).
 *  2. One binary covariate: the weights have a closed form (target share m spread over the n1 with x = 1, 1 - m over
 *     the n0 with x = 0), the transported mean is the post-stratified m ybar1 + (1 - m) ybar0 and its robust SE the
 *     post-stratified one, sqrt(sum (m/n1)^2 (y - ybar1)^2 + sum ((1-m)/n0)^2 (y - ybar0)^2).
 *  3. Three covariates (age, a binary, a skewed count): the target means are reproduced to 1e-8; the ESS equals
 *     (sum w)^2 / sum w^2 computed here; the weights are exp(x'l) normalised.
 *  4. A target outside a covariate's range is refused naming the covariate. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats/st_entropy.h"
#include "tests/t_check.h"

int main(void)
{
    gsl_set_error_handler_off();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 24);
    enum { N = 300, K = 3 };
    double x[N * K], y[N];
    for (int i = 0; i < N; i++) {
        x[i] = 20 + 40 * gsl_rng_uniform(r);                       /* age */
        x[N + i] = gsl_rng_uniform(r) < 0.4;                         /* male */
        x[2 * N + i] = gsl_ran_poisson(r, 2.0);                      /* prior episodes */
        y[i] = (gsl_rng_uniform(r) < 0.2 + 0.005 * (x[i] - 20) + 0.1 * x[N + i]) ? 1 : 0;
    }
    const char *names[K] = {"age", "sex[male]", "episodes"};
    core_err err;
    st_entropy_fit f;
    /* 1. own means */
    double own[K] = {0};
    for (int j = 0; j < K; j++) {
        for (int i = 0; i < N; i++)
            own[j] += x[j * N + i];
        own[j] /= N;
    }
    t_int(st_entropy_weights(x, N, K, own, names, 0, &f, &err), CORE_OK, "weights to the sample's own means");
    double mu, se, ybar = 0, maxdev = 0;
    for (int i = 0; i < N; i++) {
        ybar += y[i] / N;
        maxdev = fmax(maxdev, fabs(f.w[i] - 1.0 / N));
    }
    t_true(maxdev < 1e-15, "own means: equal weights (max deviation %g)", maxdev);
    st_entropy_mean(&f, x, own, y, &mu, &se, NULL, &err);
    t_rel(mu, ybar, 1e-13, "own means: the transported mean is the sample mean");
    t_rel(f.ess, N, 1e-12, "own means: ESS = n");
    st_entropy_fit_free(&f);

    /* 2. one binary covariate: closed form */
    double m1 = 0.55, n1 = 0, y1 = 0, y0 = 0;
    for (int i = 0; i < N; i++) {
        n1 += x[N + i];
        y1 += x[N + i] * y[i];
        y0 += (1 - x[N + i]) * y[i];
    }
    double n0 = N - n1;
    y1 /= n1, y0 /= n0;
    t_int(st_entropy_weights(x + N, N, 1, &m1, names + 1, 0, &f, &err), CORE_OK, "weights to 55%% male");
    double dw = 0, v = 0, s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double want = x[N + i] ? m1 / n1 : (1 - m1) / n0;
        dw = fmax(dw, fabs(f.w[i] - want) / want);
        v += want * want * pow(y[i] - (x[N + i] ? y1 : y0), 2);
        s += f.w[i];
        s2 += f.w[i] * f.w[i];
    }
    t_true(dw < 1e-10, "binary covariate: weights m/n1 and (1-m)/n0 (rel. dev. %g)", dw);
    st_entropy_mean(&f, x + N, &m1, y, &mu, &se, NULL, &err);
    t_rel(mu, m1 * y1 + (1 - m1) * y0, 1e-10, "binary covariate: post-stratified mean");
    t_rel(se, sqrt(v), 1e-9, "binary covariate: robust SE = the post-stratified SE");
    t_rel(f.ess, s * s / s2, 1e-12, "ESS = (sum w)^2 / sum w^2");
    st_entropy_fit_free(&f);

    /* 3. three covariates to a target inside the range */
    double tgt[K] = {38.5, 0.55, 2.6};
    t_int(st_entropy_weights(x, N, K, tgt, names, 0, &f, &err), CORE_OK, "weights to (38.5, 55%%, 2.6)");
    double gap = 0, wmax = 0;
    s = s2 = 0;
    for (int j = 0; j < K; j++) {
        double a = 0;
        for (int i = 0; i < N; i++)
            a += f.w[i] * x[j * N + i];
        gap = fmax(gap, fabs(a - tgt[j]));
    }
    double tot = 0;
    for (int i = 0; i < N; i++) {
        double e = 0;
        for (int j = 0; j < K; j++)
            e += x[j * N + i] * f.lambda[j];
        tot += exp(e);
    }
    for (int i = 0; i < N; i++) {
        double e = 0;
        for (int j = 0; j < K; j++)
            e += x[j * N + i] * f.lambda[j];
        wmax = fmax(wmax, fabs(exp(e) / tot - f.w[i]) / f.w[i]);
        s += f.w[i];
        s2 += f.w[i] * f.w[i];
    }
    t_true(gap < 1e-8, "the weighted means reproduce the target to 1e-8 (max gap %g)", gap);
    t_true(wmax < 1e-9, "the weights are exp(x'l) normalised (rel. dev. %g)", wmax);
    t_rel(f.ess, s * s / s2, 1e-12, "ESS = (sum w)^2 / sum w^2 (%.1f of %d)", f.ess, N);
    t_true(f.ess < N, "reweighting costs effective sample size");
    st_entropy_fit_free(&f);

    /* 4. outside the range */
    double bad[K] = {65, 0.5, 2};
    t_int(st_entropy_weights(x, N, K, bad, names, 0, &f, &err), CORE_ERR_ANALYSIS, "a target age of 65 refused");
    t_contains(err.msg, "'age'", "names the covariate");
    t_contains(err.msg, "outside its range", "and says why");
    gsl_rng_free(r);
    return t_summary("test_entropy");
}
