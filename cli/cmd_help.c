/* ipseval help: the usage, each subcommand's --help, and the configuration reference printed from the key
 * tables the parser uses (cli/schema.c), so the reference cannot drift from what is accepted.
 * `ipseval help config` prints docs/config.md byte for byte (tests/docs/run.sh checks it). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/core_data.h"

/* The subcommands, in the order the usage lists them; the sections each reads. */
static const struct {
    const char *name, *what;
    const char *const *sections;
} commands[] = {
    {"run", "every analysis the config names -> workbook + results", NULL},
    {"rct", "trial analysis only", (const char *const[]){"trial", "outcome:*", "power", NULL}},
    {"fidelity", "fidelity reviews, survey scales and rater agreement",
     (const char *const[]){"fidelity", "scale:*", "agreement", NULL}},
    {"cba", "cost-benefit analysis: break-even wage, NPV by perspective, PSA", (const char *const[]){"cba", "markov", NULL}},
    {"cea", "cost-effectiveness of trial data: QALYs, frontier, bootstrap", (const char *const[]){"cea", NULL}},
    {"did", "registry difference-in-differences, event study", (const char *const[]){"registry", NULL}},
    {"meta", "meta-analysis of published trials or of other runs' results", (const char *const[]){"meta", NULL}},
    {"compare", "trial vs real-world effect on one scale", (const char *const[]){"compare", NULL}},
    {"cohort", "a single-service cohort: jobs, time to a job, in-work support", (const char *const[]){"cohort", NULL}},
    {"equity", "users against a reference population; outcomes by group", (const char *const[]){"equity", NULL}},
    {"workforce", "employment specialists' turnover and time in post", (const char *const[]){"workforce", NULL}},
    {"simulate", "synthetic trial, fidelity, survey, registry or cost data with known truth",
     (const char *const[]){"simulate", NULL}},
    {"check", "validate config and data only; analyses nothing, writes nothing", NULL},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char *const options_text =
    "Options:\n"
    "  -o, --output FILE      workbook (.xlsx) to write; for simulate, the data file\n"
    "      --results FILE     tidy results CSV to write (- for standard output)\n"
    "      --force            simulate: replace an existing data file\n"
    "      --seed N           seed for every random step (overrides [project] seed)\n"
    "      --quiet            print nothing but errors\n"
    "      --no-progress      no progress bar\n"
    "  -h, --help             this help (also: ipseval SUBCOMMAND --help)\n"
    "      --version          version\n";

static const char *const exit_text = "Exit status: 0 success; 1 analysis could not be done; 2 usage or configuration "
                                     "error;\n3 input-data error; 4 output could not be written.\n";

static void brackets(FILE *f, const char *sec)
{
    size_t l = strlen(sec);
    if (l >= 2 && strcmp(sec + l - 2, ":*") == 0)
        fprintf(f, "[%.*s:NAME]", (int)(l - 2), sec);
    else
        fprintf(f, "[%s]", sec);
}

void cli_usage(FILE *f)
{
    fputs("usage: ipseval SUBCOMMAND CONFIG.ini [options]\n       ipseval help [config | SECTION | SUBCOMMAND]\n\n"
          "Subcommands:\n",
          f);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(f, "  %-9s CONFIG.ini   %s", commands[i].name, commands[i].what);
        if (commands[i].sections) {
            fputs(" (", f);
            for (const char *const *s = commands[i].sections; *s; s++) {
                fputs(s == commands[i].sections ? "" : ", ", f);
                brackets(f, *s);
            }
            fputs(")", f);
        }
        fputc('\n', f);
    }
    fputs("  help      [TOPIC]      the configuration reference: every section and key with its type, default,\n"
          "                         range and meaning (ipseval help config; ipseval help cba; ...)\n\n",
          f);
    fputs(options_text, f);
    fputc('\n', f);
    fputs(exit_text, f);
}

/* A table cell: a '|' would end it. */
static void cell(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s, f);
    }
}

static void choices(FILE *f, const char *range)
{
    for (const char *s = range; *s; s++)
        if (*s == '|')
            fputs(", ", f);
        else
            fputc(*s, f);
}

static void key_row(FILE *f, const core_cfg_key *k)
{
    fputs("| `", f);
    cell(f, k->name);
    fprintf(f, "` | %s | ", core_cfg_type_name(k->type));
    if (k->def) {
        fputc('`', f);
        cell(f, k->def);
        fputc('`', f);
    }
    fputs(" | ", f);
    if (k->type == CORE_CFG_CHOICE && k->range)
        choices(f, k->range);
    else
        cell(f, k->range);
    fputs(" | ", f);
    cell(f, k->help);
    fputs(" |\n", f);
}

static void section_text(FILE *f, const core_cfg_section *s)
{
    fputs("## ", f);
    brackets(f, s->name);
    fprintf(f, "\n\n%c%s.\n\n", s->help[0] >= 'a' && s->help[0] <= 'z' ? s->help[0] - 'a' + 'A' : s->help[0],
            s->help + 1);
    fputs("| key | type | default | range | meaning |\n|---|---|---|---|---|\n", f);
    for (const core_cfg_key *k = s->keys; k && k->name; k++)
        key_row(f, k);
    for (const core_cfg_key *k = s->more; k && k->name; k++)
        key_row(f, k);
    if (s->more == core_data_keys)
        fputs("\nThe last keys are those of [data], for this section's file alone.\n", f);
    fputc('\n', f);
}

static void config_reference(FILE *f)
{
    fputs("# ipseval configuration reference\n\n"
          "Printed by `ipseval help config` from the key tables the parser uses; `make docs-config` writes it to\n"
          "docs/config.md (a test checks that the two agree). `ipseval help SECTION` prints one section.\n\n"
          "A config is an INI file: `[section]` headers and `key = value` lines. Keys are case-insensitive; an\n"
          "unknown section or key is an error that names the nearest valid one. Lists are comma-separated. Paths\n"
          "are relative to the config file. Numbers are written with a '.' decimal (0.95), whatever the data's\n"
          "decimal mark; yes/no keys also take true/false, on/off, 1/0. A ';' or '#' starts a comment, so a value\n"
          "holding one is quoted (`delimiter = \";\"`). A line holds at most 1,023 characters. The config itself\n"
          "is UTF-8.\n\n"
          "Types: text; file (a path); column (a column name of the section's data); columns (a list of them);\n"
          "number; whole number; yes/no; choice (one of the words listed); list; distribution (for the\n"
          "probabilistic analysis: normal, lognormal, gamma, beta (mean, se), uniform(min, max),\n"
          "triangular(min, mode, max), fixed). Ranges: [a, b] includes its ends, (a, b) excludes them, inf is no\n"
          "bound. A key with no default is optional unless its meaning says required; its absence means what the\n"
          "meaning says.\n\n",
          f);
    for (size_t i = 0; i < cli_schema_n; i++)
        section_text(f, &cli_schema[i]);
}

/* The section a topic names: "cba", "[cba]", "outcome", "outcome:emp". */
static const core_cfg_section *topic_section(const char *topic)
{
    char t[128];
    size_t l = strlen(topic);
    if (l >= sizeof t)
        return NULL;
    if (topic[0] == '[' && l > 2 && topic[l - 1] == ']') {
        memcpy(t, topic + 1, l - 2);
        t[l - 2] = '\0';
    } else
        memcpy(t, topic, l + 1);
    for (size_t i = 0; i < cli_schema_n; i++) {
        const char *nm = cli_schema[i].name;
        size_t ln = strlen(nm);
        if (strcasecmp(nm, t) == 0 ||
            (ln >= 2 && strcmp(nm + ln - 2, ":*") == 0 && strncasecmp(nm, t, ln - 2) == 0 &&
             (t[ln - 2] == '\0' || t[ln - 2] == ':')))
            return &cli_schema[i];
    }
    return NULL;
}

int cli_help_subcommand(const char *name)
{
    size_t i = 0;
    while (i < N_COMMANDS && strcmp(commands[i].name, name) != 0)
        i++;
    if (i == N_COMMANDS)
        return 2;
    printf("usage: ipseval %s CONFIG.ini [options]\n\n  %s.\n", name, commands[i].what);
    if (strcmp(name, "run") == 0)
        printf("  Runs every module whose sections the config holds, in this order: ");
    for (size_t m = 0; strcmp(name, "run") == 0 && m < cli_modules_n; m++)
        printf("%s%s", m ? ", " : "", cli_modules[m].name);
    if (strcmp(name, "run") == 0)
        printf(".\n  Writes the workbook ([project] output or -o) and the tidy results ([project] results or --results).\n");
    else if (strcmp(name, "check") == 0)
        printf("  Loads the config and every data file it names and validates them as `run` would; prints what it\n"
               "  found, one line per module.\n");
    else if (strcmp(name, "simulate") == 0)
        printf("  Writes the files [simulate] names (trial, fidelity, survey, registry), drawn from [project] seed;\n"
               "  -o replaces the one file it writes.\n");
    else
        printf("  Runs this module (and first any module it needs, e.g. the trial for [cba] effect = trial). The workbook\n"
               "  ([project] output or -o) holds this module's sheets only; the tidy results ([project] results or\n"
               "  --results) hold its rows and those of the modules it needed. A missing output folder is made.\n");
    if (commands[i].sections) {
        printf("\n  Reads [project] and:\n");
        for (const char *const *s = commands[i].sections; *s; s++) {
            const core_cfg_section *sec = topic_section(*s);
            printf("    ");
            brackets(stdout, *s);
            printf("%*s%s (ipseval help %.*s)\n", (int)(14 - strlen(*s)), "", sec ? sec->help : "",
                   (int)strcspn(*s, ":"), *s);
        }
    }
    printf("\n%s\nEvery section and key: ipseval help config (docs/config.md).\n", options_text);
    return 0;
}

int cli_cmd_help(int argc, char **argv)
{
    if (argc < 3) {
        cli_usage(stdout);
        return 0;
    }
    const char *topic = argv[2];
    if (argc > 3) {
        fprintf(stderr, "ipseval: help takes one topic; try 'ipseval help'.\n");
        return 2;
    }
    if (strcmp(topic, "config") == 0) {
        config_reference(stdout);
        return 0;
    }
    const core_cfg_section *s = topic_section(topic);
    if (s) {
        section_text(stdout, s);
        return 0;
    }
    if (cli_help_subcommand(topic) == 0)
        return 0;
    const char *names[64];
    size_t n = 0;
    names[n++] = "config";
    for (size_t i = 0; i < cli_schema_n && n < 48; i++)
        names[n++] = cli_schema[i].name;
    for (size_t i = 0; i < N_COMMANDS && n < 64; i++)
        names[n++] = commands[i].name;
    const char *near = core_cfg_nearest(names, n, topic);
    fprintf(stderr, "ipseval: help: no topic '%s'", topic);
    if (near)
        fprintf(stderr, "; did you mean '%.*s'?", (int)strcspn(near, ":"), near);
    fprintf(stderr, "\nTopics: config, a section (");
    for (size_t i = 0; i < cli_schema_n; i++)
        fprintf(stderr, "%s%.*s", i ? ", " : "", (int)strcspn(cli_schema[i].name, ":"), cli_schema[i].name);
    fprintf(stderr, ") or a subcommand.\n");
    return 2;
}
