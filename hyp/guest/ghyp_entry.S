/*
 * The guest hypervisor's (ghyp.c) entry to its guest and exit from it, built like KVM's
 * __guest_enter/__guest_exit: run_l2(ctx) saves the callee-saved registers and SP, loads L2's
 * registers and its PC/PSTATE into ELR/SPSR_EL2 and executes ERET; an exception from L2 (the
 * lower-EL vectors) stores L2's registers into ctx and returns from run_l2 with the kind of
 * exception (0 synchronous, 1 IRQ, 2 FIQ, 3 SError). Its own exceptions (current EL) go to the
 * guest library's handlers. With VHE (GHYP_VHE) ELR/SPSR_EL2 are reached as ELR/SPSR_EL1.
 *
 * All of this runs at the real EL1: under FEAT_NV2 the MSR/MRS of ELR/SPSR_EL2 use the real EL1
 * registers, under FEAT_NV only they trap to the host; the ERET traps in both.
 */
#include "asm_xregs.h"

#if GHYP_VHE
#define OWN_ELR     elr_el1
#define OWN_SPSR    spsr_el1
#define OWN_VECTORS vectors_el1
#else
#define OWN_ELR     elr_el2
#define OWN_SPSR    spsr_el2
#define OWN_VECTORS vectors_el2
#endif

#define CTX_PC 248

/* \op (stp or ldp) of the guest hypervisor's callee-saved x19-x30 at l1_saved (x1). */
.macro l1_callee_saved op
    \op     x19, x20, [x1, #0]
    \op     x21, x22, [x1, #16]
    \op     x23, x24, [x1, #32]
    \op     x25, x26, [x1, #48]
    \op     x27, x28, [x1, #64]
    \op     x29, x30, [x1, #80]
.endm

    .text
    .balign 4
    .global run_l2
run_l2:
    adrp    x1, l1_saved
    add     x1, x1, :lo12:l1_saved
    l1_callee_saved stp
    mov     x2, sp
    stp     x2, x0, [x1, #96]
    ldp     x2, x3, [x0, #CTX_PC]
    msr     OWN_ELR, x2
    msr     OWN_SPSR, x3
    load_x2_x30 x0
    ldp     x0, x1, [x0]
    eret

.macro l2_exit kind
    .balign 0x80
    stp     x0, x1, [sp, #-16]!
    adrp    x0, l1_saved
    add     x0, x0, :lo12:l1_saved
    ldr     x0, [x0, #104]
    mov     x1, #\kind
    b       l2_exit_common
.endm

.macro own_vector index
    .balign 0x80
    b       OWN_VECTORS + \index * 0x80
.endm

    .balign 0x800
    .global ghyp_vectors
ghyp_vectors:
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    own_vector \i
    .endr
    l2_exit 0
    l2_exit 1
    l2_exit 2
    l2_exit 3
    .irp i, 12, 13, 14, 15
    own_vector \i
    .endr

l2_exit_common:
    save_x0_x30_pushed x0
    mrs     x2, OWN_ELR
    mrs     x3, OWN_SPSR
    stp     x2, x3, [x0, #CTX_PC]
    mov     x0, x1
    adrp    x1, l1_saved
    add     x1, x1, :lo12:l1_saved
    l1_callee_saved ldp
    ldr     x2, [x1, #96]
    mov     sp, x2
    ret

/* L2 starts here at EL1h on the stack L1 gave it (l2.c). */
    .global l2_entry
l2_entry:
    bl      l2_main
    b       .

    .bss
    .balign 16
l1_saved:
    .space  112
