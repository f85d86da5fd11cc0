/* The guest kvmtest.c runs (copied to MEM_IPA; runs with the MMU off, position independent).
 * Offset 0 is the EL1 entry, offset 4 the virtual EL2 entry. The program sets X20 to the MMIO
 * window, X21 to the parameters (round trips per phase, kvmtest.h) and X24 to the samples. Each
 * phase's loop is timed with CNTVCT_EL0, its ticks written to R_TICKS + 8 * phase, and each of
 * its first SAMPLES round trips' ticks stored in the samples; a failure writes its code to
 * R_FAIL and stops. */
#include "kvmtest.h"

#define ICC_PMR_EL1     S3_0_C4_C6_0
#define ICC_IAR1_EL1    S3_0_C12_C12_0
#define ICC_EOIR1_EL1   S3_0_C12_C12_1
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define SCTLR_EL12      S3_5_C1_C0_0
#define SCTLR_EL1_RES1  0x30d00800 /* bits 29, 28, 23, 22, 20, 11; M, C, I clear */
#define HCR_RW          (1 << 31)
#define HCR_E2H         (1 << 34)

    .section .rodata.kvmguest, "a"
    .balign 4096
    .globl kvm_guest, kvm_guest_end
    .hidden kvm_guest, kvm_guest_end
kvm_guest:
    b el1_entry
    b el2_entry

/* X19 = the phase's round trips, X22 = 0, X25 = its samples, X5 = the counter at the start. */
.macro phase_start ph
    ldr x19, [x21, #8 * \ph]
    mov x22, #0
    add x25, x24, #(\ph * SAMPLES * 8 / 4096), lsl #12
    isb
    mrs x5, cntvct_el0
.endm

/* The counter at the start of an iteration, in X23. */
.macro iter_start
    isb
    mrs x23, cntvct_el0
.endm

/* The iteration's ticks to the samples (the first SAMPLES), next iteration (back to LOOP while
 * X22 < X19), then the phase's ticks to R_TICKS + 8 * PH. */
.macro phase_end ph, loop
    isb
    mrs x6, cntvct_el0
    sub x6, x6, x23
    cmp x22, #SAMPLES
    b.hs 9f
    str x6, [x25, x22, lsl #3]
9:  add x22, x22, #1
    cmp x22, x19
    b.lo \loop
    isb
    mrs x6, cntvct_el0
    sub x6, x6, x5
    str x6, [x20, #R_TICKS + 8 * \ph]
.endm

/* Fails with code PH + 1 (X9 = the value seen) unless X0 == X2. */
.macro expect ph
    mov x9, x0
    mov x8, #\ph + 1
    cmp x0, x2
    b.ne guest_fail
.endm

/* The phases both entries run, CALL being the instruction that reaches the hypervisor. */
.macro common_phases call
    /* Calls forwarded to user space, which answers X0 = X1 + 1. */
    phase_start PH_USER
1:  iter_start
    movz x0, #(USER_FN & 0xffff)
    movk x0, #(USER_FN >> 16), lsl #16
    mov x1, x22
    \call #0
    add x2, x22, #1
    expect PH_USER
    phase_end PH_USER, 1b
    /* MMIO: a write of the index, then a read answered with 3 * index. */
    phase_start PH_MMIO
2:  iter_start
    str x22, [x20, #MMIO_WRITE]
    ldr x0, [x20, #MMIO_READ]
    add x2, x22, x22, lsl #1
    expect PH_MMIO
    phase_end PH_MMIO, 2b
    /* SMCCC_VERSION (0x80000000), answered by KVM: 1.x, never NOT_SUPPORTED. */
    phase_start PH_KERNEL
3:  iter_start
    movz x0, #0x8000, lsl #16
    \call #0
    lsr x2, x0, #16
    mov x9, x0
    mov x8, #PH_KERNEL + 1
    cmp x2, #1
    b.ne guest_fail
    phase_end PH_KERNEL, 3b
.endm

el1_entry:
    str xzr, [x20, #R_START]
    common_phases hvc
    /* The virtual timer's PPI 27 through the vGICv3. Distributor: affinity routing, group 1
     * enabled (KVM's vGIC has a single security state). */
    movz x6, #(GICD_IPA >> 16), lsl #16
    mov w7, #0x12
    str w7, [x6]
    /* CPU 0's redistributor: clear GICR_WAKER.ProcessorSleep, wait for ChildrenAsleep 0. */
    movz x6, #(GICR_IPA >> 16), lsl #16
    ldr w7, [x6, #0x14]
    bic w7, w7, #2
    str w7, [x6, #0x14]
4:  ldr w7, [x6, #0x14]
    tbnz w7, #2, 4b
    /* SGI frame: PPI 27 in group 1 (IGROUPR0), priority 0x80, enabled (ISENABLER0). */
    add x6, x6, #0x10000
    mov w7, #(1 << 27)
    str w7, [x6, #0x80]
    mov w7, #0x80
    strb w7, [x6, #0x400 + 27]
    mov w7, #(1 << 27)
    str w7, [x6, #0x100]
    /* CPU interface: all priorities, group 1 enabled. */
    mov x7, #0xff
    msr ICC_PMR_EL1, x7
    mov x7, #1
    msr ICC_IGRPEN1_EL1, x7
    adr x7, el1_vectors
    msr vbar_el1, x7
    isb
    /* Each round trip: CNTV fires at once (TVAL 0); WFI with IRQs masked returns when the
     * interrupt is pending, which is then taken by unmasking (no lost wake-up). The handler
     * acknowledges, stops the timer, ends the interrupt and sets X9. */
    phase_start PH_IRQ
5:  iter_start
    mov x9, #0
    msr cntv_tval_el0, xzr
    mov x7, #1
    msr cntv_ctl_el0, x7
    isb
6:  wfi
    msr daifclr, #2
    isb
    msr daifset, #2
    cbz x9, 6b
    phase_end PH_IRQ, 5b
    b guest_done

el2_entry:
    str xzr, [x20, #R_START]
    common_phases smc
    /* An L2 guest at EL1: HCR_EL2.RW, E2H kept, TGE and VM clear (no stage 2 of its own), its
     * SCTLR_EL1 with the MMU and caches off; ERET to it with DAIF masked (SPSR 0x3c5, EL1h). */
    adr x7, el2_vectors
    msr vbar_el2, x7
    mrs x7, hcr_el2
    and x7, x7, #HCR_E2H
    orr x7, x7, #HCR_RW
    msr hcr_el2, x7
    movz x7, #(SCTLR_EL1_RES1 >> 16), lsl #16
    movk x7, #(SCTLR_EL1_RES1 & 0xffff)
    msr SCTLR_EL12, x7
    adr x7, l2_entry
    msr elr_el2, x7
    mov x7, #0x3c5
    msr spsr_el2, x7
    isb
    eret

/* L2 at EL1: HVCs the guest hypervisor answers X0 + 1, then MMIO writes that go straight to
 * user space (L1 gives L2 no stage 2), then HVC #1: back to virtual EL2 for good. */
l2_entry:
    phase_start PH_L2_CALL
7:  iter_start
    mov x0, x22
    hvc #0
    add x2, x22, #1
    expect PH_L2_CALL
    phase_end PH_L2_CALL, 7b
    phase_start PH_L2_MMIO
8:  iter_start
    str x22, [x20, #L2_WRITE]
    phase_end PH_L2_MMIO, 8b
    hvc #1

guest_fail:
    str x9, [x20, #R_FAIL_INFO]
    str x8, [x20, #R_FAIL]
    b .
guest_done:
    str xzr, [x20, #R_DONE]
    b .

.macro bad_vector n, el
    .balign 128
    mov x8, #(0x100 * \el + \n)
    mrs x9, esr_el\el
    b guest_fail
.endm

    .balign 2048
el1_vectors:
    .irp n, 0, 1, 2, 3, 4
    bad_vector \n, 1
    .endr
    .balign 128 /* 0x280: IRQ, current EL with SP_ELx */
    mrs x10, ICC_IAR1_EL1
    msr cntv_ctl_el0, xzr
    msr ICC_EOIR1_EL1, x10
    mov x9, x10
    mov x8, #PH_IRQ + 1
    cmp x10, #27
    b.ne guest_fail
    mov x9, #1
    eret
    .irp n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    bad_vector \n, 1
    .endr

    .balign 2048
el2_vectors:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7
    bad_vector \n, 2
    .endr
    .balign 128 /* 0x400: synchronous from a lower EL (L2's HVCs) */
    mrs x9, esr_el2
    lsr x10, x9, #26
    mov x8, #0x208
    cmp x10, #0x16
    b.ne guest_fail
    and x10, x9, #0xffff
    cbnz x10, guest_done
    add x0, x0, #1
    eret
    .irp n, 9, 10, 11, 12, 13, 14, 15
    bad_vector \n, 2
    .endr
kvm_guest_end:
