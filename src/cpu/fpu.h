/*
 * Arm floating point for half (16), single (32) and double (64) precision: the
 * shared core of the scalar FP instructions (exec_fp.c) and the Advanced SIMD
 * instructions (exec_simd*.c). Behaviour is that of the Arm ARM pseudocode
 * (shared/functions/float: FPUnpack, FPRound, FPProcessNaNs, FPAdd, FPMulAdd,
 * FPToFixed, FPRecipEstimate, ...) without FEAT_AFP (FPCR.AH/FIZ/NEP do not
 * exist): flush to zero of inputs and outputs (FPCR.FZ; FPCR.FZ16 for half,
 * which never sets IDC), default NaN (FPCR.DN), NaN propagation order, the
 * alternative half-precision format (FPCR.AHP, conversions only), tininess
 * detected before rounding, and the cumulative FPSR flags. FP exception traps
 * are not implemented (FPCR.IOE... are RAZ/WI), as in QEMU.
 *
 * Operands and results are raw bit patterns. Every operation takes the FPCR
 * value and ORs the exceptions it raises into *fpsr (callers pass
 * cpu->fpcr, &cpu->fpsr: the FPST(cpu) macro). Functions exist for each width
 * N in {16, 32, 64} as fpu_<op><N> with uint16_t / uint32_t / uint64_t
 * operands, except where noted.
 *
 * Feature agreement with the Advanced SIMD part (exec_simd*.c):
 *   FEAT_FP16    advertised (ID_AA64PFR0_EL1.FP = AdvSIMD = 1): scalar and vector
 *                half-precision arithmetic both implemented with the *16 functions.
 *   FEAT_FRINTTS scalar FRINT32Z/32X/64Z/64X here; vector forms use fpu_round_int_n*.
 *   FEAT_JSCVT   FJCVTZS (scalar only).
 * Estimates (FRECPE, FRSQRTE, URECPE, URSQRTE), steps (FRECPS, FRSQRTS),
 * FRECPX, FMULX and the vector compares are provided here for both parts.
 */
#ifndef AVSIM_FPU_H
#define AVSIM_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* FPCR fields (Arm ARM D24.2.x FPCR). */
#define FPCR_AHP         (1u << 26)
#define FPCR_DN          (1u << 25)
#define FPCR_FZ          (1u << 24)
#define FPCR_RMODE_SHIFT 22
#define FPCR_FZ16        (1u << 19)
/* Bits that MSR FPCR keeps: AHP, DN, FZ, RMode, Stride, FZ16, Len (the AArch32 vector
 * length/stride fields read back as written, as on QEMU -cpu max). */
#define FPCR_WRITABLE 0x07FF0000u

/* FPSR cumulative flags. QC is set by the saturating Advanced SIMD instructions. */
#define FPSR_IOC 0x01u /* invalid operation */
#define FPSR_DZC 0x02u /* divide by zero */
#define FPSR_OFC 0x04u /* overflow */
#define FPSR_UFC 0x08u /* underflow */
#define FPSR_IXC 0x10u /* inexact */
#define FPSR_IDC 0x80u /* input denormal */
#define FPSR_QC  (1u << 27)
/* Bits that MSR FPSR keeps: the flags, QC and the AArch32 NZCV (as QEMU -cpu max). */
#define FPSR_WRITABLE 0x0800009Fu /* QC, IDC, IXC..IOC; NZCV [31:28] are AArch32-only: RES0 */

/* Rounding modes; the first four are the FPCR.RMode encodings. */
typedef enum {
    FPR_TIEEVEN = 0,
    FPR_POSINF = 1,
    FPR_NEGINF = 2,
    FPR_ZERO = 3,
    FPR_TIEAWAY = 4,
    FPR_ODD = 5, /* only for conversions (FCVTXN) */
} fp_rounding_t;

static inline fp_rounding_t fpcr_rounding(uint32_t fpcr)
{
    return (fp_rounding_t)((fpcr >> FPCR_RMODE_SHIFT) & 3);
}

/* The arguments every operation ends with, from a cpu_t. */
#define FPST(cpu) (cpu)->fpcr, &(cpu)->fpsr

#define FPU_DECLARE_N(N, T)                                                                        \
    /* FPAdd, FPSub, FPMul, FPDiv, FPMulX (FMULX: inf * 0 = +-2) */                                \
    T fpu_add##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_sub##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_mul##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_div##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_mulx##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                        \
    /* FPMax, FPMin, FPMaxNum, FPMinNum */                                                         \
    T fpu_max##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_min##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                         \
    T fpu_maxnm##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                       \
    T fpu_minnm##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                       \
    /* FPSqrt */                                                                                   \
    T fpu_sqrt##N(T a, uint32_t fpcr, uint32_t *fpsr);                                             \
    /* FPMulAdd: addend + a * b, one rounding. FMSUB/FMLS negate a first (fpu_neg). */             \
    T fpu_muladd##N(T addend, T a, T b, uint32_t fpcr, uint32_t *fpsr);                            \
    /* FPCompare: NZCV in bits [31:28] (unordered 0011); signal_nans: FCMPE (IOC on QNaN) */       \
    uint32_t fpu_compare##N(T a, T b, bool signal_nans, uint32_t fpcr, uint32_t *fpsr);            \
    /* FPCompareEQ / GE / GT of the vector compares (FCMEQ, FCMGE, FCMGT; FACGE/FACGT on */        \
    /* fpu_abs operands; a swapped FCMGE/GT is FCMLE/LT) */                                        \
    bool fpu_compare_eq##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                               \
    bool fpu_compare_ge##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                               \
    bool fpu_compare_gt##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                               \
    /* FPRoundInt: FRINT{N,P,M,Z,A} (exact = false), FRINTX / FRINTI with the FPCR mode */         \
    T fpu_round_int##N(T a, fp_rounding_t rounding, bool exact, uint32_t fpcr, uint32_t *fpsr);    \
    /* FPToFixed: to a signed or unsigned integer of int_bits (16, 32, 64) with fbits */           \
    /* fraction bits, saturating; the result is zero-extended from int_bits. */                    \
    uint64_t fpu_to_fixed##N(T a, unsigned fbits, bool is_unsigned, unsigned int_bits,             \
                             fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr);               \
    /* FixedToFP: the low int_bits of v (signed or unsigned) / 2^fbits */                          \
    T fpu_from_fixed##N(uint64_t v, unsigned fbits, bool is_unsigned, unsigned int_bits,           \
                        fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr);                    \
    /* FPRecipEstimate, FPRSqrtEstimate, FPRecipStepFused (2 - a*b), FPRSqrtStepFused */           \
    /* ((3 - a*b) / 2), FPRecpX */                                                                 \
    T fpu_recpe##N(T a, uint32_t fpcr, uint32_t *fpsr);                                            \
    T fpu_rsqrte##N(T a, uint32_t fpcr, uint32_t *fpsr);                                           \
    T fpu_recps##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                       \
    T fpu_rsqrts##N(T a, T b, uint32_t fpcr, uint32_t *fpsr);                                      \
    T fpu_recpx##N(T a, uint32_t fpcr, uint32_t *fpsr);

FPU_DECLARE_N(16, uint16_t)
FPU_DECLARE_N(32, uint32_t)
FPU_DECLARE_N(64, uint64_t)
#undef FPU_DECLARE_N

/* FPRoundIntN (FEAT_FRINTTS, FRINT32* / FRINT64*): int_bits 32 or 64; single and double only. */
uint32_t fpu_round_int_n32(uint32_t a, fp_rounding_t rounding, unsigned int_bits, uint32_t fpcr,
                           uint32_t *fpsr);
uint64_t fpu_round_int_n64(uint64_t a, fp_rounding_t rounding, unsigned int_bits, uint32_t fpcr,
                           uint32_t *fpsr);

/* FPConvert between precisions (FCVT, FCVTL, FCVTN; FCVTXN with FPR_ODD): half
 * precision observes FPCR.AHP and ignores FZ16. */
uint32_t fpu_f16_to_f32(uint16_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fpu_f16_to_f64(uint16_t a, uint32_t fpcr, uint32_t *fpsr);
uint16_t fpu_f32_to_f16(uint32_t a, fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr);
uint64_t fpu_f32_to_f64(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint16_t fpu_f64_to_f16(uint64_t a, fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr);
uint32_t fpu_f64_to_f32(uint64_t a, fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr);

/* FPToFixedJS (FJCVTZS): the 32-bit result; *z = the Z flag (exact conversion). */
uint32_t fpu_jcvt(uint64_t a, bool *z, uint32_t fpcr, uint32_t *fpsr);

/* RecipEstimate / RecipSqrtEstimate on 9-bit fixed-point inputs (URECPE, URSQRTE). */
unsigned fpu_recip_estimate(unsigned a);
unsigned fpu_rsqrt_estimate(unsigned a);

/* FPNeg, FPAbs: sign-bit operations, NaNs included, no exceptions. */
static inline uint16_t fpu_neg16(uint16_t a)
{
    return a ^ 0x8000u;
}
static inline uint32_t fpu_neg32(uint32_t a)
{
    return a ^ 0x80000000u;
}
static inline uint64_t fpu_neg64(uint64_t a)
{
    return a ^ 0x8000000000000000ull;
}
static inline uint16_t fpu_abs16(uint16_t a)
{
    return a & 0x7FFFu;
}
static inline uint32_t fpu_abs32(uint32_t a)
{
    return a & 0x7FFFFFFFu;
}
static inline uint64_t fpu_abs64(uint64_t a)
{
    return a & 0x7FFFFFFFFFFFFFFFull;
}

#endif
