/*
 * Guest time and the Generic Timer (Arm ARM D11 "The Generic Timer in AArch64 state",
 * D24.10 "Generic Timer registers").
 *
 * The system counter counts at CNTFRQ_EL0 = 1 GHz, in one of two modes:
 *   icount (default)  each CPU has its own local time, which advances 2^shift ticks for
 *                     every instruction that CPU retires, so a run is deterministic and a
 *                     CPU's progress in guest time depends on nothing another CPU does;
 *                     the count a CPU reads is its local time. The scheduler keeps the
 *                     local times within one quantum of each other (guest_time.c), and a
 *                     CPU that waits (WFI, WFE, off) resumes at the time of what woke it.
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
    unsigned shift;          /* icount: log2 of ticks per instruction (host clock: 0) */
    uint64_t host_origin_ns; /* host clock: host time of count 0 */
    /* Each CPU's local time when its running slice began (between slices: its time). In
     * icount mode the count it reads; with the host clock only the scheduler's measure of
     * its progress, one tick per instruction. */
    uint64_t local[AVSIM_MAX_CPUS];
    /* icount: for a waiting CPU (WFI, WFE), the count at which its own timers or event
     * stream wake it (COUNTER_NEVER: none); wake_min is at most the least of them. */
    uint64_t wake_at[AVSIM_MAX_CPUS];
    uint64_t wake_min;
    /* icount: the count at which a CPU's interrupt lines, raised by a CPU ahead of it while
     * it was behind and running, are driven (COUNTER_NEVER: none held; guest_time_hold_irq). */
    uint64_t irq_held_until[AVSIM_MAX_CPUS];
    const cpu_t *current; /* the CPU in its slice, or NULL between slices */
    uint64_t now;         /* local time of the last scheduling event (slice end, deadline) */
    uint64_t evs_since[AVSIM_MAX_CPUS]; /* count up to which each CPU's event-stream events
                                           are in its Event Register (event_stream_sync) */
} guest_time_t;

/* icount_shift >= 0: icount mode with that shift; ICOUNT_HOST_CLOCK: host clock mode. */
void guest_time_init(guest_time_t *t, int icount_shift);

/* The physical count as seen by the instruction `cpu` is executing (or between slices). */
uint64_t counter_now(const cpu_t *cpu);

/* Host clock mode: the count now. */
uint64_t host_clock_count(const guest_time_t *t);

/* The running CPU furthest behind in local time (the lowest-numbered of equals), after
 * waking the waiting CPUs whose own timer deadlines or event-stream events that time has
 * passed; NULL when no CPU runs. */
cpu_t *guest_time_pick(machine_t *m);

/*
 * Runs `cpu` until its local time reaches the end of its quantum (a window of guest
 * time) or, in icount mode, its next timer deadline, or until something ends the slice
 * early (cpu_break_loop: exceptions, translation-control writes, WFI, ...), which only
 * returns to the scheduler. Then updates its timer outputs (host clock: every CPU's).
 */
void guest_time_run_cpu(machine_t *m, cpu_t *cpu);

/*
 * No CPU runs: moves time to the next event that can wake one (a timer deadline, an
 * event-stream event for a CPU in WFE): in icount mode the CPUs with that event resume
 * at its time; with the host clock the host sleeps until then. Returns false when no
 * such event exists.
 */
bool guest_time_idle(machine_t *m);

/*
 * Whether raising cpu's IRQ/FIQ lines now must wait: in icount mode, when another CPU that is
 * ahead of `cpu` in local time raises them (an SGI, a GIC write) while `cpu` runs, they are
 * raised when cpu's local time reaches the sender's (the GIC drives them again then), so an
 * interrupt is never taken before it was sent.
 */
bool guest_time_hold_irq(cpu_t *cpu);

/* A waiting or powered-off `cpu` starts running (an interrupt, an event, PSCI CPU_ON):
 * its local time catches up with that of the CPU whose action woke it (between slices,
 * with the time of the last scheduling event), never going back. */
void guest_time_wake(cpu_t *cpu);

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
