/*
 * A translation cached under one HCR_EL2 setting is not used under another: an EL1 guest reads
 * page_a's address with stage 2 on (page_b), off (page_a), on again (page_b), and with
 * HCR_EL2.DC (stage 2 on, the guest's stage 1 off: page_b); no TLBI in between
 * (mmu_tlb_controls.h). The entries kept across such changes: mmu_tlb_keep.c.
 */
#include "mmu_tlb_controls.h"

int main(void)
{
    CHECK_EQ(current_el(), 2);
    stage2_setup();
    uint64_t on = guest_reads(HCR_VM), off = guest_reads(0), again = guest_reads(HCR_VM);
    uint64_t dc = guest_reads(HCR_DC);
    printf("stage 2 on %lx, off %lx, on again %lx, HCR_EL2.DC %lx\n", on, off, again, dc);
    CHECK_EQ(on, 0xb);
    CHECK_EQ(off, 0xa);
    CHECK_EQ(again, 0xb);
    CHECK_EQ(dc, 0xb);

    return test_summary();
}
