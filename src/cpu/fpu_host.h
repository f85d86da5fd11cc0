/*
 * Host floating point as a fast path of fpu.c. Its IEEE results equal Arm's
 * when every operand is normal (a fused addend may also be zero), the rounding
 * mode is to nearest (the host's, never changed) and the result is normal and
 * at least 2^(emin + 1): no NaN, no denormal input or output, so neither FZ,
 * DN nor tininess detection can differ. Inexact must still be raised: by an
 * exact error term for sums, an exact integer check for square roots, and for
 * the other operations only when FPSR.IXC is already set (it is sticky).
 * Everything else takes the software path.
 */
#ifndef AVSIM_FPU_HOST_H
#define AVSIM_FPU_HOST_H

#include <string.h>

#include "cpu/fpu_internal.h"

FPU_INLINE bool host_normal(unsigned n, uint64_t a)
{
    unsigned exp = (unsigned)(a >> fmt_f(n)) & fmt_max_exp(n);
    return exp - 1 < fmt_max_exp(n) - 1;
}
FPU_INLINE bool host_result_ok(unsigned n, uint64_t r)
{
    unsigned exp = (unsigned)(r >> fmt_f(n)) & fmt_max_exp(n);
    return exp - 2 < fmt_max_exp(n) - 2;
}
/* A zero of either sign (a holds an N-bit value). */
FPU_INLINE bool fp_is_zero(unsigned n, uint64_t a)
{
    return (a & ~fp_zero(n, true)) == 0;
}
FPU_INLINE bool host_fast(unsigned n, uint64_t a, uint64_t b, uint32_t fpcr)
{
    return n != 16 && fpcr_rounding(fpcr) == FPR_TIEEVEN && host_normal(n, a) && host_normal(n, b);
}
FPU_INLINE double as_double(uint64_t a)
{
    double d;
    memcpy(&d, &a, 8);
    return d;
}
FPU_INLINE float as_float(uint64_t a)
{
    float f;
    uint32_t w = (uint32_t)a;
    memcpy(&f, &w, 4);
    return f;
}
FPU_INLINE uint64_t double_bits(double d)
{
    uint64_t a;
    memcpy(&a, &d, 8);
    return a;
}
FPU_INLINE uint64_t float_bits(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

enum { HOST_ADD, HOST_SUB, HOST_MUL, HOST_DIV };

/* The host result of a op b, or false when the software path is needed. */
FPU_INLINE bool host_op(unsigned n, int op, uint64_t a, uint64_t b, uint32_t *fpsr, uint64_t *r)
{
    bool sum = op == HOST_ADD || op == HOST_SUB;
    if (!sum && !(*fpsr & FPSR_IXC)) return false;
    if (n == 64) {
        double x = as_double(a), y = op == HOST_SUB ? -as_double(b) : as_double(b);
        double z = op == HOST_MUL ? x * y : op == HOST_DIV ? x / y : x + y;
        *r = double_bits(z);
        if (!host_result_ok(n, *r)) return false;
        if (sum) { /* TwoSum: the exact rounding error of z */
            double yy = z - x, err = (x - (z - yy)) + (y - yy);
            if (err != 0) *fpsr |= FPSR_IXC;
        }
    } else {
        float x = as_float(a), y = op == HOST_SUB ? -as_float(b) : as_float(b);
        float z = op == HOST_MUL ? x * y : op == HOST_DIV ? x / y : x + y;
        *r = float_bits(z);
        if (!host_result_ok(n, *r)) return false;
        if (sum) {
            float yy = z - x, err = (x - (z - yy)) + (y - yy);
            if (err != 0) *fpsr |= FPSR_IXC;
        }
    }
    return true;
}

/*
 * FPSqrt on the host: to nearest, of a positive normal (whose root is normal,
 * so FZ changes nothing). IEEE 754 roots are correctly rounded. The root r is
 * exact when r * r == a, compared in integers: with significands mr, ma and
 * biased exponents er, ea, mr^2 == ma * 2^(ea + bias + f - 2 er), a shift
 * that can only be f or f + 1 when both sides lie in [2^2f, 2^(2f + 2)).
 */
FPU_INLINE bool host_sqrt(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr, uint64_t *r)
{
    if (n == 16 || fpcr_rounding(fpcr) != FPR_TIEEVEN || (a >> (n - 1)) || !host_normal(n, a))
        return false;
    *r = n == 64 ? double_bits(__builtin_sqrt(as_double(a)))
                 : float_bits(__builtin_sqrtf(as_float(a)));
    const unsigned f = fmt_f(n);
    const uint64_t implicit = 1ull << f;
    uint64_t ma = (a & (implicit - 1)) | implicit, mr = (*r & (implicit - 1)) | implicit;
    int shift = (int)(a >> f) + fmt_bias(n) + (int)f - 2 * (int)(*r >> f);
    bool exact = (shift == (int)f || shift == (int)f + 1) && (u128)mr * mr == (u128)ma << shift;
    if (!exact) *fpsr |= FPSR_IXC;
    return true;
}

/* Fused multiply-add on the host, where it has an instruction for it (checked once on x86). */
#if defined(__x86_64__) && defined(__GNUC__)
#define HOST_FMA_TARGET __attribute__((target("fma")))
static bool host_has_fma(void)
{
    static int has = -1;
    if (has < 0) has = __builtin_cpu_supports("fma");
    return has;
}
#elif defined(__FP_FAST_FMA) && defined(__FP_FAST_FMAF)
#define HOST_FMA_TARGET
static bool host_has_fma(void)
{
    return true;
}
#endif

#ifdef HOST_FMA_TARGET
HOST_FMA_TARGET static double host_fma64(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}
HOST_FMA_TARGET static float host_fma32(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

/* addend + a * b on the host (a and b normal, the addend normal or zero, FPSR.IXC already
 * set), or false. A zero addend leaves the nonzero product rounded once, whatever its sign. */
FPU_INLINE bool host_muladd(unsigned n, uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr,
                            uint32_t *fpsr, uint64_t *r)
{
    if (!host_fast(n, a, b, fpcr) || !(host_normal(n, addend) || fp_is_zero(n, addend)) ||
        !(*fpsr & FPSR_IXC) || !host_has_fma())
        return false;
    if (n == 64)
        *r = double_bits(host_fma64(as_double(a), as_double(b), as_double(addend)));
    else
        *r = float_bits(host_fma32(as_float(a), as_float(b), as_float(addend)));
    return host_result_ok(n, *r);
}
#else
FPU_INLINE bool host_muladd(unsigned n, uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr,
                            uint32_t *fpsr, uint64_t *r)
{
    (void)n, (void)addend, (void)a, (void)b, (void)fpcr, (void)fpsr, (void)r;
    return false;
}
#endif

#endif
