/*
 * Performance Monitors (FEAT_PMUv3p1; Arm ARM D12 "The Performance Monitors Extension", D24.5
 * "Performance Monitors registers"): PMCR_EL0.N = PMU_COUNTERS event counters and the cycle
 * counter, counting events derived lazily from counts avsim keeps anyway (docs/pmu.md).
 *
 * A counter's value is pmu.cnt[n] plus what its event source counted since pmu.base[n][el], for
 * every EL at which it counts. The register state (PMCR_EL0, PMCNTENSET_EL0, PMOVSSET_EL0,
 * PMINTENSET_EL1, PMEVTYPER<n>_EL0, PMCCFILTR_EL0, ...) lives in cpu->sr[] like every register's.
 * Nothing here runs while no counter is enabled; with one enabled, the scheduler ends a slice where
 * an instruction-driven counter overflows (pmu_budget) and folds the counts in (pmu_slice_end).
 * BR_RETIRED, LD_RETIRED, ST_RETIRED and MEM_ACCESS need each instruction classified: while an
 * enabled counter counts one of them at the current EL (cpu->pmu_insn_els), the run loop executes
 * one instruction at a time and calls pmu_count_insn.
 */
#ifndef AVSIM_PMU_H
#define AVSIM_PMU_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/impdef.h"

typedef struct cpu cpu_t;

#define PMU_COUNTERS IMPDEF_PMU_COUNTERS /* PMCR_EL0.N */
#define PMU_CYCLE    31                  /* PMCCNTR_EL0's bit in PMCNTENSET, PMOVSSET, PMINTENSET */

typedef struct {
    uint64_t cnt[32];             /* counter values folded in so far; [31] = PMCCNTR_EL0 */
    uint64_t base[32][3];         /* each counter's event source per EL when last folded in */
    uint64_t exc_taken[3];        /* exceptions taken, by the EL they were taken from */
    uint64_t br[3], ld[3], st[3]; /* branches, loads, stores executed (pmu_count_insn), per EL */
    bool active;                  /* some counter is enabled: slice ends fold counts in */
} pmu_t;

/* The PMCEID0_EL0 / PMCEID1_EL0 value: the events this CPU counts (cache events need the cache
 * model). */
uint64_t pmu_pmceid(const cpu_t *cpu, unsigned which);

/* At most `budget` instructions, fewer when an enabled INST_RETIRED or CPU_CYCLES counter would
 * overflow sooner: the slice then ends at the instruction that overflows it. */
uint64_t pmu_budget(const cpu_t *cpu, uint64_t budget);

/* After a slice of an active PMU: counts folded in, overflows flagged, the interrupt driven. */
void pmu_slice_end(cpu_t *cpu);

/* After an instruction the run loop executed one at a time at `el` that took no synchronous
 * exception it does not generate (it was architecturally executed): its branch, load and store
 * events. */
void pmu_count_insn(pmu_t *p, unsigned el, uint32_t insn);

/* Exception entry, before the EL changes (EXC_TAKEN counts at the EL it is taken from). */
static inline void pmu_exception_taken(pmu_t *p, unsigned from_el)
{
    p->exc_taken[from_el]++;
}

#endif
