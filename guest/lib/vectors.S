/*
 * Vector tables for EL1 and EL2 (Arm ARM D1.3.1: 16 entries of 0x80 bytes,
 * table aligned to 2 KiB). Each entry builds a struct exc_frame (exception.h)
 * on the current stack, calls exception_handler(frame), then restores the
 * possibly modified frame and returns with ERET.
 */
#include "asm_xregs.h"

#define FRAME_SIZE   288
#define FRAME_ELR    248
#define FRAME_SPSR   256
#define FRAME_ESR    264
#define FRAME_FAR    272
#define FRAME_VECTOR 280

.macro vector_entry el, index
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\index
    movk    x0, #\el, lsl #32
    b       exception_entry_el\el
.endm

.macro vector_table el
    .balign 0x800
    .global vectors_el\el
vectors_el\el:
    .irp index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    vector_entry \el, \index
    .endr
.endm

/* x0 holds vector index | el << 32; x0 and x1 are already saved. */
.macro exception_entry el
exception_entry_el\el:
    save_x2_x30 sp
    mrs     x1, elr_el\el
    mrs     x2, spsr_el\el
    stp     x1, x2, [sp, #FRAME_ELR]
    mrs     x1, esr_el\el
    mrs     x2, far_el\el
    stp     x1, x2, [sp, #FRAME_ESR]
    str     x0, [sp, #FRAME_VECTOR]
    mov     x0, sp
    bl      exception_handler
    ldp     x1, x2, [sp, #FRAME_ELR]
    msr     elr_el\el, x1
    msr     spsr_el\el, x2
    load_x2_x30 sp
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME_SIZE
    eret
.endm

    .section .text.vectors, "ax"
    vector_table 1
    vector_table 2
    exception_entry 1
    exception_entry 2
