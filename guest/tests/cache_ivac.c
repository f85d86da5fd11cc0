/*
 * DC IVAC of a dirty line (caches-and-attributes.md §6.1, hazard H4): the invalidation drops
 * the line without writing it back, so the store it held is lost and a later read returns
 * memory's old value; DC CIVAC keeps it. At EL1 with stage 2 enabled (HCR_EL2.VM, here with
 * HCR_EL2.DC making EL1's accesses Write-Back) DC IVAC is performed as DC CIVAC (Arm ARM C5.3,
 * AArch64.DC), so a guest cannot discard data. The checker reports the lost write once, at the
 * DC IVAC, with the PC of the store.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

CACHE_ACCESSORS(lost);
CACHE_ACCESSORS(kept);
CACHE_ACCESSORS(guest);

static void el1_store_and_invalidate(void)
{
    guest_st(cache_line(2), 0x6666);
    c_dc_ivac(cache_line(2));
    dsb(sy);
    *cache_line(3) = guest_ld(cache_line(2));
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    *cache_line(0) = 0x1111; /* memory, with the MMU off */
    *cache_line(1) = 0x3333;
    *cache_line(2) = 0x5555;
    cache_mmu_on();

    lost_st(cache_line(0), 0x2222);
    c_dc_ivac(cache_line(0));
    dsb(sy);
    CHECK_EQ(lost_ld(cache_line(0)), 0x1111);
    expect("lost-write", c_dc_ivac, lost_st);

    kept_st(cache_line(1), 0x4444);
    c_dc_civac(cache_line(1));
    dsb(sy);
    CHECK_EQ(kept_ld(cache_line(1)), 0x4444);

    /* EL1 under stage 2: the same DC IVAC keeps the guest's store. */
    cache_stage2(S2_MEM_WB);
    struct lower_result r = run_at_el1(el1_store_and_invalidate, HCR_VM_ | HCR_DC_);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(*cache_line(3), 0x6666);
    CHECK_EQ(kept_ld(cache_line(2)), 0x6666);

    cache_mmu_off();
    c_dc_civac(cache_line(1));
    dsb(sy);
    CHECK_EQ(kept_ld(cache_line(1)), 0x4444);
    return test_summary();
}
