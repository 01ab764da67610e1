/* The Markov cohort model: yearly cycles over states (e.g. work assessment allowance, employed, disability
 * pension, other) for each arm, with earnings, benefits, health-care costs and FTE per state; incremental
 * flows valued by perspective as in the main model (DOMAIN-models.md §3). Cycle c is valued at the mean of its
 * start and end occupancy (half-cycle correction, half_cycle = yes) or at its end (half_cycle = no), and
 * discounted by (1 + r)^-c; the benefits bear benefit_tax_rate. Briggs et al. (2006) ch. 2-3 (the half-cycle
 * correction: Briggs & Sculpher 1998, PharmacoEconomics 13:397-409). */
#include "cba/cba.h"

#include <math.h>
#include <string.h>

void cba_markov_evaluate(const cba_spec *s, const double *v, const double *p_ctrl, const double *p_ips,
                         double (*trace)[CBA_MAX_HORIZON + 1][CBA_MAX_STATES], cba_markov_figures *out)
{
    const cba_markov_spec *m = s->markov;
    size_t n = m->n_states;
    const double *P[2] = {p_ctrl, p_ips};
    double x[2][CBA_MAX_STATES], nx[CBA_MAX_STATES];
    double tax_s[CBA_MAX_STATES];
    for (size_t j = 0; j < n; j++)
        tax_s[j] = cba_tax(s, v[CBA_TAX_RATE], m->earnings[j]);
    double ec = v[CBA_EMPLOYER_CONTRIBUTIONS], mcpf = v[CBA_MCPF], bnet = 1 - v[CBA_BENEFIT_TAX_RATE];
    double dc = v[CBA_COST_IPS] - v[CBA_COST_CONTROL];
    for (int a = 0; a < 2; a++) {
        memcpy(x[a], m->start, n * sizeof(double));
        if (trace)
            memcpy(trace[a][0], m->start, n * sizeof(double));
    }
    double gg = 0, gc = dc, pg = 0, pc = 0, sg = 0, fte = 0; /* gains and costs so far */
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
        out->payback[p] = NAN;
    for (int c = 1; c <= m->cycles; c++) {
        double flow[2][5] = {{0}}; /* earnings, tax, benefits, health costs, fte */
        for (int a = 0; a < 2; a++) {
            for (size_t k = 0; k < n; k++) {
                double acc = 0;
                for (size_t j = 0; j < n; j++)
                    acc += x[a][j] * P[a][j * n + k];
                nx[k] = acc;
            }
            /* occupancy valued for cycle c: the mean of its start and end (half-cycle), or its end */
            for (size_t j = 0; j < n; j++) {
                double occ = m->half_cycle ? (x[a][j] + nx[j]) / 2 : nx[j];
                flow[a][0] += occ * m->earnings[j];
                flow[a][1] += occ * tax_s[j];
                flow[a][2] += occ * m->benefits[j];
                flow[a][3] += occ * m->health_costs[j];
                flow[a][4] += occ * m->fte[j];
            }
            memcpy(x[a], nx, n * sizeof(double));
            if (trace)
                memcpy(trace[a][c], nx, n * sizeof(double));
        }
        double dE = flow[1][0] - flow[0][0], dT = flow[1][1] - flow[0][1], dB = (flow[1][2] - flow[0][2]) * bnet;
        double dH = flow[1][3] - flow[0][3];
        double d = pow(1 + v[CBA_DISCOUNT_RATE], -(double)c);
        gg += d * (dT + ec * dE - dB); /* taxes and contributions gained, benefits saved net of their tax */
        gc += d * dH;
        pg += d * (dE - dT);           /* participants: net earnings gained ... */
        pc += d * (-dB);               /* ... benefits lost */
        sg += d * dE * (1 + ec);       /* production */
        fte += flow[1][4] - flow[0][4];
        double cum[CBA_N_PERSPECTIVES] = {sg + mcpf * gg - (1 + mcpf) * gc, gg - gc, pg - pc};
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
            if (isnan(out->payback[p]) && cum[p] >= 0)
                out->payback[p] = c;
    }
    double gains[CBA_N_PERSPECTIVES] = {sg + mcpf * gg, gg, pg};
    double costs[CBA_N_PERSPECTIVES] = {(1 + mcpf) * gc, gc, pc};
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        out->npv[p] = gains[p] - costs[p];
        out->roi[p] = costs[p] > 0 ? gains[p] / costs[p] : NAN;
    }
    out->fte_gained = fte;
    out->treated_per_fte = fte > 0 ? 1 / fte : NAN;
}
