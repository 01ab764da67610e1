/**
 * @file core_rng.h
 * @brief Random streams: one GSL generator per named consumer, seeded from the run's seed and the name.
 *
 * A module's draws must not depend on which other modules ran before it: each module draws from its own
 * stream, `core_rng_stream(seed, "cba")`, a Mersenne Twister (gsl_rng_mt19937) seeded with
 * core_rng_stream_seed(seed, name). The same seed and name always give the same stream.
 */
#ifndef IPSEVAL_CORE_RNG_H
#define IPSEVAL_CORE_RNG_H

#include <gsl/gsl_rng.h>

/**
 * The seed of stream `name` under the run's seed: FNV-1a (64 bit) over the name's bytes, the run seed added
 * (times the golden-ratio constant 0x9E3779B97F4A7C15), the sum passed through the SplitMix64 finaliser,
 * and the high 32 bits kept (mt19937 takes a 32-bit seed). Never 0 (GSL maps seed 0 to its default).
 */
unsigned long core_rng_stream_seed(unsigned long seed, const char *name);

/** A new mt19937 generator seeded with core_rng_stream_seed(seed, name); NULL on no memory. gsl_rng_free it. */
gsl_rng *core_rng_stream(unsigned long seed, const char *name);

#endif
