/*
 * Checks for guest test programs. A failing check prints one line with the
 * source file name and line (deterministic: no addresses or timings); main
 * ends with `return test_summary();`. Every check returns true on success.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "guest.h"

#define CHECK(cond) test_check((cond) != 0, #cond, __FILE_NAME__, __LINE__)

/* 64-bit comparison; on failure prints both values in hex. */
#define CHECK_EQ(actual, expected)                                                                 \
    test_check_eq((uint64_t)(actual), (uint64_t)(expected), true, #actual, #expected,              \
                  __FILE_NAME__, __LINE__)
#define CHECK_NE(actual, unexpected)                                                               \
    test_check_eq((uint64_t)(actual), (uint64_t)(unexpected), false, #actual, #unexpected,         \
                  __FILE_NAME__, __LINE__)

/* String comparison; on failure prints both strings. */
#define CHECK_STR(actual, expected)                                                                \
    test_check_str((actual), (expected), #actual, __FILE_NAME__, __LINE__)

/*
 * NZCV check: nzcv is a value of the NZCV register (flags in bits 31:28, as
 * read_nzcv() returns); expected is a 4-letter string in N Z C V order,
 * upper case for a set flag, lower case for a clear one: "nZCv".
 */
#define CHECK_FLAGS(nzcv, expected)                                                                \
    test_check_flags((uint64_t)(nzcv), (expected), #nzcv, __FILE_NAME__, __LINE__)

/*
 * Runs the flag-setting instruction OP ("adds", "subs", "adcs", "ands", ...)
 * on 64-bit (ALU_FLAGS) or 32-bit (ALU_FLAGS_W) registers, with NZCV preset
 * to nzcv_in, and yields a struct alu_result with the result and the NZCV
 * value afterwards:
 *
 *     struct alu_result r = ALU_FLAGS("adds", ~0ull, 1, 0);
 *     CHECK_EQ(r.value, 0);
 *     CHECK_FLAGS(r.nzcv, "nZCv");
 */
struct alu_result {
    uint64_t value, nzcv;
};
#define ALU_FLAGS_(reg, op, a, b, nzcv_in)                                                         \
    ({                                                                                             \
        struct alu_result alu_r_;                                                                  \
        __asm__ volatile("msr nzcv, %x4\n\t" op " %" reg "0, %" reg "2, %" reg "3\n\t"             \
                         "mrs %x1, nzcv"                                                           \
                         : "=&r"(alu_r_.value), "=&r"(alu_r_.nzcv)                                 \
                         : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(nzcv_in))        \
                         : "cc");                                                                  \
        alu_r_;                                                                                    \
    })
#define ALU_FLAGS(op, a, b, nzcv_in) ALU_FLAGS_("x", op, a, b, nzcv_in)
#define ALU_FLAGS_W(op, a, b, nzcv_in)                                                             \
    ({                                                                                             \
        struct alu_result alu_w_ = ALU_FLAGS_("w", op, a, b, nzcv_in);                             \
        alu_w_.value = (uint32_t)alu_w_.value;                                                     \
        alu_w_;                                                                                    \
    })

/* Prints "<passed> passed, <failed> failed"; returns 0 if none failed, else 1. */
int test_summary(void);

/* Number of failed checks so far. */
unsigned test_failures(void);

bool test_check(bool ok, const char *expr, const char *file, int line);
bool test_check_eq(uint64_t actual, uint64_t expected, bool want_equal, const char *actual_expr,
                   const char *expected_expr, const char *file, int line);
bool test_check_str(const char *actual, const char *expected, const char *expr, const char *file,
                    int line);
bool test_check_flags(uint64_t nzcv, const char *expected, const char *expr, const char *file,
                      int line);

#endif
