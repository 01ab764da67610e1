/* The meta-analysis module (meta/) on the bundled IPS trials (examples/ips_rct_meta.csv): the check values
 * published with the data (DOMAIN.md §8 of the project's domain notes, quoted below), and the module's
 * rows (exclusions, leave-one-out, cumulative, meta-regression, Mantel-Haenszel) against R.
 *
 * DOMAIN.md §8 (computed with R metafor, first 7 rows, log RR): DerSimonian-Laird RR 2.599
 * (2.070-3.265), prediction interval 1.616-4.181, Q 12.21 on 6 df, I2 50.9%, tau2 0.04526; REML with
 * Knapp-Hartung RR 2.585 (1.910-3.497). §5.2: all 8 rows DL RR 2.40 (1.75-3.30), Q 43.9, I2 84.1%.
 * Those are checked at the precision printed there (half a unit of the last digit).
 *
 * Precise values from R 4.2.2 / metafor 3.8-1 (printed with %.12g):
 *   d <- read.csv("examples/ips_rct_meta.csv"); d7 <- d[1:7, ]; d7$usa <- as.numeric(d7$country == "USA")
 *   e <- escalc("RR", ai=events_ips, n1i=n_ips, ci=events_control, n2i=n_control, data=d7, slab=study)
 *   ctl <- list(threshold=1e-14, maxiter=10000)
 *   g <- rma(yi, vi, data=e, method="REML", test="knha", control=ctl)
 *   leave1out(g); cumul(g, order=d7$year)        # the file is already in year order
 *   rma(yi, vi, mods=~usa, data=e, method="REML", test="knha", control=ctl)
 *   rma.mh(ai=events_ips, n1i=n_ips, ci=events_control, n2i=n_control, data=d7, measure="RR")
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"
#include "meta/meta.h"
#include "tests/t_check.h"

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section schema[] = {{"project", NULL, core_project_keys, NULL}, {"meta", NULL, meta_keys, core_data_keys}};
#define DIR "build/tmp-tests"

static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, DIR "/%s", name);
    FILE *f = fopen(path, "w");
    if (!f) {
        printf("FAIL: cannot write %s\n", path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
    return path;
}

/* Run the module on a config text: spec, data, studies, rows. Returns the status; rows in *res. */
static core_status run(const char *ini_name, const char *ini, core_results **res, meta_studies *ms, core_err *err)
{
    core_status st;
    *res = core_results_new();
    memset(ms, 0, sizeof *ms);
    core_config *cfg = core_config_load(write_file(ini_name, ini), schema, 2, err);
    if (!cfg)
        return err->code;
    meta_spec spec;
    if ((st = meta_spec_from_config(cfg, 0.95, &spec, err)) != CORE_OK) {
        core_config_free(cfg);
        return st;
    }
    core_table *t = NULL;
    if ((st = core_data_read_section(cfg, "meta", "data", &t, NULL, err)) == CORE_OK &&
        (st = meta_studies_build(cfg, &spec, t, ms, err)) == CORE_OK)
        st = meta_analyse(&spec, ms, *res, err);
    core_table_free(t);
    meta_spec_free(&spec);
    core_config_free(cfg);
    return st;
}

static const core_result_row *row(const core_results *r, const char *analysis, const char *term, const char *method)
{
    const core_result_row *x = core_results_find(r, NULL, analysis, NULL, NULL, term, method);
    if (!x)
        printf("FAIL: no row %s / %s / %s\n", analysis, term, method ? method : "");
    static core_result_row nan_row;
    nan_row = CORE_RESULT_ROW_EMPTY;
    return x ? x : &nan_row;
}

#define IPS_INI(extra)                                                                                             \
    "[project]\nconfidence = 0.95\n[meta]\ndata = ../../examples/ips_rct_meta.csv\nmeasure = RR\nstudy = study\n"  \
    "events_t = events_ips\nn_t = n_ips\nevents_c = events_control\nn_c = n_control\nyear = year\n" extra

static void test_domain_check_values(void)
{
    core_results *r;
    meta_studies ms;
    core_err e;
    core_status st = run("ips7.ini",
                         IPS_INI("outcome = employment\nexclude = Christensen (Denmark IPS vs SAU)\n"
                                 "method = dl, reml, fixed, mh\nknapp_hartung = yes\nmoderator = country\n"
                                 "moderator_level = USA\n"),
                         &r, &ms, &e);
    if (!t_int(st, CORE_OK, "ips 7 studies: %s", e.msg))
        return;
    t_int((long)ms.n, 8, "8 rows read");
    t_int((long)ms.k, 7, "7 pooled (Christensen excluded by name)");
    const core_result_row *x = row(r, "study_effect", "Christensen (Denmark IPS vs SAU)", "");
    t_true(isnan(x->estimate), "excluded study has no estimate");
    t_contains(x->label, "exclude", "excluded study says why");

    /* DOMAIN.md §8 at its printed precision */
    x = row(r, "pooled", "rr", "dl");
    t_abs(x->estimate, 2.599, 0.0005, "DL RR 2.599");
    t_abs(x->ci_low, 2.070, 0.0005, "DL CI low 2.070");
    t_abs(x->ci_high, 3.265, 0.0005, "DL CI high 3.265");
    x = row(r, "prediction_interval", "rr", "dl");
    t_abs(x->ci_low, 1.616, 0.0005, "DL PI low 1.616");
    t_abs(x->ci_high, 4.181, 0.0005, "DL PI high 4.181");
    x = row(r, "heterogeneity", "Q", "dl");
    t_abs(x->statistic, 12.21, 0.005, "Q 12.21");
    t_int((long)x->df, 6, "Q on 6 df");
    t_abs(row(r, "heterogeneity", "I2", "dl")->estimate, 50.9, 0.05, "I2 50.9%%");
    t_abs(row(r, "heterogeneity", "tau2", "dl")->estimate, 0.04526, 0.000005, "tau2 0.04526");
    x = row(r, "pooled", "rr", "reml_hk");
    /* DOMAIN.md prints 2.585; R gives 2.584463631: 2.585 is 2.5845 rounded again (double rounding),
     * so the printed value is checked at 4 digits, and the 12-digit R value at 1e-6 below. */
    t_abs(x->estimate, 2.5845, 0.00005, "REML-KH RR 2.585 (2.5845 to 4 digits)");
    t_rel(x->estimate, 2.584463631, TOL_REF, "REML-KH RR vs R");
    t_abs(x->ci_low, 1.910, 0.0005, "REML-KH CI low 1.910");
    t_abs(x->ci_high, 3.497, 0.0005, "REML-KH CI high 3.497");
    t_int((long)x->df, 6, "REML-KH t on 6 df");
    /* and the same at 1e-6 against R's values to 12 digits */
    t_rel(row(r, "pooled", "rr", "dl")->estimate, 2.59939440461, TOL_REF, "DL RR vs R");
    t_rel(row(r, "pooled", "rr", "dl")->ci_low, 2.06955458354, TOL_REF, "DL CI low vs R");
    t_rel(row(r, "heterogeneity", "Q", "dl")->statistic, 12.2104699321, TOL_REF, "Q vs R");
    t_rel(row(r, "heterogeneity", "I2", "dl")->estimate, 50.86184206374, TOL_REF, "I2 vs R");
    t_rel(row(r, "heterogeneity", "tau2", "dl")->estimate, 0.04526235109, TOL_REF, "DL tau2 vs R");
    t_rel(row(r, "pooled", "rr", "reml_hk")->ci_high, 3.497386781, TOL_REF, "REML-KH CI high vs R");
    t_rel(row(r, "heterogeneity", "tau2", "reml_hk")->estimate, 0.0358392187973, TOL_REF, "REML tau2 vs R");
    t_rel(row(r, "heterogeneity", "tau2", "reml_hk")->ci_high, 0.697715714098, TOL_REF, "REML tau2 Q-profile upper");
    t_abs(row(r, "heterogeneity", "tau2", "reml_hk")->ci_low, 0.0, 0, "REML tau2 Q-profile lower is 0");
    t_rel(row(r, "prediction_interval", "rr", "reml_hk")->ci_low, 1.48626428197, TOL_REF, "REML-KH PI low vs R");
    t_rel(row(r, "prediction_interval", "rr", "reml_hk")->ci_high, 4.49412149745, TOL_REF, "REML-KH PI high vs R");
    t_rel(row(r, "pooled", "rr", "fixed")->estimate, 2.485547, 1e-6, "fixed RR 2.49 (DOMAIN 5.2) vs R");

    /* Mantel-Haenszel RR vs rma.mh */
    x = row(r, "pooled", "rr", "mh");
    t_rel(x->estimate, 2.57460703627, TOL_REF, "MH RR");
    t_rel(x->se, 0.0774953136046, TOL_REF, "MH se(log RR)");
    t_rel(x->ci_low, 2.21180492768, TOL_REF, "MH CI low");
    t_rel(row(r, "heterogeneity", "Q", "mh")->statistic, 12.4207032539, TOL_REF, "MH Q");
    t_rel(row(r, "heterogeneity", "I2", "mh")->estimate, 51.6935564971, TOL_REF, "MH I2");

    /* Leave-one-out and cumulative use the primary method (dl with Knapp-Hartung here): compare the
     * REML-KH ones below. The KH estimate is the DL estimate. */
    t_int((long)row(r, "leave_one_out", "Drake (Washington DC)", "dl_hk")->n, 6, "leave-one-out pools 6");
    t_rel(row(r, "cumulative", "Hoffmann (Bern)", "dl_hk")->estimate, 2.59939440461, TOL_REF,
          "last cumulative step = the full DL pool");
    t_rel(row(r, "study_weight", "Drake (Washington DC)", "dl")->estimate +
              row(r, "study_weight", "Mueser (Hartford)", "dl")->estimate +
              row(r, "study_weight", "Latimer (Montreal)", "dl")->estimate +
              row(r, "study_weight", "Bond (Chicago)", "dl")->estimate +
              row(r, "study_weight", "Burns (EQOLISE)", "dl")->estimate +
              row(r, "study_weight", "Wong (Hong Kong)", "dl")->estimate +
              row(r, "study_weight", "Hoffmann (Bern)", "dl")->estimate,
          100.0, 1e-12, "weights add to 100%%");

    /* Meta-regression on the US indicator (primary method dl: checked with reml below). */
    t_true(core_results_find(r, NULL, "meta_regression", NULL, NULL, "country[USA]", "dl_hk") != NULL,
           "meta-regression row named country[USA]");
    core_results_free(r);
    meta_studies_free(&ms);
}

static void test_reml_rows(void)
{
    core_results *r;
    meta_studies ms;
    core_err e;
    core_status st = run("ips7r.ini",
                         IPS_INI("exclude = Christensen (Denmark IPS vs SAU)\nmethod = reml\nmoderator = country\n"
                                 "moderator_level = USA\n"),
                         &r, &ms, &e);
    if (!t_int(st, CORE_OK, "ips REML-KH: %s", e.msg))
        return;
    static const struct {
        const char *study;
        double est, se, lo, tau2;
    } l1o[] = {
        {"Drake (Washington DC)", 0.872958737162, 0.0775184442749, 0.673691232382, 0.00935102447234},
        {"Mueser (Hartford)", 0.881459328647, 0.132857023822, 0.539939476474, 0.0189023350235},
        {"Latimer (Montreal)", 0.955415007119, 0.148000745857, 0.574966978158, 0.0529209300457},
        {"Bond (Chicago)", 0.999203408186, 0.151238866563, 0.610431524955, 0.0580637636706},
        {"Burns (EQOLISE)", 1.01424786766, 0.132495713086, 0.673656794305, 0.0258035798746},
        {"Wong (Hong Kong)", 0.973328827033, 0.1495240121, 0.588965117538, 0.0571384748379},
        {"Hoffmann (Bern)", 0.980286668292, 0.147245056956, 0.601781199495, 0.0550451452286},
    };
    for (size_t i = 0; i < 7; i++) {
        const core_result_row *x = row(r, "leave_one_out", l1o[i].study, "reml_hk");
        t_rel(log(x->estimate), l1o[i].est, TOL_REF, "leave1out %s estimate", l1o[i].study);
        t_rel(x->se, l1o[i].se, TOL_REF, "leave1out %s se (KH)", l1o[i].study);
        t_rel(log(x->ci_low), l1o[i].lo, TOL_REF, "leave1out %s ci low", l1o[i].study);
        char want[64];
        snprintf(want, sizeof want, "τ² %.4g", l1o[i].tau2);
        t_contains(x->label, want, "leave1out %s tau2 in label", l1o[i].study);
    }
    static const struct {
        const char *study;
        double est, se, hi;
    } cum[] = {
        {"Drake (Washington DC)", 1.8874205878, 0.372032198646, 2.61659029823},
        {"Mueser (Hartford)", 1.45274029151, 0.35118855437, 5.91501396433},
        {"Latimer (Montreal)", 1.27071615092, 0.237047287799, 2.29064831085},
        {"Bond (Chicago)", 1.12734044351, 0.208954765444, 1.79232776477},
        {"Burns (EQOLISE)", 1.01840467371, 0.184377757582, 1.53031939626},
        {"Wong (Hong Kong)", 0.980286668292, 0.147245056956, 1.35879213709},
        {"Hoffmann (Bern)", 0.949517993625, 0.123624421529, 1.25201605575},
    };
    for (size_t i = 0; i < 7; i++) {
        const core_result_row *x = row(r, "cumulative", cum[i].study, "reml_hk");
        t_rel(log(x->estimate), cum[i].est, TOL_REF, "cumulative %s estimate", cum[i].study);
        t_rel(x->se, cum[i].se, TOL_REF, "cumulative %s se", cum[i].study);
        t_rel(log(x->ci_high), cum[i].hi, TOL_REF, "cumulative %s ci high", cum[i].study);
    }
    /* the cumulative rows come in year order (file order here): check the order of the rows */
    size_t prev = 0;
    int in_order = 1;
    for (size_t i = 0; i < 7; i++)
        for (size_t j = 0; j < r->n; j++)
            if (strcmp(r->rows[j].analysis, "cumulative") == 0 && strcmp(r->rows[j].term, cum[i].study) == 0) {
                in_order &= j > prev;
                prev = j;
            }
    t_true(in_order, "cumulative rows in year order");
    /* meta-regression on the US indicator */
    const core_result_row *b0 = row(r, "meta_regression", "(Intercept)", "reml_hk");
    const core_result_row *b1 = row(r, "meta_regression", "country[USA]", "reml_hk");
    t_rel(b0->estimate, 0.81203499168, TOL_REF, "metareg intercept");
    t_rel(b1->estimate, 0.302141765142, TOL_REF, "metareg USA");
    t_rel(b0->se, 0.158327559615, TOL_REF, "metareg se intercept");
    t_rel(b1->se, 0.23539004345, TOL_REF, "metareg se USA");
    t_rel(b1->p_value, 0.255555297383, TOL_REF, "metareg p USA");
    t_rel(row(r, "meta_regression", "tau2", "reml_hk")->estimate, 0.0346667863987, TOL_REF, "metareg tau2");
    t_rel(row(r, "meta_regression", "QM", "reml_hk")->statistic, 1.64757557884, TOL_REF, "metareg QM");
    t_rel(row(r, "meta_regression", "QE", "reml_hk")->statistic, 9.26653106421, TOL_REF, "metareg QE");
    t_rel(row(r, "meta_regression", "QE", "reml_hk")->p_value, 0.0988938490276, TOL_REF, "metareg QE p");
    t_rel(row(r, "meta_regression", "R2", "reml_hk")->estimate, 3.27136706081, 1e-5, "metareg R2");
    t_contains(row(r, "pooled", "rr", "reml_hk")->label, "τ² by REML", "pooled label names the method");
    t_contains(row(r, "pooled", "rr", "reml_hk")->label,
               "; Christensen (Denmark IPS vs SAU) excluded: left out by the [meta] key 'exclude'",
               "pooled label names the excluded study and why");
    core_results_free(r);
    meta_studies_free(&ms);
}

static void test_all_eight(void)
{
    core_results *r;
    meta_studies ms;
    core_err e;
    if (!t_int(run("ips8.ini", IPS_INI("method = dl\n"), &r, &ms, &e), CORE_OK, "ips 8 studies: %s", e.msg))
        return;
    /* DOMAIN.md §5.2: all 8 rows DL RR 2.40 (1.75-3.30); Q = 43.9; I2 = 84.1% */
    const core_result_row *x = row(r, "pooled", "rr", "dl");
    t_abs(x->estimate, 2.40, 0.005, "8 rows DL RR 2.40");
    t_abs(x->ci_low, 1.75, 0.005, "8 rows CI low 1.75");
    t_abs(x->ci_high, 3.30, 0.005, "8 rows CI high 3.30");
    t_abs(row(r, "heterogeneity", "Q", "dl")->statistic, 43.9, 0.05, "8 rows Q 43.9");
    t_abs(row(r, "heterogeneity", "I2", "dl")->estimate, 84.1, 0.05, "8 rows I2 84.1");
    t_rel(x->estimate, 2.403123904, TOL_REF, "8 rows DL RR vs R");
    t_true(row(r, "pooled", "rr", "dl_hk")->estimate > 0, "Knapp-Hartung on by default");
    core_results_free(r);
    meta_studies_free(&ms);
}

static void test_bad_input(void)
{
    core_results *r;
    meta_studies ms;
    core_err e;
    write_file("zero.csv", "study,year,et,nt,ec,nc\nA,2001,10,50,4,50\nB,2003,0,40,0,38\nC,2005,12,60,6,61\n"
                           "D,2006,8,30,5,31\n");
    const char *base = "[meta]\ndata = zero.csv\nmeasure = RR\nstudy = study\nyear = year\nevents_t = et\nn_t = nt\n"
                       "events_c = ec\nn_c = nc\n";
    char ini[1024];
    snprintf(ini, sizeof ini, "%smethod = reml\n", base);
    t_int(run("zero.ini", ini, &r, &ms, &e), CORE_OK, "double-zero study: the run goes on");
    t_int((long)ms.k, 3, "double-zero study excluded");
    t_contains(row(r, "study_effect", "B", "")->label, "excluded: no events in either arm", "and said");
    t_contains(row(r, "pooled", "rr", "reml_hk")->label, "B excluded: no events in either arm", "the pooled row says which study was excluded and why");
    t_contains(row(r, "pooled", "rr", "reml_hk")->label, "very few studies", "few studies warned");
    core_results_free(r);
    meta_studies_free(&ms);

    snprintf(ini, sizeof ini, "%smethod = reml\nexclude = A, C, D\n", base);
    t_int(run("one.ini", ini, &r, &ms, &e), CORE_ERR_ANALYSIS, "random effects with no study left");
    core_results_free(r);
    meta_studies_free(&ms);
    snprintf(ini, sizeof ini, "%smethod = reml\nexclude = A, C\n", base);
    t_int(run("one.ini", ini, &r, &ms, &e), CORE_ERR_ANALYSIS, "random effects with one study");
    t_contains(e.msg, "at least two studies", "one study: says why");
    core_results_free(r);
    meta_studies_free(&ms);
    snprintf(ini, sizeof ini, "%smethod = reml\nexclude = Dd\n", base);
    t_int(run("typo.ini", ini, &r, &ms, &e), CORE_ERR_CONFIG, "exclude of an unknown study");
    t_contains(e.msg, "did you mean 'D'", "exclude typo suggests the study");
    t_contains(e.msg, "typo.ini:", "exclude typo names the config line");
    core_results_free(r);
    meta_studies_free(&ms);

    write_file("neg.csv", "study,yi,vi\nA,0.1,0.04\nB,0.3,-0.02\nC,0.2,0.05\n");
    t_int(run("neg.ini", "[meta]\ndata = neg.csv\nmeasure = generic\nyi = yi\nvi = vi\n", &r, &ms, &e), CORE_ERR_DATA,
          "negative variance refused");
    t_contains(e.msg, "neg.csv:3:3 'vi'", "negative variance names file:row:column");
    t_contains(e.msg, "must be positive", "negative variance says what is valid");
    core_results_free(r);
    meta_studies_free(&ms);

    write_file("bad.csv", "study,et,nt,ec,nc\nA,10,50,4,50\nB,12.5,40,3,38\n");
    t_int(run("bad.ini", "[meta]\ndata = bad.csv\nevents_t = et\nn_t = nt\nevents_c = ec\nn_c = nc\nmethod = fixed\n", &r,
              &ms, &e),
          CORE_ERR_DATA, "fractional count refused");
    t_contains(e.msg, "bad.csv:3:2 'et'", "fractional count names the cell");
    core_results_free(r);
    meta_studies_free(&ms);
    write_file("over.csv", "study,et,nt,ec,nc\nA,10,50,4,50\nB,41,40,3,38\n");
    t_int(run("over.ini", "[meta]\ndata = over.csv\nevents_t = et\nn_t = nt\nevents_c = ec\nn_c = nc\n", &r, &ms, &e),
          CORE_ERR_DATA, "events above n refused");
    t_contains(e.msg, "over.csv:3:2 'et'", "events above n names the cell");
    core_results_free(r);
    meta_studies_free(&ms);
    t_int(run("mh.ini", "[meta]\ndata = neg.csv\nmeasure = generic\nyi = yi\nvi = vi\nmethod = mh\n", &r, &ms, &e),
          CORE_ERR_CONFIG, "mh with a generic measure refused");
    t_contains(e.msg, "mh.ini:", "names the config line");
    core_results_free(r);
    meta_studies_free(&ms);
    t_int(run("yi.ini", "[meta]\ndata = neg.csv\nmeasure = RR\nyi = yi\nvi = vi\n", &r, &ms, &e), CORE_ERR_CONFIG,
          "yi with a binary measure refused");
    core_results_free(r);
    meta_studies_free(&ms);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_domain_check_values();
    test_reml_rows();
    test_all_eight();
    test_bad_input();
    return t_summary("test_meta_ips");
}
