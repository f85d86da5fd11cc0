/*
 * PSCI argument checks (Arm DEN 0022D 5.1.4, 5.1.5): CPU_ON's target_cpu and
 * AFFINITY_INFO's target_affinity hold only the MPIDR affinity fields; any other
 * bit set (bits 31:24, 63:40, including MPIDR's RES1 bit 31) gives
 * INVALID_PARAMETERS and starts nothing. A CPU_ON entry point that is not 4-byte
 * aligned gives INVALID_PARAMETERS too (as on QEMU). A valid CPU_ON still starts
 * the CPU, and AFFINITY_INFO above level 0 ignores the lower affinity fields.
 * (Checks where QEMU departs from DEN 0022 are in psci_affinity.c.)
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: mt virt,virtualization=on,gic-version=3 -smp 4 -accel tcg,thread=multi
 * guest-test-variant: el1 virt,gic-version=3 -smp 4
 */
#include "test.h"

#define PSCI_INVALID_PARAMETERS (-2)
#define AFF_ON                  0
#define AFF_OFF                 1

/* Set by a started CPU (MMU off, no stack): started[Aff0] = 1. */
volatile uint64_t started[4];

/*
 * Entry of the started CPUs: records that it ran, then PSCI CPU_OFF on the
 * conduit of its EL (SMC at EL2, HVC at EL1).
 */
void park_entry(void);
__asm__(".balign 4\n"
        ".global park_entry\n"
        "park_entry:\n"
        "    mrs x1, mpidr_el1\n"
        "    and x1, x1, #3\n"
        "    adrp x2, started\n"
        "    add x2, x2, :lo12:started\n"
        "    mov x3, #1\n"
        "    str x3, [x2, x1, lsl #3]\n"
        "    dsb sy\n"
        "    mov x0, #0x84000000\n"
        "    add x0, x0, #2\n" /* CPU_OFF */
        "    mrs x1, CurrentEL\n"
        "    cmp x1, #8\n"
        "    b.eq 1f\n"
        "    hvc #0\n"
        "    b .\n"
        "1:  smc #0\n"
        "    b .\n");

static int64_t affinity_info(uint64_t target, uint64_t level)
{
    return psci_call(PSCI_AFFINITY_INFO, target, level, 0);
}

/* Waits (boundedly) for CPU cpu to run park_entry. */
static bool wait_started(unsigned cpu)
{
    for (unsigned i = 0; i < 100000000; i++)
        if (started[cpu]) return true;
    return false;
}

/* Waits (boundedly) for AFFINITY_INFO of CPU cpu at level 0 to become want. */
static bool wait_affinity(unsigned cpu, int64_t want)
{
    for (unsigned i = 0; i < 1000000; i++)
        if (affinity_info(cpu, 0) == want) return true;
    return false;
}

static void spin(void)
{
    for (volatile unsigned i = 0; i < 100000; i++) {
    }
}

int main(void)
{
    uint64_t entry = (uint64_t)(uintptr_t)park_entry;
    static const uint64_t bad_bits[] = {1ull << 24, 1ull << 31, 1ull << 40, 1ull << 63};

    /* Must-be-zero bits in target_cpu: refused, CPU 1 stays off. */
    for (unsigned i = 0; i < sizeof bad_bits / sizeof bad_bits[0]; i++) {
        printf("CPU_ON target 0x%lx\n", (unsigned long)(bad_bits[i] | 1));
        CHECK_EQ(psci_call(PSCI_CPU_ON, bad_bits[i] | 1, entry, 0), PSCI_INVALID_PARAMETERS);
        CHECK_EQ(affinity_info(bad_bits[i] | 1, 0), PSCI_INVALID_PARAMETERS);
    }
    /* Aff3 = 1 names no CPU. */
    CHECK_EQ(psci_call(PSCI_CPU_ON, (1ull << 32) | 1, entry, 0), PSCI_INVALID_PARAMETERS);
    CHECK_EQ(affinity_info((1ull << 32) | 1, 0), PSCI_INVALID_PARAMETERS);

    /* Misaligned entry points: refused, CPU 2 stays off. */
    for (unsigned off = 1; off < 4; off++)
        CHECK_EQ(psci_call(PSCI_CPU_ON, 2, entry + off, 0), PSCI_INVALID_PARAMETERS);

    spin();
    dsb(sy);
    CHECK_EQ(affinity_info(1, 0), AFF_OFF);
    CHECK_EQ(affinity_info(2, 0), AFF_OFF);
    CHECK_EQ(started[1], 0);
    CHECK_EQ(started[2], 0);

    /* Above level 0 the lower fields are ignored: CPU 0's cluster is on. */
    CHECK_EQ(affinity_info(0, 1), AFF_ON);
    CHECK_EQ(affinity_info(0xff, 1), AFF_ON);
    CHECK_EQ(affinity_info(0xffff, 2), AFF_ON);
    CHECK_EQ(affinity_info(0xffffff, 3), AFF_ON);

    /*
     * Valid calls still work: CPU 2 starts at its aligned entry and powers off
     * again. (QEMU may report OFF until the started CPU first runs, so wait
     * for it to run before waiting for OFF.)
     */
    CHECK_EQ(psci_call(PSCI_CPU_ON, 2, entry, 0), PSCI_SUCCESS);
    CHECK(wait_started(2));
    CHECK(wait_affinity(2, AFF_OFF));
    CHECK_EQ(started[1], 0);
    CHECK_EQ(started[3], 0);
    return test_summary();
}
