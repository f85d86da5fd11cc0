/*
 * Advanced SIMD across lanes and scalar pairwise, floating point (Arm ARM
 * C4.1.95): FMAXV, FMINV, FMAXNMV, FMINNMV (half with FEAT_FP16, single with
 * four lanes) and FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (scalar; half, single,
 * double). Lanes are combined as the Arm ARM's Reduce(): the lower and upper
 * halves are reduced recursively, then op(lower, upper), which fixes the NaN
 * that propagates.
 *
 * decoded_t: rd, rn; extra = lanes reduced (2 for the scalar pairwise forms).
 */
#include "cpu/simd_fp.h"

#define OP_FADD(N, a, b)   fpu_add##N(a, b, FPST(cpu))
#define OP_FMAX(N, a, b)   fpu_max##N(a, b, FPST(cpu))
#define OP_FMIN(N, a, b)   fpu_min##N(a, b, FPST(cpu))
#define OP_FMAXNM(N, a, b) fpu_maxnm##N(a, b, FPST(cpu))
#define OP_FMINNM(N, a, b) fpu_minnm##N(a, b, FPST(cpu))

#define DEFINE_FP_REDUCE_N(name, N, OP)                                                            \
    static uint##N##_t reduce_##name##N(cpu_t *cpu, const uint##N##_t *x, unsigned count)          \
    {                                                                                              \
        if (count == 1) return x[0];                                                               \
        uint##N##_t lower = reduce_##name##N(cpu, x, count / 2);                                   \
        uint##N##_t upper = reduce_##name##N(cpu, x + count / 2, count / 2);                       \
        return OP(N, lower, upper);                                                                \
    }                                                                                              \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn];                                                            \
        vreg_t r = {0};                                                                            \
        FP_LANES(N, r)[0] = reduce_##name##N(cpu, FP_LANES(N, n), d->extra);                       \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_FP_REDUCE(name, OP)                                                                 \
    DEFINE_FP_REDUCE_N(name, 16, OP)                                                               \
    DEFINE_FP_REDUCE_N(name, 32, OP)                                                               \
    DEFINE_FP_REDUCE_N(name, 64, OP)

DEFINE_FP_REDUCE(fadd_reduce, OP_FADD)
DEFINE_FP_REDUCE(fmax_reduce, OP_FMAX)
DEFINE_FP_REDUCE(fmin_reduce, OP_FMIN)
DEFINE_FP_REDUCE(fmaxnm_reduce, OP_FMAXNM)
DEFINE_FP_REDUCE(fminnm_reduce, OP_FMINNM)

/* By opcode 01100-01111 and a (bit 23). */
static const exec_fn *reduce_fns(unsigned opcode, bool a)
{
    static const exec_fn fns[4][2][3] = {
        {FP_FNS(fmaxnm_reduce), FP_FNS(fminnm_reduce)},
        {FP_FNS(fadd_reduce), {NULL, NULL, NULL}},
        {{NULL, NULL, NULL}, {NULL, NULL, NULL}},
        {FP_FNS(fmax_reduce), FP_FNS(fmin_reduce)},
    };
    return fns[opcode & 3][a];
}

/* FMAXV and friends: U = 0 half precision (sz = 0), U = 1 single precision (sz = 0, Q = 1). */
static bool dec_fp_across(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29);
    unsigned opcode = bits32(insn, 16, 12);
    const exec_fn *fns = reduce_fns(opcode, bit(insn, 23));

    if (opcode == 0x0D || !fns[0] || bit(insn, 22) || (u && !q)) return false;
    d->fn = fns[u ? FP_SINGLE : FP_HALF];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->extra = (uint16_t)simd_elements(q, u ? 2 : 1);
    return true;
}

/* Scalar pairwise: U = 0 half precision (sz = 0), U = 1 single or double by sz. */
static bool dec_fp_pairwise(decoded_t *d, uint32_t insn)
{
    bool u = bit(insn, 29), sz = bit(insn, 22);
    const exec_fn *fns = reduce_fns(bits32(insn, 16, 12), bit(insn, 23));

    if (!fns[0] || (!u && sz)) return false;
    d->fn = fns[!u ? FP_HALF : sz ? FP_DOUBLE : FP_SINGLE];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->extra = 2;
    return true;
}

const insn_pattern_t simd_fpacross_patterns[] = {
    {0x9F3FCC00, 0x0E30C800, "AdvSIMD across lanes (FP)", dec_fp_across},
    {0xDF3FCC00, 0x5E30C800, "AdvSIMD scalar pairwise (FP)", dec_fp_pairwise},
    PATTERN_END,
};
