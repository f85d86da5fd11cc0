/*
 * The system counter (Arm ARM D11.1) and the views of it that software reads:
 * CNTPCT_EL0 / CNTVCT_EL0 and their self-synchronized forms CNTPCTSS_EL0 /
 * CNTVCTSS_EL0 (FEAT_ECV), with the CNTVOFF_EL2 and CNTPOFF_EL2 offsets (D11.2.4),
 * and the event streams of CNTKCTL_EL1 and CNTHCTL_EL2 (D11.2.3).
 */
#include <string.h>
#include <time.h>

#include "timer/timer.h"

#include "machine/machine.h"
#include "sysreg/sysreg_ops.h"

#define CNTHCTL_ECV (1u << 12)

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void guest_time_init(guest_time_t *t, int icount_shift)
{
    memset(t, 0, sizeof *t);
    t->host_clock = icount_shift < 0;
    t->shift = icount_shift < 0 ? 0 : (unsigned)icount_shift;
    t->host_origin_ns = host_ns();
    for (unsigned i = 0; i < AVSIM_MAX_CPUS; i++)
        t->wake_at[i] = t->irq_held_until[i] = COUNTER_NEVER;
    t->wake_min = COUNTER_NEVER;
}

/* CNTFRQ_EL0 is 1 GHz (cpu/impdef.h), so one tick is one nanosecond of host time. */
uint64_t host_clock_count(const guest_time_t *t)
{
    return host_ns() - t->host_origin_ns;
}

/* In icount mode: the CPU's local time, the instructions it has retired in the current
 * slice included. */
uint64_t counter_now(const cpu_t *cpu)
{
    const guest_time_t *t = &cpu->machine->time;
    if (t->host_clock) return host_clock_count(t);
    return t->local[cpu->index] + (cpu_slice_retired(cpu) << t->shift);
}

uint64_t counter_virtual_offset(const cpu_t *cpu)
{
    return el2_enabled(cpu) ? cpu->sr[SR_CNTVOFF_EL2] : 0;
}

/* FEAT_ECV_POFF: CNTPOFF_EL2 applies when CNTHCTL_EL2.ECV = 1, except in the EL2&0
 * host ({E2H, TGE} = {1, 1}); there is no EL3 to gate it with SCR_EL3.ECVEn. */
uint64_t counter_physical_offset(const cpu_t *cpu)
{
    uint64_t hcr = hcr_el2(cpu);
    if (!el2_enabled(cpu) || !(cpu->sr[SR_CNTHCTL_EL2] & CNTHCTL_ECV)) return 0;
    if ((hcr & HCR_E2H) && (hcr & HCR_TGE)) return 0;
    return cpu->sr[SR_CNTPOFF_EL2];
}

/* CNTPCT_EL0: the physical offset applies at EL0 and EL1 only. */
SR_READ(rd_cntpct)
{
    (void)r;
    uint64_t now = counter_now(cpu);
    return cpu->el < 2 ? now - counter_physical_offset(cpu) : now;
}

/* CNTVCT_EL0: no offset in the EL2&0 host (EL2 with E2H = 1, EL0 with E2H = TGE = 1). */
SR_READ(rd_cntvct)
{
    (void)r;
    uint64_t now = counter_now(cpu);
    return el_is_in_host(cpu, cpu->el) ? now : now - counter_virtual_offset(cpu);
}

/*
 * An event stream (EVNTEN [2]) generates an event each time counter bit EVNTI
 * [7:4] (plus 8 with EVNTIS [17], FEAT_ECV) goes 0 -> 1 (EVNTDIR [3] = 0) or
 * 1 -> 0 (EVNTDIR = 1). Returns the first physical count after `after` with an
 * event, for a stream on the counter `after - offset`.
 */
static uint64_t stream_next(uint64_t ctl, uint64_t after, uint64_t offset)
{
    if (!(ctl & 4)) return COUNTER_NEVER;
    unsigned bit = ((ctl >> 4) & 15) + ((ctl >> 17) & 1 ? 8 : 0);
    uint64_t count = after - offset, period = 2ull << bit;
    uint64_t edge = (count & ~(period - 1)) + ((ctl >> 3) & 1 ? period : period / 2);
    if (edge <= count) edge += period;
    return after + (edge - count);
}

/* CNTKCTL_EL1's stream counts the virtual count, CNTHCTL_EL2's the physical count. */
uint64_t event_stream_next(const cpu_t *cpu, uint64_t after)
{
    uint64_t el1 = stream_next(cpu->sr[SR_CNTKCTL_EL1], after, counter_virtual_offset(cpu));
    uint64_t el2 =
        el2_enabled(cpu) ? stream_next(cpu->sr[SR_CNTHCTL_EL2], after, 0) : COUNTER_NEVER;
    return el1 < el2 ? el1 : el2;
}
