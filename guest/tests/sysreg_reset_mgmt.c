/*
 * Reset management registers of the highest Exception level (Arm ARM, RVBAR_ELx, RMR_ELx):
 * with virtualization=on EL2 is the highest and RVBAR_EL2/RMR_EL2 exist while RVBAR_EL1/RMR_EL1
 * are UNDEFINED; without it, the other way round (EL2's are UNDEFINED as EL2 is not
 * implemented). RVBAR is read-only (the reset vector), RMR.AA64 is RAO/WI (AArch64 only), and a
 * write of RMR.RR (a Warm reset request) is not acted on.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

#define RVBAR_EL1 SYS_REG(3, 0, 12, 0, 1)
#define RMR_EL1   SYS_REG(3, 0, 12, 0, 2)
#define RVBAR_EL2 SYS_REG(3, 4, 12, 0, 1)
#define RMR_EL2   SYS_REG(3, 4, 12, 0, 2)

/* One access; prints its value or the exception class it took. */
#define PROBE(what, stmt)                                                                          \
    do {                                                                                           \
        struct exc_frame f;                                                                        \
        uint64_t v = 0;                                                                            \
        exc_catch_begin();                                                                         \
        stmt;                                                                                      \
        if (exc_catch_end(&f))                                                                     \
            printf("%-22s EC 0x%02lx\n", what, ESR_EC(f.esr));                                     \
        else                                                                                       \
            printf("%-22s 0x%lx\n", what, v);                                                      \
        (void)v;                                                                                   \
    } while (0)

static unsigned exceptions(void (*fn)(void))
{
    exc_catch_begin();
    fn();
    return exc_catch_end(NULL);
}

static void read_el1_regs(void)
{
    (void)read_sysreg(RVBAR_EL1);
    (void)read_sysreg(RMR_EL1);
}

static void read_el2_regs(void)
{
    (void)read_sysreg(RVBAR_EL2);
    (void)read_sysreg(RMR_EL2);
}

int main(void)
{
    unsigned el = current_el();
    printf("running at EL%u\n", el);
    PROBE("MRS RVBAR_EL1", v = read_sysreg(RVBAR_EL1));
    PROBE("MRS RMR_EL1", v = read_sysreg(RMR_EL1));
    PROBE("MRS RVBAR_EL2", v = read_sysreg(RVBAR_EL2));
    PROBE("MRS RMR_EL2", v = read_sysreg(RMR_EL2));
    PROBE("MSR RVBAR_EL1", write_sysreg(0x1000, RVBAR_EL1));
    PROBE("MSR RVBAR_EL2", write_sysreg(0x1000, RVBAR_EL2));
    if (el == 2) {
        CHECK_EQ(exceptions(read_el1_regs), 2);
        CHECK_EQ(exceptions(read_el2_regs), 0);
        write_sysreg(0, RMR_EL2);
        CHECK_EQ(read_sysreg(RMR_EL2), 1); /* AA64 RAO/WI */
        write_sysreg(2, RMR_EL2);          /* RR: request not acted on */
        PROBE("RMR_EL2 after RR", v = read_sysreg(RMR_EL2));
    } else {
        CHECK_EQ(exceptions(read_el1_regs), 0);
        CHECK_EQ(exceptions(read_el2_regs), 2);
        write_sysreg(0, RMR_EL1);
        CHECK_EQ(read_sysreg(RMR_EL1), 1);
        write_sysreg(2, RMR_EL1);
        PROBE("RMR_EL1 after RR", v = read_sysreg(RMR_EL1));
    }
    return test_summary();
}
