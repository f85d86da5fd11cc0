/*
 * The clearing of the global exclusive monitor is a WFE wake-up event (Arm ARM
 * D1.6, B2.9): a store by another CPU to the granule a waiter marked with LDXR
 * sets the waiter's Event Register and wakes it, with no SEV. Each case has every
 * CPU but CPU 0 wait; CPU 0 stores with a plain STR, then waits (spinning, never
 * idle) for all of them to report that they woke.
 *
 *  - Linux's wait (smp_cond_load_relaxed, secondary boot): `sevl; 1: wfe; ldxr;
 *    cbnz 1b` until CPU 0 clears the flag.
 *  - A store of the value already there clears the monitor too.
 *  - A store that lands while the waiter runs between its LDXR and its WFE sets
 *    the Event Register, so that WFE completes at once.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 * guest-test-variant: smp8 virt,virtualization=on,gic-version=3 -smp 8
 */
#include "wfe_util.h"

static struct granule_flag flag;

static void linux_wait(uint64_t cpu)
{
    uint64_t v;
    mark(ready, cpu);
    __asm__ volatile("sevl\n"
                     "1:  wfe\n\t"
                     "ldxr %0, [%1]\n\t"
                     "cbnz %0, 1b"
                     : "=&r"(v)
                     : "r"(&flag.v)
                     : "memory");
    mark(done, cpu);
}

/* One WFE after the LDXR: only the monitor's event can end it. */
static void one_wait(uint64_t cpu)
{
    uint64_t v;
    clear_event_register();
    __asm__ volatile("ldxr %0, [%1]\n\t"
                     "str %2, [%3]\n\t" /* ready: another granule */
                     "wfe"
                     : "=&r"(v)
                     : "r"(&flag.v), "r"(1ull), "r"(&ready[cpu].v)
                     : "memory");
    mark(done, cpu);
}

/* LDXR, then a delay long enough for CPU 0 to run and store, then WFE. */
static void late_wait(uint64_t cpu)
{
    uint64_t v, n = 300000;
    clear_event_register();
    __asm__ volatile("ldxr %0, [%2]\n\t"
                     "str %3, [%4]\n"
                     "1:  subs %1, %1, #1\n\t"
                     "b.ne 1b\n\t"
                     "wfe"
                     : "=&r"(v), "+r"(n)
                     : "r"(&flag.v), "r"(1ull), "r"(&ready[cpu].v)
                     : "memory", "cc");
    mark(done, cpu);
}

static void run_case(const char *what, void (*waiter)(uint64_t), uint64_t before, uint64_t store)
{
    flag.v = before;
    dsb(sy);
    unsigned n = start_secondaries(waiter);
    CHECK(n >= 2);
    CHECK(wait_flags(ready, n, 2000));
    __asm__ volatile("str %0, [%1]" : : "r"(store), "r"(&flag.v) : "memory");
    bool woke = wait_flags(done, n, 1000);
    finish_secondaries(n);
    printf("%s: %s\n", what, woke ? "every waiter woke" : "a waiter did not wake");
    CHECK(woke);
}

int main(void)
{
    run_case("linux wait, flag cleared", linux_wait, 1, 0);
    run_case("store of the same value", one_wait, 1, 1);
    run_case("store between LDXR and WFE", late_wait, 1, 2);
    return test_summary();
}
