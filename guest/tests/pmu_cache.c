/*
 * The PMU's cache events count the cache model's own events (-cache mode=on; docs/pmu.md):
 * PMCEID0_EL0 advertises them, and L1D_CACHE, L1D_CACHE_REFILL, L2D_CACHE, L2D_CACHE_REFILL and
 * L1I_CACHE_REFILL match a known access pattern: 64 lines of a Write-Back page read after DC
 * CIVAC (every read misses in L1D and L2), then read again (every read hits L1D), and a routine
 * fetched from a Write-Back page once after IC IVAU (one L1I refill) and once more (none; L1I_CACHE
 * counts the lines the PC enters, the same both times).
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: skip the cache model is on already
 */
#include "cache_util.h"
#include "pmu_util.h"

#define EV_L1I_CACHE    0x14
#define EV_L1D_CACHE_WB 0x15
#define EV_L2D_CACHE_WB 0x18

static const unsigned events[6] = {EV_L1D_CACHE,        EV_L1D_CACHE_REFILL, EV_L2D_CACHE,
                                   EV_L2D_CACHE_REFILL, EV_L1I_CACHE_REFILL, EV_L1I_CACHE};
static const char *const names[6] = {"L1D_CACHE",        "L1D_CACHE_REFILL", "L2D_CACHE",
                                     "L2D_CACHE_REFILL", "L1I_CACHE_REFILL", "L1I_CACHE"};

static void start(void)
{
    pmu_reset_all();
    for (unsigned n = 0; n < 6; n++)
        pmu_set_type(n, EVT_NSH | events[n]);
    write_sysreg(0x3F, pmcntenset_el0);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
}

static void stop(uint64_t *c)
{
    write_sysreg(0, pmcr_el0);
    isb();
    for (unsigned n = 0; n < 6; n++)
        c[n] = pmu_count(n);
}

static void show(const char *what, const uint64_t *c)
{
    printf("%s:", what);
    for (unsigned n = 0; n < 6; n++)
        printf(" %s %lu", names[n], c[n]);
    printf("\n");
}

static void read_lines(void)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < 64; i++)
        sum += *cache_line(i);
    (void)sum;
}

/* The same code both times, so that only fn's line can be new to the L1I. */
static void __attribute__((noinline)) measure_call(void (*fn)(void), uint64_t *c)
{
    start();
    fn();
    stop(c);
}

int main(void)
{
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    uint64_t ceid0 = read_sysreg(pmceid0_el0);
    uint64_t want = (1ull << EV_L1I_CACHE_REFILL) | (1ull << EV_L1D_CACHE_REFILL) |
                    (1ull << EV_L1D_CACHE) | (1ull << EV_L1I_CACHE) | (1ull << EV_L1D_CACHE_WB) |
                    (1ull << EV_L2D_CACHE) | (1ull << EV_L2D_CACHE_REFILL) |
                    (1ull << EV_L2D_CACHE_WB);
    CHECK_EQ(ceid0 & want, want);

    cache_mmu_on();
    for (unsigned i = 0; i < 64; i++)
        __asm__ volatile("dc civac, %0" ::"r"(cache_line(i)) : "memory");
    dsb(sy);
    uint64_t c[6];
    start();
    read_lines();
    stop(c);
    show("first reads", c);
    CHECK_EQ(c[0], 64);
    CHECK_EQ(c[1], 64);
    CHECK_EQ(c[2], 64);
    CHECK_EQ(c[3], 64);
    start();
    read_lines();
    stop(c);
    show("second reads", c);
    CHECK_EQ(c[0], 64);
    CHECK_EQ(c[1], 0);
    CHECK_EQ(c[2], 0);

    /* A RET in the Write-Back code page. */
    cache_code[0] = 0xd65f03c0;
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(cache_code)
                     : "memory");
    void (*fn)(void) = (void (*)(void))(uintptr_t)cache_code;
    measure_call(fn, c);
    show("first call", c);
    CHECK_EQ(c[4], 1);
    uint64_t entered = c[5]; /* every line the PC enters: fn's and the PMU accesses' */
    CHECK(entered >= 1);
    measure_call(fn, c);
    show("second call", c);
    CHECK_EQ(c[4], 0);
    CHECK_EQ(c[5], entered);
    cache_mmu_off();
    return test_summary();
}
