/*
 * GIC access for guests under the hypervisor. Device registers are read and written with single
 * plain LDR/STR instructions (as Linux's readl/writel do): a hypervisor emulates an MMIO access
 * from the data abort's instruction syndrome, which load/store pair and writeback forms do not
 * have, so compiler-chosen addressing modes are not good enough here.
 */
#ifndef HYP_GUEST_VGIC_H
#define HYP_GUEST_VGIC_H

#include "gicv3.h"
#include "rt.h"

static inline uint32_t mmio_read32(uint64_t addr)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

static inline uint64_t mmio_read64(uint64_t addr)
{
    uint64_t v;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

static inline uint8_t mmio_read8(uint64_t addr)
{
    uint32_t v;
    __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return (uint8_t)v;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void mmio_write8(uint64_t addr, uint8_t v)
{
    __asm__ volatile("strb %w0, [%1]" : : "rZ"((uint32_t)v), "r"(addr) : "memory");
}

static inline uint64_t gicr_base(unsigned cpu)
{
    return GICR_BASE + cpu * GICR_STRIDE;
}

static inline void vgic_set_prio(unsigned cpu, unsigned intid, uint8_t prio)
{
    mmio_write8(gicr_base(cpu) + GICR_SGI + GICR_IPRIORITYR + intid, prio);
}

static inline unsigned this_cpu(void)
{
    return read_sysreg(mpidr_el1) & 0xff;
}

/* Distributor on (Group 1), this CPU's redistributor awake, PPIs/SGIs at priority 0x80, the CPU
 * interface with priority mask 0xf0 and Group 1 enabled. */
static inline void vgic_cpu_setup(void)
{
    unsigned cpu = this_cpu();
    uint64_t rd = gicr_base(cpu);

    if (cpu == 0) mmio_write32(GICD_BASE + GICD_CTLR, 2);
    mmio_write32(rd + GICR_WAKER, 0);
    while (mmio_read32(rd + GICR_WAKER) & 4)
        ;
    mmio_write32(rd + GICR_SGI + GICR_IGROUPR0, ~0u);
    for (unsigned i = 0; i < 32; i++)
        vgic_set_prio(cpu, i, 0x80);
    write_sysreg(0xf0, ICC_PMR_EL1);
    write_sysreg(0, ICC_BPR1_EL1);
    write_sysreg(0, ICC_CTLR_EL1);
    write_sysreg(1, ICC_IGRPEN1_EL1);
    isb();
}

static inline void vgic_send_sgi(unsigned intid, uint16_t targets)
{
    write_sysreg((uint64_t)intid << 24 | targets, ICC_SGI1R_EL1);
    isb();
}

/* Opens the IRQ window briefly: whatever is pending is taken. */
static inline void irq_window(void)
{
    irq_enable();
    isb();
    irq_disable();
}

/* Sleeps with IRQs masked until *done reaches n, taking interrupts between WFIs. */
static inline bool wait_irqs(volatile unsigned *done, unsigned n, unsigned rounds)
{
    for (unsigned i = 0; i < rounds && *done < n; i++) {
        wfi();
        irq_window();
    }
    return *done >= n;
}

#endif
