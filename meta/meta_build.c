/* The study table: every row checked against the spec, each study's effect computed, and the
 * studies that cannot or should not enter the pool marked with the reason. */
#include "meta/meta.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"

void meta_studies_free(meta_studies *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++) {
        free(st->s[i].name);
        free(st->s[i].x_level);
    }
    free(st->s);
    memset(st, 0, sizeof *st);
}

/* A configured column (or none when name is NULL: *col = -1). */
static core_status find_col(const core_config *cfg, const char *key, const core_table *t, const char *name, long *col,
                            core_err *err)
{
    *col = -1;
    if (!name)
        return CORE_OK;
    size_t c;
    core_status st = core_data_column(cfg, "meta", key, t, name, &c, err);
    if (st == CORE_OK)
        *col = (long)c;
    return st;
}

/* A number every included study needs: missing or non-numeric cells are errors naming the cell. */
static core_status need_number(const core_table *t, long col, size_t row, const char *what, double *v, core_err *err)
{
    char where[512];
    int r = core_cell_number(t, (size_t)col, row, v);
    if (r == 1 && isfinite(*v))
        return CORE_OK;
    core_cell_where(t, (size_t)col, row, where, sizeof where);
    if (r == 0)
        return core_err_set(err, CORE_ERR_DATA,
                            "%s: missing; every study in the pool needs its %s (leave the study out with the [meta] "
                            "key 'exclude')",
                            where, what);
    char text[256];
    return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number (the %s)" CORE_MISSING_HINT, where,
                        core_cell_text(t, (size_t)col, row, text, sizeof text), what);
}

static core_status need_count(const core_table *t, long col, size_t row, const char *what, int positive, double *v,
                              core_err *err)
{
    core_status st = need_number(t, col, row, what, v, err);
    if (st != CORE_OK)
        return st;
    if (*v != floor(*v) || *v < (positive ? 1 : 0) || *v > 1e15) {
        char where[512];
        return core_err_set(err, CORE_ERR_DATA, "%s: %g is not a valid %s (a whole number%s)",
                            core_cell_where(t, (size_t)col, row, where, sizeof where), *v, what,
                            positive ? " of at least 1" : " of 0 or more");
    }
    return CORE_OK;
}

/* The nearest study name to `name`, for "did you mean". */
static const char *nearest_study(const meta_studies *st, const char *name)
{
    const char *best = NULL;
    size_t bd = (size_t)-1;
    for (size_t i = 0; i < st->n; i++) {
        size_t d = core_edit_distance(name, st->s[i].name);
        if (d < bd)
            bd = d, best = st->s[i].name;
    }
    return best;
}

core_status meta_studies_build(const core_config *cfg, const meta_spec *spec, const core_table *t, meta_studies *out,
                               core_err *err)
{
    memset(out, 0, sizeof *out);
    out->moderator_numeric = -1;
    core_status st;
    char where[600], w2[512], text[512];
    long c_study, c_year, c_et, c_nt, c_ec, c_nc, c_mt, c_st, c_mc, c_sc, c_yi, c_vi, c_se, c_mod;
    if ((st = find_col(cfg, "study", t, spec->study, &c_study, err)) ||
        (st = find_col(cfg, "year", t, spec->year, &c_year, err)) ||
        (st = find_col(cfg, "events_t", t, spec->events_t, &c_et, err)) ||
        (st = find_col(cfg, "n_t", t, spec->n_t, &c_nt, err)) ||
        (st = find_col(cfg, "events_c", t, spec->events_c, &c_ec, err)) ||
        (st = find_col(cfg, "n_c", t, spec->n_c, &c_nc, err)) ||
        (st = find_col(cfg, "mean_t", t, spec->mean_t, &c_mt, err)) ||
        (st = find_col(cfg, "sd_t", t, spec->sd_t, &c_st, err)) ||
        (st = find_col(cfg, "mean_c", t, spec->mean_c, &c_mc, err)) ||
        (st = find_col(cfg, "sd_c", t, spec->sd_c, &c_sc, err)) ||
        (st = find_col(cfg, "yi", t, spec->yi, &c_yi, err)) || (st = find_col(cfg, "vi", t, spec->vi, &c_vi, err)) ||
        (st = find_col(cfg, "se", t, spec->se, &c_se, err)) ||
        (st = find_col(cfg, "moderator", t, spec->moderator, &c_mod, err)))
        return st;
    if (t->n_rows == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no studies (the file has a header only)", t->source);
    if (c_mod >= 0)
        out->moderator_numeric = spec->moderator_level || t->cols[c_mod].type == CORE_COL_NUMERIC ? 1 : 0;

    out->s = calloc(t->n_rows, sizeof *out->s);
    if (!out->s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory for %zu studies", t->n_rows);
    out->n = t->n_rows;

    /* Names first: unique, non-empty; then the exclude list must name studies that exist. */
    for (size_t i = 0; i < t->n_rows; i++) {
        meta_study *s = &out->s[i];
        s->line = core_table_line(t, i);
        s->yi = s->vi = s->a = s->n1 = s->c = s->n0 = s->year = s->x = NAN;
        const char *nm = core_cell_text(t, (size_t)c_study, i, text, sizeof text);
        if (!*nm) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: missing study name",
                              core_cell_where(t, (size_t)c_study, i, w2, sizeof w2));
            goto fail;
        }
        if (!(s->name = strdup(nm))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(out->s[j].name, s->name) == 0) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: study '%s' appears twice (also line %ld); study names must be unique",
                                  core_cell_where(t, (size_t)c_study, i, w2, sizeof w2), s->name, out->s[j].line);
                goto fail;
            }
    }
    for (size_t e = 0; e < spec->n_exclude; e++) {
        size_t hit = 0;
        for (size_t i = 0; i < out->n; i++)
            if (strcmp(out->s[i].name, spec->exclude[e]) == 0) {
                out->s[i].excluded = "left out by the [meta] key 'exclude'";
                hit = 1;
            }
        if (!hit) {
            const char *near = nearest_study(out, spec->exclude[e]);
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a study in %s%s%s%s",
                              core_config_where(cfg, "meta", "exclude", where, sizeof where), spec->exclude[e],
                              t->source, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            goto fail;
        }
    }

    for (size_t i = 0; i < t->n_rows; i++) {
        meta_study *s = &out->s[i];
        if (s->excluded)
            continue;
        if (c_year >= 0 && (st = need_number(t, c_year, i, "year", &s->year, err)))
            goto fail;
        if (c_mod >= 0) {
            if (spec->moderator_level) {
                const char *lv = core_cell_text(t, (size_t)c_mod, i, text, sizeof text);
                if (!*lv) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: missing moderator value",
                                      core_cell_where(t, (size_t)c_mod, i, w2, sizeof w2));
                    goto fail;
                }
                s->x = strcmp(lv, spec->moderator_level) == 0 ? 1.0 : 0.0;
            } else if (out->moderator_numeric) {
                if ((st = need_number(t, c_mod, i, "moderator", &s->x, err)))
                    goto fail;
            } else {
                const char *lv = core_cell_text(t, (size_t)c_mod, i, text, sizeof text);
                if (!*lv) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: missing moderator value",
                                      core_cell_where(t, (size_t)c_mod, i, w2, sizeof w2));
                    goto fail;
                }
                if (!(s->x_level = strdup(lv))) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto fail;
                }
            }
        }
        core_err e2;
        core_err_clear(&e2);
        if (spec->measure <= ST_META_RD) {
            if ((st = need_count(t, c_et, i, "events in the intervention arm", 0, &s->a, err)) ||
                (st = need_count(t, c_nt, i, "size of the intervention arm", 1, &s->n1, err)) ||
                (st = need_count(t, c_ec, i, "events in the control arm", 0, &s->c, err)) ||
                (st = need_count(t, c_nc, i, "size of the control arm", 1, &s->n0, err)))
                goto fail;
            if (s->a > s->n1 || s->c > s->n0) {
                long col = s->a > s->n1 ? c_et : c_ec;
                st = core_err_set(err, CORE_ERR_DATA, "%s: %g events is more than the arm's %g participants",
                                  core_cell_where(t, (size_t)col, i, w2, sizeof w2), s->a > s->n1 ? s->a : s->c,
                                  s->a > s->n1 ? s->n1 : s->n0);
                goto fail;
            }
            st = st_meta_es_binary(spec->measure, s->a, s->n1, s->c, s->n0, &s->yi, &s->vi, &s->corrected, &e2);
            if (st == CORE_ERR_ANALYSIS) { /* no events (or only events) in both arms: excluded, and said */
                s->excluded = s->a == 0 ? "excluded: no events in either arm, so no information on the effect"
                                        : "excluded: every participant had the event in both arms, so no "
                                          "information on the effect";
                continue;
            }
        } else if (spec->measure == ST_META_MD || spec->measure == ST_META_SMD) {
            double m1, s1, m0, s0;
            if ((st = need_number(t, c_mt, i, "intervention mean", &m1, err)) ||
                (st = need_number(t, c_st, i, "intervention SD", &s1, err)) ||
                (st = need_count(t, c_nt, i, "size of the intervention arm", 1, &s->n1, err)) ||
                (st = need_number(t, c_mc, i, "control mean", &m0, err)) ||
                (st = need_number(t, c_sc, i, "control SD", &s0, err)) ||
                (st = need_count(t, c_nc, i, "size of the control arm", 1, &s->n0, err)))
                goto fail;
            if (s1 < 0 || s0 < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: a standard deviation cannot be negative (%g)",
                                  core_cell_where(t, (size_t)(s1 < 0 ? c_st : c_sc), i, w2, sizeof w2),
                                  s1 < 0 ? s1 : s0);
                goto fail;
            }
            st = st_meta_es_means(spec->measure, m1, s1, s->n1, m0, s0, s->n0, &s->yi, &s->vi, &e2);
        } else {
            if ((st = need_number(t, c_yi, i, "effect (yi)", &s->yi, err)))
                goto fail;
            if (c_se >= 0) {
                double se;
                if ((st = need_number(t, c_se, i, "standard error (se)", &se, err)))
                    goto fail;
                if (!(se > 0)) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: the standard error is %g; it must be positive",
                                      core_cell_where(t, (size_t)c_se, i, w2, sizeof w2), se);
                    goto fail;
                }
                s->vi = se * se;
            } else if ((st = need_number(t, c_vi, i, "variance (vi)", &s->vi, err))) {
                goto fail;
            }
            if (!(s->vi > 0)) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: the sampling variance is %g; it must be positive (a variance is a squared "
                                  "standard error; %s)",
                                  core_cell_where(t, (size_t)c_vi, i, w2, sizeof w2), s->vi,
                                  s->vi < 0 ? "a negative one is a data error" : "0 would give the study all the weight");
                goto fail;
            }
        }
        if (st != CORE_OK) {
            st = core_err_set(err, CORE_ERR_DATA, "%s line %ld, study '%s': %s", t->source, s->line, s->name, e2.msg);
            goto fail;
        }
        if (!(s->vi > 0) || !isfinite(s->yi)) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s line %ld, study '%s': its sampling variance is 0 (e.g. both SDs 0); it cannot be "
                              "weighted",
                              t->source, s->line, s->name);
            goto fail;
        }
        out->k++;
    }
    return CORE_OK;
fail:
    meta_studies_free(out);
    return st;
}

/* ---------- federated pooling: one study per results file ---------- */

static int is_ratio_row(const char *analysis, const char *term)
{
    static const char *const ratio[] = {"risk_ratio", "odds_ratio", "hazard_ratio"};
    for (size_t i = 0; i < sizeof ratio / sizeof ratio[0]; i++)
        if (strcmp(analysis, ratio[i]) == 0)
            return 1;
    return strcmp(analysis, "pooled") == 0 && term && (strcmp(term, "rr") == 0 || strcmp(term, "or") == 0);
}

core_status meta_studies_from_results(const meta_spec *spec, const core_table *const *tables, const char *const *names,
                                      size_t n, meta_studies *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->moderator_numeric = -1;
    core_status st = CORE_OK;
    char w1[512], text[512], t2[512];
    if (n == 0)
        return core_err_set(err, CORE_ERR_CONFIG, "[meta] results lists no file");
    if (!(out->s = calloc(n, sizeof *out->s)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    out->n = n;
    int scale = -1; /* 1 log ratios, 0 additive: every file must agree */
    for (size_t f = 0; f < n; f++) {
        const core_table *t = tables[f];
        meta_study *s = &out->s[f];
        s->yi = s->vi = s->a = s->n1 = s->c = s->n0 = s->year = s->x = NAN;
        if (!(s->name = strdup(names[f]))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t j = 0; j < f; j++)
            if (strcmp(out->s[j].name, s->name) == 0) {
                st = core_err_set(err, CORE_ERR_CONFIG, "[meta] results lists '%s' twice", s->name);
                goto fail;
            }
        static const char *const need[] = {"analysis", "outcome", "term", "method", "timepoint", "estimate", "se"};
        long col[7];
        for (int c = 0; c < 7; c++)
            if ((col[c] = core_table_find(t, need[c])) < 0) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: not an ipseval results file (no column '%s'; SPEC section 4 lists the columns)",
                                  t->source, need[c]);
                goto fail;
            }
        long hit = -1;
        size_t n_hit = 0;
        char seen[600] = "";
        for (size_t i = 0; i < t->n_rows; i++) {
            const char *v[5];
            char b[5][256];
            for (int c = 0; c < 5; c++)
                v[c] = core_cell_text(t, (size_t)col[c], i, b[c], sizeof b[c]);
            if (strcmp(v[0], spec->results_analysis) != 0 || (spec->outcome[0] && strcmp(v[1], spec->outcome) != 0) ||
                (spec->results_term && strcmp(v[2], spec->results_term) != 0) ||
                (spec->results_method && strcmp(v[3], spec->results_method) != 0) ||
                (spec->results_timepoint && strcmp(v[4], spec->results_timepoint) != 0))
                continue;
            if (n_hit++ == 0)
                hit = (long)i;
            size_t len = strlen(seen);
            if (len < sizeof seen - 80)
                snprintf(seen + len, sizeof seen - len, "%s%s/%s/%s%s%s", len ? ", " : "", v[1], v[2], v[3],
                         *v[4] ? "/" : "", v[4]);
        }
        if (n_hit == 0) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: no row with analysis '%s'%s%s%s%s%s%s%s%s%s; check [meta] results_analysis, "
                              "results_method, results_term and outcome",
                              t->source, spec->results_analysis, spec->outcome[0] ? ", outcome '" : "", spec->outcome,
                              spec->outcome[0] ? "'" : "", spec->results_term ? ", term '" : "",
                              spec->results_term ? spec->results_term : "", spec->results_term ? "'" : "",
                              spec->results_method ? ", method '" : "",
                              spec->results_method ? spec->results_method : "", spec->results_method ? "'" : "");
            goto fail;
        }
        if (n_hit > 1) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: %zu rows of analysis '%s' match (outcome/term/method/timepoint: %s); choose one "
                              "with [meta] outcome, results_term, results_method or results_timepoint",
                              t->source, n_hit, spec->results_analysis, seen);
            goto fail;
        }
        size_t i = (size_t)hit;
        s->line = core_table_line(t, i);
        double est, se;
        const char *term = core_cell_text(t, (size_t)col[2], i, t2, sizeof t2);
        if (core_cell_number(t, (size_t)col[5], i, &est) != 1 || !isfinite(est)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the estimate is '%s'; the study needs a number",
                              core_cell_where(t, (size_t)col[5], i, w1, sizeof w1),
                              core_cell_text(t, (size_t)col[5], i, text, sizeof text));
            goto fail;
        }
        if (core_cell_number(t, (size_t)col[6], i, &se) != 1 || !(se > 0)) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: the standard error is '%s'; pooling needs a positive SE (inferences without one, "
                              "such as the wild bootstrap, cannot be pooled: choose results_method = cr2 or cr1)",
                              core_cell_where(t, (size_t)col[6], i, w1, sizeof w1),
                              core_cell_text(t, (size_t)col[6], i, text, sizeof text));
            goto fail;
        }
        int ratio = is_ratio_row(spec->results_analysis, term);
        if (scale >= 0 && scale != ratio) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: its effect is %s, those of the other files are not", t->source,
                              ratio ? "a ratio" : "not a ratio");
            goto fail;
        }
        scale = ratio;
        if (ratio && !(est > 0)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: a ratio of %g has no logarithm",
                              core_cell_where(t, (size_t)col[5], i, w1, sizeof w1), est);
            goto fail;
        }
        s->yi = ratio ? log(est) : est; /* SPEC section 4: ratios as ratios, se of the log */
        s->vi = se * se;
    }
    out->log_scale = scale == 1;
    for (size_t e = 0; e < spec->n_exclude; e++) {
        int hit = 0;
        for (size_t i = 0; i < out->n; i++)
            if (strcmp(out->s[i].name, spec->exclude[e]) == 0) {
                out->s[i].excluded = "left out by the [meta] key 'exclude'";
                hit = 1;
            }
        if (!hit) {
            const char *near = nearest_study(out, spec->exclude[e]);
            st = core_err_set(err, CORE_ERR_CONFIG, "[meta] exclude: '%s' is not one of the results files; did you mean "
                              "'%s'?", spec->exclude[e], near ? near : "");
            goto fail;
        }
    }
    for (size_t i = 0; i < out->n; i++)
        out->k += out->s[i].excluded == NULL;
    return CORE_OK;
fail:
    meta_studies_free(out);
    return st;
}
