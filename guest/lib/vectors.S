/*
 * Vector tables for EL1 and EL2 (Arm ARM D1.3.1: 16 entries of 0x80 bytes,
 * table aligned to 2 KiB). Each entry builds a struct exc_frame (exception.h)
 * on the current stack, calls exception_handler(frame), then restores the
 * possibly modified frame and returns with ERET.
 */

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
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
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
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME_SIZE
    eret
.endm

    .section .text.vectors, "ax"
    vector_table 1
    vector_table 2
    exception_entry 1
    exception_entry 2
