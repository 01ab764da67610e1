/* Fuzz target: the SPSS .sav/.zsav reader (core_read_sav on ReadStat). Seeds: tests/fuzz/corpus/fuzz_sav,
 * written by tests/fuzz/mkseeds.c (plain, bytecode-compressed and zlib .zsav; labels; user missing). */
#include "tests/fuzz/fuzz_binary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_binary_one(data, size, core_read_sav);
}
