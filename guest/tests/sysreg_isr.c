/*
 * ISR_EL1: the pending IRQ (I, bit 7), FIQ (F, bit 6) and SError (A, bit 8) signals, read while
 * PSTATE masks them so that they stay pending. Physical ones come from the GIC: a Group 1 PPI
 * (IRQ) and a Group 0 SGI (FIQ), both pending and masked. Virtual ones come from HCR_EL2.VI, VF
 * and VSE and from the GIC virtual CPU interface's list registers. At EL1 each class that
 * HCR_EL2.IMO, FMO or AMO routes to EL2 shows its virtual state, the others their physical state;
 * EL2 always sees the physical state, also with E2H and TGE. MSR ISR_EL1 and any access from EL0
 * are UNDEFINED.
 */
#include "gic_util.h"

#define ISR_EL1 SYS_REG(3, 0, 12, 1, 0)
#define ISR_A   (1u << 8)
#define ISR_I   (1u << 7)
#define ISR_F   (1u << 6)

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)
#define HCR_TGE (1ull << 27)
#define HCR_AMO (1ull << 5)
#define HCR_IMO (1ull << 4)
#define HCR_FMO (1ull << 3)
#define HCR_VF  (1ull << 6)
#define HCR_VI  (1ull << 7)
#define HCR_VSE (1ull << 8)

#define LR_PENDING  (1ull << 62)
#define LR_GROUP1   (1ull << 60)
#define LR_PRIO(p)  ((uint64_t)(p) << 48)
#define ICH_HCR_EN  1u
#define VMCR_VENG0  1u
#define VMCR_VENG1  2u
#define VMCR_VPMR_F (0xF8ull << 24)

#define PPI_IRQ 20 /* Group 1: a physical IRQ */
#define SGI_FIQ 7  /* Group 0: a physical FIQ */

static volatile uint64_t isr_value;

static void el1_read_isr(void)
{
    isr_value = read_sysreg(ISR_EL1);
}

/* ISR_EL1 read at EL1 with this HCR_EL2 (PSTATE.{A,I,F} masked: nothing is taken). */
static uint64_t isr_at_el1(uint64_t hcr)
{
    isr_value = ~0ull;
    struct lower_result r = run_at_el1(el1_read_isr, hcr);
    CHECK_EQ(r.taken, 0);
    return isr_value;
}

/* ISR_EL1 read at EL2 with this HCR_EL2. */
static uint64_t isr_at_el2(uint64_t hcr)
{
    write_sysreg(HCR_RW | hcr, hcr_el2);
    isb();
    uint64_t v = read_sysreg(ISR_EL1);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    return v;
}

static void report(const char *what, uint64_t got, uint64_t expected)
{
    printf("%-58s ISR_EL1 0x%03lx\n", what, got);
    CHECK_EQ(got, expected);
}

static void set_physical(bool irq, bool fiq)
{
    unsigned cpu = this_cpu();
    *gicr_sgi(cpu, irq ? GICR_ISPENDR0 : GICR_ICPENDR0) = 1u << PPI_IRQ;
    *gicr_sgi(cpu, fiq ? GICR_ISPENDR0 : GICR_ICPENDR0) = 1u << SGI_FIQ;
    dsb(sy);
    isb();
}

static void nothing_pending(void)
{
    report("nothing pending, EL2", isr_at_el2(0), 0);
    report("nothing pending, EL1", isr_at_el1(0), 0);
    report("nothing pending, EL1, IMO FMO AMO", isr_at_el1(HCR_IMO | HCR_FMO | HCR_AMO), 0);
}

/* Physical IRQ and FIQ: seen at EL2 whatever HCR_EL2 holds, and at EL1 for the classes that
 * EL1 receives (IMO/FMO = 0; with them set the interrupt would be taken to EL2 at once). */
static void physical(void)
{
    set_physical(true, false);
    report("physical IRQ, EL2", isr_at_el2(0), ISR_I);
    report("physical IRQ, EL2, IMO FMO", isr_at_el2(HCR_IMO | HCR_FMO), ISR_I);
    report("physical IRQ, EL2, E2H TGE", isr_at_el2(HCR_E2H | HCR_TGE), ISR_I);
    report("physical IRQ, EL1", isr_at_el1(0), ISR_I);
    report("physical IRQ, EL1, FMO AMO (no virtual FIQ/SError)", isr_at_el1(HCR_FMO | HCR_AMO),
           ISR_I);
    report("physical IRQ, EL1, FMO VF", isr_at_el1(HCR_FMO | HCR_VF), ISR_I | ISR_F);
    set_physical(false, true);
    report("physical FIQ, EL2", isr_at_el2(0), ISR_F);
    report("physical FIQ, EL2, E2H", isr_at_el2(HCR_E2H), ISR_F);
    report("physical FIQ, EL1", isr_at_el1(0), ISR_F);
    report("physical FIQ, EL1, IMO (no virtual IRQ)", isr_at_el1(HCR_IMO), ISR_F);
    report("physical FIQ, EL1, IMO VI", isr_at_el1(HCR_IMO | HCR_VI), ISR_I | ISR_F);
    /* The CPU interface signals only its highest priority pending interrupt: of two at the
     * same priority, the lower INTID (the Group 0 SGI, a FIQ). */
    set_physical(true, true);
    report("physical IRQ and FIQ pending in the GIC, EL2", isr_at_el2(0), ISR_F);
    report("physical IRQ and FIQ pending in the GIC, EL1, AMO VSE", isr_at_el1(HCR_AMO | HCR_VSE),
           ISR_F | ISR_A);
    set_physical(false, false);
}

/* HCR_EL2.VI/VF/VSE: shown at EL1 only when IMO/FMO/AMO route the class to EL2. */
static void hcr_virtual(void)
{
    const uint64_t all = HCR_VI | HCR_VF | HCR_VSE;
    report("VI VF VSE, EL2", isr_at_el2(all), 0);
    report("VI VF VSE, EL2, IMO FMO AMO", isr_at_el2(all | HCR_IMO | HCR_FMO | HCR_AMO), 0);
    report("VI VF VSE, EL1 (no IMO/FMO/AMO)", isr_at_el1(all), 0);
    report("VI, EL1, IMO", isr_at_el1(HCR_VI | HCR_IMO), ISR_I);
    report("VF, EL1, FMO", isr_at_el1(HCR_VF | HCR_FMO), ISR_F);
    report("VSE, EL1, AMO", isr_at_el1(HCR_VSE | HCR_AMO), ISR_A);
    report("VI VF VSE, EL1, IMO FMO AMO", isr_at_el1(all | HCR_IMO | HCR_FMO | HCR_AMO),
           ISR_I | ISR_F | ISR_A);
    report("VI VF VSE, EL1, IMO only", isr_at_el1(all | HCR_IMO), ISR_I);
    report("VI VF VSE, EL1, E2H IMO FMO AMO",
           isr_at_el1(all | HCR_E2H | HCR_IMO | HCR_FMO | HCR_AMO), ISR_I | ISR_F | ISR_A);
}

/* The GIC virtual CPU interface: a pending Group 1 list register is a virtual IRQ, a Group 0 one
 * a virtual FIQ. */
static void gic_virtual(void)
{
    write_sysreg(VMCR_VENG0 | VMCR_VENG1 | VMCR_VPMR_F, ICH_VMCR_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_PRIO(0xA0) | 40, ICH_LR0_EL2);
    isb();
    report("LR Group 1 pending, EL2", isr_at_el2(HCR_IMO | HCR_FMO), 0);
    report("LR Group 1 pending, EL1, IMO FMO", isr_at_el1(HCR_IMO | HCR_FMO), ISR_I);
    report("LR Group 1 pending, EL1, FMO", isr_at_el1(HCR_FMO), 0);
    write_sysreg(LR_PENDING | LR_PRIO(0xA0) | 41, ICH_LR0_EL2);
    isb();
    report("LR Group 0 pending, EL1, IMO FMO", isr_at_el1(HCR_IMO | HCR_FMO), ISR_F);
    report("LR Group 0 pending, EL1, IMO", isr_at_el1(HCR_IMO), 0);
    write_sysreg(0, ICH_HCR_EL2); /* the virtual interface disabled: nothing signalled */
    isb();
    report("LR Group 0 pending, ICH_HCR_EL2.En = 0, EL1, IMO FMO", isr_at_el1(HCR_IMO | HCR_FMO),
           0);
    write_sysreg(0, ICH_LR0_EL2);
    isb();
}

static void el0_read_isr(void)
{
    isr_value = read_sysreg(ISR_EL1);
}

static void el1_write_isr(void)
{
    write_sysreg(0, ISR_EL1);
}

/* MSR ISR_EL1 and EL0 accesses are UNDEFINED (EC 0x00). */
static void undefined_accesses(void)
{
    struct exc_frame f;
    exc_catch_begin();
    write_sysreg(0, ISR_EL1);
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
    struct lower_result r = run_at_el1(el1_write_isr, 0);
    printf("MSR ISR_EL1 at EL2: EC 0x%02lx; at EL1: %u exception(s) at EL%u, EC 0x%02lx\n",
           ESR_EC(f.esr), r.taken, r.last.el, ESR_EC(r.last.esr));
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(ESR_EC(r.last.esr), EC_UNKNOWN);
    r = run_at_el0(el0_read_isr, 0);
    printf("MRS ISR_EL1 at EL0: %u exception(s) at EL%u, EC 0x%02lx\n", r.taken, r.last.el,
           ESR_EC(r.last.esr));
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(ESR_EC(r.last.esr), EC_UNKNOWN);
}

int main(void)
{
    __asm__ volatile("msr daifset, #0xf");
    unsigned cpu = this_cpu();
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(cpu, GICR_IGROUPR0) &= ~(1u << SGI_FIQ);
    *gicr_sgi(cpu, GICR_ISENABLER0) = (1u << PPI_IRQ) | (1u << SGI_FIQ);
    dsb(sy);
    write_sysreg(1, ICC_IGRPEN0_EL1);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    nothing_pending();
    physical();
    hcr_virtual();
    gic_virtual();
    undefined_accesses();
    return test_summary();
}
