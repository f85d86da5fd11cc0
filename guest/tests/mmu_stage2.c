/*
 * An EL1 guest with its own stage 1 under a stage 2 set up at EL2 (4 KiB
 * granule, 40-bit IPA starting at level 1 with two concatenated tables):
 * stage 2 permission, translation and Access flag faults with ESR_EL2 (ISV
 * syndrome), FAR_EL2 and HPFAR_EL2; a stage 2 fault on a stage 1 table walk
 * (S1PTW); stage 1 faults staying at EL1; the HCR_EL2.TTLB trap; AT S1E1R
 * from the guest; the External abort of an AT walk; the guest with its
 * stage 1 off. (AT S12E*: mmu_at_s12.c.)
 */
#include "mmu_s2_setup.h"

#define HCR_TTLB (1ull << 25)

static volatile uint64_t el1_value, el1_par;

static void el1_enable_and_read(void)
{
    el1_enable_stage1();
    el1_value = *(volatile uint64_t *)(uintptr_t)(WIN + 8);
}

static void el1_store_s2_readonly(void)
{
    *(volatile uint32_t *)(uintptr_t)(WIN + 0x1010) = 7;
}
static void el1_load_s2_invalid(void)
{
    el1_value = *(volatile uint16_t *)(uintptr_t)(WIN + 0x2002);
}
static void el1_load_s2_no_af(void)
{
    el1_value = *(volatile uint8_t *)(uintptr_t)(WIN + 0x3003);
}
static void el1_load_s1ptw(void)
{
    el1_value = *(volatile uint64_t *)(uintptr_t)(PTW_VA + 0x40);
}
static void el1_store_s1_readonly(void)
{
    *(volatile uint64_t *)(uintptr_t)(WIN + 0x5008) = 1;
}
static void el1_pair_s2_readonly(void)
{
    __asm__ volatile("stp xzr, xzr, [%0]" : : "r"(WIN + 0x1020) : "memory");
}
static void el1_tlbi(void)
{
    __asm__ volatile("tlbi vmalle1is" : : : "memory");
}
static void el1_at(void)
{
    __asm__ volatile("at s1e1r, %0\n\tisb" : : "r"(WIN + 0x18));
    el1_par = read_sysreg(par_el1);
}
static void el1_mmu_off_read(void)
{
    write_sysreg(read_sysreg(sctlr_el1) & ~1ull, sctlr_el1);
    isb();
    el1_value = *(volatile uint64_t *)(uintptr_t)(WIN + 8);
}

static void report(const char *what, struct lower_result r, uint64_t va)
{
    printf("%s: taken %u to EL%u, EC 0x%02x ISS 0x%07lx FAR %s", what, r.taken, r.last.el,
           (unsigned)ESR_EC(r.last.esr), (unsigned long)ESR_ISS(r.last.esr),
           r.last.far == va ? "ok" : "WRONG");
    if (r.last.el == 2) printf(" HPFAR 0x%lx", read_sysreg(hpfar_el2));
    printf("\n");
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    data[1] = 0x1234;
    enable_stage2();

    struct lower_result r = run_at_el1(el1_enable_and_read, HCR_VM);
    CHECK_EQ(r.taken, 0);
    /* EL1 wrote it with its caches on, EL2 reads it with its MMU off. */
    dcache_clean_inval_poc(&el1_value, sizeof el1_value);
    CHECK_EQ(el1_value, 0x1234);
    report("store, stage 2 read-only", run_at_el1(el1_store_s2_readonly, HCR_VM), WIN + 0x1010);
    CHECK_EQ(data_ro[2], 0);
    report("store pair, stage 2 read-only", run_at_el1(el1_pair_s2_readonly, HCR_VM), WIN + 0x1020);
    report("load, stage 2 invalid", run_at_el1(el1_load_s2_invalid, HCR_VM), WIN + 0x2002);
    report("load, stage 2 Access flag 0", run_at_el1(el1_load_s2_no_af, HCR_VM), WIN + 0x3003);
    report("load, stage 1 table unmapped", run_at_el1(el1_load_s1ptw, HCR_VM), PTW_VA + 0x40);
    report("store, stage 1 read-only", run_at_el1(el1_store_s1_readonly, HCR_VM), WIN + 0x5008);
    r = run_at_el1(el1_tlbi, HCR_VM | HCR_TTLB);
    printf("TLBI VMALLE1IS with HCR_EL2.TTLB: taken %u to EL%u, EC 0x%02x ISS 0x%07lx\n", r.taken,
           r.last.el, (unsigned)ESR_EC(r.last.esr), (unsigned long)ESR_ISS(r.last.esr));
    r = run_at_el1(el1_at, HCR_VM);
    dcache_clean_inval_poc(&el1_par, sizeof el1_par);
    printf("EL1 AT S1E1R PAR 0x%016lx (taken %u)\n", el1_par, r.taken);

    /* run_at_el1 leaves HCR_EL2 = RW: first stage 1 alone, whose walk of PTW_VA reads
     * nothing (an External abort, taken, not reported in PAR). */
    struct exc_frame f;
    exc_catch_begin();
    __asm__ volatile("at s12e1r, %0\n\tisb" : : "r"(PTW_VA));
    CHECK_EQ(exc_catch_end(&f), 1);
    print_abort("AT S12E1R, stage 2 off, walk outside memory", &f, PTW_VA);
    dcache_clean_inval_poc(&el1_value, sizeof el1_value);
    el1_value = 0;
    r = run_at_el1(el1_mmu_off_read, HCR_VM);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el1_value, 0x1234);
    return test_summary();
}
