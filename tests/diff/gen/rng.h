/* The generator's random numbers: SplitMix64, seeded per case. */
#ifndef DIFF_RNG_H
#define DIFF_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t state;
} rng_t;

static inline uint64_t rng_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint64_t rng_next(rng_t *r)
{
    r->state += 0x9e3779b97f4a7c15ull;
    return rng_mix(r->state);
}

/* Uniform in [0, n) for n >= 1 (the modulo bias is negligible for small n). */
static inline uint32_t rng_below(rng_t *r, uint32_t n)
{
    return (uint32_t)(rng_next(r) % n);
}

/* Uniform in [lo, hi]. */
static inline int64_t rng_range(rng_t *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static inline bool rng_percent(rng_t *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

/* The random stream of one case: independent of every other case. */
static inline rng_t rng_for_case(uint64_t seed, uint64_t index)
{
    return (rng_t){rng_mix(seed ^ rng_mix(index + 0x1234567))};
}

#endif
