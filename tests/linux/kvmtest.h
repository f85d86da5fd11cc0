/* Shared by kvmtest.c and its guest (kvmguest.S): the guest's physical layout and the offsets
 * of the MMIO window through which the guest reports to the program. */
#ifndef KVMTEST_H
#define KVMTEST_H

#define MEM_IPA    0x40000000 /* guest RAM: the code, the parameters, the samples */
#define MEM_SIZE   0x80000
#define PARAM_OFF  0x8000     /* round trips per phase, 8 bytes each, in phase order */
#define SAMPLE_OFF 0x10000    /* each phase's first SAMPLES round trips' ticks, 8 bytes each */
#define SAMPLES    4096       /* SAMPLE_OFF + PHASES * SAMPLES * 8 <= MEM_SIZE */
#define MMIO_IPA   0x10000000 /* no memory: every access is an MMIO exit */
#define GICD_IPA   0x08000000
#define GICR_IPA   0x080a0000

/* Phases, in the order they run. The EL1 guest runs USER, MMIO, KERNEL, IRQ; the virtual EL2
 * guest runs USER, MMIO, KERNEL, L2_CALL, L2_MMIO. */
#define PH_USER    0 /* calls forwarded to user space (HVC at EL1, SMC at virtual EL2) */
#define PH_MMIO    1 /* MMIO write + read pairs, answered by user space */
#define PH_KERNEL  2 /* SMCCC_VERSION calls, answered by KVM */
#define PH_IRQ     3 /* virtual timer interrupts through the vGIC (EL1 guest) */
#define PH_L2_CALL 4 /* L2 HVCs handled by the guest hypervisor at virtual EL2 */
#define PH_L2_MMIO 5 /* L2 MMIO writes, answered by user space */
#define PHASES     6

/* MMIO window offsets: R_TICKS + 8 * phase receives the phase's counter ticks. */
#define MMIO_WRITE  0x00 /* PH_MMIO: the loop index */
#define MMIO_READ   0x08 /* PH_MMIO: answered with 3 * index */
#define L2_WRITE    0x10 /* PH_L2_MMIO: the loop index */
#define R_START     0x18 /* the guest started */
#define R_DONE      0x20 /* the guest finished */
#define R_FAIL_INFO 0x28 /* ESR or value behind a failure, written before R_FAIL */
#define R_FAIL      0x30 /* a failure code: the phase + 1, or 0x100 * EL + vector for a bad vector */
#define R_TICKS     0x40
#define MMIO_END    (R_TICKS + 8 * PHASES)

#define USER_FN 0xc2000001 /* an SiP service call ID, forwarded to user space */

#endif
