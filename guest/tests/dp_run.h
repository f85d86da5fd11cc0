/*
 * Running single data-processing instructions for isa_dp_imm.c and
 * isa_dp_reg.c. The instruction text names its registers directly: it writes
 * X0 (or W0) and reads X1 (Rn), X2 (Rm), X3 (Ra), and X0 where it keeps part
 * of the destination (BFM, MOVK). The expected values were recorded on QEMU.
 */
#ifndef DP_RUN_H
#define DP_RUN_H

#include "test.h"

/* Filler for X0 when the instruction overwrites all of it. */
#define G 0xDEADBEEFCAFEF00Dull

/*
 * RUN(insn, x0, x1, x2, x3, nzcv_in): runs insn with X0-X3 and NZCV preset;
 * yields a struct alu_result with X0 and NZCV afterwards. The inputs must be
 * constants or plain variables (a call would clobber the bound registers).
 */
#define RUN(insn, in0, in1, in2, in3, nzcv_in)                                                     \
    ({                                                                                             \
        register uint64_t x0_ __asm__("x0") = (in0);                                               \
        register uint64_t x1_ __asm__("x1") = (in1);                                               \
        register uint64_t x2_ __asm__("x2") = (in2);                                               \
        register uint64_t x3_ __asm__("x3") = (in3);                                               \
        uint64_t flags_ = (nzcv_in);                                                               \
        __asm__ volatile("msr nzcv, %x1\n\t" insn "\n\tmrs %x1, nzcv"                              \
                         : "+r"(x0_), "+r"(flags_)                                                 \
                         : "r"(x1_), "r"(x2_), "r"(x3_)                                            \
                         : "cc");                                                                  \
        (struct alu_result){x0_, flags_};                                                          \
    })

/* Runs insn and checks X0 and the flags ("nZCv", see CHECK_FLAGS). */
#define T(insn, in0, in1, in2, in3, nzcv_in, expected, expected_flags)                             \
    do {                                                                                           \
        struct alu_result t_ = RUN(insn, in0, in1, in2, in3, nzcv_in);                             \
        CHECK_EQ(t_.value, expected);                                                              \
        CHECK_FLAGS(t_.nzcv, expected_flags);                                                      \
    } while (0)

/*
 * SP_RUN(insn, sp_in, x1, x2, nzcv_in): runs insn with SP = sp_in (the real SP
 * is kept in X9 meanwhile; insn must not touch memory), X0 = G, X1, X2 and
 * NZCV preset; yields struct sp_result.
 */
struct sp_result {
    uint64_t x0, sp, nzcv;
};
#define SP_RUN(insn, sp_in, in1, in2, nzcv_in)                                                     \
    ({                                                                                             \
        register uint64_t x0_ __asm__("x0") = G;                                                   \
        register uint64_t x1_ __asm__("x1") = (in1);                                               \
        register uint64_t x2_ __asm__("x2") = (in2);                                               \
        uint64_t flags_ = (nzcv_in), sp_ = (sp_in);                                                \
        __asm__ volatile("mov x9, sp\n\t"                                                          \
                         "mov sp, %x2\n\t"                                                         \
                         "msr nzcv, %x1\n\t" insn "\n\t"                                           \
                         "mrs %x1, nzcv\n\t"                                                       \
                         "mov %x2, sp\n\t"                                                         \
                         "mov sp, x9"                                                              \
                         : "+r"(x0_), "+r"(flags_), "+r"(sp_)                                      \
                         : "r"(x1_), "r"(x2_)                                                      \
                         : "x9", "cc");                                                            \
        (struct sp_result){x0_, sp_, flags_};                                                      \
    })

/* Checks that the instruction word is UNDEFINED: one exception, EC 0, at the word. */
#define CHECK_UNDEFINED(word)                                                                      \
    do {                                                                                           \
        struct exc_frame f_;                                                                       \
        uint64_t at_;                                                                              \
        exc_catch_begin();                                                                         \
        __asm__ volatile("adr %x0, 1f\n1: .inst " #word : "=r"(at_));                              \
        CHECK_EQ(exc_catch_end(&f_), 1);                                                           \
        CHECK_EQ(ESR_EC(f_.esr), EC_UNKNOWN);                                                      \
        CHECK_EQ(f_.elr, at_);                                                                     \
    } while (0)

#endif
