/* Fuzz target: the fidelity scorer (fidelity/fid.h): a fuzzed review table scored against the
 * built-in IPS-25 with fid_data_load, then the score, trend, agreement and alpha rows. The first
 * byte picks the layout: single review rows, raters (with a consensus row), or survey respondents;
 * the rest is the CSV. Invariants: a refused table is a data/config error naming the file or the
 * key; on success every item score lies in the scale's range, every review total in [25, 125]
 * (IPS-25 sums 25 items scored 1-5) or is NaN with a note, and no result row has a NaN estimate
 * without a label. Seeds: tests/fuzz/corpus/fuzz_fidelity. */
#include "tests/fuzz/fuzz_common.h"

#include "core/core_config.h"
#include "core/core_read.h"
#include "core/core_data.h"
#include "fidelity/fid.h"

/* The keys fid_spec_from_config reads (its own schema, so the target does not depend on cli/). */
static const core_cfg_section fz_fid_schema[] = {
    {"fidelity", NULL, fid_fidelity_keys, core_data_keys},
};

static const char *const fz_fid_configs[3] = {
    "[fidelity]\nscale = ips25\nsite = site\nreview = review\n",
    "[fidelity]\nscale = ips25\nsite = site\nreview = review\nrater = rater\nconsensus = consensus\n",
    "[fidelity]\nscale = ips25\nsite = site\nreview = review\nrespondent = rater\nmin_raters = 1\n",
};

static core_config *fz_fid_cfg[3];
static fid_scale fz_fid_scale;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_err err;
    for (int i = 0; i < 3; i++) {
        char path[64];
        int fd = fuzz_memfile((const uint8_t *)fz_fid_configs[i], strlen(fz_fid_configs[i]), path, sizeof path);
        fz_fid_cfg[i] = fd >= 0 ? core_config_load(path, fz_fid_schema, 1, &err) : NULL;
        if (fd >= 0)
            close(fd);
        if (!fz_fid_cfg[i]) {
            fprintf(stderr, "fuzz_fidelity: config %d: %s\n", i, err.msg);
            abort();
        }
    }
    if (fid_scale_ips25(&fz_fid_scale, &err) != CORE_OK) {
        fprintf(stderr, "fuzz_fidelity: %s\n", err.msg);
        abort();
    }
    return 0;
}

static void fz_fid_check_rows(const core_results *res)
{
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *r = &res->rows[i];
        FUZZ_REQUIRE(r->module && r->analysis, "a result row names its module and analysis");
        if (isnan(r->estimate))
            FUZZ_REQUIRE(r->label && r->label[0], "a NaN estimate carries its reason in label");
        else
            FUZZ_REQUIRE(isfinite(r->estimate), "estimates are finite or NaN");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int layout = size ? data[0] % 3 : 0;
    if (size) {
        data++;
        size--;
    }
    const core_config *cfg = fz_fid_cfg[layout];
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    core_read_opts o = {.display_name = "reviews.csv"};
    core_err err;
    core_table *t = core_read_delimited(path, &o, &err);
    close(fd);
    if (!t)
        return 0; /* the reader's own target covers refusals */
    fid_spec spec;
    if (fid_spec_from_config(cfg, &spec, &err) != CORE_OK)
        abort(); /* fixed, valid config */
    spec.scale = &fz_fid_scale;
    fid_data d;
    core_status st = fid_data_load(cfg, &spec, t, &d, &err);
    if (st != CORE_OK) {
        FUZZ_REQUIRE(st == CORE_ERR_DATA || st == CORE_ERR_CONFIG || st == CORE_ERR_NOMEM, "a bad table is a data error");
        FUZZ_REQUIRE(strstr(err.msg, "reviews.csv") || strstr(err.msg, "[fidelity]"), "the message names the place");
        core_table_free(t);
        return 0;
    }
    size_t ni = fz_fid_scale.n_items;
    for (size_t i = 0; i < t->n_rows * ni; i++)
        FUZZ_REQUIRE(isnan(d.scored[i]) || (d.scored[i] >= fz_fid_scale.min && d.scored[i] <= fz_fid_scale.max),
                     "scored items lie in the scale's range");
    for (size_t r = 0; r < d.n_reviews; r++) {
        const fid_review *rv = &d.reviews[r];
        if (isnan(rv->total))
            FUZZ_REQUIRE(rv->note[0] != '\0', "a missing total says why");
        else
            FUZZ_REQUIRE(rv->total >= 25 - 1e-9 && rv->total <= 125 + 1e-9, "an IPS-25 total lies in [25, 125]");
    }
    core_results *res = core_results_new();
    if (res) {
        /* analysis errors (too few reviews for a trend, no variance for alpha) are allowed; crashes are not */
        fid_rows_scores(&d, 0.95, res, &err);
        fid_rows_trends(&d, res, &err);
        if (spec.layout == FID_LAYOUT_RATERS)
            fid_rows_agreement(&d, 0.95, res, &err);
        if (spec.layout == FID_LAYOUT_RESPONDENTS)
            fid_rows_phase_change(&d, 0.95, res, &err);
        fid_rows_alpha(&d, 0.95, res, &err);
        fz_fid_check_rows(res);
        core_results_free(res);
    }
    fid_data_free(&d);
    core_table_free(t);
    return 0;
}
