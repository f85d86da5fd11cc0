/*
 * Performance Monitors (FEAT_PMUv3) as a hypervisor's PMU test suite checks them, compared with
 * QEMU (-icount: QEMU counts INST_RETIRED only with precise icount):
 * - PMCR_EL0.N and PMCEIDn_EL0 introspection (the events both count: SW_INCR, INST_RETIRED,
 *   CPU_CYCLES), event type registers holding what is written;
 * - the cycle counter is monotonic and grows with work; PMCR_EL0.C resets it;
 * - INST_RETIRED counts a loop's instructions exactly;
 * - SW_INCR through PMSWINC_EL0, only for enabled SW_INCR counters; overflow sets PMOVSSET;
 * - the overflow interrupt (PPI 7, INTID 23) of the cycle counter (QEMU 10 raises none for an
 *   INST_RETIRED counter: that is in pmu_avsim.c);
 * - per-EL filtering (PMEVTYPER.P/U/NSH) with code run at EL1 and EL0;
 * - PMUSERENR_EL0 (EN, SW, CR, ER) for EL0 accesses, MDCR_EL2.TPM for EL0/EL1 (QEMU 10 ignores
 *   MDCR_EL2.TPMCR: pmu_avsim.c).
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -icount shift=3
 */
#include "pmu_util.h"

static void introspection(void)
{
    uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
    unsigned ver = (dfr0 >> 8) & 0xF;
    CHECK(ver >= 1 && ver != 0xF);
    uint64_t pmcr = read_sysreg(pmcr_el0);
    printf("PMCR_EL0.N %lu\n", PMCR_N(pmcr));
    CHECK(PMCR_N(pmcr) >= 6);
    uint64_t ceid0 = read_sysreg(pmceid0_el0);
    uint64_t common = (1ull << EV_SW_INCR) | (1ull << EV_INST_RETIRED) | (1ull << EV_CPU_CYCLES);
    printf("PMCEID0_EL0 SW_INCR/INST_RETIRED/CPU_CYCLES bits: 0x%lx\n", ceid0 & common);
    CHECK_EQ(ceid0 & common, common);
    /* Type registers hold the event number and the filter bits. */
    for (unsigned n = 0; n < 6; n++) {
        pmu_set_type(n, EVT_U | EV_CPU_CYCLES);
        write_sysreg(n, pmselr_el0);
        isb();
        CHECK_EQ(read_sysreg(pmxevtyper_el0), EVT_U | EV_CPU_CYCLES);
        pmu_set_type(n, 0);
    }
}

static uint64_t cycles(void)
{
    isb();
    return read_sysreg(pmccntr_el0);
}

static void cycle_counter(void)
{
    pmu_reset_all();
    write_sysreg(EVT_NSH, pmccfiltr_el0); /* count at EL2 too */
    write_sysreg(CYCLE_BIT, pmcntenset_el0);
    write_sysreg(PMCR_E | PMCR_LC, pmcr_el0);
    isb();
    uint64_t prev = cycles();
    bool monotonic = true;
    for (unsigned i = 0; i < 100; i++) {
        uint64_t c = cycles();
        if (c < prev) monotonic = false;
        prev = c;
    }
    CHECK(monotonic);
    uint64_t t0 = cycles();
    loop_insns(1000);
    uint64_t t1 = cycles();
    loop_insns(100000);
    uint64_t t2 = cycles();
    printf("cycle counter: grows with work %s\n", t2 - t1 > 10 * (t1 - t0) ? "yes" : "no");
    CHECK(t1 > t0);
    CHECK(t2 - t1 > 10 * (t1 - t0));
    /* Counting stops with PMCR_EL0.E = 0; C resets the counter. */
    write_sysreg(PMCR_LC, pmcr_el0);
    isb();
    uint64_t s0 = cycles();
    loop_insns(1000);
    CHECK_EQ(cycles(), s0);
    write_sysreg(PMCR_LC | PMCR_C, pmcr_el0);
    CHECK_EQ(cycles(), 0);
    write_sysreg(PMCR_E | PMCR_LC, pmcr_el0);
    isb();
    CHECK(cycles() < t2 - t1);
    pmu_reset_all();
}

/* PMEVCNTR0_EL0 before and after a loop of 2n + 1 instructions (and the first MRS). */
static uint64_t inst_delta(uint64_t n)
{
    uint64_t a, b;
    __asm__ volatile("isb\n\tmrs %0, pmevcntr0_el0\n\tmov x9, %2\n1:\n\tsubs x9, x9, #1\n\t"
                     "b.ne 1b\n\tmrs %1, pmevcntr0_el0"
                     : "=&r"(a), "=&r"(b)
                     : "r"(n)
                     : "x9", "cc");
    return b - a;
}

static void inst_retired(void)
{
    pmu_reset_all();
    pmu_set_type(0, EVT_NSH | EV_INST_RETIRED);
    write_sysreg(1, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    uint64_t d1 = inst_delta(100), d2 = inst_delta(10000);
    printf("INST_RETIRED over 2n+2 instructions: n=100 %lu, n=10000 %lu\n", d1, d2);
    CHECK_EQ(d1, 202);
    CHECK_EQ(d2, 20002);
    /* Not counted at EL2 without NSH. */
    pmu_set_type(0, EV_INST_RETIRED);
    CHECK_EQ(inst_delta(1000), 0);
    pmu_reset_all();
}

static void sw_incr(void)
{
    pmu_reset_all();
    pmu_set_type(1, EVT_NSH | EV_SW_INCR);
    pmu_set_type(2, EVT_NSH | EV_SW_INCR);
    write_sysreg((1u << 1) | (1u << 2), pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    for (unsigned i = 0; i < 5; i++)
        write_sysreg(1u << 1, pmswinc_el0);
    write_sysreg(1u << 2, pmswinc_el0);
    isb();
    CHECK_EQ(pmu_count(1), 5);
    CHECK_EQ(pmu_count(2), 1);
    /* A disabled counter does not count. */
    write_sysreg(1u << 2, pmcntenclr_el0);
    write_sysreg(6, pmswinc_el0);
    isb();
    CHECK_EQ(pmu_count(1), 6);
    CHECK_EQ(pmu_count(2), 1);
    /* Overflow at 32 bits sets PMOVSSET; PMOVSCLR clears it. */
    pmu_set_count(1, 0xFFFFFFFF);
    CHECK_EQ(read_sysreg(pmovsset_el0) & 2, 0);
    write_sysreg(2, pmswinc_el0);
    isb();
    CHECK_EQ((uint32_t)pmu_count(1), 0); /* 64-bit from FEAT_PMUv3p5 (QEMU) */
    CHECK_EQ(read_sysreg(pmovsset_el0) & 2, 2);
    write_sysreg(2, pmovsclr_el0);
    CHECK_EQ(read_sysreg(pmovsset_el0) & 2, 0);
    printf("SW_INCR: counted, overflowed at 32 bits\n");
    pmu_reset_all();
}

static volatile unsigned irqs, last_intid;
static volatile uint64_t ovs_in_handler;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    last_intid = intid;
    if (intid == PMU_PPI) {
        ovs_in_handler = read_sysreg(pmovsset_el0);
        write_sysreg(ovs_in_handler, pmovsclr_el0); /* drops the level */
        isb();
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
    irqs++;
}

static void overflow_irq(unsigned bit, const char *what)
{
    irqs = 0;
    ovs_in_handler = 0;
    write_sysreg(1ull << bit, pmintenset_el1);
    isb();
    irq_enable();
    for (unsigned i = 0; i < 100 && !irqs; i++)
        loop_insns(1000);
    irq_disable();
    printf("%s overflow: %u interrupt(s), INTID %u, PMOVSSET 0x%lx\n", what, irqs, last_intid,
           ovs_in_handler);
    CHECK_EQ(irqs, 1);
    CHECK_EQ(last_intid, PMU_PPI);
    CHECK_EQ(ovs_in_handler, 1ull << bit);
    write_sysreg(1ull << bit, pmintenclr_el1);
    isb();
}

static void interrupts(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << PMU_PPI;
    dsb(sy);

    pmu_reset_all();
    write_sysreg(EVT_NSH, pmccfiltr_el0);
    write_sysreg(0xFFFFFFFFull - 100000, pmccntr_el0);
    write_sysreg(CYCLE_BIT, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0); /* LC = 0: overflow at 32 bits */
    isb();
    overflow_irq(31, "PMCCNTR");
    pmu_reset_all();
    *gicr_sgi(this_cpu(), GICR_ICENABLER0) = 1u << PMU_PPI;
    dsb(sy);
}

#define LOOP_N 50000

static void el_loop(void)
{
    loop_insns(LOOP_N);
}

/* Counter 0 counts at EL1 only, counter 1 at EL0 only, counter 2 at EL2 only. */
static void filters(void)
{
    pmu_reset_all();
    pmu_set_type(0, EVT_U | EV_INST_RETIRED);
    pmu_set_type(1, EVT_P | EV_INST_RETIRED);
    pmu_set_type(2, EVT_P | EVT_U | EVT_NSH | EV_INST_RETIRED);
    write_sysreg(7, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    struct lower_result r = run_at_el1(el_loop, 0);
    CHECK_EQ(r.taken, 0);
    uint64_t el1 = pmu_count(0), el0 = pmu_count(1), el2 = pmu_count(2);
    printf("loop at EL1: EL1 count %s, EL0 count %lu, EL2 count %s\n",
           el1 >= 2 * LOOP_N && el1 < 2 * LOOP_N + 200 ? "2n+small" : "wrong", el0,
           el2 < 2000 ? "small" : "large");
    CHECK(el1 >= 2 * LOOP_N && el1 < 2 * LOOP_N + 200);
    CHECK_EQ(el0, 0);
    CHECK(el2 > 0 && el2 < 2000);

    write_sysreg(PMCR_E | PMCR_P, pmcr_el0);
    isb();
    r = run_at_el0(el_loop, 0);
    CHECK_EQ(r.taken, 0);
    el1 = pmu_count(0), el0 = pmu_count(1);
    /* The library reaches EL0 through EL1: a few EL1 instructions. */
    printf("loop at EL0: EL0 count %s, EL1 count %s\n",
           el0 >= 2 * LOOP_N && el0 < 2 * LOOP_N + 200 ? "2n+small" : "wrong",
           el1 < 2000 ? "small" : "large");
    CHECK(el0 >= 2 * LOOP_N && el0 < 2 * LOOP_N + 200);
    CHECK(el1 < 2000);
    pmu_reset_all();
}

static void el0_pmccntr_read(void)
{
    (void)read_sysreg(pmccntr_el0);
}
static void el0_pmccntr_write(void)
{
    write_sysreg(0, pmccntr_el0);
}
static void el0_pmswinc(void)
{
    write_sysreg(0, pmswinc_el0);
}
static void el0_pmxevcntr_read(void)
{
    (void)read_sysreg(pmxevcntr_el0);
}
static void el0_pmcr_read(void)
{
    (void)read_sysreg(pmcr_el0);
}
static void el0_pmuserenr_read(void)
{
    (void)read_sysreg(pmuserenr_el0);
}
static void el1_pmccntr_read(void)
{
    (void)read_sysreg(pmccntr_el0);
}
static void el1_pmintenset_read(void)
{
    (void)read_sysreg(pmintenset_el1);
}

static void expect(const char *what, struct lower_result r, unsigned taken, unsigned el)
{
    printf("%-44s %u exception(s)", what, r.taken);
    if (r.taken) printf(" at EL%u, EC 0x%02lx", r.last.el, ESR_EC(r.last.esr));
    printf("\n");
    CHECK_EQ(r.taken, taken);
    if (taken) {
        CHECK_EQ(r.last.el, el);
        CHECK_EQ(ESR_EC(r.last.esr), EC_SYSREG);
    }
}

static void traps(void)
{
    write_sysreg(0, pmuserenr_el0);
    isb();
    expect("EL0 PMCCNTR read, PMUSERENR 0", run_at_el0(el0_pmccntr_read, 0), 1, 1);
    expect("EL0 PMCR read, PMUSERENR 0", run_at_el0(el0_pmcr_read, 0), 1, 1);
    expect("EL0 PMUSERENR read, PMUSERENR 0", run_at_el0(el0_pmuserenr_read, 0), 0, 0);
    expect("EL0 PMCR read, PMUSERENR 0, TGE", run_at_el0(el0_pmcr_read, HCR_TGE), 1, 2);
    write_sysreg(USERENR_CR, pmuserenr_el0);
    isb();
    expect("EL0 PMCCNTR read, PMUSERENR.CR", run_at_el0(el0_pmccntr_read, 0), 0, 0);
    expect("EL0 PMCCNTR write, PMUSERENR.CR", run_at_el0(el0_pmccntr_write, 0), 1, 1);
    write_sysreg(USERENR_SW, pmuserenr_el0);
    isb();
    expect("EL0 PMSWINC write, PMUSERENR.SW", run_at_el0(el0_pmswinc, 0), 0, 0);
    expect("EL0 PMCCNTR read, PMUSERENR.SW", run_at_el0(el0_pmccntr_read, 0), 1, 1);
    write_sysreg(USERENR_ER, pmuserenr_el0);
    isb();
    expect("EL0 PMXEVCNTR read, PMUSERENR.ER", run_at_el0(el0_pmxevcntr_read, 0), 0, 0);
    expect("EL0 PMCR read, PMUSERENR.ER", run_at_el0(el0_pmcr_read, 0), 1, 1);
    write_sysreg(USERENR_EN, pmuserenr_el0);
    isb();
    expect("EL0 PMCR read, PMUSERENR.EN", run_at_el0(el0_pmcr_read, 0), 0, 0);
    expect("EL0 PMCCNTR write, PMUSERENR.EN", run_at_el0(el0_pmccntr_write, 0), 0, 0);

    uint64_t mdcr = read_sysreg(mdcr_el2);
    write_sysreg(mdcr | MDCR_TPM, mdcr_el2);
    isb();
    expect("EL0 PMCR read, PMUSERENR.EN, MDCR.TPM", run_at_el0(el0_pmcr_read, 0), 1, 2);
    expect("EL1 PMCCNTR read, MDCR.TPM", run_at_el1(el1_pmccntr_read, 0), 1, 2);
    expect("EL1 PMINTENSET read, MDCR.TPM", run_at_el1(el1_pmintenset_read, 0), 1, 2);
    write_sysreg(mdcr, mdcr_el2);
    write_sysreg(0, pmuserenr_el0);
    isb();
}

int main(void)
{
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    introspection();
    cycle_counter();
    inst_retired();
    sw_incr();
    interrupts();
    filters();
    traps();
    return test_summary();
}
