/*
 * mmu_enable_identity() at EL2 with HCR_EL2.E2H = 1 (the VHE layout of
 * TCR_EL2 and CPTR_EL2). EL2 only.
 */
#include "test.h"

#define HCR_EL2_E2H (1ull << 34)
#define CPACR_FPEN  (3ull << 20)

int main(void)
{
    CHECK_EQ(current_el(), 2);
    /* With E2H set, CPTR_EL2 takes the CPACR_EL1 layout: keep FP/SIMD untrapped. */
    write_sysreg(read_sysreg(hcr_el2) | HCR_EL2_E2H, hcr_el2);
    isb();
    write_sysreg(CPACR_FPEN, cptr_el2);
    isb();

    mmu_enable_identity();
    CHECK_EQ(read_sysreg(sctlr_el2) & 1, 1);
    CHECK_EQ(read_sysreg(tcr_el2) & (1ull << 23), 1ull << 23); /* EPD1 */

    static uint64_t word;
    word = 0x1234;
    CHECK_EQ(word, 0x1234);
    printf("MMU on at EL2 with E2H\n");
    return test_summary();
}
