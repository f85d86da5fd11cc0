/*
 * Internals shared by fpu.c, fpu_convert.c and fpu_estimate.c: format
 * parameters, the unpacked form of an operand (FPUnpack) and rounding (FPRound).
 * Functions take the width N as their first argument; they are always inlined
 * so that each public fpu_<op><N> is specialised for its format.
 */
#ifndef AVSIM_FPU_INTERNAL_H
#define AVSIM_FPU_INTERNAL_H

#include "common.h"
#include "cpu/fpu.h"

#define FPU_INLINE static inline __attribute__((always_inline))

typedef unsigned __int128 u128;

/* Exponent and fraction widths, bias and minimum normal exponent of format N. */
FPU_INLINE unsigned fmt_e(unsigned n)
{
    return n == 16 ? 5 : n == 32 ? 8 : 11;
}
FPU_INLINE unsigned fmt_f(unsigned n)
{
    return n == 16 ? 10 : n == 32 ? 23 : 52;
}
FPU_INLINE int fmt_bias(unsigned n)
{
    return (1 << (fmt_e(n) - 1)) - 1;
}
FPU_INLINE int fmt_emin(unsigned n)
{
    return 1 - fmt_bias(n);
}
FPU_INLINE unsigned fmt_max_exp(unsigned n)
{
    return (1u << fmt_e(n)) - 1;
}

FPU_INLINE uint64_t fp_zero(unsigned n, bool sign)
{
    return (uint64_t)sign << (n - 1);
}
FPU_INLINE uint64_t fp_inf(unsigned n, bool sign)
{
    return fp_zero(n, sign) | ((uint64_t)fmt_max_exp(n) << fmt_f(n));
}
FPU_INLINE uint64_t fp_max_normal(unsigned n, bool sign)
{
    return fp_zero(n, sign) | (((uint64_t)fmt_max_exp(n) << fmt_f(n)) - 1);
}
FPU_INLINE uint64_t fp_quiet_bit(unsigned n)
{
    return 1ull << (fmt_f(n) - 1);
}
FPU_INLINE uint64_t fp_default_nan(unsigned n)
{
    return fp_inf(n, false) | fp_quiet_bit(n);
}
/* A normal value from its sign, unbiased exponent and fraction field (FPTwo, FPOnePointFive). */
FPU_INLINE uint64_t fp_make(unsigned n, bool sign, int exp, uint64_t frac)
{
    return fp_zero(n, sign) | ((uint64_t)(exp + fmt_bias(n)) << fmt_f(n)) | frac;
}

typedef enum { FPT_ZERO, FPT_DENORMAL, FPT_NORMAL, FPT_INF, FPT_QNAN, FPT_SNAN } fp_type_t;

FPU_INLINE bool fpt_is_nan(fp_type_t t)
{
    return t >= FPT_QNAN;
}
FPU_INLINE bool fpt_is_finite_nonzero(fp_type_t t)
{
    return t == FPT_NORMAL || t == FPT_DENORMAL;
}

/* An unpacked operand. Finite nonzero values are sig * 2^(exp - 62) with the
 * leading one of sig at bit 62 (SIG_TOP); bit 0 may hold a sticky bit. */
#define SIG_TOP 62
typedef struct {
    fp_type_t type;
    bool sign;
    int exp;
    uint64_t sig;
} fp_unpacked_t;

/* Shift right, ORing the bits shifted out into bit 0. */
FPU_INLINE uint64_t shift_right_jam(uint64_t x, unsigned s)
{
    if (s == 0) return x;
    if (s >= 64) return x != 0;
    return (x >> s) | ((x & ((1ull << s) - 1)) != 0);
}
FPU_INLINE u128 shift_right_jam128(u128 x, unsigned s)
{
    if (s == 0) return x;
    if (s >= 128) return x != 0;
    return (x >> s) | ((x & (((u128)1 << s) - 1)) != 0);
}

/* Normalises a nonzero magnitude so that its leading one is at bit 62; *exp receives
 * the exponent of that leading one for a value mag * 2^scale. */
FPU_INLINE uint64_t normalize_mag(uint64_t mag, int scale, int *exp)
{
    int top = 63 - __builtin_clzll(mag);
    *exp = top + scale;
    return top > SIG_TOP ? shift_right_jam(mag, (unsigned)(top - SIG_TOP)) : mag << (SIG_TOP - top);
}

/* Which FPCR bits apply: arithmetic ignores AHP (FPUnpack, FPRound), conversions between
 * precisions ignore FZ16 (FPUnpackCV, FPRoundCV). */
FPU_INLINE uint32_t fpcr_arith(uint32_t fpcr)
{
    return fpcr & ~FPCR_AHP;
}
FPU_INLINE uint32_t fpcr_cv(uint32_t fpcr)
{
    return fpcr & ~FPCR_FZ16;
}

FPU_INLINE bool flush_enabled(unsigned n, uint32_t fpcr)
{
    return (fpcr & (n == 16 ? FPCR_FZ16 : FPCR_FZ)) != 0;
}

/*
 * FPUnpackBase. Denormals flush to zero under FZ (setting IDC) or, for half
 * precision, FZ16 (which never sets IDC). With AHP, half precision has no
 * infinities or NaNs (pass fpcr_arith() for everything but conversions).
 */
FPU_INLINE fp_unpacked_t fp_unpack(unsigned n, uint64_t bits, uint32_t fpcr, uint32_t *fpsr)
{
    const unsigned f = fmt_f(n);
    uint64_t frac = bits & ((1ull << f) - 1);
    unsigned exp = (unsigned)(bits >> f) & fmt_max_exp(n);
    fp_unpacked_t u = {.sign = (bits >> (n - 1)) & 1};

    if (exp == 0) {
        if (frac == 0) {
            u.type = FPT_ZERO;
        } else if (flush_enabled(n, fpcr)) {
            if (n != 16) *fpsr |= FPSR_IDC;
            u.type = FPT_ZERO;
        } else {
            u.type = FPT_DENORMAL;
            u.sig = normalize_mag(frac, fmt_emin(n) - (int)f, &u.exp);
        }
    } else if (exp == fmt_max_exp(n) && !(n == 16 && (fpcr & FPCR_AHP))) {
        u.type = frac == 0 ? FPT_INF : (frac & fp_quiet_bit(n)) ? FPT_QNAN : FPT_SNAN;
    } else {
        u.type = FPT_NORMAL;
        u.exp = (int)exp - fmt_bias(n);
        u.sig = (frac | (1ull << f)) << (SIG_TOP - f);
    }
    return u;
}

/* FPProcessNaN: quietens a signalling NaN (IOC); FPCR.DN gives the default NaN. */
FPU_INLINE uint64_t fp_process_nan(unsigned n, fp_type_t t, uint64_t bits, uint32_t fpcr,
                                   uint32_t *fpsr)
{
    if (t == FPT_SNAN) {
        *fpsr |= FPSR_IOC;
        bits |= fp_quiet_bit(n);
    }
    return (fpcr & FPCR_DN) ? fp_default_nan(n) : bits;
}

/* FPProcessNaNs: the first signalling NaN, else the first quiet NaN. False when neither
 * operand is a NaN. */
FPU_INLINE bool fp_process_nans(unsigned n, fp_type_t ta, fp_type_t tb, uint64_t a, uint64_t b,
                                uint32_t fpcr, uint32_t *fpsr, uint64_t *result)
{
    if (likely(!fpt_is_nan(ta) && !fpt_is_nan(tb))) return false;
    if (ta == FPT_SNAN)
        *result = fp_process_nan(n, ta, a, fpcr, fpsr);
    else if (tb == FPT_SNAN)
        *result = fp_process_nan(n, tb, b, fpcr, fpsr);
    else if (ta == FPT_QNAN)
        *result = fp_process_nan(n, ta, a, fpcr, fpsr);
    else
        *result = fp_process_nan(n, tb, b, fpcr, fpsr);
    return true;
}

/* Rounds and packs sig * 2^(exp - 62) (sig normalised, nonzero): FPRoundBase. */
uint64_t fp_round_pack(unsigned n, bool sign, int exp, uint64_t sig, uint32_t fpcr,
                       fp_rounding_t rounding, uint32_t *fpsr);

/* Exact repacking of an unpacked finite nonzero value of the same format. */
FPU_INLINE uint64_t fp_repack(unsigned n, const fp_unpacked_t *u, uint32_t fpcr, uint32_t *fpsr)
{
    return fp_round_pack(n, u->sign, u->exp, u->sig, fpcr, FPR_ZERO, fpsr);
}

/*
 * The fused multiply-add of finite or zero unpacked operands (no NaN, no
 * infinity): addend + a * b, divided by 2^halve, rounded once (FPMulAdd,
 * FPRecipStepFused, FPRSqrtStepFused).
 */
uint64_t fp_muladd_finite(unsigned n, const fp_unpacked_t *addend, const fp_unpacked_t *a,
                          const fp_unpacked_t *b, unsigned halve, uint32_t fpcr, uint32_t *fpsr);

#endif
