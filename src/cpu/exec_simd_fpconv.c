/*
 * Advanced SIMD conversions between floating point and integer, vector and
 * scalar, half/single/double (Arm ARM C4.1.95): FCVTNS/NU, FCVTMS/MU,
 * FCVTAS/AU, FCVTPS/PU, FCVTZS/ZU and SCVTF/UCVTF of the two-register misc
 * classes (dec_simd_fp_int_convert(), called by exec_simd_fpmisc.c), and the
 * fixed-point FCVTZS/ZU and SCVTF/UCVTF of the shift-by-immediate class
 * (dec_simd_fixed_convert()). Integers have the width of the FP elements.
 *
 * decoded_t: rd, rn; extra = elements (1: scalar); amount = fraction bits;
 * op = the fp_rounding_t of FP to integer; flags & SIMD_UNSIGNED.
 */
#include "cpu/simd_fp.h"

#define DEFINE_TO_INT_N(N)                                                                         \
    static void exec_fcvt_to_int##N(cpu_t *cpu, const decoded_t *d)                                \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        vreg_t r = {0};                                                                            \
        const bool is_unsigned = d->flags & SIMD_UNSIGNED;                                         \
        const fp_rounding_t rounding = (fp_rounding_t)d->op;                                       \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint64_t x = fpu_to_fixed##N(FP_LANES(N, n)[i], d->amount, is_unsigned, N, rounding,   \
                                         FPST(cpu));                                               \
            FP_LANES(N, r)[i] = (uint##N##_t)x;                                                    \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

#define DEFINE_FROM_INT_N(N)                                                                       \
    static void exec_fcvt_from_int##N(cpu_t *cpu, const decoded_t *d)                              \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        vreg_t r = {0};                                                                            \
        const bool is_unsigned = d->flags & SIMD_UNSIGNED;                                         \
        const fp_rounding_t rounding = fpcr_rounding(cpu->fpcr);                                   \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint##N##_t x = fpu_from_fixed##N(FP_LANES(N, n)[i], d->amount, is_unsigned, N,        \
                                              rounding, FPST(cpu));                                \
            FP_LANES(N, r)[i] = x;                                                                 \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_TO_INT_N(16)
DEFINE_TO_INT_N(32)
DEFINE_TO_INT_N(64)
DEFINE_FROM_INT_N(16)
DEFINE_FROM_INT_N(32)
DEFINE_FROM_INT_N(64)

static const exec_fn to_int_fns[3] = FP_FNS(fcvt_to_int);
static const exec_fn from_int_fns[3] = FP_FNS(fcvt_from_int);

static void fill_convert(decoded_t *d, uint32_t insn, unsigned width, bool to_int)
{
    bool q = bit(insn, 30), scalar = bit(insn, 28);
    d->fn = to_int ? to_int_fns[width] : from_int_fns[width];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->flags = bit(insn, 29) ? SIMD_UNSIGNED : 0;
    d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, width + 1));
}

bool dec_simd_fp_int_convert(decoded_t *d, uint32_t insn, unsigned width)
{
    /* FP to integer by opcode 11010-11100 and a (bit 23): N, M, A / P, Z. */
    static const int8_t rounding[3][2] = {
        {FPR_TIEEVEN, FPR_POSINF}, {FPR_NEGINF, FPR_ZERO}, {FPR_TIEAWAY, -1}};
    bool a = bit(insn, 23), q = bit(insn, 30), scalar = bit(insn, 28);
    unsigned opcode = bits32(insn, 16, 12);

    if (!scalar && width == FP_DOUBLE && !q) return false;
    if (opcode == 0x1D && !a) { /* SCVTF, UCVTF */
        fill_convert(d, insn, width, false);
        return true;
    }
    if (opcode < 0x1A || opcode > 0x1C || rounding[opcode - 0x1A][a] < 0) return false;
    fill_convert(d, insn, width, true);
    d->op = (uint8_t)rounding[opcode - 0x1A][a];
    return true;
}

/* Shift by immediate, opcodes 11100 (S/UCVTF) and 11111 (FCVTZS/ZU): fbits = 2 * esize -
 * immh:immb; immh 001x is half precision, 01xx single, 1xxx double. */
bool dec_simd_fixed_convert(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), scalar = bit(insn, 28);
    unsigned immh = bits32(insn, 22, 19), immhb = bits32(insn, 22, 16);
    unsigned size = 31 - (unsigned)__builtin_clz(immh);

    if (size == 0 || (!scalar && size == 3 && !q)) return false;
    fill_convert(d, insn, size - 1, bits32(insn, 15, 11) == 0x1F);
    d->op = FPR_ZERO;
    d->amount = (uint8_t)((16u << size) - immhb);
    return true;
}
