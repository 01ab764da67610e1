/* Fuzz target: the Stata .dta reader (core_read_dta on ReadStat). Seeds: tests/fuzz/corpus/fuzz_dta,
 * written by tests/fuzz/mkseeds.c (every .dta version ReadStat writes, labels, tagged missing). */
#include "tests/fuzz/fuzz_binary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_binary_one(data, size, core_read_dta);
}
