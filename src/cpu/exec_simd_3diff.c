/*
 * Advanced SIMD three different, vector and scalar (Arm ARM C4.1.95
 * "Advanced SIMD three different"): the widening S/UADDL, S/USUBL, S/UADDW,
 * S/USUBW, S/UABAL, S/UABDL, S/UMLAL, S/UMLSL, S/UMULL, SQDMLAL, SQDMLSL,
 * SQDMULL, PMULL (8-bit, and 64-bit: FEAT_PMULL) and the narrowing ADDHN,
 * RADDHN, SUBHN, RSUBHN. The "2" forms read (or for the
 * narrowing ones write) the upper halves.
 *
 * decoded_t: rd, rn, rm; shift = size of the narrow elements; extra = elements
 * of the result (1: scalar); flags & SIMD_UPPER: the "2" forms.
 */
#include "cpu/simd.h"

/*
 * Widening: r (double-width lane) = EXPR over wa, wb (the integer values of Vn's
 * and Vm's lanes; Vn's lanes are double width when WIDE_N) and acc (Vd's lane).
 */
#define DEFINE_LONG(name, U, WIDE_N, EXPR)                                                         \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], old = cpu->v[d->rd];                    \
        vreg_t r = {0};                                                                            \
        const unsigned first = (d->flags & SIMD_UPPER) ? d->extra : 0;                             \
        SIMD_FOR_EACH_SIZE(d->shift, {                                                             \
            const unsigned bits = 8u << SZ;                                                        \
            for (unsigned i = 0; i < d->extra; i++) {                                              \
                __int128 wa = WIDE_N ? wide_int(lane_get(&n, SZ + 1, i), 2 * bits, U)              \
                                     : wide_int(lane_get(&n, SZ, first + i), bits, U);             \
                __int128 wb = wide_int(lane_get(&m, SZ, first + i), bits, U);                      \
                __int128 acc = wide_int(lane_get(&old, SZ + 1, i), 2 * bits, U);                   \
                (void)acc;                                                                         \
                lane_set(&r, SZ + 1, i, (uint64_t)(EXPR));                                         \
            }                                                                                      \
        })                                                                                         \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

#define DEFINE_LONG_SU(sname, uname, WIDE_N, EXPR)                                                 \
    DEFINE_LONG(sname, false, WIDE_N, EXPR)                                                        \
    DEFINE_LONG(uname, true, WIDE_N, EXPR)

#define ABS_DIFF (wa > wb ? wa - wb : wb - wa)

DEFINE_LONG_SU(saddl, uaddl, false, wa + wb)
DEFINE_LONG_SU(saddw, uaddw, true, wa + wb)
DEFINE_LONG_SU(ssubl, usubl, false, wa - wb)
DEFINE_LONG_SU(ssubw, usubw, true, wa - wb)
DEFINE_LONG_SU(sabal, uabal, false, acc + ABS_DIFF)
DEFINE_LONG_SU(sabdl, uabdl, false, ABS_DIFF)
DEFINE_LONG_SU(smlal, umlal, false, acc + wa * wb)
DEFINE_LONG_SU(smlsl, umlsl, false, acc - wa * wb)
DEFINE_LONG_SU(smull, umull, false, wa *wb)

/* SQDMULL: SignedSatQ(2 * a * b); the accumulating forms saturate again after
 * the addition or subtraction (each saturation sets FPSR.QC). */
#define DOUBLED_PRODUCT sext(sat_signed(cpu, 2 * wa * wb, 2 * bits), 2 * bits)
DEFINE_LONG(sqdmull, false, false, sat_signed(cpu, DOUBLED_PRODUCT, 2 * bits))
DEFINE_LONG(sqdmlal, false, false, sat_signed(cpu, acc + DOUBLED_PRODUCT, 2 * bits))
DEFINE_LONG(sqdmlsl, false, false, sat_signed(cpu, acc - DOUBLED_PRODUCT, 2 * bits))

/* Carry-less multiply of two bytes into 16 bits. */
static uint64_t clmul8_wide(__int128 a, __int128 b)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        if (((uint64_t)b >> i) & 1) r ^= (uint64_t)a << i;
    return r;
}
DEFINE_LONG(pmull8, true, false, clmul8_wide(wa, wb))

/* PMULL{2} of 64-bit elements (FEAT_PMULL): the 128-bit carry-less product. */
static void exec_pmull64(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    unsigned half = (d->flags & SIMD_UPPER) ? 1 : 0;
    uint64_t a = cpu->v[d->rn].d[half], b = cpu->v[d->rm].d[half];
    unsigned __int128 r = 0;
    for (unsigned i = 0; i < 64; i++)
        if ((b >> i) & 1) r ^= (unsigned __int128)a << i;
    cpu->v[d->rd] = (vreg_t){.d = {(uint64_t)r, (uint64_t)(r >> 64)}};
    exec_next(cpu, d);
}

/* High half of the double-width sum or difference of Vn and Vm, optionally rounded. */
#define DEFINE_HIGH_NARROW(name, SUBTRACT, ROUND)                                                  \
    static void exec_##name(cpu_t *cpu, const decoded_t *d)                                        \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm];                                         \
        const unsigned size = d->shift, bits = 8u << size;                                         \
        const uint64_t round = ROUND ? 1ull << (bits - 1) : 0;                                     \
        uint64_t narrowed = 0;                                                                     \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint64_t a = lane_get(&n, size + 1, i), b = lane_get(&m, size + 1, i);                 \
            uint64_t wide = (SUBTRACT ? a - b : a + b) + round; /* modulo 2^(2 * bits) */          \
            narrowed |= ((wide >> bits) & ones(bits)) << (i * bits);                               \
        }                                                                                          \
        simd_write_narrow(cpu, d->rd, narrowed, d->flags &SIMD_UPPER);                             \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_HIGH_NARROW(addhn, false, false)
DEFINE_HIGH_NARROW(raddhn, false, true)
DEFINE_HIGH_NARROW(subhn, true, false)
DEFINE_HIGH_NARROW(rsubhn, true, true)

static bool dec_3diff(decoded_t *d, uint32_t insn)
{
    /* [opcode][U]; NULL: unallocated. */
    static const exec_fn fns[15][2] = {
        {exec_saddl, exec_uaddl},  {exec_saddw, exec_uaddw},  {exec_ssubl, exec_usubl},
        {exec_ssubw, exec_usubw},  {exec_addhn, exec_raddhn}, {exec_sabal, exec_uabal},
        {exec_subhn, exec_rsubhn}, {exec_sabdl, exec_uabdl},  {exec_smlal, exec_umlal},
        {exec_sqdmlal, NULL},      {exec_smlsl, exec_umlsl},  {exec_sqdmlsl, NULL},
        {exec_smull, exec_umull},  {exec_sqdmull, NULL},      {exec_pmull8, NULL},
    };
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 15, 12);
    bool doubling = opcode == 9 || opcode == 11 || opcode == 13;

    if (opcode == 15 || !fns[opcode][u]) return false;
    if (opcode == 14 ? size == 1 || size == 2 : size == 3) return false; /* PMULL: 8, 64-bit */
    if (doubling && size == 0) return false;
    if (scalar && !doubling) return false;
    d->fn = opcode == 14 && size == 3 ? exec_pmull64 : fns[opcode][u];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->shift = (uint8_t)size;
    d->flags = q && !scalar ? SIMD_UPPER : 0;
    d->extra = (uint16_t)(scalar ? 1 : 8u >> size);
    return true;
}

const insn_pattern_t simd_3diff_patterns[] = {
    {0x9F200C00, 0x0E200000, "AdvSIMD three different", dec_3diff},
    {0xDF200C00, 0x5E200000, "AdvSIMD scalar three different", dec_3diff},
    PATTERN_END,
};
