/* kvmtest: a small KVM user of /dev/kvm for the Linux tests (tests/linux/init runs it with
 * avsim.test=kvm), inside Linux booted at EL2. It creates a VM with one vCPU and an in-kernel
 * vGICv3, copies the guest of kvmguest.S into a memslot and runs it through these phases:
 *   user    calls forwarded to this program (SMCCC filter action FWD_TO_USER,
 *           KVM_EXIT_HYPERCALL): HVC from EL1, SMC from virtual EL2; answered by setting X0
 *   mmio    MMIO write + read pairs (KVM_EXIT_MMIO), answered here
 *   kernel  SMCCC_VERSION calls that KVM answers without leaving the kernel
 *   irq     (el1) virtual timer interrupts (PPI 27) through the vGIC, each taken from WFI
 *   l2call  (el2: KVM_ARM_VCPU_HAS_EL2, kvm-arm.mode=nested) the guest hypervisor at virtual
 *           EL2 runs an L2 guest at EL1 whose HVCs it answers: nested round trips
 *   l2mmio  (el2) MMIO writes from L2, answered here
 * The guest times each phase with its own CNTVCT_EL0, and each of its first SAMPLES round trips;
 * the program prints the mean (whole phase), median, minimum and maximum ticks per round trip (per
 * exit for mmio: half a write + read pair) with the mean in ns, and a summary line of the medians
 * ("ticks per round trip") for scripts.
 * Usage: kvmtest el1|el2 [N [PHASE]]: N round trips per phase (default 1000), 2N for PHASE (to
 * measure one phase's share of whole-machine counters by difference). Exits 0 only when every
 * phase passed; prints "kvmtest: FAIL ..." lines otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvmtest.h"

/* UAPI additions newer than the cross compiler's headers (Linux 6.1): values of Linux 6.4+. */
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

#define TIMEOUT_S 60

/* The guest's code (kvmguest.S). Hidden: addressed PC-relative, not through the GOT. */
extern const uint8_t kvm_guest[] __attribute__((visibility("hidden")));
extern const uint8_t kvm_guest_end[] __attribute__((visibility("hidden")));

static const char *const phase_name[PHASES] = {"user", "mmio", "kernel", "irq", "l2call", "l2mmio"};
static const char *const phase_what[PHASES] = {
    "%s to user space",
    "MMIO exits to user space (write, read)",
    "%s answered by KVM",
    "virtual timer interrupts (INTID 27, from WFI)",
    "nested: L2 HVCs answered by the guest hypervisor at virtual EL2",
    "nested: L2 MMIO writes to user space"};

static volatile sig_atomic_t timed_out;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

static void die(const char *what)
{
    printf("kvmtest: FAIL %s: %s\n", what, strerror(errno));
    exit(1);
}

static uint64_t counter_freq(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

#define CORE_REG(field)                                                                            \
    (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |                                         \
     (offsetof(struct kvm_regs, field) / sizeof(__u32)))
#define XREG(n) CORE_REG(regs.regs[n])
#define PC_REG  CORE_REG(regs.pc)
#define ESR_EL1 ARM64_SYS_REG(3, 0, 5, 2, 0)
#define ELR_EL1 CORE_REG(elr_el1)
#define ESR_EL2 ARM64_SYS_REG(3, 4, 5, 2, 0)
#define ELR_EL2 ARM64_SYS_REG(3, 4, 4, 0, 1)

static void set_reg(int vcpu, uint64_t id, uint64_t value)
{
    struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&value};
    if (ioctl(vcpu, KVM_SET_ONE_REG, &r) < 0) die("KVM_SET_ONE_REG");
}

/* A register's value, or ~0 when KVM does not give it (an EL2 register of an EL1 vCPU). */
static unsigned long long get_reg(int vcpu, uint64_t id)
{
    uint64_t value;
    struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&value};
    return ioctl(vcpu, KVM_GET_ONE_REG, &r) < 0 ? ~0ull : value;
}

static void set_attr(int fd, uint32_t group, uint64_t attr, const void *addr, const char *what)
{
    struct kvm_device_attr a = {.group = group, .attr = attr, .addr = (uintptr_t)addr};
    if (ioctl(fd, KVM_SET_DEVICE_ATTR, &a) < 0) die(what);
}

/* Where the guest is, for a failure report. */
static void report_state(int vcpu, int el2)
{
    printf("kvmtest: guest PC %#llx, ESR_EL1 %#llx, ELR_EL1 %#llx", get_reg(vcpu, PC_REG),
           get_reg(vcpu, ESR_EL1), get_reg(vcpu, ELR_EL1));
    if (el2)
        printf(", ESR_EL2 %#llx, ELR_EL2 %#llx", get_reg(vcpu, ESR_EL2), get_reg(vcpu, ELR_EL2));
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4 || (strcmp(argv[1], "el1") && strcmp(argv[1], "el2"))) {
        fprintf(stderr, "usage: kvmtest el1|el2 [N [PHASE]]\n");
        return 1;
    }
    const int el2 = !strcmp(argv[1], "el2");
    const char *m = argv[1];
    char *end;
    long n = argc >= 3 ? strtol(argv[2], &end, 0) : 1000;
    if (argc >= 3 && (*end || n < 2 || n > 1000000)) {
        fprintf(stderr, "kvmtest: N must be 2 to 1000000\n");
        return 1;
    }
    const int used[PHASES] = {1, 1, 1, !el2, el2, el2};
    uint64_t count[PHASES];
    int doubled = -1;
    for (int p = 0; p < PHASES; p++) {
        count[p] = (uint64_t)n;
        if (argc == 4 && !strcmp(argv[3], phase_name[p]) && used[p]) doubled = p;
    }
    if (argc == 4 && doubled < 0) {
        fprintf(stderr, "kvmtest: no phase %s in %s\n", argv[3], m);
        return 1;
    }
    if (doubled >= 0) count[doubled] *= 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* A guest that stops making exits is reported, not waited for: the alarm interrupts KVM_RUN. */
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, NULL);
    alarm(TIMEOUT_S);

    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0) die("open /dev/kvm");
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0) die("KVM_CREATE_VM");

    size_t size = (size_t)(kvm_guest_end - kvm_guest);
    if (size == 0 || size > PARAM_OFF) {
        printf("kvmtest: FAIL the guest code is %zu bytes (1 to %d)\n", size, PARAM_OFF);
        return 1;
    }
    uint8_t *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) die("mmap");
    memcpy(mem, kvm_guest, size);
    memcpy(mem + PARAM_OFF, count, sizeof count);
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

    set_reg(vcpu, PC_REG, MEM_IPA + (el2 ? 4 : 0));
    set_reg(vcpu, XREG(20), MMIO_IPA);
    set_reg(vcpu, XREG(21), MEM_IPA + PARAM_OFF);
    set_reg(vcpu, XREG(24), MEM_IPA + SAMPLE_OFF);
    printf("kvmtest: %s: VM, vCPU%s and vGICv3 created, N = %ld%s%s\n", m,
           el2 ? " with KVM_ARM_VCPU_HAS_EL2" : "", n, doubled >= 0 ? ", 2N for " : "",
           doubled >= 0 ? phase_name[doubled] : "");

    uint64_t calls = 0, mmio_w = 0, mmio_r = 0, l2_mmio = 0, exits = 0;
    uint64_t g[MMIO_END / 8] = {0};
    int started = 0, done = 0, failures = 0;
    while (!done) {
        if (ioctl(vcpu, KVM_RUN, 0) < 0) {
            if (errno != EINTR) die("KVM_RUN");
            if (!timed_out) continue;
            printf("kvmtest: FAIL %s: no end after %d s: %llu exits (%llu calls, %llu MMIO "
                   "writes, %llu reads, %llu L2 writes)\n",
                   m, TIMEOUT_S, (unsigned long long)exits, (unsigned long long)calls,
                   (unsigned long long)mmio_w, (unsigned long long)mmio_r,
                   (unsigned long long)l2_mmio);
            report_state(vcpu, el2);
            return 1;
        }
        exits++;
        if (run->exit_reason == KVM_EXIT_HYPERCALL) {
            /* "flags" (the SMC bit) is the former "longmode" field since Linux 6.4. */
            int smc = (run->hypercall.longmode & HYPERCALL_EXIT_SMC) != 0;
            if (run->hypercall.nr != USER_FN || smc != el2) {
                printf("kvmtest: FAIL %s: unexpected %s %#llx\n", m, smc ? "SMC" : "HVC",
                       (unsigned long long)run->hypercall.nr);
                failures++;
                break;
            }
            set_reg(vcpu, XREG(0), get_reg(vcpu, XREG(1)) + 1);
            calls++;
        } else if (run->exit_reason == KVM_EXIT_MMIO) {
            uint64_t off = run->mmio.phys_addr - MMIO_IPA, v = 0;
            if (run->mmio.phys_addr < MMIO_IPA || off >= MMIO_END || run->mmio.len != 8 ||
                (!run->mmio.is_write && off != MMIO_READ)) {
                printf("kvmtest: FAIL %s: MMIO %s of %u bytes at %#llx\n", m,
                       run->mmio.is_write ? "write" : "read", run->mmio.len,
                       (unsigned long long)run->mmio.phys_addr);
                failures++;
                break;
            }
            if (!run->mmio.is_write) {
                v = 3 * mmio_r++;
                memcpy(run->mmio.data, &v, 8);
                continue;
            }
            memcpy(&v, run->mmio.data, 8);
            g[off / 8] = v;
            if (off == MMIO_WRITE && v != mmio_w++) {
                printf("kvmtest: FAIL %s: MMIO write %llu out of order\n", m,
                       (unsigned long long)v);
                failures++;
            } else if (off == L2_WRITE && v != l2_mmio++) {
                printf("kvmtest: FAIL %s: L2 MMIO write %llu out of order\n", m,
                       (unsigned long long)v);
                failures++;
            } else if (off == R_START) {
                started = 1;
            } else if (off == R_DONE || off == R_FAIL) {
                done = 1;
            }
        } else {
            printf("kvmtest: FAIL %s: exit reason %u after %llu exits\n", m, run->exit_reason,
                   (unsigned long long)exits);
            report_state(vcpu, el2);
            return 1;
        }
    }
    if (!started) printf("kvmtest: FAIL %s: the guest did not start\n", m), failures++;
    if (g[R_FAIL / 8]) {
        printf("kvmtest: FAIL %s: guest failure code %#llx (value or ESR %#llx)\n", m,
               (unsigned long long)g[R_FAIL / 8], (unsigned long long)g[R_FAIL_INFO / 8]);
        report_state(vcpu, el2);
        return 1;
    }
    if (failures || !done) return 1;

    const uint64_t seen[PHASES] = {calls,         mmio_w + mmio_r,   count[PH_KERNEL],
                                   count[PH_IRQ], count[PH_L2_CALL], l2_mmio};
    const uint64_t f = counter_freq();
    printf("kvmtest: %s: counter %llu Hz, %llu exits to user space\n", m, (unsigned long long)f,
           (unsigned long long)exits);
    char summary[256];
    int len = snprintf(summary, sizeof summary, "kvmtest: %s ticks per round trip:", m);
    for (int p = 0; p < PHASES; p++) {
        if (!used[p]) continue;
        /* An MMIO pair is two exits; the others one round trip per iteration. */
        uint64_t trips = p == PH_MMIO ? 2 * count[p] : count[p];
        char what[96];
        snprintf(what, sizeof what, phase_what[p], el2 ? "SMC" : "HVC");
        if (seen[p] != trips) {
            printf("kvmtest: FAIL %s %s: %llu of %llu reached user space\n", m, what,
                   (unsigned long long)seen[p], (unsigned long long)trips);
            failures++;
            continue;
        }
        /* The samples are per iteration: an MMIO iteration is two exits. */
        uint64_t *t = (uint64_t *)(mem + SAMPLE_OFF) + (size_t)p * SAMPLES;
        size_t k = count[p] < SAMPLES ? (size_t)count[p] : SAMPLES;
        qsort(t, k, sizeof *t, cmp_u64);
        double div = p == PH_MMIO ? 2 : 1;
        double mean = (double)g[R_TICKS / 8 + p] / (double)trips, median = (double)t[k / 2] / div;
        printf("kvmtest: PASS %s %s: %llu, ticks per round trip: mean %.1f (%.0f ns), median %.1f, "
               "min %.1f, max %.1f\n",
               m, what, (unsigned long long)trips, mean, mean * 1e9 / (double)f, median,
               (double)t[0] / div, (double)t[k - 1] / div);
        len += snprintf(summary + len, sizeof summary - (size_t)len, " %s=%.1f", phase_name[p],
                        median);
    }
    printf("%s\n", summary);
    printf("kvmtest: %s: %d failed\n", m, failures);
    return failures ? 1 : 0;
}
