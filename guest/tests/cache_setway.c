/*
 * Cache maintenance by set/way (Arm ARM C5.3, D7.5.9; caches-and-attributes.md §6.4) over every
 * set and way of each level that CLIDR_EL1 and CCSIDR_EL1 describe:
 *  - DC CSW of the L1 only moves dirty data to the L2: a read with the MMU off still sees
 *    memory's old value;
 *  - DC CSW of the L1, then of the L2, reaches memory; DC CISW of both levels too;
 *  - DC ISW of the L1 discards a dirty line: the store is lost.
 * The checker reports the stale read and the lost write once each.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

CACHE_ACCESSORS(l1only);
CACHE_ACCESSORS(both);
CACHE_ACCESSORS(cisw);
CACHE_ACCESSORS(isw);

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    uint64_t clidr = read_sysreg(clidr_el1);
    CHECK_EQ(clidr & 0x3f, 0x23);   /* L1 separate I and D, L2 unified */
    CHECK_EQ((clidr >> 24) & 7, 2); /* LoC: both levels to clean to the PoC */
    for (unsigned n = 0; n < 16; n++)
        *cache_line(n) = 0x1000 + n; /* memory, with the MMU off */
    cache_mmu_on();

    for (unsigned n = 0; n < 4; n++)
        l1only_st(cache_line(n), 0x2000 + n);
    cache_setway_level(1, c_dc_csw);
    cache_mmu_off();
    CHECK_EQ(l1only_ld(cache_line(0)), 0x1000);
    expect("stale-read", l1only_ld, l1only_st);
    cache_mmu_on();
    cache_setway_level(2, c_dc_csw);
    cache_mmu_off();
    for (unsigned n = 0; n < 4; n++)
        CHECK_EQ(l1only_ld(cache_line(n)), 0x2000 + n);

    cache_mmu_on();
    for (unsigned n = 4; n < 8; n++)
        both_st(cache_line(n), 0x2000 + n);
    cache_setway_level(1, c_dc_csw);
    cache_setway_level(2, c_dc_csw);
    for (unsigned n = 8; n < 12; n++)
        cisw_st(cache_line(n), 0x2000 + n);
    cache_setway_level(1, c_dc_cisw);
    cache_setway_level(2, c_dc_cisw);
    cache_mmu_off();
    for (unsigned n = 4; n < 12; n++)
        CHECK_EQ(both_ld(cache_line(n)), 0x2000 + n);

    cache_mmu_on();
    isw_st(cache_line(12), 0x2012);
    cache_setway_level(1, c_dc_isw);
    expect("lost-write", c_dc_isw, isw_st);
    CHECK_EQ(isw_ld(cache_line(12)), 0x100c); /* the L2's copy, memory's */
    cache_mmu_off();
    CHECK_EQ(isw_ld(cache_line(12)), 0x100c);
    return test_summary();
}
