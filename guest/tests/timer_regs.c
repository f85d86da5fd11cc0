/*
 * Generic Timer CTL / CVAL / TVAL semantics for each timer this EL reaches (Arm ARM
 * D24.10): ISTATUS computed from the count (also while IMASK is set, and 0 while
 * disabled), TVAL as the signed 32-bit distance to CVAL (negative once expired,
 * bits [63:32] zero), TVAL writes sign-extended into CVAL, CVAL a full 64-bit
 * comparator, and the counters, CNTFRQ and the FEAT_ECV self-synchronized views.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "timer_util.h"

static void check_timer(const struct gtimer *t)
{
    printf("%s\n", t->name);

    /* Disabled: ISTATUS reads 0 even though the condition (count >= 0) holds. */
    t->set_cval(0);
    t->set_ctl(0);
    CHECK_EQ(t->ctl(), 0);
    /* CTL keeps ENABLE and IMASK; ISTATUS is read-only and reflects the condition. */
    t->set_ctl(~0ull);
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    t->set_ctl(CTL_ENABLE);
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_ISTATUS);

    /* A compare value far ahead: not met; TVAL saturates nothing, it is CVAL - count. */
    uint64_t now = t->count();
    t->set_cval(now + (1ull << 40));
    CHECK_EQ(t->ctl(), CTL_ENABLE);
    CHECK_EQ(t->tval() >> 32, 0); /* bits [63:32] of TVAL are RES0 */

    /* TVAL after a CVAL write: the distance left, a little less than what was set. */
    now = t->count();
    t->set_cval(now + (1ull << 30));
    int32_t left = (int32_t)t->tval();
    CHECK(left > 0 && left <= (1 << 30));

    /* TVAL write: CVAL = count + SignExtend(TVAL[31:0]); upper bits ignored. */
    uint64_t before = t->count();
    t->set_tval(0xFFFFFFFF40000000ull);
    uint64_t cval = t->cval(), after = t->count();
    CHECK(cval >= before + 0x40000000 && cval <= after + 0x40000000);
    CHECK_EQ(t->ctl(), CTL_ENABLE);

    /* Negative TVAL: CVAL in the past, condition met at once; TVAL reads negative. */
    before = t->count();
    t->set_tval((uint64_t)-5000);
    cval = t->cval();
    after = t->count();
    CHECK(cval >= before - 5000 && cval <= after - 5000);
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_ISTATUS);
    CHECK((int32_t)t->tval() <= -5000);
    CHECK_EQ(t->tval() >> 32, 0);

    /* 0x80000000 is the most negative TVAL: CVAL = count - 2^31 (mod 2^64). */
    before = t->count();
    t->set_tval(0x80000000u);
    after = t->count();
    CHECK(t->cval() >= before - 0x80000000ull && t->cval() <= after - 0x80000000ull);

    /* ISTATUS while masked: IMASK only masks the interrupt. */
    t->set_tval((uint64_t)-5000);
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);

    /* Unsigned 64-bit comparison: the largest CVAL is never reached. */
    t->set_cval(~0ull);
    CHECK_EQ(t->cval(), ~0ull);
    CHECK_EQ(t->ctl(), CTL_ENABLE | CTL_IMASK);

    /* Reaching a deadline by waiting: ISTATUS goes from 0 to 1. */
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    t->set_tval(100000000); /* 100 ms */
    CHECK_EQ(t->ctl() & CTL_ISTATUS, 0);
    unsigned polls = 0;
    while (!(t->ctl() & CTL_ISTATUS) && polls < 100000000)
        polls++;
    CHECK(t->ctl() & CTL_ISTATUS);
    CHECK((int32_t)t->tval() <= 0);

    t->set_ctl(0);
}

int main(void)
{
    CHECK_EQ(read_sysreg(cntfrq_el0), 1000000000);
    /* The counters advance; the self-synchronized views (FEAT_ECV) read the same count. */
    uint64_t p0 = read_sysreg(cntpct_el0), pss = read_sysreg(CNTPCTSS_EL0);
    uint64_t p1 = read_sysreg(cntpct_el0);
    CHECK(p0 <= pss && pss <= p1);
    uint64_t v0 = read_sysreg(cntvct_el0), vss = read_sysreg(CNTVCTSS_EL0);
    uint64_t v1 = read_sysreg(cntvct_el0);
    CHECK(v0 <= vss && vss <= v1);
    CHECK(v1 > v0);
    CHECK_EQ((read_sysreg(id_aa64mmfr0_el1) >> 60) & 0xF, 2); /* FEAT_ECV with CNTPOFF */

    for (unsigned i = 0; i < gtimer_count(); i++)
        check_timer(&gtimers[i]);
    return test_summary();
}
