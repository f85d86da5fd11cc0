/*
 * PSCI AFFINITY_INFO above level 0 (Arm DEN 0022D 5.1.5): affinity fields below
 * lowest_affinity_level are ignored, but bits outside the MPIDR affinity fields
 * must be zero at every level, a target naming no CPU is invalid, and levels
 * above 3 do not exist: each gives INVALID_PARAMETERS.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: mt virt,virtualization=on,gic-version=3 -smp 2 -accel tcg,thread=multi
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 * guest-test-qemu: skip QEMU answers ON (0) for every level above 0, whatever the target
 */
#include "test.h"

#define PSCI_INVALID_PARAMETERS (-2)

static int64_t affinity_info(uint64_t target, uint64_t level)
{
    return psci_call(PSCI_AFFINITY_INFO, target, level, 0);
}

int main(void)
{
    /* Bits 31:24 and 63:40 must be zero, whatever the level. */
    for (uint64_t level = 0; level <= 3; level++) {
        CHECK_EQ(affinity_info(1ull << 24, level), PSCI_INVALID_PARAMETERS);
        CHECK_EQ(affinity_info(1ull << 31, level), PSCI_INVALID_PARAMETERS);
        CHECK_EQ(affinity_info(1ull << 40, level), PSCI_INVALID_PARAMETERS);
        CHECK_EQ(affinity_info(1ull << 63, level), PSCI_INVALID_PARAMETERS);
    }
    /* No CPU has Aff1 = 1, Aff2 = 1 or Aff3 = 1 here. */
    CHECK_EQ(affinity_info(0x100, 1), PSCI_INVALID_PARAMETERS);
    CHECK_EQ(affinity_info(0x10000, 2), PSCI_INVALID_PARAMETERS);
    CHECK_EQ(affinity_info(1ull << 32, 3), PSCI_INVALID_PARAMETERS);
    /* Lower fields are ignored: cluster 0 (with this CPU) is on. */
    CHECK_EQ(affinity_info(0x7, 1), 0);
    CHECK_EQ(affinity_info(0xffff, 2), 0);
    CHECK_EQ(affinity_info(0xffffff, 3), 0);
    /* Levels above 3 do not exist. */
    CHECK_EQ(affinity_info(0, 4), PSCI_INVALID_PARAMETERS);
    CHECK_EQ(affinity_info(0, ~0ull), PSCI_INVALID_PARAMETERS);
    /* Level 0 still reports each CPU: CPU 0 on, CPU 1 off. */
    CHECK_EQ(affinity_info(0, 0), 0);
    CHECK_EQ(affinity_info(1, 0), 1);
    return test_summary();
}
