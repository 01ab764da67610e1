/* bench/did.sh's harness: times ipseval's registry pipeline on a panel, step by step, in one process.
 * usage: did_bench [--read-only] CONFIG.ini   ([registry] as for `ipseval did`; draws and weights from it;
 *        --read-only: stop after reading the CSV, so that the process's peak memory is the reader's)
 * Prints one line per step: "step SECONDS" (wall), "cpu_step SECONDS" (CPU of this process), and the estimate, CR1 se and wild p for a check against R. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "realworld/rw.h"
#include "stats/st_cluster.h"
#include "stats/st_twfe.h"
#include "stats/st_wild.h"

#include "bench/bench.h"

static int die(const core_err *e)
{
    fprintf(stderr, "did_bench: %s\n", e->msg);
    return 1;
}

int main(int argc, char **argv)
{
    int read_only = argc == 3 && strcmp(argv[1], "--read-only") == 0;
    if (argc != 2 && !read_only) {
        fprintf(stderr, "usage: did_bench [--read-only] CONFIG.ini\n");
        return 2;
    }
    argv += read_only;
    gsl_set_error_handler_off();
    core_err err;
    core_config *cfg = core_config_load(argv[1], schema, 2, &err);
    if (!cfg)
        return die(&err);
    rw_spec s;
    if (rw_spec_from_config(cfg, 0.95, &s, &err) != CORE_OK)
        return die(&err);
    double t0 = now(), c0 = cpu();
    core_table *t;
    if (core_data_read_section(cfg, "registry", "data", &t, NULL, &err) != CORE_OK)
        return die(&err);
    double t1 = now(), c1 = cpu();
    if (read_only) {
        printf("read_csv %.4f\ncpu_read_csv %.4f\nrows %zu\n", t1 - t0, c1 - c0, t->n_rows);
        core_table_free(t);
        rw_spec_free(&s);
        core_config_free(cfg);
        return 0;
    }
    rw_panel p;
    if (rw_panel_load(cfg, &s, t, &p, &err) != CORE_OK)
        return die(&err);
    double t2 = now(), c2 = cpu();
    /* the estimation proper: TWFE + CR1 + wild bootstrap (p-value and interval by test inversion) */
    st_fe fe[8];
    for (size_t q = 0; q < p.n_fe && q < 8; q++)
        fe[q] = (st_fe){p.fe[q], p.fe_levels[q]};
    st_twfe_data d = {.n = p.n, .y = p.y, .p = 1, .x = p.d, .fe = fe, .n_fe = p.n_fe, .cluster = p.cluster,
                      .n_clusters = p.G};
    st_twfe_fit *f;
    if (st_twfe_estimate(&d, NULL, &f, &err) != CORE_OK)
        return die(&err);
    double t3 = now();
    st_coef_test ct;
    if (st_twfe_test(f, ST_VC_CR1, 0, 0.95, &ct, &err) != CORE_OK)
        return die(&err);
    double t4 = now();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 1);
    st_wild *w;
    st_wild_opts wo = {.draws = s.bootstrap, .weights = s.webb ? ST_WILD_WEBB : ST_WILD_RADEMACHER};
    if (st_wild_new(f, 0, &wo, rng, NULL, &w, &err) != CORE_OK)
        return die(&err);
    st_wild_test wt;
    st_wild_pvalue(w, 0, &wt, &err);
    double lo, hi;
    const char *why;
    st_wild_ci(w, 0.95, &lo, &hi, &why, &err);
    double t5 = now(), c5 = cpu();
    printf("read_csv %.4f\npanel %.4f\ntwfe %.4f\ncr1 %.4f\nwild %.4f\nestimation %.4f\n", t1 - t0, t2 - t1, t3 - t2,
           t4 - t3, t5 - t4, t5 - t2);
    printf("cpu_read_csv %.4f\ncpu_panel %.4f\ncpu_estimation %.4f\n", c1 - c0, c2 - c1, c5 - c2);
    printf("n %zu clusters %zu sweeps %d draws %ld enumerated %d\n", p.n, p.G, f->ap.iterations, wt.n_draws,
           wt.enumerated);
    printf("estimate %.12g se_cr1 %.12g wild_p %.6g wild_ci %.6g %.6g\n", f->beta[0], ct.se, wt.p_value, lo, hi);
    st_wild_free(w);
    gsl_rng_free(rng);
    st_twfe_fit_free(f);
    rw_panel_free(&p);
    rw_spec_free(&s);
    core_table_free(t);
    core_config_free(cfg);
    return 0;
}
