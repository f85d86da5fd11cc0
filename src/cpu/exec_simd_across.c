/*
 * Advanced SIMD across lanes and scalar pairwise, integer (Arm ARM C4.1.95
 * "Advanced SIMD across lanes", "Advanced SIMD scalar pairwise"): ADDV,
 * S/UADDLV, S/UMAXV, S/UMINV and ADDP (scalar). The floating-point forms are
 * in exec_simd_fpacross.c.
 *
 * decoded_t: rd, rn; shift = element size; extra = elements reduced. The
 * result is one element (double width for S/UADDLV), the rest of Vd zeroed.
 */
#include "cpu/simd.h"

#define DEFINE_REDUCE(name, U, WIDEN, EXPR)                                                        \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        vreg_t r = {0};                                                                            \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            int64_t acc = (int64_t)lane_get_ext(&n, SZ, 0, U);                                     \
            for (unsigned i = 1; i < d->extra; i++) {                                              \
                int64_t x = (int64_t)lane_get_ext(&n, SZ, i, U);                                   \
                acc = (EXPR);                                                                      \
            }                                                                                      \
            lane_set(&r, SZ + (WIDEN), 0, (uint64_t)acc);                                          \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

/* Lanes are at most 32 bits here except for ADDP (scalar), whose sum wraps. */
DEFINE_REDUCE(addv, true, 0, (int64_t)((uint64_t)acc + (uint64_t)x))
DEFINE_REDUCE(saddlv, false, 1, acc + x)
DEFINE_REDUCE(uaddlv, true, 1, acc + x)
DEFINE_REDUCE(smaxv, false, 0, x > acc ? x : acc)
DEFINE_REDUCE(sminv, false, 0, x < acc ? x : acc)
DEFINE_REDUCE(umaxv, true, 0, (uint64_t)x > (uint64_t)acc ? x : acc)
DEFINE_REDUCE(uminv, true, 0, (uint64_t)x < (uint64_t)acc ? x : acc)

static bool dec_across_int(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 16, 12);
    exec_fn fn;

    switch (opcode) {
    case 0x03: fn = u ? exec_uaddlv : exec_saddlv; break;
    case 0x0A: fn = u ? exec_umaxv : exec_smaxv; break;
    case 0x1A: fn = u ? exec_uminv : exec_sminv; break;
    case 0x1B: fn = u ? NULL : exec_addv; break;
    default: fn = NULL; break;
    }
    if (!fn || size == 3 || (size == 2 && !q)) return false;
    d->fn = fn;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = (uint8_t)size;
    d->extra = (uint16_t)simd_elements(q, size);
    return true;
}

/* ADDP (scalar): Dd = Vn.D[0] + Vn.D[1]. */
static bool dec_pairwise_int(decoded_t *d, uint32_t insn)
{
    if (bit(insn, 29) || bits32(insn, 16, 12) != 0x1B || bits32(insn, 23, 22) != 3) return false;
    d->fn = exec_addv;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = 3;
    d->extra = 2;
    return true;
}

const insn_pattern_t simd_across_patterns[] = {
    {0x9F3F8C00, 0x0E300800, "AdvSIMD across lanes (00xxx)", dec_across_int},
    {0x9F3FCC00, 0x0E308800, "AdvSIMD across lanes (010xx)", dec_across_int},
    {0x9F3F8C00, 0x0E318800, "AdvSIMD across lanes (11xxx)", dec_across_int},
    {0xDF3F8C00, 0x5E318800, "AdvSIMD scalar pairwise (11xxx)", dec_pairwise_int},
    PATTERN_END,
};
