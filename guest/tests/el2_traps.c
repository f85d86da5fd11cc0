/*
 * EL2 trap controls: for each control, EL2 sets it, code at EL1 provokes it,
 * and the test records where the exception went and its syndrome. The lines
 * printed (EL, EC, ISS) are compared with QEMU's.
 */
#include "test.h"

struct outcome {
    unsigned el; /* EL the exception was taken to, 0 = none */
    uint64_t esr;
};

static struct outcome run_el1(void (*fn)(void), uint64_t hcr)
{
    struct lower_result r = run_at_el1(fn, hcr);
    struct outcome o = {r.taken ? r.last.el : 0, r.taken ? r.last.esr : 0};
    return o;
}

static struct outcome run_el0(void (*fn)(void), uint64_t hcr)
{
    struct lower_result r = run_at_el0(fn, hcr);
    struct outcome o = {r.taken ? r.last.el : 0, r.taken ? r.last.esr : 0};
    return o;
}

static void report(const char *what, struct outcome o, unsigned want_el, unsigned want_ec)
{
    printf("%-28s -> EL%u EC=0x%02x ISS=0x%07x\n", what, o.el, (unsigned)ESR_EC(o.esr),
           (unsigned)ESR_ISS(o.esr));
    CHECK_EQ(o.el, want_el);
    if (want_el) CHECK_EQ(ESR_EC(o.esr), want_ec);
}

#define EL1_FN(name, body)                                                                         \
    static void name(void)                                                                         \
    {                                                                                              \
        __asm__ volatile(body ::: "x0", "memory");                                                 \
    }

EL1_FN(w_sctlr, "mrs x0, sctlr_el1\n\tmsr sctlr_el1, x0")
EL1_FN(r_sctlr, "mrs x0, sctlr_el1")
EL1_FN(r_ttbr0, "mrs x0, ttbr0_el1")
EL1_FN(w_mair, "mrs x0, mair_el1\n\tmsr mair_el1, x0")
EL1_FN(r_revidr, "mrs x0, revidr_el1")
EL1_FN(r_ctr, "mrs x0, ctr_el0")
EL1_FN(r_clidr, "mrs x0, clidr_el1")
EL1_FN(r_pfr0, "mrs x0, id_aa64pfr0_el1")
EL1_FN(r_isar0, "mrs x0, id_aa64isar0_el1")
EL1_FN(r_actlr, "mrs x0, actlr_el1")
EL1_FN(dc_isw, "mov x0, #0\n\tdc isw, x0")
EL1_FN(dc_civac, "mov x0, sp\n\tdc civac, x0")
EL1_FN(dc_zva, "mov x0, sp\n\tsub x0, x0, #256\n\tdc zva, x0")
EL1_FN(ic_iallu, "ic iallu")
EL1_FN(do_wfi, "wfi")
EL1_FN(do_smc, "mov x0, #0\n\tsmc #0x33")
EL1_FN(do_hvc, "hvc #0x44")
EL1_FN(r_cpacr, "mrs x0, cpacr_el1")
EL1_FN(r_mdscr, "mrs x0, mdscr_el1")
EL1_FN(r_oslsr, "mrs x0, oslsr_el1")
EL1_FN(r_hcr, "mrs x0, hcr_el2")
EL1_FN(daifset, "msr daifset, #2")
EL1_FN(r_sctlr12, "mrs x0, s3_5_c1_c0_0") /* SCTLR_EL12 */

#define HCR_TWI_  (1ull << 13)
#define HCR_TID1_ (1ull << 16)
#define HCR_TID2_ (1ull << 17)
#define HCR_TID3_ (1ull << 18)
#define HCR_TSC_  (1ull << 19)
#define HCR_TACR_ (1ull << 21)
#define HCR_TSW_  (1ull << 22)
#define HCR_TPCP_ (1ull << 23)
#define HCR_TPU_  (1ull << 24)
#define HCR_TVM_  (1ull << 26)
#define HCR_TDZ_  (1ull << 28)
#define HCR_HCD_  (1ull << 29)
#define HCR_TRVM_ (1ull << 30)

int main(void)
{
    CHECK_EQ(current_el(), 2);

    /* Untrapped: the access completes at EL1. */
    report("sctlr write, no trap", run_el1(w_sctlr, 0), 0, 0);
    report("TVM: sctlr write", run_el1(w_sctlr, HCR_TVM_), 2, EC_SYSREG);
    report("TVM: sctlr read", run_el1(r_sctlr, HCR_TVM_), 0, 0);
    report("TVM: mair write", run_el1(w_mair, HCR_TVM_), 2, EC_SYSREG);
    report("TRVM: ttbr0 read", run_el1(r_ttbr0, HCR_TRVM_), 2, EC_SYSREG);
    report("TID1: revidr read", run_el1(r_revidr, HCR_TID1_), 2, EC_SYSREG);
    report("TID2: ctr read", run_el1(r_ctr, HCR_TID2_), 2, EC_SYSREG);
    report("TID2: clidr read", run_el1(r_clidr, HCR_TID2_), 2, EC_SYSREG);
    report("TID3: id_aa64pfr0 read", run_el1(r_pfr0, HCR_TID3_), 2, EC_SYSREG);
    report("TID3: id_aa64isar0 read", run_el1(r_isar0, HCR_TID3_), 2, EC_SYSREG);
    report("TACR: actlr read", run_el1(r_actlr, HCR_TACR_), 2, EC_SYSREG);
    report("TSW: dc isw", run_el1(dc_isw, HCR_TSW_), 2, EC_SYSREG);
    report("TPCP: dc civac", run_el1(dc_civac, HCR_TPCP_), 2, EC_SYSREG);
    report("TDZ: dc zva", run_el1(dc_zva, HCR_TDZ_), 2, EC_SYSREG);
    report("TPU: ic iallu", run_el1(ic_iallu, HCR_TPU_), 2, EC_SYSREG);
    report("TWI: wfi", run_el1(do_wfi, HCR_TWI_), 2, EC_WFX);
    report("TSC: smc", run_el1(do_smc, HCR_TSC_), 2, EC_SMC64);
    report("hvc", run_el1(do_hvc, 0), 2, EC_HVC64);
    report("HCD: hvc", run_el1(do_hvc, HCR_HCD_), 1, EC_UNKNOWN);
    report("EL2 register at EL1", run_el1(r_hcr, 0), 1, EC_UNKNOWN);
    report("sctlr_el12 at EL1", run_el1(r_sctlr12, 0), 1, EC_UNKNOWN);

    /* EL0 PSTATE access needs SCTLR_EL1.UMA: MSR DAIFSet traps to EL1 (or EL2 under TGE). */
    uint64_t sctlr1 = read_sysreg(sctlr_el1);
    write_sysreg(sctlr1 & ~(1ull << 9), sctlr_el1);
    /* Only EL and EC are printed: QEMU 10 swaps Op1 and Op2 in this ISS (docs/features.md). */
    struct outcome o = run_el0(daifset, 0);
    CHECK_EQ(o.el, 1);
    CHECK_EQ(ESR_EC(o.esr), EC_SYSREG);
    printf("EL0 msr daifset, UMA = 0 -> EL%u EC=0x%02x\n", o.el, (unsigned)ESR_EC(o.esr));
    o = run_el0(daifset, 1ull << 27);
    CHECK_EQ(o.el, 2);
    printf("EL0 msr daifset, UMA = 0, TGE -> EL%u EC=0x%02x\n", o.el, (unsigned)ESR_EC(o.esr));
    write_sysreg(sctlr1 | (1ull << 9), sctlr_el1);
    report("EL0 msr daifset, UMA = 1", run_el0(daifset, 0), 0, 0);
    write_sysreg(sctlr1, sctlr_el1);

    write_sysreg((1ull << 31) | 0x33ff, cptr_el2);
    report("CPTR.TCPAC: cpacr read", run_el1(r_cpacr, 0), 2, EC_SYSREG);
    write_sysreg(0x33ff, cptr_el2);
    report("cpacr read, no trap", run_el1(r_cpacr, 0), 0, 0);

    write_sysreg(1ull << 9, mdcr_el2);
    report("MDCR.TDA: mdscr read", run_el1(r_mdscr, 0), 2, EC_SYSREG);
    write_sysreg(1ull << 10, mdcr_el2);
    report("MDCR.TDOSA: oslsr read", run_el1(r_oslsr, 0), 2, EC_SYSREG);
    write_sysreg(0, mdcr_el2);
    report("oslsr read, no trap", run_el1(r_oslsr, 0), 0, 0);

    return test_summary();
}
