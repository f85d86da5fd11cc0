/*
 * Boot and hypercalls under the hypervisor (CTest hyp.boot, compared with QEMU): the guest starts
 * at EL1 with what the VMM passed, reaches the hypervisor with HVC and with a trapped SMC (PSCI,
 * SMCCC and the HYP_CALL_* calls), talks to the trapped-MMIO console (its output is this text,
 * its syndrome decoding is checked with every access size, sign extension and a register-32
 * load), gets an External abort for MMIO the hypervisor cannot decode and for an IPA with
 * nothing behind it, an UNDEFINED exception for the physical timer the hypervisor does not offer,
 * and uses its RAM, which stage 2 maps page by page on first touch.
 */
#include "rt.h"

#define UART      0x09000000ul
#define UART_FR   0x18
#define NOWHERE   0x20000000ul /* an IPA with neither RAM nor a device */
#define RAM_BASE  0x40000000ul
#define RAM_SIZE  (32ul << 20) /* the hypervisor's default mem= */
#define SMCCC_VER 0x80000000u

static uint64_t smc0(uint64_t fid)
{
    register uint64_t x0 __asm__("x0") = fid;
    __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    return x0;
}

static uint64_t hvc_imm1(uint64_t fid)
{
    register uint64_t x0 __asm__("x0") = fid;
    __asm__ volatile("hvc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    return x0;
}

static void check_hypercalls(void)
{
    CHECK_EQ(hvc_call(HYP_CALL_ADD, 40, 2, 0), 42);
    CHECK_EQ(hvc_call(HYP_CALL_ADD, ~0ull, 2, 0), 1);
    CHECK_EQ(hvc_call(HYP_CALL_BOOTS, 0, 0, 0), 0);
    CHECK_EQ(psci_call(PSCI_VERSION, 0, 0, 0), 0x10001);
    CHECK_EQ(hvc_call(SMCCC_VER, 0, 0, 0), 0x10001);
    CHECK_EQ(psci_call(PSCI_FEATURES, PSCI_SYSTEM_RESET, 0, 0), 0);
    CHECK_EQ(psci_call(PSCI_FEATURES, PSCI_CPU_ON, 0, 0), 0);
    CHECK_EQ(psci_call(PSCI_FEATURES, 0x8400000bu, 0, 0), (uint64_t)-1); /* not implemented */
    CHECK_EQ(psci_call(0x84000006u, 0, 0, 0), 2); /* MIGRATE_INFO_TYPE: no migration needed */
    CHECK_EQ(hvc_call(0xc6001234u, 0, 0, 0), (uint64_t)-1); /* unknown: SMCCC NOT_SUPPORTED */
    CHECK_EQ(hvc_imm1(PSCI_VERSION), (uint64_t)-1);         /* SMCCC uses HVC #0 only */
    CHECK_EQ(smc0(PSCI_VERSION), 0x10001);                  /* trapped by HCR_EL2.TSC */
    CHECK_EQ(psci_call(PSCI_AFFINITY_INFO, 0, 0, 0), 0);    /* this CPU: ON */
    CHECK_EQ(psci_call(PSCI_AFFINITY_INFO, 1, 0, 0), (uint64_t)-2);   /* no such vCPU */
    CHECK_EQ(psci_call(PSCI_CPU_ON, 0, 0x40100000, 0), (uint64_t)-4); /* ALREADY_ON */
}

static void check_mmio(void)
{
    struct exc_frame f;
    uint64_t v;

    /* Reads of every size; sign extension (LDRSB/LDRSH/LDRSW) of FR = 0x90. */
    CHECK_EQ(*(volatile uint8_t *)(UART + UART_FR), 0x90);
    CHECK_EQ(*(volatile uint16_t *)(UART + UART_FR), 0x90);
    CHECK_EQ(*(volatile uint64_t *)(UART + UART_FR), 0x90);
    __asm__ volatile("ldrsb %0, [%1]" : "=r"(v) : "r"(UART + UART_FR));
    CHECK_EQ(v, 0xffffffffffffff90ull);
    __asm__ volatile("ldrsb %w0, [%1]" : "=r"(v) : "r"(UART + UART_FR));
    CHECK_EQ(v, 0xffffff90ull); /* 32-bit destination: upper half zero */
    __asm__ volatile("ldrsh %0, [%1]" : "=r"(v) : "r"(UART + UART_FR));
    CHECK_EQ(v, 0x90);
    CHECK_EQ(*(volatile uint32_t *)(UART + 0x30), 0); /* RAZ */
    /* XZR as the source of a store (SRT = 31): the console prints nothing. */
    __asm__ volatile("str wzr, [%0, #4]" ::"r"(UART) : "memory");
    /* A store with writeback has no instruction syndrome (ISV = 0): External abort. */
    uint64_t p = UART + 4;
    exc_catch_begin();
    __asm__ volatile("str wzr, [%0], #4" : "+r"(p) : : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_DABT_CURRENT);
    CHECK_EQ(f.esr & 0x3f, 0x10);
    CHECK_EQ(f.far, UART + 4);
    /* Nothing at this IPA: External abort as well. */
    exc_catch_begin();
    v = *(volatile uint32_t *)NOWHERE;
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_DABT_CURRENT);
    CHECK_EQ(f.esr & 0x3f, 0x10);
    CHECK_EQ(f.far, NOWHERE);
}

static void check_ram(void)
{
    struct exc_frame f;
    /* The last page of RAM and pages far apart in it: each first touch is a stage-2 fault. */
    static const uint64_t offsets[] = {0x1000000, 0x1234000, RAM_SIZE - 8, 0x800000};
    for (unsigned i = 0; i < 4; i++)
        *(volatile uint64_t *)(RAM_BASE + offsets[i]) = 0x1111111111111111ull * (i + 1);
    for (unsigned i = 0; i < 4; i++)
        CHECK_EQ(*(volatile uint64_t *)(RAM_BASE + offsets[i]), 0x1111111111111111ull * (i + 1));
    /* Just past RAM: nothing there. */
    exc_catch_begin();
    (void)*(volatile uint64_t *)(RAM_BASE + RAM_SIZE);
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(f.esr & 0x3f, 0x10);
}

static void check_cpu(void)
{
    struct exc_frame f;

    CHECK_EQ(current_el(), 1);
    CHECK_EQ(read_sysreg(mpidr_el1), 0x80000000ull); /* VMPIDR_EL2: vCPU 0 */
    CHECK_EQ(rt_boots, 0);
    CHECK_EQ(rt_arg, 0);
    CHECK_EQ(read_sysreg(sctlr_el1) & 1, 0); /* MMU off */
    /* The physical timer is not offered (CNTHCTL_EL2.EL1PTEN = 0): UNDEFINED. */
    exc_catch_begin();
    write_sysreg(0, cntp_ctl_el0);
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
    /* The physical counter is (EL1PCTEN), and the virtual count starts near 0. */
    CHECK(read_sysreg(cntpct_el0) > read_sysreg(cntvct_el0));
}

int main(void)
{
    printf("guest: hello from EL1\n");
    check_cpu();
    check_hypercalls();
    check_mmio();
    check_ram();
    return test_summary();
}
