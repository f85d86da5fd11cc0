/*
 * Advanced SIMD vector and scalar x indexed element, integer forms (Arm ARM
 * C4.1.95 "Advanced SIMD vector x indexed element" and its scalar form): MUL,
 * MLA, MLS, S/UMULL, S/UMLAL, S/UMLSL, SQDMULL, SQDMLAL, SQDMLSL, SQDMULH,
 * SQRDMULH, SQRDMLAH/SQRDMLSH (FEAT_RDM) and SDOT/UDOT (FEAT_DotProd). The
 * floating-point forms are decoded by dec_simd_fp_by_element()
 * (exec_simd_fpelem.c).
 *
 * decoded_t: rd, rn, rm; shift = element size (of the sources for the long
 * forms); extra = elements of the result (1: scalar); imm = the index into Vm;
 * flags & SIMD_UPPER: the "2" forms.
 */
#include "cpu/simd.h"

/* Same-width lanes: r = EXPR over wa (Vn's lane), wb (the indexed element of Vm), acc. */
#define DEFINE_ELEM(name, EXPR)                                                                    \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        vreg_t r = {0};                                                                            \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        const __int128 wb = lane_get_s(&cpu->v[d->rm], size, (unsigned)d->imm);                    \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            __int128 wa = lane_get_s(&n, size, i), acc = lane_get_s(&old, size, i);                \
            (void)acc;                                                                             \
            (void)bits;                                                                            \
            lane_set(&r, size, i, (uint64_t)(EXPR));                                               \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_ELEM(mul_elem, wa *wb)
DEFINE_ELEM(mla_elem, acc + wa * wb)
DEFINE_ELEM(mls_elem, acc - wa * wb)
DEFINE_ELEM(sqdmulh_elem, sat_signed(cpu, (2 * wa * wb) >> bits, bits))
DEFINE_ELEM(sqrdmulh_elem,
            sat_signed(cpu, (2 * wa * wb + ((__int128)1 << (bits - 1))) >> bits, bits))
DEFINE_ELEM(sqrdmlah_elem, rdm_lane(cpu, acc, wa, wb, bits, false))
DEFINE_ELEM(sqrdmlsh_elem, rdm_lane(cpu, acc, wa, wb, bits, true))

/* Widening: double-width r = EXPR over wa (a lane of one half of Vn), wb, acc. */
#define DEFINE_ELEM_LONG(name, U, EXPR)                                                            \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        vreg_t r = {0};                                                                            \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        const unsigned first = (d->flags & SIMD_UPPER) ? d->extra : 0;                             \
        const __int128 wb = wide_int(lane_get(&cpu->v[d->rm], size, (unsigned)d->imm), bits, U);   \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            __int128 wa = wide_int(lane_get(&n, size, first + i), bits, U);                        \
            __int128 acc = wide_int(lane_get(&old, size + 1, i), 2 * bits, U);                     \
            (void)acc;                                                                             \
            lane_set(&r, size + 1, i, (uint64_t)(EXPR));                                           \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_ELEM_LONG(smull_elem, false, wa *wb)
DEFINE_ELEM_LONG(umull_elem, true, wa *wb)
DEFINE_ELEM_LONG(smlal_elem, false, acc + wa * wb)
DEFINE_ELEM_LONG(umlal_elem, true, acc + wa * wb)
DEFINE_ELEM_LONG(smlsl_elem, false, acc - wa * wb)
DEFINE_ELEM_LONG(umlsl_elem, true, acc - wa * wb)

#define DOUBLED_PRODUCT sext(sat_signed(cpu, 2 * wa * wb, 2 * bits), 2 * bits)
DEFINE_ELEM_LONG(sqdmull_elem, false, sat_signed(cpu, DOUBLED_PRODUCT, 2 * bits))
DEFINE_ELEM_LONG(sqdmlal_elem, false, sat_signed(cpu, acc + DOUBLED_PRODUCT, 2 * bits))
DEFINE_ELEM_LONG(sqdmlsl_elem, false, sat_signed(cpu, acc - DOUBLED_PRODUCT, 2 * bits))

/* SDOT/UDOT (by element): the indexed 32-bit group of four bytes of Vm. */
#define DEFINE_DOT_ELEM(name, U)                                                                   \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        const uint32_t m = cpu->v[d->rm].s[d->imm];                                                \
        vreg_t r = {0};                                                                            \
        for (unsigned i = 0; i < d->extra; i++)                                                    \
            r.s[i] = dot_lane(old.s[i], n.s[i], m, U);                                             \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_DOT_ELEM(sdot_elem, false)
DEFINE_DOT_ELEM(udot_elem, true)

typedef enum { ELEM_SAME, ELEM_LONG, ELEM_DOT } elem_kind_t;

/* Per opcode and U: execute function, kind, scalar form allowed. */
typedef struct {
    exec_fn fn;
    uint8_t kind;
    bool scalar;
} elem_op_t;

static const elem_op_t elem_ops[16][2] = {
    [0x0] = {{NULL, 0, false}, {exec_mla_elem, ELEM_SAME, false}},
    [0x2] = {{exec_smlal_elem, ELEM_LONG, false}, {exec_umlal_elem, ELEM_LONG, false}},
    [0x3] = {{exec_sqdmlal_elem, ELEM_LONG, true}, {NULL, 0, false}},
    [0x4] = {{NULL, 0, false}, {exec_mls_elem, ELEM_SAME, false}},
    [0x6] = {{exec_smlsl_elem, ELEM_LONG, false}, {exec_umlsl_elem, ELEM_LONG, false}},
    [0x7] = {{exec_sqdmlsl_elem, ELEM_LONG, true}, {NULL, 0, false}},
    [0x8] = {{exec_mul_elem, ELEM_SAME, false}, {NULL, 0, false}},
    [0xA] = {{exec_smull_elem, ELEM_LONG, false}, {exec_umull_elem, ELEM_LONG, false}},
    [0xB] = {{exec_sqdmull_elem, ELEM_LONG, true}, {NULL, 0, false}},
    [0xC] = {{exec_sqdmulh_elem, ELEM_SAME, true}, {NULL, 0, false}},
    [0xD] = {{exec_sqrdmulh_elem, ELEM_SAME, true}, {exec_sqrdmlah_elem, ELEM_SAME, true}},
    [0xE] = {{exec_sdot_elem, ELEM_DOT, false}, {exec_udot_elem, ELEM_DOT, false}},
    [0xF] = {{NULL, 0, false}, {exec_sqrdmlsh_elem, ELEM_SAME, true}},
};

static bool dec_by_element(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 15, 12);
    unsigned h = bit(insn, 11), l = bit(insn, 21), m = bit(insn, 20);
    const elem_op_t *op = &elem_ops[opcode][u];

    if (!op->fn) return dec_simd_fp_by_element(d, insn);
    if ((scalar && !op->scalar) || size == 0 || size == 3) return false;
    if (op->kind == ELEM_DOT && size != 2) return false;
    d->fn = op->fn;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = (uint8_t)size;
    if (size == 1) { /* H: index H:L:M, Vm in V0-V15 */
        d->imm = (h << 2) | (l << 1) | m;
        d->rm = (uint8_t)bits32(insn, 19, 16);
    } else {
        d->imm = (h << 1) | l;
        d->rm = (uint8_t)bits32(insn, 20, 16);
    }
    if (op->kind == ELEM_LONG) {
        d->flags = q && !scalar ? SIMD_UPPER : 0;
        d->extra = (uint16_t)(scalar ? 1 : 8u >> size);
    } else {
        d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, size));
    }
    return true;
}

const insn_pattern_t simd_elem_patterns[] = {
    {0x9F000400, 0x0F000000, "AdvSIMD vector x indexed element", dec_by_element},
    {0xDF000400, 0x5F000000, "AdvSIMD scalar x indexed element", dec_by_element},
    PATTERN_END,
};
