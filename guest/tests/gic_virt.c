/*
 * GICv3 virtualization: an EL2 program injects virtual interrupts into code at EL1
 * through the list registers, and EL1's ICC_* accesses (HCR_EL2.IMO/FMO = 1) are
 * the virtual CPU interface ICV_*. Covers the EOI maintenance interrupt (INTID 25)
 * with ICH_MISR/EISR/ELRSR, the virtual priority mask, EOImode 1 (VEOIM) with
 * ICV_DIR_EL1, EOIcount for an EOI that matches no list register, the underflow
 * maintenance interrupt, a hardware LR deactivating its physical interrupt, and
 * HCR_EL2.VI/VF.
 */
#include "gic_util.h"

#define LR_PENDING   (1ull << 62)
#define LR_ACTIVE    (1ull << 63)
#define LR_HW        (1ull << 61)
#define LR_GROUP1    (1ull << 60)
#define LR_EOI       (1ull << 41)
#define LR_PRIO(p)   ((uint64_t)(p) << 48)
#define LR_PINTID(n) ((uint64_t)(n) << 32)

#define ICH_HCR_EN   1u
#define ICH_HCR_UIE  2u
#define VMCR_VENG0   1u
#define VMCR_VENG1   2u
#define VMCR_VEOIM   (1u << 9)
#define VMCR_VPMR(p) ((uint64_t)(p) << 24)

#define HCR_RW  (1ull << 31)
#define HCR_IMO (1ull << 4)
#define HCR_FMO (1ull << 3)
#define HCR_VF  (1ull << 6)
#define HCR_VI  (1ull << 7)

enum el1_mode { EOI_AT_ONCE, LEAVE_ACTIVE, WRONG_EOI, MASK_AND_RETURN };
static volatile enum el1_mode mode;
static volatile unsigned el1_irqs, el1_fiqs, el1_intid, el2_irqs, el2_intid;
static volatile uint64_t el1_rpr, misr, eisr, elrsr;

static void irq_handler(struct exc_frame *f)
{
    if (f->el == 2) {
        /* The physical interrupt at EL2: the maintenance interrupt (or an SGI). */
        unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
        el2_intid = intid;
        el2_irqs++;
        if (intid == 25) {
            misr = read_sysreg(ICH_MISR_EL2);
            eisr = read_sysreg(ICH_EISR_EL2);
            elrsr = read_sysreg(ICH_ELRSR_EL2);
            write_sysreg(0, ICH_LR0_EL2); /* the hypervisor retires the LR */
            write_sysreg(read_sysreg(ICH_HCR_EL2) & ~(uint64_t)ICH_HCR_UIE, ICH_HCR_EL2);
            isb();
        }
        write_sysreg(intid, ICC_EOIR1_EL1);
        isb();
        return;
    }
    /* At EL1: ICV_IAR1_EL1 acknowledges the highest priority pending list register. */
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    el1_intid = intid;
    el1_rpr = read_sysreg(ICC_RPR_EL1);
    el1_irqs++;
    switch (mode) {
    case EOI_AT_ONCE: write_sysreg(intid, ICC_EOIR1_EL1); break;
    case LEAVE_ACTIVE: break;
    case WRONG_EOI: write_sysreg(intid + 1, ICC_EOIR1_EL1); break;
    case MASK_AND_RETURN: f->spsr |= 3u << 6; break; /* HCR_EL2.VI/VF stay set */
    }
    isb();
}

static void fiq_handler(struct exc_frame *f)
{
    el1_fiqs++;
    el1_intid = read_sysreg(ICC_IAR0_EL1) & 0xFFFFFF; /* ICV_IAR0_EL1 */
    f->spsr |= 3u << 6;
}

/* EL1 code: open the interrupt window for a moment. */
static void el1_window(void)
{
    __asm__ volatile("msr daifclr, #3\n\tisb\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
}

static volatile uint64_t el1_hppir, el1_iar, el1_after_eoi_rpr;
static void el1_peek(void)
{
    el1_hppir = read_sysreg(ICC_HPPIR1_EL1);
    el1_iar = read_sysreg(ICC_IAR1_EL1);
}

static void el1_deactivate(void)
{
    el1_after_eoi_rpr = read_sysreg(ICC_RPR_EL1);
    write_sysreg(el1_intid, ICC_EOIR1_EL1); /* VEOIM: priority drop only */
    isb();
    el1_after_eoi_rpr = read_sysreg(ICC_RPR_EL1);
    write_sysreg(el1_intid, ICC_DIR_EL1);
    isb();
}

static void run_guest(void (*fn)(void))
{
    struct lower_result r = run_at_el1(fn, HCR_IMO | HCR_FMO);
    CHECK_EQ(r.taken, 0);
}

static void reset_counts(void)
{
    el1_irqs = el1_fiqs = el2_irqs = 0;
    el1_intid = el2_intid = GIC_SPURIOUS;
    misr = eisr = elrsr = ~0ull;
}

static void inject_with_eoi_maintenance(void)
{
    reset_counts();
    mode = EOI_AT_ONCE;
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_EOI | LR_PRIO(0xA0) | 42, ICH_LR0_EL2);
    isb();
    CHECK_EQ(read_sysreg(ICH_ELRSR_EL2), 0xE);
    run_guest(el1_window);
    printf("LR0 vINTID 42: EL1 took %u IRQ, INTID %u, running priority 0x%lx\n", el1_irqs,
           el1_intid, el1_rpr);
    printf("  maintenance at EL2: %u IRQ, INTID %u, MISR 0x%lx EISR 0x%lx ELRSR 0x%lx\n", el2_irqs,
           el2_intid, misr, eisr, elrsr);
    CHECK_EQ(el1_intid, 42);
    CHECK_EQ(el2_intid, 25);
    CHECK_EQ(read_sysreg(ICH_LR0_EL2), 0);
    CHECK_EQ(read_sysreg(ICH_ELRSR_EL2), 0xF);
    CHECK_EQ(read_sysreg(ICH_MISR_EL2), 0);
}

static void virtual_priority_mask(void)
{
    reset_counts();
    mode = EOI_AT_ONCE;
    write_sysreg(VMCR_VENG1 | VMCR_VPMR(0xA0), ICH_VMCR_EL2);
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_PRIO(0xA0) | 43, ICH_LR0_EL2);
    isb();
    run_guest(el1_window);
    run_guest(el1_peek);
    printf("VPMR 0xA0, LR priority 0xA0: %u IRQ, HPPIR %lu, IAR %lu\n", el1_irqs, el1_hppir,
           el1_iar);
    CHECK_EQ(el1_irqs, 0);
    write_sysreg(VMCR_VENG1 | VMCR_VPMR(0xF8), ICH_VMCR_EL2);
    isb();
    run_guest(el1_window);
    printf("VPMR 0xF8: %u IRQ, INTID %u; LR0 0x%lx\n", el1_irqs, el1_intid,
           read_sysreg(ICH_LR0_EL2));
    CHECK_EQ(el1_intid, 43);
    CHECK_EQ(read_sysreg(ICH_LR0_EL2), LR_GROUP1 | LR_PRIO(0xA0) | 43); /* invalid, no EOI */
    write_sysreg(0, ICH_LR0_EL2);
}

static void eoimode1_and_dir(void)
{
    reset_counts();
    mode = LEAVE_ACTIVE;
    write_sysreg(VMCR_VENG1 | VMCR_VEOIM | VMCR_VPMR(0xF8), ICH_VMCR_EL2);
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_EOI | LR_PRIO(0x90) | 44, ICH_LR0_EL2);
    isb();
    run_guest(el1_window);
    CHECK_EQ(el1_intid, 44);
    uint64_t active_lr = read_sysreg(ICH_LR0_EL2);
    CHECK_EQ(read_sysreg(ICH_AP1R0_EL2), 1u << (0x90 >> 3));
    run_guest(el1_deactivate);
    printf("VEOIM: LR0 state %lu after IAR, running priority 0x%lx after EOIR, "
           "maintenance INTID %u after DIR\n",
           active_lr >> 62, el1_after_eoi_rpr, el2_intid);
    CHECK_EQ(active_lr >> 62, 2); /* active */
    CHECK_EQ(el1_after_eoi_rpr, 0xFF);
    CHECK_EQ(el2_intid, 25);
    write_sysreg(VMCR_VENG1 | VMCR_VPMR(0xF8), ICH_VMCR_EL2);
}

static void eoicount(void)
{
    reset_counts();
    mode = WRONG_EOI;
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_PRIO(0xA0) | 45, ICH_LR0_EL2);
    isb();
    run_guest(el1_window);
    uint64_t hcr = read_sysreg(ICH_HCR_EL2);
    printf("EOI of an INTID in no LR: ICH_HCR_EL2 0x%lx, LR0 state %lu, AP1R0 0x%lx\n", hcr,
           read_sysreg(ICH_LR0_EL2) >> 62, read_sysreg(ICH_AP1R0_EL2));
    CHECK_EQ(hcr >> 27, 1);
    write_sysreg(0, ICH_LR0_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
}

static void underflow(void)
{
    reset_counts();
    write_sysreg(read_sysreg(hcr_el2) | HCR_IMO, hcr_el2);
    write_sysreg(ICH_HCR_EN | ICH_HCR_UIE, ICH_HCR_EL2);
    isb();
    CHECK(wait_for_irq(&el2_irqs, 10));
    printf("ICH_HCR_EL2.UIE with no valid LR: maintenance INTID %u, MISR 0x%lx\n", el2_intid, misr);
    CHECK_EQ(misr, 2);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
}

/* An LR with HW = 1: the guest's EOI deactivates the physical SGI 9 EL2 left active. */
static void hardware_lr(void)
{
    reset_counts();
    write_sysreg(read_sysreg(hcr_el2) | HCR_IMO, hcr_el2);
    write_sysreg(2, ICC_CTLR_EL1); /* EOImode 1 at EL2 */
    isb();
    gic_send_sgi1(9, 1);
    CHECK(wait_for_irq(&el2_irqs, 10)); /* EL2 acknowledges and drops priority */
    CHECK_EQ(el2_intid, 9);
    CHECK((*gicr_sgi(0, GICR_ISACTIVER0) >> 9) & 1);
    write_sysreg(HCR_RW, hcr_el2);
    mode = EOI_AT_ONCE;
    write_sysreg(LR_PENDING | LR_HW | LR_GROUP1 | LR_PRIO(0xA0) | LR_PINTID(9) | 46, ICH_LR0_EL2);
    isb();
    run_guest(el1_window);
    unsigned still_active = (*gicr_sgi(0, GICR_ISACTIVER0) >> 9) & 1;
    printf("HW LR vINTID 46 -> pINTID 9: EL1 took INTID %u, physical SGI active after %u\n",
           el1_intid, still_active);
    CHECK_EQ(still_active, 0);
    write_sysreg(0, ICC_CTLR_EL1);
    write_sysreg(0, ICH_LR0_EL2);
}

static void hcr_virtual_irq_fiq(void)
{
    reset_counts();
    mode = MASK_AND_RETURN;
    struct lower_result r = run_at_el1(el1_window, HCR_IMO | HCR_VI);
    printf("HCR_EL2.VI: %u IRQ at EL1, ICV_IAR1 %u\n", el1_irqs, el1_intid);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el1_irqs, 1);
    reset_counts();
    r = run_at_el1(el1_window, HCR_FMO | HCR_VF);
    printf("HCR_EL2.VF: %u FIQ at EL1, ICV_IAR0 %u\n", el1_fiqs, el1_intid);
    CHECK_EQ(el1_fiqs, 1);
    reset_counts();
    r = run_at_el1(el1_window, HCR_VI); /* IMO = 0: not signalled */
    CHECK_EQ(el1_irqs, 0);
}

int main(void)
{
    set_irq_handler(irq_handler);
    set_exception_handler(EXC_FIQ, fiq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(0, GICR_ISENABLER0) = (1u << 25) | (1u << 9); /* maintenance, SGI 9 */
    dsb(sy);
    write_sysreg(HCR_RW, hcr_el2);
    printf("ICH_VTR_EL2 0x%lx\n", read_sysreg(ICH_VTR_EL2));
    write_sysreg(VMCR_VENG1 | VMCR_VPMR(0xF8), ICH_VMCR_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
    isb();
    inject_with_eoi_maintenance();
    virtual_priority_mask();
    eoimode1_and_dir();
    eoicount();
    underflow();
    hardware_lr();
    hcr_virtual_irq_fiq();
    write_sysreg(0, ICH_HCR_EL2);
    return test_summary();
}
