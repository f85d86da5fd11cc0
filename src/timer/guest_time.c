/*
 * Time-aware scheduling of the CPUs: slices end at the next timer deadline so a
 * timer interrupt is raised at the instruction where the count reaches CVAL; when
 * every CPU waits, time moves straight to the next event that can wake one
 * (icount mode) or the host sleeps until then (host-clock mode).
 */
#include <time.h>

#include "timer/timer.h"

#include "devices/pl011.h"
#include "machine/machine.h"

/* Host-clock mode has no exact instruction-to-time mapping: check the timers after
 * at most this many instructions (about 0.2 ms at 300 MIPS). */
#define HOST_CLOCK_SLICE (1u << 16)

/* Longest single host sleep while every CPU waits, so a stop request is seen promptly. */
#define HOST_SLEEP_MAX_NS 50000000ull

/* The next count at which something can wake a CPU: a timer deadline of any CPU that
 * is not off, or an event-stream event for a CPU in WFE. */
static uint64_t next_wake_event(const machine_t *m, uint64_t now)
{
    uint64_t next = COUNTER_NEVER;
    for (unsigned i = 0; i < m->ncpus; i++) {
        const cpu_t *c = m->cpus[i];
        if (c->state == PE_OFF) continue;
        uint64_t t = timer_next_deadline(c, now);
        if (t < next) next = t;
        if (c->state == PE_WFE) {
            t = event_stream_next(c, now);
            if (t < next) next = t;
        }
    }
    return next;
}

/* After time moved: timer outputs of every CPU, and WFE wake-ups by the event
 * streams (the event also sets the Event Register, as SEV does). */
static void time_moved(machine_t *m)
{
    uint64_t now = machine_counter(m);
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_t *c = m->cpus[i];
        if (c->state == PE_OFF) continue;
        timer_update(c);
        if (c->state == PE_WFE && event_stream_next(c, m->time.evs_since[i]) <= now) {
            c->event_register = true;
            c->state = PE_RUNNING;
        }
    }
}

void event_stream_sync(cpu_t *cpu)
{
    uint64_t now = counter_now(cpu), *since = &cpu->machine->time.evs_since[cpu->index];
    if (event_stream_next(cpu, *since) <= now) cpu->event_register = true;
    *since = now;
}

void guest_time_run_cpu(machine_t *m, cpu_t *cpu, uint64_t quantum)
{
    guest_time_t *t = &m->time;
    uint64_t budget = quantum;
    if (t->host_clock) {
        if (budget > HOST_CLOCK_SLICE) budget = HOST_CLOCK_SLICE;
    } else {
        uint64_t now = t->ticks, next = next_wake_event(m, now);
        if (next != COUNTER_NEVER) {
            /* Instructions until the count reaches `next`, rounded up. */
            uint64_t ticks = next - now,
                     insns = (ticks >> t->shift) + ((ticks & ones(t->shift)) != 0);
            if (insns < budget) budget = insns ? insns : 1;
        }
    }
    uint64_t before = cpu->icount;
    cpu_run(cpu, budget);
    if (!t->host_clock) t->ticks += (cpu->icount - before) << t->shift;
    time_moved(m);
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
    uint64_t now = machine_counter(m), next = next_wake_event(m, now);
    if (next == COUNTER_NEVER) return false;
    if (t->host_clock)
        host_sleep(m, next - now);
    else
        t->ticks = next;
    time_moved(m);
    return true;
}
