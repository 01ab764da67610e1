/* The cost-benefit analysis (module "cba"): the "CBA" sheet, a live model whose inputs are named, validated cells
 * and whose break-even wages, NPVs, ROI, cost per job, ICER and INMB are Excel formulas on them, written with the
 * engine's values as their cached results; the "Sensitivity" sheet (PSA summary, scenario table, tornado, CE
 * plane, CEAC and EVPI, with charts); the Summary headline; the Methods entries and the CHEERS 2022 items.
 * The formulas implement ../shared/DOMAIN-models.md §3 exactly as cba/ does, so a recalculation reproduces the
 * cached values (tests/cba/run.sh recalculates the workbook in LibreOffice and compares). */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cba/cba.h"

#define SHEET "CBA"
#define SENS "Sensitivity"
#define NO_WAGE "no finite break-even wage"
#define CE_POINTS_MAX 1000

typedef struct cs {
    rpt_wctx *w;
    lxw_worksheet *ws;
    const cba_spec *s;
    const cba_result *r;
    lxw_format *in_money, *in_share, *in_num, *in_int, *money, *share, *num, *num4, *label, *cell_name, *note;
    char cur[8];
} cs;

static lxw_format *fmt(rpt_wctx *w, const char *num_format, int input)
{
    lxw_format *f = workbook_add_format(w->book);
    if (!f) {
        w->nomem = 1;
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    if (input) {
        /* inputs are blue on pale yellow, the modeller's convention for "change me" */
        format_set_font_color(f, 0x0000FF);
        format_set_bg_color(f, 0xFFF2CC);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, 0xBFBFBF);
    }
    return f;
}

static int make_formats(cs *c)
{
    rpt_wctx *w = c->w;
    c->in_money = fmt(w, "#,##0.00", 1);
    c->in_share = fmt(w, "0.0000", 1);
    c->in_num = fmt(w, "0.000000", 1);
    c->in_int = fmt(w, "0", 1);
    c->money = fmt(w, "#,##0.00", 0);
    c->share = fmt(w, "0.0000", 0);
    c->num = fmt(w, "0.000000", 0);
    c->num4 = fmt(w, "0.0000", 0);
    c->label = fmt(w, NULL, 0);
    c->cell_name = fmt(w, NULL, 0);
    if (c->cell_name)
        format_set_font_name(c->cell_name, "Courier New");
    c->note = fmt(w, NULL, 0); /* a note runs on into the empty cells to its right */
    if (c->note) {
        format_set_italic(c->note);
        format_set_font_color(c->note, 0x595959);
    }
    return c->in_money && c->in_share && c->in_num && c->in_int && c->money && c->share && c->num && c->num4 &&
           c->label && c->cell_name && c->note;
}

/* A header row tall enough for headers wrapped over three lines. */
static void tall(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r)
{
    rpt_err_at(w, worksheet_set_row(ws, r, 46, NULL), ws, r, 0);
}

/* "$B$7" of (r, col). */
static const char *abs_cell(char *buf, lxw_row_t r, lxw_col_t col)
{
    lxw_rowcol_to_cell_abs(buf, r, col, 1, 1);
    return buf;
}

static const char *abs_range(char *buf, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
    lxw_rowcol_to_range_abs(buf, r1, c1, r2, c2);
    return buf;
}

/* Give (r, col) of the CBA sheet an Excel name, and show the name in column C. */
static void define(cs *c, const char *name, lxw_row_t r, lxw_col_t col)
{
    char ref[64], cell[24];
    snprintf(ref, sizeof ref, "=%s!%s", SHEET, abs_cell(cell, r, col));
    rpt_err_at(c->w, workbook_define_name(c->w->book, name, ref), c->ws, r, col);
}

static void name_cell(cs *c, const char *name, lxw_row_t r, lxw_col_t col)
{
    define(c, name, r, col);
    rpt_put_text(c->w, c->ws, r, 2, name, c->cell_name);
}

/* A formula with the engine's value as its cached result; an undefined value caches the formula's text branch. */
static void formula(cs *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *f, double value,
                    const char *text_if_nan, lxw_format *format)
{
    if (isfinite(value))
        rpt_err_at(c->w, worksheet_write_formula_num(ws, r, col, f, format, value), ws, r, col);
    else
        rpt_err_at(c->w, worksheet_write_formula_str(ws, r, col, f, format, text_if_nan ? text_if_nan : ""), ws, r,
                   col);
}

/* Data validation of an input cell: a decimal in [lo, hi] (open ends as given), or a whole number. */
static void validate(cs *c, lxw_row_t r, lxw_col_t col, double lo, double hi, int lo_open, int whole,
                     const char *what)
{
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
    if (isfinite(lo) && isfinite(hi)) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = lo;
        v.maximum_number = hi;
    } else if (isfinite(lo)) {
        v.criteria = lo_open ? LXW_VALIDATION_CRITERIA_GREATER_THAN : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.value_number = lo;
    } else {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = -1e300;
        v.maximum_number = 1e300;
    }
    v.error_title = "Not a valid value";
    v.error_message = (char *)what;
    rpt_err_at(c->w, worksheet_data_validation_cell(c->ws, r, col, &v), c->ws, r, col);
}

static const char *dist_text(const cba_dist *d, char *buf, size_t n)
{
    switch (d->kind) {
    case CBA_DIST_NONE:
        snprintf(buf, n, "fixed");
        break;
    case CBA_DIST_FIXED:
        snprintf(buf, n, "fixed");
        break;
    case CBA_DIST_UNIFORM:
        snprintf(buf, n, "uniform(min=%.10g, max=%.10g)", d->p[0], d->p[1]);
        break;
    case CBA_DIST_TRIANGULAR:
        snprintf(buf, n, "triangular(min=%.10g, mode=%.10g, max=%.10g)", d->p[0], d->p[1], d->p[2]);
        break;
    default:
        snprintf(buf, n, "%s(mean=%.10g, se=%.10g)", cba_dist_name[d->kind], d->p[0], d->p[1]);
    }
    return buf;
}

/* One input row: label, value (named, validated), name, note with the valid range and PSA distribution. */
static void input_row(cs *c, lxw_row_t r, int p, const char *label, lxw_format *f)
{
    double lo, hi;
    cba_param_range(c->s, p, &lo, &hi);
    const char *key = cba_param_key[p];
    rpt_put_text(c->w, c->ws, r, 0, label, NULL);
    rpt_put_num(c->w, c->ws, r, 1, c->s->value[p], f);
    name_cell(c, key, r, 1);
    char note[400], d[160], range[120];
    int lo_open = p == CBA_DISCOUNT_RATE;
    if (isfinite(lo) && isfinite(hi))
        snprintf(range, sizeof range, "from %g to %g", lo, hi);
    else if (isfinite(lo))
        snprintf(range, sizeof range, "%s %g", lo_open ? "greater than" : "at least", lo_open ? -1.0 : lo);
    else
        snprintf(range, sizeof range, "any number");
    snprintf(note, sizeof note, "%s; PSA: %s", range, dist_text(&c->s->dist[p], d, sizeof d));
    rpt_put_text(c->w, c->ws, r, 3, note, c->note);
    snprintf(note, sizeof note, "%s must be %s.", key, range);
    validate(c, r, 1, lo_open ? -1 : lo, hi, lo_open, 0, note);
}

/* ---------------------------------------------------------------- the CBA sheet */

core_status rpt_sheet_cba(rpt_wctx *w, core_err *err)
{
    const cba_run_info *info = w->run->cba;
    if (!info || !info->spec || !info->res)
        return CORE_OK; /* results without the model (e.g. read back): nothing live to write */
    cs c = {.w = w, .s = info->spec, .r = info->res};
    const cba_spec *s = c.s;
    const cba_result *res = c.r;
    const cba_figures *f = &res->det;
    if (!make_formats(&c))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    core_status st = rpt_add_sheet(w, SHEET, &c.ws, err);
    if (st != CORE_OK)
        return st;
    lxw_worksheet *ws = c.ws;
    snprintf(c.cur, sizeof c.cur, "%s", w->run->currency ? w->run->currency : "");
    char b[1024], ra[64], rb[64], fm[1200];
    lxw_row_t r = 0;
    rpt_set_cols(w, ws, 0, 0, 46, NULL);
    rpt_set_cols(w, ws, 1, 1, 18, NULL);
    rpt_set_cols(w, ws, 2, 2, 26, NULL);
    rpt_set_cols(w, ws, 3, 3, 20, NULL);
    rpt_set_cols(w, ws, 4, 12, 16, NULL);

    snprintf(b, sizeof b, "Cost-benefit analysis: %s vs %s (reference arm: %s)", s->intervention, s->comparator,
             s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    if (s->price_year > 0)
        snprintf(b, sizeof b, "Per participant, %s at %ld prices. Model and formulas: docs/methods.md (cost-benefit).", c.cur,
                 s->price_year);
    else
        snprintf(b, sizeof b, "Per participant, %s. Model and formulas: docs/methods.md (cost-benefit).", c.cur);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    rpt_put_text(w, ws, r++, 0,
                 "A live model: change a blue input and the break-even wages, NPVs, ROI, cost per job, ICER and INMB "
                 "below recalculate (the values shown on opening are ipseval's own). Yearly effects are inputs too.",
                 w->f.meta);
    r++;

    /* ---- inputs ---- */
    rpt_put_text(w, ws, r++, 0, "Inputs", w->f.subtitle);
    const char *head[] = {"Input", "Value", "Name (use it in formulas)", "Valid values; PSA distribution"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, head[k], w->f.header);
    tall(w, ws, r);
    r++;
    snprintf(b, sizeof b, "Programme cost per participant, %s (%s)", s->intervention, c.cur);
    input_row(&c, r++, CBA_COST_IPS, b, c.in_money);
    snprintf(b, sizeof b, "Programme cost per participant, %s (%s)", s->comparator, c.cur);
    input_row(&c, r++, CBA_COST_CONTROL, b, c.in_money);
    rpt_put_text(w, ws, r, 0, "Incremental cost dC (formula)", NULL);
    formula(&c, ws, r, 1, "=cost_ips-cost_control", f->dc, NULL, c.money);
    name_cell(&c, "incremental_cost", r++, 1);
    snprintf(b, sizeof b, "Annual gross wage of an extra job (%s)", c.cur);
    input_row(&c, r++, CBA_WAGE, b, c.in_money);
    input_row(&c, r++, CBA_EMPLOYER_CONTRIBUTIONS, "Employer contributions (share of the wage)", c.in_share);
    lxw_row_t tax_row = 0;
    lxw_row_t sched_first = 0;
    if (s->n_tax == 0) {
        input_row(&c, r++, CBA_TAX_RATE, "Average tax rate on the extra earnings", c.in_share);
        rpt_put_text(w, ws, r, 0, "Tax on the wage (formula)", NULL);
        tax_row = r;
        formula(&c, ws, r, 1, "=tax_rate*wage", cba_tax(s, s->value[CBA_TAX_RATE], s->value[CBA_WAGE]), NULL, c.money);
        name_cell(&c, "tax_on_wage", r++, 1);
    } else {
        rpt_put_text(w, ws, r++, 0, "Tax schedule: threshold, marginal rate above it, rate step (formula)",
                     w->f.key);
        sched_first = r;
        for (size_t k = 0; k < s->n_tax; k++, r++) {
            rpt_put_num(w, ws, r, 1, s->tax_threshold[k], c.in_money);
            validate(&c, r, 1, 0, INFINITY, 0, 0, "A threshold is at least 0.");
            rpt_put_num(w, ws, r, 3, s->tax_marginal[k], c.in_share);
            validate(&c, r, 3, 0, 1, 0, 0, "A marginal rate is from 0 to 1.");
            snprintf(b, sizeof b, "bracket %zu: threshold (B) and marginal rate (D); step (E)", k + 1);
            rpt_put_text(w, ws, r, 0, b, NULL);
            double step = s->tax_marginal[k] - (k ? s->tax_marginal[k - 1] : 0);
            if (k == 0)
                snprintf(fm, sizeof fm, "=%s", abs_cell(ra, r, 3));
            else
                snprintf(fm, sizeof fm, "=%s-%s", abs_cell(ra, r, 3), abs_cell(rb, r - 1, 3));
            formula(&c, ws, r, 4, fm, step, NULL, c.share);
        }
        lxw_row_t last = r - 1;
        rpt_put_text(w, ws, r, 0, "Tax on the wage (formula: sum of steps x amount above each threshold)", NULL);
        tax_row = r;
        char thr[64], stp[64];
        abs_range(thr, sched_first, 1, last, 1);
        abs_range(stp, sched_first, 4, last, 4);
        snprintf(fm, sizeof fm, "=SUMPRODUCT((wage>%s)*(wage-%s)*%s)", thr, thr, stp);
        formula(&c, ws, r, 1, fm, cba_tax(s, 0, s->value[CBA_WAGE]), NULL, c.money);
        name_cell(&c, "tax_on_wage", r++, 1);
    }
    (void)tax_row;
    snprintf(b, sizeof b, "Annual benefit while out of work (%s)", c.cur);
    input_row(&c, r++, CBA_BENEFIT, b, c.in_money);
    input_row(&c, r++, CBA_BENEFIT_REDUCTION, "Share of the benefit no longer paid in work", c.in_share);
    snprintf(b, sizeof b, "Health-care cost change per year (%s; negative = saving)", c.cur);
    input_row(&c, r++, CBA_HEALTH_COST_CHANGE, b, c.in_money);
    input_row(&c, r++, CBA_QALY_GAIN, "QALY gain per participant per year", c.in_num);
    snprintf(b, sizeof b, "Value of a QALY (%s)", c.cur);
    input_row(&c, r++, CBA_VALUE_PER_QALY, b, c.in_money);
    if (s->has[CBA_VALUE_PER_JOB_YEAR]) {
        snprintf(b, sizeof b, "Value of an extra job-year for INMB (%s)", c.cur);
        input_row(&c, r++, CBA_VALUE_PER_JOB_YEAR, b, c.in_money);
    } else {
        snprintf(b, sizeof b, "Value of an extra job-year for INMB (%s; formula: production value)", c.cur);
        rpt_put_text(w, ws, r, 0, b, NULL);
        formula(&c, ws, r, 1, "=wage*(1+employer_contributions)",
                s->value[CBA_WAGE] * (1 + s->value[CBA_EMPLOYER_CONTRIBUTIONS]), NULL, c.money);
        name_cell(&c, "value_per_job_year", r++, 1);
    }
    input_row(&c, r++, CBA_DISCOUNT_RATE, "Discount rate (real, per year)", c.in_share);
    input_row(&c, r++, CBA_MCPF, "Marginal cost of public funds", c.in_share);
    rpt_put_text(w, ws, r, 0, "Horizon (years counted in the NPVs)", NULL);
    rpt_put_num(w, ws, r, 1, s->horizon, c.in_int);
    name_cell(&c, "horizon", r, 1);
    snprintf(b, sizeof b, "whole years from 1 to %d", s->horizon);
    rpt_put_text(w, ws, r, 3, b, c.note);
    snprintf(b, sizeof b, "The horizon is a whole number of years from 1 to %d (the rows of the tables below).",
             s->horizon);
    validate(&c, r, 1, 1, s->horizon, 0, 1, b);
    r++;
    if (s->has_population) {
        rpt_put_text(w, ws, r, 0, "Population offered the programme (scale-up)", NULL);
        rpt_put_num(w, ws, r, 1, s->population, c.in_money);
        name_cell(&c, "population", r, 1);
        validate(&c, r, 1, 0, INFINITY, 1, 0, "The population is a number of people greater than 0.");
        rpt_put_text(w, ws, r, 3, "greater than 0", c.note);
        r++;
    }
    r++;

    /* ---- effects at the effect months ---- */
    snprintf(b, sizeof b, "Employment effect, %s minus %s (%s)", s->intervention, s->comparator,
             s->effect_from_trial ? "the trial's primary outcome: risk difference with its Wald SE"
                                  : "typed into the config");
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *eh[] = {"Months since randomisation", "Effect", "", "Standard error"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, eh[k], w->f.header);
    r++;
    for (size_t k = 0; k < s->n_effects; k++, r++) {
        rpt_put_num(w, ws, r, 0, s->effect_months[k], NULL);
        int last = k + 1 == s->n_effects;
        rpt_put_num(w, ws, r, 1, s->effect[k], last ? c.in_num : c.num);
        if (last) {
            name_cell(&c, "effect_last", r, 1);
            validate(&c, r, 1, -1, 1, 0, 0, "An employment effect is a difference of proportions from -1 to 1.");
        }
        rpt_put_num(w, ws, r, 3, s->effect_se[k], c.num);
    }
    rpt_put_text(w, ws, r++, 0,
                 "The effect rises linearly from 0 at randomisation through these points; beyond the last one it "
                 "follows the persistence rule. The yearly effects below are its mean over each year.",
                 c.note);
    r++;

    /* ---- break-even wage by horizon and persistence rule ---- */
    int H = s->horizon, nw = res->det_ws.nw;
    int NY = H > nw ? H : nw;
    rpt_put_text(w, ws, r++, 0, "Break-even wage by horizon: the annual gross wage at which the extra work pays "
                                "for the programme, W* = dC / sum of discounted yearly effects",
                 w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Year", w->f.header);
    rpt_put_text(w, ws, r, 1, "Discount factor (formula)", w->f.header);
    snprintf(b, sizeof b, "Trial-window effect-years (first %g months)", s->effect_months[s->n_effects - 1]);
    rpt_put_text(w, ws, r, 2, b, w->f.header);
    rpt_put_text(w, ws, r, 3, "", w->f.header);
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[48];
        cba_persistence_name(&s->rules[q], rn, sizeof rn);
        snprintf(b, sizeof b, "Yearly effect e_y (%s)", rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(4 + 2 * q), b, w->f.header);
        snprintf(b, sizeof b, "Break-even wage, horizon = year (%s)", rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(5 + 2 * q), b, w->f.header);
    }
    tall(w, ws, r);
    r++;
    lxw_row_t be1 = r; /* first year row */
    for (int y = 1; y <= NY; y++, r++) {
        rpt_put_num(w, ws, r, 0, y, NULL);
        snprintf(fm, sizeof fm, "=(1+discount_rate)^(-%s)", abs_cell(ra, r, 0));
        formula(&c, ws, r, 1, fm, pow(1 + s->value[CBA_DISCOUNT_RATE], -(double)y), NULL, c.num);
        if (y <= nw) {
            rpt_put_num(w, ws, r, 2, res->det_ws.w[y - 1], c.in_num);
            validate(&c, r, 2, -1, 1, 0, 0, "Effect-years in a year are from -1 to 1.");
        }
        if (y > H)
            continue;
        for (size_t q = 0; q < s->n_rules; q++) {
            lxw_col_t ec = (lxw_col_t)(4 + 2 * q);
            rpt_put_num(w, ws, r, ec, res->det_ws.e[q][y - 1], c.in_num);
            validate(&c, r, ec, -1, 1, 0, 0, "A yearly employment effect is from -1 to 1.");
            abs_range(ra, be1, 1, r, 1);
            abs_range(rb, be1, ec, r, ec);
            snprintf(fm, sizeof fm, "=IF(SUMPRODUCT(%s,%s)>0,incremental_cost/SUMPRODUCT(%s,%s),\"%s\")", ra, rb, ra,
                     rb, NO_WAGE);
            formula(&c, ws, r, ec + 1, fm, f->bew[q][y], NO_WAGE, c.money);
            if (q == 0) {
                snprintf(b, sizeof b, "break_even_%d", y);
                define(&c, b, r, ec + 1);
            }
        }
    }
    rpt_put_text(w, ws, r, 0, "Trial window (break-even wage over the trial's own months)", w->f.key);
    abs_range(ra, be1, 1, be1 + (lxw_row_t)nw - 1, 1);
    abs_range(rb, be1, 2, be1 + (lxw_row_t)nw - 1, 2);
    snprintf(fm, sizeof fm, "=IF(SUMPRODUCT(%s,%s)>0,incremental_cost/SUMPRODUCT(%s,%s),\"%s\")", ra, rb, ra, rb,
             NO_WAGE);
    formula(&c, ws, r, 1, fm, f->bew[0][0], NO_WAGE, c.money);
    name_cell(&c, "break_even_trial_window", r, 1);
    snprintf(b, sizeof b, "named break_even_1 .. break_even_%d in the first rule's column", H);
    rpt_put_text(w, ws, r, 3, b, c.note);
    r += 2;

    /* ---- flows by year (first persistence rule) ---- */
    char rn0[48];
    cba_persistence_name(&s->rules[0], rn0, sizeof rn0);
    snprintf(b, sizeof b, "Flows by year, per participant (%s; persistence %s)", c.cur, rn0);
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *fh[] = {"Year", "Discount factor", "In horizon (1/0)", "Yearly effect e_y", "Gross earnings G",
                        "Production value P", "Taxes and contributions T", "Benefits no longer paid B",
                        "Health-care cost change Hc", "QALYs gained", "Value of QALYs Q", "Participant net earnings"};
    for (lxw_col_t k = 0; k < 12; k++)
        rpt_put_text(w, ws, r, k, fh[k], w->f.header);
    tall(w, ws, r);
    r++;
    lxw_row_t fl1 = r;
    double v[CBA_N_PARAMS];
    memcpy(v, s->value, sizeof v);
    static const char *const flow_f[CBA_N_FLOWS] = {
        "=%s*wage",                                    /* G, from e */
        "=%s*(1+employer_contributions)",              /* P, from G */
        "=%s*(tax_on_wage+employer_contributions*wage)", /* T, from e */
        "=%s*benefit*benefit_reduction",               /* B, from e */
        "=health_cost_change",
        "=qaly_gain",
        "=%s*value_per_qaly",                          /* Q, from QALYs */
        "=%s*(wage-tax_on_wage)",                      /* net earnings, from e */
    };
    for (int y = 1; y <= H; y++, r++) {
        rpt_put_num(w, ws, r, 0, y, NULL);
        snprintf(fm, sizeof fm, "=%s", abs_cell(ra, be1 + (lxw_row_t)(y - 1), 1));
        formula(&c, ws, r, 1, fm, pow(1 + s->value[CBA_DISCOUNT_RATE], -(double)y), NULL, c.num);
        snprintf(fm, sizeof fm, "=IF(%s<=horizon,1,0)", abs_cell(ra, r, 0));
        formula(&c, ws, r, 2, fm, 1, NULL, NULL);
        snprintf(fm, sizeof fm, "=%s", abs_cell(ra, be1 + (lxw_row_t)(y - 1), 4));
        double e = res->det_ws.e[0][y - 1];
        formula(&c, ws, r, 3, fm, e, NULL, c.num);
        double fl[CBA_N_FLOWS];
        cba_year_flows(s, v, e, fl);
        for (int k = 0; k < CBA_N_FLOWS; k++) {
            lxw_col_t src = k == CBA_F_PRODUCTION ? 4 : k == CBA_F_QALY_VALUE ? 9 : 3;
            snprintf(fm, sizeof fm, flow_f[k], abs_cell(ra, r, src));
            formula(&c, ws, r, (lxw_col_t)(4 + k), fm, fl[k], NULL, c.money);
        }
    }
    lxw_row_t flN = r - 1;
    r++;

    /* ---- results (live) ---- */
    snprintf(b, sizeof b, "Results (live formulas), per participant, %s vs %s", s->intervention, s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *rh[] = {"Figure", "Value", "Name", "What it is"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, rh[k], w->f.header);
    r++;
    char dr[64], hr[64];
    abs_range(dr, fl1, 1, flN, 1);
    abs_range(hr, fl1, 2, flN, 2);
    struct {
        const char *name, *label, *what;
        lxw_col_t col; /* flows column summed; 0: a formula of its own */
        double value;
    } pv[] = {
        {"pv_job_years", "Discounted job-years gained", "sum of d_y e_y over the horizon", 3, f->pv_effect},
        {"pv_earnings", "PV of gross earnings", "sum of d_y G_y", 4, f->pv_flow[CBA_F_EARNINGS]},
        {"pv_production", "PV of production", "sum of d_y P_y", 5, f->pv_flow[CBA_F_PRODUCTION]},
        {"pv_taxes", "PV of taxes and contributions", "sum of d_y T_y", 6, f->pv_flow[CBA_F_TAXES]},
        {"pv_benefits_saved", "PV of benefits no longer paid", "sum of d_y B_y", 7, f->pv_flow[CBA_F_BENEFITS]},
        {"pv_health_costs", "PV of the health-care cost change", "sum of d_y Hc_y", 8, f->pv_flow[CBA_F_HEALTH]},
        {"pv_qalys", "Discounted QALYs gained", "sum of d_y x QALY gain", 9, f->pv_flow[CBA_F_QALYS]},
        {"pv_qaly_value", "PV of the value of QALYs", "sum of d_y Q_y", 10, f->pv_flow[CBA_F_QALY_VALUE]},
        {"pv_net_earnings", "PV of participants' net earnings", "sum of d_y e_y (wage - tax)", 11,
         f->pv_flow[CBA_F_NET_EARNINGS]},
    };
    for (size_t k = 0; k < sizeof pv / sizeof pv[0]; k++, r++) {
        rpt_put_text(w, ws, r, 0, pv[k].label, NULL);
        abs_range(ra, fl1, pv[k].col, flN, pv[k].col);
        snprintf(fm, sizeof fm, "=SUMPRODUCT(%s,%s,%s)", dr, hr, ra);
        formula(&c, ws, r, 1, fm, pv[k].value, NULL, pv[k].col == 3 || pv[k].col == 9 ? c.num : c.money);
        name_cell(&c, pv[k].name, r, 1);
        rpt_put_text(w, ws, r, 3, pv[k].what, c.note);
    }
    static const char *const gain_f[CBA_N_PERSPECTIVES] = {
        "=pv_production+pv_qaly_value+mcpf*gains_government", "=pv_taxes+pv_benefits_saved", "=pv_net_earnings"};
    static const char *const cost_f[CBA_N_PERSPECTIVES] = {"=(1+mcpf)*costs_government",
                                                           "=incremental_cost+pv_health_costs", "=pv_benefits_saved"};
    static const char *const gain_what[CBA_N_PERSPECTIVES] = {
        "production + value of QALYs + mcpf x the government's gains",
        "taxes and contributions + benefits no longer paid", "net earnings"};
    static const char *const cost_what[CBA_N_PERSPECTIVES] = {
        "(1 + mcpf) x the government's costs (taxes and benefits are transfers; only their financing cost counts)",
        "programme cost + health-care cost change", "benefits no longer received"};
    /* government first: the societal formulas refer to it */
    static const int order[CBA_N_PERSPECTIVES] = {CBA_GOVERNMENT, CBA_SOCIETAL, CBA_PARTICIPANT};
    for (int i = 0; i < CBA_N_PERSPECTIVES; i++) {
        int p = order[i];
        const char *pn = cba_perspective_name[p];
        char nm[64];
        snprintf(b, sizeof b, "Gains, %s perspective (PV)", pn);
        rpt_put_text(w, ws, r, 0, b, NULL);
        formula(&c, ws, r, 1, gain_f[p], f->gains[p], NULL, c.money);
        snprintf(nm, sizeof nm, "gains_%s", pn);
        name_cell(&c, nm, r, 1);
        rpt_put_text(w, ws, r++, 3, gain_what[p], c.note);
        snprintf(b, sizeof b, "Costs, %s perspective (PV)", pn);
        rpt_put_text(w, ws, r, 0, b, NULL);
        formula(&c, ws, r, 1, cost_f[p], f->costs[p], NULL, c.money);
        snprintf(nm, sizeof nm, "costs_%s", pn);
        name_cell(&c, nm, r, 1);
        rpt_put_text(w, ws, r++, 3, cost_what[p], c.note);
        snprintf(b, sizeof b, "NPV, %s perspective", pn);
        rpt_put_text(w, ws, r, 0, b, w->f.key);
        snprintf(fm, sizeof fm, "=gains_%s-costs_%s", pn, pn);
        formula(&c, ws, r, 1, fm, f->npv[p], NULL, c.money);
        snprintf(nm, sizeof nm, "npv_%s", pn);
        name_cell(&c, nm, r, 1);
        rpt_put_text(w, ws, r++, 3, "gains - costs", c.note);
        snprintf(b, sizeof b, "ROI, %s perspective", pn);
        rpt_put_text(w, ws, r, 0, b, w->f.key);
        snprintf(fm, sizeof fm, "=IF(costs_%s>0,gains_%s/costs_%s,\"not defined: no costs\")", pn, pn, pn);
        formula(&c, ws, r, 1, fm, f->roi[p], "not defined: no costs", c.num4);
        snprintf(nm, sizeof nm, "roi_%s", pn);
        name_cell(&c, nm, r, 1);
        rpt_put_text(w, ws, r++, 3, "present value of gains / present value of costs", c.note);
        if (s->has_population) {
            snprintf(b, sizeof b, "NPV, %s perspective, whole population", pn);
            rpt_put_text(w, ws, r, 0, b, NULL);
            snprintf(fm, sizeof fm, "=npv_%s*population", pn);
            formula(&c, ws, r, 1, fm, f->npv[p] * s->population, NULL, c.money);
            snprintf(nm, sizeof nm, "npv_%s_population", pn);
            name_cell(&c, nm, r, 1);
            rpt_put_text(w, ws, r++, 3, "per-participant NPV x population", c.note);
        }
    }
    rpt_put_text(w, ws, r, 0, "Break-even wage, societal (NPV society = 0)", w->f.key);
    if (s->n_tax == 0) {
        snprintf(fm, sizeof fm,
                 "=IF(pv_job_years*((1+employer_contributions)+mcpf*(tax_rate+employer_contributions))>0,"
                 "-(pv_qaly_value+mcpf*pv_benefits_saved-(1+mcpf)*costs_government)/"
                 "(pv_job_years*((1+employer_contributions)+mcpf*(tax_rate+employer_contributions))),"
                 "\"no finite wage\")");
        formula(&c, ws, r, 1, fm, f->bew_soc, "no finite wage", c.money);
        rpt_put_text(w, ws, r, 3, "closed form: the societal NPV is linear in the wage", c.note);
    } else {
        rpt_put_num(w, ws, r, 1, f->bew_soc, c.money);
        snprintf(b, sizeof b,
                 "ipseval's value (Brent's method, %d iterations, tolerance %g): with a tax schedule the NPV is not "
                 "linear in the wage, so this cell is not recalculated",
                 f->bew_soc_iter, res->soc_root_tol);
        rpt_put_text(w, ws, r, 3, b, c.note);
    }
    name_cell(&c, "break_even_societal", r++, 1);
    rpt_put_text(w, ws, r, 0, "Cost per additional person employed", w->f.key);
    formula(&c, ws, r, 1, "=IF(effect_last>0,incremental_cost/effect_last,\"not defined: no extra person employed\")",
            f->cost_per_job, "not defined: no extra person employed", c.money);
    name_cell(&c, "cost_per_job", r, 1);
    rpt_put_text(w, ws, r++, 3, "dC / employment effect at the last effect month", c.note);
    struct {
        const char *name, *label, *f, *nan, *what;
        double v;
    } ce[] = {
        {"icer_per_qaly", "ICER per QALY",
         "=IF(pv_qalys<>0,(incremental_cost+pv_health_costs)/pv_qalys,\"not defined: no QALY gained\")",
         "not defined: no QALY gained", "(dC + PV health-care cost change) / discounted QALYs", f->icer_qaly},
        {"inmb_per_qaly", "INMB per QALY (at the value of a QALY)",
         "=value_per_qaly*pv_qalys-(incremental_cost+pv_health_costs)", NULL, "value of a QALY x QALYs - cost",
         f->inmb_qaly},
        {"icer_per_job_year", "ICER per extra job-year",
         "=IF(pv_job_years<>0,(incremental_cost+pv_health_costs)/pv_job_years,\"not defined: no job-year gained\")",
         "not defined: no job-year gained", "(dC + PV health-care cost change) / discounted job-years", f->icer_job},
        {"inmb_per_job_year", "INMB per job-year (at the value of a job-year)",
         "=value_per_job_year*pv_job_years-(incremental_cost+pv_health_costs)", NULL,
         "value of a job-year x job-years - cost", f->inmb_job},
    };
    for (size_t k = 0; k < sizeof ce / sizeof ce[0]; k++, r++) {
        rpt_put_text(w, ws, r, 0, ce[k].label, NULL);
        formula(&c, ws, r, 1, ce[k].f, ce[k].v, ce[k].nan, c.money);
        name_cell(&c, ce[k].name, r, 1);
        rpt_put_text(w, ws, r, 3, ce[k].what, c.note);
    }
    r++;

    /* ---- the Markov cohort model (engine values) ---- */
    if (res->markov && s->markov) {
        const cba_markov_spec *m = s->markov;
        const cba_markov_result *mr = res->markov;
        rpt_put_text(w, ws, r++, 0, "Markov cohort model (ipseval's values; yearly cycles, occupancy at cycle end)",
                     w->f.subtitle);
        rpt_put_text(w, ws, r, 0, "Cycle", w->f.header);
        for (size_t j = 0; j < m->n_states; j++) {
            snprintf(b, sizeof b, "%s: %s", s->comparator, m->states[j]);
            rpt_put_text(w, ws, r, (lxw_col_t)(1 + j), b, w->f.header);
            snprintf(b, sizeof b, "%s: %s", s->intervention, m->states[j]);
            rpt_put_text(w, ws, r, (lxw_col_t)(1 + m->n_states + j), b, w->f.header);
        }
        tall(w, ws, r);
        r++;
        for (int cy = 0; cy <= m->cycles; cy++, r++) {
            rpt_put_num(w, ws, r, 0, cy, NULL);
            for (int a = 0; a < 2; a++)
                for (size_t j = 0; j < m->n_states; j++)
                    rpt_put_num(w, ws, r, (lxw_col_t)(1 + a * m->n_states + j), mr->trace[a][cy][j], c.share);
        }
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++, r++) {
            snprintf(b, sizeof b, "NPV, %s perspective", cba_perspective_name[p]);
            rpt_put_text(w, ws, r, 0, b, NULL);
            rpt_put_num(w, ws, r, 1, mr->det.npv[p], c.money);
            char roi[32], pay[32];
            rpt_fmt_num(mr->det.roi[p], 2, roi, sizeof roi);
            rpt_fmt_num(mr->det.payback[p], 0, pay, sizeof pay);
            snprintf(b, sizeof b, "ROI %s; first cycle with cumulative NPV >= 0: %s",
                     isnan(mr->det.roi[p]) ? "not defined" : roi, isnan(mr->det.payback[p]) ? "none" : pay);
            rpt_put_text(w, ws, r, 3, b, c.note);
        }
        rpt_put_text(w, ws, r, 0, "FTE work-years gained per person", NULL);
        rpt_put_num(w, ws, r++, 1, mr->det.fte_gained, c.num4);
        rpt_put_text(w, ws, r, 0, "People offered the programme per extra FTE work-year", NULL);
        rpt_put_num(w, ws, r++, 1, mr->det.treated_per_fte, c.num4);
    }
    worksheet_freeze_panes(ws, 3, 0);
    return CORE_OK;
}

/* ---------------------------------------------------------------- the Sensitivity sheet */

static void chart_done(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, lxw_chart *ch)
{
    lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.4};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, r, col, ch, &o), ws, r, col);
}

core_status rpt_sheet_cba_sensitivity(rpt_wctx *w, core_err *err)
{
    const cba_run_info *info = w->run->cba;
    if (!info || !info->spec || !info->res)
        return CORE_OK;
    const cba_spec *s = info->spec;
    const cba_result *res = info->res;
    const cba_figures *f = &res->det;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, SENS, &ws, err);
    if (st != CORE_OK)
        return st;
    lxw_format *money = workbook_add_format(w->book), *prob = workbook_add_format(w->book),
               *par = workbook_add_format(w->book), *note = workbook_add_format(w->book);
    if (!money || !prob || !par || !note)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    format_set_num_format(money, "#,##0");
    format_set_num_format(prob, "0.000");
    format_set_num_format(par, "#,##0.0000");
    format_set_italic(note);
    format_set_font_color(note, 0x595959);
    const char *cur = w->run->currency ? w->run->currency : "";
    char b[1024];
    lxw_row_t r = 0;
    rpt_set_cols(w, ws, 0, 0, 40, NULL);
    rpt_set_cols(w, ws, 1, 8, 15, NULL);

    snprintf(b, sizeof b, "Sensitivity of the cost-benefit results: %s vs %s (reference arm: %s)", s->intervention,
             s->comparator, s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    if (res->draws > 0)
        snprintf(b, sizeof b,
                 "Probabilistic sensitivity analysis: %ld draws of every parameter with a distribution%s, from one "
                 "generator seeded with %lu; %s percentile intervals. Per participant, %s.",
                 res->draws,
                 s->effect_bootstrap ? " and of the effects by resampling the trial's participants (bootstrap)" : "",
                 w->run->seed, w->conf, cur);
    else
        snprintf(b, sizeof b, "No probabilistic analysis in this run (psa_draws = 0 or no parameter is uncertain). "
                              "Per participant, %s.", cur);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;

    /* ---- PSA summary ---- */
    if (res->draws > 0) {
        rpt_put_text(w, ws, r++, 0, "Every figure: deterministic value and the probabilistic analysis", w->f.subtitle);
        const char *h[] = {"Figure", "Deterministic", "PSA mean", "PSA low", "PSA high", "P(> 0)"};
        for (lxw_col_t k = 0; k < 6; k++)
            rpt_put_text(w, ws, r, k, h[k], w->f.header);
        r++;
        typedef struct {
            const char *label;
            size_t slot;
            double det;
            double p;
        } srow;
        srow rows[64];
        size_t n = 0;
        rows[n++] = (srow){"Incremental cost", CBA_S_DC, f->dc, NAN};
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
            if (s->perspectives[p]) {
                static char lab[CBA_N_PERSPECTIVES][2][48];
                snprintf(lab[p][0], 48, "NPV, %s", cba_perspective_name[p]);
                snprintf(lab[p][1], 48, "ROI, %s", cba_perspective_name[p]);
                rows[n++] = (srow){lab[p][0], CBA_S_NPV + (size_t)p, f->npv[p], res->prob_positive[p]};
                rows[n++] = (srow){lab[p][1], CBA_S_ROI + (size_t)p, f->roi[p], NAN};
            }
        rows[n++] = (srow){"Break-even wage, trial window", CBA_S_BEW0, f->bew[0][0], NAN};
        static char blab[CBA_MAX_HORIZON + 1][48];
        for (int h2 = 1; h2 <= s->horizon && n < 56; h2++) {
            snprintf(blab[h2], 48, "Break-even wage, %d year%s", h2, h2 > 1 ? "s" : "");
            rows[n++] = (srow){blab[h2], CBA_S_BEW0 + (size_t)h2, f->bew[0][h2], NAN};
        }
        rows[n++] = (srow){"Break-even wage, societal", CBA_S_BEW_SOC, f->bew_soc, NAN};
        rows[n++] = (srow){"Cost per additional person employed", CBA_S_COST_PER_JOB, f->cost_per_job,
                                      NAN};
        if (res->qaly_uncertain) {
            rows[n++] = (srow){"ICER per QALY", CBA_S_ICER_QALY, f->icer_qaly, NAN};
            rows[n++] = (srow){"INMB per QALY", CBA_S_INMB_QALY, f->inmb_qaly, NAN};
        }
        rows[n++] = (srow){"ICER per job-year", CBA_S_ICER_JOB, f->icer_job, NAN};
        rows[n++] = (srow){"INMB per job-year", CBA_S_INMB_JOB, f->inmb_job, NAN};
        for (size_t i = 0; i < n; i++, r++) {
            const cba_summary *sm = &res->summary[rows[i].slot];
            int small = rows[i].slot >= CBA_S_ROI && rows[i].slot < CBA_S_ROI + CBA_N_PERSPECTIVES;
            rpt_put_text(w, ws, r, 0, rows[i].label, NULL);
            rpt_put_num(w, ws, r, 1, rows[i].det, small ? w->f.num2 : money);
            rpt_put_num(w, ws, r, 2, sm->mean, small ? w->f.num2 : money);
            rpt_put_num(w, ws, r, 3, sm->lo, small ? w->f.num2 : money);
            rpt_put_num(w, ws, r, 4, sm->hi, small ? w->f.num2 : money);
            rpt_put_num(w, ws, r, 5, rows[i].p, prob);
            if (sm->n_inf > 0) {
                snprintf(b, sizeof b, "%ld of %ld draws have no finite value (counted as Inf)", sm->n_inf, res->draws);
                rpt_put_text(w, ws, r, 6, b, note);
            }
        }
        r++;
    }

    /* ---- scenario table ---- */
    rpt_put_text(w, ws, r++, 0, "Scenarios: break-even wage by horizon and persistence of the effect", w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Horizon", w->f.header);
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[48];
        cba_persistence_name(&s->rules[q], rn, sizeof rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + q), rn, w->f.header);
    }
    r++;
    for (int h2 = 0; h2 <= s->horizon; h2++, r++) {
        if (h2 == 0)
            snprintf(b, sizeof b, "Trial window (%g months)", s->effect_months[s->n_effects - 1]);
        else
            snprintf(b, sizeof b, "%d year%s", h2, h2 > 1 ? "s" : "");
        rpt_put_text(w, ws, r, 0, b, NULL);
        for (size_t q = 0; q < s->n_rules; q++) {
            if (isnan(f->bew[q][h2]))
                rpt_put_text(w, ws, r, (lxw_col_t)(1 + q), NO_WAGE, w->f.right);
            else
                rpt_put_num(w, ws, r, (lxw_col_t)(1 + q), f->bew[q][h2], money);
        }
    }
    r++;

    /* ---- tornado: NPV (first reported perspective) and INMB ---- */
    lxw_row_t chart_row = r;
    int persp = CBA_SOCIETAL;
    while (persp < CBA_N_PERSPECTIVES && !s->perspectives[persp])
        persp++;
    if (persp == CBA_N_PERSPECTIVES)
        persp = CBA_SOCIETAL;
    int targets[2] = {persp, res->qaly_uncertain ? CBA_T_INMB_QALY : CBA_T_INMB_JOB};
    double q_lo = (1 - s->confidence) / 2;
    for (int t = 0; t < 2 && res->n_bars > 0; t++) {
        int tg = targets[t];
        double base = tg < CBA_N_PERSPECTIVES ? f->npv[tg] : tg == CBA_T_INMB_QALY ? f->inmb_qaly : f->inmb_job;
        const char *what = tg < CBA_N_PERSPECTIVES ? "NPV" : "INMB";
        char tname[64];
        if (tg < CBA_N_PERSPECTIVES)
            snprintf(tname, sizeof tname, "NPV, %s perspective", cba_perspective_name[tg]);
        else
            snprintf(tname, sizeof tname, "INMB %s", tg == CBA_T_INMB_QALY ? "per QALY" : "per job-year");
        snprintf(b, sizeof b, "One-way sensitivity (tornado) of the %s: each parameter at its %.3g%% and %.3g%% points",
                 tname, 100 * q_lo, 100 * (1 - q_lo));
        rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
        const char *h[] = {"Parameter", "Low value", "High value", "At low", "At high", "Swing",
                           "Low - base", "High - base"};
        for (lxw_col_t k = 0; k < 8; k++)
            rpt_put_text(w, ws, r, k, h[k], w->f.header);
        tall(w, ws, r);
        r++;
        lxw_row_t first = r;
        for (size_t i = 0; i < res->n_bars; i++, r++) { /* largest swing first */
            const cba_tornado_bar *bar = &res->bars[tg][i];
            rpt_put_text(w, ws, r, 0, strcmp(bar->key, "effect") == 0 ? "effect (all months, in SE)" : bar->key, NULL);
            rpt_put_num(w, ws, r, 1, bar->lo, par);
            rpt_put_num(w, ws, r, 2, bar->hi, par);
            rpt_put_num(w, ws, r, 3, bar->at_lo, money);
            rpt_put_num(w, ws, r, 4, bar->at_hi, money);
            rpt_put_num(w, ws, r, 5, fabs(bar->at_hi - bar->at_lo), money);
            rpt_put_num(w, ws, r, 6, bar->at_lo - base, money);
            rpt_put_num(w, ws, r, 7, bar->at_hi - base, money);
        }
        lxw_row_t last = r - 1;
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_BAR);
        if (!ch)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart");
        for (int k = 0; k < 2; k++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
            chart_series_set_categories(se, SENS, first, 0, last, 0);
            chart_series_set_values(se, SENS, first, (lxw_col_t)(6 + k), last, (lxw_col_t)(6 + k));
            chart_series_set_name(se, rpt_chart_str(k ? "parameter at its high point" : "parameter at its low point"));
        }
        chart_set_series_overlap(ch, 100);
        snprintf(b, sizeof b, "Tornado: %s, %s vs %s", tname, s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        snprintf(b, sizeof b, "Change in the %s from the base case (%s)", what, cur);
        /* in a bar chart x_axis is the horizontal value axis, y_axis the vertical category axis: the first
         * (largest) bar goes on top, the parameter names beside the plot, not over the bars */
        chart_axis_set_name(ch->x_axis, rpt_chart_str(b));
        chart_axis_set_reverse(ch->y_axis);
        chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(w, ws, chart_row, 10, ch);
        chart_row += 22;
        r++;
    }

    /* ---- CEAC, frontier, EVPI; CE plane ---- */
    if (res->draws > 0) {
        rpt_put_text(w, ws, r++, 0, "Cost-effectiveness acceptability and the value of information", w->f.subtitle);
        const char *h[] = {"Willingness to pay",  "P(cost-effective), per QALY", "Frontier, per QALY",
                           "EVPI per person, per QALY", "P(cost-effective), per job-year", "Frontier, per job-year",
                           "EVPI per person, per job-year"};
        for (lxw_col_t k = 0; k < 7; k++)
            rpt_put_text(w, ws, r, k, h[k], w->f.header);
        tall(w, ws, r);
        r++;
        lxw_row_t first = r;
        for (size_t i = 0; i < s->n_wtp; i++, r++) {
            rpt_put_num(w, ws, r, 0, s->wtp[i], money);
            if (res->qaly_uncertain) {
                rpt_put_num(w, ws, r, 1, res->ceac_qaly[i], prob);
                rpt_put_num(w, ws, r, 2, res->front_qaly[i], prob);
                rpt_put_num(w, ws, r, 3, res->evpi_qaly[i], money);
            }
            rpt_put_num(w, ws, r, 4, res->ceac_job[i], prob);
            rpt_put_num(w, ws, r, 5, res->front_job[i], prob);
            rpt_put_num(w, ws, r, 6, res->evpi_job[i], money);
        }
        lxw_row_t last = r - 1;
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
        if (!ch)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart");
        for (int m = res->qaly_uncertain ? 0 : 1; m < 2; m++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
            chart_series_set_categories(se, SENS, first, 0, last, 0);
            chart_series_set_values(se, SENS, first, (lxw_col_t)(m ? 4 : 1), last, (lxw_col_t)(m ? 4 : 1));
            chart_series_set_name(se, rpt_chart_str(m ? "per extra job-year" : "per QALY"));
            chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
        }
        snprintf(b, sizeof b, "Acceptability curve: P(%s is cost-effective vs %s)", s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        snprintf(b, sizeof b, "Willingness to pay (%s)", cur);
        chart_axis_set_name(ch->x_axis, rpt_chart_str(b));
        chart_axis_set_name(ch->y_axis, "Probability");
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(w, ws, chart_row, 10, ch);
        chart_row += 22;
        r++;

        /* CE plane: the first draws (and the base case), in columns to the right */
        long np = res->draws < CE_POINTS_MAX ? res->draws : CE_POINTS_MAX;
        const double *de = res->qaly_uncertain ? res->ce_dq : res->ce_dj;
        const char *ename = res->qaly_uncertain ? "QALYs gained (discounted)" : "Job-years gained (discounted)";
        lxw_col_t cx = 28; /* right of the charts */
        rpt_put_text(w, ws, 3, cx, "CE plane", w->f.subtitle);
        rpt_put_text(w, ws, 4, cx, ename, w->f.header);
        snprintf(b, sizeof b, "Incremental cost (%s)", cur);
        rpt_put_text(w, ws, 4, cx + 1, b, w->f.header);
        rpt_put_num(w, ws, 5, cx, res->qaly_uncertain ? f->dq : f->pv_effect, NULL);
        rpt_put_num(w, ws, 5, cx + 1, f->dc_health, money);
        rpt_put_text(w, ws, 5, cx + 2, "base case", note);
        for (long i = 0; i < np; i++) {
            rpt_put_num(w, ws, (lxw_row_t)(6 + i), cx, de[i], NULL);
            rpt_put_num(w, ws, (lxw_row_t)(6 + i), cx + 1, res->ce_dc[i], money);
        }
        rpt_set_cols(w, ws, cx, cx + 1, 16, NULL);
        ch = workbook_add_chart(w->book, LXW_CHART_SCATTER);
        if (!ch)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart");
        lxw_chart_series *pts = chart_add_series(ch, NULL, NULL), *base = chart_add_series(ch, NULL, NULL);
        if (!pts || !base)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
        chart_series_set_categories(pts, SENS, 6, cx, (lxw_row_t)(5 + np), cx);
        chart_series_set_values(pts, SENS, 6, cx + 1, (lxw_row_t)(5 + np), cx + 1);
        snprintf(b, sizeof b, "PSA draws (first %ld of %ld)", np, res->draws);
        chart_series_set_name(pts, rpt_chart_str(b));
        chart_series_set_marker_type(pts, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(pts, 3);
        chart_series_set_categories(base, SENS, 5, cx, 5, cx);
        chart_series_set_values(base, SENS, 5, cx + 1, 5, cx + 1);
        chart_series_set_name(base, "base case");
        chart_series_set_marker_type(base, LXW_CHART_MARKER_DIAMOND);
        chart_series_set_marker_size(base, 9);
        snprintf(b, sizeof b, "Cost-effectiveness plane: %s minus %s (reference)", s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        chart_axis_set_name(ch->x_axis, rpt_chart_str(ename));
        snprintf(b, sizeof b, "Incremental cost (%s)", cur);
        chart_axis_set_name(ch->y_axis, rpt_chart_str(b));
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(w, ws, chart_row, 10, ch);
        chart_row += 22;
    }
    (void)chart_row;
    return CORE_OK;
}

/* ---------------------------------------------------------------- Summary headline */

/* A whole amount with thousands separators, as a reader of money writes it: "395,532", "−8,011". */
static const char *amount(double x, char *buf, size_t n)
{
    if (!isfinite(x))
        return rpt_fmt_num(x, 0, buf, n);
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    size_t len = strlen(digits), o = 0;
    if (x < 0 && strcmp(digits, "0") != 0)
        o += (size_t)snprintf(buf, n, "\xe2\x88\x92"); /* U+2212, as rpt_fmt_num */
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

core_status rpt_cba_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    (void)err;
    const core_result_row *dc = rpt_find_row(w, "cba", "incremental_cost", NULL, NULL, NULL, "per_participant");
    if (!dc)
        return CORE_OK;
    const cba_run_info *info = w->run->cba;
    const char *cur = w->run->currency ? w->run->currency : "";
    char b[2048], x[64], y[64], z[64];
    const char *ips = info ? info->spec->intervention : "IPS", *ctl = info ? info->spec->comparator : "control";
    amount(dc->estimate, x, sizeof x);
    snprintf(b, sizeof b, "Cost-benefit: %s costs %s %s more per participant than %s.", ips, cur, x, ctl);
    rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    if (info) {
        const cba_spec *s = info->spec;
        const cba_figures *f = &info->res->det;
        char rn[48];
        cba_persistence_name(&s->rules[0], rn, sizeof rn);
        int h2 = s->horizon >= 2 ? 2 : 1;
        if (isnan(f->bew[0][0]) || isnan(f->bew[0][h2]) || isnan(f->bew[0][s->horizon]))
            snprintf(b, sizeof b, "There is no finite break-even wage: the employment effect is not positive.");
        else {
            amount(f->bew[0][0], x, sizeof x);
            amount(f->bew[0][h2], y, sizeof y);
            amount(f->bew[0][s->horizon], z, sizeof z);
            snprintf(b, sizeof b,
                     "For the extra jobs to pay for it, they would have to pay %s %s a year within the trial's "
                     "%g months, %s %s within %d year%s, or %s %s within %d years if the effect lasts (%s; discount "
                     "rate %.3g%%).",
                     cur, x, s->effect_months[s->n_effects - 1], cur, y, h2, h2 > 1 ? "s" : "", cur, z, s->horizon,
                     rn, 100 * s->value[CBA_DISCOUNT_RATE]);
        }
        rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    }
    const core_result_row *npv = rpt_find_row(w, "cba", "npv", NULL, NULL, "societal", "per_participant");
    if (!npv)
        npv = rpt_find_row(w, "cba", "npv", NULL, NULL, NULL, "per_participant");
    if (npv) {
        const core_result_row *pp = rpt_find_row(w, "cba", "prob_cost_beneficial", NULL, NULL, npv->term, NULL);
        char ci[200], tail[200] = "";
        amount(npv->estimate, x, sizeof x);
        if (!isnan(npv->ci_low)) {
            amount(npv->ci_low, y, sizeof y);
            amount(npv->ci_high, z, sizeof z);
            snprintf(ci, sizeof ci, "%s (%s to %s)", x, y, z);
            snprintf(tail, sizeof tail, " (%s interval from the probabilistic analysis)", w->conf);
        } else {
            snprintf(ci, sizeof ci, "%s", x);
        }
        snprintf(b, sizeof b, "Net present value, %s perspective: %s %s per participant%s", npv->term, cur, ci, tail);
        size_t l = strlen(b);
        if (pp)
            snprintf(b + l, sizeof b - l, "; the probability that it is positive is %.0f%%.", 100 * pp->estimate);
        else
            snprintf(b + l, sizeof b - l, ".");
        rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    }
    return CORE_OK;
}

/* ---------------------------------------------------------------- CHEERS 2022 items on the Methods sheet */

core_status rpt_cba_cheers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    (void)err;
    const cba_run_info *info = w->run->cba;
    if (!info)
        return CORE_OK;
    const cba_spec *s = info->spec;
    char b[1024], rules[256] = "", persp[128] = "";
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[48];
        strncat(rules, q ? ", " : "", sizeof rules - strlen(rules) - 1);
        strncat(rules, cba_persistence_name(&s->rules[q], rn, sizeof rn), sizeof rules - strlen(rules) - 1);
    }
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
        if (s->perspectives[p]) {
            strncat(persp, persp[0] ? ", " : "", sizeof persp - strlen(persp) - 1);
            strncat(persp, cba_perspective_name[p], sizeof persp - strlen(persp) - 1);
        }
    (*r)++;
    rpt_put_text(w, ws, (*r)++, 0, "Cost-benefit analysis: CHEERS 2022 items this run reports", w->f.subtitle);
    rpt_put_text(w, ws, *r, 1, "CHEERS 2022 item", w->f.header);
    rpt_put_text(w, ws, *r, 3, "Topic", w->f.header);
    rpt_put_text(w, ws, *r, 4, "In this run", w->f.header);
    (*r)++;
    typedef struct {
        const char *item, *topic;
        char text[600];
    } citem;
    citem it[9];
    size_t n = 0;
    it[n] = (citem){"7", "Comparators", ""};
    snprintf(it[n++].text, 600, "%s vs %s (the reference arm, named on every figure)", s->intervention,
             s->comparator);
    it[n] = (citem){"8", "Perspective", ""};
    snprintf(it[n++].text, 600, "%s; taxes and benefits are transfers, valued in the societal NPV only through the "
             "marginal cost of public funds (%.3g)", persp, s->value[CBA_MCPF]);
    it[n] = (citem){"9", "Time horizon", ""};
    snprintf(it[n++].text, 600, "1 to %d years (break-even table), NPVs over %d years; the trial window of %g months",
             s->horizon, s->horizon, s->effect_months[s->n_effects - 1]);
    it[n] = (citem){"10", "Discount rate", ""};
    snprintf(it[n++].text, 600, "%.4g%% a year (real) for costs, earnings and QALYs; yearly flows at the end of each "
             "year, programme costs at t = 0", 100 * s->value[CBA_DISCOUNT_RATE]);
    it[n] = (citem){"11, 13", "Outcomes and their valuation", ""};
    snprintf(it[n++].text, 600, "employment (%s), valued by the wage; QALYs valued at %.10g per QALY",
             s->effect_from_trial ? "the trial's risk differences" : "effects from the config",
             s->value[CBA_VALUE_PER_QALY]);
    it[n] = (citem){"15", "Currency, price date", ""};
    if (s->price_year > 0)
        snprintf(it[n++].text, 600, "%s, %ld prices", w->run->currency ? w->run->currency : "", s->price_year);
    else
        snprintf(it[n++].text, 600, "%s (price year not given)", w->run->currency ? w->run->currency : "");
    it[n] = (citem){"16, 17", "Model and assumptions", ""};
    snprintf(it[n++].text, 600, "effect linear from 0 at randomisation through the effect months, then persistence: "
             "%s%s", rules, s->markov ? "; Markov cohort model with yearly cycles" : "");
    it[n] = (citem){"20", "Characterising uncertainty", ""};
    if (info->res->draws > 0)
        snprintf(it[n++].text, 600, "probabilistic analysis (%ld draws, one seeded generator%s), acceptability curve "
                 "and frontier, EVPI; one-way analysis at each parameter's %.3g%% and %.3g%% points (tornado on NPV "
                 "and INMB, not on the ICER)", info->res->draws,
                 s->effect_bootstrap ? "; effects by bootstrapping the participants" : "", 50 * (1 - s->confidence),
                 100 - 50 * (1 - s->confidence));
    else
        snprintf(it[n++].text, 600, "deterministic only; scenario analysis over horizons and persistence rules");
    it[n] = (citem){"22", "Study parameters", ""};
    snprintf(it[n++].text, 600, "every input with its distribution on the CBA sheet; the configuration on Provenance");
    for (size_t i = 0; i < n; i++, (*r)++) {
        rpt_put_text(w, ws, *r, 0, "cba", w->f.wrap);
        rpt_put_text(w, ws, *r, 1, it[i].item, w->f.wrap);
        rpt_put_text(w, ws, *r, 3, it[i].topic, w->f.wrap);
        snprintf(b, sizeof b, "%s", it[i].text);
        rpt_put_text(w, ws, *r, 4, b, w->f.wrap);
    }
    rpt_put_text(w, ws, (*r)++, 4,
                 "Husereau D, Drummond M, Augustovski F, et al. Consolidated Health Economic Evaluation Reporting "
                 "Standards 2022 (CHEERS 2022) statement. BMJ 2022;376:e067975",
                 w->f.note);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Methods entries */

#define DRUMMOND "Drummond MF, Sculpher MJ, Claxton K, Stoddart GL, Torrance GW. Methods for the Economic Evaluation of Health Care Programmes, 4th ed. Oxford University Press, 2015"
#define BRIGGS "Briggs A, Claxton K, Sculpher M. Decision Modelling for Health Economic Evaluation. Oxford University Press, 2006"
#define R109 "Finansdepartementet. Rundskriv R-109/21: Prinsipper og krav ved utarbeidelse av samfunnsøkonomiske analyser; DFØ, Veileder i samfunnsøkonomiske analyser"

static const rpt_method_info entries[] = {
    {"incremental_cost", NULL, "Incremental programme cost",
     "Programme cost per participant, intervention minus comparator, at randomisation (undiscounted).", DRUMMOND},
    {"break_even_wage", NULL, "Break-even wage",
     "Annual gross wage W* at which the extra employment pays for the programme: dC / sum of discounted yearly "
     "effects (the effect rises linearly from 0 through the effect months, then follows the persistence rule); for "
     "the trial window and each horizon.",
     "Reme SE et al. (2019); DOMAIN-models.md §3; docs/methods.md (cost-benefit)"},
    {"break_even_wage_societal", NULL, "Societal break-even wage",
     "The wage at which the societal NPV is zero: closed form when NPV is linear in the wage, Brent's method with a "
     "tax schedule.",
     "Brent RP. Algorithms for Minimization without Derivatives. Prentice-Hall, 1973; " R109},
    {"npv", NULL, "Net present value by perspective",
     "Discounted gains minus costs for society (production, health, marginal cost of public funds on the net budget "
     "effect), the government budget (taxes, benefits, programme and health-care costs) and participants.",
     R109 "; " DRUMMOND},
    {"roi", NULL, "Return on investment", "Present value of gains divided by present value of costs, per perspective.",
     R109},
    {"cost_per_job", NULL, "Cost per additional person employed",
     "Incremental cost divided by the employment effect at the last effect month.", DRUMMOND},
    {"icer", NULL, "Incremental cost-effectiveness ratio",
     "(Incremental cost + health-care cost change) per discounted QALY or per discounted extra job-year; the label "
     "names the quadrant of the CE plane.",
     DRUMMOND},
    {"inmb", NULL, "Incremental net monetary benefit",
     "Value per unit of effect x effect gained minus incremental cost (well defined in every quadrant).",
     "Stinnett AA, Mullahy J. Net health benefits. Med Decis Making 1998;18:S68-S80"},
    {"prob_cost_beneficial", NULL, "Probability the programme is cost-beneficial",
     "Share of the probabilistic draws with NPV > 0, per perspective (Monte Carlo SE in se).", BRIGGS},
    {"ceac", NULL, "Cost-effectiveness acceptability curve and frontier",
     "Share of draws with INMB > 0 at each willingness to pay; the frontier gives the probability that the option with "
     "the highest expected net benefit is cost-effective.",
     "Fenwick E, Claxton K, Sculpher M. Representing uncertainty: the role of cost-effectiveness acceptability "
     "curves. Health Econ 2001;10:779-787"},
    {"evpi", NULL, "Expected value of perfect information",
     "E[max(INMB, 0)] - max(E[INMB], 0) over the draws, per person (and for the population).", BRIGGS},
    {"tornado", NULL, "One-way sensitivity analysis (tornado)",
     "Each uncertain parameter at its 2.5% and 97.5% points, the others at base values; bars sorted by swing. On NPV "
     "and INMB, never on an ICER (which changes meaning between quadrants).",
     BRIGGS},
    {"markov", NULL, "Markov cohort model",
     "Yearly cycles over states with transition matrices per arm; earnings, benefits and health-care costs per state, "
     "valued by perspective and discounted; PSA draws each row from a Dirichlet distribution.",
     BRIGGS},
};

const rpt_method_table rpt_methods_cba = {entries, sizeof entries / sizeof entries[0]};
