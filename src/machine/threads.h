/*
 * One host thread per CPU (-accel tcg,thread=multi; docs/architecture.md "One host thread per
 * CPU"). The CPUs run in parallel, against the host clock, as with QEMU's multi-threaded TCG.
 * What they share is kept consistent thus:
 *
 *  - the machine lock (recursive, machine_lock) serializes the devices (every MMIO access), the
 *    GIC (its system registers, the rows marked .shared, and its PPI/SPI inputs), PSCI and
 *    semihosting; another CPU's interrupt lines are set under it and the CPU is woken or kicked;
 *  - a broadcast TLBI is applied to the issuer's TLB at once and queued for every other CPU
 *    (mt_post_tlbi), which applies it at its next check: a page boundary, at most CHAIN_MAX
 *    instructions away. The issuer's next DSB waits until every running CPU has (mt_dsb), as
 *    the architecture asks of DSB after TLBI (Arm ARM D8.14.5); a CPU that is not executing
 *    applies its queue before its next instruction;
 *  - the decoded-code cache: a lock for creating pages; evicting one (only when the cache is
 *    full) stops every other CPU outside its run loop first (mt_exclusive_begin);
 *  - atomics, CAS and store-exclusives use the host's atomic instructions on guest RAM
 *    (cpu/exec_atomic.c), so they are atomic against every other CPU's accesses;
 *  - memory order: the x86-64 host is TSO, stronger than Arm's model except that a store may
 *    pass a later load: DMB/DSB of loads and stores and store-release (STLR, RCsc against a
 *    later LDAR) add a host full fence.
 *
 * WFE does not sleep (it completes at once, a spurious wake-up the architecture allows, as in
 * QEMU): a store another thread makes cannot be watched. WFI sleeps until an interrupt or the
 * CPU's next timer deadline. The run is not deterministic; -icount shift=N, the cache model and the
 * debugger, which need the CPUs in one thread, refuse thread=multi (-trace-file writes each event
 * under the machine lock: trace/trace.h).
 */
#ifndef AVSIM_THREADS_H
#define AVSIM_THREADS_H

#include <stdbool.h>
#include <stddef.h>

#include "machine/machine.h"
#include "mmu/tlbi.h"

/* Creates the threads' shared state for m (m->mt); false with err set on failure. */
bool mt_create(machine_t *m, char *err, size_t errlen);
void mt_destroy(machine_t *m);

/* Runs every CPU in its own thread until the machine stops; returns the exit status. */
int mt_run(machine_t *m);

/* The machine lock (recursive); nothing when the CPUs share one thread. */
void mt_lock(machine_t *m);
void mt_unlock(machine_t *m);
static inline void machine_lock(machine_t *m)
{
    if (m->mt) mt_lock(m);
}
static inline void machine_unlock(machine_t *m)
{
    if (m->mt) mt_unlock(m);
}

/* Gives the host core to another thread when there are more CPUs than host cores (a WFE, a
 * spinning wait: the CPU waited for may need the core). */
void mt_yield(machine_t *m);

/* Makes cpu leave its run loop soon and look at its inputs, its queue and the machine stop,
 * waking it if it sleeps (an interrupt line rose, the machine stops). */
void mt_notify(cpu_t *cpu);

/* PSCI CPU_ON: false if target is not off (or already being powered on); else its own thread
 * resets it and starts it (no thread waits for another under the machine lock). */
bool mt_cpu_on(cpu_t *target, uint64_t entry, uint64_t context);
/* Whether cpu is off with no CPU_ON on its way (AFFINITY_INFO). */
bool mt_cpu_is_off(const cpu_t *cpu);

/* A broadcast TLBI of cpu: queued for every other CPU. */
void mt_post_tlbi(cpu_t *cpu, const tlbi_op_t *op);
/* RAM page at host now holds decoded code: this CPU drops its fast-path write entries for it,
 * and every other CPU's are queued to go. */
void mt_write_flush(machine_t *m, const uint8_t *host);

/* DSB: a host full fence, then waits until every running CPU applied the TLBIs cpu queued. */
void mt_dsb(cpu_t *cpu);

/* How many queued items cpu has applied so far. */
uint64_t mt_applied(const cpu_t *cpu);

/* Every other CPU stopped outside its run loop until mt_exclusive_end (code-cache eviction). */
void mt_exclusive_begin(machine_t *m);
void mt_exclusive_end(machine_t *m);

/* The decoded-code cache's lock (cpu/codecache.c). */
void mt_code_lock(machine_t *m);
void mt_code_unlock(machine_t *m);

#endif
