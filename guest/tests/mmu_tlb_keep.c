/*
 * avsim's TLB keeps an EL1 guest's translations across HCR_EL2 writes that leave and re-enter
 * its configuration, as hardware keeps them (tagged by VMID, not flushed by HCR_EL2 writes):
 * after the guest reads through stage 2, EL2 switches stage 2 off and on (as a hypervisor's
 * world switch does) and remaps page_a's IPA to page_c without TLBI; the guest still reads
 * page_b until EL2 invalidates the IPA. (The architecture allows either result before the TLBI.)
 *
 * guest-test-qemu: skip QEMU flushes its TLB when HCR_EL2.VM changes, so it reads page_c early
 */
#include "mmu_tlb_controls.h"

int main(void)
{
    CHECK_EQ(current_el(), 2);
    stage2_setup();
    uint64_t first = guest_reads(HCR_VM);
    guest_reads(0);
    pt_set(&s2, (uint64_t)(uintptr_t)page_a, 3, s2_page(page_c));
    uint64_t kept = guest_reads(HCR_VM);
    __asm__ volatile("tlbi ipas2e1, %0\n\tdsb nsh\n\ttlbi vmalle1\n\tdsb nsh\n\tisb"
                     :
                     : "r"((uint64_t)(uintptr_t)page_a >> 12)
                     : "memory");
    uint64_t after = guest_reads(HCR_VM);
    printf("stage 2: %lx; remapped after leaving and re-entering: %lx; after TLBI: %lx\n", first,
           kept, after);
    CHECK_EQ(first, 0xb);
    CHECK_EQ(kept, 0xb);
    CHECK_EQ(after, 0xc);
    return test_summary();
}
