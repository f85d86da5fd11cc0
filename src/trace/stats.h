/*
 * Event counters, always on (an increment each), per CPU; `-d stats` prints them at exit.
 * They are the raw material of trap-cost measurements: instructions per EL, exceptions by
 * target EL and class,
 * and what FEAT_NV / FEAT_NV2 did with the guest hypervisor's accesses.
 */
#ifndef AVSIM_STATS_H
#define AVSIM_STATS_H

#include <stddef.h>
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
    uint64_t wait_ns;         /* icount: guest time skipped while in WFI/WFE (timer/guest_time.c) */
    cache_stats_t cache;      /* cache model (cache/cache_stats.h) */
} cpu_stats_t;

/* Prints every CPU's non-zero counters, and their sums with more than one CPU, to the log. */
void stats_print(const machine_t *m);

/* Writes the same figures to path as JSON (docs/stats.md), with the host time the run took.
 * Returns 0, or -1 with a message in err. */
int stats_write_json(const machine_t *m, const char *path, double host_seconds, char *err,
                     size_t errlen);

#endif
