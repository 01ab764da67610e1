/* Fuzz target: the employment-spell reader of the registry analysis (rw_spells_apply,
 * realworld/rw.h): a fixed config and person-year panel, a fuzzed spells file (unit, start, end,
 * share; streamed line by line by the reader itself). Invariants: a refused file is an error whose
 * message names the spells file; on success every person-year's workdays lie in [0, 262] (a year
 * has at most 262 weekdays) and the counts in rw_spell_info add up. Seeds: tests/fuzz/corpus/fuzz_spells. */
#include "tests/fuzz/fuzz_common.h"

#include "core/core_config.h"
#include "core/core_read.h"
#include "core/core_data.h"
#include "realworld/rw.h"

/* The keys rw_spec_from_config reads, as [registry] allows them (its own schema: independent of cli/). */
static const core_cfg_section fz_rw_schema[] = {
    {"project", NULL, core_project_keys, NULL},
    {"registry", NULL, rw_registry_keys, core_data_keys},
};

static const char fz_rw_config[] = "[registry]\ndata = panel.csv\nunit = person\ntime = year\ncluster = county\n"
                                   "outcome = workdays\ntreatment = ips\nspells = spells.csv\n";

static core_config *fz_rw_cfg;
static rw_spec fz_rw_spec;
static core_table *fz_rw_panel_table;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    core_err err;
    char path[64];
    int fd = fuzz_memfile((const uint8_t *)fz_rw_config, sizeof fz_rw_config - 1, path, sizeof path);
    fz_rw_cfg = core_config_load(path, fz_rw_schema, 2, &err);
    close(fd);
    if (!fz_rw_cfg || rw_spec_from_config(fz_rw_cfg, 0.95, &fz_rw_spec, &err) != CORE_OK) {
        fprintf(stderr, "fuzz_spells: config: %s\n", err.msg);
        abort();
    }
    /* 6 persons in 3 counties, 2015-2018; county A starts IPS in 2017 */
    char panel[2048] = "person,year,county,ips\n";
    for (int p = 1; p <= 6; p++)
        for (int y = 2015; y <= 2018; y++)
            snprintf(panel + strlen(panel), sizeof panel - strlen(panel), "%d,%d,%c,%d\n", p, y, 'A' + (p - 1) / 2,
                     p <= 2 && y >= 2017);
    fd = fuzz_memfile((const uint8_t *)panel, strlen(panel), path, sizeof path);
    core_read_opts o = {.display_name = "panel.csv"};
    fz_rw_panel_table = core_read_delimited(path, &o, &err);
    close(fd);
    if (!fz_rw_panel_table) {
        fprintf(stderr, "fuzz_spells: panel: %s\n", err.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    core_err err;
    rw_panel p;
    if (rw_panel_load(fz_rw_cfg, &fz_rw_spec, fz_rw_panel_table, &p, &err) != CORE_OK) {
        fprintf(stderr, "fuzz_spells: panel load: %s\n", err.msg);
        abort(); /* fixed, valid panel */
    }
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0) {
        rw_panel_free(&p);
        return 0;
    }
    rw_spell_info info;
    time_t today = 1561852800; /* 2019-06-30 */
    core_status st = rw_spells_apply(fz_rw_cfg, &fz_rw_spec, path, "spells.csv", today, &p, &info, &err);
    close(fd);
    if (st != CORE_OK) {
        FUZZ_REQUIRE(st == CORE_ERR_DATA || st == CORE_ERR_IO || st == CORE_ERR_NOMEM || st == CORE_ERR_CONFIG,
                     "a bad spells file is a data error");
        FUZZ_REQUIRE(strstr(err.msg, "spells.csv") != NULL, "the message names the spells file");
    } else {
        for (size_t i = 0; i < p.n; i++)
            FUZZ_REQUIRE(isnan(p.y[i]) || (p.y[i] >= 0 && p.y[i] <= 262), "workdays of a person-year lie in [0, 262]");
        FUZZ_REQUIRE(info.used >= 0 && info.used <= info.spells, "used spells are among the spells read");
    }
    rw_panel_free(&p);
    return 0;
}
