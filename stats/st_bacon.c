/* The Goodman-Bacon decomposition of the TWFE coefficient (see st_bacon.h). */
#include "stats/st_bacon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const st_bacon_type_names[ST_BACON_NTYPES] = {"treated_vs_never", "earlier_vs_later", "later_vs_earlier",
                                                          "treated_vs_always"};

void st_bacon_result_free(st_bacon_result *r)
{
    if (!r)
        return;
    free(r->pair);
    memset(r, 0, sizeof *r);
}

/* mean of group k's means over periods a..b (inclusive) */
static double wmean(const double *ybar, size_t T, size_t k, int a, int b)
{
    double s = 0;
    for (int t = a; t <= b; t++)
        s += ybar[k * T + (size_t)t];
    return s / (double)(b - a + 1);
}

core_status st_bacon(size_t K, size_t T, const double *size, const int *first, const double *ybar, st_bacon_result *r,
                     core_err *err)
{
    memset(r, 0, sizeof *r);
    if (K < 2 || T < 2)
        return core_err_set(err, CORE_ERR_USAGE, "Bacon decomposition: need two groups and two periods");
    double N = 0;
    for (size_t k = 0; k < K; k++) {
        if (!(size[k] > 0) || first[k] < 0 || first[k] > (int)T)
            return core_err_set(err, CORE_ERR_USAGE, "Bacon decomposition: group %zu has a bad size or start", k);
        for (size_t j = 0; j < k; j++)
            if (first[j] == first[k])
                return core_err_set(err, CORE_ERR_USAGE, "Bacon decomposition: groups %zu and %zu start together", j,
                                    k);
        N += size[k];
    }
    /* the double-demeaned treatment and the closed-form coefficient */
    double *Dt = calloc(T, sizeof *Dt), *Dk = malloc(K * sizeof *Dk);
    if (!Dt || !Dk) {
        free(Dt);
        free(Dk);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    double Dbar = 0;
    for (size_t k = 0; k < K; k++) {
        double nk = size[k] / N;
        Dk[k] = (double)((int)T - first[k]) / (double)T;
        Dbar += nk * Dk[k];
        for (size_t t = 0; t < T; t++)
            Dt[t] += nk * ((int)t >= first[k] ? 1.0 : 0.0);
    }
    double num = 0, V = 0;
    for (size_t k = 0; k < K; k++) {
        double nk = size[k] / N;
        for (size_t t = 0; t < T; t++) {
            double dd = ((int)t >= first[k] ? 1.0 : 0.0) - Dk[k] - Dt[t] + Dbar;
            num += nk * dd * ybar[k * T + t];
            V += nk * dd * dd;
        }
    }
    V /= (double)T;
    num /= (double)T;
    free(Dt);
    if (!(V > 1e-14)) {
        free(Dk);
        return core_err_set(err, CORE_ERR_ANALYSIS, "Bacon decomposition: the treatment does not vary beyond the unit "
                            "and period fixed effects");
    }
    r->beta = num / V;
    r->pair = calloc(K * K + 1, sizeof *r->pair);
    if (!r->pair) {
        free(Dk);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t a = 0; a < K; a++)
        for (size_t b = 0; b < K; b++) {
            if (first[a] >= first[b]) /* a starts first (the earlier group) */
                continue;
            double na = size[a] / N, nb = size[b] / N, nab = na / (na + nb), Da = Dk[a], Db = Dk[b];
            int fa = first[a], fb = first[b];
            /* a treated, b control: before b starts */
            if (fa > 0) {
                double w = pow((na + nb) * (1 - Db), 2) * nab * (1 - nab) * ((Da - Db) / (1 - Db)) *
                           ((1 - Da) / (1 - Db)) / V;
                double est = (wmean(ybar, T, a, fa, fb - 1) - wmean(ybar, T, a, 0, fa - 1)) -
                             (wmean(ybar, T, b, fa, fb - 1) - wmean(ybar, T, b, 0, fa - 1));
                r->pair[r->n_pairs++] = (st_bacon_pair){a, b, fb == (int)T ? ST_BACON_TREATED_VS_NEVER
                                                                           : ST_BACON_EARLIER_VS_LATER, est, w};
            }
            /* b treated, a (treated since fa) control: from a's start */
            if (fb < (int)T) {
                double w = pow((na + nb) * Da, 2) * nab * (1 - nab) * (Db / Da) * ((Da - Db) / Da) / V;
                double est = (wmean(ybar, T, b, fb, (int)T - 1) - wmean(ybar, T, b, fa, fb - 1)) -
                             (wmean(ybar, T, a, fb, (int)T - 1) - wmean(ybar, T, a, fa, fb - 1));
                r->pair[r->n_pairs++] = (st_bacon_pair){b, a, fa == 0 ? ST_BACON_TREATED_VS_ALWAYS
                                                                      : ST_BACON_LATER_VS_EARLIER, est, w};
            }
        }
    free(Dk);
    for (size_t q = 0; q < r->n_pairs; q++) {
        const st_bacon_pair *p = &r->pair[q];
        r->sum_weights += p->weight;
        r->sum_weighted += p->weight * p->estimate;
        r->type_weight[p->type] += p->weight;
        r->type_estimate[p->type] += p->weight * p->estimate;
    }
    for (int t = 0; t < ST_BACON_NTYPES; t++)
        r->type_estimate[t] = r->type_weight[t] > 0 ? r->type_estimate[t] / r->type_weight[t] : NAN;
    return CORE_OK;
}
