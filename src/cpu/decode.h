/*
 * Table-driven A64 decode. Each instruction class owns a pattern table
 * {mask, value, name, decode}: an instruction matches when (insn & mask) == value.
 * The first matching row of the class tables (in decode.c order) wins; its
 * decode function fills the decoded_t (operands, d->fn) once, and returns false
 * for encodings that are UNALLOCATED / reserved, which then UNDEF.
 * Execution functions live in exec_<class>.c, grouped by instruction class.
 */
#ifndef AVSIM_DECODE_H
#define AVSIM_DECODE_H

#include "cpu/cpu.h"

typedef bool (*decode_fn)(decoded_t *d, uint32_t insn);

typedef struct {
    uint32_t mask, value;
    const char *name;
    decode_fn decode;
} insn_pattern_t;

#define PATTERN_END                                                                                \
    {                                                                                              \
        0, 0, NULL, NULL                                                                           \
    }

/* Class tables, each ending with PATTERN_END. */
extern const insn_pattern_t dp_imm_patterns[]; /* exec_dp_imm.c */
extern const insn_pattern_t dp_reg_patterns[]; /* exec_dp_reg.c */
extern const insn_pattern_t branch_patterns[]; /* exec_branch.c */
extern const insn_pattern_t system_patterns[]; /* exec_system.c */
extern const insn_pattern_t ldst_patterns[];   /* exec_ldst.c */
extern const insn_pattern_t atomic_patterns[]; /* exec_atomic.c: exclusives, LSE, acquire/release */
extern const insn_pattern_t fp_patterns[];     /* exec_fp.c: scalar floating point */
extern const insn_pattern_t ldst_simd_patterns[]; /* exec_ldst_simd.c: SIMD&FP loads/stores */
/* Advanced SIMD data processing (exec_simd_*.c) */
extern const insn_pattern_t simd_3same_patterns[];
extern const insn_pattern_t simd_3diff_patterns[];
extern const insn_pattern_t simd_misc_patterns[];
extern const insn_pattern_t simd_shift_patterns[];
extern const insn_pattern_t simd_imm_patterns[];
extern const insn_pattern_t simd_across_patterns[];
extern const insn_pattern_t simd_perm_patterns[];
extern const insn_pattern_t simd_copy_patterns[];
extern const insn_pattern_t simd_elem_patterns[];
extern const insn_pattern_t simd_extra_patterns[];
extern const insn_pattern_t simd_fp_patterns[];
extern const insn_pattern_t simd_fpmisc_patterns[];
extern const insn_pattern_t simd_fpacross_patterns[];
extern const insn_pattern_t simd_crypto_patterns[];

/* Fills d for insn; unmatched or rejected encodings get exec_undefined. Returns the matched name or
 * NULL. */
const char *decode_insn(decoded_t *d, uint32_t insn);

/* Executes an UNDEFINED instruction (EC 0x00). */
void exec_undefined(cpu_t *cpu, const decoded_t *d);

#endif
