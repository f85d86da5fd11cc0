/*
 * Reciprocal and reciprocal square root estimates and steps (Arm ARM
 * shared/functions/float: FPRecipEstimate, RecipEstimate, FPRSqrtEstimate,
 * RecipSqrtEstimate, FPRecipStepFused, FPRSqrtStepFused, FPRecpX), without
 * FEAT_RPRES (8-bit estimates).
 */
#include "cpu/fpu_internal.h"

#include <math.h>

/* RecipEstimate: a in [256, 512) is 0.a in steps of 1/512; the result in [256, 512)
 * is 1.r in steps of 1/256. */
unsigned fpu_recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 512); b is the largest value >= 512 with
 * a * (b + 1)^2 < 2^28. */
unsigned fpu_rsqrt_estimate(unsigned a)
{
    a = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) * 2 + 2;
    uint64_t b = (uint64_t)sqrt((double)(1u << 28) / a);
    if (b < 512) b = 512;
    while (b > 512 && a * (b + 1) * (b + 1) >= (1ull << 28))
        b--;
    while (a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (unsigned)((b + 1) / 2);
}

/* The operand's fraction as 52 bits and its biased exponent (FPRecipEstimate's view). */
FPU_INLINE uint64_t fraction52(unsigned n, uint64_t a, int *exp)
{
    *exp = (int)((a >> fmt_f(n)) & fmt_max_exp(n));
    return (a & ((1ull << fmt_f(n)) - 1)) << (52 - fmt_f(n));
}

#define FRAC52_MASK ((1ull << 52) - 1)

FPU_INLINE uint64_t fp_recpe(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t u = fp_unpack(n, a, fpcr, fpsr);
    const int bias = fmt_bias(n);

    if (fpt_is_nan(u.type)) return fp_process_nan(n, u.type, a, fpcr, fpsr);
    if (u.type == FPT_INF) return fp_zero(n, u.sign);
    if (u.type == FPT_ZERO) {
        *fpsr |= FPSR_DZC;
        return fp_inf(n, u.sign);
    }
    if (u.exp < -(bias + 1)) { /* |value| < 2^-(bias + 1): the reciprocal overflows */
        fp_rounding_t r = fpcr_rounding(fpcr);
        bool to_inf =
            r == FPR_TIEEVEN || (r == FPR_POSINF && !u.sign) || (r == FPR_NEGINF && u.sign);
        *fpsr |= FPSR_OFC | FPSR_IXC;
        return to_inf ? fp_inf(n, u.sign) : fp_max_normal(n, u.sign);
    }
    if (flush_enabled(n, fpcr) && u.exp >= bias - 1) { /* the reciprocal is denormal */
        *fpsr |= FPSR_UFC;
        return fp_zero(n, u.sign);
    }
    int exp;
    uint64_t frac = fraction52(n, a, &exp);
    if (exp == 0) {
        if (!(frac >> 51)) {
            exp = -1;
            frac = (frac << 2) & FRAC52_MASK;
        } else {
            frac = (frac << 1) & FRAC52_MASK;
        }
    }
    unsigned estimate = fpu_recip_estimate(0x100 | (unsigned)(frac >> 44));
    int result_exp = 2 * bias - 1 - exp;
    frac = (uint64_t)(estimate & 0xFF) << 44;
    if (result_exp == 0) {
        frac = (1ull << 51) | (frac >> 1);
    } else if (result_exp == -1) {
        frac = (1ull << 50) | (frac >> 2);
        result_exp = 0;
    }
    return fp_zero(n, u.sign) | ((uint64_t)result_exp << fmt_f(n)) | (frac >> (52 - fmt_f(n)));
}

FPU_INLINE uint64_t fp_rsqrte(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t u = fp_unpack(n, a, fpcr, fpsr);

    if (fpt_is_nan(u.type)) return fp_process_nan(n, u.type, a, fpcr, fpsr);
    if (u.type == FPT_ZERO) {
        *fpsr |= FPSR_DZC;
        return fp_inf(n, u.sign);
    }
    if (u.sign) {
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    if (u.type == FPT_INF) return fp_zero(n, false);
    int exp;
    uint64_t frac = fraction52(n, a, &exp);
    if (exp == 0) {
        while (!(frac >> 51)) {
            frac = (frac << 1) & FRAC52_MASK;
            exp--;
        }
        frac = (frac << 1) & FRAC52_MASK;
    }
    /* Scaled to [0.25, 1) keeping the parity of the exponent. */
    unsigned scaled = (exp & 1) ? 0x80 | (unsigned)(frac >> 45) : 0x100 | (unsigned)(frac >> 44);
    int result_exp = (3 * fmt_bias(n) - 1 - exp) / 2;
    uint64_t estimate = fpu_rsqrt_estimate(scaled) & 0xFF;
    return ((uint64_t)result_exp << fmt_f(n)) | (estimate << (fmt_f(n) - 8));
}

/* FPRecipStepFused (2 - a * b) and FPRSqrtStepFused ((3 - a * b) / 2). */
FPU_INLINE uint64_t fp_step(unsigned n, uint64_t a, uint64_t b, bool rsqrt, uint32_t fpcr,
                            uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    a ^= 1ull << (n - 1); /* FPNeg(op1), before NaN selection */
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    uint64_t r;
    if (fp_process_nans(n, ua.type, ub.type, a, b, fpcr, fpsr, &r)) return r;
    bool inf_a = ua.type == FPT_INF, inf_b = ub.type == FPT_INF;
    if ((inf_a && ub.type == FPT_ZERO) || (ua.type == FPT_ZERO && inf_b))
        return rsqrt ? fp_make(n, false, 0, fp_quiet_bit(n)) : fp_make(n, false, 1, 0);
    if (inf_a || inf_b) return fp_inf(n, ua.sign ^ ub.sign);
    fp_unpacked_t addend = {.type = FPT_NORMAL, .exp = 1, .sig = (rsqrt ? 3ull : 2ull) << 61};
    return fp_muladd_finite(n, &addend, &ua, &ub, rsqrt, fpcr, fpsr);
}

/* FPRecpX: the exponent inverted, fraction zero. */
FPU_INLINE uint64_t fp_recpx(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t u = fp_unpack(n, a, fpcr, fpsr);
    if (fpt_is_nan(u.type)) return fp_process_nan(n, u.type, a, fpcr, fpsr);
    unsigned exp = (unsigned)(a >> fmt_f(n)) & fmt_max_exp(n);
    unsigned result_exp = exp == 0 ? fmt_max_exp(n) - 1 : ~exp & fmt_max_exp(n);
    return fp_zero(n, u.sign) | ((uint64_t)result_exp << fmt_f(n));
}

#define FPU_ESTIMATE_DEFINE_N(N, T)                                                                \
    T fpu_recpe##N(T a, uint32_t fpcr, uint32_t *fpsr)                                             \
    {                                                                                              \
        return (T)fp_recpe(N, a, fpcr, fpsr);                                                      \
    }                                                                                              \
    T fpu_rsqrte##N(T a, uint32_t fpcr, uint32_t *fpsr)                                            \
    {                                                                                              \
        return (T)fp_rsqrte(N, a, fpcr, fpsr);                                                     \
    }                                                                                              \
    T fpu_recps##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                        \
    {                                                                                              \
        return (T)fp_step(N, a, b, false, fpcr, fpsr);                                             \
    }                                                                                              \
    T fpu_rsqrts##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                       \
    {                                                                                              \
        return (T)fp_step(N, a, b, true, fpcr, fpsr);                                              \
    }                                                                                              \
    T fpu_recpx##N(T a, uint32_t fpcr, uint32_t *fpsr)                                             \
    {                                                                                              \
        return (T)fp_recpx(N, a, fpcr, fpsr);                                                      \
    }

FPU_ESTIMATE_DEFINE_N(16, uint16_t)
FPU_ESTIMATE_DEFINE_N(32, uint32_t)
FPU_ESTIMATE_DEFINE_N(64, uint64_t)
