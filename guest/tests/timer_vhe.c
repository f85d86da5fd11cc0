/*
 * E2H redirection of the timers (Arm ARM D11.2.3, FEAT_VHE): at EL2 with
 * HCR_EL2.E2H = 1, CNTP_* reach CNTHP_*, CNTV_* reach CNTHV_* and CNTKCTL_EL1
 * reaches CNTHCTL_EL2, while the _EL02 / _EL12 aliases reach the EL1 timers and
 * CNTKCTL_EL1 (and are UNDEFINED with E2H = 0); EL0 in the EL2&0 host reaches the
 * EL2 timers too. CNTVCT has no offset in the host; CNTV_TVAL_EL02 applies
 * CNTVOFF_EL2. The redirected timers interrupt at the EL2 PPIs (26, 28).
 */
#include "gic_util.h"
#include "timer_util.h"

static volatile unsigned irqs, last_intid;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    last_intid = intid;
    write_sysreg(CTL_IMASK, cntp_ctl_el0); /* E2H = 1: the EL2 timers */
    write_sysreg(CTL_IMASK, cntv_ctl_el0);
    isb();
    write_sysreg(intid, ICC_EOIR1_EL1);
    irqs++;
}

static void set_e2h(bool on)
{
    write_sysreg(HCR_RW | HCR_IMO | HCR_FMO | (on ? HCR_E2H : 0), hcr_el2);
    isb();
}

static void aliases_undefined_without_e2h(void)
{
    struct exc_frame f;
    exc_catch_begin();
    (void)read_sysreg(CNTP_CTL_EL02);
    (void)read_sysreg(CNTV_CVAL_EL02);
    (void)read_sysreg(CNTKCTL_EL12);
    write_sysreg(0, CNTV_TVAL_EL02);
    unsigned n = exc_catch_end(&f);
    printf("_EL02/_EL12 with E2H = 0: %u exceptions, EC 0x%02lx\n", n, ESR_EC(f.esr));
    CHECK_EQ(n, 4);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
}

static volatile uint64_t el0_seen;
static void el0_reads_cntp_cval(void)
{
    el0_seen = read_sysreg(cntp_cval_el0);
}

static void redirections(void)
{
    set_e2h(true);
    write_sysreg(0x1111, cntp_cval_el0);  /* CNTHP_CVAL_EL2 */
    write_sysreg(0x2222, CNTP_CVAL_EL02); /* the EL1 physical timer */
    write_sysreg(0x3333, cntv_cval_el0);  /* CNTHV_CVAL_EL2 */
    write_sysreg(0x4444, CNTV_CVAL_EL02); /* the EL1 virtual timer */
    write_sysreg(0xC03, cntkctl_el1);     /* CNTHCTL_EL2 */
    write_sysreg(0x303, CNTKCTL_EL12);    /* CNTKCTL_EL1 */
    write_sysreg(CTL_IMASK, cntp_ctl_el0);
    write_sysreg(CTL_ENABLE | CTL_IMASK, CNTP_CTL_EL02);
    isb();
    CHECK_EQ(read_sysreg(cnthp_cval_el2), 0x1111);
    CHECK_EQ(read_sysreg(CNTHV_CVAL_EL2), 0x3333);
    CHECK_EQ(read_sysreg(cnthctl_el2), 0xC03);
    CHECK_EQ(read_sysreg(CNTP_CVAL_EL02), 0x2222);
    CHECK_EQ(read_sysreg(CNTKCTL_EL12), 0x303);
    CHECK_EQ(read_sysreg(cnthp_ctl_el2), CTL_IMASK);
    CHECK_EQ(read_sysreg(CNTP_CTL_EL02), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);

    /* EL0 in the host: CNTP_CVAL_EL0 is CNTHP_CVAL_EL2 (EL0PTEN = CNTHCTL_EL2[9]). */
    el0_seen = 0;
    write_sysreg(0x303, cnthctl_el2);
    struct lower_result r = run_at_el0(el0_reads_cntp_cval, HCR_E2H | HCR_TGE);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el0_seen, 0x1111);

    set_e2h(false);
    CHECK_EQ(read_sysreg(cntp_cval_el0), 0x2222);
    CHECK_EQ(read_sysreg(cntv_cval_el0), 0x4444);
    CHECK_EQ(read_sysreg(cnthp_cval_el2), 0x1111);
    CHECK_EQ(read_sysreg(CNTHV_CVAL_EL2), 0x3333);
    CHECK_EQ(read_sysreg(cntkctl_el1), 0x303);
    printf("E2H redirections checked\n");
    write_sysreg(3, cnthctl_el2);
    write_sysreg(0, cntkctl_el1);
    write_sysreg(0, cntp_ctl_el0);
}

/* CNTVOFF_EL2 applies to CNTVCT at EL2 only without E2H, and always to the EL1
 * virtual timer, also through CNTV_TVAL_EL02. */
static void virtual_offset(void)
{
    const uint64_t off = 1ull << 40;
    write_sysreg(off, cntvoff_el2);
    set_e2h(false);
    uint64_t v = read_sysreg(cntvct_el0), p = read_sysreg(cntpct_el0);
    CHECK(p - v >= off && p - v < off + 1000000000);
    set_e2h(true);
    v = read_sysreg(cntvct_el0);
    p = read_sysreg(cntpct_el0);
    CHECK(p - v < 1000000000);
    uint64_t virt_now = read_sysreg(cntpct_el0) - off;
    write_sysreg(virt_now + (1ull << 30), CNTV_CVAL_EL02);
    isb();
    int32_t tval = (int32_t)read_sysreg(CNTV_TVAL_EL02);
    CHECK(tval > 0 && tval <= (1 << 30));
    write_sysreg(1u << 30, CNTV_TVAL_EL02);
    isb();
    uint64_t cval = read_sysreg(CNTV_CVAL_EL02);
    CHECK(cval >= virt_now + (1ull << 30) && cval < virt_now + (1ull << 31));
    set_e2h(false);
    write_sysreg(0, cntvoff_el2);
    printf("CNTVOFF_EL2 with and without E2H checked\n");
}

/* With E2H = 1, the EL0 encodings drive the EL2 timers and their PPIs. */
static void redirected_interrupts(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    set_e2h(true);
    *gicr_sgi(0, GICR_ISENABLER0) = (1u << 26) | (1u << 28) | (1u << 27) | (1u << 30);
    dsb(sy);
    irqs = 0;
    write_sysreg(1000000, cntp_tval_el0);
    write_sysreg(CTL_ENABLE, cntp_ctl_el0);
    isb();
    CHECK(wait_for_irq(&irqs, 1000));
    printf("CNTP_* at EL2 with E2H: INTID %u\n", last_intid);
    CHECK_EQ(last_intid, 26);
    irqs = 0;
    write_sysreg(1000000, cntv_tval_el0);
    write_sysreg(CTL_ENABLE, cntv_ctl_el0);
    isb();
    CHECK(wait_for_irq(&irqs, 1000));
    printf("CNTV_* at EL2 with E2H: INTID %u\n", last_intid);
    CHECK_EQ(last_intid, 28);
    write_sysreg(0, cntp_ctl_el0);
    write_sysreg(0, cntv_ctl_el0);
    set_e2h(false);
}

int main(void)
{
    aliases_undefined_without_e2h();
    redirections();
    virtual_offset();
    redirected_interrupts();
    return test_summary();
}
