/*
 * Timer interrupts through the GICv3: each timer this EL reaches raises its PPI
 * (EL1 physical 30, EL1 virtual 27, EL2 physical 26, EL2 virtual 28) when it
 * expires, and the outputs are level-sensitive (virt-board.md 7.3): the PPI is
 * pending while the condition holds even when it is disabled at the GIC, and the
 * pending state goes away when IMASK is set, the timer is disabled or CVAL moves
 * into the future.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"
#include "timer_util.h"

static volatile unsigned irqs, last_intid;
static volatile uint64_t ctl_in_handler;
static const struct gtimer *armed;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    last_intid = intid;
    if (armed && intid == armed->intid) {
        ctl_in_handler = armed->ctl();
        armed->set_ctl(CTL_ENABLE | CTL_IMASK); /* drop the level before the EOI */
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
    irqs++;
}

static void expire(const struct gtimer *t)
{
    unsigned cpu = this_cpu();
    armed = t;
    irqs = 0;
    last_intid = GIC_SPURIOUS;
    *gicr_sgi(cpu, GICR_ISENABLER0) = 1u << t->intid;
    dsb(sy);
    t->set_tval(1000000); /* 1 ms */
    t->set_ctl(CTL_ENABLE);
    CHECK(wait_for_irq(&irqs, 1000));
    printf("%s: INTID %u, CTL in the handler 0x%lx\n", t->name, last_intid, ctl_in_handler);
    CHECK_EQ(last_intid, t->intid);
    CHECK_EQ(irqs, 1);
    t->set_ctl(0);
    *gicr_sgi(cpu, GICR_ICENABLER0) = 1u << t->intid;
    dsb(sy);
}

static bool ppi_pending(unsigned intid)
{
    return (*gicr_sgi(this_cpu(), GICR_ISPENDR0) >> intid) & 1;
}

/* The level follows ENABLE, IMASK and the condition, whatever the GIC enable says. */
static void level_semantics(const struct gtimer *t)
{
    unsigned cpu = this_cpu();
    *gicr_sgi(cpu, GICR_ICENABLER0) = 1u << t->intid;
    dsb(sy);
    t->set_cval(0);
    t->set_ctl(CTL_ENABLE);
    CHECK(ppi_pending(t->intid));
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    CHECK(!ppi_pending(t->intid));
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    t->set_ctl(CTL_ENABLE);
    CHECK(ppi_pending(t->intid));
    t->set_cval(t->count() + (1ull << 40));
    CHECK(!ppi_pending(t->intid));
    t->set_cval(0);
    CHECK(ppi_pending(t->intid));
    t->set_ctl(0);
    CHECK(!ppi_pending(t->intid));
    /* Clearing the pending state of a level input whose line is high has no lasting
     * effect; enabling the PPI once the line is low delivers nothing. */
    t->set_ctl(CTL_ENABLE);
    *gicr_sgi(cpu, GICR_ICPENDR0) = 1u << t->intid;
    dsb(sy);
    CHECK(ppi_pending(t->intid));
    t->set_ctl(0);
    irqs = 0;
    *gicr_sgi(cpu, GICR_ISENABLER0) = 1u << t->intid;
    dsb(sy);
    irq_enable();
    isb();
    irq_disable();
    CHECK_EQ(irqs, 0);
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), GIC_SPURIOUS);
    *gicr_sgi(cpu, GICR_ICENABLER0) = 1u << t->intid;
    dsb(sy);
    printf("%s: level-sensitive output checked\n", t->name);
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    for (unsigned i = 0; i < gtimer_count(); i++)
        gtimers[i].set_ctl(0);
    for (unsigned i = 0; i < gtimer_count(); i++)
        expire(&gtimers[i]);
    for (unsigned i = 0; i < gtimer_count(); i++)
        level_semantics(&gtimers[i]);
    return test_summary();
}
