/*
 * PSCI CPU_OFF powers a core down, and a core powered up again starts with empty private caches
 * (PSCI firmware cleans and invalidates them before removing power, as TF-A's core power-down
 * does). CPU 1 runs a routine with its instruction cache on (SCTLR_EL2.I, MMU off: fetches are
 * cacheable), then powers off. CPU 0 rewrites the routine, cleans and invalidates the line to
 * the PoC and invalidates only its own instruction cache (IC IALLU): no broadcast reaches CPU 1.
 * Powered on again, CPU 1 must run the new routine; a stale line kept across CPU_OFF would run
 * the old one. On QEMU (no caches) the new routine runs too, so the outputs are compared.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 */
#include "test.h"

#define INSN_MOVZ_X0 0xd2800000u /* MOVZ X0, #imm16 (imm16 at bit 5) */
#define INSN_RET     0xd65f03c0u
#define SCTLR_I      (1ull << 12)

static volatile uint32_t routine[16] __attribute__((aligned(64)));
static volatile uint64_t result __attribute__((aligned(64)));
static volatile uint64_t done __attribute__((aligned(64)));

static void write_routine(unsigned value)
{
    routine[0] = INSN_MOVZ_X0 | (value << 5);
    routine[1] = INSN_RET;
    /* Data accesses with the MMU off are Device: the words are in memory; no cached copy of the
     * line may hide them from a refill. */
    __asm__ volatile("dsb sy\n\tdc civac, %0\n\tdsb sy" ::"r"(routine) : "memory");
}

static void run_routine(uint64_t n)
{
    __asm__ volatile("msr sctlr_el2, %0\n\tisb" ::"r"(read_sysreg(sctlr_el2) | SCTLR_I));
    uint64_t (*fn)(void) = (uint64_t(*)(void))(uintptr_t)routine;
    result = fn();
    done = n;
}

static void wait_off(uint64_t n)
{
    while (done != n)
        ;
    while (psci_call(PSCI_AFFINITY_INFO, 1, 0, 0) != 1) /* 1: OFF */
        ;
}

int main(void)
{
    write_routine(1);
    cpu_start(1, run_routine, 1);
    wait_off(1);
    CHECK_EQ(result, 1);

    write_routine(2);
    __asm__ volatile("ic iallu\n\tdsb sy\n\tisb" ::: "memory"); /* this CPU only */
    cpu_start(1, run_routine, 2);
    wait_off(2);
    printf("after CPU_OFF and CPU_ON, CPU 1 ran the routine returning %llu\n",
           (unsigned long long)result);
    CHECK_EQ(result, 2);
    return test_summary();
}
