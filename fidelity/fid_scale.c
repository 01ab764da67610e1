/* Scales: the IPS-25 built in, others (or refinements) from [scale:NAME] (see fid.h). */
#include "fidelity/fid.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const fid_builtin_scales[] = {"ips25", NULL};

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

void fid_scale_free(fid_scale *s)
{
    if (!s)
        return;
    size_t nv = s->max >= s->min ? (size_t)(s->max - s->min + 1) : 0;
    for (size_t i = 0; i < s->n_items; i++) {
        free(s->items[i].name);
        free(s->items[i].label);
        if (s->items[i].anchors)
            for (size_t v = 0; v < nv; v++)
                free(s->items[i].anchors[v]);
        free(s->items[i].anchors);
    }
    free(s->items);
    for (size_t i = 0; i < s->n_sections; i++)
        free(s->sections[i]);
    free(s->sections);
    for (size_t i = 0; i < s->n_bands; i++)
        free(s->bands[i].label);
    free(s->bands);
    free(s->name);
    free(s->title);
    free(s->anchors_file);
    memset(s, 0, sizeof *s);
}

long fid_scale_item(const fid_scale *s, const char *name)
{
    for (size_t i = 0; i < s->n_items; i++)
        if (strcasecmp(s->items[i].name, name) == 0)
            return (long)i;
    return -1;
}

const char *fid_scale_band(const fid_scale *s, double total)
{
    if (isnan(total))
        return NULL;
    for (size_t b = 0; b < s->n_bands; b++)
        if (total >= s->bands[b].lower)
            return s->bands[b].label;
    return NULL;
}

/* Item storage for n items with anchors arrays of the scale's range. */
static core_status alloc_items(fid_scale *s, size_t n, core_err *err)
{
    s->items = calloc(n ? n : 1, sizeof *s->items);
    if (!s->items)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    s->n_items = n;
    size_t nv = (size_t)(s->max - s->min + 1);
    for (size_t i = 0; i < n; i++) {
        s->items[i].section = -1;
        if (!(s->items[i].anchors = calloc(nv, sizeof(char *))))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    return CORE_OK;
}

/* ---------------------------------------------------------------- IPS-25 ---- */

/* Items, sections and the anchors seen verbatim in retrieved copies of the 2008 scale
 * (DOMAIN.md §3.1: S1-S3 only). Every other anchor is left unknown: never invented; a config
 * supplies them with `anchors = FILE.csv` in [scale:ips25]. */
static const struct {
    const char *name, *label;
    int section;
    const char *anchor[5]; /* values 1..5 */
} IPS25[25] = {
    {"S1", "Caseload size", 0,
     {"a ratio of 41 or more clients per employment specialist", "a ratio of 31-40 clients per employment specialist",
      "a ratio of 26-30 clients per employment specialist", "a ratio of 21-25 clients per employment specialist",
      "a ratio of 20 or fewer clients per employment specialist"}},
    {"S2", "Employment services staff (specialists provide only employment services)", 0,
     {"employment specialists provide employment services less than 60% of the time",
      "employment specialists provide employment services 60-74% of the time",
      "employment specialists provide employment services 75-89% of the time",
      "employment specialists provide employment services 90-95% of the time",
      "employment specialists provide employment services 96% or more of the time"}},
    {"S3", "Vocational generalists (each specialist carries all phases of employment service)", 0,
     {"the employment specialist only refers clients to vendors and other programmes", NULL, NULL, NULL,
      "each employment specialist carries out all phases of employment service (intake, engagement, assessment, "
      "job placement, job coaching and follow-along supports)"}},
    {"O1", "Integration of rehabilitation with mental health through team assignment", 1, {0}},
    {"O2", "Integration of rehabilitation with mental health through frequent team member contact", 1, {0}},
    {"O3", "Collaboration between employment specialists and vocational rehabilitation counsellors", 1, {0}},
    {"O4", "Vocational unit", 1, {0}},
    {"O5", "Role of employment supervisor", 1, {0}},
    {"O6", "Zero exclusion criteria", 1, {0}},
    {"O7", "Agency focus on competitive employment", 1, {0}},
    {"O8", "Executive team support for supported employment", 1, {0}},
    {"V1", "Work incentives planning (benefits counselling)", 2, {0}},
    {"V2", "Disclosure", 2, {0}},
    {"V3", "Ongoing, work-based vocational assessment", 2, {0}},
    {"V4", "Rapid search for competitive job", 2, {0}},
    {"V5", "Individualized job search", 2, {0}},
    {"V6", "Job development: frequent employer contact", 2, {0}},
    {"V7", "Job development: quality of employer contact", 2, {0}},
    {"V8", "Diversity of job types", 2, {0}},
    {"V9", "Diversity of employers", 2, {0}},
    {"V10", "Competitive jobs", 2, {0}},
    {"V11", "Individualized follow-along supports", 2, {0}},
    {"V12", "Time-unlimited follow-along supports", 2, {0}},
    {"V13", "Community-based services", 2, {0}},
    {"V14", "Assertive engagement and outreach by integrated treatment team", 2, {0}},
};

core_status fid_scale_ips25(fid_scale *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    static const char *const sections[3] = {"Staffing", "Organization", "Services"};
    /* Bands: 115-125 exemplary, 100-114 good, 74-99 fair, 73 and below not IPS (DOMAIN.md §3.1). */
    static const struct {
        double lower;
        const char *label;
    } bands[4] = {{115, "Exemplary fidelity"}, {100, "Good fidelity"}, {74, "Fair fidelity"}, {0, "Not IPS"}};
    core_status st;
    out->builtin = 1;
    out->min = 1;
    out->max = 5;
    out->score = FID_SCORE_SUM;
    out->min_answered = 25;
    if (!(out->name = strdup("ips25")) ||
        !(out->title = strdup("IPS-25 Supported Employment Fidelity Scale (Becker, Swanson, Bond & Merrens 2008)")) ||
        !(out->sections = calloc(3, sizeof *out->sections)) || !(out->bands = calloc(4, sizeof *out->bands)))
        goto nomem;
    for (size_t i = 0; i < 3; i++)
        if (!(out->sections[out->n_sections++] = strdup(sections[i])))
            goto nomem;
    for (size_t b = 0; b < 4; b++) {
        out->bands[b].lower = bands[b].lower;
        if (!(out->bands[b].label = strdup(bands[b].label)))
            goto nomem;
        out->n_bands++;
    }
    if ((st = alloc_items(out, 25, err)) != CORE_OK) {
        fid_scale_free(out);
        return st;
    }
    for (size_t i = 0; i < 25; i++) {
        fid_item *it = &out->items[i];
        it->section = IPS25[i].section;
        if (!(it->name = strdup(IPS25[i].name)) || !(it->label = strdup(IPS25[i].label)))
            goto nomem;
        for (int v = 0; v < 5; v++)
            if (IPS25[i].anchor[v] && !(it->anchors[v] = strdup(IPS25[i].anchor[v])))
                goto nomem;
    }
    return CORE_OK;
nomem:
    fid_scale_free(out);
    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ from config ---- */

/* bands = 115:Exemplary, 100:Good, 74:Fair, 0:Not IPS  (lower bounds, highest first) */
static core_status read_bands(const core_config *cfg, const char *sec, fid_scale *s, core_err *err)
{
    char **items;
    size_t n;
    char where[600];
    core_status st = core_config_list(cfg, sec, "bands", 0, &items, &n, err);
    if (st != CORE_OK || n == 0) {
        core_config_list_free(items);
        return st;
    }
    core_config_where(cfg, sec, "bands", where, sizeof where);
    fid_band *b = calloc(n, sizeof *b);
    if (!b) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        char *colon = strchr(items[i], ':');
        if (!colon) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: band %zu '%s' is not LOWER:LABEL (e.g. 100:Good fidelity)",
                              where, i + 1, items[i]);
            break;
        }
        *colon = '\0';
        const char *label = colon + 1;
        while (*label == ' ')
            label++;
        if (!core_parse_double(items[i], '.', &b[i].lower)) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: band %zu: lower bound '%s' is not a number", where, i + 1,
                              items[i]);
            break;
        }
        if (!*label) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: band %zu has no label after ':'", where, i + 1);
            break;
        }
        if (i > 0 && !(b[i].lower < b[i - 1].lower)) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: lower bounds must fall from the highest band to the lowest "
                              "(band %zu: %g is not below %g)", where, i + 1, b[i].lower, b[i - 1].lower);
            break;
        }
        if (!(b[i].label = strdup(label)))
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_config_list_free(items);
    if (st != CORE_OK) {
        for (size_t i = 0; i < n; i++)
            free(b[i].label);
        free(b);
        return st;
    }
    for (size_t i = 0; i < s->n_bands; i++)
        free(s->bands[i].label);
    free(s->bands);
    s->bands = b;
    s->n_bands = n;
    return CORE_OK;
}

/* sections = Staffing: S1 S2 S3, Organization: O1 O2 ...  (each item in at most one section) */
static core_status read_sections(const core_config *cfg, const char *sec, fid_scale *s, core_err *err)
{
    char **items;
    size_t n;
    char where[600];
    core_status st = core_config_list(cfg, sec, "sections", 0, &items, &n, err);
    if (st != CORE_OK || n == 0) {
        core_config_list_free(items);
        return st;
    }
    core_config_where(cfg, sec, "sections", where, sizeof where);
    for (size_t i = 0; i < s->n_sections; i++)
        free(s->sections[i]);
    free(s->sections);
    s->n_sections = 0;
    for (size_t j = 0; j < s->n_items; j++)
        s->items[j].section = -1;
    if (!(s->sections = calloc(n, sizeof *s->sections))) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        char *colon = strchr(items[i], ':');
        if (!colon || colon == items[i]) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: section %zu '%s' is not NAME: ITEM ITEM ... (items separated "
                              "by spaces)", where, i + 1, items[i]);
            break;
        }
        *colon = '\0';
        if (!(s->sections[s->n_sections++] = strdup(items[i]))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            break;
        }
        size_t members = 0;
        for (char *tok = strtok(colon + 1, " \t"); tok; tok = strtok(NULL, " \t")) {
            long j = fid_scale_item(s, tok);
            if (j < 0) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: section '%s' names item '%s', which is not an item of "
                                  "scale '%s'", where, items[i], tok, s->name);
                break;
            }
            if (s->items[j].section >= 0) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: item '%s' is in two sections ('%s' and '%s')", where,
                                  tok, s->sections[s->items[j].section], items[i]);
                break;
            }
            s->items[j].section = (long)i;
            members++;
        }
        if (st == CORE_OK && members == 0)
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: section '%s' has no items", where, items[i]);
    }
    core_config_list_free(items);
    return st;
}

core_status fid_scale_load(const core_config *cfg, const char *name, const char *where_scale, fid_scale *out,
                           core_err *err)
{
    memset(out, 0, sizeof *out);
    char sec[300], where[600];
    snprintf(sec, sizeof sec, "scale:%s", name);
    int has_sec = core_config_has_section(cfg, sec);
    int builtin = strcasecmp(name, "ips25") == 0;
    core_status st;
    if (!builtin && !has_sec)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is neither a built-in scale (ips25) nor defined by a "
                            "[scale:%s] section", where_scale, name, name);
    if (builtin) {
        if ((st = fid_scale_ips25(out, err)) != CORE_OK)
            return st;
        if (has_sec) {
            static const char *const fixed[] = {"items", "min", "max", "reverse", "score", "sections", NULL};
            for (size_t i = 0; fixed[i]; i++)
                if (core_config_has(cfg, sec, fixed[i])) {
                    fid_scale_free(out);
                    return core_err_set(err, CORE_ERR_CONFIG,
                                        "%s: the built-in scale '%s' has fixed items, range and scoring; in [%s] only "
                                        "bands, min_answered, prorate, title and anchors can be set (or define a scale "
                                        "of another name)",
                                        core_config_where(cfg, sec, fixed[i], where, sizeof where), name, sec);
                }
        }
    } else {
        out->name = strdup(name);
        long lo, hi;
        if ((st = core_config_long(cfg, sec, "min", 1, -1000, 1000, &lo, err)) != CORE_OK ||
            (st = core_config_long(cfg, sec, "max", 5, -1000, 1000, &hi, err)) != CORE_OK)
            goto fail;
        if (hi <= lo) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: max %ld must be above min %ld",
                              core_config_where(cfg, sec, "max", where, sizeof where), hi, lo);
            goto fail;
        }
        out->min = (int)lo;
        out->max = (int)hi;
        static const char *const kinds[] = {"sum", "mean", NULL};
        int kind;
        if ((st = core_config_choice(cfg, sec, "score", kinds, 0, &kind, err)) != CORE_OK)
            goto fail;
        out->score = kind ? FID_SCORE_MEAN : FID_SCORE_SUM;
        char **names;
        size_t n;
        if ((st = core_config_list(cfg, sec, "items", 0, &names, &n, err)) != CORE_OK)
            goto fail;
        if (n == 0) {
            core_config_list_free(names);
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: [%s] needs items = (the item columns, comma-separated)",
                              core_config_where(cfg, sec, NULL, where, sizeof where), sec);
            goto fail;
        }
        if ((st = alloc_items(out, n, err)) != CORE_OK) {
            core_config_list_free(names);
            goto fail;
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < i; j++)
                if (strcasecmp(names[i], names[j]) == 0) {
                    st = core_err_set(err, CORE_ERR_CONFIG, "%s: item '%s' is listed twice",
                                      core_config_where(cfg, sec, "items", where, sizeof where), names[i]);
                    break;
                }
            if (st == CORE_OK && !(out->items[i].name = strdup(names[i])))
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            if (st != CORE_OK)
                break;
        }
        core_config_list_free(names);
        if (st != CORE_OK)
            goto fail;
        out->min_answered = n;
        if ((st = core_config_list(cfg, sec, "reverse", 0, &names, &n, err)) != CORE_OK)
            goto fail;
        for (size_t i = 0; i < n; i++) {
            long j = fid_scale_item(out, names[i]);
            if (j < 0) {
                char list[400] = "";
                for (size_t q = 0; q < out->n_items && strlen(list) < 300; q++)
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", q ? ", " : "",
                             out->items[q].name);
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not an item of scale '%s' (items: %s)",
                                  core_config_where(cfg, sec, "reverse", where, sizeof where), names[i], name, list);
                break;
            }
            out->items[j].reverse = 1;
        }
        core_config_list_free(names);
        if (st != CORE_OK || (st = read_sections(cfg, sec, out, err)) != CORE_OK)
            goto fail;
    }
    if (has_sec) {
        long ma;
        int pr;
        if ((st = core_config_long(cfg, sec, "min_answered", (long)out->min_answered, 1, (long)out->n_items, &ma,
                                   err)) != CORE_OK ||
            (st = core_config_bool(cfg, sec, "prorate", 0, &pr, err)) != CORE_OK ||
            (st = read_bands(cfg, sec, out, err)) != CORE_OK)
            goto fail;
        out->min_answered = (size_t)ma;
        out->prorate = pr;
        const char *title = core_config_str(cfg, sec, "title", NULL);
        if (title && *title) {
            free(out->title);
            out->title = dup_or_null(title);
        }
    }
    if (!out->name) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    return CORE_OK;
fail:
    fid_scale_free(out);
    return st;
}

core_status fid_scale_set_texts(fid_scale *s, const core_table *t, core_err *err)
{
    long ci = core_table_find(t, "item"), cs = core_table_find(t, "score"), ct = core_table_find(t, "text");
    if (ci < 0 || cs < 0 || ct < 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: an anchors file needs the columns item, score and text (missing: "
                            "%s)", t->source, ci < 0 ? "item" : cs < 0 ? "score" : "text");
    char buf[4096], where[600];
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *item = core_cell_text(t, (size_t)ci, r, buf, sizeof buf);
        long j = fid_scale_item(s, item);
        if (j < 0)
            return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not an item of scale '%s'",
                                core_cell_where(t, (size_t)ci, r, where, sizeof where), item, s->name);
        double v;
        int has = core_cell_number(t, (size_t)cs, r, &v);
        if (has < 0 || (has == 1 && (v != floor(v) || v < s->min || v > s->max)))
            return core_err_set(err, CORE_ERR_DATA, "%s: the score must be a whole number from %d to %d (or empty for "
                                "the item's label)", core_cell_where(t, (size_t)cs, r, where, sizeof where), s->min,
                                s->max);
        const char *text = core_cell_text(t, (size_t)ct, r, buf, sizeof buf);
        if (!*text)
            return core_err_set(err, CORE_ERR_DATA, "%s: empty text",
                                core_cell_where(t, (size_t)ct, r, where, sizeof where));
        char **slot = has == 1 ? &s->items[j].anchors[(int)v - s->min] : &s->items[j].label;
        char *copy = strdup(text);
        if (!copy)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        free(*slot);
        *slot = copy;
    }
    return CORE_OK;
}
