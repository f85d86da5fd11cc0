/*
 * Event counters, always on (an increment each), per CPU; `-d stats` prints them at exit.
 * They are the raw material of trap-cost measurements: instructions per EL, exceptions by
 * target EL and class, what FEAT_NV / FEAT_NV2 did with the guest hypervisor's accesses, TLB
 * lookups and TLBIs, interrupts asserted, injected and acknowledged, WFI/WFE time skipped and
 * the cache model's events. -stats-file writes them as JSON (docs/stats.md).
 */
#ifndef AVSIM_STATS_H
#define AVSIM_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "cache/cache_stats.h"

typedef struct machine machine_t;

/* INTID classes (IHI 0069 2.2): SGI 0-15, PPI 16-31, SPI 32-1019, LPI 8192 and up; "other" for
 * the special INTIDs 1020-1023 (spurious) and the reserved and extended ranges. */
enum { IRQC_SGI, IRQC_PPI, IRQC_SPI, IRQC_LPI, IRQC_OTHER, IRQC_KINDS };

static inline unsigned stats_intid_class(unsigned intid)
{
    return intid < 16      ? IRQC_SGI
           : intid < 32    ? IRQC_PPI
           : intid < 1020  ? IRQC_SPI
           : intid >= 8192 ? IRQC_LPI
                           : IRQC_OTHER;
}
/* "SGI", "PPI", "SPI", "LPI", "other" */
const char *stats_intid_class_name(unsigned intid);

/* Virtual interrupts made pending by a hypervisor (stats.irq_inject). */
enum { INJ_LR, INJ_VI, INJ_VF, INJ_VSE, INJ_KINDS };

/* TLBI instructions by encoding (op0 = 1, CRn = 8; op1 0 or 4, CRm, op2). */
#define STATS_TLBI_KINDS 128
static inline unsigned stats_tlbi_index(unsigned op1, unsigned crm, unsigned op2)
{
    return (op1 == 4 ? 64u : 0u) | (crm & 7) << 3 | (op2 & 7);
}

typedef struct {
    uint64_t insns[3];         /* instructions retired at each EL (up to its last EL change), each
                                  at the EL it executes in (an ERET or SVC at its own) */
    uint64_t insns_faulted[3]; /* of those, the ones that took a synchronous exception other than
                                  SVC/HVC/SMC/BRK: not architecturally executed */
    uint64_t sync_exc[3][64];  /* synchronous exceptions by target EL and EC */
    uint64_t async_exc[3];     /* IRQ, FIQ and SError taken, by target EL */
    uint64_t erets[3];         /* exception returns, by the EL they were executed at */
    uint64_t nv_sysreg_traps;  /* EL1 register/system-instruction accesses trapped by FEAT_NV */
    uint64_t nv_eret_traps;    /* ERETs trapped by FEAT_NV (EC 0x1A) */
    uint64_t vncr_loads;       /* EL1 register reads turned into VNCR page loads (NV2) */
    uint64_t vncr_stores;      /* EL1 register writes turned into VNCR page stores (NV2) */
    uint64_t nv2_redirects;    /* EL2 register accesses that reached EL1 registers (NV2) */
    uint64_t wait_ns; /* icount: guest time skipped while in WFI/WFE (timer/guest_time.c) */
    uint64_t tlb_hit[3], tlb_miss[3]; /* architectural TLB lookups by the EL (mmu/translate.c):
                                         data fast-path misses and fetches; a miss walks */
    uint64_t tlbi[STATS_TLBI_KINDS];  /* TLBI executed, by stats_tlbi_index */
    uint64_t irq_assert[IRQC_KINDS];  /* physical interrupts made pending for this CPU at the GIC */
    uint64_t irq_ack[2][IRQC_KINDS];  /* INTIDs acknowledged: [0] ICC_IAR*, [1] ICV_IAR* */
    uint64_t irq_inject[INJ_KINDS];   /* virtual interrupts this CPU's EL2 made pending */
    cache_stats_t cache;              /* cache model (cache/cache_stats.h) */
} cpu_stats_t;

/* Prints every CPU's non-zero counters, and their sums with more than one CPU, to the log. */
void stats_print(const machine_t *m);

/* Writes the same figures to path as JSON (docs/stats.md), with the host time the run took.
 * Returns 0, or -1 with a message in err. */
int stats_write_json(const machine_t *m, const char *path, double host_seconds, char *err,
                     size_t errlen);

#endif
