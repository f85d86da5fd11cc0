/*
 * Entering and leaving a case (harness.c). diff_run_case masks DAIF, clears
 * the exclusive monitor, loads V0-V31, FPCR, FPSR, x0-x29 and NZCV and jumps
 * to the case's code with BR X30; the code's preamble sets SP and X30 itself.
 * The harness is built with -mgeneral-regs-only, so nothing touches the FP
 * state between here and the trampoline's save (exception handlers
 * included). The case ends with a branch to the exit trampoline (blob.S),
 * which saves every register at DIFF_CTX and branches to diff_case_return,
 * which resumes the harness on its own stack.
 */
#include "diff_layout.h"

    .text
    .balign 4
    .global diff_run_case
/*
 * void diff_run_case(const uint64_t in[32], const uint64_t fp[66]):
 * in = x0-x29, code address, NZCV; fp = V0-V31, FPCR, FPSR (16-byte aligned).
 */
diff_run_case:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    mov     x3, sp
    movz    x2, #(DIFF_CTX >> 16), lsl #16
    movk    x2, #(DIFF_CTX & 0xffff)
    str     x3, [x2, #CTX_HARNESS_SP]
    ldp     q0, q1, [x1, #0]
    ldp     q2, q3, [x1, #32]
    ldp     q4, q5, [x1, #64]
    ldp     q6, q7, [x1, #96]
    ldp     q8, q9, [x1, #128]
    ldp     q10, q11, [x1, #160]
    ldp     q12, q13, [x1, #192]
    ldp     q14, q15, [x1, #224]
    ldp     q16, q17, [x1, #256]
    ldp     q18, q19, [x1, #288]
    ldp     q20, q21, [x1, #320]
    ldp     q22, q23, [x1, #352]
    ldp     q24, q25, [x1, #384]
    ldp     q26, q27, [x1, #416]
    ldp     q28, q29, [x1, #448]
    ldp     q30, q31, [x1, #480]
    ldr     x2, [x1, #FPIN_FPCR]
    msr     fpcr, x2
    ldr     x3, [x1, #FPIN_FPSR]
    msr     fpsr, x3
    ldr     x1, [x0, #248]
    msr     nzcv, x1
    msr     daifset, #0xf
    clrex
    mov     x30, x0
    ldp     x0, x1, [x30, #0]
    ldp     x2, x3, [x30, #16]
    ldp     x4, x5, [x30, #32]
    ldp     x6, x7, [x30, #48]
    ldp     x8, x9, [x30, #64]
    ldp     x10, x11, [x30, #80]
    ldp     x12, x13, [x30, #96]
    ldp     x14, x15, [x30, #112]
    ldp     x16, x17, [x30, #128]
    ldp     x18, x19, [x30, #144]
    ldp     x20, x21, [x30, #160]
    ldp     x22, x23, [x30, #176]
    ldp     x24, x25, [x30, #192]
    ldp     x26, x27, [x30, #208]
    ldp     x28, x29, [x30, #224]
    ldr     x30, [x30, #240]
    br      x30

    .global diff_case_return
diff_case_return:
    movz    x0, #(DIFF_CTX >> 16), lsl #16
    movk    x0, #(DIFF_CTX & 0xffff)
    ldr     x1, [x0, #CTX_HARNESS_SP]
    mov     sp, x1
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret
