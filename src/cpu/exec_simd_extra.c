/*
 * Advanced SIMD three same (extra), vector and scalar (Arm ARM C4.1.95
 * "Advanced SIMD three same (extra)"): SQRDMLAH/SQRDMLSH (FEAT_RDM) and
 * SDOT/UDOT (FEAT_DotProd). The other encodings of the class (FCMLA, FCADD,
 * the I8MM and BF16 instructions) are not implemented and stay UNDEFINED.
 *
 * decoded_t: rd, rn, rm; shift = element size; extra = elements (1: scalar).
 */
#include "cpu/simd.h"

#define DEFINE_RDM(name, SUBTRACT)                                                                 \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], old = cpu->v[d->rd];                    \
        vreg_t r = {0};                                                                            \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        for (unsigned i = 0; i < d->extra; i++)                                                    \
            lane_set(&r, size, i,                                                                  \
                     rdm_lane(cpu, lane_get_s(&old, size, i), lane_get_s(&n, size, i),             \
                              lane_get_s(&m, size, i), bits, SUBTRACT));                           \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_RDM(sqrdmlah, false)
DEFINE_RDM(sqrdmlsh, true)

#define DEFINE_DOT(name, U)                                                                        \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], old = cpu->v[d->rd];                    \
        vreg_t r = {0};                                                                            \
        for (unsigned i = 0; i < d->extra; i++)                                                    \
            r.s[i] = dot_lane(old.s[i], n.s[i], m.s[i], U);                                        \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_DOT(sdot, false)
DEFINE_DOT(udot, true)

static bool dec_3same_extra(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 14, 11);

    if (u && opcode <= 1) { /* SQRDMLAH, SQRDMLSH */
        if (size == 0 || size == 3) return false;
        d->fn = opcode ? exec_sqrdmlsh : exec_sqrdmlah;
        d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, size));
    } else if (opcode == 2 && !scalar) { /* SDOT, UDOT */
        if (size != 2) return false;
        d->fn = u ? exec_udot : exec_sdot;
        d->extra = (uint16_t)simd_elements(q, 2);
    } else {
        return false;
    }
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->shift = (uint8_t)size;
    return true;
}

const insn_pattern_t simd_extra_patterns[] = {
    {0x9F208400, 0x0E008400, "AdvSIMD three same (extra)", dec_3same_extra},
    {0xDF208400, 0x5E008400, "AdvSIMD scalar three same (extra)", dec_3same_extra},
    PATTERN_END,
};
