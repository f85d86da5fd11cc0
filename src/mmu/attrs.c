/*
 * Memory attributes of an access (Arm ARM B2.7, D8.5, D8.6): stage 1 from
 * MAIR_ELx or the MMU-off defaults, the SCTLR_ELx.C/I and HCR_EL2.CD/ID
 * overrides, and the combination with stage 2 (with and without FEAT_S2FWB).
 * Attributes are held in the MAIR encoding, shareability as the SH field.
 */
#include "mmu/walk.h"

#include "cpu/el2.h"

#define ATTR_NORMAL_NC 0x44
#define ATTR_NORMAL_WB 0xFF /* write-back, read/write-allocate, non-transient */
#define ATTR_NORMAL_WT 0xAA /* write-through, read-allocate, non-transient */

static bool is_non_cacheable(uint8_t attr)
{
    return attr_inner(attr) == CACHE_NC && attr_outer(attr) == CACHE_NC;
}

/* Device and Normal Non-cacheable memory is always Outer Shareable; SH = 0b01 is reserved
 * (CONSTRAINED UNPREDICTABLE) and taken as Non-shareable. */
static uint8_t effective_sh(uint8_t attr, uint8_t sh)
{
    if (attr_is_device(attr) || is_non_cacheable(attr)) return SH_OUTER;
    return sh == 1 ? SH_NON : sh;
}

void attrs_s1_off(const cpu_t *cpu, const xlat_ctx_t *ctx, bool fetch, uint8_t *attr, uint8_t *sh)
{
    if (ctx->regime == REGIME_EL10 && (hcr_el2(cpu) & HCR_DC)) {
        *attr = ATTR_NORMAL_WB; /* HCR_EL2.DC: Normal write-back, Non-shareable */
        *sh = SH_NON;
    } else if (fetch) {
        *attr = bit(regime_sctlr(cpu, ctx->regime), 12) ? ATTR_NORMAL_WT : ATTR_NORMAL_NC;
        *sh = SH_OUTER;
    } else {
        *attr = 0x00; /* Device-nGnRnE */
        *sh = SH_OUTER;
    }
}

/* Stage 2 MemAttr[3:0] (FWB = 0) in the MAIR encoding; inner 0b00 (reserved) as Non-cacheable. */
static uint8_t s2_memattr_to_mair(unsigned memattr)
{
    static const uint8_t level[4] = {0x4, 0x4, 0xB, 0xF};
    unsigned outer = (memattr >> 2) & 3, inner = memattr & 3;
    if (outer == 0) return (uint8_t)(inner << 2);
    return (uint8_t)(level[outer] << 4 | level[inner]);
}

/* One level of cacheability: the weaker of the two, keeping the stage 1 allocation hints. */
static unsigned combine_level(unsigned s1, unsigned s2)
{
    unsigned c1 = attr_cacheability(s1), c2 = attr_cacheability(s2);
    if (c2 >= c1) return s1;
    if (c2 == CACHE_NC) return 4;
    return s1 & ~4u; /* write-back to write-through: 0bx1RW -> 0bx0RW */
}

static uint8_t stronger_device(uint8_t a, uint8_t b)
{
    if (!attr_is_device(a)) return b;
    if (!attr_is_device(b)) return a;
    return attr_device_type(a) < attr_device_type(b) ? a : b;
}

static uint8_t combine_sh(uint8_t a, uint8_t b)
{
    if (a == SH_OUTER || b == SH_OUTER) return SH_OUTER;
    if (a == SH_INNER || b == SH_INNER) return SH_INNER;
    return SH_NON;
}

/* Combining stage 1 and stage 2 attributes (Arm ARM D8.6.5). */
static uint8_t combine(uint8_t s1, uint8_t s2)
{
    if (attr_is_device(s1) || attr_is_device(s2)) return stronger_device(s1, s2);
    return (uint8_t)(combine_level(s1 >> 4, s2 >> 4) << 4 | combine_level(s1 & 15, s2 & 15));
}

/* FEAT_S2FWB: stage 2 MemAttr[2:0] overrides or keeps stage 1 (Arm ARM D8.6.6). */
static uint8_t combine_fwb(uint8_t s1, unsigned memattr)
{
    switch (memattr & 7) {
    case 0:
    case 1:
    case 2:
    case 3: return stronger_device(s1, (uint8_t)((memattr & 3) << 2));
    case 5: return attr_is_device(s1) ? s1 : ATTR_NORMAL_NC;
    case 6: {
        /* Forced write-back; allocation hints from stage 1 when it was cacheable. */
        if (attr_is_device(s1)) return ATTR_NORMAL_WB;
        unsigned out = 0;
        for (unsigned shift = 0; shift < 8; shift += 4) {
            unsigned n = (s1 >> shift) & 15;
            out |= (attr_cacheability(n) == CACHE_NC ? 0xFu : n | 4) << shift;
        }
        return (uint8_t)out;
    }
    case 7: return s1;
    default: return 0x00; /* reserved: Device-nGnRnE */
    }
}

void attrs_final(const cpu_t *cpu, const xlat_ctx_t *ctx, const stage_result_t *s1,
                 const stage_result_t *s2, bool fetch, uint8_t *attr, uint8_t *sh)
{
    uint8_t a, h;
    if (!ctx->s1) {
        attrs_s1_off(cpu, ctx, fetch, &a, &h);
    } else {
        uint64_t sctlr = regime_sctlr(cpu, ctx->regime);
        a = s1->attr;
        h = s1->sh;
        /* Instruction fetches: Non-cacheable with SCTLR_ELx.I = 0, and from Device memory
         * (the CONSTRAINED UNPREDICTABLE choice that does not fault); data accesses to
         * Normal memory: Non-cacheable with SCTLR_ELx.C = 0. */
        if (fetch ? attr_is_device(a) || !bit(sctlr, 12) : !attr_is_device(a) && !bit(sctlr, 2))
            a = ATTR_NORMAL_NC;
    }
    h = effective_sh(a, h);
    if (s2) {
        uint64_t hcr = hcr_el2(cpu);
        unsigned memattr = s2->attr;
        bool force_nc = hcr & (fetch ? HCR_ID : HCR_CD); /* stage 2 cacheability disables */
        uint8_t s2sh;
        if (hcr & HCR_FWB) {
            if (force_nc && (memattr & 4)) memattr = 5;
            a = combine_fwb(a, memattr);
            bool s2_uncached = !(memattr & 4) || (memattr & 7) == 5;
            s2sh = s2_uncached ? SH_OUTER : effective_sh(ATTR_NORMAL_WB, s2->sh);
        } else {
            uint8_t s2a = s2_memattr_to_mair(memattr);
            if (force_nc && !attr_is_device(s2a)) s2a = ATTR_NORMAL_NC;
            a = combine(a, s2a);
            s2sh = effective_sh(s2a, s2->sh);
        }
        h = effective_sh(a, combine_sh(h, s2sh));
    }
    *attr = a;
    *sh = h;
}
