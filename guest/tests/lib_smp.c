/*
 * cpu_start(): a second CPU runs a function on its own stack at the same EL,
 * then powers off through PSCI CPU_OFF.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 */
#include "test.h"

static volatile uint64_t secondary_mpidr, secondary_el, secondary_arg, secondary_done;

static void secondary(uint64_t arg)
{
    secondary_arg = arg;
    secondary_mpidr = read_sysreg(mpidr_el1);
    secondary_el = current_el();
    dsb(sy);
    secondary_done = 1;
}

/* Polls a flag for a bounded time instead of hanging the test. */
static bool wait_for(volatile uint64_t *flag, uint64_t want)
{
    for (unsigned i = 0; i < 100000000; i++) {
        if (*flag == want) return true;
    }
    return false;
}

int main(void)
{
    CHECK_EQ(cpu_start(1, secondary, 0x5a5a), PSCI_SUCCESS);
    CHECK(wait_for(&secondary_done, 1));
    CHECK_EQ(secondary_arg, 0x5a5a);
    CHECK_EQ(secondary_mpidr & 0xffffff, 1);
    CHECK_EQ(secondary_el, current_el());

    /* AFFINITY_INFO reports OFF (1) once CPU_OFF has completed. */
    bool off = false;
    for (unsigned i = 0; i < 1000000 && !off; i++)
        off = psci_call(PSCI_AFFINITY_INFO, 1, 0, 0) == 1;
    CHECK(off);
    CHECK_EQ(cpu_start(8, secondary, 0), -2);
    return test_summary();
}
