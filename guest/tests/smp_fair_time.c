/*
 * Fair SMP scheduling in guest time (docs/architecture.md, "Time"): what one CPU does costs
 * another nothing in guest time. CPU 0 measures, on its own counter (CNTVCT), the cost of
 * events that end a CPU's time slice in avsim: an exception round trip (SVC and ERET at EL2),
 * a world switch (HVC from EL1 to EL2 and back, as a hypervisor's guest exit), a write to a
 * translation control (TTBR0_EL2) and a YIELD; first alone, then with every other CPU spinning
 * on plain code. Each cost must stay within 25% of its cost alone (the -smp 1 figure). The
 * spinners in turn time a fixed loop, once while CPU 0 sleeps in WFE and once while it does
 * the round trips: their progress must not depend on it either.
 *
 * Only pass/fail lines are printed, no timings. QEMU is not compared: without -icount its
 * counter follows the host clock and each vCPU is a host thread, so the figures depend on how
 * the host schedules the spinning threads (on a loaded host a vCPU may get a fraction of a
 * core), not on the guest.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: smp4 virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: smp8 virt,virtualization=on,gic-version=3 -smp 8
 * guest-test-qemu: skip the counter follows host time, and vCPUs are host threads
 */
#include "lower_el.h"
#include "wfe_util.h"

#define ROUND_TRIPS 500
#define SPIN_LOOPS  200000

enum { K_SVC, K_HVC, K_TTBR, K_YIELD, K_COUNT };
static const char *const kind_name[K_COUNT] = {
    "SVC + ERET at EL2",
    "HVC from EL1 to EL2 and back",
    "TTBR0_EL2 write",
    "YIELD",
};

static struct granule_flag go_ref, go_busy, stop, spun_ref[MAX_CPUS];
static uint64_t spin_ticks[2][MAX_CPUS]; /* [0]: CPU 0 asleep, [1]: CPU 0 busy */

static void svc_handler(struct exc_frame *f)
{
    (void)f; /* ELR is past the SVC already */
}

static void hvc_loop(void)
{
    for (unsigned i = 0; i < ROUND_TRIPS; i++)
        __asm__ volatile("hvc #0" : : : "memory");
}

/* Guest ticks CPU 0 spends on ROUND_TRIPS events of one kind. */
static uint64_t cost(unsigned kind)
{
    uint64_t t0 = counter();
    switch (kind) {
    case K_SVC:
        for (unsigned i = 0; i < ROUND_TRIPS; i++)
            __asm__ volatile("svc #0" : : : "memory");
        break;
    case K_HVC: {
        struct lower_result r = run_at_el1(hvc_loop, 0);
        CHECK_EQ(r.taken, ROUND_TRIPS);
        break;
    }
    case K_TTBR: {
        uint64_t ttbr = read_sysreg(ttbr0_el2);
        for (unsigned i = 0; i < ROUND_TRIPS; i++)
            write_sysreg(ttbr, ttbr0_el2);
        isb();
        break;
    }
    case K_YIELD:
        for (unsigned i = 0; i < ROUND_TRIPS; i++)
            __asm__ volatile("yield" : : : "memory");
        break;
    }
    return counter() - t0;
}

/* Guest ticks a CPU spends on a plain loop. */
static uint64_t spin(void)
{
    uint64_t t0 = counter();
    for (unsigned i = 0; i < SPIN_LOOPS; i++)
        __asm__ volatile("" : : : "memory");
    return counter() - t0;
}

static void spinner(uint64_t cpu)
{
    mark(ready, cpu);
    while (!go_ref.v) {
    }
    spin_ticks[0][cpu] = spin();
    mark(spun_ref, cpu);
    sev();
    while (!go_busy.v) {
    }
    spin_ticks[1][cpu] = spin();
    while (!stop.v) { /* busy until CPU 0 has measured everything */
    }
    mark(done, cpu);
}

static bool within_quarter(uint64_t busy, uint64_t alone)
{
    return busy * 4 <= alone * 5;
}

static bool all_set(const struct granule_flag *flags, unsigned n)
{
    for (unsigned c = 1; c < n; c++)
        if (!flags[c].v) return false;
    return true;
}

int main(void)
{
    set_sync_handler(svc_handler);
    uint64_t alone[K_COUNT];
    for (unsigned k = 0; k < K_COUNT; k++)
        alone[k] = cost(k);

    unsigned n = start_secondaries(spinner);
    CHECK(n >= 2);
    CHECK(wait_flags(ready, n, 1000));

    /* The spinners' reference: CPU 0 sleeps in WFE until they have all timed their loop. */
    go_ref.v = 1;
    dsb(sy);
    while (!all_set(spun_ref, n))
        wfe();

    go_busy.v = 1;
    dsb(sy);
    uint64_t busy[K_COUNT];
    for (unsigned k = 0; k < K_COUNT; k++)
        busy[k] = cost(k);
    stop.v = 1;
    dsb(sy);
    CHECK(wait_flags(done, n, 1000));
    finish_secondaries(n);

    for (unsigned k = 0; k < K_COUNT; k++) {
        bool ok = within_quarter(busy[k], alone[k]);
        printf("%s with the other CPUs spinning: %s\n", kind_name[k],
               ok ? "costs CPU 0 what it costs alone" : "costs CPU 0 more than alone");
        CHECK(ok);
    }
    bool steady = true;
    for (unsigned c = 1; c < n; c++)
        steady &= within_quarter(spin_ticks[1][c], spin_ticks[0][c]) &&
                  within_quarter(spin_ticks[0][c], spin_ticks[1][c]);
    printf("spinners' progress while CPU 0 takes exceptions: %s\n",
           steady ? "as while it sleeps" : "differs");
    CHECK(steady);
    return test_summary();
}
