/*
 * Waiting on the timer: WFI until the EL1 virtual timer interrupt 2 s of counter
 * time later (avsim skips the idle time, QEMU sleeps), and WFE woken by the
 * CNTKCTL_EL1 event stream until a 20 ms deadline passes.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"
#include "timer_util.h"

static volatile unsigned irqs;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    write_sysreg(CTL_IMASK, cntv_ctl_el0);
    isb();
    write_sysreg(intid, ICC_EOIR1_EL1);
    if (intid == 27) irqs++;
}

static void sleep_two_seconds(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0), start = read_sysreg(cntvct_el0);
    uint64_t deadline = start + 2 * freq;
    write_sysreg(deadline, cntv_cval_el0);
    write_sysreg(CTL_ENABLE, cntv_ctl_el0);
    isb();
    irqs = 0;
    unsigned wakeups = 0;
    while (!irqs && wakeups < 100) {
        wfi();
        wakeups++;
        irq_enable();
        isb();
        irq_disable();
    }
    CHECK_EQ(irqs, 1);
    CHECK(read_sysreg(cntvct_el0) >= deadline);
    printf("WFI: woke by the virtual timer after at least 2 s of counter time\n");
    write_sysreg(0, cntv_ctl_el0);
}

/* Event stream on CNTVCT bit 16 (every 65536 ticks), rising edges. */
static void wfe_event_stream(void)
{
    write_sysreg((16u << 4) | (1u << 2) | 3, cntkctl_el1); /* EVNTI, EVNTEN, EL0 counters */
    isb();
    uint64_t deadline = read_sysreg(cntvct_el0) + 20000000; /* 20 ms */
    unsigned wakeups = 0;
    while (read_sysreg(cntvct_el0) < deadline && wakeups < 100000000) {
        wfe();
        wakeups++;
    }
    CHECK(read_sysreg(cntvct_el0) >= deadline);
    write_sysreg(0, cntkctl_el1);
    printf("WFE: the event stream woke the wait loop until its deadline\n");
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << 27;
    dsb(sy);
    sleep_two_seconds();
    wfe_event_stream();
    return test_summary();
}
