/* Random streams per consumer (core_rng.h). */
#include "core/core_rng.h"

#include <stdint.h>

unsigned long core_rng_stream_seed(unsigned long seed, const char *name)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a offset basis */
    for (const unsigned char *p = (const unsigned char *)name; p && *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u; /* FNV prime */
    }
    uint64_t z = h + (uint64_t)seed * 0x9e3779b97f4a7c15u; /* SplitMix64 finaliser */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    unsigned long s = (unsigned long)(z >> 32);
    return s ? s : 1;
}

gsl_rng *core_rng_stream(unsigned long seed, const char *name)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r)
        gsl_rng_set(r, core_rng_stream_seed(seed, name));
    return r;
}
