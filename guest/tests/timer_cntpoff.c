/*
 * FEAT_ECV's physical offset (Arm ARM D11.2.4): with CNTHCTL_EL2.ECV = 1, CNTPOFF_EL2
 * is subtracted from the physical count that EL1 and EL0 read and that the EL1
 * physical timer compares, but not at EL2 nor in the EL2&0 host. Without EL3 the
 * offset is enabled by CNTHCTL_EL2.ECV alone (SCR_EL3.ECVEn is not there to gate it).
 *
 * guest-test-qemu: skip QEMU 10.0.2 also requires SCR_EL3.ECVEn, which stays 0 on virt without EL3,
 * so it never applies CNTPOFF_EL2
 */
#include "timer_util.h"

#define CNTHCTL_ECV (1ull << 12)
#define SLACK       1000000000ull /* 1 s of counter between two reads, at most */

static volatile uint64_t lower_count;
static void read_cntpct(void)
{
    lower_count = read_sysreg(cntpct_el0);
}

/* The offset a lower EL sees: physical count (read by EL2 after) minus its count. */
static uint64_t lower_offset(unsigned el, void (*fn)(void), uint64_t hcr)
{
    struct lower_result r = el == 1 ? run_at_el1(fn, hcr) : run_at_el0(fn, hcr);
    CHECK_EQ(r.taken, 0);
    return read_sysreg(cntpct_el0) - lower_count;
}

static bool near(uint64_t value, uint64_t expected)
{
    return value >= expected && value - expected < SLACK;
}

static void physical_offset(void)
{
    const uint64_t off = 1ull << 36;
    write_sysreg(off, CNTPOFF_EL2);
    write_sysreg(3, cnthctl_el2); /* ECV = 0: no physical offset */
    isb();
    CHECK(near(lower_offset(1, read_cntpct, 0), 0));
    write_sysreg(3 | CNTHCTL_ECV, cnthctl_el2);
    isb();
    CHECK(near(lower_offset(1, read_cntpct, 0), off));
    CHECK(near(lower_offset(0, read_cntpct, 0), off));
    write_sysreg(3 | CNTHCTL_ECV | 0x303, cnthctl_el2); /* + the host's EL0 enables */
    CHECK(near(lower_offset(0, read_cntpct, HCR_E2H | HCR_TGE), 0));
    uint64_t p0 = read_sysreg(cntpct_el0), pss = read_sysreg(CNTPCTSS_EL0);
    CHECK(pss >= p0 && pss - p0 < SLACK); /* EL2 sees the physical count */

    /* The EL1 physical timer compares count - CNTPOFF_EL2 while ECV is enabled. */
    write_sysreg(0, CNTPOFF_EL2);
    write_sysreg(read_sysreg(cntpct_el0) + (1ull << 33), cntp_cval_el0);
    write_sysreg(CTL_ENABLE | CTL_IMASK, cntp_ctl_el0);
    isb();
    CHECK_EQ(read_sysreg(cntp_ctl_el0), CTL_ENABLE | CTL_IMASK);
    write_sysreg(-(1ull << 34), CNTPOFF_EL2); /* count - offset = count + 2^34 */
    isb();
    CHECK_EQ(read_sysreg(cntp_ctl_el0), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    CHECK((int32_t)read_sysreg(cntp_tval_el0) < 0);
    write_sysreg(3, cnthctl_el2); /* ECV off: the offset no longer applies */
    isb();
    CHECK_EQ(read_sysreg(cntp_ctl_el0), CTL_ENABLE | CTL_IMASK);
    write_sysreg(0, cntp_ctl_el0);
    write_sysreg(0, CNTPOFF_EL2);
    write_sysreg(0, cntkctl_el1);
    printf("CNTPOFF_EL2 checked\n");
}

int main(void)
{
    write_sysreg(1, cntkctl_el1); /* EL0PCTEN */
    physical_offset();
    return test_summary();
}
