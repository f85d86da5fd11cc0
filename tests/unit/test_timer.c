/* Guest time and the Generic Timer: the icount counter, timer deadlines and outputs,
 * event streams, idle skipping, and the -icount option. */
#include "devices/gic_internal.h"
#include "machine/options.h"
#include "sysreg/sysreg.h"
#include "timer/timer.h"
#include "unit.h"

static machine_t *m;
static cpu_t *cpu;

static bool ppi_level(unsigned intid)
{
    return (m->gic->rd[0].bank.level >> intid) & 1;
}

static void test_icount_counter(void)
{
    guest_time_init(&m->time, 3);
    m->time.local[0] = 1000;
    CHECK_EQ(counter_now(cpu), 1000);
    /* In a slice: the instructions retired so far count, 8 ticks each. */
    cpu->budget_start = 100;
    cpu->budget = 90;
    CHECK_EQ(counter_now(cpu), 1080);
    cpu->budget_start = cpu->budget = 0;
}

static void test_deadlines(void)
{
    m->time.local[0] = 5000;
    cpu->sr[SR_CNTVOFF_EL2] = 1000;
    cpu->sr[SR_CNTV_CVAL_EL0] = 9000; /* virtual 9000 = physical 10000 */
    cpu->sr[SR_CNTV_CTL_EL0] = 1;     /* ENABLE */
    CHECK_EQ(timer_next_deadline(cpu, 5000), 10000);
    cpu->sr[SR_CNTV_CTL_EL0] = 3; /* IMASK: no interrupt to wait for */
    CHECK_EQ(timer_next_deadline(cpu, 5000), COUNTER_NEVER);
    cpu->sr[SR_CNTV_CTL_EL0] = 1;
    cpu->sr[SR_CNTV_CVAL_EL0] = ~0ull; /* beyond the counter's range */
    CHECK_EQ(timer_next_deadline(cpu, 5000), COUNTER_NEVER);
    cpu->sr[SR_CNTHP_CVAL_EL2] = 7000;
    cpu->sr[SR_CNTHP_CTL_EL2] = 1;
    CHECK_EQ(timer_next_deadline(cpu, 5000), 7000);
    /* The output follows ENABLE && ISTATUS && !IMASK. */
    timer_update(cpu);
    CHECK(!ppi_level(26));
    m->time.local[0] = 7000;
    timer_update(cpu);
    CHECK(ppi_level(26));
    cpu->sr[SR_CNTHP_CTL_EL2] = 3;
    timer_update(cpu);
    CHECK(!ppi_level(26));
    cpu->sr[SR_CNTHP_CTL_EL2] = 0;
    cpu->sr[SR_CNTV_CTL_EL0] = 0;
    cpu->sr[SR_CNTVOFF_EL2] = 0;
}

static void test_event_stream(void)
{
    cpu->sr[SR_CNTKCTL_EL1] = (4u << 4) | 4; /* EVNTI = 4, rising edges of bit 4 */
    CHECK_EQ(event_stream_next(cpu, 0), 16);
    CHECK_EQ(event_stream_next(cpu, 16), 48);
    cpu->sr[SR_CNTKCTL_EL1] |= 8; /* EVNTDIR: falling edges */
    CHECK_EQ(event_stream_next(cpu, 16), 32);
    cpu->sr[SR_CNTKCTL_EL1] |= 1u << 17; /* EVNTIS: bit 12 */
    CHECK_EQ(event_stream_next(cpu, 100), 8192);
    cpu->sr[SR_CNTKCTL_EL1] = 0;
    CHECK_EQ(event_stream_next(cpu, 100), COUNTER_NEVER);
    cpu->sr[SR_CNTHCTL_EL2] = 3 | (2u << 4) | 4; /* physical count, bit 2 */
    CHECK_EQ(event_stream_next(cpu, 5), 12);
    cpu->sr[SR_CNTHCTL_EL2] = 3;
}

static void test_idle_skip(void)
{
    m->time.local[0] = 1000;
    cpu->state = PE_WFI;
    CHECK(!guest_time_idle(m)); /* nothing can wake the CPU */
    cpu->sr[SR_CNTP_CVAL_EL0] = 123456789;
    cpu->sr[SR_CNTP_CTL_EL0] = 1;
    CHECK(guest_time_idle(m));
    CHECK_EQ(m->time.local[0], 123456789);
    CHECK(ppi_level(30));
    cpu->sr[SR_CNTP_CTL_EL0] = 0;
    timer_update(cpu);
    cpu->state = PE_RUNNING;
}

/* Scheduling several CPUs (timer/guest_time.c), icount shift 3: 8 ticks per instruction and
 * windows of 8192 instructions (65536 ticks). */
static void test_smp_schedule(void)
{
    char err[256];
    machine_t *s = machine_create(64ull << 20, 3, true, err, sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    guest_time_init(&s->time, 3);
    cpu_t *c0 = s->cpus[0], *c1 = s->cpus[1], *c2 = s->cpus[2];
    /* Both running CPUs spin on `b .` at the start of RAM. */
    const uint32_t branch_to_self = 0x14000000;
    memcpy(s->bus.ram, &branch_to_self, sizeof branch_to_self);
    c1->state = PE_RUNNING;
    c0->pc = c1->pc = s->bus.ram_base;

    /* The running CPU furthest behind runs, the lowest-numbered of equals. */
    s->time.local[0] = 5000;
    s->time.local[1] = 3000;
    CHECK(guest_time_pick(s) == c1);
    s->time.local[1] = 5000;
    CHECK(guest_time_pick(s) == c0);

    /* A slice ends at the end of the window its local time is in... */
    guest_time_run_cpu(s, c0);
    CHECK_EQ(s->time.local[0], 65536);
    CHECK_EQ(c0->icount, (65536 - 5000 + 7) / 8);
    CHECK(guest_time_pick(s) == c1);
    /* ... or at its own timer deadline, whatever the other CPUs' deadlines. */
    c0->sr[SR_CNTP_CVAL_EL0] = 70000;
    c0->sr[SR_CNTP_CTL_EL0] = 1;
    c1->sr[SR_CNTP_CVAL_EL0] = 6000;
    c1->sr[SR_CNTP_CTL_EL0] = 1;
    s->time.local[1] = 65536;
    guest_time_run_cpu(s, c0);
    CHECK_EQ(s->time.local[0], 70000);
    c1->sr[SR_CNTP_CTL_EL0] = 0;

    /* A CPU that starts running catches up with the CPU whose instruction woke it... */
    s->time.local[2] = 100;
    s->time.current = c0;
    c0->budget_start = 100;
    c0->budget = 90;
    guest_time_wake(c2);
    CHECK_EQ(c2->state, PE_RUNNING);
    CHECK_EQ(s->time.local[2], 70080);
    /* ... never going back; between slices it resumes at the last scheduling event. */
    c2->state = PE_OFF;
    guest_time_wake(c2);
    CHECK_EQ(s->time.local[2], 70080);
    s->time.current = NULL;
    c0->budget_start = c0->budget = 0;
    c2->state = PE_WFI;
    s->time.local[2] = 0;
    s->time.now = 3000;
    guest_time_wake(c2);
    CHECK_EQ(s->time.local[2], 3000);
    c2->state = PE_OFF;

    /* Interrupt lines a CPU raises for a running CPU behind it rise when the receiver reaches
     * the sender's time, where the receiver's slice ends; not for a CPU ahead, nor its own. */
    s->time.current = c0;
    c0->budget_start = 100;
    c0->budget = 90;
    s->time.local[1] = 80000;
    CHECK(!guest_time_hold_irq(c1));
    CHECK(!guest_time_hold_irq(c0));
    s->time.local[1] = 65536;
    CHECK(guest_time_hold_irq(c1));
    CHECK_EQ(s->time.irq_held_until[1], 70080);
    s->time.current = NULL;
    c0->budget_start = c0->budget = 0;
    guest_time_run_cpu(s, c1);
    CHECK_EQ(s->time.local[1], 70080);
    CHECK_EQ(s->time.irq_held_until[1], COUNTER_NEVER);

    /* A waiting CPU wakes by its own timer at the deadline once every running CPU passed it:
     * here CPU 1 waits in WFI (the timer's PPI is not enabled in the GIC, so it sleeps on). */
    c1->state = PE_WFI;
    s->time.local[1] = 1000;
    c1->sr[SR_CNTP_CVAL_EL0] = 40000;
    c1->sr[SR_CNTP_CTL_EL0] = 1;
    s->time.wake_at[1] = 40000;
    s->time.wake_min = 40000;
    s->time.local[0] = 30000;
    CHECK(guest_time_pick(s) == c0);
    CHECK_EQ(s->time.local[1], 1000);
    s->time.local[0] = 50000;
    CHECK(guest_time_pick(s) == c0);
    CHECK_EQ(s->time.local[1], 40000);
    CHECK((s->gic->rd[1].bank.level >> 30) & 1);
    CHECK_EQ(s->time.wake_min, COUNTER_NEVER);

    /* No CPU runs: the waiting CPUs with the nearest own event resume at it, the others
     * keep their time. */
    c0->state = PE_WFI;
    c1->sr[SR_CNTP_CTL_EL0] = 0;
    c0->sr[SR_CNTP_CVAL_EL0] = 90000;
    CHECK(guest_time_pick(s) == NULL);
    CHECK(guest_time_idle(s));
    CHECK_EQ(s->time.local[0], 90000);
    CHECK_EQ(s->time.local[1], 40000);
    c0->sr[SR_CNTP_CTL_EL0] = 0;
    CHECK(!guest_time_idle(s));
    machine_destroy(s);
}

static int parse_icount(const char *arg, avsim_options_t *o, char *err)
{
    char *argv[] = {"avsim", "-icount", (char *)arg};
    return options_parse(o, 3, argv, err, 256);
}

static void test_icount_option(void)
{
    avsim_options_t o;
    char err[256];
    char *argv[] = {"avsim"};
    CHECK_EQ(options_parse(&o, 1, argv, err, sizeof err), 0);
    CHECK_EQ(o.icount_shift, ICOUNT_SHIFT_DEFAULT);
    CHECK_EQ(parse_icount("shift=0", &o, err), 0);
    CHECK_EQ(o.icount_shift, 0);
    CHECK_EQ(parse_icount("10", &o, err), 0);
    CHECK_EQ(o.icount_shift, 10);
    CHECK_EQ(parse_icount("auto", &o, err), 0);
    CHECK_EQ(o.icount_shift, ICOUNT_HOST_CLOCK);
    CHECK_EQ(parse_icount("shift=4,sleep=off", &o, err), 0);
    CHECK_EQ(o.icount_shift, 4);
    CHECK_EQ(parse_icount("shift=11", &o, err), -1);
    CHECK_CONTAINS(err, "invalid shift");
    CHECK_EQ(parse_icount("shift=2,sleep=on", &o, err), -1);
    CHECK_CONTAINS(err, "sleep=on");
    CHECK_EQ(parse_icount("align=on", &o, err), -1);
    CHECK_CONTAINS(err, "align");
    CHECK_EQ(parse_icount("", &o, err), -1);
}

int main(void)
{
    char err[256];
    m = machine_create(64ull << 20, 1, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    cpu = m->cpus[0];
    test_icount_counter();
    test_deadlines();
    test_event_stream();
    test_idle_skip();
    test_smp_schedule();
    test_icount_option();
    machine_destroy(m);
    return unit_report();
}
