/*
 * Floating-point conversions (Arm ARM shared/functions/float: FPConvert,
 * FPConvertNaN, FPToFixed, FixedToFP, FPRoundInt, FPRoundIntN, FPToFixedJS).
 */
#include "cpu/fpu_internal.h"

/* A finite nonzero value scaled by 2^fbits, split at the binary point: the
 * integer part of the magnitude (huge when it does not fit 64 bits) and the
 * fraction as a 64-bit binary fraction whose lowest bit is sticky. */
typedef struct {
    uint64_t mag;
    uint64_t frac;
    bool huge; /* magnitude >= 2^64 */
} fp_split_t;

FPU_INLINE fp_split_t split_value(const fp_unpacked_t *u, int fbits)
{
    int e = u->exp + fbits; /* exponent of the leading one */
    fp_split_t s = {0, 0, false};
    if (e >= 64) {
        s.huge = true;
    } else if (e >= SIG_TOP) {
        s.mag = u->sig << (e - SIG_TOP);
    } else if (e >= 0) {
        s.mag = u->sig >> (SIG_TOP - e);
        s.frac = u->sig << (e + 2);
    } else if (e == -1) {
        s.frac = u->sig << 1;
    } else {
        s.frac = shift_right_jam(u->sig, (unsigned)(-e - 2));
    }
    return s;
}

/* Whether rounding the magnitude away from zero is needed (the RoundDown-and-error rules
 * of FPRoundInt / FPToFixed, expressed on the magnitude). */
FPU_INLINE bool round_mag_up(const fp_split_t *s, bool sign, fp_rounding_t rounding)
{
    const uint64_t half = 1ull << 63;
    switch (rounding) {
    case FPR_TIEEVEN: return s->frac > half || (s->frac == half && (s->mag & 1));
    case FPR_TIEAWAY: return s->frac >= half;
    case FPR_POSINF: return s->frac != 0 && !sign;
    case FPR_NEGINF: return s->frac != 0 && sign;
    default: return false;
    }
}

/* An integer magnitude as a value of format N (exact for the callers' magnitudes). */
FPU_INLINE uint64_t pack_integer(unsigned n, bool sign, uint64_t mag, uint32_t fpcr, uint32_t *fpsr)
{
    int exp;
    uint64_t sig = normalize_mag(mag, 0, &exp);
    return fp_round_pack(n, sign, exp, sig, fpcr, FPR_ZERO, fpsr);
}

/* FPToFixed */
FPU_INLINE uint64_t fp_to_fixed(unsigned n, uint64_t a, unsigned fbits, bool is_unsigned,
                                unsigned int_bits, fp_rounding_t rounding, uint32_t fpcr,
                                uint32_t *fpsr)
{
    fp_unpacked_t u = fp_unpack(n, a, fpcr_arith(fpcr), fpsr);
    if (fpt_is_nan(u.type)) {
        *fpsr |= FPSR_IOC;
        return 0;
    }
    if (u.type == FPT_ZERO) return 0;
    fp_split_t s = {.huge = true};
    if (u.type != FPT_INF) s = split_value(&u, (int)fbits);
    bool overflow = s.huge;
    uint64_t mag = s.mag;
    if (!overflow && round_mag_up(&s, u.sign, rounding)) {
        mag++;
        overflow = mag == 0;
    }
    uint64_t max_pos = is_unsigned ? ones(int_bits) : ones(int_bits - 1);
    uint64_t max_neg = is_unsigned ? 0 : 1ull << (int_bits - 1);
    if (!overflow) overflow = u.sign ? mag > max_neg : mag > max_pos;
    if (overflow) {
        *fpsr |= FPSR_IOC;
        return (u.sign ? (uint64_t)-max_neg : max_pos) & ones(int_bits);
    }
    if (s.frac) *fpsr |= FPSR_IXC;
    return (u.sign ? (uint64_t)-mag : mag) & ones(int_bits);
}

/* FixedToFP */
FPU_INLINE uint64_t fp_from_fixed(unsigned n, uint64_t v, unsigned fbits, bool is_unsigned,
                                  unsigned int_bits, fp_rounding_t rounding, uint32_t fpcr,
                                  uint32_t *fpsr)
{
    v &= ones(int_bits);
    bool sign = !is_unsigned && ((v >> (int_bits - 1)) & 1);
    uint64_t mag = sign ? (uint64_t) - (v | ~ones(int_bits)) : v;
    if (mag == 0) return fp_zero(n, false);
    int exp;
    uint64_t sig = normalize_mag(mag, -(int)fbits, &exp);
    return fp_round_pack(n, sign, exp, sig, fpcr_arith(fpcr), rounding, fpsr);
}

/* FPRoundInt (int_bits 0) and FPRoundIntN (int_bits 32 or 64). */
FPU_INLINE uint64_t fp_round_int(unsigned n, uint64_t a, fp_rounding_t rounding, bool exact,
                                 unsigned int_bits, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t u = fp_unpack(n, a, fpcr, fpsr);
    /* FPRoundIntN's out-of-range result: -2^(int_bits - 1). */
    uint64_t out_of_range = int_bits ? fp_make(n, true, (int)int_bits - 1, 0) : 0;

    if (int_bits && (fpt_is_nan(u.type) || u.type == FPT_INF)) {
        *fpsr |= FPSR_IOC;
        return out_of_range;
    }
    if (fpt_is_nan(u.type)) return fp_process_nan(n, u.type, a, fpcr, fpsr);
    if (u.type == FPT_INF) return a;
    if (u.type == FPT_ZERO) return fp_zero(n, u.sign); /* a flushed denormal too */
    if (!int_bits && u.exp >= (int)fmt_f(n)) return a; /* already integral */
    fp_split_t s = split_value(&u, 0);
    uint64_t mag = s.mag;
    if (!s.huge && round_mag_up(&s, u.sign, rounding)) mag++;
    if (int_bits && (s.huge || mag > ones(int_bits - 1) + u.sign)) {
        *fpsr |= FPSR_IOC; /* and no IXC */
        return out_of_range;
    }
    uint64_t result = mag ? pack_integer(n, u.sign, mag, fpcr, fpsr) : fp_zero(n, u.sign);
    if (s.frac && exact) *fpsr |= FPSR_IXC;
    return result;
}

/* FPConvertNaN: the payload below the quiet bit, left-aligned; the result is quiet. */
FPU_INLINE uint64_t convert_nan(unsigned from, unsigned to, uint64_t a)
{
    bool sign = (a >> (from - 1)) & 1;
    uint64_t payload = (a & (fp_quiet_bit(from) - 1)) << (52 - fmt_f(from)); /* 51 bits */
    return fp_inf(to, sign) | fp_quiet_bit(to) | (payload >> (52 - fmt_f(to)));
}

/* FPConvert */
FPU_INLINE uint64_t fp_convert(unsigned from, unsigned to, uint64_t a, fp_rounding_t rounding,
                               uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_cv(fpcr);
    fp_unpacked_t u = fp_unpack(from, a, fpcr, fpsr);
    bool alt_hp = to == 16 && (fpcr & FPCR_AHP);
    if (fpt_is_nan(u.type)) {
        if (u.type == FPT_SNAN || alt_hp) *fpsr |= FPSR_IOC;
        if (alt_hp) return fp_zero(to, u.sign);
        return (fpcr & FPCR_DN) ? fp_default_nan(to) : convert_nan(from, to, a);
    }
    if (u.type == FPT_INF) {
        if (!alt_hp) return fp_inf(to, u.sign);
        *fpsr |= FPSR_IOC;
        return fp_zero(to, u.sign) | 0x7FFF;
    }
    if (u.type == FPT_ZERO) return fp_zero(to, u.sign);
    return fp_round_pack(to, u.sign, u.exp, u.sig, fpcr, rounding, fpsr);
}

#define CONVERT_DEFINE(FROM, TO)                                                                   \
    uint##TO##_t fpu_f##FROM##_to_f##TO(uint##FROM##_t a, fp_rounding_t rounding, uint32_t fpcr,   \
                                        uint32_t *fpsr)                                            \
    {                                                                                              \
        return (uint##TO##_t)fp_convert(FROM, TO, a, rounding, fpcr, fpsr);                        \
    }
/* Widening conversions are exact: no rounding argument. */
#define WIDEN_DEFINE(FROM, TO)                                                                     \
    uint##TO##_t fpu_f##FROM##_to_f##TO(uint##FROM##_t a, uint32_t fpcr, uint32_t *fpsr)           \
    {                                                                                              \
        return (uint##TO##_t)fp_convert(FROM, TO, a, FPR_ZERO, fpcr, fpsr);                        \
    }
WIDEN_DEFINE(16, 32)
WIDEN_DEFINE(16, 64)
WIDEN_DEFINE(32, 64)
CONVERT_DEFINE(32, 16)
CONVERT_DEFINE(64, 16)
CONVERT_DEFINE(64, 32)

#define FPU_CONVERT_DEFINE_N(N, T)                                                                 \
    uint64_t fpu_to_fixed##N(T a, unsigned fbits, bool is_unsigned, unsigned int_bits,             \
                             fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr)                \
    {                                                                                              \
        return fp_to_fixed(N, a, fbits, is_unsigned, int_bits, rounding, fpcr, fpsr);              \
    }                                                                                              \
    T fpu_from_fixed##N(uint64_t v, unsigned fbits, bool is_unsigned, unsigned int_bits,           \
                        fp_rounding_t rounding, uint32_t fpcr, uint32_t *fpsr)                     \
    {                                                                                              \
        return (T)fp_from_fixed(N, v, fbits, is_unsigned, int_bits, rounding, fpcr, fpsr);         \
    }                                                                                              \
    T fpu_round_int##N(T a, fp_rounding_t rounding, bool exact, uint32_t fpcr, uint32_t *fpsr)     \
    {                                                                                              \
        return (T)fp_round_int(N, a, rounding, exact, 0, fpcr, fpsr);                              \
    }

FPU_CONVERT_DEFINE_N(16, uint16_t)
FPU_CONVERT_DEFINE_N(32, uint32_t)
FPU_CONVERT_DEFINE_N(64, uint64_t)

uint32_t fpu_round_int_n32(uint32_t a, fp_rounding_t rounding, unsigned int_bits, uint32_t fpcr,
                           uint32_t *fpsr)
{
    return (uint32_t)fp_round_int(32, a, rounding, true, int_bits, fpcr, fpsr);
}

uint64_t fpu_round_int_n64(uint64_t a, fp_rounding_t rounding, unsigned int_bits, uint32_t fpcr,
                           uint32_t *fpsr)
{
    return fp_round_int(64, a, rounding, true, int_bits, fpcr, fpsr);
}

/* FPToFixedJS: round towards zero, keep the integer modulo 2^32. */
uint32_t fpu_jcvt(uint64_t a, bool *z, uint32_t fpcr, uint32_t *fpsr)
{
    fp_unpacked_t u = fp_unpack(64, a, fpcr_arith(fpcr), fpsr);
    *z = false;
    if (fpt_is_nan(u.type) || u.type == FPT_INF) {
        *fpsr |= FPSR_IOC;
        return 0;
    }
    if (u.type == FPT_ZERO) {
        /* -0 and flushed denormals are not exact conversions. */
        *z = !u.sign && (a & ((1ull << 52) - 1)) == 0;
        return 0;
    }
    int e = u.exp;
    uint64_t low; /* the truncated magnitude, modulo 2^64 */
    bool inexact = false;
    if (e >= 64) {
        low = e - SIG_TOP < 64 ? u.sig << (e - SIG_TOP) : 0;
    } else {
        fp_split_t s = split_value(&u, 0);
        low = s.mag;
        inexact = s.frac != 0;
    }
    uint32_t result = (uint32_t)(u.sign ? -low : low);
    /* The truncated integer outside [-2^31, 2^31 - 1] is an invalid operation. */
    bool overflow = e > 31 || (e == 31 && !(u.sign && low == 1ull << 31));
    if (overflow)
        *fpsr |= FPSR_IOC;
    else if (inexact)
        *fpsr |= FPSR_IXC;
    else
        *z = true;
    return result;
}
