/*
 * Mismatched attributes (Arm ARM B2.11; caches-and-attributes.md §4, hazards H5 and H6): one
 * page mapped Write-Back and, at ALIAS_NC, Non-cacheable.
 *  - A Non-cacheable write goes to memory; a cacheable read of the line still cached returns the
 *    old value, until DC IVAC (or CIVAC) drops the stale line.
 *  - A Non-cacheable write under a dirty Write-Back line is lost when the line is written back
 *    (here by DC CVAC), unless the line was cleaned first.
 * Write-Through stores (ALIAS_WT) reach memory at once. The checker reports the stale read and
 * the lost write once each.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

CACHE_ACCESSORS(wb);
CACHE_ACCESSORS(nc);
CACHE_ACCESSORS(fixed);
CACHE_ACCESSORS(dirty);
CACHE_ACCESSORS(wt);

static volatile uint64_t *alias(uint64_t base, volatile uint64_t *p)
{
    return (volatile uint64_t *)(uintptr_t)(base + ((uintptr_t)p & 0xfff));
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    for (unsigned n = 0; n < 6; n++)
        *cache_line(n) = 0x1000 + n;
    cache_mmu_on();

    /* H5: stale clean line. */
    CHECK_EQ(wb_ld(cache_line(0)), 0x1000); /* cached, clean */
    nc_st(alias(ALIAS_NC, cache_line(0)), 0x2000);
    CHECK_EQ(wb_ld(cache_line(0)), 0x1000);
    expect("stale-read", wb_ld, nc_st);
    CHECK_EQ(nc_ld(alias(ALIAS_NC, cache_line(0))), 0x2000);

    /* ... fixed by invalidating after the Non-cacheable write. */
    CHECK_EQ(fixed_ld(cache_line(1)), 0x1001);
    fixed_st(alias(ALIAS_NC, cache_line(1)), 0x2001);
    dsb(sy);
    c_dc_ivac(cache_line(1));
    dsb(sy);
    CHECK_EQ(fixed_ld(cache_line(1)), 0x2001);

    /* H6: a dirty line's write-back overwrites the Non-cacheable write. */
    dirty_st(cache_line(2), 0x3002);
    nc_st(alias(ALIAS_NC, cache_line(2)), 0x2002);
    dsb(sy);
    c_dc_cvac(cache_line(2));
    dsb(sy);
    CHECK_EQ(nc_ld(alias(ALIAS_NC, cache_line(2))), 0x3002);
    expect("lost-write", c_dc_cvac, nc_st);

    /* ... fixed by cleaning and invalidating the cacheable alias first. */
    dirty_st(cache_line(3), 0x3003);
    c_dc_civac(cache_line(3));
    dsb(sy);
    fixed_st(alias(ALIAS_NC, cache_line(3)), 0x2003);
    dsb(sy);
    CHECK_EQ(fixed_ld(alias(ALIAS_NC, cache_line(3))), 0x2003);
    CHECK_EQ(fixed_ld(cache_line(3)), 0x2003);

    /* Write-Through: memory and the cached copy both get the store. */
    CHECK_EQ(wt_ld(alias(ALIAS_WT, cache_line(4))), 0x1004);
    wt_st(alias(ALIAS_WT, cache_line(4)), 0x4004);
    CHECK_EQ(nc_ld(alias(ALIAS_NC, cache_line(4))), 0x4004);
    CHECK_EQ(wb_ld(cache_line(4)), 0x4004);

    cache_mmu_off();
    return test_summary();
}
