/*
 * Assembler macros (for .S files) that store and load general registers in
 * the x[0..30] layout of struct exc_frame (exception.h) and of the reference
 * hypervisor's vCPU contexts (hyp/host/hyp.h, hyp/guest/ghyp.c): xN at
 * [base, #8 * N].
 */
#ifndef GUEST_ASM_XREGS_H
#define GUEST_ASM_XREGS_H

/* \op (stp or ldp) of x4-x29 in pairs at [\base, #32] to [\base, #224]. */
.macro xregs_x4_x29 op, base
    \op     x4, x5, [\base, #32]
    \op     x6, x7, [\base, #48]
    \op     x8, x9, [\base, #64]
    \op     x10, x11, [\base, #80]
    \op     x12, x13, [\base, #96]
    \op     x14, x15, [\base, #112]
    \op     x16, x17, [\base, #128]
    \op     x18, x19, [\base, #144]
    \op     x20, x21, [\base, #160]
    \op     x22, x23, [\base, #176]
    \op     x24, x25, [\base, #192]
    \op     x26, x27, [\base, #208]
    \op     x28, x29, [\base, #224]
.endm

/* Stores x2-x30. */
.macro save_x2_x30 base
    stp     x2, x3, [\base, #16]
    xregs_x4_x29 stp, \base
    str     x30, [\base, #240]
.endm

/*
 * Stores x0-x30 at an exception entry that pushed x0 and x1 on the stack
 * (stp x0, x1, [sp, #-16]!) to use them: x0 and x1 are popped (through x2
 * and x3, once those are stored).
 */
.macro save_x0_x30_pushed base
    save_x2_x30 \base
    ldp     x2, x3, [sp], #16
    stp     x2, x3, [\base]
.endm

/* Loads x4-x30: x2 and x3 stay free for a caller that still needs scratch registers. */
.macro load_x4_x30 base
    xregs_x4_x29 ldp, \base
    ldr     x30, [\base, #240]
.endm

/* Loads x2-x30. */
.macro load_x2_x30 base
    ldp     x2, x3, [\base, #16]
    load_x4_x30 \base
.endm

#endif
