/*
 * Performance Monitors beyond what QEMU 10 models (docs/pmu.md):
 * - PMCEID0/1_EL0 advertise exactly the events counted (SW_INCR, LD_RETIRED, ST_RETIRED,
 *   INST_RETIRED, EXC_TAKEN, EXC_RETURN, CPU_CYCLES, MEM_ACCESS, CHAIN, BR_RETIRED without the
 *   cache model; guest.pmu_events counts the per-instruction ones);
 * - CPU_CYCLES is 2^shift cycles per instruction (-icount shift=3: 8), PMCR_EL0.D divides by 64;
 * - the overflow interrupt of an INST_RETIRED counter arrives at the overflowing instruction;
 * - chained counters (CHAIN on the odd counter) across the even counter's 32-bit overflow;
 * - EXC_TAKEN and EXC_RETURN per EL;
 * - MDCR_EL2.HPMN partition (PMCR_EL0.N at EL1, UNDEFINED counters, PMCNTENSET bits), HPME, HPMD,
 *   TPMCR (QEMU ignores TPMCR and HPMN's access rules).
 *
 * guest-test-qemu: skip QEMU 10 lacks CHAIN, EXC_TAKEN, TPMCR and HPMN rules (above)
 * guest-test-machine: virt,virtualization=on,gic-version=3 -icount shift=3
 */
#include "pmu_util.h"

static void pmceid(void)
{
    uint64_t want = (1ull << EV_SW_INCR) | (1ull << EV_LD_RETIRED) | (1ull << EV_ST_RETIRED) |
                    (1ull << EV_INST_RETIRED) | (1ull << EV_EXC_TAKEN) | (1ull << EV_EXC_RETURN) |
                    (1ull << EV_CPU_CYCLES) | (1ull << EV_MEM_ACCESS) | (1ull << EV_CHAIN);
    /* The cache events (guest.pmu_cache) are counted with the cache model on only. */
    uint64_t cache = (1ull << EV_L1I_CACHE_REFILL) | (1ull << EV_L1D_CACHE_REFILL) |
                     (1ull << EV_L1D_CACHE) | (1ull << 0x14) | (1ull << 0x15) |
                     (1ull << EV_L2D_CACHE) | (1ull << EV_L2D_CACHE_REFILL) | (1ull << 0x18);
    uint64_t ceid0 = read_sysreg(pmceid0_el0);
    printf("PMCEID0_EL0 other than cache events 0x%lx, PMCEID1_EL0 0x%lx\n", ceid0 & ~cache,
           read_sysreg(pmceid1_el0));
    CHECK_EQ(ceid0 & ~cache, want);
    CHECK((ceid0 & cache) == 0 || (ceid0 & cache) == cache);
    CHECK_EQ(read_sysreg(pmceid1_el0), 1ull << (EV_BR_RETIRED - 32));
    CHECK_EQ((read_sysreg(id_aa64dfr0_el1) >> 8) & 0xF, 4); /* FEAT_PMUv3p1 */
}

/* PMCCNTR_EL0 over the 2n + 2 instructions of an MRS, a MOV and n loop iterations. */
static uint64_t cycle_delta(uint64_t n)
{
    uint64_t a, b;
    __asm__ volatile("isb\n\tmrs %0, pmccntr_el0\n\tmov x9, %2\n1:\n\tsubs x9, x9, #1\n\t"
                     "b.ne 1b\n\tmrs %1, pmccntr_el0"
                     : "=&r"(a), "=&r"(b)
                     : "r"(n)
                     : "x9", "cc");
    return b - a;
}

static void cycles(void)
{
    pmu_reset_all();
    write_sysreg(EVT_NSH, pmccfiltr_el0);
    write_sysreg(CYCLE_BIT, pmcntenset_el0);
    write_sysreg(PMCR_E | PMCR_LC, pmcr_el0);
    isb();
    uint64_t d = cycle_delta(1000);
    printf("PMCCNTR over 2002 instructions: %lu\n", d);
    CHECK_EQ(d, 2002 * 8);
    write_sysreg(PMCR_E | PMCR_D, pmcr_el0); /* D counts every 64th cycle (LC = 0) */
    isb();
    d = cycle_delta(64000);
    printf("PMCCNTR with PMCR.D over 128002 instructions: %lu\n", d);
    CHECK(d >= 128002 * 8 / 64 - 1 && d <= 128002 * 8 / 64 + 1);
    pmu_reset_all();
}

static volatile unsigned irqs, last_intid;
static volatile uint64_t count_in_handler;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    count_in_handler = read_sysreg(pmevcntr0_el0);
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    last_intid = intid;
    write_sysreg(read_sysreg(pmovsset_el0), pmovsclr_el0);
    isb();
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
    irqs++;
}

static void inst_overflow_irq(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << PMU_PPI;
    dsb(sy);
    pmu_reset_all();
    pmu_set_type(0, EVT_NSH | EV_INST_RETIRED);
    pmu_set_count(0, 0xFFFFFFFFull - 5000);
    write_sysreg(1, pmcntenset_el0);
    write_sysreg(1, pmintenset_el1);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    irq_enable();
    loop_insns(10000);
    irq_disable();
    /* The handler's first MRS runs after the exception entry and the vector's register saves. */
    printf("INST_RETIRED overflow: %u interrupt(s), INTID %u, counter in the handler %lu\n", irqs,
           last_intid, count_in_handler);
    CHECK_EQ(irqs, 1);
    CHECK_EQ(last_intid, PMU_PPI);
    CHECK(count_in_handler < 100);
    pmu_reset_all();
    *gicr_sgi(this_cpu(), GICR_ICENABLER0) = 1u << PMU_PPI;
    dsb(sy);
}

static void chain(void)
{
    pmu_reset_all();
    /* SW_INCR pair: counter 0 wraps, counter 1 counts the overflow. */
    pmu_set_type(0, EVT_NSH | EV_SW_INCR);
    pmu_set_type(1, EVT_NSH | EV_CHAIN);
    pmu_set_count(0, 0xFFFFFFFE);
    write_sysreg(3, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    for (unsigned i = 0; i < 3; i++)
        write_sysreg(1, pmswinc_el0);
    isb();
    CHECK_EQ(pmu_count(0), 1);
    CHECK_EQ(pmu_count(1), 1);
    CHECK_EQ(read_sysreg(pmovsset_el0), 1);

    /* INST_RETIRED pair as one 64-bit count across the overflow; the odd counter overflows too. */
    pmu_set_type(2, EVT_NSH | EV_INST_RETIRED);
    pmu_set_type(3, EVT_NSH | EV_CHAIN);
    pmu_set_count(2, 0xFFFFFFFFull - 1000);
    pmu_set_count(3, 0xFFFFFFFF);
    write_sysreg(0xC, pmcntenset_el0);
    isb();
    loop_insns(5000);
    write_sysreg(0xC, pmcntenclr_el0);
    isb();
    uint64_t lo = pmu_count(2), hi = pmu_count(3);
    printf("chained INST_RETIRED: high 0x%lx low %s, PMOVSSET 0x%lx\n", hi,
           lo > 8000 && lo < 10100 ? "about 9000" : "wrong", read_sysreg(pmovsset_el0));
    CHECK_EQ(hi, 0);
    CHECK(lo > 8000 && lo < 10100);
    CHECK_EQ(read_sysreg(pmovsset_el0), 0xD); /* counters 0, 2 and 3 */

    /* A CHAIN counter that is disabled does not count; one that does not count at this EL
     * neither. */
    write_sysreg(~0ull, pmovsclr_el0);
    pmu_set_count(0, 0xFFFFFFFF);
    pmu_set_count(1, 0);
    pmu_set_type(1, EV_CHAIN); /* NSH = 0: not at EL2 */
    write_sysreg(1, pmswinc_el0);
    isb();
    CHECK_EQ(pmu_count(1), 0);
    CHECK_EQ(read_sysreg(pmovsset_el0), 1);
    pmu_reset_all();
}

static void el1_svcs(void)
{
    for (unsigned i = 0; i < 10; i++)
        __asm__ volatile("svc #0");
}

static void exceptions(void)
{
    pmu_reset_all();
    pmu_set_type(0, EVT_U | EV_EXC_TAKEN);  /* taken from EL1 */
    pmu_set_type(1, EVT_U | EV_EXC_RETURN); /* ERETs at EL1 */
    write_sysreg(3, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    struct lower_result r = run_at_el1(el1_svcs, 0);
    printf("EL1 SVCs: %u taken; EXC_TAKEN from EL1 %lu, EXC_RETURN at EL1 %lu\n", r.taken,
           pmu_count(0), pmu_count(1));
    CHECK_EQ(r.taken, 10);
    CHECK(pmu_count(0) >= 10 && pmu_count(0) <= 11); /* and the return to EL2 */
    CHECK_EQ(pmu_count(1), 10);
    pmu_reset_all();
}

/* 100 iterations, an ID register read that HCR_EL2.TID3 traps to EL2 (skipped there), RET. */
void el1_loop_trapped(void);
__asm__(".pushsection .text\n"
        ".balign 4\n"
        "el1_loop_trapped: mov x0, #100\n"
        "1: subs x0, x0, #1\n"
        "b.ne 1b\n"
        "mrs x1, id_aa64pfr0_el1\n"
        "ret\n"
        ".popsection");

/*
 * INST_RETIRED counts each instruction at the EL it executes in, and not one that takes a
 * synchronous exception it does not generate (Arm ARM D13.11.2): at EL1 the MOV, the loop, the RET
 * and the library's HVC back to EL2; not the ERETs from EL2 nor the trapped MRS.
 */
#define HCR_TID3 (1ull << 18)
static void inst_retired_per_el(void)
{
    pmu_reset_all();
    pmu_set_type(0, EVT_U | EV_INST_RETIRED); /* EL1 only */
    pmu_set_type(1, EVT_U | EV_EXC_TAKEN);    /* exceptions taken from EL1 */
    write_sysreg(3, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    struct lower_result r = run_at_el1(el1_loop_trapped, HCR_TID3);
    printf("EL1 loop with a trapped MRS: %u taken; INST_RETIRED at EL1 %lu, EXC_TAKEN %lu\n",
           r.taken, pmu_count(0), pmu_count(1));
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(ESR_EC(r.last.esr), EC_SYSREG);
    CHECK_EQ(pmu_count(0), 1 + 2 * 100 + 1 + 1);
    CHECK_EQ(pmu_count(1), 2);
    pmu_reset_all();
}

static volatile uint64_t el1_value;
static void el1_pmcr(void)
{
    el1_value = read_sysreg(pmcr_el0);
}
static void el1_pmcnten(void)
{
    el1_value = read_sysreg(pmcntenset_el0);
}
static void el1_pmevcntr1(void)
{
    el1_value = read_sysreg(pmevcntr1_el0);
}
static void el1_pmevcntr3(void)
{
    el1_value = read_sysreg(pmevcntr3_el0);
}
static void el1_pmevtyper4(void)
{
    write_sysreg(0, pmevtyper4_el0);
}
static void el1_pmccntr(void)
{
    el1_value = read_sysreg(pmccntr_el0);
}
static void el1_loop(void)
{
    loop_insns(1000);
}

static void hpmn(void)
{
    pmu_reset_all();
    uint64_t mdcr = read_sysreg(mdcr_el2);
    CHECK_EQ(mdcr & 0x1F, 6); /* HPMN resets to PMCR_EL0.N */
    write_sysreg((mdcr & ~0x1Full) | 2, mdcr_el2);
    write_sysreg(0x3F | CYCLE_BIT, pmcntenset_el0);
    isb();
    struct lower_result r = run_at_el1(el1_pmcr, 0);
    uint64_t el1_n = PMCR_N(el1_value);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el1_n, 2);
    CHECK_EQ(PMCR_N(read_sysreg(pmcr_el0)), 6);
    r = run_at_el1(el1_pmcnten, 0);
    CHECK_EQ(el1_value, 3 | CYCLE_BIT);
    CHECK_EQ(run_at_el1(el1_pmevcntr1, 0).taken, 0);
    r = run_at_el1(el1_pmevcntr3, 0);
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(r.last.el, 1);
    CHECK_EQ(ESR_EC(r.last.esr), 0); /* UNDEFINED */
    r = run_at_el1(el1_pmevtyper4, 0);
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(ESR_EC(r.last.esr), 0);
    printf("HPMN = 2: PMCR_EL0.N at EL1 %lu, counters 2-5 UNDEFINED at EL1\n", el1_n);

    /* Counters below HPMN follow PMCR_EL0.E, the others MDCR_EL2.HPME. */
    pmu_set_type(0, EVT_NSH | EV_INST_RETIRED);
    pmu_set_type(4, EVT_NSH | EV_INST_RETIRED);
    write_sysreg(0x11, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
    loop_insns(1000);
    CHECK(pmu_count(0) >= 2000);
    CHECK_EQ(pmu_count(4), 0);
    write_sysreg(0, pmcr_el0);
    write_sysreg((mdcr & ~0x1Full) | 2 | MDCR_HPME, mdcr_el2);
    write_sysreg(PMCR_P, pmcr_el0); /* at EL2 P resets every counter */
    isb();
    loop_insns(1000);
    CHECK_EQ(pmu_count(0), 0);
    CHECK(pmu_count(4) >= 2000);

    /* HPMD prohibits EL2 counting for the counters below HPMN only. */
    write_sysreg((mdcr & ~0x1Full) | 2 | MDCR_HPME | MDCR_HPMD, mdcr_el2);
    write_sysreg(PMCR_E | PMCR_P, pmcr_el0);
    isb();
    loop_insns(1000);
    uint64_t low = pmu_count(0), high = pmu_count(4);
    printf("HPMD: EL2 count of counter 0 %lu, counter 4 %s\n", low, high >= 2000 ? "counts" : "no");
    CHECK_EQ(low, 0);
    CHECK(high >= 2000);
    /* EL1 still counts on counter 0 (P = 0, U set). */
    pmu_set_type(0, EVT_U | EV_INST_RETIRED);
    run_at_el1(el1_loop, 0);
    CHECK(pmu_count(0) >= 2000);

    /* TPMCR traps PMCR_EL0 only. */
    write_sysreg(mdcr | MDCR_TPMCR, mdcr_el2);
    isb();
    r = run_at_el1(el1_pmcr, 0);
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(r.last.el, 2);
    CHECK_EQ(ESR_EC(r.last.esr), EC_SYSREG);
    CHECK_EQ(run_at_el1(el1_pmccntr, 0).taken, 0);
    write_sysreg(mdcr, mdcr_el2);
    isb();
    pmu_reset_all();
}

int main(void)
{
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    pmceid();
    cycles();
    inst_overflow_irq();
    chain();
    exceptions();
    inst_retired_per_el();
    hpmn();
    return test_summary();
}
