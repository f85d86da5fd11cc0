/* Call-heavy code: naive recursion and calls through a function-pointer table. */
#include "kernels.h"

#define NOINLINE __attribute__((noinline))

static NOINLINE uint64_t fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static NOINLINE uint64_t op_add(uint64_t a, uint64_t b)
{
    return a + b;
}
static NOINLINE uint64_t op_xor(uint64_t a, uint64_t b)
{
    return a ^ (b << 1);
}
static NOINLINE uint64_t op_mul(uint64_t a, uint64_t b)
{
    return a * (b | 1);
}
static NOINLINE uint64_t op_sub(uint64_t a, uint64_t b)
{
    return a - b;
}

static uint64_t (*const ops[4])(uint64_t, uint64_t) = {op_add, op_xor, op_mul, op_sub};

static NOINLINE uint64_t apply_all(uint64_t acc, uint64_t seed, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        acc = ops[(seed >> (2 * (i & 31))) & 3](acc, i);
    return acc;
}

uint64_t bench_calls(uint64_t iterations)
{
    uint64_t seed = 0x5eed5eed5eed5eedull, sum = 0;

    for (uint64_t it = 0; it < iterations; it++) {
        sum += fib(16 + (unsigned)(it & 3));
        sum = apply_all(sum, bench_random(&seed), 256);
    }
    return sum;
}
