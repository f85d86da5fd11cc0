/* kvmtest: a small KVM user of /dev/kvm for the Linux tests (tests/linux/kvm.sh), run inside
 * Linux booted at EL2 on avsim. It creates a VM with one vCPU and an in-kernel vGICv3, loads a
 * tiny guest (assembled below) and runs it through:
 *   - calls forwarded to this program (HVC at EL1, SMC at virtual EL2; SMCCC filter action
 *     FWD_TO_USER, KVM_EXIT_HYPERCALL), answered by setting X0;
 *   - MMIO exits (stores and loads to an IPA without memory, KVM_EXIT_MMIO), answered here;
 *   - calls KVM answers itself (SMCCC_VERSION), which never leave the kernel;
 *   - EL1 only: a virtual timer interrupt (PPI 27) through the vGIC, taken from WFI;
 *   - with "el2" (kvm-arm.mode=nested, KVM_ARM_VCPU_HAS_EL2): the same at virtual EL2, then the
 *     guest hypervisor ERETs to an L2 guest at EL1 whose HVCs it handles: a nested round trip.
 * Each round trip's cost is printed in guest time (CNTVCT of the Linux running this program,
 * and of the guest itself). Usage: kvmtest el1|el2 [N]. Prints "kvmtest: PASS ..." and
 * "kvmtest: FAIL ..." lines and exits 0 only when everything passed. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* UAPI additions newer than the cross headers (Linux 6.1): the ABI values of Linux 6.4+. */
#ifndef KVM_ARM_VCPU_HAS_EL2
#define KVM_ARM_VCPU_HAS_EL2 7
#endif
#ifndef KVM_ARM_VM_SMCCC_CTRL
#define KVM_ARM_VM_SMCCC_CTRL        0
#define KVM_ARM_VM_SMCCC_FILTER      0
#define KVM_SMCCC_FILTER_FWD_TO_USER 2
struct kvm_smccc_filter {
    __u32 base;
    __u32 nr_functions;
    __u8 action;
    __u8 pad[15];
};
#endif
#define HYPERCALL_EXIT_SMC 1 /* KVM_HYPERCALL_EXIT_SMC in run->hypercall.flags */

/* Guest physical layout. */
#define MEM_IPA  0x40000000ull
#define MEM_SIZE 0x10000ull
#define MMIO_IPA 0x10000000ull /* no memory: every access is an MMIO exit */
#define GICD_IPA 0x08000000ull
#define GICR_IPA 0x080a0000ull

/* Offsets in the MMIO window the guest writes (reads only at MMIO_READ). */
#define MMIO_WRITE     0x00 /* phase 2: the loop index */
#define MMIO_READ      0x08 /* phase 2: answered with 3 * index */
#define R_KERNEL_CALLS 0x10 /* ticks of N calls KVM answered */
#define R_USER_CALLS   0x18 /* ticks of N calls forwarded to user space */
#define R_MMIO         0x20 /* ticks of N MMIO write + read pairs */
#define R_INTID        0x28 /* the INTID the timer interrupt acknowledged */
#define R_IRQ_TICKS    0x30 /* ticks from enabling the timer to the interrupt */
#define R_DONE         0x38
#define R_FAIL         0x40 /* a failure code; R_FAIL_INFO is written just before */
#define R_L2_CALLS     0x48 /* ticks of N L2 HVCs handled by the guest hypervisor */
#define R_L2_MMIO      0x50 /* phase 7: L2's MMIO writes, the loop index */
#define R_L2_TICKS     0x60 /* ticks of N L2 MMIO writes */
#define R_FAIL_INFO    0x58 /* ESR of an unexpected exception */
#define R_START        0x68 /* the guest started */

#define TIMEOUT_S 30
#define USER_FN   0xc2000001u /* an SiP service call ID, forwarded to user space */

/* The guest: offset 0 is the EL1 entry, offset 4 the virtual EL2 entry. X19 holds N and X20
 * the MMIO window (set by the program). Code runs with the MMU off, position independent. */
#define S(x)  #x
#define XS(x) S(x)
__asm__(".pushsection .rodata.guest, \"a\"\n"
        ".balign 4096\n"
        "guest_blob:\n"
        "  b el1_entry\n"
        "  b el2_entry\n"
        /* Phases 1-3, with CALL the instruction that reaches the hypervisor. */
        ".macro phases call\n"
        /* 1: N calls forwarded to user space, which answers X0 = X1 + 1 */
        "  isb\n  mrs x5, cntvct_el0\n  mov x22, #0\n"
        "1: movz x0, #0x0001\n  movk x0, #0xc200, lsl #16\n  mov x1, x22\n"
        "  \\call #0\n"
        "  add x2, x22, #1\n  cmp x0, x2\n  mov x8, #1\n  b.ne guest_fail\n"
        "  add x22, x22, #1\n  cmp x22, x19\n  b.lo 1b\n"
        "  isb\n  mrs x6, cntvct_el0\n  sub x6, x6, x5\n  str x6, [x20, #" XS(
            R_USER_CALLS) "]\n"
                          /* 2: N MMIO writes of the index, each followed by a read answered 3 *
                             index */
                          "  isb\n  mrs x5, cntvct_el0\n  mov x22, #0\n"
                          "2: str x22, [x20, #" XS(MMIO_WRITE) "]\n  ldr x3, [x20, #" XS(
                              MMIO_READ) "]\n"
                                         "  add x4, x22, x22, lsl #1\n  cmp x3, x4\n  mov x8, #2\n "
                                         " b.ne guest_fail\n"
                                         "  add x22, x22, #1\n  cmp x22, x19\n  b.lo 2b\n"
                                         "  isb\n  mrs x6, cntvct_el0\n  sub x6, x6, x5\n  str x6, "
                                         "[x20, #" XS(R_MMIO) "]\n"
                                                              /* 3: N SMCCC_VERSION calls, answered
                                                                 by KVM without leaving the kernel
                                                               */
                                                              "  isb\n  mrs x5, cntvct_el0\n  mov "
                                                              "x22, #0\n"
                                                              "3: movz x0, #0x8000, lsl #16\n  "
                                                              "\\call #0\n  mov x8, #3\n  tbnz x0, "
                                                              "#31, guest_fail\n"
                                                              "  add x22, x22, #1\n  cmp x22, "
                                                              "x19\n  b.lo 3b\n"
                                                              "  isb\n  mrs x6, cntvct_el0\n  sub "
                                                              "x6, x6, x5\n  str x6, [x20, #" XS(
                                                                  R_KERNEL_CALLS) "]\n"
                                                                                  ".endm\n"

                                                                                  "el1_entry:\n"
                                                                                  "  str xzr, "
                                                                                  "[x20, #" XS(R_START) "]\n"
                                                                                                        "  phases hvc\n"
                                                                                                        /* 4: the virtual timer's PPI 27 through the vGICv3. Distributor: affinity routing,
                                                                                                         * group 1 enabled (KVM's vGIC has a single security state). */
                                                                                                        "  movz x6, #0x0800, lsl #16\n  mov w7, #0x12\n  str w7, [x6]\n"
                                                                                                        /* Redistributor of CPU 0: clear GICR_WAKER.ProcessorSleep, wait for ChildrenAsleep 0 */
                                                                                                        "  movz x6, #0x080a, lsl #16\n  ldr w7, [x6, #0x14]\n  bic w7, w7, #2\n  str w7, [x6, #0x14]\n"
                                                                                                        "4: ldr w7, [x6, #0x14]\n  tbnz w7, #2, 4b\n"
                                                                                                        /* SGI frame: PPI 27 in group 1, priority 0x80, enabled */
                                                                                                        "  add x6, x6, #0x10000\n  mov w7, #(1 << 27)\n  str w7, [x6, #0x80]\n"
                                                                                                        "  mov w7, #0x80\n  strb w7, [x6, #(0x400 + 27)]\n"
                                                                                                        "  mov w7, #(1 << 27)\n  str w7, [x6, #0x100]\n"
                                                                                                        /* CPU interface: ICC_PMR_EL1 = 0xff, ICC_IGRPEN1_EL1 = 1 */
                                                                                                        "  mov x7, #0xff\n  msr S3_0_C4_C6_0, x7\n  mov x7, #1\n  msr S3_0_C12_C12_7, x7\n"
                                                                                                        "  adr x7, el1_vectors\n  msr vbar_el1, x7\n  isb\n"
                                                                                                        /* CNTV fires in 100 us; wait for it in WFI with IRQs unmasked */
                                                                                                        "  mrs x7, cntfrq_el0\n  mov x8, #10000\n  udiv x7, x7, x8\n  mov x9, #0\n"
                                                                                                        "  msr cntv_tval_el0, x7\n  mov x7, #1\n  msr cntv_ctl_el0, x7\n"
                                                                                                        "  isb\n  mrs x5, cntvct_el0\n  msr daifclr, #2\n"
                                                                                                        "5: wfi\n  cbz x9, 5b\n  msr daifset, #2\n"
                                                                                                        "  str x10, [x20, #" XS(R_INTID) "]\n  sub x11, x11, x5\n  str x11, [x20, #" XS(R_IRQ_TICKS) "]\n"
                                                                                                                                                                                                     "  b guest_done\n"

                                                                                                                                                                                                     "el2_entry:\n"
                                                                                                                                                                                                     "  str xzr, [x20, #" XS(R_START) "]\n"
                                                                                                                                                                                                                                      "  phases smc\n"
                                                                                                                                                                                                                                      /* 6: run an L2 guest at EL1: HCR_EL2.RW, E2H kept, TGE and VM clear (no stage 2) */
                                                                                                                                                                                                                                      "  adr x7, el2_vectors\n  msr vbar_el2, x7\n"
                                                                                                                                                                                                                                      "  mrs x7, hcr_el2\n  and x7, x7, #(1 << 34)\n  orr x7, x7, #(1 << 31)\n  msr hcr_el2, x7\n"
                                                                                                                                                                                                                                      "  adr x7, l2_entry\n  msr elr_el2, x7\n  mov x7, #0x3c5\n  msr spsr_el2, x7\n"
                                                                                                                                                                                                                                      "  isb\n  eret\n"
                                                                                                                                                                                                                                      /* L2 at EL1: N HVCs the guest hypervisor answers X0 + 1, then N MMIO writes that go
                                                                                                                                                                                                                                       * straight to user space (no stage 2 in L1), then HVC #1: back to EL2 for good. */
                                                                                                                                                                                                                                      "l2_entry:\n"
                                                                                                                                                                                                                                      "  isb\n  mrs x5, cntvct_el0\n  mov x22, #0\n"
                                                                                                                                                                                                                                      "6: mov x0, x22\n  hvc #0\n"
                                                                                                                                                                                                                                      "  add x2, x22, #1\n  cmp x0, x2\n  mov x8, #6\n  b.ne guest_fail\n"
                                                                                                                                                                                                                                      "  add x22, x22, #1\n  cmp x22, x19\n  b.lo 6b\n"
                                                                                                                                                                                                                                      "  isb\n  mrs x6, cntvct_el0\n  sub x6, x6, x5\n  str x6, [x20, #" XS(
                                                                                                                                                                                                                                          R_L2_CALLS) "]\n"
                                                                                                                                                                                                                                                      "  isb\n  mrs x5, cntvct_el0\n  mov x22, #0\n"
                                                                                                                                                                                                                                                      "7: str x22, [x20, #" XS(R_L2_MMIO) "]\n"
                                                                                                                                                                                                                                                                                          "  add x22, x22, #1\n  cmp x22, x19\n  b.lo 7b\n"
                                                                                                                                                                                                                                                                                          "  isb\n  mrs x6, cntvct_el0\n  sub x6, x6, x5\n  str x6, [x20, #" XS(
                                                                                                                                                                                                                                                                                              R_L2_TICKS) "]\n"
                                                                                                                                                                                                                                                                                                          "  hvc #1\n"

                                                                                                                                                                                                                                                                                                          "guest_fail:\n"
                                                                                                                                                                                                                                                                                                          "  str x9, [x20, #" XS(R_FAIL_INFO) "]\n  str x8, [x20, #" XS(R_FAIL) "]\n  b .\n"
                                                                                                                                                                                                                                                                                                                                                                                "guest_done:\n"
                                                                                                                                                                                                                                                                                                                                                                                "  str xzr, [x20, #" XS(
                                                                                                                                                                                                                                                                                                                                                                                    R_DONE) "]\n  b .\n"

                                                                                                                                                                                                                                                                                                                                                                                            /* EL1 vectors: 0x280 (IRQ, current EL with SP_ELx) acknowledges, stops the timer,
                                                                                                                                                                                                                                                                                                                                                                                             * ends the interrupt and flags it in X9 with its INTID in X10 and time in X11. */
                                                                                                                                                                                                                                                                                                                                                                                            ".macro bad_vector n, el\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .balign 128\n  mov x8, #(0x100 * \\el + \\n)\n  mrs x9, esr_el\\el\n  b guest_fail\n"
                                                                                                                                                                                                                                                                                                                                                                                            ".endm\n"
                                                                                                                                                                                                                                                                                                                                                                                            ".balign 2048\n"
                                                                                                                                                                                                                                                                                                                                                                                            "el1_vectors:\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .irp n, 0, 1, 2, 3, 4\n  bad_vector \\n, 1\n  .endr\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .balign 128\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  mrs x10, S3_0_C12_C12_0\n" /* ICC_IAR1_EL1 */
                                                                                                                                                                                                                                                                                                                                                                                            "  mrs x11, cntvct_el0\n  msr cntv_ctl_el0, xzr\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  msr S3_0_C12_C12_1, x10\n" /* ICC_EOIR1_EL1 */
                                                                                                                                                                                                                                                                                                                                                                                            "  mov x9, #1\n  eret\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .irp n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n  bad_vector \\n, 1\n  .endr\n"
                                                                                                                                                                                                                                                                                                                                                                                            /* EL2 vectors: 0x400 (synchronous from a lower EL, AArch64) handles L2's HVCs */
                                                                                                                                                                                                                                                                                                                                                                                            ".balign 2048\n"
                                                                                                                                                                                                                                                                                                                                                                                            "el2_vectors:\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .irp n, 0, 1, 2, 3, 4, 5, 6, 7\n  bad_vector \\n, 2\n  .endr\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .balign 128\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  mrs x9, esr_el2\n  lsr x10, x9, #26\n  cmp x10, #0x16\n  mov x8, #0x208\n  b.ne guest_fail\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  and x10, x9, #0xffff\n  cbnz x10, guest_done\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  add x0, x0, #1\n  eret\n"
                                                                                                                                                                                                                                                                                                                                                                                            "  .irp n, 9, 10, 11, 12, 13, 14, 15\n  bad_vector \\n, 2\n  .endr\n"
                                                                                                                                                                                                                                                                                                                                                                                            "guest_blob_end:\n"
                                                                                                                                                                                                                                                                                                                                                                                            ".popsection\n");
extern const uint8_t guest_blob[], guest_blob_end[];

static int failures;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

static void fail(const char *fmt, const char *what, long v)
{
    printf("kvmtest: FAIL ");
    printf(fmt, what, v);
    printf("\n");
    failures++;
}

static void die(const char *what)
{
    printf("kvmtest: FAIL %s: %s\n", what, strerror(errno));
    exit(1);
}

static uint64_t counter(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
    return v;
}

static uint64_t freq(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

static uint64_t core_reg_id(size_t offset)
{
    return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | (offset / sizeof(__u32));
}

static void set_reg(int vcpu, uint64_t id, uint64_t value)
{
    struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&value};
    if (ioctl(vcpu, KVM_SET_ONE_REG, &r) < 0) die("KVM_SET_ONE_REG");
}

static uint64_t get_reg(int vcpu, uint64_t id)
{
    uint64_t value;
    struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&value};
    if (ioctl(vcpu, KVM_GET_ONE_REG, &r) < 0) die("KVM_GET_ONE_REG");
    return value;
}

#define XREG(n) core_reg_id(offsetof(struct kvm_regs, regs.regs[n]))

static void set_attr(int fd, uint32_t group, uint64_t attr, const void *addr, const char *what)
{
    struct kvm_device_attr a = {.group = group, .attr = attr, .addr = (uintptr_t)addr};
    if (ioctl(fd, KVM_SET_DEVICE_ATTR, &a) < 0) die(what);
}

/* Per-exit microseconds from TICKS of the counter over COUNT round trips. */
static double per(uint64_t ticks, uint64_t count)
{
    return count ? (double)ticks * 1e6 / (double)freq() / (double)count : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (strcmp(argv[1], "el1") && strcmp(argv[1], "el2"))) {
        fprintf(stderr, "usage: kvmtest el1|el2 [N]\n");
        return 1;
    }
    int el2 = !strcmp(argv[1], "el2");
    long n = argc == 3 ? strtol(argv[2], NULL, 0) : 1000;
    if (n < 2 || n > 1000000) {
        fprintf(stderr, "kvmtest: N must be 2 to 1000000\n");
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* A guest that stops making exits is reported, not waited for: the alarm interrupts KVM_RUN. */
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, NULL);
    alarm(TIMEOUT_S);
    const char *m = el2 ? "el2" : "el1";

    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0) die("open /dev/kvm");
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0) die("KVM_CREATE_VM");

    uint8_t *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) die("mmap");
    memcpy(mem, guest_blob, (size_t)(guest_blob_end - guest_blob));
    struct kvm_userspace_memory_region slot = {.slot = 0,
                                               .guest_phys_addr = MEM_IPA,
                                               .memory_size = MEM_SIZE,
                                               .userspace_addr = (uintptr_t)mem};
    if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &slot) < 0) die("KVM_SET_USER_MEMORY_REGION");

    /* Forward USER_FN to this program; must precede the first KVM_RUN. */
    struct kvm_smccc_filter filter = {
        .base = USER_FN, .nr_functions = 1, .action = KVM_SMCCC_FILTER_FWD_TO_USER};
    set_attr(vm, KVM_ARM_VM_SMCCC_CTRL, KVM_ARM_VM_SMCCC_FILTER, &filter,
             "KVM_ARM_VM_SMCCC_FILTER");

    int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
    if (vcpu < 0) die("KVM_CREATE_VCPU");
    struct kvm_vcpu_init init;
    if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) < 0) die("KVM_ARM_PREFERRED_TARGET");
    if (el2) init.features[0] |= 1u << KVM_ARM_VCPU_HAS_EL2;
    if (ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) < 0)
        die(el2 ? "KVM_ARM_VCPU_INIT with KVM_ARM_VCPU_HAS_EL2" : "KVM_ARM_VCPU_INIT");
    long run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (run_size < (long)sizeof(struct kvm_run)) die("KVM_GET_VCPU_MMAP_SIZE");
    struct kvm_run *run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    if (run == MAP_FAILED) die("mmap kvm_run");

    /* In-kernel vGICv3: distributor and CPU 0's redistributor, initialised after the vCPU. */
    struct kvm_create_device gic = {.type = KVM_DEV_TYPE_ARM_VGIC_V3};
    if (ioctl(vm, KVM_CREATE_DEVICE, &gic) < 0) die("KVM_CREATE_DEVICE vGICv3");
    uint64_t gicd = GICD_IPA, gicr = GICR_IPA;
    set_attr(gic.fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST, &gicd,
             "vGIC distributor address");
    set_attr(gic.fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST, &gicr,
             "vGIC redistributor address");
    set_attr(gic.fd, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL, "vGIC init");

    set_reg(vcpu, core_reg_id(offsetof(struct kvm_regs, regs.pc)), MEM_IPA + (el2 ? 4 : 0));
    set_reg(vcpu, XREG(19), (uint64_t)n);
    set_reg(vcpu, XREG(20), MMIO_IPA);
    printf("kvmtest: %s: VM, vCPU%s and vGICv3 created, guest at IPA %#llx\n", m,
           el2 ? " with KVM_ARM_VCPU_HAS_EL2" : "", MEM_IPA);

    uint64_t calls = 0, mmio_w = 0, mmio_r = 0, l2_mmio = 0, exits = 0;
    uint64_t t_calls[2] = {0, 0}, t_mmio[2] = {0, 0}, t_l2[2] = {0, 0};
    uint64_t g[0x70 / 8] = {0};
    int done = 0;
    while (!done) {
        if (ioctl(vcpu, KVM_RUN, 0) < 0) {
            if (errno == EINTR && timed_out) {
                printf("kvmtest: FAIL %s: no exit for %d s: %llu exits (%llu calls, %llu MMIO "
                       "writes, %llu reads), "
                       "PC %#llx, ELR_EL1 %#llx, ESR_EL1 %#llx\n",
                       m, TIMEOUT_S, (unsigned long long)exits, (unsigned long long)calls,
                       (unsigned long long)mmio_w, (unsigned long long)mmio_r,
                       (unsigned long long)get_reg(vcpu,
                                                   core_reg_id(offsetof(struct kvm_regs, regs.pc))),
                       (unsigned long long)get_reg(vcpu,
                                                   core_reg_id(offsetof(struct kvm_regs, elr_el1))),
                       (unsigned long long)get_reg(vcpu, ARM64_SYS_REG(3, 0, 5, 2, 0)));
                return 1;
            }
            if (errno == EINTR) continue;
            die("KVM_RUN");
        }
        exits++;
        uint64_t now = counter();
        switch (run->exit_reason) {
        case KVM_EXIT_HYPERCALL: {
            uint64_t flags = run->hypercall.longmode; /* "flags" since Linux 6.4 */
            if (run->hypercall.nr != USER_FN || !(flags & HYPERCALL_EXIT_SMC) != !el2) {
                fail("%s: unexpected hypercall %#lx", m, (long)run->hypercall.nr);
                done = 1;
                break;
            }
            uint64_t x1 = get_reg(vcpu, XREG(1));
            set_reg(vcpu, XREG(0), x1 + 1);
            if (calls == 0) t_calls[0] = now;
            t_calls[1] = now;
            calls++;
            break;
        }
        case KVM_EXIT_MMIO: {
            uint64_t off = run->mmio.phys_addr - MMIO_IPA, v = 0;
            if (run->mmio.phys_addr < MMIO_IPA || off >= sizeof g || run->mmio.len != 8) {
                fail("%s: MMIO access at %#lx", m, (long)run->mmio.phys_addr);
                done = 1;
                break;
            }
            if (!run->mmio.is_write) {
                if (off != MMIO_READ) fail("%s: MMIO read at offset %#lx", m, (long)off);
                v = 3 * mmio_r++;
                memcpy(run->mmio.data, &v, 8);
                t_mmio[1] = now;
                break;
            }
            memcpy(&v, run->mmio.data, 8);
            g[off / 8] = v;
            if (off == MMIO_WRITE) {
                if (v != mmio_w) fail("%s: MMIO write %ld out of order", m, (long)v);
                if (mmio_w++ == 0) t_mmio[0] = now;
            } else if (off == R_L2_MMIO) {
                if (v != l2_mmio) fail("%s: L2 MMIO write %ld out of order", m, (long)v);
                if (l2_mmio++ == 0) t_l2[0] = now;
                t_l2[1] = now;
            } else if (off == R_START) {
                printf("kvmtest: %s: the guest started\n", m);
            } else if (off == R_DONE || off == R_FAIL) {
                done = 1;
            }
            break;
        }
        default:
            printf(
                "kvmtest: FAIL %s: exit reason %u after %llu exits, PC %#llx\n", m,
                run->exit_reason, (unsigned long long)exits,
                (unsigned long long)get_reg(vcpu, core_reg_id(offsetof(struct kvm_regs, regs.pc))));
            return 1;
        }
    }
    if (g[R_FAIL / 8])
        printf("kvmtest: FAIL %s: guest failure code %#llx (ESR %#llx)\n", m,
               (unsigned long long)g[R_FAIL / 8], (unsigned long long)g[R_FAIL_INFO / 8]);
    if (g[R_FAIL / 8] || failures) return 1;

    uint64_t f = freq();
    printf("kvmtest: %s: counter %llu Hz, N = %ld, %llu exits to user space\n", m,
           (unsigned long long)f, n, (unsigned long long)exits);
    if (calls == (uint64_t)n)
        printf(
            "kvmtest: PASS %s %s to user space: %.2f us per round trip (Linux), %.2f us (guest)\n",
            m, el2 ? "SMC" : "HVC", per(t_calls[1] - t_calls[0], calls - 1),
            per(g[R_USER_CALLS / 8], calls));
    else
        fail("%s: %ld calls reached user space", m, (long)calls);
    if (mmio_w == (uint64_t)n && mmio_r == (uint64_t)n)
        printf("kvmtest: PASS %s MMIO write+read: %.2f us per exit (Linux), %.2f us (guest)\n", m,
               per(t_mmio[1] - t_mmio[0], 2 * n - 1), per(g[R_MMIO / 8], 2 * n));
    else
        fail("%s: %ld MMIO writes", m, (long)mmio_w);
    printf("kvmtest: PASS %s %s answered in the kernel (SMCCC_VERSION): %.2f us per round trip "
           "(guest)\n",
           m, el2 ? "SMC" : "HVC", per(g[R_KERNEL_CALLS / 8], n));
    if (!el2) {
        if (g[R_INTID / 8] == 27)
            printf("kvmtest: PASS el1 virtual timer interrupt: INTID 27 taken from WFI %.1f us "
                   "after a 100 us "
                   "TVAL\n",
                   per(g[R_IRQ_TICKS / 8], 1));
        else
            fail("%s: timer interrupt acknowledged INTID %ld", m, (long)g[R_INTID / 8]);
    } else {
        printf("kvmtest: PASS el2 nested: L2 HVC handled by the guest hypervisor at vEL2: %.2f us "
               "per round "
               "trip (guest)\n",
               per(g[R_L2_CALLS / 8], n));
        if (l2_mmio == (uint64_t)n)
            printf("kvmtest: PASS el2 nested: L2 MMIO write to user space: %.2f us per exit "
                   "(Linux), %.2f us "
                   "(guest)\n",
                   per(t_l2[1] - t_l2[0], l2_mmio - 1), per(g[R_L2_TICKS / 8], n));
        else
            fail("%s: %ld L2 MMIO writes", m, (long)l2_mmio);
    }
    printf("kvmtest: %s: %d failed\n", m, failures);
    return failures ? 1 : 0;
}
