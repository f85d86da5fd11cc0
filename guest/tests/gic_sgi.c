/*
 * SGIs between CPUs started with PSCI CPU_ON: ICC_SGI1R_EL1 with a target list,
 * a reply SGI, IRM = 1 (every CPU but the sender), and a target list naming
 * several CPUs. Also the redistributor frames: one per CPU, 128 KiB apart,
 * GICR_TYPER giving each one's affinity and processor number and marking the
 * last one (guests scan for their frame this way).
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: mt virt,virtualization=on,gic-version=3 -smp 4 -accel tcg,thread=multi
 * guest-test-variant: el1 virt,gic-version=3 -smp 4
 * guest-test-variant: smp2 virt,virtualization=on,gic-version=3 -smp 2
 */
#include "gic_util.h"

#define MAX_CPUS 8

static volatile uint32_t received[MAX_CPUS]; /* SGIs each CPU took, one bit per INTID */
static volatile unsigned ready[MAX_CPUS], finished;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned cpu = this_cpu(), intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid < 16) {
        received[cpu] |= 1u << intid;
        dsb(sy);
        if (intid == 1) gic_send_sgi1(2, 1u << 0); /* reply to CPU 0 */
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

static void secondary(uint64_t arg)
{
    (void)arg;
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 0xFFFF;
    dsb(sy);
    ready[this_cpu()] = 1;
    dsb(sy);
    while (!finished) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
}

/* Spins (bounded) until every CPU in `mask` took SGI intid. */
static bool wait_received(uint32_t mask, unsigned intid)
{
    for (unsigned i = 0; i < 100000000; i++) {
        bool all = true;
        for (unsigned c = 0; c < MAX_CPUS; c++)
            if ((mask >> c & 1) && !(received[c] >> intid & 1)) all = false;
        if (all) return true;
    }
    return false;
}

static void print_received(const char *what, unsigned ncpus)
{
    printf("%s:", what);
    for (unsigned c = 0; c < ncpus; c++)
        printf(" cpu%u=0x%04x", c, received[c]);
    printf("\n");
    for (unsigned c = 0; c < ncpus; c++)
        received[c] = 0;
    dsb(sy);
}

/* Walks the redistributor frames as a guest looking for its own would. */
static unsigned scan_redistributors(void)
{
    unsigned n = 0;
    for (;;) {
        uint64_t typer = *(volatile uint64_t *)(GICR_BASE + n * GICR_STRIDE + GICR_TYPER);
        CHECK_EQ(typer >> 32, n);           /* affinity: Aff0 = CPU number here */
        CHECK_EQ((typer >> 8) & 0xFFFF, n); /* Processor_Number */
        n++;
        if (typer & (1u << 4)) break; /* Last */
        if (n == MAX_CPUS) break;
    }
    return n;
}

int main(void)
{
    unsigned ncpus = scan_redistributors();
    printf("%u redistributors\n", ncpus);
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(0, GICR_ISENABLER0) = 0xFFFF;
    dsb(sy);
    for (unsigned c = 1; c < ncpus; c++) {
        CHECK_EQ(cpu_start(c, secondary, 0), PSCI_SUCCESS);
        for (unsigned i = 0; i < 100000000 && !ready[c]; i++) {
        }
        CHECK(ready[c]);
    }

    /* CPU 0 -> CPU 1, which replies with SGI 2. */
    gic_send_sgi1(1, 1u << 1);
    CHECK(wait_received(1u << 1, 1));
    volatile unsigned *reply = (volatile unsigned *)&received[0];
    for (unsigned i = 0; i < 100 && !(*reply >> 2 & 1); i++) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
    print_received("SGI 1 to cpu1, reply SGI 2", ncpus);

    /* IRM = 1: every CPU except the sender. */
    uint32_t others = ((1u << ncpus) - 1) & ~1u;
    write_sysreg((3ull << 24) | (1ull << 40), ICC_SGI1R_EL1);
    isb();
    CHECK(wait_received(others, 3));
    irq_enable();
    isb();
    irq_disable();
    print_received("SGI 3 to all but self", ncpus);

    /* A target list with several CPUs, including the sender. */
    uint16_t targets = ncpus > 2 ? (1u << 0) | (1u << 2) : (1u << 0) | (1u << 1);
    gic_send_sgi1(4, targets);
    CHECK(wait_received(targets & ~1u, 4));
    irq_enable();
    isb();
    irq_disable();
    print_received("SGI 4 to a target list", ncpus);

    finished = 1;
    dsb(sy);
    write_sysreg((15ull << 24) | (1ull << 40), ICC_SGI1R_EL1); /* wake the others to stop */
    isb();
    return test_summary();
}
