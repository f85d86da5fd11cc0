/*
 * GICv3 access for the gic_* and timer_* guest tests on QEMU's virt board
 * (registers: gicv3.h) and the usual bring-up of a CPU interface (all
 * interrupts in Group 1, delivered as IRQ).
 */
#ifndef GIC_UTIL_H
#define GIC_UTIL_H

#include "gicv3.h"
#include "test.h"

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
