/*
 * Advanced SIMD three same, floating point, vector and scalar, in half
 * (FEAT_FP16: the "three same FP16" classes), single and double precision (Arm
 * ARM C4.1.95): FADD, FSUB, FMUL, FDIV, FMULX, FMLA, FMLS, FABD, FMAX, FMIN,
 * FMAXNM, FMINNM, their pairwise forms and FADDP, FCMEQ, FCMGE, FCMGT, FACGE,
 * FACGT, FRECPS and FRSQRTS. FMLAL/FMLSL (FEAT_FHM) are not implemented.
 *
 * Both encodings select the operation by U, a (bit 23) and the low three
 * opcode bits; the width comes from sz (bit 22) or the FP16 class.
 * decoded_t: rd, rn, rm; extra = elements (1: scalar).
 */
#include "cpu/simd_fp.h"

#define OP_FADD(N, a, b, acc)    fpu_add##N(a, b, FPST(cpu))
#define OP_FSUB(N, a, b, acc)    fpu_sub##N(a, b, FPST(cpu))
#define OP_FMUL(N, a, b, acc)    fpu_mul##N(a, b, FPST(cpu))
#define OP_FDIV(N, a, b, acc)    fpu_div##N(a, b, FPST(cpu))
#define OP_FMULX(N, a, b, acc)   fpu_mulx##N(a, b, FPST(cpu))
#define OP_FMAX(N, a, b, acc)    fpu_max##N(a, b, FPST(cpu))
#define OP_FMIN(N, a, b, acc)    fpu_min##N(a, b, FPST(cpu))
#define OP_FMAXNM(N, a, b, acc)  fpu_maxnm##N(a, b, FPST(cpu))
#define OP_FMINNM(N, a, b, acc)  fpu_minnm##N(a, b, FPST(cpu))
#define OP_FMLA(N, a, b, acc)    fpu_muladd##N(acc, a, b, FPST(cpu))
#define OP_FMLS(N, a, b, acc)    fpu_muladd##N(acc, fpu_neg##N(a), b, FPST(cpu))
#define OP_FABD(N, a, b, acc)    fpu_abs##N(fpu_sub##N(a, b, FPST(cpu)))
#define OP_FRECPS(N, a, b, acc)  fpu_recps##N(a, b, FPST(cpu))
#define OP_FRSQRTS(N, a, b, acc) fpu_rsqrts##N(a, b, FPST(cpu))
#define OP_FCMEQ(N, a, b, acc)   FP_MASK(N, fpu_compare_eq##N(a, b, FPST(cpu)))
#define OP_FCMGE(N, a, b, acc)   FP_MASK(N, fpu_compare_ge##N(a, b, FPST(cpu)))
#define OP_FCMGT(N, a, b, acc)   FP_MASK(N, fpu_compare_gt##N(a, b, FPST(cpu)))
#define OP_FACGE(N, a, b, acc)                                                                     \
    FP_MASK(N, fpu_compare_ge##N(fpu_abs##N(a), fpu_abs##N(b), FPST(cpu)))
#define OP_FACGT(N, a, b, acc)                                                                     \
    FP_MASK(N, fpu_compare_gt##N(fpu_abs##N(a), fpu_abs##N(b), FPST(cpu)))

DEFINE_FP_LANEWISE(fadd, OP_FADD)
DEFINE_FP_LANEWISE(fsub, OP_FSUB)
DEFINE_FP_LANEWISE(fmul, OP_FMUL)
DEFINE_FP_LANEWISE(fdiv, OP_FDIV)
DEFINE_FP_LANEWISE(fmulx, OP_FMULX)
DEFINE_FP_LANEWISE(fmax, OP_FMAX)
DEFINE_FP_LANEWISE(fmin, OP_FMIN)
DEFINE_FP_LANEWISE(fmaxnm, OP_FMAXNM)
DEFINE_FP_LANEWISE(fminnm, OP_FMINNM)
DEFINE_FP_LANEWISE(fmla, OP_FMLA)
DEFINE_FP_LANEWISE(fmls, OP_FMLS)
DEFINE_FP_LANEWISE(fabd, OP_FABD)
DEFINE_FP_LANEWISE(frecps, OP_FRECPS)
DEFINE_FP_LANEWISE(frsqrts, OP_FRSQRTS)
DEFINE_FP_LANEWISE(fcmeq, OP_FCMEQ)
DEFINE_FP_LANEWISE(fcmge, OP_FCMGE)
DEFINE_FP_LANEWISE(fcmgt, OP_FCMGT)
DEFINE_FP_LANEWISE(facge, OP_FACGE)
DEFINE_FP_LANEWISE(facgt, OP_FACGT)

/* Pairwise: the lanes of Vn then Vm, taken two by two. */
#define DEFINE_FP_PAIRWISE_N(name, N, OP)                                                          \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t src[2] = {cpu->v[d->rn], cpu->v[d->rm]};                                      \
        vreg_t r = {0};                                                                            \
        const unsigned half = d->extra / 2;                                                        \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            const uint##N##_t *lanes = FP_LANES(N, src[i >= half]);                                \
            unsigned j = 2 * (i % half);                                                           \
            FP_LANES(N, r)[i] = OP(N, lanes[j], lanes[j + 1], 0);                                  \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_FP_PAIRWISE(name, OP)                                                               \
    DEFINE_FP_PAIRWISE_N(name, 16, OP)                                                             \
    DEFINE_FP_PAIRWISE_N(name, 32, OP)                                                             \
    DEFINE_FP_PAIRWISE_N(name, 64, OP)

DEFINE_FP_PAIRWISE(faddp, OP_FADD)
DEFINE_FP_PAIRWISE(fmaxp, OP_FMAX)
DEFINE_FP_PAIRWISE(fminp, OP_FMIN)
DEFINE_FP_PAIRWISE(fmaxnmp, OP_FMAXNM)
DEFINE_FP_PAIRWISE(fminnmp, OP_FMINNM)

typedef struct {
    exec_fn fns[3]; /* half, single, double */
    bool scalar;    /* a scalar form exists */
} fp_same_op_t;

#define VECTOR(name)                                                                               \
    {                                                                                              \
        FP_FNS(name), false                                                                        \
    }
#define BOTH(name)                                                                                 \
    {                                                                                              \
        FP_FNS(name), true                                                                         \
    }

/* [U][a][opcode<2:0>] */
static const fp_same_op_t fp_same_ops[2][2][8] = {
    {{VECTOR(fmaxnm),
      VECTOR(fmla),
      VECTOR(fadd),
      BOTH(fmulx),
      BOTH(fcmeq),
      {{0}, false},
      VECTOR(fmax),
      BOTH(frecps)},
     {VECTOR(fminnm),
      VECTOR(fmls),
      VECTOR(fsub),
      {{0}, false},
      {{0}, false},
      {{0}, false},
      VECTOR(fmin),
      BOTH(frsqrts)}},
    {{VECTOR(fmaxnmp),
      {{0}, false},
      VECTOR(faddp),
      VECTOR(fmul),
      BOTH(fcmge),
      BOTH(facge),
      VECTOR(fmaxp),
      VECTOR(fdiv)},
     {VECTOR(fminnmp),
      {{0}, false},
      BOTH(fabd),
      {{0}, false},
      BOTH(fcmgt),
      BOTH(facgt),
      VECTOR(fminp),
      {{0}, false}}},
};

static bool dec_fp_same(decoded_t *d, uint32_t insn, unsigned width)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    const fp_same_op_t *op = &fp_same_ops[u][bit(insn, 23)][bits32(insn, 13, 11)];

    if (!op->fns[width] || (scalar && !op->scalar)) return false;
    if (!scalar && width == FP_DOUBLE && !q) return false;
    d->fn = op->fns[width];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, width + 1));
    return true;
}

static bool dec_fp_same_sd(decoded_t *d, uint32_t insn)
{
    return dec_fp_same(d, insn, bit(insn, 22) ? FP_DOUBLE : FP_SINGLE);
}

static bool dec_fp_same_half(decoded_t *d, uint32_t insn)
{
    return dec_fp_same(d, insn, FP_HALF);
}

const insn_pattern_t simd_fp_patterns[] = {
    {0x9F20C400, 0x0E20C400, "AdvSIMD three same (FP)", dec_fp_same_sd},
    {0xDF20C400, 0x5E20C400, "AdvSIMD scalar three same (FP)", dec_fp_same_sd},
    {0x9F60C400, 0x0E400400, "AdvSIMD three same FP16", dec_fp_same_half},
    {0xDF60C400, 0x5E400400, "AdvSIMD scalar three same FP16", dec_fp_same_half},
    PATTERN_END,
};
