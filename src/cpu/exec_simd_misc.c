/*
 * Advanced SIMD two-register miscellaneous, integer opcodes, vector and scalar
 * (Arm ARM C4.1.95 "Advanced SIMD two-register miscellaneous" and its scalar
 * form): REV16/32/64, CNT, NOT, RBIT, CLS, CLZ, ABS, NEG, SQABS, SQNEG, the
 * compares with zero, SUQADD/USQADD, S/UADDLP, S/UADALP, SHLL and the narrowing
 * XTN, SQXTN, UQXTN, SQXTUN. The floating-point opcodes (and URECPE/URSQRTE)
 * are in exec_simd_fpmisc.c.
 *
 * decoded_t: rd, rn; shift = element size (for the narrowing forms the
 * destination size, for the widening ones the source size); extra = elements
 * written (1: scalar); flags & SIMD_UPPER: the "2" forms; imm: for REV the byte
 * index XOR mask.
 */
#include "cpu/simd.h"

/*
 * Each lane: r = EXPR over a (raw lane of Vn), wa (its integer value) and acc (Vd's lane).
 * Operations without side effects (ALL_LANES) run over all 16 bytes, a loop of constant length
 * the host compiler vectorises, and then clear the lanes the instruction does not write;
 * saturating ones (FPSR.QC) stop at the last lane written.
 */
#define DEFINE_UNARY_(name, U, ALL_LANES, EXPR)                                                    \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        vreg_t r = {0};                                                                            \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            const unsigned bits = 8u << SZ, count = (ALL_LANES) ? 16u >> SZ : d->extra;            \
            for (unsigned i = 0; i < count; i++) {                                                 \
                uint64_t a = lane_get(&n, SZ, i), acc = lane_get(&old, SZ, i);                     \
                __int128 wa = wide_int(a, bits, U);                                                \
                (void)acc;                                                                         \
                (void)wa;                                                                          \
                lane_set(&r, SZ, i, (uint64_t)(EXPR));                                             \
            }                                                                                      \
            if (ALL_LANES) simd_clear_from(&r, d->extra << SZ);                                    \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_UNARY(name, U, EXPR)      DEFINE_UNARY_(name, U, true, EXPR)
#define DEFINE_SATURATING(name, U, EXPR) DEFINE_UNARY_(name, U, false, EXPR)

#define ALL_ONES(cond) ((cond) ? ~0ull : 0)

/* Leading zero bits of the bits-wide value a. */
static unsigned clz_bits(uint64_t a, unsigned bits)
{
    return a ? (unsigned)__builtin_clzll(a) - (64 - bits) : bits;
}

/* Leading bits equal to the sign bit, the sign bit excluded. */
static unsigned cls_bits(uint64_t a, unsigned bits)
{
    uint64_t x = (a ^ (a >> 1)) & ones(bits - 1);
    return clz_bits(x, bits - 1);
}

static uint8_t rbit8(uint64_t a)
{
    uint8_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r |= (uint8_t)(((a >> i) & 1) << (7 - i));
    return r;
}

DEFINE_UNARY(cls, false, cls_bits(a, bits))
DEFINE_UNARY(clz, true, clz_bits(a, bits))
DEFINE_UNARY(cnt, true, __builtin_popcountll(a))
DEFINE_UNARY(not, true, ~a)
DEFINE_UNARY(rbit, true, rbit8(a))
DEFINE_UNARY(abs, false, wa < 0 ? -wa : wa)
DEFINE_UNARY(neg, false, -wa)
DEFINE_SATURATING(sqabs, false, sat_signed(cpu, wa < 0 ? -wa : wa, bits))
DEFINE_SATURATING(sqneg, false, sat_signed(cpu, -wa, bits))
DEFINE_UNARY(cmgt_zero, false, ALL_ONES(wa > 0))
DEFINE_UNARY(cmeq_zero, false, ALL_ONES(wa == 0))
DEFINE_UNARY(cmlt_zero, false, ALL_ONES(wa < 0))
DEFINE_UNARY(cmge_zero, false, ALL_ONES(wa >= 0))
DEFINE_UNARY(cmle_zero, false, ALL_ONES(wa <= 0))
/* SUQADD: signed Vd + unsigned Vn; USQADD: unsigned Vd + signed Vn. */
DEFINE_SATURATING(suqadd, true, sat_signed(cpu, wide_int(acc, bits, false) + wa, bits))
DEFINE_SATURATING(usqadd, false, sat_unsigned(cpu, wide_int(acc, bits, true) + wa, bits))

/* REV16/32/64: result byte i is source byte i ^ imm. */
static void exec_rev(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    for (unsigned i = 0; i < d->extra; i++)
        r.b[i] = n.b[i ^ d->imm];
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* S/UADDLP and S/UADALP: pairs of source lanes summed into double-width lanes. */
#define DEFINE_ADD_PAIRS_LONG(name, U, ACCUMULATE)                                                 \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        vreg_t r = {0};                                                                            \
        const unsigned size = d->shift;                                                            \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint64_t sum =                                                                         \
                lane_get_ext(&n, size, 2 * i, U) + lane_get_ext(&n, size, 2 * i + 1, U);           \
            if (ACCUMULATE) sum += lane_get(&old, size + 1, i);                                    \
            lane_set(&r, size + 1, i, sum);                                                        \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_ADD_PAIRS_LONG(saddlp, false, false)
DEFINE_ADD_PAIRS_LONG(uaddlp, true, false)
DEFINE_ADD_PAIRS_LONG(sadalp, false, true)
DEFINE_ADD_PAIRS_LONG(uadalp, true, true)

/* SHLL{2}: each lane of one half of Vn widened and shifted left by its width. */
static void exec_shll(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    const unsigned size = d->shift, first = (d->flags & SIMD_UPPER) ? d->extra : 0;
    for (unsigned i = 0; i < d->extra; i++)
        lane_set(&r, size + 1, i, lane_get(&n, size, first + i) << (8u << size));
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* Narrowing: each double-width lane of Vn to one lane of the result (SatQ when saturating). */
#define DEFINE_NARROW(name, EXPR)                                                                  \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        uint64_t narrowed = 0;                                                                     \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint64_t a = lane_get(&n, size + 1, i);                                                \
            narrowed |= ((uint64_t)(EXPR)&ones(bits)) << (i * bits);                               \
        }                                                                                          \
        simd_write_narrow(cpu, d->rd, narrowed, d->flags &SIMD_UPPER);                             \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_NARROW(xtn, a)
DEFINE_NARROW(sqxtn, sat_signed(cpu, sext(a, 2 * bits), bits))
DEFINE_NARROW(uqxtn, sat_unsigned(cpu, (__int128)a, bits))
DEFINE_NARROW(sqxtun, sat_unsigned(cpu, sext(a, 2 * bits), bits))

/* Lane-wise operations per opcode (0-11) and U, with the sizes allowed (bit per
 * size) in the vector and scalar forms; vector size 3 also needs Q = 1. */
typedef struct {
    exec_fn fn;
    uint8_t vector_sizes, scalar_sizes;
} misc_op_t;

static const misc_op_t lanewise_ops[12][2] = {
    [0x03] = {{exec_suqadd, 0xF, 0xF}, {exec_usqadd, 0xF, 0xF}},
    [0x04] = {{exec_cls, 0x7, 0}, {exec_clz, 0x7, 0}},
    [0x07] = {{exec_sqabs, 0xF, 0xF}, {exec_sqneg, 0xF, 0xF}},
    [0x08] = {{exec_cmgt_zero, 0xF, 0x8}, {exec_cmge_zero, 0xF, 0x8}},
    [0x09] = {{exec_cmeq_zero, 0xF, 0x8}, {exec_cmle_zero, 0xF, 0x8}},
    [0x0A] = {{exec_cmlt_zero, 0xF, 0x8}, {NULL, 0, 0}},
    [0x0B] = {{exec_abs, 0xF, 0x8}, {exec_neg, 0xF, 0x8}},
};

static bool dec_rev(decoded_t *d, unsigned container_log2, unsigned size, bool q)
{
    if (size >= container_log2) return false;
    d->fn = exec_rev;
    d->imm = ((1u << container_log2) - 1) & ~((1u << size) - 1);
    d->extra = (uint16_t)(8u << q);
    return true;
}

static bool dec_misc_special(decoded_t *d, unsigned opcode, bool u, unsigned size, bool q)
{
    static const exec_fn pairs[2][2] = {{exec_saddlp, exec_sadalp}, {exec_uaddlp, exec_uadalp}};
    switch (opcode) {
    case 0x00: return dec_rev(d, u ? 2 : 3, size, q); /* REV64, REV32 */
    case 0x01: return !u && dec_rev(d, 1, size, q);   /* REV16 */
    case 0x02:
    case 0x06: /* S/UADDLP, S/UADALP */
        if (size == 3) return false;
        d->fn = pairs[u][opcode == 0x06];
        d->extra = (uint16_t)simd_elements(q, size + 1);
        return true;
    case 0x05: /* CNT, NOT, RBIT */
        if (size > (u ? 1u : 0u)) return false;
        d->fn = !u ? exec_cnt : size ? exec_rbit : exec_not;
        d->shift = 0; /* bytes; for NOT and RBIT size is part of the opcode */
        d->extra = (uint16_t)(8u << q);
        return true;
    default: return false;
    }
}

static bool dec_misc_int(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 16, 12);

    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = (uint8_t)size;
    if (opcode < 12 && lanewise_ops[opcode][u].fn) {
        const misc_op_t *op = &lanewise_ops[opcode][u];
        unsigned allowed = scalar ? op->scalar_sizes : op->vector_sizes;
        if (!((allowed >> size) & 1) || (!scalar && size == 3 && !q)) return false;
        d->fn = op->fn;
        d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, size));
        return true;
    }
    if (scalar) return false;
    return dec_misc_special(d, opcode, u, size, q);
}

/* Opcodes 10010-10100: XTN, SQXTUN, SHLL, SQXTN, UQXTN (scalar: the saturating ones). */
static bool dec_misc_narrow(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 16, 12);
    exec_fn fn;

    if (size == 3) return false;
    switch (opcode) {
    case 0x12: fn = u ? exec_sqxtun : scalar ? NULL : exec_xtn; break;
    case 0x13: fn = u && !scalar ? exec_shll : NULL; break;
    case 0x14: fn = u ? exec_uqxtn : exec_sqxtn; break;
    default: fn = NULL; break;
    }
    if (!fn) return false;
    d->fn = fn;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = (uint8_t)size;
    d->flags = q && !scalar ? SIMD_UPPER : 0;
    d->extra = (uint16_t)(scalar ? 1 : 8u >> size);
    return true;
}

const insn_pattern_t simd_misc_patterns[] = {
    {0x9F3F8C00, 0x0E200800, "AdvSIMD two-reg misc (00xxx)", dec_misc_int},
    {0x9F3FCC00, 0x0E208800, "AdvSIMD two-reg misc (010xx)", dec_misc_int},
    {0x9F3FCC00, 0x0E210800, "AdvSIMD two-reg misc (100xx)", dec_misc_narrow},
    {0x9F3FEC00, 0x0E214800, "AdvSIMD two-reg misc (1010x)", dec_misc_narrow},
    {0xDF3F8C00, 0x5E200800, "AdvSIMD scalar two-reg misc (00xxx)", dec_misc_int},
    {0xDF3FCC00, 0x5E208800, "AdvSIMD scalar two-reg misc (010xx)", dec_misc_int},
    {0xDF3FCC00, 0x5E210800, "AdvSIMD scalar two-reg misc (100xx)", dec_misc_narrow},
    {0xDF3FEC00, 0x5E214800, "AdvSIMD scalar two-reg misc (1010x)", dec_misc_narrow},
    PATTERN_END,
};
