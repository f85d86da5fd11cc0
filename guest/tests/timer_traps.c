/*
 * Generic Timer access traps: CNTKCTL_EL1's EL0 enables (to EL1, or to EL2 under
 * HCR_EL2.TGE), CNTHCTL_EL2 in both layouts (E2H = 0: EL1PCTEN [0], EL1PCEN [1];
 * E2H = 1: EL1PCTEN [10], EL1PTEN [11], and the EL0 enables of the EL2&0 host),
 * and the FEAT_ECV traps EL1TVT [13] and EL1TVCT [14]. EL2 sets the controls, code
 * at EL1 or EL0 makes one access, and the line printed shows where it trapped.
 */
#include "timer_util.h"

#define EL1TVT          (1ull << 13)
#define EL1TVCT         (1ull << 14)
#define CNTKCTL_ALL_EL0 0x303 /* EL0PCTEN | EL0VCTEN | EL0VTEN | EL0PTEN */

#define PROBE_R(fn, reg)                                                                           \
    static void fn(void)                                                                           \
    {                                                                                              \
        __asm__ volatile("mrs x0, " GUEST_STRINGIFY(reg)::: "x0", "memory");                       \
    }
#define PROBE_W(fn, reg)                                                                           \
    static void fn(void)                                                                           \
    {                                                                                              \
        __asm__ volatile("msr " GUEST_STRINGIFY(reg) ", xzr" ::: "memory");                        \
    }

PROBE_R(rd_cntpct, cntpct_el0)
PROBE_R(rd_cntpctss, CNTPCTSS_EL0)
PROBE_R(rd_cntvct, cntvct_el0)
PROBE_R(rd_cntvctss, CNTVCTSS_EL0)
PROBE_R(rd_cntfrq, cntfrq_el0)
PROBE_R(rd_cntp_ctl, cntp_ctl_el0)
PROBE_W(wr_cntp_cval, cntp_cval_el0)
PROBE_R(rd_cntp_tval, cntp_tval_el0)
PROBE_R(rd_cntv_ctl, cntv_ctl_el0)
PROBE_W(wr_cntv_cval, cntv_cval_el0)
PROBE_R(rd_cntv_tval, cntv_tval_el0)
PROBE_W(wr_cntfrq, cntfrq_el0)

struct probe {
    const char *name;
    void (*fn)(void);
};

static const struct probe probes[] = {
    {"CNTPCT", rd_cntpct},         {"CNTPCTSS", rd_cntpctss},   {"CNTVCT", rd_cntvct},
    {"CNTVCTSS", rd_cntvctss},     {"CNTFRQ", rd_cntfrq},       {"CNTP_CTL", rd_cntp_ctl},
    {"CNTP_CVAL<-", wr_cntp_cval}, {"CNTP_TVAL", rd_cntp_tval}, {"CNTV_CTL", rd_cntv_ctl},
    {"CNTV_CVAL<-", wr_cntv_cval}, {"CNTV_TVAL", rd_cntv_tval},
};

/* Runs every probe at `el` with these controls; prints one line per probe and
 * returns a bit per probe that trapped to EL1 (bits 0-15) or EL2 (bits 16-31). */
static uint32_t sweep(unsigned el, uint64_t hcr, uint64_t cnthctl, uint64_t cntkctl)
{
    uint32_t traps = 0;
    printf("EL%u HCR_EL2 %s%s CNTHCTL_EL2 0x%05lx CNTKCTL_EL1 0x%03lx\n", el,
           hcr & HCR_E2H ? "E2H" : "-", hcr & HCR_TGE ? "+TGE" : "", cnthctl, cntkctl);
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        write_sysreg(cnthctl, cnthctl_el2);
        write_sysreg(cntkctl, cntkctl_el1);
        isb();
        struct lower_result r =
            el == 1 ? run_at_el1(probes[i].fn, hcr) : run_at_el0(probes[i].fn, hcr);
        if (!r.taken) {
            printf("  %-12s ok\n", probes[i].name);
            continue;
        }
        printf("  %-12s EL%u ESR 0x%08lx\n", probes[i].name, r.last.el, r.last.esr);
        traps |= 1u << (i + (r.last.el == 2 ? 16 : 0));
    }
    return traps;
}

/* Probe bits, in the order of probes[]. */
enum { PCT = 1, PCTSS = 2, VCT = 4, VCTSS = 8, FRQ = 16, P_ALL = 0xE0, V_ALL = 0x700 };
#define EL2_TRAPS(m) ((uint32_t)(m) << 16)

int main(void)
{
    /* EL1, E2H = 0: EL1PCTEN [0] and EL1PCEN [1]. */
    CHECK_EQ(sweep(1, 0, 0, 0), EL2_TRAPS(PCT | PCTSS | P_ALL));
    CHECK_EQ(sweep(1, 0, 1, 0), EL2_TRAPS(P_ALL));
    CHECK_EQ(sweep(1, 0, 2, 0), EL2_TRAPS(PCT | PCTSS));
    CHECK_EQ(sweep(1, 0, 3 | EL1TVT, 0), EL2_TRAPS(V_ALL));
    CHECK_EQ(sweep(1, 0, 3 | EL1TVCT, 0), EL2_TRAPS(VCT | VCTSS));
    /* EL1, E2H = 1, TGE = 0: EL1PCTEN [10] and EL1PTEN [11]. */
    CHECK_EQ(sweep(1, HCR_E2H, 3, 0), EL2_TRAPS(PCT | PCTSS | P_ALL));
    CHECK_EQ(sweep(1, HCR_E2H, 1 << 10, 0), EL2_TRAPS(P_ALL));
    CHECK_EQ(sweep(1, HCR_E2H, 1 << 11, 0), EL2_TRAPS(PCT | PCTSS));
    /* EL0, E2H = 0: CNTKCTL_EL1 first (to EL1), then CNTHCTL_EL2 (to EL2). */
    CHECK_EQ(sweep(0, 0, 3, 0), PCT | PCTSS | VCT | VCTSS | FRQ | P_ALL | V_ALL);
    CHECK_EQ(sweep(0, 0, 0, CNTKCTL_ALL_EL0), EL2_TRAPS(PCT | PCTSS | P_ALL));
    CHECK_EQ(sweep(0, 0, 3, 1), VCT | VCTSS | P_ALL | V_ALL);
    CHECK_EQ(sweep(0, 0, 3 | EL1TVT | EL1TVCT, CNTKCTL_ALL_EL0), EL2_TRAPS(VCT | VCTSS | V_ALL));
    /* EL0, E2H = 1, TGE = 0: the E2H = 1 EL1 controls apply to EL0 too. */
    CHECK_EQ(sweep(0, HCR_E2H, 0, CNTKCTL_ALL_EL0), EL2_TRAPS(PCT | PCTSS | P_ALL));
    CHECK_EQ(sweep(0, HCR_E2H, 3 << 10, CNTKCTL_ALL_EL0), 0);
    /* EL0 under TGE with E2H = 0: CNTKCTL_EL1 traps go to EL2. */
    CHECK_EQ(sweep(0, HCR_TGE, 3, 0), EL2_TRAPS(PCT | PCTSS | VCT | VCTSS | FRQ | P_ALL | V_ALL));
    /* EL0 in the EL2&0 host: CNTHCTL_EL2's EL0 enables, no ECV traps. */
    CHECK_EQ(sweep(0, HCR_E2H | HCR_TGE, 0, CNTKCTL_ALL_EL0),
             EL2_TRAPS(PCT | PCTSS | VCT | VCTSS | FRQ | P_ALL | V_ALL));
    CHECK_EQ(sweep(0, HCR_E2H | HCR_TGE, CNTKCTL_ALL_EL0 | EL1TVT | EL1TVCT, 0), 0);

    /* CNTFRQ_EL0 is writable only at the highest Exception level. */
    struct lower_result r = run_at_el1(wr_cntfrq, 0);
    printf("MSR CNTFRQ_EL0 at EL1: %u exception(s), EL%u ESR 0x%08lx\n", r.taken, r.last.el,
           r.last.esr);
    CHECK_EQ(r.taken, 1);

    write_sysreg(3, cnthctl_el2);
    write_sysreg(0, cntkctl_el1);
    return test_summary();
}
