/*
 * AT S12E1R/W and S12E0R at EL2 on the tables of mmu_s2_setup.h: PAR_EL1 for
 * success and for stage 1, stage 2 and stage-1-walk (PTW) faults, and the
 * combined stage 1 + stage 2 memory attributes, with and without HCR_EL2.FWB.
 *
 * guest-test-qemu: skip QEMU 10.0.2 aborts (assertion in do_ats_write) on AT S12E1R with stage 2 on
 */
#include "mmu_s2_setup.h"

#define HCR_VM  (1ull << 0)
#define HCR_RW  (1ull << 31)
#define HCR_FWB (1ull << 46)

static uint64_t at_s12(uint64_t va, bool write, bool el0)
{
    if (el0)
        __asm__ volatile("at s12e0r, %0" : : "r"(va));
    else if (write)
        __asm__ volatile("at s12e1w, %0" : : "r"(va));
    else
        __asm__ volatile("at s12e1r, %0" : : "r"(va));
    isb();
    return read_sysreg(par_el1);
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    enable_stage2();
    struct lower_result r = run_at_el1(el1_enable_stage1, HCR_VM);
    CHECK_EQ(r.taken, 0);
    write_sysreg(read_sysreg(hcr_el2) | HCR_VM, hcr_el2);
    isb();
    printf("AT S12E1R        PAR 0x%016lx\n", at_s12(WIN + 0x18, false, false));
    printf("AT S12E1W s2 ro  PAR 0x%016lx\n", at_s12(WIN + 0x1000, true, false));
    printf("AT S12E1R s2 inv PAR 0x%016lx\n", at_s12(WIN + 0x2000, false, false));
    printf("AT S12E1R ptw    PAR 0x%016lx\n", at_s12(PTW_VA, false, false));
    printf("AT S12E0R        PAR 0x%016lx\n", at_s12(WIN, false, true));
    printf("AT S12E1W s1 ro  PAR 0x%016lx\n", at_s12(WIN + 0x5000, true, false));
    printf("attributes S1 WB, S2 NC     PAR 0x%016lx\n", at_s12(WIN + 0x4000, false, false));
    printf("attributes S1 NC, S2 NC/WT  PAR 0x%016lx\n", at_s12(WIN + 0x6000, false, false));
    printf("attributes S1 WB, S2 Device PAR 0x%016lx\n", at_s12(WIN + 0x7000, false, false));
    write_sysreg(read_sysreg(hcr_el2) | HCR_FWB, hcr_el2);
    isb();
    printf("FWB: S1 NC, S2 forced WB    PAR 0x%016lx\n", at_s12(WIN + 0x6000, false, false));
    printf("FWB: S1 WB, S2 NC           PAR 0x%016lx\n", at_s12(WIN + 0x4000, false, false));
    printf("FWB: S1 WB, S2 Device       PAR 0x%016lx\n", at_s12(WIN + 0x7000, false, false));
    write_sysreg(read_sysreg(hcr_el2) & ~(HCR_VM | HCR_FWB), hcr_el2);
    isb();

    return test_summary();
}
