/* Small helpers shared by every subsystem. */
#ifndef AVSIM_COMMON_H
#define AVSIM_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x)     __builtin_expect(!!(x), 1)
#define unlikely(x)   __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Bits [hi:lo] of x (Arm ARM notation). */
static inline uint64_t bits64(uint64_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & (hi - lo == 63 ? ~0ull : ((1ull << (hi - lo + 1)) - 1));
}
static inline uint32_t bits32(uint32_t x, unsigned hi, unsigned lo)
{
    return (uint32_t)bits64(x, hi, lo);
}
static inline unsigned bit(uint64_t x, unsigned n)
{
    return (x >> n) & 1;
}

/* SignExtend(x<width-1:0>) */
static inline int64_t sext(uint64_t x, unsigned width)
{
    return (int64_t)(x << (64 - width)) >> (64 - width);
}

static inline uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

#endif
