/*
 * The per-run part of a differential-test program: the exit trampoline and,
 * DIFF_EXIT_DISTANCE bytes after it, the case blob written by diffgen
 * (assembled with -DDIFF_BLOB_PATH='"file"'). Cases branch to the trampoline
 * with a B whose offset diffgen computes from that fixed distance.
 *
 * The trampoline saves x0-x30, SP, NZCV, FPCR, FPSR and V0-V31 at DIFF_CTX
 * without relying on SP (a case may leave it anywhere), using TPIDR_EL0 as
 * scratch. It changes no FP state before saving it.
 */
#include "diff_layout.h"

    .section .text.diff_blob, "ax"
    .balign 4096
diff_case_exit:
    msr     tpidr_el0, x0
    movz    x0, #(DIFF_CTX >> 16), lsl #16
    movk    x0, #(DIFF_CTX & 0xffff)
    stp     x1, x2, [x0, #8]
    stp     x3, x4, [x0, #24]
    stp     x5, x6, [x0, #40]
    stp     x7, x8, [x0, #56]
    stp     x9, x10, [x0, #72]
    stp     x11, x12, [x0, #88]
    stp     x13, x14, [x0, #104]
    stp     x15, x16, [x0, #120]
    stp     x17, x18, [x0, #136]
    stp     x19, x20, [x0, #152]
    stp     x21, x22, [x0, #168]
    stp     x23, x24, [x0, #184]
    stp     x25, x26, [x0, #200]
    stp     x27, x28, [x0, #216]
    stp     x29, x30, [x0, #232]
    mrs     x1, tpidr_el0
    str     x1, [x0, #0]
    mov     x1, sp
    mrs     x2, nzcv
    stp     x1, x2, [x0, #CTX_SP]
    mrs     x1, fpcr
    mrs     x2, fpsr
    stp     x1, x2, [x0, #CTX_FPCR]
    stp     q0, q1, [x0, #CTX_V + 0]
    stp     q2, q3, [x0, #CTX_V + 32]
    stp     q4, q5, [x0, #CTX_V + 64]
    stp     q6, q7, [x0, #CTX_V + 96]
    stp     q8, q9, [x0, #CTX_V + 128]
    stp     q10, q11, [x0, #CTX_V + 160]
    stp     q12, q13, [x0, #CTX_V + 192]
    stp     q14, q15, [x0, #CTX_V + 224]
    stp     q16, q17, [x0, #CTX_V + 256]
    stp     q18, q19, [x0, #CTX_V + 288]
    stp     q20, q21, [x0, #CTX_V + 320]
    stp     q22, q23, [x0, #CTX_V + 352]
    stp     q24, q25, [x0, #CTX_V + 384]
    stp     q26, q27, [x0, #CTX_V + 416]
    stp     q28, q29, [x0, #CTX_V + 448]
    stp     q30, q31, [x0, #CTX_V + 480]
    b       diff_case_return

    .org    diff_case_exit + DIFF_EXIT_DISTANCE
    .global diff_blob
diff_blob:
    .incbin DIFF_BLOB_PATH
