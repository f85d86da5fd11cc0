/*
 * The Debug Communications Channel's system registers (Arm ARM D2, required by the Armv8.0
 * debug architecture): DBGDTR_EL0, DBGDTRRX_EL0 (MRS) / DBGDTRTX_EL0 (MSR), the save/restore
 * views OSDTRRX_EL1 / OSDTRTX_EL1, and OSECCR_EL1. No external debugger is attached: RXfull and
 * TXfull in MDCCSR_EL0 stay 0, and the data registers hold what was last written (reads with
 * RXfull = 0 are UNKNOWN; avsim returns the contents). EL0 accesses trap to EL1 with
 * MDSCR_EL1.TDCC (to EL2 with HCR_EL2.TGE), EL0/EL1 accesses to EL2 with MDCR_EL2.TDA.
 *
 * guest-test-qemu: skip QEMU 10 makes the DCC data registers RAZ/WI and DBGDTR_EL0 UNDEFINED
 */
#include "test.h"

#define DBGDTR_EL0   SYS_REG(2, 3, 0, 4, 0)
#define DBGDTRRX_EL0 SYS_REG(2, 3, 0, 5, 0)
#define DBGDTRTX_EL0 SYS_REG(2, 3, 0, 5, 0)
#define OSDTRRX_EL1  SYS_REG(2, 0, 0, 0, 2)
#define OSDTRTX_EL1  SYS_REG(2, 0, 0, 3, 2)
#define OSECCR_EL1   SYS_REG(2, 0, 0, 6, 2)
#define MDCCSR_EL0   SYS_REG(2, 3, 0, 1, 0)

#define MDSCR_TDCC (1ull << 12)
#define MDCR_TDA   (1ull << 9)
#define HCR_TGE    (1ull << 27)
#define HCR_RW     (1ull << 31)

static volatile uint64_t el0_rx, el0_dtr;

static void el0_dcc(void)
{
    el0_rx = read_sysreg(DBGDTRRX_EL0);
    write_sysreg(0xCAFEF00D, DBGDTRTX_EL0);
}

static void el0_dtr_read(void)
{
    el0_dtr = read_sysreg(DBGDTR_EL0);
}

static void el1_osdtrrx_read(void)
{
    el0_rx = read_sysreg(OSDTRRX_EL1);
}

static void data_path(void)
{
    write_sysreg(0x12345678, OSDTRRX_EL1);
    write_sysreg(0, OSDTRTX_EL1);
    struct lower_result r = run_at_el0(el0_dcc, 0);
    CHECK_EQ(r.taken, 0);
    printf("EL0: DBGDTRRX_EL0 0x%lx; DBGDTRTX_EL0 written, OSDTRTX_EL1 0x%lx, MDCCSR_EL0 0x%lx\n",
           el0_rx, read_sysreg(OSDTRTX_EL1), read_sysreg(MDCCSR_EL0));
    CHECK_EQ(el0_rx, 0x12345678);
    CHECK_EQ(read_sysreg(OSDTRTX_EL1), 0xCAFEF00D);
    CHECK_EQ(read_sysreg(MDCCSR_EL0), 0); /* TXfull stays 0: the data is taken at once */

    /* DBGDTR_EL0: [63:32] to DTRRX, [31:0] to DTRTX; reads DTRTX:DTRRX. */
    write_sysreg(0x1111222233334444ull, DBGDTR_EL0);
    CHECK_EQ(read_sysreg(OSDTRRX_EL1), 0x11112222);
    CHECK_EQ(read_sysreg(OSDTRTX_EL1), 0x33334444);
    r = run_at_el0(el0_dtr_read, 0);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el0_dtr, 0x3333444411112222ull);

    /* 32-bit registers: [63:32] RES0. */
    write_sysreg(~0ull, OSDTRRX_EL1);
    write_sysreg(~0ull, OSECCR_EL1);
    CHECK_EQ(read_sysreg(OSDTRRX_EL1), 0xFFFFFFFF);
    CHECK_EQ(read_sysreg(OSECCR_EL1), 0xFFFFFFFF);
    write_sysreg(0, OSECCR_EL1);
    CHECK_EQ(read_sysreg(OSECCR_EL1), 0);
}

static void report_trap(const char *what, struct lower_result r, unsigned el)
{
    printf("%-40s %u exception(s) at EL%u, EC 0x%02lx\n", what, r.taken, r.last.el,
           ESR_EC(r.last.esr));
    CHECK_EQ(r.taken, 2); /* the read and the write (el0_dcc) or the one read */
    CHECK_EQ(r.last.el, el);
    CHECK_EQ(ESR_EC(r.last.esr), EC_SYSREG);
}

static void traps(void)
{
    uint64_t mdscr = read_sysreg(mdscr_el1);
    write_sysreg(mdscr | MDSCR_TDCC, mdscr_el1);
    isb();
    report_trap("EL0 DCC, MDSCR_EL1.TDCC", run_at_el0(el0_dcc, 0), 1);
    report_trap("EL0 DCC, MDSCR_EL1.TDCC, HCR_EL2.TGE", run_at_el0(el0_dcc, HCR_TGE), 2);
    write_sysreg(mdscr, mdscr_el1);
    uint64_t mdcr = read_sysreg(mdcr_el2);
    write_sysreg(mdcr | MDCR_TDA, mdcr_el2);
    isb();
    report_trap("EL0 DCC, MDCR_EL2.TDA", run_at_el0(el0_dcc, 0), 2);
    struct lower_result r = run_at_el1(el1_osdtrrx_read, 0);
    printf("%-40s %u exception(s) at EL%u, EC 0x%02lx\n", "EL1 OSDTRRX_EL1, MDCR_EL2.TDA", r.taken,
           r.last.el, ESR_EC(r.last.esr));
    CHECK_EQ(r.taken, 1);
    CHECK_EQ(r.last.el, 2);
    CHECK_EQ(ESR_EC(r.last.esr), EC_SYSREG);
    write_sysreg(mdcr, mdcr_el2);
    isb();
}

int main(void)
{
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    data_path();
    traps();
    return test_summary();
}
