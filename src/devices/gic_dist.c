/*
 * GICv3 distributor frame, GICD_* (IHI 0069 12.9), with affinity routing always
 * enabled and a single Security state: the registers of INTIDs 0-31 are RAZ/WI
 * here (the redistributors hold them), as are GICD_ITARGETSR, GICD_SGIR and the
 * Security registers. Reserved offsets and unsupported access sizes are RAZ/WI: of
 * the registers implemented here, IHI 0069 makes GICD_IPRIORITYR<n> byte-accessible
 * and GICD_IROUTER<n> 64-bit accessible, all of them word-accessible. Accesses arrive
 * naturally aligned: the bus splits unaligned ones (bus_mmio_access).
 */
#include "devices/gic_internal.h"

enum {
    GICD_CTLR = 0x0000,
    GICD_TYPER = 0x0004,
    GICD_IIDR = 0x0008,
    GICD_IGROUPR = 0x0080,
    GICD_BANK_END = 0x0400, /* IGROUPR .. ICACTIVER */
    GICD_IPRIORITYR = 0x0400,
    GICD_ICFGR = 0x0C00,
    GICD_IROUTER = 0x6000,
    GICD_IDREGS = 0xFFD0,
};

/* GICD_TYPER: No1N [25], A3V [24], IDbits [23:19] = 15, ITLinesNumber [4:0]; no LPIs, no MBIS. */
#define GICD_TYPER_VALUE ((1u << 25) | (1u << 24) | (15u << 19) | (GIC_NUM_IRQS / 32 - 1))

/* IROUTER fields: Aff0-Aff2 [23:0], IRM [31], Aff3 [39:32]. */
#define IROUTER_MASK 0xFF80FFFFFFull

/* PIDR4-7, PIDR0-3, CIDR0-3 at 0xFFD0-0xFFFC: an Arm GICv3 (PIDR2.ArchRev [7:4] = 3). */
static const uint8_t gic_idregs[12] = {0x44, 0, 0, 0, 0x92, 0xB4, 0x3B, 0, 0x0D, 0xF0, 0x05, 0xB1};

uint32_t gic_idreg(uint64_t off)
{
    return gic_idregs[(off - GICD_IDREGS) / 4];
}

/* The 1-bit-per-INTID registers (IGROUPR, IS/ICENABLER, IS/ICPENDR, IS/ICACTIVER):
 * `off` selects the register kind in bits [9:7]. */
uint32_t gic_bank_read(const gic_bank_t *b, uint64_t off)
{
    switch (off >> 7) {
    case 1: return b->group;
    case 2:
    case 3: return b->enable;
    case 4:
    case 5: return b->pending | (b->level & ~b->edge); /* a level input pends while asserted */
    default: return b->active;
    }
}

void gic_bank_write(gic_bank_t *b, uint64_t off, uint32_t v)
{
    switch (off >> 7) {
    case 1: b->group = v; break;
    case 2: b->enable |= v; break;
    case 3: b->enable &= ~v; break;
    case 4: b->pending |= v; break;
    case 5: b->pending &= ~v; break;
    case 6: b->active |= v; break;
    default: b->active &= ~v; break;
    }
}

/* GICx_ICFGR: two bits per INTID, bit 2k+1 set for edge-triggered; `first` is the
 * INTID of bit 0 within the bank. */
uint32_t gic_cfg_read(const gic_bank_t *b, unsigned first)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < 16; k++)
        if (gic_test(b->edge, first + k)) v |= 2u << (2 * k);
    return v;
}

void gic_cfg_write(gic_bank_t *b, unsigned first, uint32_t v)
{
    for (unsigned k = 0; k < 16; k++) {
        uint32_t m = gic_bit(first + k);
        b->edge = (v >> (2 * k + 1)) & 1 ? b->edge | m : b->edge & ~m;
    }
}

static bool is_spi_word(uint64_t word_index)
{
    return word_index >= 1 && word_index < GIC_NUM_IRQS / 32;
}

bool gic_dist_read(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t *val)
{
    gic_t *g = opaque;
    (void)cpu;
    *val = 0;
    if (off >= GICD_IPRIORITYR && off + size <= GICD_IPRIORITYR + GIC_NUM_IRQS &&
        (size == 1 || size == 4)) {
        for (unsigned i = 0; i < size; i++) {
            unsigned intid = (unsigned)(off - GICD_IPRIORITYR) + i;
            if (intid >= 32) *val |= (uint64_t)g->spi_prio[intid] << (8 * i);
        }
        return true;
    }
    if (off >= GICD_IROUTER + 32 * 8 && off + size <= GICD_IROUTER + GIC_NUM_IRQS * 8 &&
        (size == 8 || size == 4)) {
        uint64_t r = g->irouter[(off - GICD_IROUTER) / 8];
        *val = size == 8 ? r : (off & 4) ? r >> 32 : (uint32_t)r;
        return true;
    }
    if (size != 4) return true;
    if (off == GICD_CTLR)
        *val = g->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
    else if (off == GICD_TYPER)
        *val = GICD_TYPER_VALUE;
    else if (off == GICD_IIDR)
        *val = GIC_IIDR;
    else if (off >= GICD_IGROUPR && off < GICD_BANK_END && is_spi_word((off & 0x7F) / 4))
        *val = gic_bank_read(&g->spi[(off & 0x7F) / 4], off);
    else if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + GIC_NUM_IRQS / 4) {
        unsigned first = (unsigned)(off - GICD_ICFGR) * 4;
        *val = gic_cfg_read(&g->spi[first / 32], first);
    } else if (off >= GICD_IDREGS)
        *val = gic_idreg(off);
    return true;
}

bool gic_dist_write(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t val)
{
    gic_t *g = opaque;
    (void)cpu;
    if (off >= GICD_IPRIORITYR && off + size <= GICD_IPRIORITYR + GIC_NUM_IRQS &&
        (size == 1 || size == 4)) {
        for (unsigned i = 0; i < size; i++) {
            unsigned intid = (unsigned)(off - GICD_IPRIORITYR) + i;
            if (intid >= 32) g->spi_prio[intid] = (uint8_t)(val >> (8 * i));
        }
    } else if (off >= GICD_IROUTER + 32 * 8 && off + size <= GICD_IROUTER + GIC_NUM_IRQS * 8 &&
               (size == 8 || size == 4)) {
        uint64_t *r = &g->irouter[(off - GICD_IROUTER) / 8];
        if (size == 8)
            *r = val & IROUTER_MASK;
        else if (off & 4)
            *r = ((*r & 0xFFFFFFFFull) | (val << 32)) & IROUTER_MASK;
        else
            *r = ((*r & ~0xFFFFFFFFull) | (uint32_t)val) & IROUTER_MASK;
    } else if (size != 4) {
        return true;
    } else if (off == GICD_CTLR) {
        g->ctlr = (uint32_t)val & (GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1);
    } else if (off >= GICD_IGROUPR && off < GICD_BANK_END && is_spi_word((off & 0x7F) / 4)) {
        gic_bank_write(&g->spi[(off & 0x7F) / 4], off, (uint32_t)val);
    } else if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + GIC_NUM_IRQS / 4) {
        unsigned first = (unsigned)(off - GICD_ICFGR) * 4;
        gic_cfg_write(&g->spi[first / 32], first, (uint32_t)val);
    } else {
        return true; /* read-only, reserved or RAZ/WI */
    }
    gic_update_all(g);
    return true;
}
