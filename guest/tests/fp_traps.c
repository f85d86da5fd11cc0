/*
 * Traps of FP/SIMD instructions and of FPCR/FPSR accesses (Arm ARM D1.3.5,
 * AArch64.CheckFPEnabled): CPACR_EL1.FPEN = 00 traps EL1 and EL0, 01 only EL0,
 * to EL1 with EC 0x07 and ISS CV = 1, COND = 0xE; CPTR_EL2.TFP (E2H = 0)
 * traps EL2, EL1 and EL0 to EL2. A trapped instruction has no effect.
 */
#include "lower_el.h"
#include "test.h"

#define CPACR_FPEN_SHIFT 20
#define CPTR_TFP         (1ull << 10)
#define HCR_RW           (1ull << 31)
#define EC_FP            EC_FP_ACCESS
#define ISS_FP           0x1E00000 /* CV = 1, COND = 0b1110 */

static uint8_t buf[32] __attribute__((aligned(16)));

/* Each touches FP/SIMD state once. */
static void fp_arith(void)
{
    __asm__ volatile("fadd d0, d0, d0" ::: "v0");
}
static void fp_mrs(void)
{
    __asm__ volatile("mrs x0, fpcr" ::: "x0");
}
static void fp_msr(void)
{
    __asm__ volatile("msr fpsr, xzr");
}
static void fp_fmov(void)
{
    __asm__ volatile("fmov d0, x0" ::: "v0");
}
static void fp_load(void)
{
    __asm__ volatile("ldr q0, [%0]" ::"r"(buf) : "v0", "memory");
}
static void fp_simd(void)
{
    __asm__ volatile("add v0.4s, v0.4s, v0.4s" ::: "v0");
}

static void (*const fp_users[])(void) = {fp_arith, fp_mrs, fp_msr, fp_fmov, fp_load, fp_simd};

/* Runs every fp_users entry at EL1 or EL0; each must trap to target_el (0: none). */
static void expect(bool el0, unsigned target_el)
{
    for (unsigned i = 0; i < sizeof fp_users / sizeof fp_users[0]; i++) {
        struct lower_result r = el0 ? run_at_el0(fp_users[i], 0) : run_at_el1(fp_users[i], 0);
        if (!target_el) {
            CHECK_EQ(r.taken, 0);
            continue;
        }
        CHECK_EQ(r.taken, 1);
        CHECK_EQ(r.last.el, target_el);
        CHECK_EQ(ESR_EC(r.last.esr), EC_FP);
        CHECK_EQ(ESR_ISS(r.last.esr), ISS_FP);
        CHECK_EQ(r.last.esr & ESR_IL, ESR_IL);
    }
}

/* FP used at EL1, then disabled by EL1 itself: the next FP instruction traps (no stale "enabled").
 */
static void fp_then_disable(void)
{
    fp_arith();
    write_sysreg(0ull << CPACR_FPEN_SHIFT, cpacr_el1);
    isb();
    fp_arith();
}

static void test_cpacr(void)
{
    write_sysreg(0ull << CPACR_FPEN_SHIFT, cpacr_el1);
    expect(false, 1);
    expect(true, 1);
    write_sysreg(2ull << CPACR_FPEN_SHIFT, cpacr_el1); /* 10: disabled as 00 */
    expect(false, 1);
    write_sysreg(1ull << CPACR_FPEN_SHIFT, cpacr_el1); /* 01: EL0 only */
    expect(false, 0);
    expect(true, 1);
    write_sysreg(3ull << CPACR_FPEN_SHIFT, cpacr_el1);
    expect(false, 0);
    expect(true, 0);
    struct lower_result r = run_at_el1(fp_then_disable, 0);
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(r.last.el, 1);
    CHECK_EQ(ESR_EC(r.last.esr), EC_FP);
    write_sysreg(3ull << CPACR_FPEN_SHIFT, cpacr_el1);
}

/* CPTR_EL2.TFP: EL1 and EL0 trap to EL2, even when CPACR_EL1 enables them. */
static void test_cptr_lower(void)
{
    uint64_t cptr = read_sysreg(cptr_el2);
    write_sysreg(cptr | CPTR_TFP, cptr_el2);
    expect(false, 2);
    expect(true, 2);
    /* CPACR_EL1 is checked first: its trap goes to EL1 */
    write_sysreg(0ull, cpacr_el1);
    expect(false, 1);
    write_sysreg(3ull << CPACR_FPEN_SHIFT, cpacr_el1);
    write_sysreg(cptr, cptr_el2);
}

/* At EL2 itself: the trapped instruction is skipped, FPCR keeps its value. */
static void test_cptr_el2(void)
{
    uint64_t cptr = read_sysreg(cptr_el2), fpcr = 1ull << 25, after = 0;
    struct exc_frame f;
    __asm__ volatile("msr fpcr, %0" ::"r"(fpcr));
    write_sysreg(cptr | CPTR_TFP, cptr_el2);
    isb();
    exc_catch_begin();
    __asm__ volatile("msr fpcr, xzr\n\tfmov d0, xzr" ::: "v0");
    unsigned n = exc_catch_end(&f);
    write_sysreg(cptr, cptr_el2);
    isb();
    __asm__ volatile("mrs %0, fpcr\n\tmsr fpcr, xzr" : "=r"(after));
    CHECK_EQ(n, 2);
    CHECK_EQ(ESR_EC(f.esr), EC_FP);
    CHECK_EQ(ESR_ISS(f.esr), ISS_FP);
    CHECK_EQ(f.el, 2);
    CHECK_EQ(after, fpcr);
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2 (virtualization=on)\n");
        return 1;
    }
    test_cpacr();
    test_cptr_lower();
    test_cptr_el2();
    return test_summary();
}
