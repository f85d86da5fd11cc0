/*
 * Data written with the MMU and caches on, then read with them off (Arm ARM B2.11, the
 * hazard of a rebooted guest: ../shared/reference/kvm-behaviour.md): the read is Device and
 * sees memory, not the line still dirty in the L1D, until DC CVAC or DC CIVAC cleans it to the
 * Point of Coherency. Exact values under -cache mode=on; the checker (mode=check) reports the
 * stale read once, with the PCs of the load and of the store it missed, and nothing for the
 * corrected sequences.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

CACHE_ACCESSORS(stale);
CACHE_ACCESSORS(cvac);
CACHE_ACCESSORS(civac);

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    /* Memory holds the old values (written with the MMU off: Device, to memory). */
    *cache_line(0) = 0x1111;
    *cache_line(1) = 0x3333;
    *cache_line(2) = 0x5555;

    cache_mmu_on();
    stale_st(cache_line(0), 0x2222); /* Write-Back: dirty in the L1D */
    cvac_st(cache_line(1), 0x4444);
    c_dc_cvac(cache_line(1));
    civac_st(cache_line(2), 0x6666);
    c_dc_civac(cache_line(2));
    dsb(sy);
    cache_mmu_off();

    CHECK_EQ(stale_ld(cache_line(0)), 0x1111); /* memory's old value */
    expect("stale-read", stale_ld, stale_st);
    CHECK_EQ(cvac_ld(cache_line(1)), 0x4444);
    CHECK_EQ(civac_ld(cache_line(2)), 0x6666);

    /* With the MMU on again, the cacheable view still has the newest value. */
    cache_mmu_on();
    CHECK_EQ(stale_ld(cache_line(0)), 0x2222);
    cache_mmu_off();
    return test_summary();
}
