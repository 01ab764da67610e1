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
    lxw_format *in_money, *in_share, *in_num, *in_int, *money, *share, *num, *num4, *label, *cell_name, *note, *note_wrap;
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
    c->in_money = fmt(w, "#,##0", 1); /* money in whole currency units (the cell keeps every decimal) */
    c->in_share = fmt(w, "0.0%", 1); /* a share as a percentage with one decimal (the cell keeps every decimal) */
    c->in_num = fmt(w, "0.000", 1);
    c->in_int = fmt(w, "0", 1);
    c->money = fmt(w, "#,##0", 0);
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
    c->note_wrap = fmt(w, NULL, 0); /* a long note wraps within its column (the row grows to fit it) */
    if (c->note_wrap) {
        format_set_italic(c->note_wrap);
        format_set_font_color(c->note_wrap, 0x595959);
        format_set_text_wrap(c->note_wrap);
    }
    return c->note_wrap && c->in_money && c->in_share && c->in_num && c->in_int && c->money && c->share && c->num && c->num4 &&
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
    char ref[96], cell[24];
    const char *sheet = rpt_tr(c->w, SHEET); /* quoted when it is more than letters ("'Nytte-kostnad'!$B$5") */
    int plain = strspn(sheet, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == strlen(sheet);
    snprintf(ref, sizeof ref, plain ? "=%s!%s" : "='%s'!%s", sheet, abs_cell(cell, r, col));
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
    /* the formula's own text (its "not defined" answer) in the workbook's language, as its cached value */
    char fb[512];
    const char *t = text_if_nan ? rpt_tr(c->w, text_if_nan) : NULL;
    const char *at = text_if_nan && t != text_if_nan ? strstr(f, text_if_nan) : NULL;
    if (at && (size_t)snprintf(fb, sizeof fb, "%.*s%s%s", (int)(at - f), f, t, at + strlen(text_if_nan)) < sizeof fb)
        f = fb;
    if (isfinite(value))
        rpt_err_at(c->w, worksheet_write_formula_num(ws, r, col, f, format, value), ws, r, col);
    else
        rpt_err_at(c->w, worksheet_write_formula_str(ws, r, col, f, format, t ? t : ""), ws, r, col);
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
    v.error_title = (char *)rpt_tr(c->w, "Not a valid value");
    v.error_message = (char *)rpt_tr(c->w, what);
    rpt_err_at(c->w, worksheet_data_validation_cell(c->ws, r, col, &v), c->ws, r, col);
}

static const char *dist_text(const rpt_wctx *w, const cba_dist *d, char *buf, size_t n)
{
    switch (d->kind) {
    case CBA_DIST_NONE:
        rpt_trf(w, buf, n, "fixed");
        break;
    case CBA_DIST_FIXED:
        rpt_trf(w, buf, n, "fixed");
        break;
    case CBA_DIST_UNIFORM:
        rpt_trf(w, buf, n, "uniform(min=%.10g, max=%.10g)", d->p[0], d->p[1]);
        break;
    case CBA_DIST_TRIANGULAR:
        rpt_trf(w, buf, n, "triangular(min=%.10g, mode=%.10g, max=%.10g)", d->p[0], d->p[1], d->p[2]);
        break;
    default:
        rpt_trf(w, buf, n, "%s(mean=%.10g, se=%.10g)", cba_dist_name[d->kind], d->p[0], d->p[1]);
    }
    return buf;
}

/* A persistence rule in words for the reader ("half-life 2 years"; the config and the results' method spell it
 * "halflife:2"). */
static const char *rule_text(const rpt_wctx *w, const cba_persistence *p, char *buf, size_t n)
{
    switch (p->kind) {
    case CBA_CONSTANT:
        rpt_trf(w, buf, n, "constant");
        break;
    case CBA_LINEAR:
        if (p->years == 1)
            rpt_trf(w, buf, n, "linear fade over %g year", p->years);
        else
            rpt_trf(w, buf, n, "linear fade over %g years", p->years);
        break;
    case CBA_HALFLIFE:
        if (p->years == 1)
            rpt_trf(w, buf, n, "half-life %g year", p->years);
        else
            rpt_trf(w, buf, n, "half-life %g years", p->years);
        break;
    case CBA_PATH:
        rpt_trf(w, buf, n, "yearly effects given (path)");
        break;
    default:
        cba_persistence_name(p, buf, n);
    }
    return buf;
}

/* One input row: label, value (named, validated), name, note with the valid range and PSA distribution. */
/* A note beside a table: it runs on over the next (empty) column when short, else wraps within its own. */
static void put_note(cs *c, lxw_row_t r, lxw_col_t col, const char *text)
{
    const char *t = rpt_tr(c->w, text);
    size_t n = 0;
    for (const unsigned char *q = (const unsigned char *)t; *q; q++)
        n += (*q & 0xC0) != 0x80;
    rpt_put_text(c->w, c->ws, r, col, t, n > 56 ? c->note_wrap : c->note);
}

static void input_row_note(cs *c, lxw_row_t r, int p, const char *label, lxw_format *f, const char *extra)
{
    rpt_wctx *w = c->w;
    double lo, hi;
    cba_param_range(c->s, p, &lo, &hi);
    const char *key = cba_param_key[p];
    rpt_put_text(c->w, c->ws, r, 0, label, NULL);
    rpt_put_num(c->w, c->ws, r, 1, c->s->value[p], f);
    name_cell(c, key, r, 1);
    char note[400], d[160], range[120];
    int lo_open = p == CBA_DISCOUNT_RATE;
    if (isfinite(lo) && isfinite(hi))
        rpt_trf(w, range, sizeof range, "from %g to %g", lo, hi);
    else if (isfinite(lo))
        snprintf(range, sizeof range, "%s %g", rpt_tr(w, lo_open ? "greater than" : "at least"), lo_open ? -1.0 : lo);
    else
        rpt_trf(w, range, sizeof range, "any number");
    rpt_trf(w, note, sizeof note, "%s; PSA: %s", range, dist_text(c->w, &c->s->dist[p], d, sizeof d));
    if (extra) { /* what the label leaves out (a sign convention, a price-index bridge), before the valid values */
        char both[600];
        snprintf(both, sizeof both, "%s; %s", extra, note);
        put_note(c, r, 3, both);
    } else
        put_note(c, r, 3, note);
    rpt_trf(w, note, sizeof note, "%s must be %s.", key, range);
    validate(c, r, 1, lo_open ? -1 : lo, hi, lo_open, 0, note);
}

static void input_row(cs *c, lxw_row_t r, int p, const char *label, lxw_format *f)
{
    input_row_note(c, r, p, label, f, NULL);
}

/* The words of input p as the CBA sheet's Inputs table names it (also the tornado's parameter): short enough for
 * the label column; what more there is to say goes into the Valid values column. */
static const char *param_label(const rpt_wctx *w, const cba_spec *s, int p, const char *cur, char *buf, size_t n)
{
    switch (p) {
    case CBA_COST_IPS:
        rpt_trf(w, buf, n, "Programme cost per participant, %s (%s)", s->intervention, cur);
        break;
    case CBA_COST_CONTROL:
        rpt_trf(w, buf, n, "Programme cost per participant, %s (%s)", s->comparator, cur);
        break;
    case CBA_WAGE:
        rpt_trf(w, buf, n, "Annual gross wage of an extra job in year 1 (%s)", cur);
        break;
    case CBA_EMPLOYER_CONTRIBUTIONS:
        rpt_trf(w, buf, n, "Employer contributions (share of the wage)");
        break;
    case CBA_TAX_RATE:
        rpt_trf(w, buf, n, "Average tax rate on the extra earnings");
        break;
    case CBA_BENEFIT:
        rpt_trf(w, buf, n, "Annual benefit while out of work (%s)", cur);
        break;
    case CBA_BENEFIT_REDUCTION:
        rpt_trf(w, buf, n, "Share of the benefit no longer paid in work");
        break;
    case CBA_BENEFIT_TAX_RATE:
        rpt_trf(w, buf, n, "Tax the benefit itself bears (the budget saves the net)");
        break;
    case CBA_REAL_GROWTH:
        rpt_trf(w, buf, n, "Real growth of wages and of the value of health, a year");
        break;
    case CBA_DISPLACEMENT:
        rpt_trf(w, buf, n, "Displacement (share of the extra jobs taken from others)");
        break;
    case CBA_HEALTH_COST_CHANGE:
        rpt_trf(w, buf, n, "Health-care cost change per participant-year (%s)", cur);
        break;
    case CBA_HEALTH_COST_PER_EMPLOYED_YEAR:
        rpt_trf(w, buf, n, "Health-care cost change per extra job-year (%s)", cur);
        break;
    case CBA_QALY_GAIN:
        rpt_trf(w, buf, n, "QALY gain per participant per year (constant)");
        break;
    case CBA_QALY_PER_EMPLOYED_YEAR:
        rpt_trf(w, buf, n, "QALYs per extra job-year (follows employment)");
        break;
    case CBA_VALUE_PER_QALY:
        rpt_trf(w, buf, n, "Value of a QALY (%s)", cur);
        break;
    case CBA_VALUE_PER_JOB_YEAR:
        rpt_trf(w, buf, n, "Value of an extra job-year for INMB (%s)", cur);
        break;
    case CBA_DISCOUNT_RATE:
        rpt_trf(w, buf, n, "Discount rate (real, per year)");
        break;
    case CBA_MCPF:
        rpt_trf(w, buf, n, "Marginal cost of public funds");
        break;
    default:
        snprintf(buf, n, "%s", cba_param_key[p]);
    }
    return buf;
}

/* How the PSA draws the effects, in words (Sensitivity and Methods sheets). */
static const char *effect_draw_text(const rpt_wctx *w, const cba_spec *s, char *buf, size_t n)
{
    if (s->effect_bootstrap)
        rpt_trf(w, buf, n, "the effects at the %zu effect months jointly by resampling the trial's participants with "
                 "replacement within each arm (their correlation kept)", s->n_effects);
    else if (s->effect_uncertain && s->n_effects > 1) {
        int exch = s->n_corr_given == 1;
        if (exch && s->corr_given[0] == 0)
            rpt_trf(w, buf, n, "the effects from normal distributions with their standard errors, independent "
                     "(effect.corr = 0, as the config says)");
        else if (exch)
            rpt_trf(w, buf, n, "the effects jointly from a multivariate normal with their standard errors and "
                     "correlation %.3g between every two effect months (effect.corr)", s->corr_given[0]);
        else
            rpt_trf(w, buf, n, "the effects jointly from a multivariate normal with their standard errors and the "
                     "correlation matrix of effect.corr");
    } else if (s->effect_uncertain)
        rpt_trf(w, buf, n, "the effect from a normal distribution with its standard error");
    else
        rpt_trf(w, buf, n, "the effects fixed at their estimates");
    return buf;
}

/* ---------------------------------------------------------------- the CBA sheet */

/* Append "%+.17g*name" terms to a formula. */
static void add_term(char *f, size_t n, double coef, const char *name)
{
    if (coef == 0)
        return;
    size_t l = strlen(f);
    snprintf(f + l, n - l, "%s%.17g*%s", l && f[l - 1] != '(' ? "+" : "", coef, name);
}

/* The formula of a yearly effect e_y (or, when window, of the trial-window effect-years of year y): the mean of the
 * piecewise-linear e(t) over the year's months up to the last effect month T, as a linear combination of the named
 * effect cells (coefficients by integrating the curve of each unit effect), plus the persistence tail after T with
 * the rule's parameter cell `pname` (DOMAIN-models.md §3; the same integrals as cba_model.c). */
static void yearly_formula(const cba_spec *s, const cba_persistence *rule, const char *pname, int y, int window,
                           char *f, size_t n)
{
    size_t K = s->n_effects;
    double T = s->effect_months[K - 1];
    snprintf(f, n, "=(");
    for (size_t k = 0; k < K; k++) {
        double unit[CBA_MAX_EFFECTS] = {0}, wv[CBA_MAX_HORIZON];
        unit[k] = 1;
        int nw = cba_window_effects(s->effect_months, unit, K, wv);
        char nm[32];
        snprintf(nm, sizeof nm, "effect_%zu", k + 1);
        if (y <= nw)
            add_term(f + 1, n - 1, wv[y - 1], nm);
    }
    size_t l = strlen(f);
    if (f[l - 1] == '(')
        snprintf(f + l, n - l, "0");
    l = strlen(f);
    snprintf(f + l, n - l, ")");
    double a = 12.0 * (y - 1), b = 12.0 * y, u = a > T ? a : T;
    if (window || !(b > T))
        return;
    l = strlen(f);
    switch (rule->kind) {
    case CBA_CONSTANT:
    case CBA_PATH:
        snprintf(f + l, n - l, "+effect_last*%.17g", (b - u) / 12);
        break;
    case CBA_LINEAR: {
        char vv[160];
        snprintf(vv, sizeof vv, "MIN(%.17g,%.17g+12*%s)", b, T, pname);
        snprintf(f + l, n - l, "+IF(%s>%.17g,effect_last*((%s-%.17g)-((%s-%.17g)^2-%.17g)/(24*%s)),0)/12", vv, u, vv, u,
                 vv, T, (u - T) * (u - T), pname);
        break;
    }
    case CBA_HALFLIFE:
        snprintf(f + l, n - l, "+effect_last*%s/LN(2)*(EXP(-LN(2)*%.17g/(12*%s))-EXP(-LN(2)*%.17g/(12*%s)))", pname,
                 u - T, pname, b - T, pname);
        break;
    }
}

/* A named figure of the by-rule table: "<base>_r<q>", and for the base case (q = 1) also "<base>". */
static void name_rule_cell(cs *c, const char *base, size_t q, lxw_row_t r, lxw_col_t col)
{
    char nm[96];
    snprintf(nm, sizeof nm, "%s_r%zu", base, q + 1);
    define(c, nm, r, col);
    if (q == 0)
        define(c, base, r, col);
}

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
    char b[1024], ra[64], rb[64], rc[64], rd[64], fm[4096];
    const double *v = s->value;
    lxw_row_t r = 0;
    /* printed one page wide: labels, values, names, valid values (wrapped), and the effects' percentage points */
    rpt_set_cols(w, ws, 0, 0, 50, NULL);
    rpt_set_cols(w, ws, 1, 1, 12, NULL);
    rpt_set_cols(w, ws, 2, 2, 35, NULL); /* the longest name in Courier */
    rpt_set_cols(w, ws, 3, 3, 42, NULL);
    rpt_set_cols(w, ws, 4, 4, 14, NULL);
    rpt_set_cols(w, ws, 5, 20, 16, NULL);

    rpt_trf(w, b, sizeof b, "Cost-benefit analysis: %s vs %s (reference arm: %s)", s->intervention, s->comparator,
             s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    if (s->price_year > 0)
        rpt_trf(w, b, sizeof b, "Per participant, %s at %ld prices. Model and formulas: the live cells below and the "
                 "Methods sheet.", c.cur, s->price_year);
    else
        rpt_trf(w, b, sizeof b, "Per participant, %s. Model and formulas: the live cells below and the Methods sheet.", c.cur);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    rpt_put_text(w, ws, r++, 0,
                 "A live model: change a blue input (a cost, the wage, a rate, an effect, a persistence parameter) and "
                 "every yearly effect, break-even wage, NPV, ROI, cost per job, ICER and INMB below recalculates, for "
                 "every persistence rule (the values shown on opening are ipseval's own).",
                 w->f.meta);
    r++;

    /* ---- inputs ---- */
    rpt_put_text(w, ws, r++, 0, "Inputs", w->f.subtitle);
    const char *head[] = {"Input", "Value", "Name (use it in formulas)", "Valid values; PSA distribution"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, head[k], w->f.header);
    r++;
#define LABEL(p) param_label(w, s, (p), c.cur, b, sizeof b)
    input_row(&c, r++, CBA_COST_IPS, LABEL(CBA_COST_IPS), c.in_money);
    input_row(&c, r++, CBA_COST_CONTROL, LABEL(CBA_COST_CONTROL), c.in_money);
    rpt_put_text(w, ws, r, 0, "Incremental cost dC (formula)", NULL);
    formula(&c, ws, r, 1, "=cost_ips-cost_control", f->dc, NULL, c.money);
    name_cell(&c, "incremental_cost", r++, 1);
    input_row(&c, r++, CBA_WAGE, LABEL(CBA_WAGE), c.in_money);
    input_row(&c, r++, CBA_EMPLOYER_CONTRIBUTIONS, LABEL(CBA_EMPLOYER_CONTRIBUTIONS), c.in_share);
    lxw_row_t sched_first = 0, sched_last = 0;
    if (s->n_tax == 0) {
        input_row(&c, r++, CBA_TAX_RATE, LABEL(CBA_TAX_RATE), c.in_share);
        rpt_put_text(w, ws, r, 0, "Tax on the year-1 wage (formula)", NULL);
        formula(&c, ws, r, 1, "=tax_rate*wage", cba_tax(s, v[CBA_TAX_RATE], v[CBA_WAGE]), NULL, c.money);
        name_cell(&c, "tax_on_wage", r++, 1);
    } else {
        rpt_put_text(w, ws, r++, 0, "Tax schedule: threshold, marginal rate above it, rate step (formula)", w->f.key);
        sched_first = r;
        for (size_t k = 0; k < s->n_tax; k++, r++) {
            rpt_put_num(w, ws, r, 1, s->tax_threshold[k], c.in_money);
            validate(&c, r, 1, 0, INFINITY, 0, 0, "A threshold is at least 0.");
            rpt_put_num(w, ws, r, 3, s->tax_marginal[k], c.in_share);
            validate(&c, r, 3, 0, 1, 0, 0, "A marginal rate is from 0 to 1.");
            rpt_trf(w, b, sizeof b, "bracket %zu: threshold (B) and marginal rate (D); step (E)", k + 1);
            rpt_put_text(w, ws, r, 0, b, NULL);
            double step = s->tax_marginal[k] - (k ? s->tax_marginal[k - 1] : 0);
            if (k == 0)
                snprintf(fm, sizeof fm, "=%s", abs_cell(ra, r, 3));
            else
                snprintf(fm, sizeof fm, "=%s-%s", abs_cell(ra, r, 3), abs_cell(rb, r - 1, 3));
            formula(&c, ws, r, 4, fm, step, NULL, c.share);
        }
        sched_last = r - 1;
        rpt_put_text(w, ws, r, 0, "Tax on the year-1 wage (formula)", NULL);
        put_note(&c, r, 3, "the sum of the steps x the amount above each threshold");
        abs_range(ra, sched_first, 1, sched_last, 1);
        abs_range(rb, sched_first, 4, sched_last, 4);
        snprintf(fm, sizeof fm, "=SUMPRODUCT((wage>%s)*(wage-%s)*%s)", ra, ra, rb);
        formula(&c, ws, r, 1, fm, cba_tax(s, 0, v[CBA_WAGE]), NULL, c.money);
        name_cell(&c, "tax_on_wage", r++, 1);
    }
    input_row(&c, r++, CBA_BENEFIT, LABEL(CBA_BENEFIT), c.in_money);
    input_row(&c, r++, CBA_BENEFIT_REDUCTION, LABEL(CBA_BENEFIT_REDUCTION), c.in_share);
    input_row(&c, r++, CBA_BENEFIT_TAX_RATE, LABEL(CBA_BENEFIT_TAX_RATE), c.in_share);
    input_row(&c, r++, CBA_REAL_GROWTH, LABEL(CBA_REAL_GROWTH), c.in_share);
    input_row(&c, r++, CBA_DISPLACEMENT, LABEL(CBA_DISPLACEMENT), c.in_share);
    input_row_note(&c, r++, CBA_HEALTH_COST_CHANGE, LABEL(CBA_HEALTH_COST_CHANGE), c.in_money,
                   rpt_tr(w, "negative = saving"));
    input_row(&c, r++, CBA_HEALTH_COST_PER_EMPLOYED_YEAR, LABEL(CBA_HEALTH_COST_PER_EMPLOYED_YEAR), c.in_money);
    input_row(&c, r++, CBA_QALY_GAIN, LABEL(CBA_QALY_GAIN), c.in_num);
    input_row(&c, r++, CBA_QALY_PER_EMPLOYED_YEAR, LABEL(CBA_QALY_PER_EMPLOYED_YEAR), c.in_num);
    if (s->param_index_factor[CBA_VALUE_PER_QALY] != 1) {
        char was[64];
        rpt_trf(w, fm, sizeof fm, "%s in %ld prices x %.6g by the %s index",
                 rpt_whole_text(w, v[CBA_VALUE_PER_QALY] / s->param_index_factor[CBA_VALUE_PER_QALY], was, sizeof was),
                 s->param_price_year[CBA_VALUE_PER_QALY], s->param_index_factor[CBA_VALUE_PER_QALY],
                 s->param_index_series[CBA_VALUE_PER_QALY]);
        input_row_note(&c, r++, CBA_VALUE_PER_QALY, LABEL(CBA_VALUE_PER_QALY), c.in_money, fm);
    } else
        input_row(&c, r++, CBA_VALUE_PER_QALY, LABEL(CBA_VALUE_PER_QALY), c.in_money);
    if (s->has[CBA_VALUE_PER_JOB_YEAR]) {
        input_row(&c, r++, CBA_VALUE_PER_JOB_YEAR, LABEL(CBA_VALUE_PER_JOB_YEAR), c.in_money);
    } else {
        rpt_put_text(w, ws, r, 0, LABEL(CBA_VALUE_PER_JOB_YEAR), NULL);
        formula(&c, ws, r, 1, "=wage*(1+employer_contributions)", v[CBA_WAGE] * (1 + v[CBA_EMPLOYER_CONTRIBUTIONS]),
                NULL, c.money);
        name_cell(&c, "value_per_job_year", r, 1);
        put_note(&c, r++, 3, "formula: the production value of a job-year, wage x (1 + employer contributions)");
    }
    input_row(&c, r++, CBA_DISCOUNT_RATE, LABEL(CBA_DISCOUNT_RATE), c.in_share);
    input_row(&c, r++, CBA_MCPF, LABEL(CBA_MCPF), c.in_share);
#undef LABEL
    rpt_put_text(w, ws, r, 0, "Horizon (years counted in the NPVs)", NULL);
    rpt_put_num(w, ws, r, 1, s->horizon, c.in_int);
    name_cell(&c, "horizon", r, 1);
    rpt_trf(w, b, sizeof b, "whole years from 1 to %d", s->horizon);
    rpt_put_text(w, ws, r, 3, b, c.note);
    rpt_trf(w, b, sizeof b, "The horizon is a whole number of years from 1 to %d (the rows of the tables below).",
             s->horizon);
    validate(&c, r, 1, 1, s->horizon, 0, 1, b);
    r++;
    if (s->has_population) {
        if (s->scale_from_take_up) {
            rpt_put_text(w, ws, r, 0, "Eligible population (scale-up)", NULL);
            rpt_put_num(w, ws, r, 1, s->population_eligible, c.in_money);
            name_cell(&c, "population", r, 1);
            validate(&c, r, 1, 0, INFINITY, 1, 0, "The population is a number of people greater than 0.");
            rpt_put_text(w, ws, r++, 3, "greater than 0", c.note);
            rpt_put_text(w, ws, r, 0, "Take-up (share of it that receives the programme)", NULL);
            rpt_put_num(w, ws, r, 1, s->take_up, c.in_share);
            name_cell(&c, "take_up", r, 1);
            validate(&c, r, 1, 0, 1, 1, 0, "The take-up is a share greater than 0, at most 1.");
            rpt_put_text(w, ws, r++, 3, "greater than 0, at most 1", c.note);
            rpt_put_text(w, ws, r, 0, "People treated (formula: population x take-up)", NULL);
            formula(&c, ws, r, 1, "=population*take_up", s->population, NULL, c.money);
            name_cell(&c, "treated", r++, 1);
        } else {
            rpt_put_text(w, ws, r, 0, "People treated (scale-up)", NULL);
            rpt_put_num(w, ws, r, 1, s->population, c.in_money);
            name_cell(&c, "treated", r, 1);
            validate(&c, r, 1, 0, INFINITY, 1, 0, "The number treated is greater than 0.");
            rpt_put_text(w, ws, r++, 3, "greater than 0", c.note);
        }
    }
    r++;

    /* ---- effects at the effect months ---- */
    rpt_trf(w, b, sizeof b, "Employment effect, %s minus %s (%s)", s->intervention, s->comparator,
             s->effect_from_trial ? rpt_tr(w, "the trial's primary outcome: risk difference with its Wald SE")
                                  : rpt_tr(w, "typed into the config"));
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    /* the live cell is the difference of shares the formulas use; beside it the same in percentage points */
    const char *eh[] = {"Months since randomisation", "Effect (difference of shares)", "Name",
                        "Effect (percentage points)", "Standard error (percentage points)"};
    for (lxw_col_t k = 0; k < 5; k++)
        rpt_put_text(w, ws, r, k, eh[k], w->f.header);
    r++;
    for (size_t k = 0; k < s->n_effects; k++, r++) {
        rpt_put_num(w, ws, r, 0, s->effect_months[k], NULL);
        rpt_put_num(w, ws, r, 1, s->effect[k], c.in_num);
        char nm[32];
        snprintf(nm, sizeof nm, "effect_%zu", k + 1);
        name_cell(&c, nm, r, 1);
        if (k + 1 == s->n_effects)
            define(&c, "effect_last", r, 1);
        validate(&c, r, 1, -1, 1, 0, 0, "An employment effect is a difference of proportions from -1 to 1.");
        snprintf(fm, sizeof fm, "=100*%s", nm);
        formula(&c, ws, r, 3, fm, 100 * s->effect[k], NULL, w->f.num1);
        rpt_put_num(w, ws, r, 4, 100 * s->effect_se[k], w->f.num1);
    }
    {
        const char *t = "The effect rises linearly from 0 at randomisation through these points; beyond the last one (also "
                        "named effect_last) it follows each persistence rule. The yearly effects below are its mean over "
                        "each year, as formulas of these cells. Percentage points: 100 x the difference of shares.";
        rpt_merge_text(w, ws, r++, 0, 4, t, c.note_wrap, rpt_lines_for(rpt_tr(w, t), 120));
    }
    r++;

    /* ---- persistence rules ---- */
    rpt_put_text(w, ws, r++, 0, "Persistence of the effect beyond the last effect month (the first rule is the base "
                                "case: it drives the headline, the probabilistic analysis and the tornado)",
                 w->f.subtitle);
    const char *ph[] = {"Rule", "Years (F or H)", "Name", "Meaning"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, ph[k], w->f.header);
    r++;
    char pname[CBA_MAX_RULES][32];
    for (size_t q = 0; q < s->n_rules; q++, r++) {
        const cba_persistence *pr = &s->rules[q];
        char rn[400];
        rule_text(w, pr, rn, sizeof rn);
        snprintf(b, sizeof b, "%zu. %s%s", q + 1, rn, q == 0 ? rpt_tr(w, " (base case)") : "");
        rpt_put_text(w, ws, r, 0, b, q == 0 ? w->f.key : NULL);
        snprintf(pname[q], sizeof pname[q], "rule_%zu_years", q + 1);
        if (pr->kind == CBA_LINEAR || pr->kind == CBA_HALFLIFE) {
            rpt_put_num(w, ws, r, 1, pr->years, c.in_num);
            name_cell(&c, pname[q], r, 1);
            validate(&c, r, 1, 0, INFINITY, 1, 0, "A number of years greater than 0.");
        }
        const char *what = pr->kind == CBA_CONSTANT ? "the effect stays at its last value"
                           : pr->kind == CBA_LINEAR ? "the effect falls linearly to 0 over F years"
                           : pr->kind == CBA_HALFLIFE ? "the effect halves every H years"
                                                      : "the yearly effects of the later years are given (blue cells in "
                                                        "the rule's column below)";
        put_note(&c, r, 3, what);
    }
    r++;
    /* the print: the model's inputs, effects and rules, one page wide; the wide yearly and results tables that follow
     * are for the screen */
    rpt_print_end(w, ws, r++, "The tables below (yearly effects and break-even wages, present values, NPVs and ROI by "
                              "rule, flows by year, other results) are on the sheet, not printed: the Sensitivity "
                              "sheet prints the figures.");
    r++;

    /* ---- yearly table: discount and growth factors, yearly effects and break-even wages by rule ---- */
    int H = s->horizon, nw = res->det_ws.nw;
    int NY = H > nw ? H : nw;
    rpt_put_text(w, ws, r++, 0, "Break-even wage by horizon: the year-1 annual gross wage at which the extra work pays "
                                "for the programme, W* = dC / sum of d_y e_y k_y",
                 w->f.subtitle);
    const char *yh[] = {"Year", "Discount factor d_y", "Growth factor k_y", "Trial-window effect-years",
                        "Tax on the wage of year y", "In horizon (1/0)"};
    for (lxw_col_t k = 0; k < 6; k++)
        rpt_put_text(w, ws, r, k, yh[k], w->f.header);
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[400];
        rule_text(w, &s->rules[q], rn, sizeof rn);
        rpt_trf(w, b, sizeof b, "Yearly effect e_y (%zu. %s)", q + 1, rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(6 + 2 * q), b, w->f.header);
        rpt_trf(w, b, sizeof b, "Break-even wage, horizon = year (%zu. %s)", q + 1, rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(7 + 2 * q), b, w->f.header);
    }
    tall(w, ws, r);
    r++;
    lxw_row_t be1 = r; /* first year row */
    double dd[CBA_MAX_HORIZON + 1], kk[CBA_MAX_HORIZON + 1], tx[CBA_MAX_HORIZON + 1];
    for (int y = 1; y <= NY; y++, r++) {
        dd[y] = pow(1 + v[CBA_DISCOUNT_RATE], -(double)y);
        kk[y] = pow(1 + v[CBA_REAL_GROWTH], (double)(y - 1));
        tx[y] = cba_tax(s, v[CBA_TAX_RATE], v[CBA_WAGE] * kk[y]);
        rpt_put_num(w, ws, r, 0, y, NULL);
        snprintf(fm, sizeof fm, "=(1+discount_rate)^(-%s)", abs_cell(ra, r, 0));
        formula(&c, ws, r, 1, fm, dd[y], NULL, c.num);
        snprintf(fm, sizeof fm, "=(1+real_growth)^(%s-1)", abs_cell(ra, r, 0));
        formula(&c, ws, r, 2, fm, kk[y], NULL, c.num);
        if (y <= nw) {
            yearly_formula(s, &s->rules[0], pname[0], y, 1, fm, sizeof fm);
            formula(&c, ws, r, 3, fm, res->det_ws.w[y - 1], NULL, c.num);
        }
        if (s->n_tax == 0)
            snprintf(fm, sizeof fm, "=tax_rate*wage*%s", abs_cell(ra, r, 2));
        else {
            char wk[80];
            snprintf(wk, sizeof wk, "wage*%s", abs_cell(rc, r, 2));
            abs_range(ra, sched_first, 1, sched_last, 1);
            abs_range(rb, sched_first, 4, sched_last, 4);
            snprintf(fm, sizeof fm, "=SUMPRODUCT((%s>%s)*(%s-%s)*%s)", wk, ra, wk, ra, rb);
        }
        formula(&c, ws, r, 4, fm, tx[y], NULL, c.money);
        snprintf(fm, sizeof fm, "=IF(%s<=horizon,1,0)", abs_cell(ra, r, 0));
        formula(&c, ws, r, 5, fm, y <= H, NULL, NULL);
        if (y > H)
            continue;
        for (size_t q = 0; q < s->n_rules; q++) {
            const cba_persistence *pr = &s->rules[q];
            lxw_col_t ec = (lxw_col_t)(6 + 2 * q);
            int first = pr->kind == CBA_PATH ? cba_path_first_year(s->effect_months[s->n_effects - 1]) : H + 1;
            if (y >= first) {
                rpt_put_num(w, ws, r, ec, res->det_ws.e[q][y - 1], c.in_num);
                validate(&c, r, ec, -1, 1, 0, 0, "A yearly employment effect is from -1 to 1.");
            } else {
                yearly_formula(s, pr, pname[q], y, 0, fm, sizeof fm);
                formula(&c, ws, r, ec, fm, res->det_ws.e[q][y - 1], NULL, c.num);
            }
            abs_range(ra, be1, 1, r, 1);
            abs_range(rb, be1, ec, r, ec);
            abs_range(rc, be1, 2, r, 2);
            snprintf(fm, sizeof fm, "=IF(SUMPRODUCT(%s,%s,%s)>0,incremental_cost/SUMPRODUCT(%s,%s,%s),\"%s\")", ra, rb,
                     rc, ra, rb, rc, NO_WAGE);
            formula(&c, ws, r, ec + 1, fm, f->bew[q][y], NO_WAGE, c.money);
            snprintf(b, sizeof b, "break_even_r%zu_%d", q + 1, y);
            define(&c, b, r, ec + 1);
            if (q == 0) {
                snprintf(b, sizeof b, "break_even_%d", y);
                define(&c, b, r, ec + 1);
            }
        }
    }
    lxw_row_t beN = be1 + (lxw_row_t)H - 1;
    rpt_put_text(w, ws, r, 0, "Trial window (break-even wage over the trial's own months)", w->f.key);
    abs_range(ra, be1, 1, be1 + (lxw_row_t)nw - 1, 1);
    abs_range(rb, be1, 3, be1 + (lxw_row_t)nw - 1, 3);
    abs_range(rc, be1, 2, be1 + (lxw_row_t)nw - 1, 2);
    snprintf(fm, sizeof fm, "=IF(SUMPRODUCT(%s,%s,%s)>0,incremental_cost/SUMPRODUCT(%s,%s,%s),\"%s\")", ra, rb, rc, ra,
             rb, rc, NO_WAGE);
    formula(&c, ws, r, 1, fm, f->bew[0][0], NO_WAGE, c.money);
    name_cell(&c, "break_even_trial_window", r, 1);
    rpt_trf(w, b, sizeof b, "the same for every rule; named break_even_rQ_H (rule Q, horizon H), break_even_1 .. "
             "break_even_%d for the base case", H);
    rpt_put_text(w, ws, r, 3, b, c.note);
    r += 2;

    /* ---- every rule: present values, NPVs, ROI (live) ---- */
    rpt_trf(w, b, sizeof b, "Present values and net present values by persistence rule (live formulas; per participant, "
             "%s vs %s)", s->intervention, s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Figure", w->f.header);
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[400];
        rule_text(w, &s->rules[q], rn, sizeof rn);
        snprintf(b, sizeof b, "%zu. %s%s", q + 1, rn, q == 0 ? rpt_tr(w, " (base case)") : "");
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + q), b, w->f.header);
    }
    rpt_put_text(w, ws, r, (lxw_col_t)(1 + s->n_rules), "What it is", w->f.header);
    tall(w, ws, r);
    r++;
    char dR[64], kR[64], hR[64], tR[64];
    abs_range(dR, be1, 1, beN, 1);
    abs_range(kR, be1, 2, beN, 2);
    abs_range(tR, be1, 4, beN, 4);
    abs_range(hR, be1, 5, beN, 5);
    enum { JY, SEK, STX, SD, SDK, PP, PT, PB, PH, PQ, PQV, PN, GG, CG, GS, CS, GP, CP, NS, NG, NP, RS, RG, RP, BS, NROW };
    static const char *const fig_name[NROW] = {
        "pv_job_years", "wage_weight", "tax_weight", "pv_years", "pv_years_grown", "pv_production", "pv_taxes",
        "pv_benefits_saved", "pv_health_costs", "pv_qalys", "pv_qaly_value", "pv_net_earnings", "gains_government",
        "costs_government", "gains_societal", "costs_societal", "gains_participant", "costs_participant",
        "npv_societal", "npv_government", "npv_participant", "roi_societal", "roi_government", "roi_participant",
        "break_even_societal"};
    static const char *const fig_label[NROW] = {
        "Discounted job-years gained, sum d_y e_y",
        "Wage weight, sum d_y e_y k_y",
        "Tax weight, sum d_y e_y tax(wage k_y)",
        "Discounted years, sum d_y",
        "Discounted grown years, sum d_y k_y",
        "PV of production, wage x wage weight x (1 + ec)(1 - displacement)",
        "PV of taxes and contributions, (tax weight + ec wage x wage weight)(1 - displacement)",
        "PV of benefits no longer paid, net of their tax: benefit x reduction x (1 - benefit tax) x job-years",
        "PV of the health-care cost change: per employed year x job-years + per year x sum d_y",
        "Discounted QALYs gained: per employed year x job-years + per year x sum d_y",
        "PV of the value of QALYs: value x (per employed year x wage weight + per year x sum d_y k_y)",
        "PV of participants' net earnings: wage x wage weight - tax weight",
        "Gains, government: taxes + benefits saved (net)",
        "Costs, government: dC + health-care cost change",
        "Gains, society: production + value of QALYs + mcpf x government gains",
        "Costs, society: (1 + mcpf) x government costs",
        "Gains, participants: net earnings",
        "Costs, participants: benefits no longer received (net of their tax)",
        "NPV, societal perspective",
        "NPV, government perspective",
        "NPV, participant perspective",
        "ROI, societal (PV gains / PV costs)",
        "ROI, government",
        "ROI, participant",
        "Break-even wage, societal (NPV society = 0)"};
    lxw_row_t fr0 = r;
    for (int k = 0; k < NROW; k++) {
        rpt_put_text(w, ws, fr0 + (lxw_row_t)k, 0, fig_label[k], k >= NS ? w->f.key : NULL);
    }
    for (size_t q = 0; q < s->n_rules; q++) {
        lxw_col_t col = (lxw_col_t)(1 + q), ec = (lxw_col_t)(6 + 2 * q);
        char eR[64];
        abs_range(eR, be1, ec, beN, ec);
        /* the engine's values of the intermediate sums, from its yearly effects */
        double val[NROW] = {0};
        for (int y = 1; y <= H; y++) {
            double e = res->det_ws.e[q][y - 1];
            val[JY] += dd[y] * e;
            val[SEK] += dd[y] * e * kk[y];
            val[STX] += dd[y] * e * tx[y];
            val[SD] += dd[y];
            val[SDK] += dd[y] * kk[y];
        }
        double keep = 1 - v[CBA_DISPLACEMENT], ecr = v[CBA_EMPLOYER_CONTRIBUTIONS], mc = v[CBA_MCPF];
        val[PP] = v[CBA_WAGE] * val[SEK] * (1 + ecr) * keep;
        val[PT] = (val[STX] + ecr * v[CBA_WAGE] * val[SEK]) * keep;
        val[PB] = v[CBA_BENEFIT] * v[CBA_BENEFIT_REDUCTION] * (1 - v[CBA_BENEFIT_TAX_RATE]) * val[JY];
        val[PH] = v[CBA_HEALTH_COST_PER_EMPLOYED_YEAR] * val[JY] + v[CBA_HEALTH_COST_CHANGE] * val[SD];
        val[PQ] = v[CBA_QALY_PER_EMPLOYED_YEAR] * val[JY] + v[CBA_QALY_GAIN] * val[SD];
        val[PQV] = v[CBA_VALUE_PER_QALY] * (v[CBA_QALY_PER_EMPLOYED_YEAR] * val[SEK] + v[CBA_QALY_GAIN] * val[SDK]);
        val[PN] = v[CBA_WAGE] * val[SEK] - val[STX];
        val[GG] = val[PT] + val[PB];
        val[CG] = f->dc + val[PH];
        val[GS] = val[PP] + val[PQV] + mc * val[GG];
        val[CS] = (1 + mc) * val[CG];
        val[GP] = val[PN];
        val[CP] = val[PB];
        val[NS] = f->npv_rule[q][CBA_SOCIETAL];
        val[NG] = f->npv_rule[q][CBA_GOVERNMENT];
        val[NP] = f->npv_rule[q][CBA_PARTICIPANT];
        val[RS] = f->roi_rule[q][CBA_SOCIETAL];
        val[RG] = f->roi_rule[q][CBA_GOVERNMENT];
        val[RP] = f->roi_rule[q][CBA_PARTICIPANT];
        val[BS] = f->bew_soc_rule[q];
        char cell[NROW][24];
        for (int k = 0; k < NROW; k++)
            abs_cell(cell[k], fr0 + (lxw_row_t)k, col);
        char F[NROW][1024];
        snprintf(F[JY], 1024, "=SUMPRODUCT(%s,%s,%s)", dR, eR, hR);
        snprintf(F[SEK], 1024, "=SUMPRODUCT(%s,%s,%s,%s)", dR, eR, kR, hR);
        snprintf(F[STX], 1024, "=SUMPRODUCT(%s,%s,%s,%s)", dR, eR, tR, hR);
        snprintf(F[SD], 1024, "=SUMPRODUCT(%s,%s)", dR, hR);
        snprintf(F[SDK], 1024, "=SUMPRODUCT(%s,%s,%s)", dR, kR, hR);
        snprintf(F[PP], 1024, "=wage*%s*(1+employer_contributions)*(1-displacement)", cell[SEK]);
        snprintf(F[PT], 1024, "=(%s+employer_contributions*wage*%s)*(1-displacement)", cell[STX], cell[SEK]);
        snprintf(F[PB], 1024, "=benefit*benefit_reduction*(1-benefit_tax_rate)*%s", cell[JY]);
        snprintf(F[PH], 1024, "=health_cost_per_employed_year*%s+health_cost_change*%s", cell[JY], cell[SD]);
        snprintf(F[PQ], 1024, "=qaly_per_employed_year*%s+qaly_gain*%s", cell[JY], cell[SD]);
        snprintf(F[PQV], 1024, "=value_per_qaly*(qaly_per_employed_year*%s+qaly_gain*%s)", cell[SEK], cell[SDK]);
        snprintf(F[PN], 1024, "=wage*%s-%s", cell[SEK], cell[STX]);
        snprintf(F[GG], 1024, "=%s+%s", cell[PT], cell[PB]);
        snprintf(F[CG], 1024, "=incremental_cost+%s", cell[PH]);
        snprintf(F[GS], 1024, "=%s+%s+mcpf*%s", cell[PP], cell[PQV], cell[GG]);
        snprintf(F[CS], 1024, "=(1+mcpf)*%s", cell[CG]);
        snprintf(F[GP], 1024, "=%s", cell[PN]);
        snprintf(F[CP], 1024, "=%s", cell[PB]);
        snprintf(F[NS], 1024, "=%s-%s", cell[GS], cell[CS]);
        snprintf(F[NG], 1024, "=%s-%s", cell[GG], cell[CG]);
        snprintf(F[NP], 1024, "=%s-%s", cell[GP], cell[CP]);
        snprintf(F[RS], 1024, "=IF(%s>0,%s/%s,\"not defined: no costs\")", cell[CS], cell[GS], cell[CS]);
        snprintf(F[RG], 1024, "=IF(%s>0,%s/%s,\"not defined: no costs\")", cell[CG], cell[GG], cell[CG]);
        snprintf(F[RP], 1024, "=IF(%s>0,%s/%s,\"not defined: no costs\")", cell[CP], cell[GP], cell[CP]);
        snprintf(F[BS], 1024,
                 "=IF(%s*(1-displacement)*((1+employer_contributions)+mcpf*(tax_rate+employer_contributions))>0,"
                 "wage-%s/(%s*(1-displacement)*((1+employer_contributions)+mcpf*(tax_rate+employer_contributions))),"
                 "\"no finite wage\")",
                 cell[SEK], cell[NS], cell[SEK]);
        for (int k = 0; k < NROW; k++) {
            lxw_row_t rr = fr0 + (lxw_row_t)k;
            lxw_format *fmt_k = k == JY || k == SEK || k == SD || k == SDK || k == PQ ? c.num
                                : (k >= RS && k <= RP)                              ? c.num4
                                                                                    : c.money;
            if (k == BS && s->n_tax > 0) { /* a tax schedule: NPV is not linear in the wage; Brent's value */
                rpt_put_num(w, ws, rr, col, val[k], c.money);
            } else {
                const char *nan_text = k >= RS && k <= RP ? "not defined: no costs" : k == BS ? "no finite wage" : NULL;
                formula(&c, ws, rr, col, F[k], val[k], nan_text, fmt_k);
            }
            name_rule_cell(&c, fig_name[k], q, rr, col);
        }
    }
    for (int k = 0; k < NROW; k++)
        rpt_put_text(w, ws, fr0 + (lxw_row_t)k, (lxw_col_t)(1 + s->n_rules), fig_name[k], c.cell_name);
    r = fr0 + NROW;
    if (s->n_tax > 0) {
        rpt_trf(w, b, sizeof b,
                 "With a tax schedule the societal NPV is not linear in the wage: its break-even wage is ipseval's "
                 "value (Brent's method, %d iterations, tolerance %g), not recalculated.",
                 f->bew_soc_iter, res->soc_root_tol);
        rpt_put_text(w, ws, r++, 0, b, c.note);
    }
    if (s->has_population) {
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++, r++) {
            const char *pn = cba_perspective_name[p];
            char nm[64];
            rpt_trf(w, b, sizeof b, "NPV, %s perspective, all people treated (base case)", rpt_tr(w, pn));
            rpt_put_text(w, ws, r, 0, b, NULL);
            snprintf(fm, sizeof fm, "=npv_%s*treated", pn);
            formula(&c, ws, r, 1, fm, f->npv[p] * s->population, NULL, c.money);
            snprintf(nm, sizeof nm, "npv_%s_treated", pn);
            name_cell(&c, nm, r, 1);
        }
    }
    if (s->n_unpriced > 0) {
        r++;
        rpt_put_text(w, ws, r++, 0, "Effects not valued in money (DFØ plus-minus scale, -4 to +4), beside the NPVs",
                     w->f.key);
        for (size_t i = 0; i < s->n_unpriced; i++, r++) {
            rpt_put_text(w, ws, r, 0, s->unpriced_name[i], NULL);
            snprintf(b, sizeof b, "%+d", s->unpriced_score[i]);
            rpt_put_text(w, ws, r, 1, b, w->f.right);
        }
    }
    r++;

    /* ---- flows by year (base case) ---- */
    char rn0[400];
    rule_text(w, &s->rules[0], rn0, sizeof rn0);
    rpt_trf(w, b, sizeof b, "Flows by year, per participant (%s; base case, persistence %s)", c.cur, rn0);
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *fh[] = {"Year", "Discount factor", "Growth factor", "Yearly effect e_y", "Gross earnings G",
                        "Production value P", "Taxes and contributions T", "Benefits no longer paid B (gross)",
                        "Benefits saved net of their tax", "Health-care cost change Hc", "QALYs gained",
                        "Value of QALYs Q", "Participant net earnings"};
    for (lxw_col_t k = 0; k < 13; k++)
        rpt_put_text(w, ws, r, k, fh[k], w->f.header);
    tall(w, ws, r);
    r++;
    for (int y = 1; y <= H; y++, r++) {
        lxw_row_t yr = be1 + (lxw_row_t)(y - 1);
        rpt_put_num(w, ws, r, 0, y, NULL);
        snprintf(fm, sizeof fm, "=%s", abs_cell(ra, yr, 1));
        formula(&c, ws, r, 1, fm, dd[y], NULL, c.num);
        snprintf(fm, sizeof fm, "=%s", abs_cell(ra, yr, 2));
        formula(&c, ws, r, 2, fm, kk[y], NULL, c.num);
        snprintf(fm, sizeof fm, "=%s", abs_cell(ra, yr, 6));
        double e = res->det_ws.e[0][y - 1];
        formula(&c, ws, r, 3, fm, e, NULL, c.num);
        double fl[CBA_N_FLOWS];
        cba_year_flows(s, v, e, kk[y], fl);
        char E[24], K[24], TX[24], G[24], B[24], QQ[24];
        abs_cell(E, r, 3);
        abs_cell(K, r, 2);
        abs_cell(TX, yr, 4);
        abs_cell(G, r, 4);
        abs_cell(B, r, 7);
        abs_cell(QQ, r, 10);
        struct {
            double x;
            char f[256];
        } col[9];
        snprintf(col[0].f, 256, "=%s*wage*%s", E, K);
        col[0].x = fl[CBA_F_EARNINGS];
        snprintf(col[1].f, 256, "=%s*(1+employer_contributions)*(1-displacement)", G);
        col[1].x = fl[CBA_F_PRODUCTION];
        snprintf(col[2].f, 256, "=%s*(%s+employer_contributions*wage*%s)*(1-displacement)", E, TX, K);
        col[2].x = fl[CBA_F_TAXES];
        snprintf(col[3].f, 256, "=%s*benefit*benefit_reduction", E);
        col[3].x = fl[CBA_F_BENEFITS];
        snprintf(col[4].f, 256, "=%s*(1-benefit_tax_rate)", B);
        col[4].x = fl[CBA_F_BENEFITS_NET];
        snprintf(col[5].f, 256, "=%s*health_cost_per_employed_year+health_cost_change", E);
        col[5].x = fl[CBA_F_HEALTH];
        snprintf(col[6].f, 256, "=%s*qaly_per_employed_year+qaly_gain", E);
        col[6].x = fl[CBA_F_QALYS];
        snprintf(col[7].f, 256, "=%s*value_per_qaly*%s", QQ, K);
        col[7].x = fl[CBA_F_QALY_VALUE];
        snprintf(col[8].f, 256, "=%s*(wage*%s-%s)", E, K, TX);
        col[8].x = fl[CBA_F_NET_EARNINGS];
        for (int k = 0; k < 9; k++)
            formula(&c, ws, r, (lxw_col_t)(4 + k), col[k].f, col[k].x, NULL, k == 6 ? c.num : c.money);
    }
    r++;

    /* ---- other base-case results (live) ---- */
    rpt_trf(w, b, sizeof b, "Other results (live formulas; base case), per participant, %s vs %s", s->intervention,
             s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *rh[] = {"Figure", "Value", "Name", "What it is"};
    for (lxw_col_t k = 0; k < 4; k++)
        rpt_put_text(w, ws, r, k, rh[k], w->f.header);
    r++;
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

    /* ---- the implied effect path of a published break-even table ---- */
    if (s->n_implied > 0) {
        rpt_put_text(w, ws, r++, 0,
                     "The yearly effects a published break-even table assumes: S_H = dC / W_H is sum of d_y e_y k_y up "
                     "to H, so e_H = (S_H - S_(H-1)) / (d_H k_H)",
                     w->f.subtitle);
        const char *ih[] = {"Horizon H", "Published break-even wage W_H", "Cumulative S_H = dC / W_H",
                            "Implied yearly effect e_H", "Base case's e_H (this model)"};
        for (lxw_col_t k = 0; k < 5; k++)
            rpt_put_text(w, ws, r, k, ih[k], w->f.header);
        tall(w, ws, r);
        r++;
        for (size_t i = 0; i < s->n_implied; i++, r++) {
            int hh = s->implied_h[i];
            rpt_put_num(w, ws, r, 0, hh, NULL);
            rpt_put_num(w, ws, r, 1, s->implied_w[i], c.in_money);
            validate(&c, r, 1, 0, INFINITY, 1, 0, "A break-even wage is greater than 0.");
            snprintf(fm, sizeof fm, "=incremental_cost/%s", abs_cell(ra, r, 1));
            formula(&c, ws, r, 2, fm, res->implied_s[i], NULL, c.num);
            if (i > 0) {
                snprintf(fm, sizeof fm, "=(%s-%s)/((1+discount_rate)^(-%s)*(1+real_growth)^(%s-1))",
                         abs_cell(ra, r, 2), abs_cell(rb, r - 1, 2), abs_cell(rc, r, 0), abs_cell(rd, r, 0));
                formula(&c, ws, r, 3, fm, res->implied_e[i], NULL, c.num);
            } else
                rpt_put_text(w, ws, r, 3, "(first horizon: only the cumulative effect)", c.note);
            if (hh <= H) {
                snprintf(fm, sizeof fm, "=%s", abs_cell(ra, be1 + (lxw_row_t)(hh - 1), 6));
                formula(&c, ws, r, 4, fm, res->det_ws.e[0][hh - 1], NULL, c.num);
            }
        }
        rpt_put_text(w, ws, r++, 0,
                     "Effects that grow after the trial's last month are what the table assumes when e_H rises; "
                     "no constant, fading or half-life rule gives them (a path: rule can).",
                     c.note);
        r++;
    }

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
            rpt_trf(w, b, sizeof b, "NPV, %s perspective", rpt_tr(w, cba_perspective_name[p]));
            rpt_put_text(w, ws, r, 0, b, NULL);
            rpt_put_num(w, ws, r, 1, mr->det.npv[p], c.money);
            char roi[32], pay[32];
            rpt_fmt_num(mr->det.roi[p], 2, roi, sizeof roi);
            rpt_fmt_num(mr->det.payback[p], 0, pay, sizeof pay);
            rpt_trf(w, b, sizeof b, "ROI %s; first cycle with cumulative NPV >= 0: %s",
                     isnan(mr->det.roi[p]) ? rpt_tr(w, "not defined") : roi, isnan(mr->det.payback[p]) ? rpt_tr(w, "none") : pay);
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

/* The sheet's charts, inserted once all are made: the CE plane and the acceptability curve side by side under the
 * first tables, then the two tornados side by side under theirs. */
typedef struct sens_charts {
    lxw_chart *ch[4];
    int prio[4];
    size_t n;
} sens_charts;

static void chart_done(sens_charts *sc, lxw_chart *ch, int prio)
{
    if (sc->n < 4) {
        sc->ch[sc->n] = ch;
        sc->prio[sc->n++] = prio;
    }
}

static void charts_insert(rpt_wctx *w, lxw_worksheet *ws, sens_charts *sc, lxw_row_t top, lxw_row_t r, lxw_col_t col)
{
    for (int p = 0; p < 4; p++)
        for (size_t k = 0; k < sc->n; k++) {
            if (sc->prio[k] != p)
                continue;
            if (p < 2) { /* the CE plane and the acceptability curve side by side under the first tables */
                lxw_chart_options o = {.x_scale = 1.0, .y_scale = 1.1, .x_offset = p ? 500 : 0, .y_offset = 4};
                rpt_err_at(w, worksheet_insert_chart_opt(ws, top, 0, sc->ch[k], &o), ws, top, 0);
                continue;
            }
            /* the two tornados side by side under their tables */
            lxw_chart_options o = {.x_scale = 1.0, .y_scale = 1.1, .x_offset = p == 3 ? 500 : 0, .y_offset = 4};
            rpt_err_at(w, worksheet_insert_chart_opt(ws, r, col, sc->ch[k], &o), ws, r, col);
        }
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
    rpt_print_pages(w, ws, 3); /* the figures with the scenarios, the CE plane and acceptability curve, the tornados */
    lxw_format *money = workbook_add_format(w->book), *prob = workbook_add_format(w->book),
               *par = workbook_add_format(w->book), *note = workbook_add_format(w->book);
    if (!money || !prob || !par || !note)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    format_set_num_format(money, "#,##0");
    format_set_num_format(prob, "0.0%"); /* a probability: a percentage with one decimal */
    format_set_num_format(par, "0.0##"); /* a parameter below 100: as many decimals as it has, up to three */
    format_set_italic(note);
    format_set_font_color(note, 0x595959);
    const char *cur = w->run->currency ? w->run->currency : "";
    char b[2048];
    lxw_row_t r = 0;
    rpt_set_cols(w, ws, 0, 0, 40, NULL);
    rpt_set_cols(w, ws, 1, 8, 15, NULL);

    rpt_trf(w, b, sizeof b, "Sensitivity of the cost-benefit results: %s vs %s (reference arm: %s)", s->intervention,
             s->comparator, s->comparator);
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    char how[400], rn0[400];
    effect_draw_text(w, s, how, sizeof how);
    rule_text(w, &s->rules[0], rn0, sizeof rn0);
    char ndraws[48];
    rpt_whole_text(w, (double)res->draws, ndraws, sizeof ndraws);
    if (res->draws > 0)
        rpt_trf(w, b, sizeof b,
                 "Probabilistic sensitivity analysis of the base case (persistence: %s): %s draws of every parameter "
                 "with a distribution, and %s, from one generator seeded with %lu; %s percentile intervals. Per "
                 "participant, %s.",
                 rn0, ndraws, how, w->run->seed, w->conf, cur);
    else
        rpt_trf(w, b, sizeof b, "No probabilistic analysis in this run (psa_draws = 0 or no parameter is uncertain). "
                              "Per participant, %s.", cur);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;

    /* ---- PSA summary ---- */
    if (res->draws > 0) {
        rpt_put_text(w, ws, r++, 0, "Every figure: deterministic value and the probabilistic analysis", w->f.subtitle);
        const char *h[] = {"Figure", "Deterministic", "PSA mean", "PSA low", "PSA high", "P(> 0)",
                           "Draws with no finite value"};
        int any_inf = 0;
        for (size_t q = 0; q < res->n_slots; q++)
            any_inf |= res->summary[q].n_inf > 0;
        for (lxw_col_t k = 0; k < (any_inf ? 7 : 6); k++)
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
                rpt_trf(w, lab[p][0], 48, "NPV, %s", rpt_tr(w, cba_perspective_name[p]));
                rpt_trf(w, lab[p][1], 48, "ROI, %s", rpt_tr(w, cba_perspective_name[p]));
                rows[n++] = (srow){lab[p][0], CBA_S_NPV + (size_t)p, f->npv[p], res->prob_positive[p]};
                rows[n++] = (srow){lab[p][1], CBA_S_ROI + (size_t)p, f->roi[p], NAN};
            }
        rows[n++] = (srow){"Break-even wage, trial window", CBA_S_BEW0, f->bew[0][0], NAN};
        static char blab[CBA_MAX_HORIZON + 1][48];
        for (int h2 = 1; h2 <= s->horizon && n < 56; h2++) {
            rpt_trf(w, blab[h2], 48, "Break-even wage, %d year%s", h2, h2 > 1 ? "s" : "");
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
                /* the interval counts a draw with no finite value as Inf */
                char ni[48], nd[48];
                rpt_whole_text(w, (double)sm->n_inf, ni, sizeof ni);
                rpt_whole_text(w, (double)res->draws, nd, sizeof nd);
                rpt_trf(w, b, sizeof b, "%s of %s", ni, nd);
                rpt_put_text(w, ws, r, 6, b, w->f.right);
            }
        }
        r++;
    }

    /* ---- scenario table: formulas of the CBA sheet's named cells ---- */
    rpt_put_text(w, ws, r++, 0, "Scenarios: break-even wage by horizon and NPV by persistence rule (the first is the base "
                                "case; live: formulas of the CBA sheet)",
                 w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Horizon", w->f.header);
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[400];
        rule_text(w, &s->rules[q], rn, sizeof rn);
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + q), rn, w->f.header);
    }
    r++;
    char fm[200];
    for (int h2 = 0; h2 <= s->horizon; h2++, r++) {
        if (h2 == 0)
            rpt_trf(w, b, sizeof b, "Trial window (%g months)", s->effect_months[s->n_effects - 1]);
        else
            rpt_trf(w, b, sizeof b, "%d year%s", h2, h2 > 1 ? "s" : "");
        rpt_put_text(w, ws, r, 0, b, NULL);
        for (size_t q = 0; q < s->n_rules; q++) {
            if (h2 == 0)
                snprintf(fm, sizeof fm, "=break_even_trial_window");
            else
                snprintf(fm, sizeof fm, "=break_even_r%zu_%d", q + 1, h2);
            if (isnan(f->bew[q][h2]))
                rpt_err_at(w,
                           worksheet_write_formula_str(ws, r, (lxw_col_t)(1 + q), fm, w->f.right, rpt_tr(w, NO_WAGE)),
                           ws, r, (lxw_col_t)(1 + q));
            else
                rpt_err_at(w, worksheet_write_formula_num(ws, r, (lxw_col_t)(1 + q), fm, money, f->bew[q][h2]), ws, r,
                           (lxw_col_t)(1 + q));
        }
    }
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        if (!s->perspectives[p])
            continue;
        rpt_trf(w, b, sizeof b, "NPV, %s, %d years", rpt_tr(w, cba_perspective_name[p]), s->horizon);
        rpt_put_text(w, ws, r, 0, b, NULL);
        for (size_t q = 0; q < s->n_rules; q++) {
            snprintf(fm, sizeof fm, "=npv_%s_r%zu", cba_perspective_name[p], q + 1);
            rpt_err_at(w, worksheet_write_formula_num(ws, r, (lxw_col_t)(1 + q), fm, money, f->npv_rule[q][p]), ws, r,
                       (lxw_col_t)(1 + q));
        }
        r++;
    }
    r++;

    /* ---- tornado: NPV (first reported perspective) and INMB ---- */
    /* rows for the CE plane and the acceptability curve (printed with the tables above), then the tornados */
    lxw_row_t top_charts = r;
    if (res->draws > 0)
        r += 19;
    lxw_row_t chart_row = r;
    sens_charts sc = {.n = 0};
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
            rpt_trf(w, tname, sizeof tname, "NPV, %s perspective", rpt_tr(w, cba_perspective_name[tg]));
        else
            rpt_trf(w, tname, sizeof tname, "INMB %s", tg == CBA_T_INMB_QALY ? rpt_tr(w, "per QALY") : rpt_tr(w, "per job-year"));
        rpt_trf(w, b, sizeof b, "One-way sensitivity (tornado) of the %s: each parameter at its %.3g%% and %.3g%% points",
                 tname, 100 * q_lo, 100 * (1 - q_lo));
        rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
        const char *h[] = {"Parameter", "Low value", "High value", "At low", "At high", "Swing",
                           "Low - base", "High - base"};
        for (lxw_col_t k = 0; k < 8; k++)
            rpt_put_text(w, ws, r, k, h[k], w->f.header);
        r++;
        lxw_row_t first = r;
        for (size_t i = 0; i < res->n_bars; i++, r++) { /* largest swing first */
            const cba_tornado_bar *bar = &res->bars[tg][i];
            char pl[160];
            int pk = 0;
            while (pk < CBA_N_PARAMS && strcmp(cba_param_key[pk], bar->key) != 0)
                pk++;
            if (strcmp(bar->key, "effect") == 0)
                rpt_trf(w, pl, sizeof pl, "Employment effect (low, high in standard errors)");
            else if (pk < CBA_N_PARAMS)
                param_label(w, s, pk, cur, pl, sizeof pl);
            else
                snprintf(pl, sizeof pl, "%s", bar->key);
            rpt_put_text(w, ws, r, 0, pl, NULL);
            rpt_put_num(w, ws, r, 1, bar->lo, fabs(bar->lo) >= 100 ? money : par);
            rpt_put_num(w, ws, r, 2, bar->hi, fabs(bar->hi) >= 100 ? money : par);
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
            chart_series_set_categories(se, rpt_tr(w, SENS), first, 0, last, 0);
            chart_series_set_values(se, rpt_tr(w, SENS), first, (lxw_col_t)(6 + k), last, (lxw_col_t)(6 + k));
            chart_series_set_name(se, rpt_chart_str(k ? "parameter at its high point" : "parameter at its low point"));
        }
        chart_set_series_overlap(ch, 100);
        rpt_trf(w, b, sizeof b, "Tornado: %s, %s vs %s", tname, s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        rpt_trf(w, b, sizeof b, "Change in the %s from the base case (%s)", what, cur);
        /* in a bar chart x_axis is the horizontal value axis, y_axis the vertical category axis: the first
         * (largest) bar goes on top, the parameter names beside the plot, not over the bars */
        chart_axis_set_name(ch->x_axis, rpt_chart_str(b));
        chart_axis_set_reverse(ch->y_axis);
        chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(&sc, ch, 2 + t);
        r++;
    }

    lxw_row_t tornado_charts = r; /* the tornados' charts, under their tables */
    if (res->n_bars > 0)
        r += 19;

    /* ---- CEAC, frontier, EVPI; CE plane ---- */
    if (res->draws > 0) {
        /* the print ends with the tornados (the acceptability curve prints as a chart above them) */
        rpt_print_end(w, ws, r++, "The acceptability and value-of-information table below is on the sheet, not "
                                  "printed (its curve is the chart above).");
        r++;
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
            chart_series_set_categories(se, rpt_tr(w, SENS), first, 0, last, 0);
            chart_series_set_values(se, rpt_tr(w, SENS), first, (lxw_col_t)(m ? 4 : 1), last, (lxw_col_t)(m ? 4 : 1));
            chart_series_set_name(se, rpt_chart_str(m ? "per extra job-year" : "per QALY"));
            chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
        }
        /* the threshold: a vertical line at the willingness to pay the model values a QALY (or a job-year) at */
        double lam = res->qaly_uncertain ? s->value[CBA_VALUE_PER_QALY]
                                         : s->has[CBA_VALUE_PER_JOB_YEAR] ? s->value[CBA_VALUE_PER_JOB_YEAR] : NAN;
        if (isfinite(lam) && lam >= s->wtp[0] && lam <= s->wtp[s->n_wtp - 1]) {
            char lt[48];
            rpt_trf(w, b, sizeof b, res->qaly_uncertain ? "willingness to pay %s %s per QALY" : "willingness to pay %s %s per job-year",
                    cur, rpt_whole_text(w, lam, lt, sizeof lt));
            lxw_chart_series *th = rpt_cd_line(w, ch, lam, 0, lam, 1, 0xC00000, 1.5, 1);
            if (th)
                chart_series_set_name(th, rpt_chart_str(b));
        }
        rpt_trf(w, b, sizeof b, "Acceptability curve: P(%s is cost-effective vs %s)", s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        rpt_trf(w, b, sizeof b, "Willingness to pay (%s)", cur);
        chart_axis_set_name(ch->x_axis, rpt_chart_str(b));
        chart_axis_set_name(ch->y_axis, "Probability");
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(&sc, ch, 1);
        r++;

        /* CE plane: the first draws (and the base case), in columns to the right */
        long np = res->draws < CE_POINTS_MAX ? res->draws : CE_POINTS_MAX;
        const double *de = res->qaly_uncertain ? res->ce_dq : res->ce_dj;
        const char *ename = res->qaly_uncertain ? "QALYs gained (discounted)" : "Job-years gained (discounted)";
        lxw_col_t cx = 28; /* right of the charts */
        rpt_chart_data_cols(w, ws, cx); /* hidden, not printed */
        rpt_put_text(w, ws, 3, cx, "CE plane", w->f.subtitle);
        rpt_put_text(w, ws, 4, cx, ename, w->f.header);
        rpt_trf(w, b, sizeof b, "Incremental cost (%s)", cur);
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
        chart_series_set_categories(pts, rpt_tr(w, SENS), 6, cx, (lxw_row_t)(5 + np), cx);
        chart_series_set_values(pts, rpt_tr(w, SENS), 6, cx + 1, (lxw_row_t)(5 + np), cx + 1);
        char n1[48], n2[48];
        rpt_trf(w, b, sizeof b, "PSA draws (first %s of %s)", rpt_whole_text(w, (double)np, n1, sizeof n1),
                rpt_whole_text(w, (double)res->draws, n2, sizeof n2));
        chart_series_set_name(pts, rpt_chart_str(b));
        chart_series_set_marker_type(pts, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(pts, 3);
        chart_series_set_categories(base, rpt_tr(w, SENS), 5, cx, 5, cx);
        chart_series_set_values(base, rpt_tr(w, SENS), 5, cx + 1, 5, cx + 1);
        chart_series_set_name(base, "base case");
        chart_series_set_marker_type(base, LXW_CHART_MARKER_DIAMOND);
        chart_series_set_marker_size(base, 9);
        /* the draws pale, the base case in its own colour on top */
        lxw_chart_fill pf = {.color = 0x9DC3E6}, bf = {.color = 0xC00000};
        lxw_chart_line pl = {.color = 0x9DC3E6}, bl = {.color = 0x000000};
        chart_series_set_marker_fill(pts, &pf);
        chart_series_set_marker_line(pts, &pl);
        chart_series_set_marker_fill(base, &bf);
        chart_series_set_marker_line(base, &bl);
        /* the willingness-to-pay line through the origin: draws below it are cost-effective at that value */
        if (isfinite(lam)) {
            double emin = 0, emax = 0;
            for (long i = 0; i < np; i++)
                if (isfinite(de[i]))
                    emin = fmin(emin, de[i]), emax = fmax(emax, de[i]);
            if (emax > emin) {
                char lt[48];
                rpt_trf(w, b, sizeof b, res->qaly_uncertain ? "willingness to pay %s %s per QALY" : "willingness to pay %s %s per job-year",
                        cur, rpt_whole_text(w, lam, lt, sizeof lt));
                lxw_chart_series *wl = rpt_cd_line(w, ch, emin, lam * emin, emax, lam * emax, 0xC00000, 1.5, 1);
                if (wl)
                    chart_series_set_name(wl, rpt_chart_str(b));
            }
        }
        /* the axes cross at 0 (the quadrants); their numbers stand at the plot's edges, clear of the draws */
        chart_axis_set_label_position(ch->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        rpt_trf(w, b, sizeof b, "Cost-effectiveness plane: %s minus %s (reference)", s->intervention, s->comparator);
        chart_title_set_name(ch, rpt_chart_str(b));
        chart_axis_set_name(ch->x_axis, rpt_chart_str(ename));
        rpt_trf(w, b, sizeof b, "Incremental cost (%s)", cur);
        chart_axis_set_name(ch->y_axis, rpt_chart_str(b));
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_done(&sc, ch, 0);
    }
    (void)chart_row;
    charts_insert(w, ws, &sc, top_charts, tornado_charts, 0);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Summary headline */

/* The base case's assumptions as words: "with the effect halving every 2 years". */
static const char *rule_words(const rpt_wctx *w, const cba_persistence *p, double last_month, char *buf, size_t n)
{
    switch (p->kind) {
    case CBA_CONSTANT:
        rpt_trf(w, buf, n, "with the effect held at its %g-month level", last_month);
        break;
    case CBA_LINEAR:
        rpt_trf(w, buf, n, "with the effect fading linearly to 0 over %g year%s after month %g", p->years,
                 p->years == 1 ? "" : "s", last_month);
        break;
    case CBA_HALFLIFE:
        rpt_trf(w, buf, n, "with the effect halving every %g year%s after month %g", p->years, p->years == 1 ? "" : "s",
                 last_month);
        break;
    case CBA_PATH:
        rpt_trf(w, buf, n, "with the yearly effects given from year %d (%s)", cba_path_first_year(last_month),
                 rpt_tr(w, "persistence path"));
        break;
    }
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
    char b[2048], x[64], y[64], z[64], ctx[600] = "";
    const char *ips = info ? info->spec->intervention : "IPS", *ctl = info ? info->spec->comparator : "control";
    rpt_whole_text(w, dc->estimate, x, sizeof x);
    rpt_trf(w, b, sizeof b, "Cost-benefit: %s costs %s %s more per participant than %s.", ips, cur, x, ctl);
    rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    if (info) {
        const cba_spec *s = info->spec;
        const cba_figures *f = &info->res->det;
        char words[300], py[64] = "";
        double T = s->effect_months[s->n_effects - 1];
        rule_words(w, &s->rules[0], T, words, sizeof words);
        if (s->price_year > 0)
            snprintf(py, sizeof py, ", %ld %s", s->price_year, cur);
        else
            snprintf(py, sizeof py, ", %s", cur);
        /* "Over 5 years, with the effect halving every 2 years after month 18, 4% discounting, 2018 NOK" */
        rpt_trf(w, ctx, sizeof ctx, "Over %d year%s, %s, %.3g%% discounting%s%s", s->horizon, s->horizon > 1 ? "s" : "",
                 words, 100 * s->value[CBA_DISCOUNT_RATE], s->value[CBA_REAL_GROWTH] != 0 ? "" : "", py);
        int h2 = s->horizon >= 2 ? 2 : 1;
        if (isnan(f->bew[0][0]) || isnan(f->bew[0][h2]) || isnan(f->bew[0][s->horizon]))
            rpt_trf(w, b, sizeof b, "There is no finite break-even wage: the employment effect is not positive (%s).",
                     words);
        else {
            rpt_whole_text(w, f->bew[0][0], x, sizeof x);
            rpt_whole_text(w, f->bew[0][h2], y, sizeof y);
            rpt_whole_text(w, f->bew[0][s->horizon], z, sizeof z);
            rpt_trf(w, b, sizeof b,
                     "For the extra jobs to pay for it, they would have to pay %s %s a year within the trial's "
                     "%g months, %s %s within %d year%s, or %s %s within %d years %s (discount rate %.3g%%%s).",
                     cur, x, T, cur, y, h2, h2 > 1 ? "s" : "", cur, z, s->horizon, words,
                     100 * s->value[CBA_DISCOUNT_RATE],
                     s->value[CBA_REAL_GROWTH] != 0 ? rpt_tr(w, "; wages grow in real terms") : "");
        }
        rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    }
    const core_result_row *npv = rpt_find_row(w, "cba", "npv", NULL, NULL, "societal", "per_participant");
    if (!npv)
        npv = rpt_find_row(w, "cba", "npv", NULL, NULL, NULL, "per_participant");
    if (npv) {
        const core_result_row *pp = rpt_find_row(w, "cba", "prob_cost_beneficial", NULL, NULL, npv->term, NULL);
        char ci[200], tail[200] = "";
        rpt_whole_text(w, npv->estimate, x, sizeof x);
        if (!isnan(npv->ci_low)) {
            rpt_whole_text(w, npv->ci_low, y, sizeof y);
            rpt_whole_text(w, npv->ci_high, z, sizeof z);
            rpt_trf(w, ci, sizeof ci, "%s (%s to %s)", x, y, z);
            rpt_trf(w, tail, sizeof tail, " (%s interval from the probabilistic analysis)", w->conf);
        } else {
            snprintf(ci, sizeof ci, "%s", x);
        }
        if (ctx[0])
            rpt_trf(w, b, sizeof b, "%s: the net present value from the %s perspective is %s %s per participant%s", ctx,
                     npv->term, cur, ci, tail);
        else
            rpt_trf(w, b, sizeof b, "Net present value, %s perspective: %s %s per participant%s", npv->term, cur, ci,
                     tail);
        size_t l = strlen(b);
        if (pp)
            rpt_trf(w, b + l, sizeof b - l, "; the probability that it is positive is %.0f%%.", 100 * pp->estimate);
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
    char b[2048], rules[256] = "", persp[128] = "";
    for (size_t q = 0; q < s->n_rules; q++) {
        char rn[96];
        strncat(rules, q ? ", " : "", sizeof rules - strlen(rules) - 1);
        strncat(rules, rule_text(w, &s->rules[q], rn, sizeof rn), sizeof rules - strlen(rules) - 1);
    }
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
        if (s->perspectives[p]) {
            strncat(persp, persp[0] ? ", " : "", sizeof persp - strlen(persp) - 1);
            strncat(persp, rpt_tr(w, cba_perspective_name[p]), sizeof persp - strlen(persp) - 1);
        }
    (*r)++;
    rpt_put_text(w, ws, (*r)++, 0, "Cost-benefit analysis: CHEERS 2022 items this run reports", w->f.subtitle);
    rpt_put_text(w, ws, *r, 1, "CHEERS 2022 item", w->f.header);
    rpt_put_text(w, ws, *r, 3, "Topic", w->f.header);
    rpt_put_text(w, ws, *r, 4, "In this run", w->f.header);
    (*r)++;
    typedef struct {
        const char *item, *topic;
        char text[1200];
    } citem;
    citem it[9];
    size_t n = 0;
    it[n] = (citem){"7", "Comparators", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "%s vs %s (the reference arm, named on every figure)", s->intervention,
             s->comparator);
    it[n] = (citem){"8", "Perspective", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "%s; taxes and benefits are transfers, valued in the societal NPV only through the "
             "marginal cost of public funds (%.3g)", persp, s->value[CBA_MCPF]);
    it[n] = (citem){"9", "Time horizon", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "1 to %d years (break-even table), NPVs over %d years; the trial window of %g months",
             s->horizon, s->horizon, s->effect_months[s->n_effects - 1]);
    it[n] = (citem){"10", "Discount rate", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "%.4g%% a year (real) for costs, earnings and QALYs; yearly flows at the end of each "
             "year, programme costs at t = 0", 100 * s->value[CBA_DISCOUNT_RATE]);
    it[n] = (citem){"11, 13", "Outcomes and their valuation", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "employment (%s), valued by the wage; QALYs valued at %.10g per QALY",
             s->effect_from_trial ? rpt_tr(w, "the trial's risk differences") : rpt_tr(w, "effects from the config"),
             s->value[CBA_VALUE_PER_QALY]);
    it[n] = (citem){"15", "Currency, price date", ""};
    if (s->price_year > 0)
        rpt_trf(w, it[n++].text, sizeof it[0].text, "%s, %ld prices", w->run->currency ? w->run->currency : "", s->price_year);
    else
        rpt_trf(w, it[n++].text, sizeof it[0].text, "%s (price year not given)", w->run->currency ? w->run->currency : "");
    it[n] = (citem){"16, 17", "Model and assumptions", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "effect linear from 0 at randomisation through the effect months, then persistence: "
             "%s%s", rules, s->markov ? rpt_tr(w, "; Markov cohort model with yearly cycles") : "");
    it[n] = (citem){"20", "Characterising uncertainty", ""};
    char how[400];
    effect_draw_text(w, s, how, sizeof how);
    if (info->res->draws > 0)
        rpt_trf(w, it[n++].text, sizeof it[0].text, "probabilistic analysis of the base case (%ld draws, one seeded generator; %s), "
                 "acceptability curve and frontier, EVPI; one-way analysis at each parameter's %.3g%% and %.3g%% "
                 "points (tornado on NPV and INMB, not on the ICER)", info->res->draws, how, 50 * (1 - s->confidence),
                 100 - 50 * (1 - s->confidence));
    else
        rpt_trf(w, it[n++].text, sizeof it[0].text, "deterministic only; scenario analysis over horizons and persistence rules");
    it[n] = (citem){"22", "Study parameters", ""};
    rpt_trf(w, it[n++].text, sizeof it[0].text, "every input with its distribution on the CBA sheet; the configuration on Provenance");
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
     "Reme SE et al. (2019); ipseval methods guide, section: Cost-benefit analysis"},
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
    {"npv_by_rule", NULL, "Net present value by persistence rule",
     "The NPV of every perspective under every persistence rule listed (the base case first); the base case alone "
     "drives the headline, the probabilistic analysis and the tornado.",
     R109},
    {"roi_by_rule", NULL, "Return on investment by persistence rule",
     "Present value of gains / present value of costs, per perspective and persistence rule.", R109},
    {"break_even_wage_societal_by_rule", NULL, "Societal break-even wage by persistence rule",
     "The wage at which the societal NPV is zero under each persistence rule.", R109},
    {"implied_effect", NULL, "Yearly effects a published break-even table implies",
     "S_H = dC / W_H is the cumulative discounted effect sum d_y e_y k_y; e_H = (S_H - S_(H-1)) / (d_H k_H): whether the "
     "table assumes effects that grow, stay or fade.",
     R109 "; the break-even wage formula of this model solved for the yearly effects"},
    {"unpriced", NULL, "Effects not valued in money (plus-minus)",
     "DFØ's plus-minus table: each effect not valued in money scored from -4 to +4, shown beside the NPVs.",
     "DFØ, Veileder i samfunnsøkonomiske analyser: ikke-prissatte virkninger, pluss-minusmetoden"},
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
     "Yearly cycles over states with transition matrices per arm; earnings, benefits (net of their tax) and "
     "health-care costs per state, each cycle valued at the mean of its start and end occupancy (half-cycle "
     "correction) by perspective and discounted; PSA draws each row from a Dirichlet distribution.",
     BRIGGS},
};

const rpt_method_table rpt_methods_cba = {entries, sizeof entries / sizeof entries[0]};
