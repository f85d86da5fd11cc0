/*
 * Helpers for the smp_wfe_* tests of WFE wake-up events. Every flag lives in its
 * own exclusives reservation granule (64 bytes, CTR_EL0.ERG), so storing one
 * never touches a granule another CPU has marked. Waits are bounded in counter
 * time, so a CPU that misses its event makes a check fail instead of hanging
 * the test; it is then released with SEV. QEMU implements WFE as a yield that
 * never waits, so on QEMU every waiter wakes and the output is the same.
 */
#ifndef WFE_UTIL_H
#define WFE_UTIL_H

#include "gic_util.h"

#define MAX_CPUS 8

struct granule_flag {
    volatile uint64_t v;
} __attribute__((aligned(64)));

static struct granule_flag ready[MAX_CPUS], done[MAX_CPUS];

static inline uint64_t counter(void)
{
    return read_sysreg(cntvct_el0);
}

/* Waits up to ms milliseconds of counter time for flags[1..n-1] to be set. */
static inline bool wait_flags(struct granule_flag *flags, unsigned n, unsigned ms)
{
    uint64_t end = counter() + read_sysreg(cntfrq_el0) / 1000 * ms;
    for (;;) {
        bool all = true;
        for (unsigned c = 1; c < n; c++)
            if (!flags[c].v) all = false;
        if (all) return true;
        if (counter() > end) return false;
    }
}

/* Starts fn(cpu) on CPUs 1, 2, ... while CPU_ON succeeds; returns the CPU count. */
static inline unsigned start_secondaries(void (*fn)(uint64_t cpu))
{
    for (unsigned c = 0; c < MAX_CPUS; c++)
        ready[c].v = done[c].v = 0;
    dsb(sy);
    unsigned n = 1;
    while (n < MAX_CPUS && cpu_start(n, fn, n) == PSCI_SUCCESS)
        n++;
    return n;
}

/* Lets every secondary finish (SEV for one that missed its event), then waits until each
 * has powered off (PSCI AFFINITY_INFO = OFF), so CPU_ON can start it again. */
static inline void finish_secondaries(unsigned n)
{
    for (unsigned i = 0; i < 1000 && !wait_flags(done, n, 1); i++)
        sev();
    for (unsigned c = 1; c < n; c++)
        for (unsigned i = 0; i < 10000000 && psci_call(PSCI_AFFINITY_INFO, c, 0, 0) != 1; i++) {
        }
}

/* A waiter's "I am about to wait" and "I woke" marks. */
static inline void mark(struct granule_flag *flags, uint64_t cpu)
{
    dsb(sy);
    flags[cpu].v = 1;
    dsb(sy);
}

/* Clears this CPU's Event Register: SEVL sets it, the WFE consumes it. */
static inline void clear_event_register(void)
{
    __asm__ volatile("sevl\n\twfe" : : : "memory");
}

#endif
