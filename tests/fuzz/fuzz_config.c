/* Fuzz target: the config loader (core_config_load with the real schema of cli/schema.c, i.e. the
 * pre-scan plus iniparser) and every typed getter on every key the loaded file may hold, plus the
 * data options of each section (core_data_opts). Seeds: tests/fuzz/corpus/fuzz_config (configs/,
 * examples/, tests/reference/, the bad-input catalogue's configs). */
#include "tests/fuzz/fuzz_common.h"

#include "cli/schema.c" /* cli_schema, cli_schema_n: the schema the program really uses */
#include "core/core_config.h"
#include "core/core_data.h"

static void fuzz_config_getters(const core_config *cfg, const char *sec, const char *key)
{
    static const char *const choices[] = {"wide", "long", "auto", NULL};
    core_err err;
    char buf[700];
    const char *v = core_config_str(cfg, sec, key, NULL);
    FUZZ_REQUIRE(!v == !core_config_has(cfg, sec, key), "a key is present exactly when it has a value");
    if (v)
        FUZZ_REQUIRE(core_config_line(cfg, sec, key) > 0, "a present key has a line");
    core_config_where(cfg, sec, key, buf, sizeof buf);
    const char *s;
    if (core_config_str_req(cfg, sec, key, &s, &err) != CORE_OK)
        FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG && strstr(err.msg, key), "a missing key is named");
    double d;
    if (core_config_double(cfg, sec, key, 0.5, 0, 1, 1, 1, &d, &err) == CORE_OK)
        FUZZ_REQUIRE(d > 0 && d < 1, "a double is inside its range");
    else
        FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG && strstr(err.msg, key), "a bad number names the key");
    long l;
    if (core_config_long(cfg, sec, key, 1, -5, 1000, &l, &err) == CORE_OK)
        FUZZ_REQUIRE(l >= -5 && l <= 1000, "a whole number is inside its range");
    else
        FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG && strstr(err.msg, key), "a bad whole number names the key");
    int b;
    if (core_config_bool(cfg, sec, key, 0, &b, &err) != CORE_OK)
        FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG, "a bad boolean is a config error");
    int c;
    if (core_config_choice(cfg, sec, key, choices, 0, &c, &err) == CORE_OK)
        FUZZ_REQUIRE(c >= 0 && c < 3, "a choice indexes the choices");
    char **items;
    size_t n;
    for (int allow = 0; allow < 2; allow++)
        if (core_config_list(cfg, sec, key, allow, &items, &n, &err) == CORE_OK) {
            for (size_t k = 0; k < n; k++)
                FUZZ_REQUIRE(items[k] != NULL, "a list has n items");
            FUZZ_REQUIRE(items[n] == NULL, "a list is NULL-terminated");
            core_config_list_free(items);
        }
    if (v) {
        char *r = core_config_resolve(cfg, v);
        free(r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    core_err err;
    core_config *cfg = core_config_load(path, cli_schema, cli_schema_n, &err);
    close(fd);
    if (!cfg) {
        FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG || err.code == CORE_ERR_NOMEM, "a bad config is a config error");
        FUZZ_REQUIRE(strstr(err.msg, path) != NULL, "the message names the file");
        return 0;
    }
    size_t ns = core_config_n_sections(cfg);
    for (size_t i = 0; i < ns; i++) {
        const char *sec = core_config_section_name(cfg, i);
        FUZZ_REQUIRE(sec && core_config_has_section(cfg, sec), "listed sections are present");
        for (size_t k = 0; k < cli_schema_n; k++) {
            const char *nm = cli_schema[k].name;
            size_t ln = strlen(nm);
            int match = ln >= 2 && strcmp(nm + ln - 2, ":*") == 0 ? strncasecmp(nm, sec, ln - 1) == 0
                                                                  : strcasecmp(nm, sec) == 0;
            if (!match)
                continue;
            for (int tb = 0; tb < 2; tb++)
                for (const core_cfg_key *key = tb ? cli_schema[k].more : cli_schema[k].keys; key && key->name; key++)
                    if (!strchr(key->name, '*'))
                        fuzz_config_getters(cfg, sec, key->name);
            core_read_opts o;
            char **missing;
            if (core_data_opts(cfg, sec, &o, &missing, &err) != CORE_OK)
                FUZZ_REQUIRE(err.code == CORE_ERR_CONFIG || err.code == CORE_ERR_NOMEM, "bad data options");
            core_config_list_free(missing);
            break;
        }
    }
    core_config_free(cfg);
    return 0;
}
