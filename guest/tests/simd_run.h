/*
 * Running single Advanced SIMD instructions for the simd_*.c guest tests
 * without FP/SIMD loads or stores: V0 (destination and accumulator), V1 (Vn)
 * and V2 (Vm) are filled from general registers with INS, X1 holds a general
 * source, FPCR is set and FPSR cleared; after the instruction V0, X0 and FPSR
 * are read back (UMOV, MRS). The instruction text names its registers
 * directly. Expected values were recorded on QEMU.
 */
#ifndef SIMD_RUN_H
#define SIMD_RUN_H

#include "test.h"

struct vres {
    uint64_t lo, hi, fpsr, x0;
};

/* A 128-bit operand as its low and high 64-bit halves (one macro argument). */
#define V(lo, hi) lo, hi

#define FPCR_AHP  (1u << 26)
#define FPCR_DN   (1u << 25)
#define FPCR_FZ   (1u << 24)
#define FPCR_RP   (1u << 22)
#define FPCR_RM   (2u << 22)
#define FPCR_RZ   (3u << 22)
#define FPCR_FZ16 (1u << 19)

/* FPSR cumulative flags. */
#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define IDC 0x80u
#define QC  (1u << 27)

#define VRUN_(insn, d0, d1, n0, n1, m0, m1, x1_in, fpcr_in)                                        \
    ({                                                                                             \
        register uint64_t x0_ __asm__("x0");                                                       \
        register uint64_t x1_ __asm__("x1") = (x1_in);                                             \
        struct vres r_;                                                                            \
        __asm__ volatile(                                                                          \
            "mov v0.d[0], %x[a0]\n\tmov v0.d[1], %x[a1]\n\t"                                       \
            "mov v1.d[0], %x[b0]\n\tmov v1.d[1], %x[b1]\n\t"                                       \
            "mov v2.d[0], %x[c0]\n\tmov v2.d[1], %x[c1]\n\t"                                       \
            "msr fpcr, %x[fpcr]\n\tmsr fpsr, xzr\n\t"                                              \
            "mov x0, #0\n\t" insn "\n\t"                                                           \
            "mrs %x[sr], fpsr\n\tmsr fpcr, xzr\n\t"                                                \
            "mov %x[r0], v0.d[0]\n\tmov %x[r1], v0.d[1]"                                           \
            : [r0] "=&r"(r_.lo), [r1] "=&r"(r_.hi), [sr] "=&r"(r_.fpsr), "=&r"(x0_), "+r"(x1_)     \
            : [a0] "r"((uint64_t)(d0)), [a1] "r"((uint64_t)(d1)), [b0] "r"((uint64_t)(n0)),        \
              [b1] "r"((uint64_t)(n1)), [c0] "r"((uint64_t)(m0)), [c1] "r"((uint64_t)(m1)),        \
              [fpcr] "r"((uint64_t)(fpcr_in))                                                      \
            : "v0", "v1", "v2", "v3", "v4", "memory");                                             \
        r_.x0 = x0_;                                                                               \
        r_;                                                                                        \
    })

/* VRUN(insn, V(d), V(n), V(m), x1, fpcr) -> struct vres. */
#define VRUN(insn, d, n, m, x1, fpcr) VRUN_(insn, d, n, m, x1, fpcr)

/* Runs insn and checks V0 and FPSR. */
#define VT(insn, d, n, m, fpcr, lo_, hi_, fpsr_)                                                   \
    do {                                                                                           \
        struct vres t_ = VRUN_(insn, d, n, m, 0, fpcr);                                            \
        CHECK_EQ(t_.lo, lo_);                                                                      \
        CHECK_EQ(t_.hi, hi_);                                                                      \
        CHECK_EQ(t_.fpsr, fpsr_);                                                                  \
    } while (0)

/* Runs insn with X1 = x1 and checks X0 (UMOV, SMOV) or V0 (DUP, INS general). */
#define XT(insn, d, n, x1, x0_, lo_, hi_)                                                          \
    do {                                                                                           \
        struct vres t_ = VRUN_(insn, d, n, 0, 0, x1, 0);                                           \
        CHECK_EQ(t_.x0, x0_);                                                                      \
        CHECK_EQ(t_.lo, lo_);                                                                      \
        CHECK_EQ(t_.hi, hi_);                                                                      \
    } while (0)

#endif
