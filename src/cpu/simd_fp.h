/*
 * Floating-point lane loops of the Advanced SIMD execute files
 * (exec_simd_fp*.c). Every operation is generated for the three widths N = 16,
 * 32, 64 (exec_<name>16/32/64) from an operation macro OP(N, a, b, acc) that
 * names the fpu_<op><N> functions of fpu.h with token pasting; decoders pick
 * one of FP_FNS(name) by the width index (0: half, 1: single, 2: double).
 */
#ifndef AVSIM_SIMD_FP_H
#define AVSIM_SIMD_FP_H

#include "cpu/fpu.h"
#include "cpu/simd.h"

/* The lanes of width N of a vreg_t. */
#define FP_LANES16(v)  ((v).h)
#define FP_LANES32(v)  ((v).s)
#define FP_LANES64(v)  ((v).d)
#define FP_LANES(N, v) FP_LANES##N(v)

/* All ones in an N-bit lane when cond holds (the vector compares). */
#define FP_MASK(N, cond) ((cond) ? (uint##N##_t) - 1 : (uint##N##_t)0)

/* Width index of a decoder: 0 half, 1 single, 2 double. */
enum { FP_HALF, FP_SINGLE, FP_DOUBLE };

#define FP_FNS(name)                                                                               \
    {                                                                                              \
        exec_##name##16, exec_##name##32, exec_##name##64                                          \
    }

/* Lane i of the result = OP(N, a, b, acc) over lane i of Vn, Vm and Vd. */
#define DEFINE_FP_LANEWISE_N(name, N, OP)                                                          \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], old = cpu->v[d->rd];                    \
        vreg_t r = {0};                                                                            \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint##N##_t a = FP_LANES(N, n)[i], b = FP_LANES(N, m)[i], acc = FP_LANES(N, old)[i];   \
            (void)b;                                                                               \
            (void)acc;                                                                             \
            FP_LANES(N, r)[i] = OP(N, a, b, acc);                                                  \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
    }

#define DEFINE_FP_LANEWISE(name, OP)                                                               \
    DEFINE_FP_LANEWISE_N(name, 16, OP)                                                             \
    DEFINE_FP_LANEWISE_N(name, 32, OP)                                                             \
    DEFINE_FP_LANEWISE_N(name, 64, OP)

/* FCVT{N,M,A,P,Z}{S,U} and S/UCVTF of the two-register misc classes, for width (FP_HALF...):
 * false when the opcode is not one of them (exec_simd_fpconv.c). */
bool dec_simd_fp_int_convert(decoded_t *d, uint32_t insn, unsigned width);

#endif
