/*
 * A guest running with its MMU off under stage 2 (caches-and-attributes.md §2.3, §3.3, hazard
 * H7; kvm-behaviour.md §5). The hypervisor (EL2, caches on) writes guest memory; the line stays
 * dirty in its L1D.
 *  - HCR_EL2.FWB = 0, stage 2 Normal Write-Back: the guest's MMU-off accesses are Device
 *    (Device wins the combination), so it reads memory's old value: stale.
 *  - HCR_EL2.FWB = 1, stage 2 MemAttr 0b110 (forced Write-Back): the guest's accesses are Write-
 *    Back, coherent with the hypervisor's: it reads the new value, no maintenance needed.
 *  - FWB = 0 again, with the hypervisor cleaning to the PoC first (DC CVAC): the new value.
 * The checker reports the first case only.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

CACHE_ACCESSORS(hyp);
CACHE_ACCESSORS(nofwb);
CACHE_ACCESSORS(fwb);
CACHE_ACCESSORS(clean);

/* The guest reads line n and stores what it read in line n + 4 (a line nothing cached yet, so
 * the hypervisor's Write-Back read of it sees the guest's store whatever its attributes). */
static unsigned guest_line;
static void guest_nofwb(void)
{
    *cache_line(guest_line + 4) = nofwb_ld(cache_line(guest_line));
}
static void guest_fwb(void)
{
    *cache_line(guest_line + 4) = fwb_ld(cache_line(guest_line));
}
static void guest_clean(void)
{
    *cache_line(guest_line + 4) = clean_ld(cache_line(guest_line));
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    for (unsigned n = 0; n < 3; n++)
        *cache_line(n) = 0x1000 + n; /* what the guest's memory held */
    cache_mmu_on();
    for (unsigned n = 0; n < 3; n++)
        hyp_st(cache_line(n), 0x2000 + n); /* the hypervisor rewrites it: dirty lines */

    cache_stage2(S2_MEM_WB);
    guest_line = 0;
    struct lower_result r = run_at_el1(guest_nofwb, HCR_VM_);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(*cache_line(4), 0x1000);
    expect("stale-read", nofwb_ld, hyp_st);

    cache_stage2(S2_FWB_WB);
    guest_line = 1;
    r = run_at_el1(guest_fwb, HCR_VM_ | HCR_FWB_);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(*cache_line(5), 0x2001);

    cache_stage2(S2_MEM_WB);
    c_dc_cvac(cache_line(2));
    dsb(sy);
    guest_line = 2;
    r = run_at_el1(guest_clean, HCR_VM_);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(*cache_line(6), 0x2002);
    cache_mmu_off();
    return test_summary();
}
