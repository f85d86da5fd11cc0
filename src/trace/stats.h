/*
 * Event counters, always on (an increment each), per CPU; `-d stats` prints them at exit.
 * They are the raw material of trap-cost measurements: instructions per EL, exceptions by
 * target EL and class,
 * and what FEAT_NV / FEAT_NV2 did with the guest hypervisor's accesses.
 */
#ifndef AVSIM_STATS_H
#define AVSIM_STATS_H

#include <stdint.h>

#include "cache/cache_stats.h"

typedef struct machine machine_t;

typedef struct {
    uint64_t insns[3];        /* instructions retired at each EL (up to its last EL change) */
    uint64_t sync_exc[3][64]; /* synchronous exceptions by target EL and EC */
    uint64_t async_exc[3];    /* IRQ, FIQ and SError taken, by target EL */
    uint64_t erets[3];        /* exception returns, by the EL they were executed at */
    uint64_t nv_sysreg_traps; /* EL1 register/system-instruction accesses trapped by FEAT_NV */
    uint64_t nv_eret_traps;   /* ERETs trapped by FEAT_NV (EC 0x1A) */
    uint64_t vncr_loads;      /* EL1 register reads turned into VNCR page loads (NV2) */
    uint64_t vncr_stores;     /* EL1 register writes turned into VNCR page stores (NV2) */
    uint64_t nv2_redirects;   /* EL2 register accesses that reached EL1 registers (NV2) */
    cache_stats_t cache;      /* cache model (cache/cache_stats.h) */
} cpu_stats_t;

/* Prints every CPU's non-zero counters, and their sums with more than one CPU, to the log. */
void stats_print(const machine_t *m);

#endif
