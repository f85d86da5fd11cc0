/*
 * VMSAv8-64 translation table walks (Arm ARM D8.2-D8.4): stage 1 of the
 * EL1&0, EL2 and EL2&0 regimes and stage 2 of EL1&0, for the 4, 16 and 64 KiB
 * granules, 48-bit input and output addresses at most (no FEAT_LPA/LVA), no
 * hardware Access flag or dirty state updates.
 */
#include "mmu/walk.h"

#include <string.h>

#include "cpu/el2.h"
#include "cpu/impdef.h"
#include "machine/machine.h"

#define PERM_ALL (PERM_R | PERM_W | PERM_X)

uint64_t regime_sctlr(const cpu_t *cpu, unsigned regime)
{
    return regime == REGIME_EL10 ? cpu->sr[SR_SCTLR_EL1] : cpu->sr[SR_SCTLR_EL2];
}

static bool fault(translation_t *f, unsigned fsc, bool stage2, bool s1ptw, uint64_t ipa)
{
    f->fsc = (uint8_t)fsc;
    f->stage2 = stage2;
    f->s1ptw = s1ptw;
    f->ipa = ipa;
    return false;
}

/* TCR_ELx.IPS / VTCR_EL2.PS: output address size, limited to the implemented PA size. */
static unsigned oa_bits(unsigned ps)
{
    static const uint8_t bits[8] = {32, 36, 40, 42, 44, 48, 52, 52};
    unsigned b = bits[ps & 7];
    return b > IMPDEF_PA_BITS ? IMPDEF_PA_BITS : b;
}

/* TxSZ limits without FEAT_LVA and FEAT_TTST: 48 to 25 bits of input address. Out-of-range
 * values are treated as the nearest limit (a CONSTRAINED UNPREDICTABLE choice, as QEMU). */
static unsigned input_bits(unsigned txsz)
{
    if (txsz < 16) txsz = 16;
    if (txsz > 39) txsz = 39;
    return 64 - txsz;
}

/* Granule size (log2) from TCR_ELx.TG0 / VTCR_EL2.TG0; reserved values mean 4 KiB. */
static unsigned granule_tg0(unsigned tg0)
{
    return tg0 == 1 ? 16 : tg0 == 2 ? 14 : 12;
}
static unsigned granule_tg1(unsigned tg1)
{
    return tg1 == 1 ? 14 : tg1 == 3 ? 16 : 12;
}

/* Levels that may hold block descriptors with 48-bit output addresses (Arm ARM D8.3.1). */
static bool block_allowed(unsigned gran, unsigned level)
{
    return gran == 12 ? level == 1 || level == 2 : level == 2;
}

typedef struct {
    uint64_t base;     /* start table address (IPA for stage 1 with stage 2, else PA) */
    unsigned in_bits;  /* input address size */
    unsigned out_bits; /* output address size */
    unsigned gran;     /* granule, log2 */
    unsigned start;    /* start level */
} geometry_t;

typedef struct {
    uint64_t desc;
    unsigned level;
    unsigned bits;        /* log2 of the size mapped by desc */
    uint64_t table_attrs; /* stage 1: APTable, XNTable/UXNTable, PXNTable OR-ed over the walk */
} leaf_t;

/* Bits [hi-1:lo] of x (an index field), for lo <= hi <= 63. */
static uint64_t field(uint64_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ones(hi - lo);
}

/*
 * The walk proper (AArch64 translation table walk): one descriptor per level
 * until a block or page. Stage 1 table addresses are IPAs translated by stage 2
 * when ctx->s2 (faults there are stage 2 faults on a stage 1 walk, S1PTW).
 */
static bool walk_tables(cpu_t *cpu, const xlat_ctx_t *ctx, bool stage2, const geometry_t *g,
                        uint64_t ia, leaf_t *leaf, translation_t *f)
{
    unsigned stride = g->gran - 3;
    uint64_t table = g->base, tattrs = 0;
    for (unsigned level = g->start;; level++) {
        unsigned lo = g->gran + (3 - level) * stride;
        unsigned hi = level == g->start ? g->in_bits : lo + stride;
        uint64_t addr = table + 8 * field(ia, hi, lo);
        if (!stage2 && ctx->s2) {
            stage_result_t s2;
            if (!walk_stage2(cpu, ctx, addr, true, &s2, f)) return false;
            addr = s2.oa;
        }
        uint64_t desc;
        const uint8_t *p = bus_ram_ptr(&cpu->machine->bus, addr, 8);
        if (!p) return fault(f, FSC_WALK_EXTERNAL + level, stage2, false, ia);
        memcpy(&desc, p, 8);
        bool is_table = level < 3 && (desc & 2);
        if (!(desc & 1) || (level == 3 && !(desc & 2)) ||
            (!is_table && level < 3 && !block_allowed(g->gran, level)))
            return fault(f, FSC_TRANSLATION + level, stage2, false, ia);
        unsigned oa_lo = is_table ? g->gran : lo;
        uint64_t oa = desc & ones(48) & ~ones(oa_lo);
        if (oa >> g->out_bits) return fault(f, FSC_ADDR_SIZE + level, stage2, false, ia);
        if (is_table) {
            table = oa;
            tattrs |= desc & (0xFull << 59);
            continue;
        }
        leaf->desc = desc;
        leaf->level = level;
        leaf->bits = lo;
        leaf->table_attrs = tattrs;
        return true;
    }
}

/* Start table base from a TTBR/VTTBR: an Address size fault at level 0 when beyond the
 * output size; the low bits below the table's alignment are ignored. */
static bool table_base(uint64_t ttbr, geometry_t *g, bool stage2, uint64_t ia, translation_t *f)
{
    unsigned stride = g->gran - 3;
    unsigned start_lo = g->gran + (3 - g->start) * stride;
    unsigned table_log2 = g->in_bits - start_lo + 3;
    uint64_t base = ttbr & ones(48) & ~1ull;
    if (base >> g->out_bits) return fault(f, FSC_ADDR_SIZE, stage2, false, ia);
    g->base = base & ~ones(table_log2);
    return true;
}

/* The MAIR attribute, with the UNPREDICTABLE encodings made definite. */
static uint8_t mair_attr(uint8_t a)
{
    if ((a & 0xF0) == 0) return a & 0x0C;       /* Device: bits [1:0] ignored */
    if ((a & 0x0F) == 0) return (a & 0xF0) | 4; /* Normal, inner 0b0000: Non-cacheable */
    return a;
}

/* Top bit of the address that translation uses (AddrTop): 55 with TBI, else 63. */
static unsigned addr_top(const cpu_t *cpu, unsigned regime, uint64_t va)
{
    if (regime == REGIME_EL2) return bit(cpu->sr[SR_TCR_EL2], 20) ? 55 : 63;
    uint64_t tcr = regime == REGIME_EL10 ? cpu->sr[SR_TCR_EL1] : cpu->sr[SR_TCR_EL2];
    return bit(tcr, bit(va, 55) ? 38 : 37) ? 55 : 63;
}

/* Stage 1 permissions (Arm ARM D8.4): AP[2:1], UXN/PXN (or XN), hierarchical controls
 * unless TCR_ELx.HPDn, SCTLR_ELx.WXN, and no privileged execution where EL0 may write. */
static uint8_t s1_permissions(const cpu_t *cpu, unsigned regime, uint64_t desc, uint64_t tattrs)
{
    bool ap2 = bit(desc, 7) | bit(tattrs, 62), ap1 = bit(desc, 6) & !bit(tattrs, 61);
    bool wxn = bit(regime_sctlr(cpu, regime), 19);
    if (regime == REGIME_EL2) {
        bool w = !ap2, xn = bit(desc, 54) | bit(tattrs, 60);
        return (uint8_t)((PERM_R | (w ? PERM_W : 0) | (!xn && !(w && wxn) ? PERM_X : 0))
                         << PERM_PRIV_SHIFT);
    }
    bool uxn = bit(desc, 54) | bit(tattrs, 60), pxn = bit(desc, 53) | bit(tattrs, 59);
    if (regime == REGIME_EL10 && (hcr_nvx(cpu) & NV1_EFF)) {
        /* FEAT_NV, {NV, NV1} = {1, 1}: EL1&0 descriptors take the EL2 layout: bit 54 (and
         * PXNTable, bit 60) is PXN, UXN is 0, AP[1] and APTable[0] are 0 (Arm ARM D8.4.1.2). */
        ap1 = false;
        uxn = false;
        pxn = bit(desc, 54) | bit(tattrs, 60);
    }
    bool ur = ap1, uw = ap1 && !ap2, pw = !ap2;
    unsigned el0 = (ur ? PERM_R : 0) | (uw ? PERM_W : 0) | (!uxn && !(uw && wxn) ? PERM_X : 0);
    unsigned priv = PERM_R | (pw ? PERM_W : 0) | (!pxn && !uw && !(pw && wxn) ? PERM_X : 0);
    return (uint8_t)(el0 | priv << PERM_PRIV_SHIFT);
}

bool walk_stage1(cpu_t *cpu, const xlat_ctx_t *ctx, uint64_t va, stage_result_t *r,
                 translation_t *f)
{
    unsigned regime = ctx->regime, top = addr_top(cpu, regime, va);
    if (!ctx->s1) {
        /* Stage 1 disabled: flat, after the output address size check (S1DisabledOutput). */
        if (bits64(va, top, IMPDEF_PA_BITS)) return fault(f, FSC_ADDR_SIZE, false, false, 0);
        r->oa = va & ones(IMPDEF_PA_BITS);
        r->bits = PAGE_BITS;
        r->level = 0;
        r->perm = PERM_ALL | PERM_ALL << PERM_PRIV_SHIFT;
        r->ng = false;
        return true;
    }
    bool two_ranges = regime != REGIME_EL2, upper = two_ranges && bit(va, 55);
    uint64_t tcr = regime == REGIME_EL10 ? cpu->sr[SR_TCR_EL1] : cpu->sr[SR_TCR_EL2];
    uint64_t ttbr;
    bool disabled, hpd;
    geometry_t g;
    if (!two_ranges) {
        g.in_bits = input_bits(bits64(tcr, 5, 0));
        g.gran = granule_tg0(bits64(tcr, 15, 14));
        g.out_bits = oa_bits(bits64(tcr, 18, 16));
        hpd = bit(tcr, 24);
        disabled = false;
        ttbr = cpu->sr[SR_TTBR0_EL2];
    } else {
        g.in_bits = input_bits(bits64(tcr, upper ? 21 : 5, upper ? 16 : 0));
        g.gran = upper ? granule_tg1(bits64(tcr, 31, 30)) : granule_tg0(bits64(tcr, 15, 14));
        g.out_bits = oa_bits(bits64(tcr, 34, 32));
        hpd = bit(tcr, upper ? 42 : 41);
        disabled = bit(tcr, upper ? 23 : 7); /* EPD1 / EPD0 */
        if (regime == REGIME_EL10)
            ttbr = upper ? cpu->sr[SR_TTBR1_EL1] : cpu->sr[SR_TTBR0_EL1];
        else
            ttbr = upper ? cpu->sr[SR_TTBR1_EL2] : cpu->sr[SR_TTBR0_EL2];
    }
    /* Bits [top:in_bits] must all equal the range select (0 for TTBR0, 1 for TTBR1);
     * an address outside both ranges, or in a disabled one, is a level 0 Translation fault. */
    uint64_t high = bits64(va, top, g.in_bits);
    if (disabled || high != (upper ? ones(top - g.in_bits + 1) : 0))
        return fault(f, FSC_TRANSLATION, false, false, 0);
    unsigned stride = g.gran - 3;
    g.start = 4 - (g.in_bits - g.gran + stride - 1) / stride;
    if (!table_base(ttbr, &g, false, 0, f)) return false;

    leaf_t leaf;
    if (!walk_tables(cpu, ctx, false, &g, va, &leaf, f)) return false;
    if (!bit(leaf.desc, 10)) return fault(f, FSC_ACCESS_FLAG + leaf.level, false, false, 0);
    uint64_t tattrs = hpd ? 0 : leaf.table_attrs;
    r->oa = (leaf.desc & ones(48) & ~ones(leaf.bits)) | (va & ones(leaf.bits));
    r->bits = (uint8_t)leaf.bits;
    r->level = (uint8_t)leaf.level;
    r->perm = s1_permissions(cpu, regime, leaf.desc, tattrs);
    uint64_t mair = regime == REGIME_EL10 ? cpu->sr[SR_MAIR_EL1] : cpu->sr[SR_MAIR_EL2];
    r->attr = mair_attr((uint8_t)(mair >> (8 * bits64(leaf.desc, 4, 2))));
    r->sh = (uint8_t)bits64(leaf.desc, 9, 8);
    r->ng = two_ranges && bit(leaf.desc, 11);
    return true;
}

/* Stage 2 permissions: S2AP[1:0] (write, read) and XN[1:0] of FEAT_XNX (Arm ARM D8.4.3). */
static uint8_t s2_permissions(uint64_t desc)
{
    unsigned rw = (bit(desc, 6) ? PERM_R : 0) | (bit(desc, 7) ? PERM_W : 0);
    unsigned xn = bits64(desc, 54, 53);
    unsigned el0 = rw | (xn == 0 || xn == 1 ? PERM_X : 0);
    unsigned el1 = rw | (xn == 0 || xn == 3 ? PERM_X : 0);
    return (uint8_t)(el0 | el1 << PERM_PRIV_SHIFT);
}

/* VTCR_EL2 geometry; false when SL0 and T0SZ are inconsistent (a level 0 Translation fault). */
static bool s2_geometry(const cpu_t *cpu, geometry_t *g)
{
    uint64_t vtcr = cpu->sr[SR_VTCR_EL2];
    unsigned sl0 = bits64(vtcr, 7, 6);
    g->in_bits = input_bits(bits64(vtcr, 5, 0));
    g->gran = granule_tg0(bits64(vtcr, 15, 14));
    g->out_bits = oa_bits(bits64(vtcr, 18, 16));
    if (sl0 == 3) return false;
    g->start = (g->gran == 12 ? 2 : 3) - sl0;
    /* The start level must resolve at least 1 bit and at most stride + 4 bits (up to 16
     * concatenated tables); the IPA size may not exceed the PA size. */
    unsigned stride = g->gran - 3;
    int start_bits = (int)g->in_bits - (int)((3 - g->start) * stride + g->gran);
    return g->in_bits <= g->out_bits && start_bits >= 1 && start_bits <= (int)stride + 4;
}

static void s2_result_from_entry(const tlbe_t *e, uint64_t ipa, stage_result_t *r)
{
    r->oa = (e->pa << PAGE_BITS) | (ipa & (PAGE_SIZE - 1));
    r->bits = e->s2_bits;
    r->level = e->s2_level;
    r->perm = e->s2_perm;
    r->attr = e->attr;
    r->sh = e->sh;
    r->ng = false;
}

bool walk_stage2(cpu_t *cpu, const xlat_ctx_t *ctx, uint64_t ipa, bool s1ptw, stage_result_t *r,
                 translation_t *f)
{
    tlbe_t *e = &cpu->tlb.s2c[(ipa >> PAGE_BITS) & (S2C_ENTRIES - 1)];
    if (e->va == ipa >> PAGE_BITS && e->vmid == ctx->vmid && e->key == ctx->key) {
        s2_result_from_entry(e, ipa, r);
    } else {
        geometry_t g;
        if (!s2_geometry(cpu, &g) || (ipa >> g.in_bits))
            return fault(f, FSC_TRANSLATION, true, s1ptw, ipa);
        if (!table_base(cpu->sr[SR_VTTBR_EL2], &g, true, ipa, f)) {
            f->s1ptw = s1ptw;
            return false;
        }
        leaf_t leaf;
        if (!walk_tables(cpu, ctx, true, &g, ipa, &leaf, f)) {
            f->s1ptw = s1ptw;
            return false;
        }
        if (!bit(leaf.desc, 10)) return fault(f, FSC_ACCESS_FLAG + leaf.level, true, s1ptw, ipa);
        *e = (tlbe_t){
            .va = ipa >> PAGE_BITS,
            .pa = (leaf.desc & ones(48) & ~ones(leaf.bits)) >> PAGE_BITS |
                  ((ipa & ones(leaf.bits)) >> PAGE_BITS),
            .ipa = ipa >> PAGE_BITS,
            .vmid = ctx->vmid,
            .key = ctx->key,
            .regime = REGIME_EL10,
            .s2 = true,
            .s2_bits = (uint8_t)leaf.bits,
            .s2_level = (uint8_t)leaf.level,
            .s2_perm = s2_permissions(leaf.desc),
            .attr = (uint8_t)bits64(leaf.desc, 5, 2),
            .sh = (uint8_t)bits64(leaf.desc, 9, 8),
        };
        s2_result_from_entry(e, ipa, r);
    }
    if (s1ptw) {
        /* A stage 1 table read needs stage 2 read permission; with HCR_EL2.PTW, a table in
         * stage 2 Device memory is a Permission fault too. */
        bool device = (hcr_el2(cpu) & HCR_FWB) ? !(r->attr & 4) : (r->attr >> 2) == 0;
        if (!(r->perm & PERM_R) || (device && (hcr_el2(cpu) & HCR_PTW)))
            return fault(f, FSC_PERMISSION + r->level, true, true, ipa);
    }
    return true;
}
