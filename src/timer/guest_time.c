/*
 * Scheduling the CPUs in guest time (docs/architecture.md, "Time").
 *
 * The CPUs take turns on one host thread, each in its own local time (timer/timer.h).
 * Guest time is cut into aligned windows of a quantum of instructions' worth of ticks.
 * The scheduler always runs the running CPU furthest behind, up to the end of the window
 * its local time is in, so no CPU starts a window before every running CPU has finished
 * the previous one and local times stay within a window of each other. Whatever ends a
 * slice early (exception entry and return, translation-control writes, WFI, YIELD:
 * cpu_break_loop) only returns to the scheduler, which resumes the same CPU unless
 * another is now further behind: a CPU's progress in guest time is its own instructions,
 * whatever the others do.
 *
 * In icount mode a slice also ends at the CPU's next timer deadline, so the interrupt is
 * raised at the instruction where its count reaches CVAL. A waiting CPU (WFI, WFE) wakes
 * by its own timer or event stream at that event's time, once the running CPUs have all
 * passed it; by an interrupt or event another CPU sends, at the sender's time. An
 * interrupt a CPU ahead raises for a running CPU behind it is held until the receiver
 * reaches the sender's time (guest_time_hold_irq). When no CPU runs, the CPUs with the
 * nearest such event resume at it (idle time is skipped). In
 * host-clock mode slices are also cut every HOST_CLOCK_SLICE instructions to check the
 * timers, and the host sleeps when every CPU waits.
 */
#include <time.h>

#include "timer/timer.h"

#include "devices/gic.h"
#include "devices/pl011.h"
#include "machine/machine.h"

/* Instructions per window, powers of two: one CPU runs in long stretches (cut only by its
 * timer deadlines); several take turns in short windows. */
#define QUANTUM_ONE_CPU (1ull << 22)
#define QUANTUM_SMP     (1ull << 13)

/* Host-clock mode has no exact instruction-to-time mapping: check the timers after
 * at most this many instructions (about 0.2 ms at 300 MIPS). */
#define HOST_CLOCK_SLICE (1u << 16)

/* Longest single host sleep while every CPU waits, so a stop request is seen promptly. */
#define HOST_SLEEP_MAX_NS 50000000ull

static bool waiting(const cpu_t *c)
{
    return c->state == PE_WFI || c->state == PE_WFE;
}

/* The local time of the CPU in its slice, at the instruction it is executing. */
static uint64_t current_time(const guest_time_t *t, const cpu_t *by)
{
    return t->local[by->index] + (cpu_slice_retired(by) << t->shift);
}

void guest_time_wake(cpu_t *cpu)
{
    guest_time_t *t = &cpu->machine->time;
    uint64_t at = t->current ? current_time(t, t->current) : t->now;
    if (waiting(cpu) && t->local[cpu->index] < at) cpu->stats.wait_ns += at - t->local[cpu->index];
    cpu->state = PE_RUNNING;
    if (t->local[cpu->index] < at) t->local[cpu->index] = at;
}

bool guest_time_hold_irq(cpu_t *cpu)
{
    guest_time_t *t = &cpu->machine->time;
    const cpu_t *by = t->current;
    if (t->host_clock || !by || by == cpu || cpu->state != PE_RUNNING) return false;
    uint64_t at = current_time(t, by), *held = &t->irq_held_until[cpu->index];
    if (at <= t->local[cpu->index]) return false;
    if (at < *held) *held = at;
    return true;
}

/* The GIC drives the interrupt lines it was holding for `c`. */
static void release_irq(machine_t *m, cpu_t *c)
{
    m->time.irq_held_until[c->index] = COUNTER_NEVER;
    gic_update(m->gic, c->index);
}

/* After cpu's count moved: held interrupt lines, its timer outputs, and in WFE its event
 * stream (the event wakes it and sets the Event Register, as SEV does). */
static void time_moved(machine_t *m, cpu_t *c)
{
    if (c->state == PE_OFF) return;
    if (m->time.irq_held_until[c->index] <= counter_now(c)) release_irq(m, c);
    timer_update(c);
    if (c->state == PE_WFE && event_stream_next(c, m->time.evs_since[c->index]) <= counter_now(c)) {
        c->event_register = true;
        guest_time_wake(c);
    }
}

void event_stream_sync(cpu_t *cpu)
{
    uint64_t now = counter_now(cpu), *since = &cpu->machine->time.evs_since[cpu->index];
    if (event_stream_next(cpu, *since) <= now) cpu->event_register = true;
    *since = now;
}

/* The count at which one of cpu's own timers or, in WFE, its event stream wakes it, or a
 * held interrupt line rises. */
static uint64_t own_wake_event(const cpu_t *c, uint64_t now)
{
    uint64_t next = timer_next_deadline(c, now), held = c->machine->time.irq_held_until[c->index];
    if (held < next) next = held;
    if (c->state == PE_WFE) {
        uint64_t e = event_stream_next(c, c->machine->time.evs_since[c->index]);
        if (e < next) next = e;
    }
    return next;
}

/* icount: every waiting CPU whose own wake-up event comes at or before `upto` moves to
 * that event's time; recomputes wake_min. */
static void wake_due(machine_t *m, uint64_t upto)
{
    guest_time_t *t = &m->time;
    uint64_t min = COUNTER_NEVER;
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_t *c = m->cpus[i];
        if (!waiting(c)) continue;
        if (t->wake_at[i] <= upto) {
            if (t->local[i] < t->wake_at[i]) c->stats.wait_ns += t->wake_at[i] - t->local[i];
            if (t->local[i] < t->wake_at[i]) t->local[i] = t->wake_at[i];
            t->now = t->local[i]; /* the time of what wakes it */
            time_moved(m, c);
            if (!waiting(c)) continue;
            /* Its timer output is not an enabled interrupt: it sleeps on. */
            t->wake_at[i] = own_wake_event(c, t->local[i]);
        }
        if (t->wake_at[i] < min) min = t->wake_at[i];
    }
    t->wake_min = min;
}

cpu_t *guest_time_pick(machine_t *m)
{
    guest_time_t *t = &m->time;
    for (;;) {
        cpu_t *best = NULL;
        uint64_t best_time = COUNTER_NEVER;
        for (unsigned i = 0; i < m->ncpus; i++) {
            cpu_t *c = m->cpus[i];
            if (c->state == PE_WFI && cpu_wfi_wakeup(c)) guest_time_wake(c);
            if (c->state == PE_RUNNING && t->local[i] < best_time) {
                best = c;
                best_time = t->local[i];
            }
        }
        if (!best || t->host_clock || t->wake_min > best_time) return best;
        /* Waiting CPUs whose own events the running ones have passed wake first. */
        wake_due(m, best_time);
    }
}

/* Host clock: the count moved for every CPU. */
static void host_time_moved(machine_t *m)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        time_moved(m, m->cpus[i]);
}

void guest_time_run_cpu(machine_t *m, cpu_t *cpu)
{
    guest_time_t *t = &m->time;
    uint64_t *local = &t->local[cpu->index], start = *local;
    uint64_t quantum = (m->ncpus == 1 ? QUANTUM_ONE_CPU : QUANTUM_SMP) << t->shift;
    uint64_t end = (start | (quantum - 1)) + 1, budget;
    if (t->host_clock) {
        budget = end - start < HOST_CLOCK_SLICE ? end - start : HOST_CLOCK_SLICE;
    } else {
        uint64_t deadline = timer_next_deadline(cpu, start), held = t->irq_held_until[cpu->index];
        if (deadline < end) end = deadline;
        if (unlikely(held <= start)) /* it caught up with the sender when woken */
            release_irq(m, cpu);
        else if (held < end)
            end = held;
        /* Instructions until the count reaches `end` (> start), rounded up. */
        uint64_t ticks = end - start;
        budget = (ticks >> t->shift) + ((ticks & ones(t->shift)) != 0);
    }
    if (unlikely(cpu->pmu.active)) budget = pmu_budget(cpu, budget); /* counter overflows */
    uint64_t before = cpu->icount;
    t->current = cpu;
    cpu_run(cpu, budget);
    t->current = NULL;
    *local += (cpu->icount - before) << t->shift;
    t->now = *local;
    if (unlikely(cpu->pmu.active)) pmu_slice_end(cpu);
    if (t->host_clock) {
        host_time_moved(m);
        return;
    }
    time_moved(m, cpu);
    if (waiting(cpu)) {
        uint64_t at = own_wake_event(cpu, *local);
        t->wake_at[cpu->index] = at;
        if (at < t->wake_min) t->wake_min = at;
    }
}

/* Host clock: the next count at which something can wake a CPU: a timer deadline of any
 * CPU that is not off, or an event-stream event for a CPU in WFE. */
static uint64_t host_next_wake_event(const machine_t *m, uint64_t now)
{
    uint64_t next = COUNTER_NEVER;
    for (unsigned i = 0; i < m->ncpus; i++) {
        const cpu_t *c = m->cpus[i];
        if (c->state == PE_OFF) continue;
        uint64_t at = timer_next_deadline(c, now);
        if (at < next) next = at;
        if (c->state == PE_WFE) {
            at = event_stream_next(c, now);
            if (at < next) next = at;
        }
    }
    return next;
}

static void host_sleep(machine_t *m, uint64_t ns)
{
    if (ns > HOST_SLEEP_MAX_NS) ns = HOST_SLEEP_MAX_NS;
    /* Input on stdin ends the sleep early: it may raise the UART's interrupt. */
    if (pl011_wait_input(m->uart, ns)) return;
    struct timespec ts = {(time_t)(ns / 1000000000ull), (long)(ns % 1000000000ull)};
    nanosleep(&ts, NULL);
}

bool guest_time_idle(machine_t *m)
{
    guest_time_t *t = &m->time;
    if (t->host_clock) {
        uint64_t now = host_clock_count(t), next = host_next_wake_event(m, now);
        if (next == COUNTER_NEVER) return false;
        host_sleep(m, next - now);
        host_time_moved(m);
        return true;
    }
    uint64_t next = COUNTER_NEVER;
    for (unsigned i = 0; i < m->ncpus; i++) {
        const cpu_t *c = m->cpus[i];
        if (!waiting(c)) continue;
        t->wake_at[i] = own_wake_event(c, t->local[i]);
        if (t->wake_at[i] < next) next = t->wake_at[i];
    }
    if (next == COUNTER_NEVER) return false;
    wake_due(m, next);
    return true;
}
