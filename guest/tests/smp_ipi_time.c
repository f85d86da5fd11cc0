/*
 * Interrupts between CPUs in guest time (docs/architecture.md, "Time"): an SGI is taken no
 * earlier than it was sent, and promptly after, on the receiver's own counter. CPU 0 sends
 * SGI 1 to CPU 1, which spins on plain code with interrupts unmasked, at points spread over
 * time (so that CPU 1 is sometimes behind CPU 0 in guest time, sometimes ahead), then sleeps
 * in WFE until CPU 1's handler has noted the time it took the SGI. With -smp 4 two more CPUs
 * spin meanwhile.
 *
 * QEMU is not compared: without -icount its vCPUs are host threads, and on a loaded host a
 * receiving thread may wait for a core longer than the bound.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: smp4 virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 * guest-test-qemu: skip vCPUs are host threads: the latency bound depends on the host's load
 */
#include "wfe_util.h"

#define ROUNDS      64
#define PROMPT_USEC 200

static struct granule_flag stop, replied;
static volatile uint64_t t_take;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    uint64_t now = counter();
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid == 1) {
        t_take = now;
        dsb(sy);
        replied.v = 1;
        dsb(sy);
        sev();
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

static void receiver(uint64_t cpu)
{
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << 1;
    dsb(sy);
    irq_enable();
    mark(ready, cpu);
    while (!stop.v) { /* busy: the SGI interrupts plain code */
    }
    irq_disable();
    mark(done, cpu);
}

static void spin(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        __asm__ volatile("" : : : "memory");
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    unsigned n = start_secondaries(receiver);
    CHECK(n >= 2);
    CHECK(wait_flags(ready, n, 1000));

    uint64_t prompt = read_sysreg(cntfrq_el0) / 1000000 * PROMPT_USEC;
    unsigned ordered = 0, timely = 0;
    for (unsigned r = 0; r < ROUNDS; r++) {
        spin(r * 7919 % 20000); /* send at points spread over time */
        replied.v = 0;
        dsb(sy);
        uint64_t t_send = counter();
        gic_send_sgi1(1, 1u << 1);
        while (!replied.v)
            wfe();
        ordered += t_send <= t_take;
        timely += t_send <= t_take && t_take - t_send < prompt;
    }
    stop.v = 1;
    dsb(sy);
    CHECK(wait_flags(done, n, 1000));
    finish_secondaries(n);

    printf("SGI taken no earlier than sent: %s\n",
           ordered == ROUNDS ? "every round" : "not in every round");
    CHECK_EQ(ordered, ROUNDS);
    printf("SGI taken within %u us of being sent: %s\n", PROMPT_USEC,
           timely == ROUNDS ? "every round" : "not in every round");
    CHECK_EQ(timely, ROUNDS);
    return test_summary();
}
