/* [fidelity]: validating and scoring the review (or survey) data (see fid.h). */
#include "fidelity/fid.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_data.h"

const char *const fid_method_names[] = {"single_rater", "consensus", "mean_of_raters", "mean_of_respondents"};

core_status fid_spec_from_config(const core_config *cfg, fid_spec *spec, core_err *err)
{
    memset(spec, 0, sizeof *spec);
    char where[600];
    core_status st;
    if ((st = core_config_str_req(cfg, "fidelity", "site", &spec->site, err)) != CORE_OK ||
        (st = core_config_str_req(cfg, "fidelity", "review", &spec->review, err)) != CORE_OK)
        return st;
    spec->rater = core_config_str(cfg, "fidelity", "rater", NULL);
    spec->respondent = core_config_str(cfg, "fidelity", "respondent", NULL);
    spec->reference_phase = core_config_str(cfg, "fidelity", "reference_phase", NULL);
    if ((st = core_config_long(cfg, "fidelity", "bootstrap", 1000, 0, 100000, &spec->bootstrap, err)) != CORE_OK)
        return st;
    if (spec->rater && !*spec->rater)
        spec->rater = NULL;
    if (spec->respondent && !*spec->respondent)
        spec->respondent = NULL;
    if (spec->rater && spec->respondent)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: give rater (reviews scored by raters) or respondent (a survey, "
                            "one row per person), not both",
                            core_config_where(cfg, "fidelity", "respondent", where, sizeof where));
    spec->layout = spec->rater ? FID_LAYOUT_RATERS : spec->respondent ? FID_LAYOUT_RESPONDENTS : FID_LAYOUT_SINGLE;
    spec->consensus = core_config_str(cfg, "fidelity", "consensus", "consensus");
    if (core_config_has(cfg, "fidelity", "consensus") && !spec->rater)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: a consensus row needs a rater column (rater = ...)",
                            core_config_where(cfg, "fidelity", "consensus", where, sizeof where));
    if ((st = core_config_long(cfg, "fidelity", "min_raters", 2, 1, 100, &spec->min_raters, err)) != CORE_OK)
        return st;
    static const char *const kv[] = {"fce", "psych", NULL};
    int k;
    if ((st = core_config_choice(cfg, "fidelity", "kappa_variance", kv, 0, &k, err)) != CORE_OK)
        return st;
    spec->kappa_variance = k ? ST_KAPPA_VAR_PSYCH : ST_KAPPA_VAR_FCE;
    return CORE_OK;
}

void fid_data_free(fid_data *d)
{
    if (!d)
        return;
    for (size_t r = 0; r < d->n_reviews; r++) {
        free(d->reviews[r].rows);
        free(d->reviews[r].rater_names);
        free(d->reviews[r].item);
        free(d->reviews[r].section);
    }
    free(d->reviews);
    if (d->row_rater)
        for (size_t i = 0; i < d->n_rows; i++)
            free(d->row_rater[i]);
    free(d->row_rater);
    free(d->row_consensus);
    for (size_t i = 0; i < d->n_sites; i++)
        free(d->sites[i]);
    for (size_t i = 0; i < d->n_rounds; i++)
        free(d->rounds[i]);
    free(d->sites);
    free(d->rounds);
    free(d->item_col);
    free(d->scored);
    free(d->row_total);
    free(d->row_answered);
    memset(d, 0, sizeof *d);
}

/* Index of s in list (exact), or -1. */
static long find_str(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return (long)i;
    return -1;
}

static core_status add_str(char ***list, size_t *n, const char *s, long *ix)
{
    *ix = find_str(*list, *n, s);
    if (*ix >= 0)
        return CORE_OK;
    char **l = realloc(*list, (*n + 1) * sizeof *l);
    if (!l)
        return CORE_ERR_NOMEM;
    *list = l;
    if (!(l[*n] = strdup(s)))
        return CORE_ERR_NOMEM;
    *ix = (long)(*n)++;
    return CORE_OK;
}

/* YYYY-MM or YYYY-MM-DD (ISO dates sort as text). */
static int iso_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

/* Rounds in chronological order: numeric when every round is a number, ISO dates as text, else
 * in order of first appearance (said in docs). perm[new] = old index. */
static core_status order_rounds(fid_data *d, size_t *perm)
{
    size_t n = d->n_rounds;
    int numeric = 1, dates = 1;
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return CORE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        numeric &= core_parse_double(d->rounds[i], '.', &v[i]);
        dates &= iso_date(d->rounds[i]);
        perm[i] = i;
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: a handful of rounds */
        size_t t = perm[i], j = i;
        while (j > 0) {
            size_t p = perm[j - 1];
            int after = numeric ? v[p] > v[t] : dates ? strcmp(d->rounds[p], d->rounds[t]) > 0 : 0;
            if (!after)
                break;
            perm[j] = p;
            j--;
        }
        perm[j] = t;
    }
    free(v);
    char **r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return CORE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        r[i] = d->rounds[perm[i]];
    memcpy(d->rounds, r, n * sizeof *r);
    free(r);
    return CORE_OK;
}

/* The score of a set of scored item values by the scale's rule; NaN when too few are answered. */
static double score_items(const fid_scale *s, const double *item, const long *only_section, long section,
                          size_t *answered, char *note, size_t note_size)
{
    size_t n = 0, m = 0;
    double sum = 0;
    for (size_t j = 0; j < s->n_items; j++) {
        if (only_section && only_section[j] != section)
            continue;
        m++;
        if (!isnan(item[j])) {
            sum += item[j];
            n++;
        }
    }
    if (answered)
        *answered = n;
    if (note)
        note[0] = '\0';
    if (m == 0 || n == 0) {
        if (note)
            snprintf(note, note_size, "no item answered: score missing");
        return NAN;
    }
    size_t need = only_section ? m : s->min_answered; /* a section needs all its items unless prorated */
    if (s->score == FID_SCORE_MEAN) {
        if (!only_section && n < s->min_answered) {
            if (note)
                snprintf(note, note_size, "only %zu of %zu items answered (min_answered = %zu): score missing", n, m,
                         s->min_answered);
            return NAN;
        }
        if (n < m && note)
            snprintf(note, note_size, "mean of %zu answered items (%zu missing)", n, m - n);
        return sum / (double)n;
    }
    if (n == m)
        return sum;
    if (!only_section && n < need) {
        if (note)
            snprintf(note, note_size, "only %zu of %zu items answered (min_answered = %zu): total missing", n, m, need);
        return NAN;
    }
    if (s->prorate) {
        if (note)
            snprintf(note, note_size, "prorated from %zu of %zu items (prorate = yes)", n, m);
        return sum / (double)n * (double)m;
    }
    if (only_section) {
        if (note)
            snprintf(note, note_size, "%zu of %zu items missing: subtotal missing", m - n, m);
        return NAN;
    }
    if (note)
        snprintf(note, note_size, "sum of %zu answered items (%zu missing, not prorated)", n, m - n);
    return sum;
}

typedef struct key_row {
    size_t row;
    long site, round;
    const char *rater;
} key_row;

static int cmp_key(const void *a, const void *b)
{
    const key_row *x = a, *y = b;
    if (x->site != y->site)
        return x->site < y->site ? -1 : 1;
    if (x->round != y->round)
        return x->round < y->round ? -1 : 1;
    int c = strcmp(x->rater ? x->rater : "", y->rater ? y->rater : "");
    if (c)
        return c;
    return (x->row > y->row) - (x->row < y->row);
}

core_status fid_data_load(const core_config *cfg, const fid_spec *spec, const core_table *t, fid_data *d,
                          core_err *err)
{
    memset(d, 0, sizeof *d);
    d->spec = spec;
    d->scale = spec->scale;
    d->table = t;
    d->n_rows = t->n_rows;
    const fid_scale *s = spec->scale;
    size_t nr = t->n_rows, ni = s->n_items;
    char where[600], buf[512];
    core_status st;
    size_t c_site, c_review, c_rater = 0;
    key_row *keys = NULL;
    size_t *perm = NULL;
    long *round_of = NULL;
    if ((st = core_data_column(cfg, "fidelity", "site", t, spec->site, &c_site, err)) != CORE_OK ||
        (st = core_data_column(cfg, "fidelity", "review", t, spec->review, &c_review, err)) != CORE_OK)
        return st;
    if (spec->layout != FID_LAYOUT_SINGLE &&
        (st = core_data_column(cfg, "fidelity", spec->layout == FID_LAYOUT_RATERS ? "rater" : "respondent", t,
                               spec->layout == FID_LAYOUT_RATERS ? spec->rater : spec->respondent, &c_rater, err)) !=
            CORE_OK)
        return st;
    d->item_col = malloc(ni * sizeof *d->item_col);
    d->scored = malloc((nr ? nr : 1) * ni * sizeof *d->scored);
    d->row_total = malloc((nr ? nr : 1) * sizeof *d->row_total);
    d->row_answered = calloc(nr ? nr : 1, sizeof *d->row_answered);
    d->row_rater = calloc(nr ? nr : 1, sizeof *d->row_rater);
    d->row_consensus = calloc(nr ? nr : 1, sizeof *d->row_consensus);
    keys = calloc(nr ? nr : 1, sizeof *keys);
    round_of = calloc(nr ? nr : 1, sizeof *round_of);
    if (!d->item_col || !d->scored || !d->row_total || !d->row_answered || !d->row_rater || !d->row_consensus ||
        !keys || !round_of) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t j = 0; j < ni; j++) {
        long c = core_table_find(t, s->items[j].name);
        if (c < 0) {
            char w2[600];
            st = core_err_set(err, CORE_ERR_DATA, "%s: %s has no column '%s' for item %s of scale '%s'; every item of "
                              "the scale needs a column (named as the item)",
                              core_config_where(cfg, "fidelity", "scale", w2, sizeof w2), t->source,
                              s->items[j].name, s->items[j].name, s->name);
            goto fail;
        }
        d->item_col[j] = (size_t)c;
    }
    /* Rows: site, review, rater; every item score a whole number in range. */
    for (size_t i = 0; i < nr; i++) {
        const size_t keycols[3] = {c_site, c_review, c_rater};
        const char *keynames[3] = {"site", "review", spec->layout == FID_LAYOUT_RESPONDENTS ? "respondent" : "rater"};
        long ix[2];
        for (int k = 0; k < (spec->layout == FID_LAYOUT_SINGLE ? 2 : 3); k++) {
            const char *v = core_cell_text(t, keycols[k], i, buf, sizeof buf);
            if (!*v) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: the %s is missing; every row needs its site, review%s",
                                  core_cell_where(t, keycols[k], i, where, sizeof where), keynames[k],
                                  spec->layout == FID_LAYOUT_SINGLE ? "" : " and rater (or respondent)");
                goto fail;
            }
            if (k < 2) {
                if (add_str(k == 0 ? &d->sites : &d->rounds, k == 0 ? &d->n_sites : &d->n_rounds, v, &ix[k]) !=
                    CORE_OK) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto fail;
                }
            } else {
                if (!(d->row_rater[i] = strdup(v))) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto fail;
                }
                d->row_consensus[i] =
                    spec->layout == FID_LAYOUT_RATERS && strcasecmp(v, spec->consensus) == 0;
            }
        }
        keys[i] = (key_row){.row = i, .site = ix[0], .round = ix[1], .rater = d->row_rater[i]};
        round_of[i] = ix[1];
        size_t answered = 0;
        for (size_t j = 0; j < ni; j++) {
            double v;
            int r = core_cell_number(t, d->item_col[j], i, &v);
            double *out = &d->scored[i * ni + j];
            if (r == 0) {
                *out = NAN;
                continue;
            }
            if (r < 0 || v != floor(v)) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a whole-number score; item %s is scored %d to %d "
                                  "(empty = missing)",
                                  core_cell_where(t, d->item_col[j], i, where, sizeof where),
                                  core_cell_text(t, d->item_col[j], i, buf, sizeof buf), s->items[j].name, s->min,
                                  s->max);
                goto fail;
            }
            if (v < s->min || v > s->max) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: score %g is outside the range of scale '%s' (%d to %d)",
                                  core_cell_where(t, d->item_col[j], i, where, sizeof where), v, s->name, s->min,
                                  s->max);
                goto fail;
            }
            *out = s->items[j].reverse ? (double)(s->min + s->max) - v : v;
            answered++;
        }
        if (answered == 0 && spec->layout != FID_LAYOUT_RESPONDENTS) {
            st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: no item is scored in this row (all %zu items of scale '%s' "
                              "are missing); fill in the scores or remove the row", t->source, core_table_line(t, i), ni,
                              s->name);
            goto fail;
        }
        d->row_total[i] = score_items(s, &d->scored[i * ni], NULL, 0, &d->row_answered[i], NULL, 0);
    }
    if (nr == 0) {
        st = core_err_set(err, CORE_ERR_DATA, "%s: no data rows", t->source);
        goto fail;
    }
    /* Rounds in time order; re-index the rows' rounds. */
    if (!(perm = malloc(d->n_rounds * sizeof *perm)) || order_rounds(d, perm) != CORE_OK) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    {
        long *inv = malloc(d->n_rounds * sizeof *inv);
        if (!inv) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t k = 0; k < d->n_rounds; k++)
            inv[perm[k]] = (long)k;
        for (size_t i = 0; i < nr; i++)
            keys[i].round = inv[keys[i].round];
        free(inv);
    }
    /* Sort rows by (site, round, rater): duplicates are neighbours, reviews are runs. */
    qsort(keys, nr, sizeof *keys, cmp_key);
    for (size_t i = 1; i < nr; i++) {
        key_row *a = &keys[i - 1], *b = &keys[i];
        int same = a->site == b->site && a->round == b->round;
        if (same && spec->layout != FID_LAYOUT_SINGLE)
            same = strcmp(a->rater, b->rater) == 0 ||
                   (d->row_consensus[a->row] && d->row_consensus[b->row]);
        if (same) {
            size_t lo = a->row < b->row ? a->row : b->row, hi = a->row < b->row ? b->row : a->row;
            if (spec->layout == FID_LAYOUT_SINGLE)
                st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: site '%s' review '%s' appears twice (also line %ld); "
                                  "without a rater column each review is one row (set rater = COLUMN for several raters)",
                                  t->source, core_table_line(t, hi), d->sites[a->site], d->rounds[a->round], core_table_line(t, lo));
            else
                st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: duplicate row: site '%s' review '%s' %s '%s' appears "
                                  "twice (also line %ld)", t->source, core_table_line(t, hi), d->sites[a->site],
                                  d->rounds[a->round], spec->layout == FID_LAYOUT_RATERS ? "rater" : "respondent",
                                  a->rater, core_table_line(t, lo));
            goto fail;
        }
    }
    /* Reviews. */
    d->reviews = calloc(nr, sizeof *d->reviews);
    if (!d->reviews) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < nr;) {
        size_t j = i;
        while (j < nr && keys[j].site == keys[i].site && keys[j].round == keys[i].round)
            j++;
        fid_review *rv = &d->reviews[d->n_reviews++];
        rv->site_ix = (size_t)keys[i].site;
        rv->round_ix = (size_t)keys[i].round;
        rv->site = d->sites[rv->site_ix];
        rv->round = d->rounds[rv->round_ix];
        rv->consensus_row = -1;
        rv->total_sd = NAN;
        rv->rows = malloc((j - i) * sizeof *rv->rows);
        rv->rater_names = malloc((j - i) * sizeof *rv->rater_names);
        rv->item = malloc((ni ? ni : 1) * sizeof *rv->item);
        rv->section = malloc((s->n_sections ? s->n_sections : 1) * sizeof *rv->section);
        if (!rv->rows || !rv->rater_names || !rv->item || !rv->section) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        size_t first = keys[i].row;
        for (size_t m = i; m < j; m++) {
            size_t row = keys[m].row;
            if (row < first)
                first = row;
            if (d->row_consensus[row])
                rv->consensus_row = (long)row;
            else {
                rv->rows[rv->n_raters] = row;
                rv->rater_names[rv->n_raters++] = d->row_rater[row];
            }
        }
        if (spec->layout == FID_LAYOUT_RATERS && rv->n_raters < (size_t)spec->min_raters) {
            st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: site '%s' review '%s' has %zu rater%s (%s%s); agreement and "
                              "consensus need at least %ld raters per review (add the missing rater's row, or set "
                              "min_raters = 1 in [fidelity] to score single-rater reviews)", t->source,
                              core_table_line(t, first), rv->site, rv->round, rv->n_raters, rv->n_raters == 1 ? "" : "s",
                              rv->n_raters ? rv->rater_names[0] : "only a consensus row",
                              rv->n_raters > 1 ? ", ..." : "", spec->min_raters);
            goto fail;
        }
        /* The review's item scores: the consensus row wins, else the mean over raters (respondents). */
        const char *how;
        if (rv->consensus_row >= 0) {
            rv->method = FID_CONSENSUS_ROW;
            memcpy(rv->item, &d->scored[(size_t)rv->consensus_row * ni], ni * sizeof *rv->item);
            how = "consensus row";
        } else {
            rv->method = spec->layout == FID_LAYOUT_RESPONDENTS ? FID_MEAN_OF_RESPONDENTS
                         : rv->n_raters > 1                     ? FID_MEAN_OF_RATERS
                                                                : FID_SINGLE;
            for (size_t q = 0; q < ni; q++) {
                double sum = 0;
                size_t n = 0;
                for (size_t m = 0; m < rv->n_raters; m++) {
                    double v = d->scored[rv->rows[m] * ni + q];
                    if (!isnan(v)) {
                        sum += v;
                        n++;
                    }
                }
                rv->item[q] = n ? sum / (double)n : NAN;
            }
            how = rv->method == FID_MEAN_OF_RATERS ? "mean of raters" : rv->method == FID_SINGLE ? "one rater" : "";
        }
        char note[200];
        if (spec->layout == FID_LAYOUT_RESPONDENTS) {
            /* A survey's site score is the mean of its respondents' scores. */
            double m = 0, ss = 0;
            size_t n = 0;
            for (size_t q = 0; q < rv->n_raters; q++) {
                double v = d->row_total[rv->rows[q]];
                if (isnan(v))
                    continue;
                n++;
                double dv = v - m;
                m += dv / (double)n;
                ss += dv * (v - m);
            }
            rv->total_n = n;
            rv->total = n ? m : NAN;
            rv->total_sd = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
            size_t answered = 0;
            for (size_t q = 0; q < ni; q++)
                answered += !isnan(rv->item[q]);
            rv->answered = answered;
            if (n)
                snprintf(rv->note, sizeof rv->note, "mean score of %zu of %zu respondents", n, rv->n_raters);
            else
                snprintf(rv->note, sizeof rv->note, "no respondent has a score (%zu respondents): score missing",
                         rv->n_raters);
        } else {
            rv->total = score_items(s, rv->item, NULL, 0, &rv->answered, note, sizeof note);
            rv->total_n = rv->n_raters;
            if (note[0])
                snprintf(rv->note, sizeof rv->note, "%s%s%s", how, *how ? "; " : "", note);
            else
                snprintf(rv->note, sizeof rv->note, "%s", how);
        }
        long *sec_of = malloc((ni ? ni : 1) * sizeof *sec_of);
        if (!sec_of) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t q = 0; q < ni; q++)
            sec_of[q] = s->items[q].section;
        for (size_t k = 0; k < s->n_sections; k++)
            rv->section[k] = score_items(s, rv->item, sec_of, (long)k, NULL, NULL, 0);
        free(sec_of);
        i = j;
    }
    free(keys);
    free(perm);
    free(round_of);
    return CORE_OK;
fail:
    free(keys);
    free(perm);
    free(round_of);
    fid_data_free(d);
    return st;
}
