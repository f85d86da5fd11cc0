/*
 * Floating-point arithmetic, comparisons, minimum and maximum (Arm ARM
 * shared/functions/float: FPRoundBase, FPAdd, FPMul, FPDiv, FPSqrt, FPMulAdd,
 * FPMax, FPMin, FPMaxNum, FPMinNum, FPCompare*). Exact results are computed in
 * integers (64-bit significands, 128-bit products) and rounded once.
 */
#include "cpu/fpu_host.h"
#include "cpu/fpu_internal.h"

#include <math.h>

uint64_t fp_round_pack(unsigned n, bool sign, int exp, uint64_t sig, uint32_t fpcr,
                       fp_rounding_t rounding, uint32_t *fpsr)
{
    const unsigned f = fmt_f(n), shift = SIG_TOP - f;
    const int emin = fmt_emin(n);

    /* Flush to zero happens before rounding, on the unrounded exponent. */
    if (flush_enabled(n, fpcr) && exp < emin) {
        *fpsr |= FPSR_UFC;
        return fp_zero(n, sign);
    }
    int biased = exp - emin + 1;
    if (biased < 1) {
        sig = shift_right_jam(sig, (unsigned)(1 - biased));
        biased = 0;
    }
    uint64_t mant = sig >> shift, rem = sig & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    bool inexact = rem != 0, up, overflow_to_inf;

    /* Tininess is detected before rounding. */
    if (biased == 0 && inexact) *fpsr |= FPSR_UFC;
    switch (rounding) {
    case FPR_TIEEVEN:
        up = rem > half || (rem == half && (mant & 1));
        overflow_to_inf = true;
        break;
    case FPR_TIEAWAY:
        up = rem >= half;
        overflow_to_inf = true;
        break;
    case FPR_POSINF:
        up = inexact && !sign;
        overflow_to_inf = !sign;
        break;
    case FPR_NEGINF:
        up = inexact && sign;
        overflow_to_inf = sign;
        break;
    default: /* FPR_ZERO, FPR_ODD */
        up = false;
        overflow_to_inf = false;
        break;
    }
    if (up) {
        mant++;
        if (biased == 0 && mant == 1ull << f) biased = 1; /* denormal rounded up to normal */
        if (mant == 1ull << (f + 1)) {
            biased++;
            mant >>= 1;
        }
    }
    if (inexact && rounding == FPR_ODD) mant |= 1;

    uint64_t result;
    if (n != 16 || !(fpcr & FPCR_AHP)) {
        if (biased >= (int)fmt_max_exp(n)) {
            result = overflow_to_inf ? fp_inf(n, sign) : fp_max_normal(n, sign);
            *fpsr |= FPSR_OFC;
            inexact = true;
        } else {
            result = fp_zero(n, sign) | ((uint64_t)biased << f) | (mant & ((1ull << f) - 1));
        }
    } else if (biased > (int)fmt_max_exp(n)) { /* alternative half precision saturates */
        result = fp_zero(n, sign) | 0x7FFF;
        *fpsr |= FPSR_IOC;
        inexact = false;
    } else {
        result = fp_zero(n, sign) | ((uint64_t)biased << f) | (mant & ((1ull << f) - 1));
    }
    if (inexact) *fpsr |= FPSR_IXC;
    return result;
}

/* The sign of an exact zero sum of nonzero or opposite-signed operands. */
FPU_INLINE uint64_t exact_zero(unsigned n, fp_rounding_t rounding)
{
    return fp_zero(n, rounding == FPR_NEGINF);
}

/* FPAdd of a zero and a zero or normal value (b already negated for FPSub): exact in every
 * rounding mode, without exceptions. False for other operands. */
FPU_INLINE bool add_zero(unsigned n, uint64_t a, uint64_t b, uint32_t fpcr, uint64_t *r)
{
    bool zero_a = fp_is_zero(n, a), zero_b = fp_is_zero(n, b);
    if (zero_a && zero_b)
        *r = a == b ? a : exact_zero(n, fpcr_rounding(fpcr));
    else if (zero_a && host_normal(n, b))
        *r = b;
    else if (zero_b && host_normal(n, a))
        *r = a;
    else
        return false;
    return true;
}

/* Sum of two finite values, at least one nonzero. */
FPU_INLINE uint64_t add_finite(unsigned n, fp_unpacked_t a, fp_unpacked_t b, uint32_t fpcr,
                               uint32_t *fpsr)
{
    fp_rounding_t rounding = fpcr_rounding(fpcr);
    if (a.type == FPT_ZERO) return fp_repack(n, &b, fpcr, fpsr);
    if (b.type == FPT_ZERO) return fp_repack(n, &a, fpcr, fpsr);
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        fp_unpacked_t t = a;
        a = b;
        b = t;
    }
    /* |a| >= |b|. Jamming keeps the result on the right side of every rounding boundary:
     * the significands have at least 10 spare low bits. */
    uint64_t bs = shift_right_jam(b.sig, (unsigned)(a.exp - b.exp));
    int exp = a.exp;
    if (a.sign == b.sign) {
        uint64_t s = a.sig + bs;
        if (s >> 63) {
            s = shift_right_jam(s, 1);
            exp++;
        }
        return fp_round_pack(n, a.sign, exp, s, fpcr, rounding, fpsr);
    }
    uint64_t s = a.sig - bs;
    if (s == 0) return exact_zero(n, rounding);
    int lead = 63 - __builtin_clzll(s);
    return fp_round_pack(n, a.sign, exp - (SIG_TOP - lead), s << (SIG_TOP - lead), fpcr, rounding,
                         fpsr);
}

/* FPAdd; FPSub negates the second operand after NaN selection. */
FPU_INLINE uint64_t add_general(unsigned n, uint64_t a, uint64_t b, bool negate_b, uint32_t fpcr,
                                uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    uint64_t r;
    if (fp_process_nans(n, ua.type, ub.type, a, b, fpcr, fpsr, &r)) return r;
    ub.sign ^= negate_b;
    bool inf_a = ua.type == FPT_INF, inf_b = ub.type == FPT_INF;
    if (inf_a && inf_b && ua.sign != ub.sign) {
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    if (inf_a || inf_b) return fp_inf(n, inf_a ? ua.sign : ub.sign);
    if (ua.type == FPT_ZERO && ub.type == FPT_ZERO) {
        return ua.sign == ub.sign ? fp_zero(n, ua.sign) : exact_zero(n, fpcr_rounding(fpcr));
    }
    return add_finite(n, ua, ub, fpcr, fpsr);
}

/* The rounded product of two finite nonzero values. */
FPU_INLINE uint64_t mul_finite(unsigned n, const fp_unpacked_t *a, const fp_unpacked_t *b,
                               uint32_t fpcr, uint32_t *fpsr)
{
    u128 p = (u128)a->sig * b->sig; /* in [2^124, 2^126) */
    int exp = a->exp + b->exp;
    uint64_t sig = (uint64_t)(p >> SIG_TOP) | ((p & ((1ull << SIG_TOP) - 1)) != 0);
    if (sig >> 63) {
        sig = shift_right_jam(sig, 1);
        exp++;
    }
    return fp_round_pack(n, a->sign ^ b->sign, exp, sig, fpcr, fpcr_rounding(fpcr), fpsr);
}

/* FPMul (and FPMulX) of a zero by a zero or normal value: the zero with the product's sign,
 * in every rounding mode. False for other operands. */
FPU_INLINE bool mul_zero(unsigned n, uint64_t a, uint64_t b, uint64_t *r)
{
    bool zero_a = fp_is_zero(n, a), zero_b = fp_is_zero(n, b);
    if (!(zero_a || zero_b) || !(zero_a || host_normal(n, a)) || !(zero_b || host_normal(n, b)))
        return false;
    *r = fp_zero(n, ((a ^ b) >> (n - 1)) & 1);
    return true;
}

/* FPMul, and FPMulX (mulx: infinity times zero is 2 with the product's sign). */
FPU_INLINE uint64_t mul_general(unsigned n, uint64_t a, uint64_t b, bool mulx, uint32_t fpcr,
                                uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    uint64_t r;
    if (fp_process_nans(n, ua.type, ub.type, a, b, fpcr, fpsr, &r)) return r;
    bool sign = ua.sign ^ ub.sign;
    bool inf_a = ua.type == FPT_INF, inf_b = ub.type == FPT_INF;
    bool zero_a = ua.type == FPT_ZERO, zero_b = ub.type == FPT_ZERO;
    if ((inf_a && zero_b) || (zero_a && inf_b)) {
        if (mulx) return fp_make(n, sign, 1, 0);
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    if (inf_a || inf_b) return fp_inf(n, sign);
    if (zero_a || zero_b) return fp_zero(n, sign);
    return mul_finite(n, &ua, &ub, fpcr, fpsr);
}

/* FPDiv */
FPU_INLINE uint64_t div_general(unsigned n, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    uint64_t r;
    if (fp_process_nans(n, ua.type, ub.type, a, b, fpcr, fpsr, &r)) return r;
    bool sign = ua.sign ^ ub.sign;
    bool inf_a = ua.type == FPT_INF, inf_b = ub.type == FPT_INF;
    bool zero_a = ua.type == FPT_ZERO, zero_b = ub.type == FPT_ZERO;
    if ((inf_a && inf_b) || (zero_a && zero_b)) {
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    if (inf_a || zero_b) {
        if (!inf_a) *fpsr |= FPSR_DZC;
        return fp_inf(n, sign);
    }
    if (zero_a || inf_b) return fp_zero(n, sign);
    /* q = (sig_a << 63) / sig_b lies in (2^62, 2^64). */
    u128 num = (u128)ua.sig << 63;
    uint64_t q = (uint64_t)(num / ub.sig);
    bool rem = (num % ub.sig) != 0;
    int exp = ua.exp - ub.exp - 1;
    if (q >> 63) {
        q = shift_right_jam(q, 1);
        exp++;
    }
    return fp_round_pack(n, sign, exp, q | rem, fpcr, fpcr_rounding(fpcr), fpsr);
}

/* floor(sqrt(r)) for r in [2^124, 2^126). */
static uint64_t isqrt128(u128 r)
{
    uint64_t x = (uint64_t)sqrt((double)r); /* within about 2^11 of the root */
    x = (uint64_t)(((u128)x + r / x) >> 1); /* one Newton step: within 1 */
    while ((u128)x * x > r)
        x--;
    while ((u128)(x + 1) * (x + 1) <= r)
        x++;
    return x;
}

/* FPSqrt */
FPU_INLINE uint64_t sqrt_general(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t u = fp_unpack(n, a, fpcr, fpsr);
    if (fpt_is_nan(u.type)) return fp_process_nan(n, u.type, a, fpcr, fpsr);
    if (u.type == FPT_ZERO) return fp_zero(n, u.sign);
    if (u.type == FPT_INF && !u.sign) return a;
    if (u.sign) {
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    /* value = sig * 2^(exp - 62): take the root of sig * 2^(62 + (exp odd)), which has its
     * leading one at bit 62, and halve the (now even) exponent. */
    bool odd = u.exp & 1;
    u128 radicand = (u128)u.sig << (SIG_TOP + odd);
    uint64_t root = isqrt128(radicand);
    bool inexact = (u128)root * root != radicand;
    return fp_round_pack(n, false, (u.exp - odd) / 2, root | inexact, fpcr, fpcr_rounding(fpcr),
                         fpsr);
}

/* Rounds m * 2^(exp - 125), m nonzero with its leading one at bit 125. */
FPU_INLINE uint64_t round_pack128(unsigned n, bool sign, int exp, u128 m, uint32_t fpcr,
                                  fp_rounding_t rounding, uint32_t *fpsr)
{
    uint64_t sig = (uint64_t)(m >> 63) | ((m & ((((u128)1) << 63) - 1)) != 0);
    return fp_round_pack(n, sign, exp, sig, fpcr, rounding, fpsr);
}

uint64_t fp_muladd_finite(unsigned n, const fp_unpacked_t *addend, const fp_unpacked_t *a,
                          const fp_unpacked_t *b, unsigned halve, uint32_t fpcr, uint32_t *fpsr)
{
    fp_rounding_t rounding = fpcr_rounding(fpcr);
    bool zero_p = a->type == FPT_ZERO || b->type == FPT_ZERO, sign_p = a->sign ^ b->sign;

    if (addend->type == FPT_ZERO && zero_p)
        return addend->sign == sign_p ? fp_zero(n, sign_p) : exact_zero(n, rounding);
    if (zero_p) {
        return fp_round_pack(n, addend->sign, addend->exp - (int)halve, addend->sig, fpcr, rounding,
                             fpsr);
    }
    /* The exact product with its leading one at bit 125: value = p * 2^(ep - 125). */
    u128 p = (u128)a->sig * b->sig;
    int ep = a->exp + b->exp + 1;
    if (!(p >> 125)) {
        p <<= 1;
        ep--;
    }
    if (addend->type == FPT_ZERO)
        return round_pack128(n, sign_p, ep - (int)halve, p, fpcr, rounding, fpsr);

    /* The addend likewise; then |big| >= |small|. The product has at least 20 zero low
     * bits, so jamming only happens when at most one bit of cancellation is possible. */
    u128 c = (u128)addend->sig << 63;
    int ec = addend->exp;
    bool product_bigger = ep > ec || (ep == ec && p > c);
    u128 big = product_bigger ? p : c, small = product_bigger ? c : p;
    int exp = product_bigger ? ep : ec;
    bool sign = product_bigger ? sign_p : addend->sign;
    small = shift_right_jam128(small, (unsigned)(product_bigger ? ep - ec : ec - ep));
    u128 s;
    if (sign_p == addend->sign) {
        s = big + small;
        if (s >> 126) {
            s = shift_right_jam128(s, 1);
            exp++;
        }
    } else {
        s = big - small;
        if (s == 0) return exact_zero(n, rounding);
        while (!(s >> 125)) {
            s <<= 1;
            exp--;
        }
    }
    return round_pack128(n, sign, exp - (int)halve, s, fpcr, rounding, fpsr);
}

/* FPMulAdd: addend + a * b. */
FPU_INLINE uint64_t muladd_general(unsigned n, uint64_t addend, uint64_t a, uint64_t b,
                                   uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t uc = fp_unpack(n, addend, fpcr, fpsr), ua = fp_unpack(n, a, fpcr, fpsr),
                  ub = fp_unpack(n, b, fpcr, fpsr);
    bool inf_a = ua.type == FPT_INF, inf_b = ub.type == FPT_INF;
    bool zero_a = ua.type == FPT_ZERO, zero_b = ub.type == FPT_ZERO;
    bool inf_times_zero = (inf_a && zero_b) || (zero_a && inf_b);

    /* FPProcessNaNs3 order: signalling NaNs of addend, a, b, then quiet NaNs. A quiet
     * NaN addend with infinity times zero gives the default NaN and IOC. */
    if (fpt_is_nan(uc.type) || fpt_is_nan(ua.type) || fpt_is_nan(ub.type)) {
        uint64_t r;
        if (uc.type == FPT_SNAN)
            r = fp_process_nan(n, uc.type, addend, fpcr, fpsr);
        else if (ua.type == FPT_SNAN)
            r = fp_process_nan(n, ua.type, a, fpcr, fpsr);
        else if (ub.type == FPT_SNAN)
            r = fp_process_nan(n, ub.type, b, fpcr, fpsr);
        else if (uc.type == FPT_QNAN)
            r = fp_process_nan(n, uc.type, addend, fpcr, fpsr);
        else if (ua.type == FPT_QNAN)
            r = fp_process_nan(n, ua.type, a, fpcr, fpsr);
        else
            r = fp_process_nan(n, ub.type, b, fpcr, fpsr);
        if (uc.type == FPT_QNAN && inf_times_zero) {
            *fpsr |= FPSR_IOC;
            r = fp_default_nan(n);
        }
        return r;
    }
    bool sign_p = ua.sign ^ ub.sign, inf_p = inf_a || inf_b, inf_c = uc.type == FPT_INF;
    if (inf_times_zero || (inf_c && inf_p && uc.sign != sign_p)) {
        *fpsr |= FPSR_IOC;
        return fp_default_nan(n);
    }
    if (inf_c) return fp_inf(n, uc.sign);
    if (inf_p) return fp_inf(n, sign_p);
    return fp_muladd_finite(n, &uc, &ua, &ub, 0, fpcr, fpsr);
}

/*
 * Each arithmetic operation is a quick part, inlined into fpu_<op><N>, for
 * operands that the host or a zero rule settles, and the general part above,
 * kept out of line once per format so that the quick part needs no stack frame.
 */
#define FPU_GENERAL_N(N)                                                                           \
    static __attribute__((noinline))                                                               \
    uint64_t add_general##N(uint64_t a, uint64_t b, bool negate, uint32_t fpcr, uint32_t *fpsr)    \
    {                                                                                              \
        return add_general(N, a, b, negate, fpcr, fpsr);                                           \
    }                                                                                              \
    static __attribute__((noinline))                                                               \
    uint64_t mul_general##N(uint64_t a, uint64_t b, bool mulx, uint32_t fpcr, uint32_t *fpsr)      \
    {                                                                                              \
        return mul_general(N, a, b, mulx, fpcr, fpsr);                                             \
    }                                                                                              \
    static __attribute__((noinline))                                                               \
    uint64_t div_general##N(uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)                 \
    {                                                                                              \
        return div_general(N, a, b, fpcr, fpsr);                                                   \
    }                                                                                              \
    static __attribute__((noinline))                                                               \
    uint64_t sqrt_general##N(uint64_t a, uint32_t fpcr, uint32_t *fpsr)                            \
    {                                                                                              \
        return sqrt_general(N, a, fpcr, fpsr);                                                     \
    }                                                                                              \
    static __attribute__((noinline)) uint64_t muladd_general##N(                                   \
        uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)                    \
    {                                                                                              \
        return muladd_general(N, addend, a, b, fpcr, fpsr);                                        \
    }

FPU_GENERAL_N(16)
FPU_GENERAL_N(32)
FPU_GENERAL_N(64)
#undef FPU_GENERAL_N

/* Calls fn16, fn32 or fn64 for format n (a constant wherever this is inlined). */
#define BY_FORMAT(fn, n, ...)                                                                      \
    ((n) == 16 ? fn##16(__VA_ARGS__) : (n) == 32 ? fn##32(__VA_ARGS__) : fn##64(__VA_ARGS__))

FPU_INLINE uint64_t fp_add(unsigned n, uint64_t a, uint64_t b, bool negate_b, uint32_t fpcr,
                           uint32_t *fpsr)
{
    uint64_t r;
    if (host_fast(n, a, b, fpcr) && host_op(n, negate_b ? HOST_SUB : HOST_ADD, a, b, fpsr, &r))
        return r;
    if (add_zero(n, a, b ^ fp_zero(n, negate_b), fpcr, &r)) return r;
    return BY_FORMAT(add_general, n, a, b, negate_b, fpcr, fpsr);
}

FPU_INLINE uint64_t fp_mul(unsigned n, uint64_t a, uint64_t b, bool mulx, uint32_t fpcr,
                           uint32_t *fpsr)
{
    uint64_t r;
    if (host_fast(n, a, b, fpcr) && host_op(n, HOST_MUL, a, b, fpsr, &r)) return r;
    if (mul_zero(n, a, b, &r)) return r;
    return BY_FORMAT(mul_general, n, a, b, mulx, fpcr, fpsr);
}

FPU_INLINE uint64_t fp_div(unsigned n, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t r;
    if (host_fast(n, a, b, fpcr) && host_op(n, HOST_DIV, a, b, fpsr, &r)) return r;
    return BY_FORMAT(div_general, n, a, b, fpcr, fpsr);
}

FPU_INLINE uint64_t fp_sqrt(unsigned n, uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t r;
    if (host_sqrt(n, a, fpcr, fpsr, &r)) return r;
    return BY_FORMAT(sqrt_general, n, a, fpcr, fpsr);
}

/* A zero product leaves the addend (zero or normal: FZ cannot act) exactly, or the zero of
 * the FPAdd sign rule when the addend is zero too. */
FPU_INLINE uint64_t fp_muladd(unsigned n, uint64_t addend, uint64_t a, uint64_t b, uint32_t fpcr,
                              uint32_t *fpsr)
{
    uint64_t r, product;
    if (host_muladd(n, addend, a, b, fpcr, fpsr, &r)) return r;
    if (mul_zero(n, a, b, &product) && add_zero(n, addend, product, fpcr, &r)) return r;
    return BY_FORMAT(muladd_general, n, addend, a, b, fpcr, fpsr);
}

/* Orders two non-NaN unpacked values: -1, 0 or 1 (zeros of either sign are equal). */
static int value_cmp(const fp_unpacked_t *x, const fp_unpacked_t *y)
{
    int sx = x->type == FPT_ZERO ? 0 : x->sign ? -1 : 1;
    int sy = y->type == FPT_ZERO ? 0 : y->sign ? -1 : 1;
    if (sx != sy) return sx < sy ? -1 : 1;
    if (sx == 0) return 0;
    int mag;
    if (x->type == FPT_INF || y->type == FPT_INF)
        mag = (x->type == FPT_INF) - (y->type == FPT_INF);
    else if (x->exp != y->exp)
        mag = x->exp < y->exp ? -1 : 1;
    else
        mag = x->sig < y->sig ? -1 : x->sig > y->sig;
    return sx * mag;
}

/* FPMax / FPMin on unpacked operands (NaNs already handled); a and b the bits. */
FPU_INLINE uint64_t max_min(unsigned n, const fp_unpacked_t *ua, const fp_unpacked_t *ub,
                            uint64_t a, uint64_t b, bool is_max)
{
    int c = value_cmp(ua, ub);
    bool first = is_max ? c > 0 : c < 0;
    const fp_unpacked_t *u = first ? ua : ub;
    if (u->type == FPT_INF) return fp_inf(n, u->sign);
    if (u->type == FPT_ZERO)
        return fp_zero(n, is_max ? (ua->sign && ub->sign) : (ua->sign || ub->sign));
    return first ? a : b; /* a representable value: FPRound of it is exact */
}

FPU_INLINE uint64_t fp_max_min(unsigned n, uint64_t a, uint64_t b, bool is_max, bool num,
                               uint32_t fpcr, uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    /* FPMaxNum / FPMinNum: a single quiet NaN loses against any number. */
    if (num && (ua.type == FPT_QNAN) != (ub.type == FPT_QNAN)) {
        fp_unpacked_t *q = ua.type == FPT_QNAN ? &ua : &ub;
        *q = (fp_unpacked_t){.type = FPT_INF, .sign = is_max};
    }
    uint64_t r;
    if (fp_process_nans(n, ua.type, ub.type, a, b, fpcr, fpsr, &r)) return r;
    return max_min(n, &ua, &ub, a, b, is_max);
}

/* FPCompare */
FPU_INLINE uint32_t fp_compare(unsigned n, uint64_t a, uint64_t b, bool signal_nans, uint32_t fpcr,
                               uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    if (fpt_is_nan(ua.type) || fpt_is_nan(ub.type)) {
        if (ua.type == FPT_SNAN || ub.type == FPT_SNAN || signal_nans) *fpsr |= FPSR_IOC;
        return 0x30000000u; /* C V */
    }
    int c = value_cmp(&ua, &ub);
    return c == 0 ? 0x60000000u : c < 0 ? 0x80000000u : 0x20000000u;
}

/* FPCompareEQ (quiet), FPCompareGE and FPCompareGT (signalling): relation 0, 1, 2. */
FPU_INLINE bool fp_compare_rel(unsigned n, uint64_t a, uint64_t b, int relation, uint32_t fpcr,
                               uint32_t *fpsr)
{
    fpcr = fpcr_arith(fpcr);
    fp_unpacked_t ua = fp_unpack(n, a, fpcr, fpsr), ub = fp_unpack(n, b, fpcr, fpsr);
    if (fpt_is_nan(ua.type) || fpt_is_nan(ub.type)) {
        if (relation != 0 || ua.type == FPT_SNAN || ub.type == FPT_SNAN) *fpsr |= FPSR_IOC;
        return false;
    }
    int c = value_cmp(&ua, &ub);
    return relation == 0 ? c == 0 : relation == 1 ? c >= 0 : c > 0;
}

#define FPU_DEFINE_N(N, T)                                                                         \
    T fpu_add##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_add(N, a, b, false, fpcr, fpsr);                                              \
    }                                                                                              \
    T fpu_sub##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_add(N, a, b, true, fpcr, fpsr);                                               \
    }                                                                                              \
    T fpu_mul##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_mul(N, a, b, false, fpcr, fpsr);                                              \
    }                                                                                              \
    T fpu_mulx##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                         \
    {                                                                                              \
        return (T)fp_mul(N, a, b, true, fpcr, fpsr);                                               \
    }                                                                                              \
    T fpu_div##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_div(N, a, b, fpcr, fpsr);                                                     \
    }                                                                                              \
    T fpu_max##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_max_min(N, a, b, true, false, fpcr, fpsr);                                    \
    }                                                                                              \
    T fpu_min##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                          \
    {                                                                                              \
        return (T)fp_max_min(N, a, b, false, false, fpcr, fpsr);                                   \
    }                                                                                              \
    T fpu_maxnm##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                        \
    {                                                                                              \
        return (T)fp_max_min(N, a, b, true, true, fpcr, fpsr);                                     \
    }                                                                                              \
    T fpu_minnm##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                        \
    {                                                                                              \
        return (T)fp_max_min(N, a, b, false, true, fpcr, fpsr);                                    \
    }                                                                                              \
    T fpu_sqrt##N(T a, uint32_t fpcr, uint32_t *fpsr)                                              \
    {                                                                                              \
        return (T)fp_sqrt(N, a, fpcr, fpsr);                                                       \
    }                                                                                              \
    T fpu_muladd##N(T addend, T a, T b, uint32_t fpcr, uint32_t *fpsr)                             \
    {                                                                                              \
        return (T)fp_muladd(N, addend, a, b, fpcr, fpsr);                                          \
    }                                                                                              \
    uint32_t fpu_compare##N(T a, T b, bool signal_nans, uint32_t fpcr, uint32_t *fpsr)             \
    {                                                                                              \
        return fp_compare(N, a, b, signal_nans, fpcr, fpsr);                                       \
    }                                                                                              \
    bool fpu_compare_eq##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                \
    {                                                                                              \
        return fp_compare_rel(N, a, b, 0, fpcr, fpsr);                                             \
    }                                                                                              \
    bool fpu_compare_ge##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                \
    {                                                                                              \
        return fp_compare_rel(N, a, b, 1, fpcr, fpsr);                                             \
    }                                                                                              \
    bool fpu_compare_gt##N(T a, T b, uint32_t fpcr, uint32_t *fpsr)                                \
    {                                                                                              \
        return fp_compare_rel(N, a, b, 2, fpcr, fpsr);                                             \
    }

FPU_DEFINE_N(16, uint16_t)
FPU_DEFINE_N(32, uint32_t)
FPU_DEFINE_N(64, uint64_t)
