/*
 * Speculation-related identification. avsim executes nothing speculatively, so it advertises
 * the guarantees that need no control: FEAT_CSV2 with FEAT_CSV2_1p1 (ID_AA64PFR0_EL1.CSV2 = 1,
 * ID_AA64PFR1_EL1.CSV2_frac = 1), FEAT_CSV3 (CSV3 = 1) and FEAT_ECBHB (ID_AA64MMFR1_EL1.ECBHB = 1),
 * which spare Linux KPTI and its Spectre-v2/BHB workarounds; and FEAT_SB (ID_AA64ISAR1_EL1.SB = 1),
 * whose SB instruction it implements, at every EL. Each feature's instructions and registers
 * work exactly when its ID field advertises it, and are UNDEFINED otherwise: SB, PSTATE.SSBS
 * (MSR SSBS, #imm; the SSBS register), PSTATE.DIT, SPECRES (CFP RCTX), SCXTNUM_ELx (CSV2 >= 2).
 *
 * guest-test-qemu: skip QEMU -cpu max advertises other values (CSV2 = 3 with SCXTNUM, SSBS, DIT,
 * SPECRES; no ECBHB)
 */
#include "test.h"

#define ID_AA64PFR0_EL1  SYS_REG(3, 0, 0, 4, 0)
#define ID_AA64PFR1_EL1  SYS_REG(3, 0, 0, 4, 1)
#define ID_AA64ISAR1_EL1 SYS_REG(3, 0, 0, 6, 1)
#define ID_AA64MMFR1_EL1 SYS_REG(3, 0, 0, 7, 1)

static unsigned field(uint64_t reg, unsigned lsb)
{
    return (unsigned)(reg >> lsb) & 0xF;
}

static void sb(void)
{
    __asm__ volatile(".inst 0xd50330ff" ::: "memory"); /* SB */
}

/* Unallocated: the SB encoding with CRm != 0. */
static void sb_crm1(void)
{
    __asm__ volatile(".inst 0xd50331ff" ::: "memory");
}

static void msr_ssbs(void)
{
    __asm__ volatile(".inst 0xd503413f" ::: "memory"); /* MSR SSBS, #1 */
}

static void mrs_ssbs(void)
{
    __asm__ volatile("mrs x0, s3_3_c4_c2_6" ::: "x0"); /* SSBS */
}

static void msr_dit(void)
{
    __asm__ volatile(".inst 0xd503415f" ::: "memory"); /* MSR DIT, #1 */
}

static void mrs_dit(void)
{
    __asm__ volatile("mrs x0, s3_3_c4_c2_5" ::: "x0"); /* DIT */
}

static void cfp_rctx(void)
{
    __asm__ volatile("mov x0, xzr\n\tsys #3, c7, c3, #4, x0" ::: "x0", "memory"); /* CFP RCTX */
}

static void mrs_scxtnum_el1(void)
{
    __asm__ volatile("mrs x0, s3_0_c13_c0_7" ::: "x0"); /* SCXTNUM_EL1 */
}

/* An instruction or register of a feature works (at EL2) exactly when the feature is advertised,
 * and is UNDEFINED otherwise. */
static void matches_id(const char *what, bool advertised, void (*fn)(void))
{
    struct exc_frame f;
    exc_catch_begin();
    fn();
    unsigned n = exc_catch_end(&f);
    printf("%-26s advertised %u, %s\n", what, advertised, n ? "UNDEFINED" : "executes");
    CHECK_EQ(n, advertised ? 0 : 1);
    if (n) CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
}

int main(void)
{
    uint64_t pfr0 = read_sysreg(ID_AA64PFR0_EL1), pfr1 = read_sysreg(ID_AA64PFR1_EL1);
    uint64_t isar1 = read_sysreg(ID_AA64ISAR1_EL1), mmfr1 = read_sysreg(ID_AA64MMFR1_EL1);
    printf("CSV2 %u CSV2_frac %u CSV3 %u ECBHB %u SB %u | SSBS %u DIT %u SPECRES %u\n",
           field(pfr0, 56), field(pfr1, 32), field(pfr0, 60), field(mmfr1, 60), field(isar1, 36),
           field(pfr1, 4), field(pfr0, 48), field(isar1, 40));
    /* Advertised: the guarantees of a PE that never speculates, and SB. */
    CHECK_EQ(field(pfr0, 56), 1);
    CHECK_EQ(field(pfr1, 32), 1);
    CHECK_EQ(field(pfr0, 60), 1);
    CHECK_EQ(field(mmfr1, 60), 1);
    CHECK_EQ(field(isar1, 36), 1);
    /* Not implemented, so not advertised. */
    CHECK_EQ(field(pfr1, 4), 0);
    CHECK_EQ(field(pfr0, 48), 0);
    CHECK_EQ(field(isar1, 40), 0);

    matches_id("SB", field(isar1, 36) >= 1, sb);
    struct lower_result r1 = run_at_el1(sb, 0), r0 = run_at_el0(sb, 0);
    printf("SB at EL1: %u exception(s), at EL0: %u\n", r1.taken, r0.taken);
    CHECK_EQ(r1.taken, 0);
    CHECK_EQ(r0.taken, 0);
    matches_id("SB encoding with CRm = 1", false, sb_crm1);
    matches_id("MSR SSBS, #1", field(pfr1, 4) >= 1, msr_ssbs);
    matches_id("MRS SSBS", field(pfr1, 4) >= 2, mrs_ssbs);
    matches_id("MSR DIT, #1", field(pfr0, 48) >= 1, msr_dit);
    matches_id("MRS DIT", field(pfr0, 48) >= 1, mrs_dit);
    matches_id("CFP RCTX", field(isar1, 40) >= 1, cfp_rctx);
    matches_id("MRS SCXTNUM_EL1", field(pfr0, 56) >= 2 || field(pfr1, 32) >= 2, mrs_scxtnum_el1);
    return test_summary();
}
