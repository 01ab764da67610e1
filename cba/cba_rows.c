/* The tidy rows of a CBA run (SPEC §4, module cba). Figures carry the deterministic value in `estimate`; with a
 * PSA, `se` is the SD over the draws, `ci_low`/`ci_high` the percentile interval, `statistic` the PSA mean and `n`
 * the number of draws. The comparison ("IPS vs control") is named in every label. */
#include "cba/cba.h"
#include "core/core_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct rows_ctx {
    const cba_spec *s;
    const cba_result *r;
    core_results *res;
    char vs[160];
} rows_ctx;

/* A number for a label as a reader writes it: whole units with thousands separators from 100 up ("245,500"),
 * else four significant digits ("0.2", "0.0125"). */
static const char *num_words(double x, char *b, size_t n)
{
    if (!isfinite(x) || fabs(x) < 100) {
        snprintf(b, n, "%.4g", x);
        return b;
    }
    return core_fmt_whole(x, b, n);
}

static core_status add(rows_ctx *c, const char *analysis, const char *term, const char *method, double est,
                       const cba_summary *sum, double scale, const char *note, core_err *err)
{
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.module = "cba";
    row.analysis = analysis;
    row.term = term;
    row.method = method;
    row.estimate = est * scale;
    char label[600];
    snprintf(label, sizeof label, "%s%s%s", note && *note ? note : "", note && *note ? "; " : "", c->vs);
    if (sum && c->r->draws > 0) {
        row.se = sum->sd * scale;
        row.ci_low = sum->lo * scale;
        row.ci_high = sum->hi * scale;
        row.statistic = sum->mean * scale;
        row.n = (double)sum->n_defined;
        if (sum->n_inf > 0) {
            size_t l = strlen(label);
            snprintf(label + l, sizeof label - l, "; %.1f%% of PSA draws have no finite value (counted as Inf)",
                     100.0 * (double)sum->n_inf / (double)c->r->draws);
        } else if (sum->n_defined < c->r->draws) {
            size_t l = strlen(label);
            snprintf(label + l, sizeof label - l, "; PSA over the %ld of %ld draws where it is defined",
                     sum->n_defined, c->r->draws);
        }
    }
    row.label = label;
    if (core_results_add(c->res, &row) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

static const cba_summary *slot(const rows_ctx *c, size_t k) { return c->r->draws > 0 ? &c->r->summary[k] : NULL; }

static const char *bew_note(double dc, double x, char *buf, size_t n)
{
    if (isnan(x))
        snprintf(buf, n, "no finite break-even wage: the discounted employment effect over the period is not positive");
    else if (dc < 0)
        snprintf(buf, n, "negative incremental cost: IPS costs less than the comparator, so it breaks even at any wage");
    else
        buf[0] = '\0';
    return buf;
}

static const char *quadrant(double dc, double de, const char *what, char *buf, size_t n)
{
    if (de == 0 || isnan(de))
        snprintf(buf, n, "not defined: no %s gained", what);
    else if (de > 0 && dc > 0)
        snprintf(buf, n, "north-east quadrant: more effective and more costly");
    else if (de > 0)
        snprintf(buf, n, "south-east quadrant: IPS dominates (more effective, not more costly); ICER not meaningful");
    else if (dc > 0)
        snprintf(buf, n, "north-west quadrant: IPS is dominated (less effective, more costly); ICER not meaningful");
    else
        snprintf(buf, n, "south-west quadrant: less effective and less costly");
    return buf;
}

core_status cba_rows_add(const cba_spec *s, const cba_result *r, core_results *res, core_err *err)
{
    rows_ctx c = {.s = s, .r = r, .res = res};
    snprintf(c.vs, sizeof c.vs, "%s vs %s", s->intervention, s->comparator);
    const cba_figures *f = &r->det;
    core_status st;
    char note[400], term[64], method[64];
    double pop = s->has_population ? s->population : NAN;
    char scaled[200];
    if (s->scale_from_take_up)
        snprintf(scaled, sizeof scaled, "scaled to the %.10g people treated (population %.10g x take-up %.10g)",
                 s->population, s->population_eligible, s->take_up);
    else
        snprintf(scaled, sizeof scaled, "scaled to the %.10g people treated", s->population);
#define TRY(x)                                                                                                     \
    do {                                                                                                           \
        if ((st = (x)) != CORE_OK)                                                                                 \
            return st;                                                                                             \
    } while (0)

    TRY(add(&c, "incremental_cost", NULL, "per_participant", f->dc, slot(&c, CBA_S_DC), 1,
            "programme cost per participant at t = 0", err));
    if (s->has_population)
        TRY(add(&c, "incremental_cost", NULL, "population", f->dc, slot(&c, CBA_S_DC), pop, scaled, err));

    /* break-even wages: every rule, the trial window and each horizon 1..H; the PSA interval for rule 0 */
    for (size_t q = 0; q < s->n_rules; q++) {
        cba_persistence_name(&s->rules[q], method, sizeof method);
        for (int h = 0; h <= s->horizon; h++) {
            if (h == 0)
                snprintf(term, sizeof term, "trial_window");
            else
                snprintf(term, sizeof term, "%d", h);
            bew_note(f->dc, f->bew[q][h], note, sizeof note);
            if (h == 0) {
                size_t l = strlen(note);
                snprintf(note + l, sizeof note - l, "%sthe first %g months", l ? "; " : "",
                         s->effect_months[s->n_effects - 1]);
            }
            TRY(add(&c, "break_even_wage", term, method, f->bew[q][h], q == 0 ? slot(&c, CBA_S_BEW0 + (size_t)h) : NULL,
                    1, note, err));
        }
    }
    if (isnan(f->bew_soc))
        snprintf(note, sizeof note, "no finite wage makes the societal NPV zero: the employment effect is not positive");
    else if (f->bew_soc_iter > 0)
        snprintf(note, sizeof note, "Brent's method (tax schedule): %d iterations to tolerance %g", f->bew_soc_iter,
                 r->soc_root_tol);
    else
        snprintf(note, sizeof note, "closed form: the societal NPV is linear in the wage");
    TRY(add(&c, "break_even_wage_societal", NULL, cba_persistence_name(&s->rules[0], method, sizeof method),
            f->bew_soc, slot(&c, CBA_S_BEW_SOC), 1, note, err));

    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        if (!s->perspectives[p])
            continue;
        const char *pn = cba_perspective_name[p];
        TRY(add(&c, "npv", pn, "per_participant", f->npv[p], slot(&c, CBA_S_NPV + (size_t)p), 1, NULL, err));
        if (s->has_population)
            TRY(add(&c, "npv", pn, "population", f->npv[p], slot(&c, CBA_S_NPV + (size_t)p), pop, scaled, err));
        snprintf(note, sizeof note, "%s",
                 isnan(f->roi[p]) ? "not defined: the perspective bears no costs"
                                  : "present value of gains / present value of costs");
        TRY(add(&c, "roi", pn, "per_participant", f->roi[p], slot(&c, CBA_S_ROI + (size_t)p), 1, note, err));
    }
    /* every persistence rule: NPV and ROI by perspective (the base case is rules[0], also the rows above) */
    for (size_t q = 0; q < s->n_rules; q++) {
        cba_persistence_name(&s->rules[q], method, sizeof method);
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            if (!s->perspectives[p])
                continue;
            snprintf(note, sizeof note, "persistence %s%s", method, q == 0 ? " (the base case)" : "");
            TRY(add(&c, "npv_by_rule", cba_perspective_name[p], method, f->npv_rule[q][p], NULL, 1, note, err));
            if (isnan(f->roi_rule[q][p]))
                snprintf(note, sizeof note, "not defined: the perspective bears no costs; persistence %s", method);
            TRY(add(&c, "roi_by_rule", cba_perspective_name[p], method, f->roi_rule[q][p], NULL, 1, note, err));
        }
        snprintf(note, sizeof note, "%s; persistence %s",
                 isnan(f->bew_soc_rule[q]) ? "no finite wage makes the societal NPV zero" : "wage at which NPV_soc = 0",
                 method);
        TRY(add(&c, "break_even_wage_societal_by_rule", NULL, method, f->bew_soc_rule[q], NULL, 1, note, err));
    }
    /* the implied effect path of a published break-even table */
    for (size_t i = 0; i < s->n_implied; i++) {
        snprintf(term, sizeof term, "%d", s->implied_h[i]);
        snprintf(note, sizeof note, "cumulative discounted effect-years dC / W = %.10g / %.10g", f->dc,
                 s->implied_w[i]);
        TRY(add(&c, "implied_effect", term, "cumulative", r->implied_s[i], NULL, 1, note, err));
        if (i == 0)
            continue;
        snprintf(note, sizeof note, "yearly effect in year %d that the published table assumes: (S_%d - S_%d) / "
                 "(d_%d k_%d)", s->implied_h[i], s->implied_h[i], s->implied_h[i - 1], s->implied_h[i],
                 s->implied_h[i]);
        TRY(add(&c, "implied_effect", term, "yearly", r->implied_e[i], NULL, 1, note, err));
    }
    /* unpriced impacts: DFØ's plus-minus scores, beside the NPVs */
    for (size_t i = 0; i < s->n_unpriced; i++)
        TRY(add(&c, "unpriced", s->unpriced_name[i], "plus_minus", s->unpriced_score[i], NULL, 1,
                "not valued in money; DFØ plus-minus scale from -4 to +4", err));
    snprintf(note, sizeof note, "%s",
             isnan(f->cost_per_job) ? "not defined: no additional person employed at the last effect month"
                                    : "incremental cost / employment effect at the last effect month");
    TRY(add(&c, "cost_per_job", NULL, "per_participant", f->cost_per_job, slot(&c, CBA_S_COST_PER_JOB), 1, note, err));

    if (r->qaly_uncertain) {
        TRY(add(&c, "icer", "per_qaly", "discounted", f->icer_qaly, slot(&c, CBA_S_ICER_QALY), 1,
                quadrant(f->dc_health, f->dq, "QALY", note, sizeof note), err));
        char v1[64];
        snprintf(note, sizeof note, "at a value of a QALY of %s (value_per_qaly)",
                 num_words(s->value[CBA_VALUE_PER_QALY], v1, sizeof v1));
        TRY(add(&c, "inmb", "per_qaly", "discounted", f->inmb_qaly, slot(&c, CBA_S_INMB_QALY), 1, note, err));
    }
    TRY(add(&c, "icer", "per_job_year", "discounted", f->icer_job, slot(&c, CBA_S_ICER_JOB), 1,
            quadrant(f->dc_health, f->pv_effect, "job-year", note, sizeof note), err));
    char vj[64];
    if (s->has[CBA_VALUE_PER_JOB_YEAR])
        snprintf(note, sizeof note, "at a value of a job-year of %s (value_per_job_year)",
                 num_words(s->value[CBA_VALUE_PER_JOB_YEAR], vj, sizeof vj));
    else
        snprintf(note, sizeof note, "at a value of a job-year of %s: its production value, the wage x (1 + employer "
                 "contributions)", num_words(s->value[CBA_WAGE] * (1 + s->value[CBA_EMPLOYER_CONTRIBUTIONS]), vj,
                 sizeof vj));
    TRY(add(&c, "inmb", "per_job_year", "discounted", f->inmb_job, slot(&c, CBA_S_INMB_JOB), 1, note, err));

    if (r->draws > 0) {
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            if (!s->perspectives[p])
                continue;
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            double pr = r->prob_positive[p], n = (double)r->draws;
            row.module = "cba";
            row.analysis = "prob_cost_beneficial";
            row.term = cba_perspective_name[p];
            row.method = "psa";
            row.estimate = pr;
            row.se = sqrt(pr * (1 - pr) / n); /* Monte Carlo SE */
            row.n = n;
            snprintf(note, sizeof note, "P(NPV > 0) over the PSA draws; %s", c.vs);
            row.label = note;
            if (core_results_add(res, &row) != CORE_OK)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (int measure = r->qaly_uncertain ? 0 : 1; measure < 2; measure++) {
            const char *mn = measure == 0 ? "per_qaly" : "per_job_year";
            const double *ceac = measure == 0 ? r->ceac_qaly : r->ceac_job;
            const double *front = measure == 0 ? r->front_qaly : r->front_job;
            const int *fi = measure == 0 ? r->front_ips_qaly : r->front_ips_job;
            const double *evpi = measure == 0 ? r->evpi_qaly : r->evpi_job;
            for (size_t w = 0; w < s->n_wtp; w++) {
                snprintf(term, sizeof term, "%.15g", s->wtp[w]);
                core_result_row row = CORE_RESULT_ROW_EMPTY;
                row.module = "cba";
                row.term = term;
                row.n = (double)r->draws;
                row.analysis = "ceac";
                row.method = mn;
                row.estimate = ceac[w];
                snprintf(note, sizeof note, "P(%s is cost-effective at this willingness to pay); %s", s->intervention,
                         c.vs);
                row.label = note;
                if (core_results_add(res, &row) != CORE_OK)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                snprintf(method, sizeof method, "frontier_%s", mn);
                row.method = method;
                row.estimate = front[w];
                snprintf(note, sizeof note, "acceptability frontier: optimal option %s; %s",
                         fi[w] ? s->intervention : s->comparator, c.vs);
                if (core_results_add(res, &row) != CORE_OK)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                row.analysis = "evpi";
                row.method = mn;
                row.estimate = evpi[w];
                snprintf(note, sizeof note, "per person; %s", c.vs);
                if (core_results_add(res, &row) != CORE_OK)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            }
        }
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            if (!s->perspectives[p])
                continue;
            TRY(add(&c, "evpi", cba_perspective_name[p], "npv", r->evpi_npv[p], NULL, 1,
                    "per person, on the decision to adopt when NPV > 0", err));
            if (s->has_population)
                TRY(add(&c, "evpi", cba_perspective_name[p], "npv_population", r->evpi_npv[p], NULL, pop,
                        scaled, err));
        }
    }

    /* tornado: each uncertain parameter at its interval ends, sorted by swing */
    double q = (1 - s->confidence) / 2;
    for (int t = 0; t < CBA_N_TORNADO && r->n_bars > 0; t++) {
        if (t < CBA_N_PERSPECTIVES && !s->perspectives[t])
            continue;
        if (t == CBA_T_INMB_QALY && !r->qaly_uncertain)
            continue;
        for (size_t b = 0; b < r->n_bars; b++) {
            const cba_tornado_bar *bar = &r->bars[t][b];
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.module = "cba";
            row.analysis = "tornado";
            row.term = bar->key;
            row.method = cba_tornado_name[t];
            row.estimate = fabs(bar->at_hi - bar->at_lo);
            row.ci_low = bar->at_lo < bar->at_hi ? bar->at_lo : bar->at_hi;
            row.ci_high = bar->at_lo < bar->at_hi ? bar->at_hi : bar->at_lo;
            char a1[64], a2[64], p1[64], p2[64];
            num_words(bar->at_lo, a1, sizeof a1);
            num_words(bar->at_hi, a2, sizeof a2);
            if (strcmp(bar->key, "effect") == 0)
                snprintf(note, sizeof note, "swing; the employment effects %.4g standard errors lower: %s, %.4g higher: "
                         "%s; %s", bar->hi, a1, bar->hi, a2, c.vs);
            else
                snprintf(note, sizeof note, "swing; %s at its %.4g%% point (%s): %s, at its %.4g%% point (%s): %s; %s",
                         bar->key, 100 * q, num_words(bar->lo, p1, sizeof p1), a1, 100 * (1 - q),
                         num_words(bar->hi, p2, sizeof p2), a2, c.vs);
            row.label = note;
            if (core_results_add(res, &row) != CORE_OK)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
    }

    if (r->markov) {
        const cba_markov_result *m = r->markov;
        const cba_markov_figures *d = &m->det;
        const cba_summary *none = NULL;
        int psa = m->draws > 0;
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            if (!s->perspectives[p])
                continue;
            snprintf(term, sizeof term, "npv_%s", cba_perspective_name[p]);
            TRY(add(&c, "markov", term, "per_person", d->npv[p], psa ? &m->s_npv[p] : none, 1, "Markov cohort model",
                    err));
            if (s->has_population) {
                snprintf(term, sizeof term, "npv_%s", cba_perspective_name[p]);
                TRY(add(&c, "markov", term, "population", d->npv[p], psa ? &m->s_npv[p] : none, pop,
                        "Markov cohort model, scaled to the population", err));
            }
            snprintf(term, sizeof term, "roi_%s", cba_perspective_name[p]);
            TRY(add(&c, "markov", term, "per_person", d->roi[p], psa ? &m->s_roi[p] : none, 1,
                    isnan(d->roi[p]) ? "not defined: the perspective bears no costs"
                                     : "Markov cohort model; present value of gains / present value of costs",
                    err));
            snprintf(term, sizeof term, "payback_years_%s", cba_perspective_name[p]);
            TRY(add(&c, "markov", term, "per_person", d->payback[p], NULL, 1,
                    isnan(d->payback[p]) ? "the cumulative NPV does not turn positive within the cycles"
                                         : "first cycle with cumulative NPV >= 0",
                    err));
            if (psa) {
                snprintf(term, sizeof term, "prob_npv_positive_%s", cba_perspective_name[p]);
                TRY(add(&c, "markov", term, "psa", m->prob_positive[p], NULL, 1, "P(NPV > 0), Markov cohort model",
                        err));
            }
        }
        TRY(add(&c, "markov", "fte_years_gained", "per_person", d->fte_gained, psa ? &m->s_fte : none, 1,
                "undiscounted full-time-equivalent work-years over the cycles", err));
        if (s->has_population)
            TRY(add(&c, "markov", "fte_years_gained", "population", d->fte_gained, psa ? &m->s_fte : none, pop,
                    "undiscounted FTE work-years, scaled to the population", err));
        TRY(add(&c, "markov", "treated_per_fte_year", "per_person", d->treated_per_fte, NULL, 1,
                isnan(d->treated_per_fte) ? "not defined: no FTE work-years gained"
                                          : "people offered the programme per additional FTE work-year",
                err));
    }
#undef TRY
    return CORE_OK;
}
