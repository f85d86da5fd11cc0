/*
 * The global exclusive monitor as a source of WFE wake-up events (Arm ARM B2.9
 * "Synchronization and semaphores", D1.6 "Wait for Event"): a store by another
 * observer to the granule a PE has marked with a load-exclusive clears that PE's
 * monitor, which sets its Event Register and wakes it from WFE. Linux relies on
 * it (`sevl; wfe; ldxr; cbnz` waits for a plain store, with no SEV).
 *
 * CPUs run one at a time, so another CPU's store can only come while the marking
 * CPU is not executing: between its slices, or asleep in WFE. A reservation is
 * therefore watched only then: from the end of the slice that holds it
 * (monitor_slice_end) to the start of the next one (monitor_slice_start). While
 * any CPU watches a page, no other CPU's fast path holds a write entry for it
 * (monitor_watch drops them, mem.c refuses to add them), so every store to the
 * page reaches mem.c's slow path and monitor_store. With nothing watched (always
 * on one CPU) the cost is a test at slice boundaries and in the slow path.
 *
 * A reservation on a page the fast path does not map (MMIO, or debug armed) is
 * not watched: STXR then still fails after a store that changed the value.
 */
#ifndef AVSIM_MONITOR_H
#define AVSIM_MONITOR_H

#include "cpu/cpu.h"

void monitor_resume(cpu_t *cpu);
void monitor_watch(cpu_t *cpu);

/* A slice of `cpu` begins: its reservation, if watched, no longer needs to be. */
static inline void monitor_slice_start(cpu_t *cpu)
{
    if (unlikely(cpu->excl_watched)) monitor_resume(cpu);
}

/* A slice of `cpu` ended: watch its reservation, if it holds one, until the next. */
static inline void monitor_slice_end(cpu_t *cpu)
{
    if (unlikely(cpu->excl_valid || cpu->excl_kept)) monitor_watch(cpu);
}

/* A store to RAM bytes [host, host + size): clears the monitor of each watching CPU
 * whose reservation granule it touches, generating the WFE wake-up event. */
void monitor_store(machine_t *m, const uint8_t *host, unsigned size);

/* Whether a CPU watches the RAM page at host (then stores to it must take the slow path). */
bool monitor_page_watched(const machine_t *m, const uint8_t *host);

#endif
