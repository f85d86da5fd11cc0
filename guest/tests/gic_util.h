/*
 * GICv3 access for the gic_* and timer_* guest tests on QEMU's virt board: the
 * distributor and redistributor frames, the ICC_* registers, and the usual
 * bring-up of a CPU interface (all interrupts in Group 1, delivered as IRQ).
 */
#ifndef GIC_UTIL_H
#define GIC_UTIL_H

#include "test.h"

#define GICD_BASE   0x08000000ul
#define GICR_BASE   0x080A0000ul
#define GICR_STRIDE 0x20000ul
#define GICR_SGI    0x10000ul /* SGI_base frame, after RD_base */

#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR      0x0C00
#define GICD_IROUTER    0x6000

#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define GICR_IGROUPR0   0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0   0x0200
#define GICR_ICPENDR0   0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR1     0x0C04

#define ICC_PMR_EL1     SYS_REG(3, 0, 4, 6, 0)
#define ICC_IAR0_EL1    SYS_REG(3, 0, 12, 8, 0)
#define ICC_EOIR0_EL1   SYS_REG(3, 0, 12, 8, 1)
#define ICC_HPPIR0_EL1  SYS_REG(3, 0, 12, 8, 2)
#define ICC_BPR0_EL1    SYS_REG(3, 0, 12, 8, 3)
#define ICC_AP0R0_EL1   SYS_REG(3, 0, 12, 8, 4)
#define ICC_AP1R0_EL1   SYS_REG(3, 0, 12, 9, 0)
#define ICC_DIR_EL1     SYS_REG(3, 0, 12, 11, 1)
#define ICC_RPR_EL1     SYS_REG(3, 0, 12, 11, 3)
#define ICC_SGI1R_EL1   SYS_REG(3, 0, 12, 11, 5)
#define ICC_SGI0R_EL1   SYS_REG(3, 0, 12, 11, 7)
#define ICC_IAR1_EL1    SYS_REG(3, 0, 12, 12, 0)
#define ICC_EOIR1_EL1   SYS_REG(3, 0, 12, 12, 1)
#define ICC_HPPIR1_EL1  SYS_REG(3, 0, 12, 12, 2)
#define ICC_BPR1_EL1    SYS_REG(3, 0, 12, 12, 3)
#define ICC_CTLR_EL1    SYS_REG(3, 0, 12, 12, 4)
#define ICC_SRE_EL1     SYS_REG(3, 0, 12, 12, 5)
#define ICC_IGRPEN0_EL1 SYS_REG(3, 0, 12, 12, 6)
#define ICC_IGRPEN1_EL1 SYS_REG(3, 0, 12, 12, 7)
#define ICC_SRE_EL2     SYS_REG(3, 4, 12, 9, 5)

#define ICH_AP0R0_EL2 SYS_REG(3, 4, 12, 8, 0)
#define ICH_AP1R0_EL2 SYS_REG(3, 4, 12, 9, 0)
#define ICH_HCR_EL2   SYS_REG(3, 4, 12, 11, 0)
#define ICH_VTR_EL2   SYS_REG(3, 4, 12, 11, 1)
#define ICH_MISR_EL2  SYS_REG(3, 4, 12, 11, 2)
#define ICH_EISR_EL2  SYS_REG(3, 4, 12, 11, 3)
#define ICH_ELRSR_EL2 SYS_REG(3, 4, 12, 11, 5)
#define ICH_VMCR_EL2  SYS_REG(3, 4, 12, 11, 7)
#define ICH_LR0_EL2   SYS_REG(3, 4, 12, 12, 0)
#define ICH_LR1_EL2   SYS_REG(3, 4, 12, 12, 1)

#define GIC_SPURIOUS 1023

static inline volatile uint32_t *gicd(unsigned off)
{
    return (volatile uint32_t *)(GICD_BASE + off);
}

static inline volatile uint32_t *gicr(unsigned cpu, unsigned off)
{
    return (volatile uint32_t *)(GICR_BASE + cpu * GICR_STRIDE + off);
}

static inline volatile uint32_t *gicr_sgi(unsigned cpu, unsigned off)
{
    return gicr(cpu, GICR_SGI + off);
}

static inline unsigned this_cpu(void)
{
    return read_sysreg(mpidr_el1) & 0xFF;
}

/* Byte access to the 8-bit priority fields. */
static inline void gicr_set_prio(unsigned cpu, unsigned intid, uint8_t prio)
{
    *(volatile uint8_t *)(GICR_BASE + cpu * GICR_STRIDE + GICR_SGI + GICR_IPRIORITYR + intid) =
        prio;
}

static inline void gicd_set_prio(unsigned intid, uint8_t prio)
{
    *(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + intid) = prio;
}

/* The distributor forwards both groups (affinity routing is always on). */
static inline void gic_dist_enable(void)
{
    *gicd(GICD_CTLR) = 3; /* EnableGrp0 | EnableGrp1 */
    dsb(sy);
}

/*
 * This CPU's redistributor awake, its SGIs and PPIs in Group 1 at priority 0x80,
 * the CPU interface with priority mask 0xF0, EOImode 0, Group 1 enabled. At EL2,
 * physical interrupts are routed to EL2 (HCR_EL2.IMO/FMO) so they are taken here.
 */
static inline void gic_cpu_enable(void)
{
    unsigned cpu = this_cpu();
    *gicr(cpu, GICR_WAKER) = 0;
    while (*gicr(cpu, GICR_WAKER) & 4) {
    }
    *gicr_sgi(cpu, GICR_IGROUPR0) = ~0u;
    for (unsigned i = 0; i < 32; i++)
        gicr_set_prio(cpu, i, 0x80);
    dsb(sy);
    write_sysreg(0xF0, ICC_PMR_EL1);
    write_sysreg(0, ICC_BPR1_EL1);
    write_sysreg(0, ICC_CTLR_EL1);
    write_sysreg(1, ICC_IGRPEN1_EL1);
    if (current_el() == 2)
        write_sysreg(read_sysreg(hcr_el2) | (1ull << 4) | (1ull << 3), hcr_el2); /* IMO | FMO */
    isb();
}

/* SGI intid to the CPUs of targetlist (Aff0 bits; Aff1-3 = 0) with ICC_SGI1R_EL1. */
static inline void gic_send_sgi1(unsigned intid, uint16_t targetlist)
{
    write_sysreg(((uint64_t)intid << 24) | targetlist, ICC_SGI1R_EL1);
    isb();
}

/*
 * Sleeps with IRQs masked until *done is set, taking pending interrupts between
 * WFIs (no wake-up can be lost). Gives up after `rounds` wake-ups.
 */
static inline bool wait_for_irq(volatile unsigned *done, unsigned rounds)
{
    for (unsigned i = 0; i < rounds && !*done; i++) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
    return *done != 0;
}

#endif
