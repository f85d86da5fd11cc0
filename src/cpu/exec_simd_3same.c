/*
 * Advanced SIMD three same, integer opcodes 00000-10111, vector and scalar
 * (Arm ARM C4.1.95 "Advanced SIMD three same", "Advanced SIMD scalar three
 * same"): halving, saturating and plain add/subtract, compares, shifts by
 * register, min/max (and pairwise), absolute differences, multiplies, PMUL,
 * SQ(R)DMULH, ADDP and the bitwise operations. The floating-point opcodes
 * (11xxx) are in exec_simd_fp.c.
 *
 * decoded_t: rd, rn, rm; shift = element size; extra = elements (1: scalar).
 * Each lane operation works on the lanes as 128-bit integers (wa, wb: signed or
 * unsigned per the instruction), so sums and products never overflow.
 */
#include "cpu/simd.h"

/*
 * Each lane: r = EXPR over a, b (raw lanes), wa, wb (their integer values), acc (Vd's lane).
 * Operations without side effects (ALL_LANES) compute all 16 bytes, a loop of constant length
 * the host compiler vectorises, and then clear the lanes the instruction does not write;
 * saturating ones (which set FPSR.QC) stop at the last lane written.
 */
#define DEFINE_LANEWISE_(name, U, ALL_LANES, EXPR)                                                 \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], old = cpu->v[d->rd];                    \
        vreg_t r = {0};                                                                            \
        const bool u = (U);                                                                        \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            const unsigned bits = 8u << SZ, count = (ALL_LANES) ? 16u >> SZ : d->extra;            \
            for (unsigned i = 0; i < count; i++) {                                                 \
                uint64_t a = lane_get(&n, SZ, i), b = lane_get(&m, SZ, i);                         \
                uint64_t acc = lane_get(&old, SZ, i);                                              \
                __int128 wa = wide_int(a, bits, u), wb = wide_int(b, bits, u);                     \
                (void)acc;                                                                         \
                (void)wa;                                                                          \
                (void)wb;                                                                          \
                lane_set(&r, SZ, i, (uint64_t)(EXPR));                                             \
            }                                                                                      \
            if (ALL_LANES) simd_clear_from(&r, d->extra << SZ);                                    \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_LANEWISE(name, U, EXPR)   DEFINE_LANEWISE_(name, U, true, EXPR)
#define DEFINE_SATURATING(name, U, EXPR) DEFINE_LANEWISE_(name, U, false, EXPR)

#define DEFINE_SIGNED_UNSIGNED(sname, uname, EXPR)                                                 \
    DEFINE_LANEWISE(sname, false, EXPR)                                                            \
    DEFINE_LANEWISE(uname, true, EXPR)
#define DEFINE_SATURATING_SU(sname, uname, EXPR)                                                   \
    DEFINE_SATURATING(sname, false, EXPR)                                                          \
    DEFINE_SATURATING(uname, true, EXPR)

#define ALL_ONES(cond) ((cond) ? ~0ull : 0)
#define ABS_DIFF       (wa > wb ? wa - wb : wb - wa)

DEFINE_SIGNED_UNSIGNED(shadd, uhadd, (wa + wb) >> 1)
DEFINE_SIGNED_UNSIGNED(srhadd, urhadd, (wa + wb + 1) >> 1)
DEFINE_SIGNED_UNSIGNED(shsub, uhsub, (wa - wb) >> 1)
DEFINE_SATURATING_SU(sqadd, uqadd, sat_to(cpu, wa + wb, bits, u))
DEFINE_SATURATING_SU(sqsub, uqsub, sat_to(cpu, wa - wb, bits, u))
DEFINE_SIGNED_UNSIGNED(cmgt, cmhi, ALL_ONES(wa > wb))
DEFINE_SIGNED_UNSIGNED(cmge, cmhs, ALL_ONES(wa >= wb))
DEFINE_SIGNED_UNSIGNED(smax, umax, wa > wb ? wa : wb)
DEFINE_SIGNED_UNSIGNED(smin, umin, wa < wb ? wa : wb)
DEFINE_SIGNED_UNSIGNED(sabd, uabd, ABS_DIFF)
DEFINE_SIGNED_UNSIGNED(saba, uaba, acc + ABS_DIFF)

/* Shifts by register: the shift is the signed bottom byte of the Vm lane. */
#define SHIFTED(rounding) shift_int(wa, (int8_t)b, rounding)
DEFINE_SIGNED_UNSIGNED(sshl, ushl, SHIFTED(false))
DEFINE_SIGNED_UNSIGNED(srshl, urshl, SHIFTED(true))
DEFINE_SATURATING_SU(sqshl, uqshl, sat_to(cpu, SHIFTED(false), bits, u))
DEFINE_SATURATING_SU(sqrshl, uqrshl, sat_to(cpu, SHIFTED(true), bits, u))

DEFINE_LANEWISE(add, true, a + b)
DEFINE_LANEWISE(sub, true, a - b)
DEFINE_LANEWISE(cmtst, true, ALL_ONES((a & b) != 0))
DEFINE_LANEWISE(cmeq, true, ALL_ONES(a == b))
DEFINE_LANEWISE(mla, true, acc + a * b)
DEFINE_LANEWISE(mls, true, acc - a * b)
DEFINE_LANEWISE(mul, true, a *b)

/* SQDMULH / SQRDMULH: the high half of 2 * a * b, optionally rounded; only
 * MIN * MIN saturates. */
#define DOUBLING_HIGH(rounding)                                                                    \
    sat_signed(cpu, (2 * wa * wb + (rounding ? (__int128)1 << (bits - 1) : 0)) >> bits, bits)
DEFINE_SATURATING(sqdmulh, false, DOUBLING_HIGH(false))
DEFINE_SATURATING(sqrdmulh, false, DOUBLING_HIGH(true))

/* Polynomial (carry-less) multiply over GF(2), bytes only; the low 8 bits are kept. */
static uint64_t clmul8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        if ((b >> i) & 1) r ^= a << i;
    return r;
}
DEFINE_LANEWISE(pmul, true, clmul8(a, b))

/* Pairwise: the lanes of Vn then Vm, taken two by two. */
#define DEFINE_PAIRWISE(name, U, EXPR)                                                             \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t src[2] = {cpu->v[d->rn], cpu->v[d->rm]};                                      \
        vreg_t r = {0};                                                                            \
        const unsigned half = d->extra / 2;                                                        \
        const bool u = (U);                                                                        \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            const unsigned bits = 8u << SZ;                                                        \
            for (unsigned i = 0; i < d->extra; i++) {                                              \
                const vreg_t *s = &src[i >= half];                                                 \
                unsigned j = 2 * (i % half);                                                       \
                __int128 wa = wide_int(lane_get(s, SZ, j), bits, u);                               \
                __int128 wb = wide_int(lane_get(s, SZ, j + 1), bits, u);                           \
                lane_set(&r, SZ, i, (uint64_t)(EXPR));                                             \
            }                                                                                      \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_PAIRWISE(smaxp, false, wa > wb ? wa : wb)
DEFINE_PAIRWISE(umaxp, true, wa > wb ? wa : wb)
DEFINE_PAIRWISE(sminp, false, wa < wb ? wa : wb)
DEFINE_PAIRWISE(uminp, true, wa < wb ? wa : wb)
DEFINE_PAIRWISE(addp, true, wa + wb)

/* Bitwise operations on the two 64-bit halves; extra = 1 or 2 halves. */
#define DEFINE_BITWISE(name, EXPR)                                                                 \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        vreg_t r = {0};                                                                            \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint64_t n = cpu->v[d->rn].d[i], m = cpu->v[d->rm].d[i], old = cpu->v[d->rd].d[i];     \
            (void)old;                                                                             \
            r.d[i] = (EXPR);                                                                       \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_BITWISE(and, n &m)
DEFINE_BITWISE(bic, n & ~m)
DEFINE_BITWISE(orr, n | m)
DEFINE_BITWISE(orn, n | ~m)
DEFINE_BITWISE(eor, n ^ m)
DEFINE_BITWISE(bsl, m ^ ((m ^ n) & old))    /* old selects Vn where set, else Vm */
DEFINE_BITWISE(bit, old ^ ((old ^ n) & m))  /* insert Vn where Vm is set */
DEFINE_BITWISE(bif, old ^ ((old ^ n) & ~m)) /* insert Vn where Vm is clear */

/* Per opcode and U: the execute function and the element sizes allowed (bit
 * per size) in the vector and scalar forms. Vector size 3 also needs Q = 1. */
typedef struct {
    exec_fn fn;
    uint8_t vector_sizes, scalar_sizes;
} same_op_t;

static const same_op_t same_ops[24][2] = {
    [0x00] = {{exec_shadd, 0x7, 0}, {exec_uhadd, 0x7, 0}},
    [0x01] = {{exec_sqadd, 0xF, 0xF}, {exec_uqadd, 0xF, 0xF}},
    [0x02] = {{exec_srhadd, 0x7, 0}, {exec_urhadd, 0x7, 0}},
    [0x04] = {{exec_shsub, 0x7, 0}, {exec_uhsub, 0x7, 0}},
    [0x05] = {{exec_sqsub, 0xF, 0xF}, {exec_uqsub, 0xF, 0xF}},
    [0x06] = {{exec_cmgt, 0xF, 0x8}, {exec_cmhi, 0xF, 0x8}},
    [0x07] = {{exec_cmge, 0xF, 0x8}, {exec_cmhs, 0xF, 0x8}},
    [0x08] = {{exec_sshl, 0xF, 0x8}, {exec_ushl, 0xF, 0x8}},
    [0x09] = {{exec_sqshl, 0xF, 0xF}, {exec_uqshl, 0xF, 0xF}},
    [0x0A] = {{exec_srshl, 0xF, 0x8}, {exec_urshl, 0xF, 0x8}},
    [0x0B] = {{exec_sqrshl, 0xF, 0xF}, {exec_uqrshl, 0xF, 0xF}},
    [0x0C] = {{exec_smax, 0x7, 0}, {exec_umax, 0x7, 0}},
    [0x0D] = {{exec_smin, 0x7, 0}, {exec_umin, 0x7, 0}},
    [0x0E] = {{exec_sabd, 0x7, 0}, {exec_uabd, 0x7, 0}},
    [0x0F] = {{exec_saba, 0x7, 0}, {exec_uaba, 0x7, 0}},
    [0x10] = {{exec_add, 0xF, 0x8}, {exec_sub, 0xF, 0x8}},
    [0x11] = {{exec_cmtst, 0xF, 0x8}, {exec_cmeq, 0xF, 0x8}},
    [0x12] = {{exec_mla, 0x7, 0}, {exec_mls, 0x7, 0}},
    [0x13] = {{exec_mul, 0x7, 0}, {exec_pmul, 0x1, 0}},
    [0x14] = {{exec_smaxp, 0x7, 0}, {exec_umaxp, 0x7, 0}},
    [0x15] = {{exec_sminp, 0x7, 0}, {exec_uminp, 0x7, 0}},
    [0x16] = {{exec_sqdmulh, 0x6, 0x6}, {exec_sqrdmulh, 0x6, 0x6}},
    [0x17] = {{exec_addp, 0xF, 0}, {NULL, 0, 0}},
};

static bool dec_bitwise(decoded_t *d, uint32_t insn, bool q, bool scalar)
{
    static const exec_fn fns[2][4] = {{exec_and, exec_bic, exec_orr, exec_orn},
                                      {exec_eor, exec_bsl, exec_bit, exec_bif}};
    if (scalar) return false;
    d->fn = fns[bit(insn, 29)][bits32(insn, 23, 22)];
    d->extra = q ? 2 : 1;
    return true;
}

static bool dec_3same_int(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 15, 11);

    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    if (opcode == 0x03) return dec_bitwise(d, insn, q, scalar);

    const same_op_t *op = &same_ops[opcode][u];
    unsigned allowed = scalar ? op->scalar_sizes : op->vector_sizes;
    if (!op->fn || !((allowed >> size) & 1) || (!scalar && size == 3 && !q)) return false;
    d->fn = op->fn;
    d->shift = (uint8_t)size;
    d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, size));
    return true;
}

const insn_pattern_t simd_3same_patterns[] = {
    {0x9F208400, 0x0E200400, "AdvSIMD three same (integer)", dec_3same_int},
    {0x9F20C400, 0x0E208400, "AdvSIMD three same (integer, 10xxx)", dec_3same_int},
    {0xDF208400, 0x5E200400, "AdvSIMD scalar three same (integer)", dec_3same_int},
    {0xDF20C400, 0x5E208400, "AdvSIMD scalar three same (integer, 10xxx)", dec_3same_int},
    PATTERN_END,
};
