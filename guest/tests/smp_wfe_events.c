/*
 * WFE wake-up events other than the global monitor's (smp_wfe_monitor.c), Arm ARM
 * D1.6 "Wait for Event": the Event Register is set by SEV on any PE, SEVL, an
 * exception return and the event streams; a pending interrupt wakes WFE even
 * when masked. Every waiter first clears its Event Register (SEVL; WFE), and
 * the CPUs that watch it spin, so the machine never goes idle (where avsim lets
 * WFE complete spuriously) and only the event under test can end the wait.
 *
 *  - SEV wakes every CPU waiting on a flag it reads with a plain load.
 *  - SEVL sets this CPU's register: the next WFE completes.
 *  - An exception return (SVC, handler, ERET) sets it too.
 *  - An event-stream event while the CPU runs sets it: a WFE just after the
 *    counter bit toggled completes at once instead of waiting a period.
 *  - A pending IRQ masked by PSTATE.I (an SGI to itself) ends WFE; so does a
 *    virtual IRQ (HCR_EL2.VI) masked at EL1.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: mt virt,virtualization=on,gic-version=3 -smp 4 -accel tcg,thread=multi
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 * guest-test-variant: smp8 virt,virtualization=on,gic-version=3 -smp 8
 */
#include "wfe_util.h"

#define SVC_IMM 0x77

static struct granule_flag go;

/* ---- Waiters on CPUs 1..n-1, CPU 0 watching ---- */

static void sev_waiter(uint64_t cpu)
{
    clear_event_register();
    mark(ready, cpu);
    while (!go.v)
        wfe();
    mark(done, cpu);
}

static void sevl_waiter(uint64_t cpu)
{
    clear_event_register();
    mark(ready, cpu);
    __asm__ volatile("sevl\n\twfe\n\tsevl\n\twfe" : : : "memory");
    mark(done, cpu);
}

static void eret_waiter(uint64_t cpu)
{
    clear_event_register();
    mark(ready, cpu);
    __asm__ volatile("svc %0\n\twfe" : : "i"(SVC_IMM) : "memory");
    mark(done, cpu);
}

static void svc_handler(struct exc_frame *f)
{
    CHECK_EQ(ESR_EC(f->esr), EC_SVC64);
    CHECK_EQ(ESR_ISS(f->esr), SVC_IMM); /* ELR is past the SVC already */
}

static void run_waiters(const char *what, void (*waiter)(uint64_t), bool send_sev)
{
    go.v = 0;
    unsigned n = start_secondaries(waiter);
    CHECK(n >= 2);
    CHECK(wait_flags(ready, n, 2000));
    if (send_sev) {
        go.v = 1;
        dsb(sy);
        sev();
    }
    bool woke = wait_flags(done, n, 1000);
    finish_secondaries(n);
    printf("%s: %s\n", what, woke ? "every waiter woke" : "a waiter did not wake");
    CHECK(woke);
}

/* ---- Waits on CPU 0, CPU 1 as a watchdog that sends SEV after a second ---- */

static struct granule_flag wd_stop, wd_fired;

static void watchdog(uint64_t cpu)
{
    mark(ready, cpu);
    uint64_t end = counter() + read_sysreg(cntfrq_el0);
    while (!wd_stop.v) {
        if (counter() > end) {
            wd_fired.v = 1;
            sev();
        }
    }
}

static void with_watchdog(const char *what, void (*wait)(void))
{
    wd_stop.v = wd_fired.v = 0;
    for (unsigned c = 0; c < MAX_CPUS; c++)
        ready[c].v = 0;
    dsb(sy);
    CHECK_EQ(cpu_start(1, watchdog, 1), PSCI_SUCCESS);
    CHECK(wait_flags(ready, 2, 2000));
    wait();
    wd_stop.v = 1;
    dsb(sy);
    for (unsigned i = 0; i < 10000000 && psci_call(PSCI_AFFINITY_INFO, 1, 0, 0) != 1; i++) {
    }
    printf("%s: %s\n", what, wd_fired.v ? "needed the watchdog's SEV" : "WFE completed");
    CHECK(!wd_fired.v);
}

#define SGI 5

static void masked_sgi_wait(void)
{
    unsigned cpu = this_cpu();
    irq_disable();
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(cpu, GICR_ISENABLER0) = 1u << SGI;
    dsb(sy);
    gic_send_sgi1(SGI, 1u << cpu);
    for (unsigned i = 0; i < 1000 && !(*gicr_sgi(cpu, GICR_ISPENDR0) & (1u << SGI)); i++) {
    }
    clear_event_register();
    wfe(); /* the SGI is pending, masked by PSTATE.I */
    *gicr_sgi(cpu, GICR_ICENABLER0) = 1u << SGI;
    *gicr_sgi(cpu, GICR_ICPENDR0) = 1u << SGI;
    dsb(sy);
}

static void el1_wait(void)
{
    clear_event_register(); /* the ERET into EL1 set it */
    wfe();
}

static void masked_virq_wait(void)
{
    run_at_el1(el1_wait, (1ull << 4) | (1ull << 7)); /* HCR_EL2.IMO, VI; DAIF masked */
}

/* ---- Event stream, on CPU 0 alone ---- */

/* An event each time CNTVCT bit 20 goes 0 -> 1 (EVNTI = 12 with FEAT_ECV's EVNTIS: bit 12 + 8),
 * every 2^21 ticks (2 ms). */
#define STREAM_BIT 20

static void event_stream(void)
{
    uint64_t kctl = read_sysreg(cntkctl_el1);
    uint64_t evnten = 1u << 2, evntis = 1u << 17;
    write_sysreg((kctl & ~(0xF8ull | evntis)) | (12u << 4) | evntis | evnten, cntkctl_el1);
    isb();
    clear_event_register();
    while (counter() >> STREAM_BIT & 1) {
    }
    while (!(counter() >> STREAM_BIT & 1)) {
    }
    uint64_t t0 = counter();
    wfe(); /* the event just generated is in the Event Register */
    uint64_t waited = counter() - t0;
    write_sysreg(kctl, cntkctl_el1);
    isb();
    printf("event stream while running: %s\n",
           waited < (1ull << STREAM_BIT) ? "WFE completed" : "WFE waited for the next event");
    CHECK(waited < (1ull << STREAM_BIT));
}

int main(void)
{
    run_waiters("SEV to every CPU", sev_waiter, true);
    run_waiters("SEVL", sevl_waiter, false);
    set_sync_handler(svc_handler);
    run_waiters("exception return", eret_waiter, false);
    set_sync_handler(NULL);
    event_stream();
    if (current_el() == 2)
        with_watchdog("masked virtual IRQ", masked_virq_wait);
    else
        printf("masked virtual IRQ: not at EL2\n");
    with_watchdog("masked IRQ", masked_sgi_wait);
    return test_summary();
}
