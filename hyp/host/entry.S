/*
 * The hypervisor's EL2 vector table and the guest entry and exit paths.
 *
 * An exception from the guest (lower EL, AArch64: Arm ARM D1.3.1 vector offsets 0x400-0x780) saves
 * the vCPU's x0-x30, ELR_EL2 and SPSR_EL2 into its struct cpu_ctx (TPIDR_EL2 points at it) and
 * calls hyp_exit(kind) on the EL2 stack; when hyp_exit returns, hyp_enter_guest restores the
 * (possibly changed) context and returns to the guest with ERET. Exceptions taken from EL2 itself
 * are host bugs: they go to the guest library's EL2 vectors, which print the syndrome and stop.
 *
 * Instruction counting: each exit stores the counter (CNTPCT_EL0) in ctx.t_exit at its third
 * instruction, each entry adds the counter's advance since then to ctx.host_ticks just before the
 * last nine instructions. Under avsim's icount the counter advances a fixed number of ticks per
 * instruction, so the host's instructions per exit are host_ticks / ticks-per-instruction plus
 * HOST_UNTIMED_INSNS (2 before the first read, 9 after the second).
 */
#include "asm_xregs.h"

#define CTX_PC         248
#define CTX_T_EXIT     264
#define CTX_HOST_TICKS 272

.macro exit_vector kind
    .balign 0x80
    stp     x0, x1, [sp, #-16]!
    mrs     x0, tpidr_el2
    mrs     x1, cntpct_el0
    str     x1, [x0, #CTX_T_EXIT]
    mov     x1, #\kind
    b       guest_exit
.endm

.macro el2_vector index
    .balign 0x80
    b       vectors_el2 + \index * 0x80
.endm

    .section .text.vectors, "ax"
    .balign 0x800
    .global hyp_vectors
hyp_vectors:
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    el2_vector \i
    .endr
    exit_vector 0 /* synchronous */
    exit_vector 1 /* IRQ */
    exit_vector 2 /* FIQ */
    exit_vector 3 /* SError */
    .irp i, 12, 13, 14, 15 /* AArch32 EL1/EL0: never enabled (HCR_EL2.RW = 1) */
    el2_vector \i
    .endr

    .text
    .balign 4
guest_exit:
    save_x0_x30_pushed x0
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    stp     x2, x3, [x0, #CTX_PC]
    mov     x0, x1
    bl      hyp_exit
    /* fall through */

    .global hyp_enter_guest
hyp_enter_guest:
    mrs     x0, tpidr_el2
    ldp     x2, x3, [x0, #CTX_PC]
    msr     elr_el2, x2
    msr     spsr_el2, x3
    load_x4_x30 x0
    mrs     x2, cntpct_el0
    ldr     x3, [x0, #CTX_T_EXIT]
    sub     x2, x2, x3
    ldr     x1, [x0, #CTX_HOST_TICKS]
    add     x1, x1, x2
    str     x1, [x0, #CTX_HOST_TICKS]
    ldp     x2, x3, [x0, #16]
    ldp     x0, x1, [x0]
    eret

/*
 * A physical CPU started by PSCI CPU_ON (vmm_start_vcpu), MMU off, x0 = its number: its own
 * stack, then hyp_secondary_main (vmm.c). With the MMU off its stack writes are Non-cacheable
 * and go to memory; once hyp_cpu_init has turned the MMU on, the same stack is read through the
 * caches, so no line of it may then be in any cache (Arm ARM B2.11: mismatched attributes). The
 * hypervisor does not rely on the platform's CPU_OFF and power-up having emptied this CPU's
 * caches since its last life here: it cleans and invalidates the stack to the Point of Coherency
 * first (DC CIVAC works with the MMU off, by physical address).
 */
#define HYP_STACK_SIZE 0x4000
#define HYP_MAX_CPUS   8

    .global hyp_secondary_entry
hyp_secondary_entry:
    cmp     x0, #HYP_MAX_CPUS
    b.hs    .
    adrp    x1, hyp_stacks
    add     x1, x1, :lo12:hyp_stacks
    mov     x2, #HYP_STACK_SIZE
    madd    x1, x0, x2, x1          /* x1: the stack's base */
    add     x2, x1, x2              /* x2: its top */
    mrs     x3, ctr_el0
    ubfx    x3, x3, #16, #4         /* DminLine: log2 of the line size in words */
    mov     x4, #4
    lsl     x4, x4, x3
1:  dc      civac, x1
    add     x1, x1, x4
    cmp     x1, x2
    b.lo    1b
    dsb     sy
    mov     sp, x2
    bl      hyp_secondary_main
    b       .

    .section .bss.hyp_stacks, "aw", %nobits
    .balign 16
hyp_stacks:
    .space  HYP_STACK_SIZE * HYP_MAX_CPUS
