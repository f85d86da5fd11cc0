/*
 * avsim's CPU benchmark: integer, then floating-point and SIMD kernels run a
 * fixed number of iterations (times BENCH_SCALE, a build-time constant), with
 * the MMU and caches on (variants: mmu_setup.c).
 * Prints one checksum line per kernel and a total checksum, identical on any
 * correct simulator, and "ticks NAME DELTA GROUP" lines with generic-counter
 * deltas, which count instructions under QEMU -icount shift=0 (scripts/bench
 * reads them and subtotals by GROUP).
 */
#include "guest.h"
#include "kernels.h"

#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

struct kernel {
    const char *name;
    uint64_t (*run)(uint64_t iterations);
    uint64_t iterations; /* at scale 1: about 500 million instructions each */
    const char *group;   /* "int" or "fp/simd" */
};

static const struct kernel kernels[] = {
    {"alu", bench_alu, 32000000, "int"}, {"sort", bench_sort, 2200, "int"},
    {"copy", bench_copy, 20000, "int"},  {"interp", bench_interp, 1200, "int"},
    {"hash", bench_hash, 20000, "int"},  {"calls", bench_calls, 5500, "int"},
    {"fp", bench_fp, 54000, "fp/simd"},  {"simd", bench_simd, 17000, "fp/simd"},
};

static uint64_t counter(void)
{
    isb();
    return read_sysreg(cntvct_el0);
}

int main(void)
{
    uint64_t checksum = 0, ticks = 0;

    bench_mmu_setup();
    printf("avsim bench: %u kernels, scale %u\n", (unsigned)(sizeof kernels / sizeof kernels[0]),
           BENCH_SCALE);
    for (unsigned i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        const struct kernel *k = &kernels[i];
        uint64_t iterations = k->iterations * BENCH_SCALE;
        uint64_t start = counter();
        uint64_t sum = k->run(iterations);
        uint64_t elapsed = counter() - start;

        printf("%-8s %10lu iterations, checksum 0x%016lx\n", k->name, iterations, sum);
        printf("ticks %s %lu %s\n", k->name, elapsed, k->group);
        checksum = (checksum ^ sum) * 0x100000001b3ull;
        ticks += elapsed;
    }
    printf("ticks total %lu at %lu Hz\n", ticks, read_sysreg(cntfrq_el0));
    printf("bench checksum: 0x%016lx\n", checksum);
    return 0;
}
