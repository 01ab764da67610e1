/* Adjusted p-values: Bonferroni, Holm, Benjamini–Hochberg (see st_multiplicity.h). */
#include "stats/st_multiplicity.h"

#include <math.h>
#include <stdlib.h>

typedef struct p_idx {
    double p;
    size_t i;
} p_idx;

static int cmp_p(const void *a, const void *b)
{
    const p_idx *x = a, *y = b;
    if (x->p != y->p)
        return (x->p > y->p) - (x->p < y->p);
    return (x->i > y->i) - (x->i < y->i); /* stable: ties keep input order */
}

core_status st_p_adjust(const double *p, size_t n, st_padj_method method, double *adj, core_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]) && !(p[i] >= 0 && p[i] <= 1))
            return core_err_set(err, CORE_ERR_USAGE, "p-value %zu is %g, outside [0, 1]", i + 1, p[i]);
    p_idx *s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            s[m++] = (p_idx){p[i], i};
    for (size_t i = 0; i < n; i++)
        if (isnan(p[i]))
            adj[i] = NAN;
    qsort(s, m, sizeof *s, cmp_p);
    double dm = (double)m;
    switch (method) {
    case ST_PADJ_NONE:
        for (size_t k = 0; k < m; k++)
            adj[s[k].i] = s[k].p;
        break;
    case ST_PADJ_BONFERRONI:
        for (size_t k = 0; k < m; k++)
            adj[s[k].i] = fmin(1, dm * s[k].p);
        break;
    case ST_PADJ_HOLM: {
        /* step-down: cummax over ascending p of (m - k) p_(k), k from 0 */
        double run = 0;
        for (size_t k = 0; k < m; k++) {
            run = fmax(run, fmin(1, (dm - (double)k) * s[k].p));
            adj[s[k].i] = run;
        }
        break;
    }
    case ST_PADJ_BH: {
        /* step-up: cummin from the largest p of m / (k + 1) p_(k) */
        double run = 1;
        for (size_t k = m; k-- > 0;) {
            run = fmin(run, dm / (double)(k + 1) * s[k].p);
            adj[s[k].i] = fmin(1, run);
        }
        break;
    }
    default:
        free(s);
        return core_err_set(err, CORE_ERR_USAGE, "unknown p-value adjustment %d", (int)method);
    }
    free(s);
    return CORE_OK;
}
