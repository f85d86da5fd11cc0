/*
 * avsim's deterministic guest time (-icount shift=N, timer/timer.h): the counter
 * advances exactly 2^N ticks per instruction; WFI with a timer armed 1000 s ahead
 * resumes exactly at the deadline without running the idle time; a busy-wait of
 * 2 s of counter time costs 2e9 / 2^N instructions. Exact counts, so not compared
 * with QEMU.
 *
 * guest-test-qemu: skip exact instruction-driven counter values are avsim's icount mode
 * guest-test-variant: shift0 virt,virtualization=on,gic-version=3 -icount shift=0
 * guest-test-variant: shift7 virt,gic-version=3 -icount 7
 */
#include "gic_util.h"
#include "timer_util.h"

/* Ticks between two back-to-back counter reads: one instruction. */
static uint64_t one_instruction(void)
{
    uint64_t a, b;
    __asm__ volatile("mrs %0, cntvct_el0\n\tmrs %1, cntvct_el0" : "=r"(a), "=r"(b));
    return b - a;
}

static uint64_t three_instructions(void)
{
    uint64_t a, b;
    __asm__ volatile("mrs %0, cntvct_el0\n\tnop\n\tnop\n\tmrs %1, cntvct_el0" : "=r"(a), "=r"(b));
    return b - a;
}

int main(void)
{
    uint64_t tick = one_instruction();
    CHECK(tick != 0 && (tick & (tick - 1)) == 0 && tick <= 1024);
    for (unsigned i = 0; i < 100; i++)
        CHECK_EQ(one_instruction(), tick);
    CHECK_EQ(three_instructions(), 3 * tick);
    printf("%lu ticks per instruction\n", tick);

    /* WFI until a deadline 1000 s ahead: the count jumps to it. */
    gic_dist_enable();
    gic_cpu_enable();
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << 27;
    dsb(sy);
    uint64_t deadline = read_sysreg(cntvct_el0) + 1000 * read_sysreg(cntfrq_el0);
    write_sysreg(deadline, cntv_cval_el0);
    write_sysreg(CTL_ENABLE, cntv_ctl_el0);
    isb();
    uint64_t before_wfi = read_sysreg(cntvct_el0);
    wfi();
    uint64_t after = read_sysreg(cntvct_el0);
    CHECK(before_wfi < deadline);
    CHECK_EQ(after, deadline); /* the time skipped ends exactly at the deadline */
    CHECK_EQ(*gicr_sgi(this_cpu(), GICR_ISPENDR0) & (1u << 27), 1u << 27);
    write_sysreg(0, cntv_ctl_el0);
    printf("WFI resumed at the deadline, 1000 s later\n");

    /* Busy-wait 2 s of counter time (0.25 s below 8 ticks per instruction). */
    uint64_t span = tick >= 8 ? 2000000000ull : 250000000ull;
    uint64_t start = read_sysreg(cntvct_el0), loops = 0;
    while (read_sysreg(cntvct_el0) - start < span)
        loops++;
    CHECK(loops > 0 && loops < span / tick);
    printf("busy-waited %s of counter time\n", tick >= 8 ? "2 s" : "0.25 s");
    return test_summary();
}
