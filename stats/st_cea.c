/* The incremental analysis (dominance, extended dominance, frontier ICERs) and net benefit over several
 * options. See st_cea.h. */
#include "stats/st_cea.h"

#include <math.h>
#include <stdlib.h>

const char *st_ce_status_name(st_ce_status s)
{
    static const char *const names[] = {"frontier_start", "frontier", "dominated", "extendedly_dominated"};
    return (unsigned)s < 4 ? names[s] : "unknown";
}

typedef struct ce_item {
    double c, e;
    size_t i;
} ce_item;

/* Cost ascending; a tie in cost: more effective first; then input order. */
static int cmp_cost(const void *a, const void *b)
{
    const ce_item *x = a, *y = b;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

core_status st_ce_frontier(const double *cost, const double *effect, size_t k, st_ce_option *out, core_err *err)
{
    if (k == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "incremental analysis: no options");
    for (size_t j = 0; j < k; j++)
        if (!isfinite(cost[j]) || !isfinite(effect[j]))
            return core_err_set(err, CORE_ERR_ANALYSIS, "incremental analysis: option %zu has a non-finite %s", j + 1,
                                isfinite(cost[j]) ? "effect" : "cost");
    ce_item *it = malloc(k * sizeof *it);
    size_t *live = malloc(k * sizeof *live);
    if (!it || !live) {
        free(it);
        free(live);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t j = 0; j < k; j++) {
        it[j] = (ce_item){cost[j], effect[j], j};
        out[j] = (st_ce_option){.status = ST_CE_FRONTIER, .by = -1, .by2 = -1, .prev = -1, .d_cost = NAN,
                                .d_effect = NAN, .icer = NAN};
    }
    qsort(it, k, sizeof *it, cmp_cost);
    for (size_t r = 0; r < k; r++)
        out[it[r].i].cost_rank = r;

    /* 1. strict dominance: j is dominated by an option that costs no more and yields no less, better in one;
     *    identical options: the first in input order stands for them. Scanning in cost order, the first
     *    dominating option found is the cheapest (then the most effective). */
    for (size_t r = 0; r < k; r++) {
        size_t j = it[r].i;
        for (size_t q = 0; q < k; q++) {
            size_t i = it[q].i;
            if (i == j || cost[i] > cost[j] || effect[i] < effect[j])
                continue;
            int same = cost[i] == cost[j] && effect[i] == effect[j];
            if (same && i > j)
                continue;
            out[j].status = ST_CE_DOMINATED;
            out[j].by = (long)i;
            out[j].identical = same;
            break;
        }
    }
    /* 2. extended dominance among the rest, in cost order (no two share a cost now) */
    size_t m = 0;
    for (size_t r = 0; r < k; r++)
        if (out[it[r].i].status != ST_CE_DOMINATED)
            live[m++] = it[r].i;
    for (;;) {
        size_t drop = 0;
        for (size_t q = 1; q + 1 < m && !drop; q++) {
            size_t a = live[q - 1], b = live[q], c = live[q + 1];
            double i1 = (cost[b] - cost[a]) / (effect[b] - effect[a]);
            double i2 = (cost[c] - cost[b]) / (effect[c] - effect[b]);
            if (i1 > i2)
                drop = q;
        }
        if (!drop)
            break;
        out[live[drop]].status = ST_CE_EXTENDED;
        for (size_t q = drop; q + 1 < m; q++)
            live[q] = live[q + 1];
        m--;
    }
    /* 3. the frontier's ICERs */
    out[live[0]].status = ST_CE_START;
    for (size_t q = 1; q < m; q++) {
        size_t a = live[q - 1], b = live[q];
        out[b].status = ST_CE_FRONTIER;
        out[b].prev = (long)a;
        out[b].d_cost = cost[b] - cost[a];
        out[b].d_effect = effect[b] - effect[a];
        out[b].icer = out[b].d_cost / out[b].d_effect;
    }
    /* the bracketing frontier pair of each extendedly dominated option (frontier effects increase with cost) */
    for (size_t j = 0; j < k; j++) {
        if (out[j].status != ST_CE_EXTENDED)
            continue;
        for (size_t q = 0; q + 1 < m; q++)
            if (effect[live[q]] < effect[j] && effect[j] < effect[live[q + 1]]) {
                out[j].by = (long)live[q];
                out[j].by2 = (long)live[q + 1];
                break;
            }
    }
    free(it);
    free(live);
    return CORE_OK;
}

void st_ce_acceptability(const double *cost, const double *effect, size_t R, size_t k, double lambda, double *prob,
                         double *mean_nb, size_t *best, double *evpi)
{
    double sum_max = 0, *mn = mean_nb;
    for (size_t j = 0; j < k; j++)
        prob[j] = mn[j] = 0;
    for (size_t r = 0; r < R; r++) {
        double mx = -INFINITY;
        size_t ties = 0;
        for (size_t j = 0; j < k; j++) {
            double nb = lambda * effect[r * k + j] - cost[r * k + j];
            mn[j] += nb;
            if (nb > mx) {
                mx = nb;
                ties = 1;
            } else if (nb == mx)
                ties++;
        }
        sum_max += mx;
        for (size_t j = 0; j < k; j++)
            if (lambda * effect[r * k + j] - cost[r * k + j] == mx)
                prob[j] += 1.0 / (double)ties;
    }
    size_t b = 0;
    double bm = -INFINITY;
    for (size_t j = 0; j < k; j++) {
        prob[j] /= (double)R;
        mn[j] /= (double)R;
        if (mn[j] > bm) {
            bm = mn[j];
            b = j;
        }
    }
    *best = b;
    double e = sum_max / (double)R - bm;
    *evpi = e > 0 ? e : 0;
}
