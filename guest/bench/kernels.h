/* The benchmark's kernels. Each runs `iterations` rounds and returns a checksum. */
#ifndef BENCH_KERNELS_H
#define BENCH_KERNELS_H

#include <stdint.h>

uint64_t bench_alu(uint64_t iterations);    /* alu.S: register-only integer mix with divides */
uint64_t bench_sort(uint64_t iterations);   /* memory.c: fill an array and heap-sort it */
uint64_t bench_copy(uint64_t iterations);   /* memory.c: block copies and a byte translation */
uint64_t bench_interp(uint64_t iterations); /* interp.c: a bytecode interpreter (branchy) */
uint64_t bench_hash(uint64_t iterations);   /* hash.c: table CRC-32 and FNV-1a over a buffer */
uint64_t bench_calls(uint64_t iterations);  /* calls.c: recursion and indirect calls */
uint64_t bench_fp(uint64_t iterations);     /* fp.c: scalar double and single precision */
uint64_t bench_simd(uint64_t iterations);   /* simd.c: Advanced SIMD integer and FP vectors */

/* mmu_setup.c: the translation set-up of this build (BENCH_MMU). */
void bench_mmu_setup(void);

/* A small deterministic pseudo-random generator (xorshift64). */
static inline uint64_t bench_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

#endif
