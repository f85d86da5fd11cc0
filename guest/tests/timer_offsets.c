/*
 * The virtual offset (Arm ARM D11.2.4): CNTVOFF_EL2 lies between the physical and
 * the virtual count as EL2 (E2H = 0), EL1 and EL0 see them, but not in the EL2&0
 * host; the EL1 virtual timer compares the virtual count. (CNTPOFF_EL2:
 * timer_cntpoff.c.)
 */
#include "timer_util.h"

#define SLACK 1000000000ull /* 1 s of counter between two reads, at most */

static volatile uint64_t lower_count;
static void read_cntvct(void)
{
    lower_count = read_sysreg(cntvct_el0);
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

static void virtual_offset(void)
{
    const uint64_t off = 0x123400000000ull;
    write_sysreg(off, cntvoff_el2);
    isb();
    uint64_t v = read_sysreg(cntvct_el0), p = read_sysreg(cntpct_el0);
    CHECK(near(p - v, off));
    CHECK(near(lower_offset(1, read_cntvct, 0), off));
    write_sysreg(3, cntkctl_el1); /* EL0PCTEN | EL0VCTEN */
    CHECK(near(lower_offset(0, read_cntvct, 0), off));
    CHECK(near(lower_offset(0, read_cntvct, HCR_E2H | HCR_TGE), 0)); /* the host: no offset */

    /* The EL1 virtual timer compares the virtual count: moving CNTVOFF_EL2 back by
     * 2^31 moves the virtual count forward past a CVAL 2^30 ahead. */
    write_sysreg(read_sysreg(cntvct_el0) + (1ull << 30), cntv_cval_el0);
    write_sysreg(CTL_ENABLE | CTL_IMASK, cntv_ctl_el0);
    isb();
    CHECK_EQ(read_sysreg(cntv_ctl_el0), CTL_ENABLE | CTL_IMASK);
    write_sysreg(off - (1ull << 31), cntvoff_el2);
    isb();
    CHECK_EQ(read_sysreg(cntv_ctl_el0), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    CHECK((int32_t)read_sysreg(cntv_tval_el0) < -(1 << 29));
    write_sysreg(0, cntv_ctl_el0);
    write_sysreg(0, cntvoff_el2);
    printf("CNTVOFF_EL2 checked\n");
}

int main(void)
{
    virtual_offset();
    return test_summary();
}
