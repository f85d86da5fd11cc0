/*
 * Scalar floating point (Arm ARM C4.1, "Data Processing -- Scalar Floating-Point
 * and Advanced SIMD", op0 = x00x with bit 30 = 0): data-processing 1, 2 and 3
 * source, compare, conditional compare and select, FMOV (register, immediate,
 * general), conversions between precisions, to and from integers and fixed
 * point, FRINT*, FJCVTZS. Half precision (ptype = 11) is FEAT_FP16. Arithmetic
 * is in fpu.c.
 *
 * decoded_t use:
 *   rd, rn, rm, ra  V registers; general registers of conversions and FMOV
 *                   resolved as usual (REG_ZR / REG_SINK)
 *   op              rounding mode (fp_rounding_t) of FRINT* and FCVT*
 *   flags           FP_* below
 *   cond            FCCMP, FCSEL condition
 *   amount          fraction bits of fixed-point conversions; FRINT32/64: 32 or 64
 *   imm             FMOV (immediate): the value; FCCMP: NZCV when the condition fails
 * A write to an H, S or D register zeroes the rest of the 128-bit register.
 */
#include "cpu/decode.h"
#include "cpu/fp_access.h"
#include "cpu/fpu.h"

enum {
    FP_EXACT = 1,     /* FRINTX: raise Inexact */
    FP_FPCR_MODE = 2, /* FRINTI/X, FRINT32X/64X: rounding from FPCR */
    FP_SIGNAL = 4,    /* FCMPE, FCCMPE */
    FP_CMP_ZERO = 8,  /* FCMP with #0.0 */
    FP_UNSIGNED = 16, /* FCVT*U, UCVTF */
};

/* Scalar lane access by width. */
#define T_16      uint16_t
#define T_32      uint32_t
#define T_64      uint64_t
#define LANE_16   h
#define LANE_32   s
#define LANE_64   d
#define GET(N, r) (cpu->v[r].LANE_##N[0])
#define SET(N, r, x)                                                                               \
    do {                                                                                           \
        cpu->v[r] = (vreg_t){.LANE_##N = {(x)}};                                                   \
    } while (0)

#define CHECK_FP_ACCESS()                                                                          \
    do {                                                                                           \
        if (!fp_access_ok(cpu)) return;                                                            \
    } while (0)

/* ---- Data-processing (1 and 2 source), FMOV (register), FCSEL ---- */

#define DEF_BINARY(name, N, EXPR)                                                                  \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        T_##N a = GET(N, d->rn), b = GET(N, d->rm);                                                \
        SET(N, d->rd, (EXPR));                                                                     \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_UNARY(name, N, EXPR)                                                                   \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        T_##N a = GET(N, d->rn);                                                                   \
        SET(N, d->rd, (EXPR));                                                                     \
        exec_next(cpu, d);                                                                         \
    }

#define DEF_ARITH(N)                                                                               \
    DEF_BINARY(fmul, N, fpu_mul##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fdiv, N, fpu_div##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fadd, N, fpu_add##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fsub, N, fpu_sub##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fmax, N, fpu_max##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fmin, N, fpu_min##N(a, b, FPST(cpu)))                                               \
    DEF_BINARY(fmaxnm, N, fpu_maxnm##N(a, b, FPST(cpu)))                                           \
    DEF_BINARY(fminnm, N, fpu_minnm##N(a, b, FPST(cpu)))                                           \
    DEF_BINARY(fnmul, N, fpu_neg##N(fpu_mul##N(a, b, FPST(cpu))))                                  \
    DEF_BINARY(fcsel, N, cond_holds(cpu->nzcv, d->cond) ? a : b)                                   \
    DEF_UNARY(fmov, N, a)                                                                          \
    DEF_UNARY(fabs, N, fpu_abs##N(a))                                                              \
    DEF_UNARY(fneg, N, fpu_neg##N(a))                                                              \
    DEF_UNARY(fsqrt, N, fpu_sqrt##N(a, FPST(cpu)))                                                 \
    DEF_UNARY(frint, N,                                                                            \
              fpu_round_int##N(                                                                    \
                  a, (d->flags & FP_FPCR_MODE) ? fpcr_rounding(cpu->fpcr) : (fp_rounding_t)d->op,  \
                  d->flags &FP_EXACT, FPST(cpu)))                                                  \
    /* FMADD, FMSUB (-n), FNMADD (-a, -n), FNMSUB (-a) */                                          \
    static void exec_fmadd##N(cpu_t *cpu, const decoded_t *d)                                      \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd, fpu_muladd##N(GET(N, d->ra), GET(N, d->rn), GET(N, d->rm), FPST(cpu)));      \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_fmsub##N(cpu_t *cpu, const decoded_t *d)                                      \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd,                                                                              \
            fpu_muladd##N(GET(N, d->ra), fpu_neg##N(GET(N, d->rn)), GET(N, d->rm), FPST(cpu)));    \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_fnmadd##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd,                                                                              \
            fpu_muladd##N(fpu_neg##N(GET(N, d->ra)), fpu_neg##N(GET(N, d->rn)), GET(N, d->rm),     \
                          FPST(cpu)));                                                             \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_fnmsub##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd,                                                                              \
            fpu_muladd##N(fpu_neg##N(GET(N, d->ra)), GET(N, d->rn), GET(N, d->rm), FPST(cpu)));    \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    /* FCMP, FCMPE (with #0.0: FP_CMP_ZERO); FCCMP, FCCMPE */                                      \
    static void exec_fcmp##N(cpu_t *cpu, const decoded_t *d)                                       \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        T_##N b = (d->flags & FP_CMP_ZERO) ? 0 : GET(N, d->rm);                                    \
        cpu->nzcv = fpu_compare##N(GET(N, d->rn), b, d->flags & FP_SIGNAL, FPST(cpu));             \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_fccmp##N(cpu_t *cpu, const decoded_t *d)                                      \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        if (cond_holds(cpu->nzcv, d->cond))                                                        \
            cpu->nzcv =                                                                            \
                fpu_compare##N(GET(N, d->rn), GET(N, d->rm), d->flags & FP_SIGNAL, FPST(cpu));     \
        else                                                                                       \
            cpu->nzcv = (uint32_t)d->imm;                                                          \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_fmov_imm##N(cpu_t *cpu, const decoded_t *d)                                   \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd, (T_##N)d->imm);                                                              \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    /* FCVT{N,P,M,Z,A}{S,U} and FCVTZ{S,U} (fixed point) to W or X */                              \
    static void exec_fcvt_int##N(cpu_t *cpu, const decoded_t *d)                                   \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        cpu->x[d->rd] = fpu_to_fixed##N(GET(N, d->rn), d->amount, d->flags & FP_UNSIGNED,          \
                                        d->sf ? 64 : 32, (fp_rounding_t)d->op, FPST(cpu));         \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    /* SCVTF, UCVTF (integer and fixed point) from W or X */                                       \
    static void exec_cvtf##N(cpu_t *cpu, const decoded_t *d)                                       \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        SET(N, d->rd,                                                                              \
            fpu_from_fixed##N(cpu->x[d->rn], d->amount, d->flags &FP_UNSIGNED, d->sf ? 64 : 32,    \
                              fpcr_rounding(cpu->fpcr), FPST(cpu)));                               \
        exec_next(cpu, d);                                                                         \
    }

DEF_ARITH(16)
DEF_ARITH(32)
DEF_ARITH(64)

/* FRINT32Z/X, FRINT64Z/X (FEAT_FRINTTS): single and double only. */
DEF_UNARY(frint_n, 32,
          fpu_round_int_n32(a, (d->flags & FP_FPCR_MODE) ? fpcr_rounding(cpu->fpcr) : FPR_ZERO,
                            d->amount, FPST(cpu)))
DEF_UNARY(frint_n, 64,
          fpu_round_int_n64(a, (d->flags & FP_FPCR_MODE) ? fpcr_rounding(cpu->fpcr) : FPR_ZERO,
                            d->amount, FPST(cpu)))

/* FCVT between precisions: exec_fcvt_<from>_<to>. */
#define DEF_FCVT(FROM, TO, EXPR)                                                                   \
    static void exec_fcvt_##FROM##_##TO(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        CHECK_FP_ACCESS();                                                                         \
        T_##FROM a = GET(FROM, d->rn);                                                             \
        SET(TO, d->rd, (EXPR));                                                                    \
        exec_next(cpu, d);                                                                         \
    }
DEF_FCVT(16, 32, fpu_f16_to_f32(a, FPST(cpu)))
DEF_FCVT(16, 64, fpu_f16_to_f64(a, FPST(cpu)))
DEF_FCVT(32, 16, fpu_f32_to_f16(a, fpcr_rounding(cpu->fpcr), FPST(cpu)))
DEF_FCVT(32, 64, fpu_f32_to_f64(a, FPST(cpu)))
DEF_FCVT(64, 16, fpu_f64_to_f16(a, fpcr_rounding(cpu->fpcr), FPST(cpu)))
DEF_FCVT(64, 32, fpu_f64_to_f32(a, fpcr_rounding(cpu->fpcr), FPST(cpu)))

/* ---- FMOV between general and FP registers, FJCVTZS ---- */

static void exec_fmov_to_gp16(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    cpu->x[d->rd] = cpu->v[d->rn].h[0];
    exec_next(cpu, d);
}
static void exec_fmov_to_gp32(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    cpu->x[d->rd] = cpu->v[d->rn].s[0];
    exec_next(cpu, d);
}
static void exec_fmov_to_gp64(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    cpu->x[d->rd] = cpu->v[d->rn].d[0];
    exec_next(cpu, d);
}
static void exec_fmov_to_gp_top(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    cpu->x[d->rd] = cpu->v[d->rn].d[1];
    exec_next(cpu, d);
}
static void exec_fmov_from_gp16(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    SET(16, d->rd, (uint16_t)cpu->x[d->rn]);
    exec_next(cpu, d);
}
static void exec_fmov_from_gp32(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    SET(32, d->rd, (uint32_t)cpu->x[d->rn]);
    exec_next(cpu, d);
}
static void exec_fmov_from_gp64(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    SET(64, d->rd, cpu->x[d->rn]);
    exec_next(cpu, d);
}
/* FMOV Vd.D[1], Xn keeps the low half. */
static void exec_fmov_from_gp_top(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    cpu->v[d->rd].d[1] = cpu->x[d->rn];
    exec_next(cpu, d);
}

static void exec_fjcvtzs(cpu_t *cpu, const decoded_t *d)
{
    CHECK_FP_ACCESS();
    bool z;
    cpu->x[d->rd] = fpu_jcvt(cpu->v[d->rn].d[0], &z, FPST(cpu));
    cpu->nzcv = z ? NZCV_Z : 0;
    exec_next(cpu, d);
}

/* ---- Decode ---- */

/* ptype (insn[23:22]) -> width index 0 (H), 1 (S), 2 (D); -1 for the reserved 10. */
static int width_index(uint32_t insn)
{
    static const int8_t idx[4] = {1, 2, -1, 0};
    return idx[bits32(insn, 23, 22)];
}

#define BY_WIDTH(name)                                                                             \
    {                                                                                              \
        exec_##name##16, exec_##name##32, exec_##name##64                                          \
    }

/* Common checks of the non-conversion groups: M = S = 0 and a valid ptype. */
static int dp_width(uint32_t insn)
{
    if (bit(insn, 31) || bit(insn, 29)) return -1;
    return width_index(insn);
}

static void regs_vvv(decoded_t *d, uint32_t insn)
{
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->ra = (uint8_t)bits32(insn, 14, 10);
}

static bool dec_fp_3src(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[4][3] = {BY_WIDTH(fmadd), BY_WIDTH(fmsub), BY_WIDTH(fnmadd),
                                      BY_WIDTH(fnmsub)};
    int w = dp_width(insn);
    if (w < 0) return false;
    regs_vvv(d, insn);
    d->fn = fns[bit(insn, 21) * 2 + bit(insn, 15)][w];
    return true;
}

static bool dec_fp_2src(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[9][3] = {BY_WIDTH(fmul),   BY_WIDTH(fdiv),   BY_WIDTH(fadd),
                                      BY_WIDTH(fsub),   BY_WIDTH(fmax),   BY_WIDTH(fmin),
                                      BY_WIDTH(fmaxnm), BY_WIDTH(fminnm), BY_WIDTH(fnmul)};
    int w = dp_width(insn);
    unsigned opcode = bits32(insn, 15, 12);
    if (w < 0 || opcode > 8) return false;
    regs_vvv(d, insn);
    d->fn = fns[opcode][w];
    return true;
}

static bool dec_fp_csel(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = BY_WIDTH(fcsel);
    int w = dp_width(insn);
    if (w < 0) return false;
    regs_vvv(d, insn);
    d->cond = (uint8_t)bits32(insn, 15, 12);
    d->fn = fns[w];
    return true;
}

static bool dec_fp_compare(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = BY_WIDTH(fcmp);
    int w = dp_width(insn);
    if (w < 0 || bits32(insn, 15, 14) != 0 || bits32(insn, 2, 0) != 0) return false;
    regs_vvv(d, insn);
    d->flags = (bit(insn, 4) ? FP_SIGNAL : 0) | (bit(insn, 3) ? FP_CMP_ZERO : 0);
    d->fn = fns[w];
    return true;
}

static bool dec_fp_ccmp(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = BY_WIDTH(fccmp);
    int w = dp_width(insn);
    if (w < 0) return false;
    regs_vvv(d, insn);
    d->cond = (uint8_t)bits32(insn, 15, 12);
    d->flags = bit(insn, 4) ? FP_SIGNAL : 0;
    d->imm = (uint64_t)(insn & 15) << 28;
    d->fn = fns[w];
    return true;
}

/* VFPExpandImm: sign, exponent NOT(b6):Replicate(b6, E-3):b5:b4, fraction b3:b0:Zeros. */
static uint64_t vfp_expand_imm(unsigned imm8, unsigned n)
{
    unsigned e = n == 16 ? 5 : n == 32 ? 8 : 11, f = n - e - 1;
    unsigned b6 = (imm8 >> 6) & 1;
    uint64_t exp = ((uint64_t)(!b6) << (e - 1)) | ((b6 ? ones(e - 3) : 0) << 2) | ((imm8 >> 4) & 3);
    return ((uint64_t)(imm8 >> 7) << (n - 1)) | (exp << f) | ((uint64_t)(imm8 & 15) << (f - 4));
}

static bool dec_fp_imm(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = BY_WIDTH(fmov_imm);
    static const unsigned width[3] = {16, 32, 64};
    int w = dp_width(insn);
    if (w < 0 || bits32(insn, 9, 5) != 0) return false;
    d->rd = (uint8_t)(insn & 31);
    d->imm = vfp_expand_imm(bits32(insn, 20, 13), width[w]);
    d->fn = fns[w];
    return true;
}

static bool dec_fp_1src(decoded_t *d, uint32_t insn)
{
    static const exec_fn simple[4][3] = {BY_WIDTH(fmov), BY_WIDTH(fabs), BY_WIDTH(fneg),
                                         BY_WIDTH(fsqrt)};
    /* [from][to] by width index */
    static const exec_fn fcvt[3][3] = {{NULL, exec_fcvt_16_32, exec_fcvt_16_64},
                                       {exec_fcvt_32_16, NULL, exec_fcvt_32_64},
                                       {exec_fcvt_64_16, exec_fcvt_64_32, NULL}};
    static const exec_fn frint[3] = BY_WIDTH(frint);
    int w = dp_width(insn);
    unsigned opcode = bits32(insn, 20, 15);
    if (w < 0) return false;
    regs_vvv(d, insn);
    if (opcode < 4) {
        d->fn = simple[opcode][w];
    } else if (opcode < 8) { /* FCVT: opc = insn[16:15] is the destination type */
        int to = width_index(insn >> 15 << 22);
        if (to < 0) return false; /* BFCVT (FEAT_BF16) is not implemented */
        d->fn = fcvt[w][to];
    } else if (opcode < 16) { /* FRINT{N,P,M,Z,A}, -, X, I */
        static const uint8_t mode[8] = {FPR_TIEEVEN, FPR_POSINF, FPR_NEGINF, FPR_ZERO,
                                        FPR_TIEAWAY, 0,          0,          0};
        unsigned rm = opcode & 7;
        if (rm == 5) return false;
        d->op = mode[rm];
        d->flags = (rm == 6 ? FP_EXACT : 0) | (rm >= 6 ? FP_FPCR_MODE : 0);
        d->fn = frint[w];
    } else if (opcode < 20) { /* FRINT32Z, FRINT32X, FRINT64Z, FRINT64X */
        static const exec_fn frint_n[3] = {NULL, exec_frint_n32, exec_frint_n64};
        d->amount = (opcode & 2) ? 64 : 32;
        d->flags = (opcode & 1) ? FP_FPCR_MODE : 0;
        d->fn = frint_n[w];
    }
    return d->fn != NULL;
}

/* Conversion between floating point and fixed point: SCVTF, UCVTF, FCVTZS, FCVTZU. */
static bool dec_fp_fixed(decoded_t *d, uint32_t insn)
{
    static const exec_fn to_int[3] = BY_WIDTH(fcvt_int), to_fp[3] = BY_WIDTH(cvtf);
    int w = width_index(insn);
    bool sf = bit(insn, 31);
    unsigned rmode_opcode = bits32(insn, 20, 16), scale = bits32(insn, 15, 10);
    if (bit(insn, 29) || w < 0 || (!sf && scale < 32)) return false;
    d->sf = sf;
    d->amount = (uint8_t)(64 - scale);
    switch (rmode_opcode) {
    case 0x02: /* SCVTF */
    case 0x03: /* UCVTF */
        d->rd = (uint8_t)(insn & 31);
        d->rn = reg_r_zr(bits32(insn, 9, 5));
        d->flags = (rmode_opcode & 1) ? FP_UNSIGNED : 0;
        d->fn = to_fp[w];
        return true;
    case 0x18: /* FCVTZS */
    case 0x19: /* FCVTZU */
        d->rd = reg_w_zr(insn & 31);
        d->rn = (uint8_t)bits32(insn, 9, 5);
        d->op = FPR_ZERO;
        d->flags = (rmode_opcode & 1) ? FP_UNSIGNED : 0;
        d->fn = to_int[w];
        return true;
    default: return false;
    }
}

/* FMOV (general): rmode:opcode 00:110 to general, 00:111 from general; 01:11x the top half. */
static bool dec_fmov_general(decoded_t *d, uint32_t insn, int w)
{
    static const exec_fn to_gp[3] = BY_WIDTH(fmov_to_gp), from_gp[3] = BY_WIDTH(fmov_from_gp);
    bool sf = bit(insn, 31), from_general = bit(insn, 16), top = bit(insn, 19);
    unsigned ptype = bits32(insn, 23, 22);
    if (top) {
        if (!sf || ptype != 2) return false;
    } else if (ptype == 2 || (ptype == 0 && sf) || (ptype == 1 && !sf)) {
        return false;
    }
    if (from_general) {
        d->rd = (uint8_t)(insn & 31);
        d->rn = reg_r_zr(bits32(insn, 9, 5));
        d->fn = top ? exec_fmov_from_gp_top : from_gp[w];
    } else {
        d->rd = reg_w_zr(insn & 31);
        d->rn = (uint8_t)bits32(insn, 9, 5);
        d->fn = top ? exec_fmov_to_gp_top : to_gp[w];
    }
    return true;
}

/* Conversion between floating point and integer, and FMOV (general). */
static bool dec_fp_int(decoded_t *d, uint32_t insn)
{
    static const exec_fn to_int[3] = BY_WIDTH(fcvt_int), to_fp[3] = BY_WIDTH(cvtf);
    static const uint8_t mode[4] = {FPR_TIEEVEN, FPR_POSINF, FPR_NEGINF, FPR_ZERO};
    int w = width_index(insn);
    unsigned rmode = bits32(insn, 20, 19), opcode = bits32(insn, 18, 16);
    if (bit(insn, 29)) return false;
    if (opcode >= 6) return rmode <= 1 && dec_fmov_general(d, insn, w);
    if (w < 0) return false;
    d->sf = bit(insn, 31);
    if (opcode == 2 || opcode == 3) { /* SCVTF, UCVTF */
        if (rmode != 0) return false;
        d->rd = (uint8_t)(insn & 31);
        d->rn = reg_r_zr(bits32(insn, 9, 5));
        d->flags = (opcode & 1) ? FP_UNSIGNED : 0;
        d->fn = to_fp[w];
        return true;
    }
    d->rd = reg_w_zr(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    if (opcode >= 4) { /* FCVTAS, FCVTAU */
        if (rmode != 0) return false;
        d->op = FPR_TIEAWAY;
    } else {
        d->op = mode[rmode];
    }
    d->flags = (opcode & 1) ? FP_UNSIGNED : 0;
    d->fn = to_int[w];
    return true;
}

/* FJCVTZS: sf = 0, ptype = 01, rmode:opcode = 11:110 (FEAT_JSCVT). */
static bool dec_fjcvtzs(decoded_t *d, uint32_t insn)
{
    d->rd = reg_w_zr(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->fn = exec_fjcvtzs;
    return true;
}

/* The scalar floating-point encodings: bit 30 = 0, insn[28:24] = 1111x. */
const insn_pattern_t fp_patterns[] = {
    {0x5F000000, 0x1F000000, "FMADD/FMSUB/FNMADD/FNMSUB", dec_fp_3src},
    {0xFFFFFC00, 0x1E7E0000, "FJCVTZS", dec_fjcvtzs},
    {0x5F20FC00, 0x1E200000, "FP <-> integer conversion, FMOV (general)", dec_fp_int},
    {0x5F200000, 0x1E000000, "FP <-> fixed-point conversion", dec_fp_fixed},
    {0x5F207C00, 0x1E204000, "FP data-processing (1 source)", dec_fp_1src},
    {0x5F203C00, 0x1E202000, "FCMP/FCMPE", dec_fp_compare},
    {0x5F201C00, 0x1E201000, "FMOV (immediate)", dec_fp_imm},
    {0x5F200C00, 0x1E200400, "FCCMP/FCCMPE", dec_fp_ccmp},
    {0x5F200C00, 0x1E200800, "FP data-processing (2 source)", dec_fp_2src},
    {0x5F200C00, 0x1E200C00, "FCSEL", dec_fp_csel},
    PATTERN_END,
};
