/*
 * The program tests/gdb drives with gdb-multiarch through the GDB stub: functions to break at, a
 * counter to watch, a loop to interrupt, a second CPU, FP arguments, and an EL1 guest whose VA, IPA
 * and PA differ (its stage 1 maps WIN to IPA WIN, stage 2 maps that to `data`). Run alone it checks
 * its own results.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 */
#include "mmu_s2_setup.h"

#define HOOK __attribute__((noinline, used))

volatile uint64_t gdb_counter;
volatile uint64_t gdb_sum;
volatile double gdb_product;
volatile uint64_t gdb_cpu1_mpidr, gdb_cpu1_done;
volatile uint64_t gdb_el1_value;
volatile uint64_t gdb_scratch[4]; /* the debugger writes here */
volatile uint64_t gdb_spin;       /* the debugger sets it, then interrupts the wait with Ctrl-C */

HOOK void gdb_bump(uint64_t n)
{
    gdb_counter += n;
}

HOOK uint64_t gdb_add(uint64_t a, uint64_t b)
{
    return a + b;
}

HOOK double gdb_scale(double x, double k)
{
    return x * k;
}

HOOK void gdb_on_cpu1(uint64_t mpidr)
{
    gdb_cpu1_mpidr = mpidr;
}

HOOK void gdb_at_el1(uint64_t value)
{
    gdb_el1_value = value;
}

HOOK void gdb_wait(void)
{
    while (gdb_spin)
        ;
}

static void secondary(uint64_t arg)
{
    gdb_on_cpu1(read_sysreg(mpidr_el1) & 0xFFFFFF);
    dsb(sy);
    gdb_cpu1_done = arg;
}

static void el1_guest(void)
{
    el1_enable_stage1();
    *(volatile uint64_t *)(uintptr_t)WIN = 0x5EC0DE;
    gdb_at_el1(*(volatile uint64_t *)(uintptr_t)WIN);
    /* EL2 reads both with its MMU off: to the point of coherency. */
    dcache_clean_inval_poc((void *)(uintptr_t)WIN, 8);
    dcache_clean_inval_poc(&gdb_el1_value, sizeof gdb_el1_value);
}

int main(void)
{
    for (uint64_t i = 1; i <= 3; i++)
        gdb_bump(i);
    CHECK_EQ(gdb_counter, 6);
    CHECK_EQ(gdb_scratch[0], 0); /* the debugger writes the other elements */
    gdb_sum = gdb_add(40, 2);
    gdb_product = gdb_scale(1.5, 4.0);
    printf("sum %llu, product %d\n", (unsigned long long)gdb_sum, (int)gdb_product);
    gdb_wait();

    CHECK_EQ(cpu_start(1, secondary, 1), PSCI_SUCCESS);
    for (unsigned i = 0; i < 100000000 && !gdb_cpu1_done; i++)
        ;
    CHECK_EQ(gdb_cpu1_done, 1);
    CHECK_EQ(gdb_cpu1_mpidr, 1);

    enable_stage2();
    struct lower_result r = run_at_el1(el1_guest, HCR_VM);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(gdb_el1_value, 0x5EC0DE);
    CHECK_EQ(data[0], 0x5EC0DE);
    return test_summary();
}
