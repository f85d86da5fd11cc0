/*
 * Advanced SIMD two-register miscellaneous, floating point, vector and scalar,
 * half (FEAT_FP16 classes), single and double precision (Arm ARM C4.1.95):
 * FABS, FNEG, FSQRT, the compares with zero, FRINTN/P/M/Z/A/X/I,
 * FRINT32Z/32X/64Z/64X (FEAT_FRINTTS), FRECPE, FRSQRTE, FRECPX, URECPE,
 * URSQRTE, FCVTL, FCVTN, FCVTXN; the conversions to and from integer are in
 * exec_simd_fpconv.c.
 *
 * decoded_t: rd, rn; extra = elements (1: scalar); FCVTN/FCVTL/FCVTXN:
 * flags & SIMD_UPPER for the "2" forms, op = 1 for round to odd (FCVTXN).
 */
#include "cpu/simd_fp.h"

#define OP_FABS(N, a, b, acc)    fpu_abs##N(a)
#define OP_FNEG(N, a, b, acc)    fpu_neg##N(a)
#define OP_FSQRT(N, a, b, acc)   fpu_sqrt##N(a, FPST(cpu))
#define OP_FRECPE(N, a, b, acc)  fpu_recpe##N(a, FPST(cpu))
#define OP_FRSQRTE(N, a, b, acc) fpu_rsqrte##N(a, FPST(cpu))
#define OP_FRECPX(N, a, b, acc)  fpu_recpx##N(a, FPST(cpu))
/* Compares with +0.0; LE and LT are GE and GT with the operands swapped. */
#define OP_FCMGT0(N, a, b, acc)         FP_MASK(N, fpu_compare_gt##N(a, 0, FPST(cpu)))
#define OP_FCMGE0(N, a, b, acc)         FP_MASK(N, fpu_compare_ge##N(a, 0, FPST(cpu)))
#define OP_FCMEQ0(N, a, b, acc)         FP_MASK(N, fpu_compare_eq##N(a, 0, FPST(cpu)))
#define OP_FCMLE0(N, a, b, acc)         FP_MASK(N, fpu_compare_ge##N(0, a, FPST(cpu)))
#define OP_FCMLT0(N, a, b, acc)         FP_MASK(N, fpu_compare_gt##N(0, a, FPST(cpu)))
#define FRINT(N, a, rounding, exact)    fpu_round_int##N(a, rounding, exact, FPST(cpu))
#define OP_FRINTN(N, a, b, acc)         FRINT(N, a, FPR_TIEEVEN, false)
#define OP_FRINTP(N, a, b, acc)         FRINT(N, a, FPR_POSINF, false)
#define OP_FRINTM(N, a, b, acc)         FRINT(N, a, FPR_NEGINF, false)
#define OP_FRINTZ(N, a, b, acc)         FRINT(N, a, FPR_ZERO, false)
#define OP_FRINTA(N, a, b, acc)         FRINT(N, a, FPR_TIEAWAY, false)
#define OP_FRINTX(N, a, b, acc)         FRINT(N, a, fpcr_rounding(cpu->fpcr), true)
#define OP_FRINTI(N, a, b, acc)         FRINT(N, a, fpcr_rounding(cpu->fpcr), false)
#define FRINT_INT(N, a, rounding, bits) fpu_round_int_n##N(a, rounding, bits, FPST(cpu))
#define OP_FRINT32Z(N, a, b, acc)       FRINT_INT(N, a, FPR_ZERO, 32)
#define OP_FRINT64Z(N, a, b, acc)       FRINT_INT(N, a, FPR_ZERO, 64)
#define OP_FRINT32X(N, a, b, acc)       FRINT_INT(N, a, fpcr_rounding(cpu->fpcr), 32)
#define OP_FRINT64X(N, a, b, acc)       FRINT_INT(N, a, fpcr_rounding(cpu->fpcr), 64)

DEFINE_FP_LANEWISE(fabs, OP_FABS)
DEFINE_FP_LANEWISE(fneg, OP_FNEG)
DEFINE_FP_LANEWISE(fsqrt, OP_FSQRT)
DEFINE_FP_LANEWISE(frecpe, OP_FRECPE)
DEFINE_FP_LANEWISE(frsqrte, OP_FRSQRTE)
DEFINE_FP_LANEWISE(frecpx, OP_FRECPX)
DEFINE_FP_LANEWISE(fcmgt0, OP_FCMGT0)
DEFINE_FP_LANEWISE(fcmge0, OP_FCMGE0)
DEFINE_FP_LANEWISE(fcmeq0, OP_FCMEQ0)
DEFINE_FP_LANEWISE(fcmle0, OP_FCMLE0)
DEFINE_FP_LANEWISE(fcmlt0, OP_FCMLT0)
DEFINE_FP_LANEWISE(frintn, OP_FRINTN)
DEFINE_FP_LANEWISE(frintp, OP_FRINTP)
DEFINE_FP_LANEWISE(frintm, OP_FRINTM)
DEFINE_FP_LANEWISE(frintz, OP_FRINTZ)
DEFINE_FP_LANEWISE(frinta, OP_FRINTA)
DEFINE_FP_LANEWISE(frintx, OP_FRINTX)
DEFINE_FP_LANEWISE(frinti, OP_FRINTI)

/* FEAT_FRINTTS: single and double precision only. */
#define DEFINE_FP_LANEWISE_SD(name, OP)                                                            \
    DEFINE_FP_LANEWISE_N(name, 32, OP)                                                             \
    DEFINE_FP_LANEWISE_N(name, 64, OP)
DEFINE_FP_LANEWISE_SD(frint32z, OP_FRINT32Z)
DEFINE_FP_LANEWISE_SD(frint64z, OP_FRINT64Z)
DEFINE_FP_LANEWISE_SD(frint32x, OP_FRINT32X)
DEFINE_FP_LANEWISE_SD(frint64x, OP_FRINT64X)
#define SD_FNS(name)                                                                               \
    {                                                                                              \
        NULL, exec_##name##32, exec_##name##64                                                     \
    }

/* URECPE / URSQRTE on 32-bit lanes (UnsignedRecipEstimate, UnsignedRSqrtEstimate): the
 * top nine bits of the lane give a nine-bit estimate, inputs too small give all ones. */
static void exec_urecpe(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    for (unsigned i = 0; i < d->extra; i++)
        r.s[i] = (n.s[i] >> 31) == 0 ? 0xFFFFFFFFu : fpu_recip_estimate(n.s[i] >> 23) << 23;
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static void exec_ursqrte(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    for (unsigned i = 0; i < d->extra; i++)
        r.s[i] = (n.s[i] >> 30) == 0 ? 0xFFFFFFFFu : fpu_rsqrt_estimate(n.s[i] >> 23) << 23;
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* FCVTL{2}: one half of Vn to double-width lanes. */
static void exec_fcvtl_h2s(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    unsigned first = (d->flags & SIMD_UPPER) ? 4 : 0;
    for (unsigned i = 0; i < 4; i++)
        r.s[i] = fpu_f16_to_f32(n.h[first + i], FPST(cpu));
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static void exec_fcvtl_s2d(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    vreg_t r = {0};
    unsigned first = (d->flags & SIMD_UPPER) ? 2 : 0;
    for (unsigned i = 0; i < 2; i++)
        r.d[i] = fpu_f32_to_f64(n.s[first + i], FPST(cpu));
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* FCVTN{2}, FCVTXN{2}: Vn to half-width lanes written to one half of Vd. */
static void exec_fcvtn_s2h(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    fp_rounding_t rounding = fpcr_rounding(cpu->fpcr);
    uint64_t narrowed = 0;
    for (unsigned i = 0; i < 4; i++)
        narrowed |= (uint64_t)fpu_f32_to_f16(n.s[i], rounding, FPST(cpu)) << (16 * i);
    simd_write_narrow(cpu, d->rd, narrowed, d->flags & SIMD_UPPER);
    exec_next(cpu, d);
}

static void exec_fcvtn_d2s(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn];
    fp_rounding_t rounding = d->op ? FPR_ODD : fpcr_rounding(cpu->fpcr);
    uint64_t narrowed = 0;
    for (unsigned i = 0; i < d->extra; i++)
        narrowed |= (uint64_t)fpu_f64_to_f32(n.d[i], rounding, FPST(cpu)) << (32 * i);
    simd_write_narrow(cpu, d->rd, narrowed, d->flags & SIMD_UPPER);
    exec_next(cpu, d);
}

enum { VEC = 1, SCALAR = 2 };
typedef struct {
    exec_fn fns[3]; /* half, single, double */
    uint8_t forms;  /* VEC, SCALAR */
} fp_misc_op_t;

/* Lane-wise operations: [U][a][opcode] for opcodes 01100-01111 and 11000-11111. */
static const fp_misc_op_t fp_misc_ops[2][2][32] =
    {
        [0][0] =
            {
                [0x18] = {FP_FNS(frintn), VEC},
                [0x19] = {FP_FNS(frintm), VEC},
                [0x1E] = {SD_FNS(frint32z), VEC},
                [0x1F] = {SD_FNS(frint64z), VEC},
            },
        [0][1] =
            {
                [0x0C] = {FP_FNS(fcmgt0), VEC | SCALAR},
                [0x0D] = {FP_FNS(fcmeq0), VEC | SCALAR},
                [0x0E] = {FP_FNS(fcmlt0), VEC | SCALAR},
                [0x0F] = {FP_FNS(fabs), VEC},
                [0x18] = {FP_FNS(frintp), VEC},
                [0x19] = {FP_FNS(frintz), VEC},
                [0x1D] = {FP_FNS(frecpe), VEC | SCALAR},
                [0x1F] = {FP_FNS(frecpx), SCALAR},
            },
        [1][0] =
            {
                [0x18] = {FP_FNS(frinta), VEC},
                [0x19] = {FP_FNS(frintx), VEC},
                [0x1E] = {SD_FNS(frint32x), VEC},
                [0x1F] = {SD_FNS(frint64x), VEC},
            },
        [1][1] =
            {
                [0x0C] = {FP_FNS(fcmge0), VEC | SCALAR},
                [0x0D] = {FP_FNS(fcmle0), VEC | SCALAR},
                [0x0F] = {FP_FNS(fneg), VEC},
                [0x19] = {FP_FNS(frinti), VEC},
                [0x1D] = {FP_FNS(frsqrte), VEC | SCALAR},
                [0x1F] = {FP_FNS(fsqrt), VEC},
            },
};

static bool dec_fp_misc(decoded_t *d, uint32_t insn, unsigned width)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28), a = bit(insn, 23);
    unsigned opcode = bits32(insn, 16, 12);
    const fp_misc_op_t *op = &fp_misc_ops[u][a][opcode];

    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    if (!op->fns[width]) return dec_simd_fp_int_convert(d, insn, width);
    if (!(op->forms & (scalar ? SCALAR : VEC))) return false;
    if (!scalar && width == FP_DOUBLE && !q) return false;
    d->fn = op->fns[width];
    d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, width + 1));
    return true;
}

/* Opcodes 10110-10111 (single/double class only): FCVTN, FCVTL, FCVTXN. */
static bool dec_fp_convert_precision(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28), sz = bit(insn, 22);
    bool widen = bit(insn, 12);

    if (bit(insn, 23)) return false; /* BFCVTN (FEAT_BF16) and unallocated */
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->flags = q && !scalar ? SIMD_UPPER : 0;
    if (u) { /* FCVTXN: double to single, rounding to odd */
        if (widen || !sz) return false;
        d->fn = exec_fcvtn_d2s;
        d->op = 1;
        d->extra = scalar ? 1 : 2;
        return true;
    }
    if (scalar) return false;
    d->fn = widen ? (sz ? exec_fcvtl_s2d : exec_fcvtl_h2s) : (sz ? exec_fcvtn_d2s : exec_fcvtn_s2h);
    d->extra = 2;
    return true;
}

static bool dec_fp_misc_sd(decoded_t *d, uint32_t insn)
{
    bool sz = bit(insn, 22), scalar = bit(insn, 28);
    unsigned opcode = bits32(insn, 16, 12);

    if (opcode == 0x16 || opcode == 0x17) return dec_fp_convert_precision(d, insn);
    if (opcode == 0x1C && bit(insn, 23)) { /* URECPE, URSQRTE: 32-bit lanes, vector only */
        if (sz || scalar) return false;
        d->fn = bit(insn, 29) ? exec_ursqrte : exec_urecpe;
        d->rd = (uint8_t)(insn & 31);
        d->rn = (uint8_t)bits32(insn, 9, 5);
        d->extra = (uint16_t)simd_elements(bit(insn, 30), 2);
        return true;
    }
    return dec_fp_misc(d, insn, sz ? FP_DOUBLE : FP_SINGLE);
}

static bool dec_fp_misc_half(decoded_t *d, uint32_t insn)
{
    return dec_fp_misc(d, insn, FP_HALF);
}

const insn_pattern_t simd_fpmisc_patterns[] = {
    {0x9F3FCC00, 0x0E20C800, "AdvSIMD two-reg misc (FP, 011xx)", dec_fp_misc_sd},
    {0x9F3FEC00, 0x0E216800, "AdvSIMD two-reg misc (FP, 1011x)", dec_fp_misc_sd},
    {0x9F3F8C00, 0x0E218800, "AdvSIMD two-reg misc (FP, 11xxx)", dec_fp_misc_sd},
    {0xDF3FCC00, 0x5E20C800, "AdvSIMD scalar two-reg misc (FP, 011xx)", dec_fp_misc_sd},
    {0xDF3FEC00, 0x5E216800, "AdvSIMD scalar two-reg misc (FP, 1011x)", dec_fp_misc_sd},
    {0xDF3F8C00, 0x5E218800, "AdvSIMD scalar two-reg misc (FP, 11xxx)", dec_fp_misc_sd},
    {0x9F7E0C00, 0x0E780800, "AdvSIMD two-reg misc FP16", dec_fp_misc_half},
    {0xDF7E0C00, 0x5E780800, "AdvSIMD scalar two-reg misc FP16", dec_fp_misc_half},
    PATTERN_END,
};
