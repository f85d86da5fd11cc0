/*
 * Shared helpers of the Advanced SIMD execute files (exec_simd_*.c): lane
 * access, saturation (FPSR.QC) and the decoded_t conventions of the class.
 *
 * decoded_t use by the Advanced SIMD classes (each file adds its own details):
 *   rd, rn, rm   V register numbers; general-register operands are resolved
 *                REG_* indices (DUP/INS general, UMOV/SMOV)
 *   shift        element size of the operation's source elements, log2 bytes
 *   extra        number of elements processed (1 for the scalar forms)
 *   op           operation selector within an exec function family
 *   flags        SIMD_UPPER ("2" variants: the upper half of a source or
 *                destination), SIMD_UNSIGNED
 *   imm, amount  immediate, shift amount or element index
 * Every execute function first calls fp_access_ok(); results are built in a
 * local vreg_t and written whole, so unused lanes (Q = 0, scalar) read as zero.
 */
#ifndef AVSIM_SIMD_H
#define AVSIM_SIMD_H

#include "cpu/decode.h"
#include "cpu/fp_access.h"
#include "cpu/fpu.h" /* FPSR_QC */

enum { SIMD_UPPER = 1, SIMD_UNSIGNED = 2 };

/* Lane i of v as an unsigned value, for element size 1 << size bytes. */
static inline uint64_t lane_get(const vreg_t *v, unsigned size, unsigned i)
{
    switch (size) {
    case 0: return v->b[i];
    case 1: return v->h[i];
    case 2: return v->s[i];
    default: return v->d[i];
    }
}

static inline int64_t lane_get_s(const vreg_t *v, unsigned size, unsigned i)
{
    return sext(lane_get(v, size, i), 8u << size);
}

/* Writes the low 8 << size bits of x to lane i. */
static inline void lane_set(vreg_t *v, unsigned size, unsigned i, uint64_t x)
{
    switch (size) {
    case 0: v->b[i] = (uint8_t)x; break;
    case 1: v->h[i] = (uint16_t)x; break;
    case 2: v->s[i] = (uint32_t)x; break;
    default: v->d[i] = x; break;
    }
}

/*
 * Runs the statements with SZ a compile-time constant equal to size (0-3), so
 * that the lane accessors in a loop specialise (one loop per element size).
 */
#define SIMD_FOR_EACH_SIZE(size, ...)                                                              \
    switch (size) {                                                                                \
    case 0: {                                                                                      \
        enum { SZ = 0 };                                                                           \
        __VA_ARGS__                                                                                \
    } break;                                                                                       \
    case 1: {                                                                                      \
        enum { SZ = 1 };                                                                           \
        __VA_ARGS__                                                                                \
    } break;                                                                                       \
    case 2: {                                                                                      \
        enum { SZ = 2 };                                                                           \
        __VA_ARGS__                                                                                \
    } break;                                                                                       \
    default: {                                                                                     \
        enum { SZ = 3 };                                                                           \
        __VA_ARGS__                                                                                \
    } break;                                                                                       \
    }

/* Zeroes the bytes of r from byte `bytes` up (the lanes a Q = 0 or scalar form does not write). */
static inline void simd_clear_from(vreg_t *r, unsigned bytes)
{
    if (bytes >= 16) return;
    r->d[1] = 0;
    if (bytes < 8) r->d[0] &= ones(8 * bytes);
}

/* Lane value extended to 64 bits, signed or not. */
static inline uint64_t lane_get_ext(const vreg_t *v, unsigned size, unsigned i, bool is_unsigned)
{
    return is_unsigned ? lane_get(v, size, i) : (uint64_t)lane_get_s(v, size, i);
}

/* The low 64 bits of a vector (the D view), the rest zero. */
static inline vreg_t vreg_low64(uint64_t lo)
{
    return (vreg_t){.d = {lo, 0}};
}

/* SignedSatQ / UnsignedSatQ to bits bits, setting FPSR.QC when the value saturates;
 * the result is truncated to bits bits. */
static inline uint64_t sat_signed(cpu_t *cpu, __int128 x, unsigned bits)
{
    __int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
    if (x > max) {
        cpu->fpsr |= FPSR_QC;
        x = max;
    } else if (x < min) {
        cpu->fpsr |= FPSR_QC;
        x = min;
    }
    return (uint64_t)x & ones(bits);
}

static inline uint64_t sat_unsigned(cpu_t *cpu, __int128 x, unsigned bits)
{
    __int128 max = ((__int128)1 << bits) - 1;
    if (x > max) {
        cpu->fpsr |= FPSR_QC;
        x = max;
    } else if (x < 0) {
        cpu->fpsr |= FPSR_QC;
        x = 0;
    }
    return (uint64_t)x;
}

static inline uint64_t sat_to(cpu_t *cpu, __int128 x, unsigned bits, bool is_unsigned)
{
    return is_unsigned ? sat_unsigned(cpu, x, bits) : sat_signed(cpu, x, bits);
}

/* A lane as a signed 128-bit integer, from its raw bits (signed or unsigned view). */
static inline __int128 wide_int(uint64_t raw, unsigned bits, bool is_unsigned)
{
    return is_unsigned ? (__int128)(raw & ones(bits)) : (__int128)sext(raw, bits);
}

/*
 * The Arm ARM's integer shift (x + round) << shift of the shift-by-register and
 * rounding-shift forms: a negative shift is a right shift by -shift, rounded
 * (1 << (-shift - 1) added first) when rounding. x is a lane value (64 bits,
 * signed or unsigned). Left shifts by 64 or more keep only the sign and
 * non-zero-ness of x (the low 64 bits are zero, and any non-zero value
 * saturates); right shifts by more than 65 give the same result as by 65.
 */
static inline __int128 shift_int(__int128 x, int shift, bool rounding)
{
    if (shift >= 64) return x == 0 ? 0 : x > 0 ? (__int128)1 << 126 : -((__int128)1 << 126);
    if (shift >= 0) return (__int128)((unsigned __int128)x << shift);
    unsigned right = -shift > 65 ? 65 : (unsigned)-shift;
    if (rounding) x += (__int128)1 << (right - 1);
    return x >> right;
}

/* Writes a narrowed 64-bit result: to the low half (upper half zeroed), or for
 * the "2" variants to the upper half, keeping the low half of Vd. */
static inline void simd_write_narrow(cpu_t *cpu, unsigned rd, uint64_t narrowed, bool upper)
{
    if (upper)
        cpu->v[rd].d[1] = narrowed;
    else
        cpu->v[rd] = vreg_low64(narrowed);
}

/* SQRDMLAH / SQRDMLSH (FEAT_RDM): SignedSatQ((acc << esize) +/- 2 * a * b + round) >> esize),
 * one saturation; a, b, acc are signed lane values. */
static inline uint64_t rdm_lane(cpu_t *cpu, __int128 acc, __int128 a, __int128 b, unsigned bits,
                                bool subtract)
{
    __int128 product = 2 * a * b;
    __int128 sum =
        acc * ((__int128)1 << bits) + (subtract ? -product : product) + ((__int128)1 << (bits - 1));
    return sat_signed(cpu, sum >> bits, bits);
}

/* SDOT / UDOT (FEAT_DotProd): acc + the four byte products of one 32-bit lane. */
static inline uint32_t dot_lane(uint32_t acc, uint32_t n, uint32_t m, bool is_unsigned)
{
    for (unsigned k = 0; k < 32; k += 8) {
        int32_t a = is_unsigned ? (int32_t)((n >> k) & 0xFF) : (int8_t)(n >> k);
        int32_t b = is_unsigned ? (int32_t)((m >> k) & 0xFF) : (int8_t)(m >> k);
        acc += (uint32_t)(a * b);
    }
    return acc;
}

/* Elements in a vector of 64 << q bits with 1 << size byte elements. */
static inline unsigned simd_elements(bool q, unsigned size)
{
    return (8u << q) >> size;
}

/* Decoders of floating-point encodings that sit inside integer classes: the
 * fixed-point conversions of the shift-by-immediate class (exec_simd_fpconv.c)
 * and the floating-point forms of the x indexed element class (exec_simd_fpelem.c). */
bool dec_simd_fixed_convert(decoded_t *d, uint32_t insn);
bool dec_simd_fp_by_element(decoded_t *d, uint32_t insn);

#endif
