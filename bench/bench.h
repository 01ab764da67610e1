/* Shared by the bench harnesses (bench/did_bench.c, bench/spells_bench.c): the schema of the [registry] configs
 * they load, and their clocks. Header-only: each harness is one translation unit (bench/common.inc, harness). */
#ifndef IPSEVAL_BENCH_H
#define IPSEVAL_BENCH_H

#include <time.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "realworld/rw.h"

static const core_cfg_section schema[] = {
    {"project", NULL, core_project_keys, NULL},
    {"registry", NULL, rw_registry_keys, core_data_keys},
};

/* Wall-clock seconds (monotonic). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds of this process: on a machine shared with other jobs the wall time also counts waiting */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
