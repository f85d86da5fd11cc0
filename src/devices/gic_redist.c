/*
 * GICv3 redistributors, GICR_* (IHI 0069 12.10, 12.11): one 128 KiB block per CPU,
 * an RD_base frame (control, identification, power) followed by an SGI_base frame
 * (the SGI and PPI state). No LPIs. Reserved offsets and unsupported access sizes are
 * RAZ/WI (byte access: GICR_IPRIORITYR<n> only; 64-bit: GICR_TYPER only). Accesses arrive
 * naturally aligned: the bus splits unaligned ones (bus_mmio_access).
 */
#include "devices/gic_internal.h"

enum {
    GICR_CTLR = 0x0000,
    GICR_IIDR = 0x0004,
    GICR_TYPER = 0x0008,
    GICR_WAKER = 0x0014,
    GICR_IDREGS = 0xFFD0,
    SGI_BASE = 0x10000,
    GICR_IGROUPR0 = 0x0080,
    GICR_BANK_END = 0x0400,
    GICR_IPRIORITYR = 0x0400,
    GICR_ICFGR0 = 0x0C00,
    GICR_ICFGR1 = 0x0C04,
};

#define WAKER_PROCESSOR_SLEEP (1u << 1)
#define WAKER_CHILDREN_ASLEEP (1u << 2)

/* GICR_TYPER: affinity [63:32], Processor_Number [23:8], Last [4] for the last
 * redistributor of the region (guests stop their frame scan there). */
static uint64_t gicr_typer(const gic_t *g, unsigned cpu)
{
    return (uint64_t)gic_cpu_affinity(cpu) << 32 | (uint64_t)cpu << 8 |
           (cpu == g->ncpus - 1 ? 1u << 4 : 0);
}

static bool bank_reg(uint64_t off)
{
    return off >= GICR_IGROUPR0 && off < GICR_BANK_END && (off & 0x7F) == 0;
}

static uint64_t rd_frame_read(gic_t *g, unsigned cpu, uint64_t off, unsigned size)
{
    if (off == GICR_TYPER && size == 8) return gicr_typer(g, cpu);
    if (size != 4) return 0;
    switch (off) {
    case GICR_IIDR: return GIC_IIDR;
    case GICR_TYPER: return (uint32_t)gicr_typer(g, cpu);
    case GICR_TYPER + 4: return gicr_typer(g, cpu) >> 32;
    case GICR_WAKER: return g->rd[cpu].waker;
    default: return off >= GICR_IDREGS ? gic_idreg(off) : 0;
    }
}

static uint64_t sgi_frame_read(gic_t *g, unsigned cpu, uint64_t off, unsigned size)
{
    gic_redist_t *rd = &g->rd[cpu];
    if (off >= GICR_IPRIORITYR && off + size <= GICR_IPRIORITYR + 32 && (size == 1 || size == 4)) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint64_t)rd->prio[off - GICR_IPRIORITYR + i] << (8 * i);
        return v;
    }
    if (size != 4) return 0;
    if (bank_reg(off)) return gic_bank_read(&rd->bank, off);
    if (off == GICR_ICFGR0) return gic_cfg_read(&rd->bank, 0);
    if (off == GICR_ICFGR1) return gic_cfg_read(&rd->bank, 16);
    return 0;
}

bool gic_redist_read(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t *val)
{
    gic_t *g = opaque;
    (void)cpu;
    unsigned target = (unsigned)(off / VIRT_REDIST_STRIDE);
    off %= VIRT_REDIST_STRIDE;
    *val = off < SGI_BASE ? rd_frame_read(g, target, off, size)
                          : sgi_frame_read(g, target, off - SGI_BASE, size);
    return true;
}

static void sgi_frame_write(gic_t *g, unsigned cpu, uint64_t off, unsigned size, uint64_t val)
{
    gic_redist_t *rd = &g->rd[cpu];
    if (off >= GICR_IPRIORITYR && off + size <= GICR_IPRIORITYR + 32 && (size == 1 || size == 4)) {
        for (unsigned i = 0; i < size; i++)
            rd->prio[off - GICR_IPRIORITYR + i] = (uint8_t)(val >> (8 * i));
    } else if (size != 4) {
        return;
    } else if (bank_reg(off)) {
        gic_bank_write(&rd->bank, off, (uint32_t)val);
    } else if (off == GICR_ICFGR1) {
        gic_cfg_write(&rd->bank, 16, (uint32_t)val); /* PPIs; SGIs stay edge-triggered */
    } else {
        return;
    }
    gic_update(g, cpu);
}

bool gic_redist_write(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t val)
{
    gic_t *g = opaque;
    (void)cpu;
    unsigned target = (unsigned)(off / VIRT_REDIST_STRIDE);
    off %= VIRT_REDIST_STRIDE;
    if (off >= SGI_BASE) {
        sgi_frame_write(g, target, off - SGI_BASE, size, val);
    } else if (off == GICR_WAKER && size == 4) {
        /* Only ProcessorSleep is writable; the interface quiesces at once, so
         * ChildrenAsleep follows it. */
        g->rd[target].waker =
            val & WAKER_PROCESSOR_SLEEP ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
    }
    return true;
}
