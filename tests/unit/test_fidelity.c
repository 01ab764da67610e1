/* fidelity/: scales, scoring (hand-computed cases and every IPS-25 band edge), consensus, validation,
 * trends, agreement rows, a survey scale (reverse items, mean score, min_answered, alpha, paired change
 * against R), the fidelity-outcome link and the simulator's calibration.
 * Oracles: hand computation (each case says how), R 4.2.2 psych 2.2.9 / stats for the survey (the script
 * is in the comment above test_survey), and DOMAIN.md §3.1 for the IPS-25 bands. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_config.h"
#include "core/core_read.h"
#include "core/core_results.h"
#include "core/core_data.h"
#include "fidelity/fid.h"
#include "rct/rct.h"
#include "tests/t_check.h"

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section schema[] = {
    {"project", NULL, core_project_keys, NULL},
    {"fidelity", NULL, fid_fidelity_keys, core_data_keys},
    {"scale:*", NULL, fid_scale_keys, core_data_keys},
};
#define NS (sizeof schema / sizeof schema[0])

static const char *dir = "build/tmp-tests";
static char path_buf[512];

static const char *write_file(const char *name, const char *text)
{
    mkdir("build", 0777);
    mkdir(dir, 0777);
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    FILE *f = fopen(path_buf, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path_buf;
}

static core_config *cfg_of(const char *name, const char *text, core_err *err)
{
    return core_config_load(write_file(name, text), schema, NS, err);
}

/* An IPS-25 header and a row of 25 scores: `threes` items at 3 and the rest at `rest`... built by hand. */
static const char *IPS_HEAD = "site,review,rater,S1,S2,S3,O1,O2,O3,O4,O5,O6,O7,O8,V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,V11,V12,"
                              "V13,V14\n";

/* Append a row whose 25 items sum to total (spread as evenly as the whole numbers 1-5 allow). */
static void add_row(char *buf, size_t size, const char *site, const char *review, const char *rater, int total)
{
    size_t used = strlen(buf);
    used += (size_t)snprintf(buf + used, size - used, "%s,%s,%s", site, review, rater);
    int base = total / 25, extra = total % 25;
    for (int j = 0; j < 25; j++)
        used += (size_t)snprintf(buf + used, size - used, ",%d", base + (j < extra));
    snprintf(buf + used, size - used, "\n");
}

typedef struct loaded {
    core_config *cfg;
    core_table *t;
    fid_scale scale;
    fid_spec spec;
    fid_data data;
    core_status st;
    core_err err;
} loaded;

/* Load config text + data text; st/err hold the first failure. */
static void load(loaded *L, const char *ini, const char *csv)
{
    memset(L, 0, sizeof *L);
    core_err_clear(&L->err);
    write_file("fid_data.csv", csv);
    L->cfg = cfg_of("fid.ini", ini, &L->err);
    if (!L->cfg) {
        L->st = L->err.code;
        return;
    }
    const char *scale = core_config_str(L->cfg, "fidelity", "scale", "ips25");
    if ((L->st = fid_scale_load(L->cfg, scale, "fid.ini: scale", &L->scale, &L->err)) != CORE_OK)
        return;
    if ((L->st = fid_spec_from_config(L->cfg, &L->spec, &L->err)) != CORE_OK)
        return;
    L->spec.scale = &L->scale;
    if (!(L->t = core_read_delimited("build/tmp-tests/fid_data.csv", NULL, &L->err))) {
        L->st = L->err.code;
        return;
    }
    L->st = fid_data_load(L->cfg, &L->spec, L->t, &L->data, &L->err);
}

static void unload(loaded *L)
{
    if (L->st == CORE_OK)
        fid_data_free(&L->data);
    fid_scale_free(&L->scale);
    core_table_free(L->t);
    core_config_free(L->cfg);
}

static const char *RATER_INI = "[fidelity]\ndata = fid_data.csv\nscale = ips25\nsite = site\nreview = review\n"
                               "rater = rater\n";
static const char *SINGLE_INI = "[fidelity]\ndata = fid_data.csv\nscale = ips25\nsite = site\nreview = review\n";

static void test_scale(void)
{
    fid_scale s;
    core_err err;
    t_int(fid_scale_ips25(&s, &err), CORE_OK, "ips25 builds");
    t_int((long)s.n_items, 25, "IPS-25 has 25 items");
    t_int((long)s.n_sections, 3, "three sections");
    size_t per[3] = {0, 0, 0};
    for (size_t j = 0; j < s.n_items; j++)
        per[s.items[j].section]++;
    t_true(per[0] == 3 && per[1] == 8 && per[2] == 14, "3 staffing + 8 organisation + 14 services items");
    /* DOMAIN.md §3.1: 115-125 exemplary, 100-114 good, 74-99 fair, 73 and below not IPS; every edge. */
    const struct {
        double total;
        const char *band;
    } edges[] = {{125, "Exemplary fidelity"}, {115, "Exemplary fidelity"}, {114, "Good fidelity"},
                 {100, "Good fidelity"},      {99.5, "Fair fidelity"},     {99, "Fair fidelity"},
                 {74, "Fair fidelity"},       {73.5, "Not IPS"},          {73, "Not IPS"},
                 {25, "Not IPS"}};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        t_str(fid_scale_band(&s, edges[i].total), edges[i].band, "band of total %g", edges[i].total);
    t_true(fid_scale_band(&s, NAN) == NULL, "no band for a missing total");
    t_true(s.items[0].anchors[2] && strstr(s.items[0].anchors[2], "26-30"), "S1 anchor 3 is 26-30 clients");
    t_true(s.items[3].anchors[4] == NULL, "O1 anchors are not invented");
    fid_scale_free(&s);
}

/* Band edges through scoring: a review whose consensus total is exactly each edge. */
static void test_band_edges_scored(void)
{
    static char csv[8192];
    const int totals[] = {73, 74, 99, 100, 114, 115};
    const char *bands[] = {"Not IPS", "Fair fidelity", "Fair fidelity", "Good fidelity", "Good fidelity",
                           "Exemplary fidelity"};
    snprintf(csv, sizeof csv, "%s", IPS_HEAD);
    for (int i = 0; i < 6; i++) {
        char site[32];
        snprintf(site, sizeof site, "Site %d", i);
        add_row(csv, sizeof csv, site, "1", "consensus", totals[i]);
        add_row(csv, sizeof csv, site, "1", "A", totals[i] - 1);
        add_row(csv, sizeof csv, site, "1", "B", totals[i] + 1 > 125 ? 125 : totals[i] + 1);
    }
    loaded L;
    load(&L, RATER_INI, csv);
    t_int(L.st, CORE_OK, "band-edge data load (%s)", L.err.msg);
    if (L.st != CORE_OK) {
        unload(&L);
        return;
    }
    for (int i = 0; i < 6; i++) {
        const fid_review *rv = &L.data.reviews[i];
        t_rel(rv->total, totals[i], TOL_EXACT, "consensus total %d", totals[i]);
        t_str(fid_scale_band(&L.scale, rv->total), bands[i], "band at %d", totals[i]);
        t_int(rv->method, FID_CONSENSUS_ROW, "the consensus row wins (%d)", totals[i]);
    }
    core_results *res = core_results_new();
    t_int(fid_rows_scores(&L.data, 0.95, res, &L.err), CORE_OK, "score rows");
    const core_result_row *r = core_results_find(res, NULL, "total_score", "ips25", "1", "Site 1", "consensus");
    t_true(r && r->estimate == 74 && r->label && strstr(r->label, "Fair fidelity"), "total_score row: 74 is Fair");
    r = core_results_find(res, NULL, "total_score", "ips25", "1", "Site 0", NULL);
    t_true(r && strstr(r->label, "Not IPS"), "total_score row: 73 is Not IPS");
    /* Section subtotals of site 0 (total 73 = 23 threes and 2 twos: S1, S2 are 3+1 = ... by add_row: base 2,
     * extra 23 -> the first 23 items are 3, the last two 2): staffing 9, organisation 24, services 40. */
    r = core_results_find(res, NULL, "section_score", "Staffing", "1", "Site 0", NULL);
    t_true(r && r->estimate == 9, "staffing subtotal 9");
    r = core_results_find(res, NULL, "section_score", "Services", "1", "Site 0", NULL);
    t_true(r && r->estimate == 40, "services subtotal 3 x 12 + 2 x 2 = 40");
    core_results_free(res);
    unload(&L);
}

static void test_consensus_and_mean(void)
{
    static char csv[8192];
    snprintf(csv, sizeof csv, "%s", IPS_HEAD);
    add_row(csv, sizeof csv, "North", "2014", "A", 100); /* all 4 */
    add_row(csv, sizeof csv, "North", "2014", "B", 75);  /* all 3 */
    add_row(csv, sizeof csv, "North", "2015", "A", 110);
    add_row(csv, sizeof csv, "North", "2015", "B", 110);
    loaded L;
    load(&L, RATER_INI, csv);
    t_int(L.st, CORE_OK, "two raters without consensus load");
    if (L.st == CORE_OK) {
        const fid_review *rv = &L.data.reviews[0];
        t_int(rv->method, FID_MEAN_OF_RATERS, "no consensus row: the mean of the raters");
        t_rel(rv->item[0], 3.5, TOL_EXACT, "item = mean of 4 and 3");
        t_rel(rv->total, 87.5, TOL_EXACT, "total 25 x 3.5 = 87.5");
        t_contains(rv->note, "mean of raters", "the note says which");
        core_results *res = core_results_new();
        fid_rows_scores(&L.data, 0.95, res, &L.err);
        fid_rows_trends(&L.data, res, &L.err);
        const core_result_row *r = core_results_find(res, NULL, "total_change", "ips25", "2015", "North", NULL);
        t_true(r && fabs(r->estimate - 22.5) < 1e-12, "change since first 110 - 87.5 = 22.5");
        r = core_results_find(res, NULL, "total_score", "ips25", "all", "North", "mean_of_reviews");
        t_true(r && fabs(r->estimate - 98.75) < 1e-12, "mean over reviews (87.5 + 110) / 2");
        /* 2015: 110 = 10 fives and 15 fours: no item at or below 3, so no next steps for North. */
        t_true(core_results_find(res, NULL, "items_to_improve", NULL, NULL, "North", NULL) == NULL,
               "no item at or below 3 at the latest review");
        fid_rows_agreement(&L.data, 0.95, res, &L.err);
        r = core_results_find(res, NULL, "kappa", "items", NULL, "A vs B", "unweighted");
        t_true(r != NULL && r->n == 50, "pooled kappa over 2 reviews x 25 items, term 'A vs B'");
        r = core_results_find(res, NULL, "item_agreement", "S1", NULL, NULL, "exact");
        t_true(r && fabs(r->estimate - 0.5) < 1e-12, "S1: same score in 1 of 2 reviews");
        core_results_free(res);
    }
    unload(&L);
}

static void test_trends_and_next_steps(void)
{
    static char csv[8192];
    snprintf(csv, sizeof csv, "%s", IPS_HEAD);
    /* Round labels out of order in the file: numeric rounds are sorted. */
    add_row(csv, sizeof csv, "East", "3", "x", 80); /* 5 fours, 20 threes */
    add_row(csv, sizeof csv, "East", "1", "x", 60); /* 10 threes, 15 twos */
    add_row(csv, sizeof csv, "East", "2", "x", 70); /* 20 threes, 5 twos */
    loaded L;
    load(&L, SINGLE_INI, csv);
    t_int(L.st, CORE_OK, "single layout loads (%s)", L.err.msg);
    if (L.st == CORE_OK) {
        t_str(L.data.rounds[0], "1", "rounds sorted numerically");
        t_str(L.data.reviews[2].round, "3", "the third review is round 3");
        core_results *res = core_results_new();
        fid_rows_scores(&L.data, 0.95, res, &L.err);
        fid_rows_trends(&L.data, res, &L.err);
        const core_result_row *r = core_results_find(res, NULL, "total_change", "ips25", "3", "East", NULL);
        t_true(r && r->estimate == 20, "change 80 - 60 = 20");
        /* Latest review: S1..O2 (the first 5 items) at 4, the rest at 3 -> 20 items to improve; S3 stayed at 3
         * (round 1: first 10 items 3; round 2: first 20 items 3), and its next level's anchor is built in. */
        size_t n = 0;
        for (size_t i = 0; i < res->n; i++)
            n += strcmp(res->rows[i].analysis, "items_to_improve") == 0;
        t_int((long)n, 20, "20 items at or below 3 at the latest review");
        r = core_results_find(res, NULL, "items_to_improve", "S1", NULL, "East", NULL);
        t_true(r == NULL, "S1 at 4 is not listed");
        r = core_results_find(res, NULL, "items_to_improve", "O3", NULL, "East", NULL);
        t_true(r && r->estimate == 3 && strcmp(r->method, "stayed_low") == 0, "O3 stayed at 3 in all reviews");
        t_contains(r ? r->label : NULL, "the scale's text for a score of 4 is not built in", "O3: no invented anchor");
        core_results_free(res);
    }
    unload(&L);
}

/* Bad input: each returns a clear error naming the place. */
static void bad(const char *name, const char *ini, const char *csv, core_status code, const char *needle)
{
    loaded L;
    load(&L, ini, csv);
    t_int(L.st, code, "%s: status", name);
    t_contains(L.err.msg, needle, "%s: message", name);
    unload(&L);
}

static void test_bad(void)
{
    static char csv[8192], row[512];
    snprintf(csv, sizeof csv, "%s", IPS_HEAD);
    add_row(csv, sizeof csv, "S", "1", "A", 75);
    add_row(csv, sizeof csv, "S", "1", "B", 75);
    /* item score 0 and 6 */
    static char c0[8192];
    snprintf(c0, sizeof c0, "%sS,1,A,0%s\n", IPS_HEAD, ",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3");
    bad("score 0", SINGLE_INI, c0, CORE_ERR_DATA, "fid_data.csv:2:4 'S1': score 0 is outside the range");
    snprintf(c0, sizeof c0, "%sS,1,A,3,3,3,3,3,6%s\n", IPS_HEAD, ",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3");
    bad("score 6", SINGLE_INI, c0, CORE_ERR_DATA, "'O3': score 6 is outside the range of scale 'ips25' (1 to 5)");
    snprintf(c0, sizeof c0, "%sS,1,A,3.5%s\n", IPS_HEAD, ",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3");
    bad("non-integer score", SINGLE_INI, c0, CORE_ERR_DATA, "'3.5' is not a whole-number score");
    snprintf(c0, sizeof c0, "%sS,1,A,three%s\n", IPS_HEAD, ",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3");
    bad("text score", SINGLE_INI, c0, CORE_ERR_DATA, "'three' is not a whole-number score");
    /* all items missing */
    snprintf(c0, sizeof c0, "%sS,1,A%s\n", IPS_HEAD, ",,,,,,,,,,,,,,,,,,,,,,,,,");
    bad("all items missing", SINGLE_INI, c0, CORE_ERR_DATA, "fid_data.csv:2: no item is scored in this row");
    /* missing rater column */
    bad("missing rater column", "[fidelity]\ndata = fid_data.csv\nsite = site\nreview = review\nrater = reviewer\n",
        csv, CORE_ERR_CONFIG, "reviewer");
    /* a review with only one rater when agreement is asked */
    snprintf(c0, sizeof c0, "%s", IPS_HEAD);
    add_row(c0, sizeof c0, "S", "1", "A", 75);
    add_row(c0, sizeof c0, "S", "1", "B", 75);
    add_row(c0, sizeof c0, "S", "2", "A", 80);
    bad("one rater", RATER_INI, c0, CORE_ERR_DATA, "fid_data.csv:4: site 'S' review '2' has 1 rater (A)");
    /* ... accepted with min_raters = 1 */
    {
        char ini[512];
        snprintf(ini, sizeof ini, "%smin_raters = 1\n", RATER_INI);
        loaded L;
        load(&L, ini, c0);
        t_int(L.st, CORE_OK, "min_raters = 1 accepts a single-rater review");
        if (L.st == CORE_OK)
            t_int(L.data.reviews[1].method, FID_SINGLE, "scored as a single-rater review");
        unload(&L);
    }
    /* duplicate (site, review, rater) */
    snprintf(c0, sizeof c0, "%s", IPS_HEAD);
    add_row(c0, sizeof c0, "S", "1", "A", 75);
    add_row(c0, sizeof c0, "S", "1", "B", 75);
    add_row(c0, sizeof c0, "S", "1", "A", 80);
    bad("duplicate rater row", RATER_INI, c0, CORE_ERR_DATA, "fid_data.csv:4: duplicate row: site 'S' review '1' rater "
        "'A' appears twice (also line 2)");
    /* an item column missing from the data */
    snprintf(c0, sizeof c0, "site,review,S1\nS,1,3\n");
    bad("item column missing", SINGLE_INI, c0, CORE_ERR_DATA, "no column 'S2' for item S2 of scale 'ips25'");
    /* scales from the config */
    snprintf(row, sizeof row, "site,review,q1,q2\nS,1,1,2\n");
    bad("unknown item in reverse",
        "[fidelity]\ndata = fid_data.csv\nscale = s\nsite = site\nreview = review\n[scale:s]\nitems = q1, q2\n"
        "reverse = q3\n",
        row, CORE_ERR_CONFIG, "'q3' is not an item of scale 's'");
    bad("unknown item in sections",
        "[fidelity]\ndata = fid_data.csv\nscale = s\nsite = site\nreview = review\n[scale:s]\nitems = q1, q2\n"
        "sections = A: q1 q9\n",
        row, CORE_ERR_CONFIG, "names item 'q9', which is not an item of scale 's'");
    bad("bands not decreasing",
        "[fidelity]\ndata = fid_data.csv\nscale = s\nsite = site\nreview = review\n[scale:s]\nitems = q1, q2\n"
        "bands = 5:Low, 8:High\n",
        row, CORE_ERR_CONFIG, "lower bounds must fall");
    bad("unknown scale", "[fidelity]\ndata = fid_data.csv\nscale = ips26\nsite = site\nreview = review\n", row,
        CORE_ERR_CONFIG, "'ips26' is neither a built-in scale (ips25) nor defined");
    bad("min_answered above items",
        "[fidelity]\ndata = fid_data.csv\nscale = s\nsite = site\nreview = review\n[scale:s]\nitems = q1, q2\n"
        "min_answered = 3\n",
        row, CORE_ERR_CONFIG, "min_answered");
    bad("builtin items fixed",
        "[fidelity]\ndata = fid_data.csv\nscale = ips25\nsite = site\nreview = review\n[scale:ips25]\nitems = q1\n",
        row, CORE_ERR_CONFIG, "the built-in scale 'ips25' has fixed items");
}

/* A user scale: sum with min_answered and prorate, reverse items, sections. */
static void test_user_scale(void)
{
    const char *ini = "[fidelity]\ndata = fid_data.csv\nscale = s\nsite = site\nreview = review\n[scale:s]\n"
                      "items = a, b, c, d\nmin = 0\nmax = 4\nreverse = d\nmin_answered = 3\n"
                      "bands = 12:High, 6:Middle, 0:Low\nsections = P: a b, Q: c d\n";
    /* row 1: 4,4,4,0 -> d reversed to 4: total 16 (High); row 2: 2,2,,2 -> 3 answered, d -> 2: sum 6 (not prorated,
     * said so) -> Middle; row 3: 1,,,1 -> 2 answered < 3: missing. */
    const char *csv = "site,review,a,b,c,d\nX,1,4,4,4,0\nY,1,2,2,,2\nZ,1,1,,,1\n";
    loaded L;
    load(&L, ini, csv);
    t_int(L.st, CORE_OK, "user scale loads (%s)", L.err.msg);
    if (L.st == CORE_OK) {
        t_rel(L.data.reviews[0].total, 16, TOL_EXACT, "reverse item: 4 + 4 + 4 + (0 + 4 - 0) = 16");
        t_str(fid_scale_band(&L.scale, 16), "High", "band High");
        t_rel(L.data.reviews[1].total, 6, TOL_EXACT, "sum of 3 answered items, not prorated");
        t_contains(L.data.reviews[1].note, "not prorated", "said so");
        t_true(isnan(L.data.reviews[2].total), "below min_answered: missing");
        t_contains(L.data.reviews[2].note, "only 2 of 4 items answered (min_answered = 3)", "and said why");
        t_rel(L.data.reviews[0].section[1], 8, TOL_EXACT, "section Q = c + reversed d = 8");
        t_true(isnan(L.data.reviews[1].section[1]), "section with a missing item: missing");
    }
    unload(&L);
    char ini2[1024];
    snprintf(ini2, sizeof ini2, "%sprorate = yes\n", ini);
    load(&L, ini2, csv);
    if (L.st == CORE_OK) {
        t_rel(L.data.reviews[1].total, 8, TOL_EXACT, "prorate = yes: 6 / 3 x 4 = 8");
        t_contains(L.data.reviews[1].note, "prorated from 3 of 4 items", "prorating said");
    }
    unload(&L);
}

/*
 * Survey (respondents): a 4-item mean scale with q3 reversed and min_answered 3, phases 1 and 2.
 * R 4.2.2: s1 <- rowMeans(rev(p1), na.rm = TRUE); s2 <- rowMeans(rev(p2)); t.test(s2, s1, paired = TRUE);
 * psych::alpha on the 11 complete rows; alpha.ci(alpha, 11, 4) (script: tests/unit/test_fidelity_ref.R
 * has the same conventions; the survey data are the rows below).
 */
static void test_survey(void)
{
    const char *ini = "[fidelity]\ndata = fid_data.csv\nscale = w\nsite = team\nreview = phase\nrespondent = person\n"
                      "[scale:w]\nitems = q1, q2, q3, q4\nreverse = q3\nscore = mean\nmin_answered = 3\n";
    const char *csv = "team,phase,person,q1,q2,q3,q4\n"
                      "A,1,r1,3,4,2,3\nA,1,r2,2,2,4,3\nA,1,r3,4,5,1,4\nA,1,r4,3,3,3,2\nA,1,r5,5,4,2,\nA,1,r6,1,2,5,2\n"
                      "A,1,r7,3,,,\n"
                      "A,2,r1,4,4,2,4\nA,2,r2,3,2,3,3\nA,2,r3,4,5,1,5\nA,2,r4,3,4,3,3\nA,2,r5,5,5,1,4\nA,2,r6,2,2,4,2\n";
    loaded L;
    load(&L, ini, csv);
    t_int(L.st, CORE_OK, "survey loads (%s)", L.err.msg);
    if (L.st != CORE_OK) {
        unload(&L);
        return;
    }
    t_int(L.data.reviews[0].method, FID_MEAN_OF_RESPONDENTS, "site score = mean of respondents");
    t_rel(L.data.reviews[0].total, 3.13888888888889, TOL_REF, "phase 1 mean (R mean(s1))");
    t_int((long)L.data.reviews[0].total_n, 6, "r7 (1 item answered) has no score");
    t_rel(L.data.reviews[0].total_sd, 1.18634202800348, TOL_REF, "phase 1 SD (R sd(s1))");
    core_results *res = core_results_new();
    fid_rows_scores(&L.data, 0.95, res, &L.err);
    t_int(fid_rows_alpha(&L.data, 0.95, res, &L.err), CORE_OK, "alpha rows");
    t_int(fid_rows_phase_change(&L.data, 0.95, res, &L.err), CORE_OK, "phase change rows");
    const core_result_row *r = core_results_find(res, NULL, "cronbach_alpha", "w", NULL, NULL, "raw");
    t_true(r && r->n == 11, "alpha over the 11 complete respondent rows");
    if (r) {
        t_rel(r->estimate, 0.957113280094647, TOL_REF, "alpha (psych raw_alpha)");
        t_rel(r->ci_low, 0.892303242029945, TOL_REF, "alpha Feldt lower (psych alpha.ci)");
        t_rel(r->ci_high, 0.987047265475215, TOL_REF, "alpha Feldt upper");
    }
    static const char *const it[4] = {"q1", "q2", "q3", "q4"};
    static const double drop[4] = {0.938636363636364, 0.942434210526316, 0.923487544483986, 0.964285714285714};
    for (int j = 0; j < 4; j++) {
        r = core_results_find(res, NULL, "cronbach_alpha", "w", NULL, it[j], "if_item_deleted");
        t_true(r && fabs(r->estimate - drop[j]) <= TOL_REF * drop[j], "alpha without %s (psych alpha.drop)", it[j]);
    }
    r = core_results_find(res, NULL, "phase_change", "w", "1 to 2", "all", "paired_t");
    t_true(r != NULL && r->n == 6, "paired change over the 6 respondents scored in both phases");
    if (r) {
        t_rel(r->estimate, 0.444444444444444, TOL_REF, "mean change (t.test paired)");
        t_rel(r->statistic, 10.7871977994119, TOL_REF, "paired t");
        t_rel(r->p_value, 0.000118735792789768, TOL_REF, "paired p");
        t_rel(r->ci_low, 0.338533638219991, TOL_REF, "paired ci_low");
        t_rel(r->ci_high, 0.550355250668898, TOL_REF, "paired ci_high");
    }
    r = core_results_find(res, NULL, "total_score", "w", "1", "A", NULL);
    t_true(r && fabs(r->se - 1.18634202800348 / sqrt(6)) < 1e-12, "site score se = SD / sqrt(n)");
    core_results_free(res);
    unload(&L);
}

static void test_link(void)
{
    static char csv[8192];
    snprintf(csv, sizeof csv, "%s", IPS_HEAD);
    /* Six sites, fidelity totals 72, 90, 107, 85, 83, 97 (one review each, single layout). */
    const int tot[6] = {72, 90, 107, 85, 83, 97};
    const char *sites[6] = {"A", "B", "C", "D", "E", "F"};
    for (int i = 0; i < 6; i++)
        add_row(csv, sizeof csv, sites[i], "1", "x", tot[i]);
    loaded L;
    load(&L, SINGLE_INI, csv);
    t_int(L.st, CORE_OK, "link data load");
    if (L.st == CORE_OK) {
        /* Site effects 0.08, 0.12, 0.03, 0.15, 0.05, 0.11, 0.20 (x1 of 100 against 0 of 100), x = the totals above. */
        fid_site_outcome so[7] = {{.site = "A", .x1 = 8, .n1 = 100, .n0 = 100},  {.site = "B", .x1 = 12, .n1 = 100, .n0 = 100},
                                  {.site = "C", .x1 = 3, .n1 = 100, .n0 = 100},  {.site = "D", .x1 = 15, .n1 = 100, .n0 = 100},
                                  {.site = "E", .x1 = 5, .n1 = 100, .n0 = 100},  {.site = "F", .x1 = 11, .n1 = 100, .n0 = 100},
                                  {.site = "G", .x1 = 20, .n1 = 100, .n0 = 100}};
        core_results *res = core_results_new();
        t_int(fid_rows_link(&L.data, so, 7, "employment", "18", FID_LINK_EFFECT, RCT_RISK_DIFFERENCE, "IPS", "TAU", 0.95, res, &L.err),
              CORE_OK, "link rows");
        const core_result_row *r = core_results_find(res, NULL, "fidelity_outcome", "employment", "18", RCT_RISK_DIFFERENCE,
                                                     "spearman");
        /* ranks of x: 1 4 6 3 2 5; of y: 3 5 1 6 2 4: sum d^2 = 4+1+25+9+0+1 = 40, rho = 1 - 6*40/210 = -1/7 */
        t_true(r && fabs(r->estimate - (-1.0 / 7)) < 1e-12, "Spearman rho by hand -1/7");
        t_true(r && r->n == 6, "site G without reviews left out");
        t_contains(r ? r->label : NULL, "without fidelity reviews: G", "and named");
        t_contains(r ? r->label : NULL, "fragile and not causal", "with the caution six sites deserve");
        r = core_results_find(res, NULL, "fidelity_outcome", "employment", "18", "G", "site_data");
        t_contains(r ? r->label : NULL, "no fidelity review of this site", "G's own row says why");
        core_results_free(res);
    }
    unload(&L);
}

static void test_simulate(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    core_err err;
    double first = 0, last = 0;
    const int reps = 40;
    for (int k = 0; k < reps; k++) {
        gsl_rng_set(rng, 1000 + (unsigned long)k);
        fid_sim_opts o = {.sites = 6, .rounds = 3, .start_total = 80, .end_total = 100};
        core_table *t;
        if (fid_simulate(&o, rng, &t, &err) != CORE_OK) {
            t_true(0, "simulate: %s", err.msg);
            break;
        }
        for (size_t i = 0; i < t->n_rows; i++) {
            char b[64];
            if (strcmp(core_cell_text(t, 2, i, b, sizeof b), "consensus") != 0)
                continue;
            double tot = 0, v;
            for (size_t j = 3; j < t->n_cols; j++)
                if (core_cell_number(t, j, i, &v) == 1)
                    tot += v;
            double round;
            core_cell_number(t, 1, i, &round);
            if (round == 2014)
                first += tot / 6;
            if (round == 2016)
                last += tot / 6;
        }
        core_table_free(t);
    }
    gsl_rng_free(rng);
    /* DOMAIN.md §8: totals rising from about 80 to about 100 on average (40 replicates x 6 sites). */
    t_abs(first / reps, 80, 1.5, "simulated first-round mean total about 80 (%.1f)", first / reps);
    t_abs(last / reps, 100, 1.5, "simulated last-round mean total about 100 (%.1f)", last / reps);
}

int main(void)
{
    test_scale();
    test_band_edges_scored();
    test_consensus_and_mean();
    test_trends_and_next_steps();
    test_bad();
    test_user_scale();
    test_survey();
    test_link();
    test_simulate();
    return t_summary("test_fidelity");
}
