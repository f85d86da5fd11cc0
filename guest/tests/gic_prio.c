/*
 * The GICv3 CPU interface on one CPU, with SGIs sent to itself and the virtual
 * timer's PPI: priority masking (ICC_PMR_EL1), preemption by group priority
 * (ICC_BPR1_EL1) with nested interrupts, the running priority, active and
 * pending states, EOImode 1 with ICC_DIR_EL1, Group 0 delivered as FIQ, and
 * level- versus edge-triggered PPIs.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"
#include "timer_util.h"

static char trace[128];
static unsigned trace_len;
static unsigned nest_sgi_a = 16, nest_sgi_b = 16, nest_sgi_c = 16;
static uint64_t rpr_in_a;

static void note(char c, unsigned intid)
{
    if (trace_len + 3 < sizeof trace) {
        trace[trace_len++] = c;
        trace[trace_len++] = (char)('0' + intid);
        trace[trace_len] = '\0';
    }
}

/* Records "+N" on entry and "-N" on exit; interrupt nest_sgi_a also raises the
 * others and lets them preempt it. */
static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid >= 16) return; /* spurious */
    note('+', intid);
    if (intid == nest_sgi_a) {
        gic_send_sgi1(nest_sgi_b, 1u << this_cpu());
        gic_send_sgi1(nest_sgi_c, 1u << this_cpu());
        rpr_in_a = read_sysreg(ICC_RPR_EL1);
        irq_enable();
        isb();
        for (volatile int i = 0; i < 10; i++) {
        }
        irq_disable();
    }
    note('-', intid);
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

static void take_pending_irqs(void)
{
    irq_enable();
    isb();
    for (volatile int i = 0; i < 10; i++) {
    }
    irq_disable();
}

static void priority_mask(void)
{
    unsigned cpu = this_cpu();
    gicr_set_prio(cpu, 1, 0xF0);
    trace_len = 0;
    trace[0] = '\0';
    gic_send_sgi1(1, 1u << cpu);
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), 1); /* the mask does not hide it from HPPIR */
    take_pending_irqs();
    CHECK_STR(trace, ""); /* priority 0xF0 is not above PMR 0xF0 */
    CHECK((*gicr_sgi(cpu, GICR_ISPENDR0) >> 1) & 1);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), GIC_SPURIOUS);
    write_sysreg(0xF8, ICC_PMR_EL1);
    take_pending_irqs();
    CHECK_STR(trace, "+1-1");
    write_sysreg(0xFF, ICC_PMR_EL1);
    CHECK_EQ(read_sysreg(ICC_PMR_EL1), 0xF8); /* 5 priority bits */
    write_sysreg(0xF0, ICC_PMR_EL1);
    printf("priority mask: %s\n", trace);
}

/* SGI 2 (0xA8) runs; SGI 3 (0x80) and SGI 5 (0xA0) arrive. */
static void preemption(unsigned bpr1)
{
    unsigned cpu = this_cpu();
    gicr_set_prio(cpu, 2, 0xA8);
    gicr_set_prio(cpu, 3, 0x80);
    gicr_set_prio(cpu, 5, 0xA0);
    write_sysreg(bpr1, ICC_BPR1_EL1);
    nest_sgi_a = 2;
    nest_sgi_b = 3;
    nest_sgi_c = 5;
    trace_len = 0;
    gic_send_sgi1(2, 1u << cpu);
    take_pending_irqs();
    printf("BPR1 %lu: %s, running priority 0x%lx\n", read_sysreg(ICC_BPR1_EL1), trace, rpr_in_a);
    nest_sgi_a = 16;
    CHECK_EQ(read_sysreg(ICC_RPR_EL1), 0xFF);
    CHECK_EQ(read_sysreg(ICC_AP1R0_EL1), 0);
}

static void eoimode1(void)
{
    unsigned cpu = this_cpu();
    gicr_set_prio(cpu, 6, 0x90);
    write_sysreg(0, ICC_BPR1_EL1); /* the minimum, 3: group priority [7:3] */
    write_sysreg(2, ICC_CTLR_EL1); /* EOImode */
    isb();
    gic_send_sgi1(6, 1u << cpu);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), 6);
    CHECK_EQ(read_sysreg(ICC_RPR_EL1), 0x90);
    write_sysreg(6, ICC_EOIR1_EL1); /* priority drop only */
    isb();
    CHECK_EQ(read_sysreg(ICC_RPR_EL1), 0xFF);
    CHECK((*gicr_sgi(cpu, GICR_ISACTIVER0) >> 6) & 1);
    gic_send_sgi1(6, 1u << cpu); /* active and pending: not signalled again */
    CHECK((*gicr_sgi(cpu, GICR_ISPENDR0) >> 6) & 1);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), GIC_SPURIOUS);
    write_sysreg(6, ICC_DIR_EL1);
    isb();
    CHECK(!((*gicr_sgi(cpu, GICR_ISACTIVER0) >> 6) & 1));
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), 6);
    write_sysreg(6, ICC_EOIR1_EL1);
    write_sysreg(6, ICC_DIR_EL1);
    write_sysreg(0, ICC_CTLR_EL1);
    isb();
    /* EOImode 0: DIR has no effect; EOIR deactivates. */
    gic_send_sgi1(6, 1u << cpu);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), 6);
    write_sysreg(6, ICC_DIR_EL1);
    isb();
    CHECK((*gicr_sgi(cpu, GICR_ISACTIVER0) >> 6) & 1);
    write_sysreg(6, ICC_EOIR1_EL1);
    isb();
    CHECK(!((*gicr_sgi(cpu, GICR_ISACTIVER0) >> 6) & 1));
    printf("EOImode 1 and ICC_DIR_EL1 checked\n");
}

static volatile unsigned fiqs, fiq_intid;

static void fiq_handler(struct exc_frame *f)
{
    (void)f;
    fiq_intid = read_sysreg(ICC_IAR0_EL1) & 0xFFFFFF;
    write_sysreg(fiq_intid, ICC_EOIR0_EL1);
    isb();
    fiqs++;
}

static void group0_is_fiq(void)
{
    unsigned cpu = this_cpu();
    set_exception_handler(EXC_FIQ, fiq_handler);
    *gicr_sgi(cpu, GICR_IGROUPR0) &= ~(1u << 7);
    dsb(sy);
    write_sysreg(1, ICC_IGRPEN0_EL1);
    isb();
    write_sysreg(7ull << 24 | 1u << cpu, ICC_SGI0R_EL1); /* Group 0 SGI */
    isb();
    CHECK_EQ(read_sysreg(ICC_HPPIR0_EL1), 7);
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), GIC_SPURIOUS);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), GIC_SPURIOUS);
    take_pending_irqs(); /* IRQs unmasked, FIQs masked: nothing */
    CHECK_EQ(fiqs, 0);
    __asm__ volatile("msr daifclr, #1\n\tisb\n\tmsr daifset, #1" ::: "memory");
    printf("Group 0 SGI: %u FIQ, INTID %u\n", fiqs, fiq_intid);
    CHECK_EQ(fiqs, 1);
    /* A Group 1 SGI request does not reach a Group 0 SGI. */
    gic_send_sgi1(7, 1u << cpu);
    CHECK(!((*gicr_sgi(cpu, GICR_ISPENDR0) >> 7) & 1));
    write_sysreg(0, ICC_IGRPEN0_EL1);
    *gicr_sgi(cpu, GICR_IGROUPR0) |= 1u << 7;
    dsb(sy);
}

/* The virtual timer's PPI while its output stays high: a level-sensitive PPI is
 * pending again after the EOI, an edge-triggered one is not. */
static void level_and_edge(void)
{
    unsigned cpu = this_cpu();
    *gicr_sgi(cpu, GICR_ISENABLER0) = 1u << 27;
    write_sysreg(0, cntv_cval_el0);
    write_sysreg(CTL_ENABLE, cntv_ctl_el0);
    isb();
    for (unsigned edge = 0; edge < 2; edge++) {
        *gicr_sgi(cpu, GICR_ICFGR1) = edge ? 2u << 22 : 0; /* INTID 27: bit 2 * 11 + 1 */
        dsb(sy);
        CHECK_EQ(*gicr_sgi(cpu, GICR_ICFGR1), edge ? 2u << 22 : 0);
        *gicr_sgi(cpu, GICR_ICPENDR0) = 1u << 27;
        write_sysreg(CTL_ENABLE | CTL_IMASK, cntv_ctl_el0); /* a fresh rising edge */
        isb();
        write_sysreg(CTL_ENABLE, cntv_ctl_el0);
        isb();
        CHECK_EQ(read_sysreg(ICC_IAR1_EL1), 27);
        write_sysreg(27, ICC_EOIR1_EL1);
        isb();
        unsigned again = (*gicr_sgi(cpu, GICR_ISPENDR0) >> 27) & 1;
        printf("%s-triggered PPI 27 with the line still high: pending after EOI %u\n",
               edge ? "edge" : "level", again);
        CHECK_EQ(again, !edge);
    }
    write_sysreg(0, cntv_ctl_el0);
    *gicr_sgi(cpu, GICR_ICFGR1) = 0;
    *gicr_sgi(cpu, GICR_ICENABLER0) = 1u << 27;
    *gicr_sgi(cpu, GICR_ICPENDR0) = 1u << 27;
    dsb(sy);
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 0xFFFF; /* all SGIs */
    dsb(sy);
    CHECK_EQ(read_sysreg(ICC_SRE_EL1) & 1, 1);
    CHECK_EQ(read_sysreg(ICC_RPR_EL1), 0xFF);
    priority_mask();
    preemption(3);
    preemption(5);
    eoimode1();
    group0_is_fiq();
    level_and_edge();
    return test_summary();
}
