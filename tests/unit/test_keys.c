/* The key tables (one owner per config key): every section the program accepts, assembled in cli/schema.c
 * from the modules' tables, is well formed — a name, a one-line help, a range the getters can parse, a
 * default inside its range — no key is declared twice, the table getters take type, default and range
 * from it, and a misspelt key gets the nearest valid one first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/schema.c" /* cli_schema, cli_schema_n: the schema the program really uses */
#include "core/core_table.h"
#include "tests/t_check.h"

static void check_key(const char *sec, const core_cfg_key *k)
{
    t_true(k->name && *k->name, "[%s]: a key has a name", sec);
    t_true(k->help && *k->help && !strchr(k->help, '\n') && strlen(k->help) <= 150,
           "[%s] %s: one line of help (at most 150 characters)", sec, k->name);
    t_true(k->type <= CORE_CFG_DIST, "[%s] %s: a known type", sec, k->name);
    if (k->type == CORE_CFG_NUMBER || k->type == CORE_CFG_INTEGER) {
        double lo = -INFINITY, hi = INFINITY, d;
        int lo_open = 0, hi_open = 0;
        int ok = !k->range || core_cfg_interval(k->range, &lo, &hi, &lo_open, &hi_open);
        t_true(ok, "[%s] %s: range '%s' is an interval", sec, k->name, k->range ? k->range : "");
        if (k->def) {
            long l;
            int parsed = k->type == CORE_CFG_NUMBER ? core_parse_double(k->def, '.', &d)
                                                    : (core_parse_long(k->def, &l) ? (d = (double)l, 1) : 0);
            t_true(parsed, "[%s] %s: default '%s' is a %s", sec, k->name, k->def, core_cfg_type_name(k->type));
            if (parsed && ok)
                t_true((lo_open ? d > lo : d >= lo) && (hi_open ? d < hi : d <= hi),
                       "[%s] %s: default %s lies in %s", sec, k->name, k->def, k->range ? k->range : "");
        }
    } else if (k->type == CORE_CFG_CHOICE) {
        t_true(k->range && strchr(k->range, '|'), "[%s] %s: choices written a|b|c", sec, k->name);
        if (k->def && k->range) {
            char buf[512];
            snprintf(buf, sizeof buf, "|%s|", k->range);
            char want[128];
            snprintf(want, sizeof want, "|%s|", k->def);
            t_true(strstr(buf, want) != NULL, "[%s] %s: default '%s' is one of %s", sec, k->name, k->def, k->range);
        }
    } else if (k->type == CORE_CFG_BOOL) {
        t_true(!k->def || strcmp(k->def, "yes") == 0 || strcmp(k->def, "no") == 0, "[%s] %s: default is yes or no",
               sec, k->name);
    }
}

static void tables(void)
{
    size_t n_keys = 0;
    for (size_t s = 0; s < cli_schema_n; s++) {
        const core_cfg_section *sec = &cli_schema[s];
        t_true(sec->help && *sec->help, "[%s] has a one-line description", sec->name);
        for (int tb = 0; tb < 2; tb++)
            for (const core_cfg_key *k = tb ? sec->more : sec->keys; k && k->name; k++) {
                check_key(sec->name, k);
                n_keys++;
                /* declared once in the section (both tables together) */
                int seen = 0;
                for (int tb2 = 0; tb2 < 2; tb2++)
                    for (const core_cfg_key *k2 = tb2 ? sec->more : sec->keys; k2 && k2->name; k2++)
                        seen += strcasecmp(k2->name, k->name) == 0;
                t_int(seen, 1, "[%s] %s is declared once", sec->name, k->name);
            }
        for (size_t s2 = 0; s2 < s; s2++)
            t_true(strcasecmp(cli_schema[s2].name, sec->name) != 0, "[%s] is declared once", sec->name);
    }
    t_true(n_keys > 200, "the schema declares %zu keys", n_keys);
}

static const char *write_ini(const char *name, const char *text)
{
    static char path[256];
    mkdir("build", 0777);
    mkdir("build/tmp-tests", 0777);
    snprintf(path, sizeof path, "build/tmp-tests/%s", name);
    FILE *f = fopen(path, "w");
    if (!f) {
        printf("FAIL: cannot write %s\n", path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
    return path;
}

static void suggestions(void)
{
    core_err err;
    core_config *c = core_config_load(write_ini("k_discount.ini", "[cba]\ndiscount = 0.04\n"), cli_schema, cli_schema_n, &err);
    t_true(c == NULL, "an unknown key is refused");
    t_contains(err.msg, "k_discount.ini:2: unknown key 'discount' in [cba]; did you mean 'discount_rate'?",
               "a key cut short suggests the key it begins");
    t_contains(err.msg, "ipseval help cba", "and says where all keys are listed");
    t_true(strstr(err.msg, "cost_ips") == NULL, "without listing the section's keys");
    core_config_free(c);
    c = core_config_load(write_ini("k_wage.ini", "[cba]\nwagee.dist = gamma(mean=1, se=0.1)\n"), cli_schema,
                         cli_schema_n, &err);
    t_contains(err.msg, "did you mean 'wage.dist'?", "a typo suggests the nearest key by edit distance");
    core_config_free(c);
    c = core_config_load(write_ini("k_far.ini", "[cba]\nzzzzzzzzzzzz = 1\n"), cli_schema, cli_schema_n, &err);
    t_contains(err.msg, "no valid key is close: 'ipseval help cba' lists the", "nothing close: points to the help");
    core_config_free(c);
    c = core_config_load(write_ini("k_outcome.ini", "[outcome:emp]\ncolums = a, b\n"), cli_schema, cli_schema_n,
                         &err);
    t_contains(err.msg, "did you mean 'columns'? (all keys: ipseval help outcome)", "a NAME section's help topic");
    core_config_free(c);
    c = core_config_load(write_ini("k_data.ini", "[trial]\ndelimitr = \";\"\n"), cli_schema, cli_schema_n, &err);
    t_contains(err.msg, "did you mean 'delimiter'?", "the shared data-file keys are suggested too");
    core_config_free(c);
    t_str(core_cfg_nearest((const char *const[]){"discount_rate", "discount_rate.dist"}, 2, "discount"),
          "discount_rate", "the shortest key the word begins");
    t_true(core_cfg_nearest((const char *const[]){"discount_rate", "small_cell"}, 2, "di") == NULL,
           "two letters are too few to complete a name");
}

static void getters(void)
{
    core_err err;
    core_config *c = core_config_load(write_ini("k_get.ini", "[project]\nseed = 7\n[cba]\nmcpf = 0.2\n"
                                                             "[registry]\nweights = webb\n[trial]\nlayout = long\n"),
                                      cli_schema, cli_schema_n, &err);
    t_true(c != NULL, "a config of valid keys loads (%s)", c ? "" : err.msg);
    if (!c)
        return;
    double x;
    long l;
    int b;
    t_int(core_config_number(c, "project", "confidence", &x, &err), CORE_OK, "number read from the table");
    t_rel(x, 0.95, 0, "absent: the table's default confidence");
    t_int(core_config_integer(c, "project", "seed", &l, &err), CORE_OK, "integer read from the table");
    t_int(l, 7, "given: the value");
    t_int(core_config_integer(c, "project", "small_cell", &l, &err), CORE_OK, "absent integer");
    t_int(l, 0, "absent: the table's default small_cell");
    t_int(core_config_number(c, "cba", "mcpf", &x, &err), CORE_OK, "mcpf");
    t_rel(x, 0.2, 0, "mcpf given");
    t_int(core_config_number(c, "cba", "discount_rate", &x, &err), CORE_OK, "number without a default");
    t_true(isnan(x), "absent without a default: NaN");
    t_int(core_config_flag(c, "project", "synthetic", &b, &err), CORE_OK, "flag");
    t_int(b, 0, "absent: the table's default no");
    t_int(core_config_pick(c, "registry", "weights", &b, &err), CORE_OK, "choice");
    t_int(b, 1, "webb is the second of rademacher|webb");
    t_int(core_config_pick(c, "trial", "multiplicity", &b, &err), CORE_OK, "absent choice");
    t_int(b, 0, "absent: the default none");
    t_str(core_config_value(c, "project", "currency"), "NOK", "text: the table's default");
    t_str(core_config_value(c, "trial", "layout"), "long", "text: the value");
    t_true(core_config_number(c, "project", "nosuchkey", &x, &err) == CORE_ERR_CONFIG, "a key not in the table");
    t_contains(err.msg, "not declared in the key table", "is a defect the getter names");
    t_true(core_config_number(c, "project", "seed", &x, &err) == CORE_ERR_CONFIG, "read as another type");
    t_contains(err.msg, "read as a number but declared a whole number", "is a defect the getter names");
    core_config_free(c);
    c = core_config_load(write_ini("k_range.ini", "[project]\nsmall_cell = -1\nconfidence = 1\n"), cli_schema,
                         cli_schema_n, &err);
    t_true(core_config_integer(c, "project", "small_cell", &l, &err) == CORE_ERR_CONFIG, "below the table's range");
    t_contains(err.msg, "k_range.ini:2: key 'small_cell' in [project]: -1 is outside the valid range [0, 1000000]",
               "the message names the line, key and the table's range");
    t_true(core_config_number(c, "project", "confidence", &x, &err) == CORE_ERR_CONFIG, "an open bound");
    t_contains(err.msg, "outside the valid range (0, 1)", "open bounds from the table");
    core_config_free(c);
    double lo, hi;
    int lo_open, hi_open;
    t_true(core_cfg_interval("(-inf, 0.5]", &lo, &hi, &lo_open, &hi_open) && isinf(lo) && lo < 0 && hi == 0.5 &&
               lo_open && !hi_open,
           "interval notation with -inf");
    t_true(!core_cfg_interval("0 to 1", &lo, &hi, &lo_open, &hi_open), "free text is no interval");
    t_true(!core_cfg_interval("[2, 1]", &lo, &hi, &lo_open, &hi_open), "an empty interval is refused");
}

/* Every key the parser accepts is in docs/config.md, under its section (tests/docs/run.sh checks the file is
 * `ipseval help config` byte for byte; this checks it from the tables' side). */
static void reference(void)
{
    FILE *f = fopen("docs/config.md", "rb");
    t_true(f != NULL, "docs/config.md exists (make docs-config)");
    if (!f)
        return;
    static char doc[1 << 20];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    size_t listed = 0, keys = 0;
    for (size_t s = 0; s < cli_schema_n; s++) {
        const char *nm = cli_schema[s].name;
        char head[128];
        size_t l = strlen(nm);
        if (l >= 2 && strcmp(nm + l - 2, ":*") == 0)
            snprintf(head, sizeof head, "\n## [%.*s:NAME]\n", (int)(l - 2), nm);
        else
            snprintf(head, sizeof head, "\n## [%s]\n", nm);
        const char *a = strstr(doc, head);
        t_true(a != NULL, "docs/config.md has a part for [%s]", nm);
        if (!a)
            continue;
        const char *b = strstr(a + 1, "\n## ");
        for (int tb = 0; tb < 2; tb++)
            for (const core_cfg_key *k = tb ? cli_schema[s].more : cli_schema[s].keys; k && k->name; k++) {
                char row[160];
                snprintf(row, sizeof row, "\n| `%s` |", k->name);
                const char *r = strstr(a, row);
                keys++;
                listed += r && (!b || r < b);
            }
    }
    t_int((long)listed, (long)keys, "every key the parser accepts is listed under its section in docs/config.md "
                                    "(if not: make docs-config)");
}

int main(void)
{
    tables();
    reference();
    suggestions();
    getters();
    return t_summary("keys");
}
