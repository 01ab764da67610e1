/* The registry panel's fused checks (realworld/rw_panel.c) against the same checks in their own passes, as they
 * were before being fused: on panels that pass (staggered, continuous, not at the cluster level, a treated
 * cluster without a period before next to ones with) the panels must be the same, field by field; on panels that
 * fail (never varies, no period before, a mover, a duplicate) the status and the message must be the same.
 * Every panel is loaded both ways, copying (rw_panel_load) and taking the table's arrays (rw_panel_load_take).
 * With person ids beyond int16 (an int32 column) taking writes the unit levels over the table's own column: the
 * panel and the messages naming a unit must be those of the copy. */
#include "realworld/rw_panel.c"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "core/core_data.h"
#include "tests/t_check.h"

static const core_cfg_section schema[] = {
    {"project", NULL, core_project_keys, NULL},
    {"registry", NULL, rw_registry_keys, core_data_keys},
};

#define DIR "build/tmp-tests/"

/* d(cluster, unit-in-cluster, period) -> treatment; mutate the rows through kind */
typedef double (*treat_fn)(int g, int j, int t);

static double stag(int g, int j, int t) { (void)j; return (g == 0 && t >= 3) || (g == 1 && t >= 3) || (g == 2 && t >= 4); }
static double cont(int g, int j, int t) { (void)j; return g < 3 ? 0.1 * (double)(g + t) : 0.25 * (double)(t % 2); }
static double unit_level(int g, int j, int t) { return g == 0 && j == 1 && t >= 2; }
static double first_only(int g, int j, int t) { (void)j; return (g == 0 && t >= 0) || (g == 1 && t >= 3); }
static double no_pre(int g, int j, int t) { (void)j; return g == 0 && t >= 0; }
static double never(int g, int j, int t) { (void)g, (void)j, (void)t; return 0; }
static double half(int g, int j, int t) { (void)j; return g == 2 && t >= 2 ? 0.5 : 0; }

/* person ids from id_base + 1 (0: 1..30, int8; 100000: an int32 column) */
static int id_base;

/* 6 clusters x 5 units x 6 periods; mode 1: unit 7 moves to another cluster in its last period; mode 2: a
 * (unit, period) row twice */
static void write_panel(const char *path, treat_fn f, int mode)
{
    FILE *o = fopen(path, "w");
    if (!t_true(o != NULL, "cannot write %s", path))
        return;
    fprintf(o, "person,muni,year,treated,y\n");
    for (int g = 0; g < 6; g++)
        for (int j = 0; j < 5; j++)
            for (int t = 0; t < 6; t++) {
                int u = g * 5 + j + 1, gg = g;
                if (mode == 1 && u == 7 && t == 5)
                    gg = 3;
                fprintf(o, "%d,M%d,%d,%g,%g\n", id_base + u, gg, 2010 + t, f(g, j, t),
                        (double)((u * 7 + t * 3) % 11));
                if (mode == 2 && u == 12 && t == 2)
                    fprintf(o, "%d,M%d,%d,%g,%g\n", id_base + u, gg, 2010 + t, f(g, j, t), 1.0);
            }
    fclose(o);
}

typedef struct got {
    core_status st;
    char msg[sizeof ((core_err *)0)->msg + 1];
    rw_panel p;
    int unit_taken; /* the table's unit column gave up its cells (the levels were written over them) */
} got;

static void load(const char *csv, int take, int fused, got *r)
{
    FILE *o = fopen(DIR "panel_fused.ini", "w");
    memset(r, 0, sizeof *r);
    if (!t_true(o != NULL, "cannot write %s", DIR "panel_fused.ini")) {
        r->st = CORE_ERR_IO;
        return;
    }
    fprintf(o, "[project]\ntitle = t\n[registry]\ndata = %s\nunit = person\ntime = year\ncluster = muni\n"
               "treatment = treated\noutcome = y\n", csv);
    fclose(o);
    core_err err = {0};
    core_config *cfg = core_config_load(DIR "panel_fused.ini", schema, 2, &err);
    rw_spec s;
    if (!t_true(cfg && rw_spec_from_config(cfg, 0.95, &s, &err) == CORE_OK, "config: %s", err.msg)) {
        r->st = CORE_ERR_CONFIG;
        core_config_free(cfg);
        return;
    }
    core_read_opts ro = {0};
    core_table *t = core_read_delimited(DIR "panel_fused.csv", &ro, &err);
    panel_fused = fused;
    r->st = t ? (take ? rw_panel_load_take(cfg, &s, t, &r->p, &err) : rw_panel_load(cfg, &s, t, &r->p, &err))
              : CORE_ERR_DATA;
    panel_fused = 1;
    long cu = t ? core_table_find(t, "person") : -1;
    r->unit_taken = cu >= 0 && !t->cols[cu].data;
    snprintf(r->msg, sizeof r->msg, "%s", r->st == CORE_OK ? "" : err.msg);
    core_table_free(t);
    rw_spec_free(&s);
    core_config_free(cfg);
}

static int same_ints(const int *a, const int *b, size_t n)
{
    return (!a && !b) || (a && b && memcmp(a, b, n * sizeof *a) == 0);
}

static void compare(const char *name, treat_fn f, int mode, core_status want)
{
    write_panel(DIR "panel_fused.csv", f, mode);
    for (int take = 0; take <= 1; take++) {
        got a, b;
        load("panel_fused.csv", take, 1, &a);
        load("panel_fused.csv", take, 0, &b);
        t_true(a.st == want, "%s (take %d): status %d, expected %d (%s)", name, take, (int)a.st, (int)want, a.msg);
        t_true(a.st == b.st && strcmp(a.msg, b.msg) == 0, "%s (take %d): fused and separate passes agree: '%s' vs '%s'",
               name, take, a.msg, b.msg);
        if (a.st == CORE_OK && b.st == CORE_OK) {
            const rw_panel *p = &a.p, *q = &b.p;
            t_true(p->n == q->n && p->U == q->U && p->T == q->T && p->G == q->G && p->G1 == q->G1 &&
                       p->cluster_level == q->cluster_level && p->common_timing == q->common_timing &&
                       same_ints(p->cluster_treated, q->cluster_treated, p->G) &&
                       same_ints(p->cluster_first, q->cluster_first, p->G) && same_ints(p->unit, q->unit, p->n) &&
                       same_ints(p->cluster, q->cluster, p->n) && same_ints(p->period, q->period, p->n) &&
                       memcmp(p->d, q->d, p->n * sizeof *p->d) == 0,
                   "%s (take %d): the same panel (G1 %zu, cluster_level %d, common_timing %d)", name, take, p->G1,
                   p->cluster_level, p->common_timing);
        }
        if (a.st == CORE_OK)
            rw_panel_free(&a.p);
        if (b.st == CORE_OK)
            rw_panel_free(&b.p);
    }
}

/* Taking against copying with int32 person ids: the same panel or the same message (naming the same unit). */
static void compare_take(const char *name, treat_fn f, int mode, core_status want, const char *needle)
{
    write_panel(DIR "panel_fused.csv", f, mode);
    got a, b;
    load("panel_fused.csv", 0, 1, &a);
    load("panel_fused.csv", 1, 1, &b);
    t_true(a.st == want && b.st == want, "%s: status %d and %d, expected %d (%s)", name, (int)a.st, (int)b.st,
           (int)want, b.msg);
    t_true(!a.unit_taken && b.unit_taken, "%s: only taking writes the levels over the unit column", name);
    t_str(b.msg, a.msg, "%s: the same message", name);
    if (*needle)
        t_contains(b.msg, needle, "%s: the message names the unit by its id", name);
    if (a.st == CORE_OK && b.st == CORE_OK) {
        const rw_panel *p = &a.p, *q = &b.p;
        t_true(p->n == q->n && p->U == q->U && p->T == q->T && p->G == q->G && same_ints(p->unit, q->unit, p->n) &&
                   same_ints(p->cluster, q->cluster, p->n) && same_ints(p->period, q->period, p->n) &&
                   p->n_fe == q->n_fe && memcmp(p->d, q->d, p->n * sizeof *p->d) == 0 &&
                   memcmp(p->y, q->y, p->n * sizeof *p->y) == 0,
               "%s: the same panel (U %zu)", name, q->U);
    }
    if (a.st == CORE_OK)
        rw_panel_free(&a.p);
    if (b.st == CORE_OK)
        rw_panel_free(&b.p);
}

int main(void)
{
    gsl_set_error_handler_off();
    mkdir("build", 0777); /* its scratch files; the folders may not exist when run by hand */
    mkdir("build/tmp-tests", 0777);
    compare("staggered adoption", stag, 0, CORE_OK);
    compare("continuous treatment", cont, 0, CORE_OK);
    compare("treatment not at the cluster level", unit_level, 0, CORE_OK);
    compare("a treated cluster from its first period next to one with a before", first_only, 0, CORE_OK);
    compare("a treatment of 0.5 (not 0/1)", half, 0, CORE_OK);
    compare("no treated cluster with a period before", no_pre, 0, CORE_ERR_DATA);
    compare("a treatment that never varies", never, 0, CORE_ERR_DATA);
    compare("a unit that moves", stag, 1, CORE_ERR_DATA);
    compare("a (unit, period) twice", stag, 2, CORE_ERR_DATA);
    id_base = 100000;
    compare("int32 ids: staggered adoption", stag, 0, CORE_OK);
    compare("int32 ids: a unit that moves", stag, 1, CORE_ERR_DATA);
    compare_take("int32 ids, taken: staggered adoption", stag, 0, CORE_OK, "");
    compare_take("int32 ids, taken: a unit that moves", stag, 1, CORE_ERR_DATA, "'100007'");
    compare_take("int32 ids, taken: a (unit, period) twice", stag, 2, CORE_ERR_DATA, "'100012'");
    compare_take("int32 ids, taken: no treated cluster with a period before", no_pre, 0, CORE_ERR_DATA, "");
    return t_summary("test_panel_fused");
}
