/*
 * The guest hypervisor's guest (L2), part of its image (ghyp.c): an EL1 program that L1 starts
 * with no stage 2 of its own, so it shares L1's memory and console. It makes ADD hypercalls to
 * L1, takes interrupts from its own virtual timer (which L1 forwards to it through a list
 * register, with the timer masked), and for experiment 2 asks L1 to program its timer.
 */
#include "ghyp_abi.h"
#include "vgic.h"

#define CTL_ENABLE  1ull
#define CTL_IMASK   2ull
#define CTL_ISTATUS 4ull

volatile uint64_t l2_arg;
static volatile unsigned irqs;
static volatile uint64_t irq_ctl, irq_cval;

void l2_main(void);

static void l2_irq(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
    if (intid == 27) {
        irq_ctl = read_sysreg(cntv_ctl_el0);
        irq_cval = read_sysreg(cntv_cval_el0);
        write_sysreg(0, cntv_ctl_el0);
        irqs++;
    }
    if (intid < 1020) write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

/* Its own timer, armed with TVAL: one interrupt, which arrives with IMASK set by L1. */
static void own_timer(void)
{
    irqs = 0;
    write_sysreg(read_sysreg(cntfrq_el0) / 20000, cntv_tval_el0); /* 50 us */
    write_sysreg(CTL_ENABLE, cntv_ctl_el0);
    isb();
    CHECK(wait_irqs(&irqs, 1, 1000));
    CHECK_EQ(irq_ctl, CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
}

/*
 * Experiment 2: L1 programs this timer with TVAL, 10 ms ahead. When it fires, its CVAL (the
 * real register, this guest's own view) says for when it was set: early means before t0 + 10 ms,
 * i.e. not what L1 asked for. (Comparing CVAL, not the time of the interrupt, keeps the answer
 * independent of how fast the simulator runs.)
 */
static void timer_by_l1(void)
{
    uint64_t ticks = read_sysreg(cntfrq_el0) / 100, t0 = read_sysreg(cntvct_el0);
    const char *when;

    irqs = 0;
    hvc_call(L2_CALL_TIMER, ticks, 0, 0);
    while (!irqs && read_sysreg(cntvct_el0) - t0 < 50 * ticks)
        irq_window();
    if (!irqs)
        when = "not within 0.5 s";
    else if ((int64_t)(irq_cval - t0) < (int64_t)ticks)
        when = "early: its CVAL was not the count + 10 ms";
    else
        when = "on time: its CVAL was the count + 10 ms";
    printf("L2: its timer, programmed by L1 for 10 ms, fired %s\n", when);
    CHECK_EQ(irqs && (int64_t)(irq_cval - t0) >= (int64_t)ticks,
             (l2_arg & GHYP_ARG_EXPECT_OK) != 0);
}

void l2_main(void)
{
    printf("L2: running at EL%u\n", current_el());
    CHECK_EQ(current_el(), 1);
    set_irq_handler(l2_irq);
    write_sysreg(0xf0, ICC_PMR_EL1);
    write_sysreg(1, ICC_IGRPEN1_EL1);
    isb();
    for (unsigned i = 0; i < GHYP_ARG_HVCS(l2_arg); i++)
        CHECK_EQ(hvc_call(L2_CALL_ADD, i, 1000, 0), i + 1000);
    for (unsigned i = 0; i < GHYP_ARG_TIMERS(l2_arg); i++)
        own_timer();
    if (l2_arg & GHYP_ARG_TVAL) timer_by_l1();
    hvc_call(L2_CALL_DONE, test_failures(), 0, 0);
}
