/*
 * Guest time and the Generic Timer (Arm ARM D11 "The Generic Timer in AArch64 state",
 * D24.10 "Generic Timer registers").
 *
 * The system counter is machine-wide and counts at CNTFRQ_EL0 = 1 GHz. It runs in one
 * of two modes:
 *   icount (default)  the count advances 2^shift ticks for every instruction retired
 *                     by any CPU, so a run is deterministic; when every CPU waits
 *                     (WFI, WFE), the count jumps to the next timer deadline.
 *   host clock        the count follows the host's monotonic clock; when every CPU
 *                     waits, the host sleeps until the next deadline.
 * Each CPU has four timers (EL1 physical and virtual, EL2 physical and virtual) whose
 * outputs are level-sensitive PPIs of the GIC.
 */
#ifndef AVSIM_TIMER_H
#define AVSIM_TIMER_H

#include "common.h"
#include "machine/options.h"

typedef struct cpu cpu_t;
typedef struct machine machine_t;

/* -icount shift=N: 2^N ticks (ns at 1 GHz) per instruction; see options.h for the default. */
#define ICOUNT_SHIFT_MAX 10

#define COUNTER_NEVER UINT64_MAX /* "no deadline" */

typedef struct {
    bool host_clock;
    unsigned shift;                     /* icount: log2 of ticks per instruction */
    uint64_t ticks;                     /* icount: the count when the running slice began */
    uint64_t host_origin_ns;            /* host clock: host time of count 0 */
    uint64_t evs_since[AVSIM_MAX_CPUS]; /* count up to which each CPU's event-stream events
                                           are in its Event Register (event_stream_sync) */
} guest_time_t;

/* icount_shift >= 0: icount mode with that shift; ICOUNT_HOST_CLOCK: host clock mode. */
void guest_time_init(guest_time_t *t, int icount_shift);

/* The physical count as seen by the instruction `cpu` is executing (or between slices). */
uint64_t counter_now(const cpu_t *cpu);

/* The physical count between slices (no instruction in flight). */
uint64_t machine_counter(const machine_t *m);

/*
 * Runs `cpu` for at most `quantum` instructions, stopping early at the next timer
 * deadline or event-stream event of any CPU, then advances time and updates every
 * timer output and WFE wake-up.
 */
void guest_time_run_cpu(machine_t *m, cpu_t *cpu, uint64_t quantum);

/*
 * No CPU can run: moves time to the next event that can wake one (a timer deadline,
 * an event-stream event for a CPU in WFE). Returns false when no such event exists.
 */
bool guest_time_idle(machine_t *m);

/* Re-evaluates the four timer outputs of `cpu` and drives its PPIs. */
void timer_update(cpu_t *cpu);

/* Earliest physical count at which one of cpu's unmasked timers fires (COUNTER_NEVER: none). */
uint64_t timer_next_deadline(const cpu_t *cpu, uint64_t now);

/* First physical count after `after` at which cpu's event streams generate an event. */
uint64_t event_stream_next(const cpu_t *cpu, uint64_t after);

/* Sets cpu's Event Register if one of its event streams generated an event since the last
 * call: an event sets it whether or not the PE is in WFE (Arm ARM D11.2.3). Called by WFE
 * and before the stream's settings change, so the settings in force apply to each event. */
void event_stream_sync(cpu_t *cpu);

/* Offsets of the timers' comparators and of the EL0/EL1 counter views (D11.2.4). */
uint64_t counter_virtual_offset(const cpu_t *cpu);
uint64_t counter_physical_offset(const cpu_t *cpu);

#endif
