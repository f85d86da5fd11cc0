/*
 * Advanced SIMD shift by immediate, vector and scalar (Arm ARM C4.1.95
 * "Advanced SIMD shift by immediate"): S/USHR, S/USRA, S/URSHR, S/URSRA, SRI,
 * SHL, SLI, SQSHLU, SQSHL/UQSHL (immediate), the narrowing SHRN, RSHRN,
 * SQ(R)SHRN, UQ(R)SHRN, SQ(R)SHRUN and the widening S/USHLL. The fixed-point
 * conversions of the same class are decoded by dec_simd_fixed_convert()
 * (exec_simd_fpconv.c).
 *
 * The element size comes from the highest set bit of immh; right shifts are
 * 2 * esize - immh:immb (1..esize), left shifts immh:immb - esize.
 * decoded_t: rd, rn; shift = element size (narrowing: the destination size);
 * amount = shift amount; extra = elements written (1: scalar); flags &
 * SIMD_UPPER: the "2" forms.
 */
#include "cpu/simd.h"

/*
 * Each lane: r = EXPR over a (raw lane of Vn), wa (its integer value), acc (Vd's lane), sh.
 * As in exec_simd_3same.c, operations without side effects (ALL_LANES) compute all 16 bytes
 * and clear the lanes not written; saturating ones stop at the last lane written.
 */
#define DEFINE_SHIFT_(name, U, ALL_LANES, EXPR)                                                    \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        vreg_t r = {0};                                                                            \
        const unsigned sh = d->amount;                                                             \
        const bool u = (U);                                                                        \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            const unsigned bits = 8u << SZ, count = (ALL_LANES) ? 16u >> SZ : d->extra;            \
            for (unsigned i = 0; i < count; i++) {                                                 \
                uint64_t a = lane_get(&n, SZ, i), acc = lane_get(&old, SZ, i);                     \
                __int128 wa = wide_int(a, bits, u);                                                \
                (void)acc;                                                                         \
                (void)wa;                                                                          \
                lane_set(&r, SZ, i, (uint64_t)(EXPR));                                             \
            }                                                                                      \
            if (ALL_LANES) simd_clear_from(&r, d->extra << SZ);                                    \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_SHIFT(name, U, EXPR)      DEFINE_SHIFT_(name, U, true, EXPR)
#define DEFINE_SATURATING(name, U, EXPR) DEFINE_SHIFT_(name, U, false, EXPR)

#define DEFINE_SHIFT_SU(sname, uname, EXPR)                                                        \
    DEFINE_SHIFT(sname, false, EXPR)                                                               \
    DEFINE_SHIFT(uname, true, EXPR)

#define RIGHT(rounding) shift_int(wa, -(int)sh, rounding)

DEFINE_SHIFT_SU(sshr, ushr, RIGHT(false))
DEFINE_SHIFT_SU(ssra, usra, acc + RIGHT(false))
DEFINE_SHIFT_SU(srshr, urshr, RIGHT(true))
DEFINE_SHIFT_SU(srsra, ursra, acc + RIGHT(true))
DEFINE_SHIFT(shl, true, a << sh)
DEFINE_SATURATING(sqshl, false, sat_signed(cpu, shift_int(wa, (int)sh, false), bits))
DEFINE_SATURATING(uqshl, true, sat_unsigned(cpu, shift_int(wa, (int)sh, false), bits))
DEFINE_SATURATING(sqshlu, false, sat_unsigned(cpu, shift_int(wa, (int)sh, false), bits))

/* SRI: Vn >> sh inserted below the top sh bits of Vd; SLI: Vn << sh above the low sh bits. */
static inline uint64_t insert_right(uint64_t acc, uint64_t a, unsigned sh, unsigned bits)
{
    uint64_t mask = sh >= bits ? 0 : ones(bits) >> sh;
    return (acc & ~mask) | ((sh >= bits ? 0 : a >> sh) & mask);
}
static inline uint64_t insert_left(uint64_t acc, uint64_t a, unsigned sh, unsigned bits)
{
    uint64_t mask = (ones(bits) << sh) & ones(bits);
    return (acc & ~mask) | ((a << sh) & mask);
}
DEFINE_SHIFT(sri, true, insert_right(acc, a, sh, bits))
DEFINE_SHIFT(sli, true, insert_left(acc, a, sh, bits))

/* Narrowing: each double-width lane of Vn shifted right, then narrowed by EXPR over the
 * shifted value w (SatQ for the saturating forms). */
#define DEFINE_SHIFT_NARROW(name, U, ROUNDING, EXPR)                                               \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        uint64_t narrowed = 0;                                                                     \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            __int128 w = shift_int(wide_int(lane_get(&n, size + 1, i), 2 * bits, U),               \
                                   -(int)d->amount, ROUNDING);                                     \
            narrowed |= ((uint64_t)(EXPR)&ones(bits)) << (i * bits);                               \
        }                                                                                          \
        simd_write_narrow(cpu, d->rd, narrowed, d->flags &SIMD_UPPER);                             \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_SHIFT_NARROW(shrn, true, false, w)
DEFINE_SHIFT_NARROW(rshrn, true, true, w)
DEFINE_SHIFT_NARROW(sqshrn, false, false, sat_signed(cpu, w, bits))
DEFINE_SHIFT_NARROW(sqrshrn, false, true, sat_signed(cpu, w, bits))
DEFINE_SHIFT_NARROW(uqshrn, true, false, sat_unsigned(cpu, w, bits))
DEFINE_SHIFT_NARROW(uqrshrn, true, true, sat_unsigned(cpu, w, bits))
DEFINE_SHIFT_NARROW(sqshrun, false, false, sat_unsigned(cpu, w, bits))
DEFINE_SHIFT_NARROW(sqrshrun, false, true, sat_unsigned(cpu, w, bits))

/* S/USHLL{2}: lanes of one half of Vn widened, then shifted left. */
#define DEFINE_SHIFT_LONG(name, U)                                                                 \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        vreg_t r = {0};                                                                            \
        const unsigned size = d->shift, first = (d->flags & SIMD_UPPER) ? d->extra : 0;            \
        for (unsigned i = 0; i < d->extra; i++)                                                    \
            lane_set(&r, size + 1, i, lane_get_ext(&n, size, first + i, U) << d->amount);          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_SHIFT_LONG(sshll, false)
DEFINE_SHIFT_LONG(ushll, true)

typedef enum { SHIFT_RIGHT, SHIFT_LEFT, SHIFT_NARROW, SHIFT_LONG } shift_kind_t;

/* Per opcode (0-20) and U: execute function, kind, and whether a scalar form exists for
 * every size (scalar_any) or only for 64-bit elements. */
typedef struct {
    exec_fn fn;
    uint8_t kind;
    bool scalar, scalar_any;
} shift_op_t;

static const shift_op_t shift_ops[21][2] = {
    [0x00] = {{exec_sshr, SHIFT_RIGHT, true, false}, {exec_ushr, SHIFT_RIGHT, true, false}},
    [0x02] = {{exec_ssra, SHIFT_RIGHT, true, false}, {exec_usra, SHIFT_RIGHT, true, false}},
    [0x04] = {{exec_srshr, SHIFT_RIGHT, true, false}, {exec_urshr, SHIFT_RIGHT, true, false}},
    [0x06] = {{exec_srsra, SHIFT_RIGHT, true, false}, {exec_ursra, SHIFT_RIGHT, true, false}},
    [0x08] = {{NULL, 0, false, false}, {exec_sri, SHIFT_RIGHT, true, false}},
    [0x0A] = {{exec_shl, SHIFT_LEFT, true, false}, {exec_sli, SHIFT_LEFT, true, false}},
    [0x0C] = {{NULL, 0, false, false}, {exec_sqshlu, SHIFT_LEFT, true, true}},
    [0x0E] = {{exec_sqshl, SHIFT_LEFT, true, true}, {exec_uqshl, SHIFT_LEFT, true, true}},
    [0x10] = {{exec_shrn, SHIFT_NARROW, false, false}, {exec_sqshrun, SHIFT_NARROW, true, true}},
    [0x11] = {{exec_rshrn, SHIFT_NARROW, false, false}, {exec_sqrshrun, SHIFT_NARROW, true, true}},
    [0x12] = {{exec_sqshrn, SHIFT_NARROW, true, true}, {exec_uqshrn, SHIFT_NARROW, true, true}},
    [0x13] = {{exec_sqrshrn, SHIFT_NARROW, true, true}, {exec_uqrshrn, SHIFT_NARROW, true, true}},
    [0x14] = {{exec_sshll, SHIFT_LONG, false, false}, {exec_ushll, SHIFT_LONG, false, false}},
};

static bool dec_shift_imm(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned immh = bits32(insn, 22, 19), immhb = bits32(insn, 22, 16);
    unsigned opcode = bits32(insn, 15, 11);
    unsigned size = 31 - (unsigned)__builtin_clz(immh), esize = 8u << size;

    if (opcode == 0x1C || opcode == 0x1F) return dec_simd_fixed_convert(d, insn);
    if (opcode > 0x14 || !shift_ops[opcode][u].fn) return false;
    const shift_op_t *op = &shift_ops[opcode][u];
    if (scalar && !op->scalar) return false;
    if (scalar && !op->scalar_any && size != 3) return false;
    if (op->kind == SHIFT_NARROW || op->kind == SHIFT_LONG) {
        if (size == 3) return false;
    } else if (!scalar && size == 3 && !q) {
        return false;
    }
    d->fn = op->fn;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->shift = (uint8_t)size;
    d->amount = (uint8_t)(op->kind == SHIFT_LEFT || op->kind == SHIFT_LONG ? immhb - esize
                                                                           : 2 * esize - immhb);
    if (op->kind == SHIFT_NARROW || op->kind == SHIFT_LONG) {
        d->flags = q && !scalar ? SIMD_UPPER : 0;
        d->extra = (uint16_t)(scalar ? 1 : 8u >> size);
    } else {
        d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, size));
    }
    return true;
}

/* immh = 0 belongs to the modified-immediate class: one row per highest set bit of immh. */
const insn_pattern_t simd_shift_patterns[] = {
    {0x9FC00400, 0x0F400400, "AdvSIMD shift by immediate (64-bit)", dec_shift_imm},
    {0x9FE00400, 0x0F200400, "AdvSIMD shift by immediate (32-bit)", dec_shift_imm},
    {0x9FF00400, 0x0F100400, "AdvSIMD shift by immediate (16-bit)", dec_shift_imm},
    {0x9FF80400, 0x0F080400, "AdvSIMD shift by immediate (8-bit)", dec_shift_imm},
    {0xDFC00400, 0x5F400400, "AdvSIMD scalar shift by immediate (64-bit)", dec_shift_imm},
    {0xDFE00400, 0x5F200400, "AdvSIMD scalar shift by immediate (32-bit)", dec_shift_imm},
    {0xDFF00400, 0x5F100400, "AdvSIMD scalar shift by immediate (16-bit)", dec_shift_imm},
    {0xDFF80400, 0x5F080400, "AdvSIMD scalar shift by immediate (8-bit)", dec_shift_imm},
    PATTERN_END,
};
