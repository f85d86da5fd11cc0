/*
 * The FEAT_FGT cases guest.fgt_traps cannot compare with QEMU 10:
 * - DBGAUTHSTATUS_EL1 (HDFGRTR_EL2[6]) and DBGPRCR_EL1 (HDFGRTR_EL2[7], HDFGWTR_EL2[7]), which
 *   avsim implements (Armv8.0 debug) and QEMU does not: with only the bit set the access traps to
 *   EL2, with every other bit set it does not;
 * - DBGDTR_EL0 (UNDEFINED on QEMU), trapped by MDCR_EL2.TDCC like the other DCC registers (Arm ARM
 *   D24.3.17);
 * - the _EL12 encodings at EL1 under FEAT_NV2 (NVx = 101): their accessors go to the VNCR slot
 *   with no fine-grained trap term (Arm ARM, e.g. TCR_EL12: "if EffectiveHCR_EL2_NVx() == '101'
 *   then NVMem[0x120]"), so the _EL1 register's HFGRTR/HFGWTR bit does not trap them. QEMU 10
 *   applies the _EL1 register's bit to its _EL12 alias (EC 0x18 to EL2).
 *
 * guest-test-cflags: -mgeneral-regs-only
 * guest-test-qemu: skip QEMU 10 lacks DBGPRCR/DBGAUTHSTATUS/DBGDTR and FGT-traps _EL12 under NV2
 */
#include "fgt_util.h"

#define DBGAUTHSTATUS_EL1 s2_0_c7_c14_6
#define DBGPRCR_EL1       s2_0_c1_c4_4

FGT_FN(r_dbgauthstatus, "", "mrs x0, " GUEST_STRINGIFY(DBGAUTHSTATUS_EL1));
FGT_FN(r_dbgprcr, "", "mrs x0, " GUEST_STRINGIFY(DBGPRCR_EL1));
FGT_FN(w_dbgprcr, SETUP_WVAL, "msr " GUEST_STRINGIFY(DBGPRCR_EL1) ", x0");
FGT_FN(r_dbgdtr, "", "mrs x0, dbgdtr_el0");
FGT_FN(w_dbgdtr, "\tmov x0, #0", "msr dbgdtr_el0, x0");
/* Reads that keep the value: SCTLR_EL12 (VNCR 0x110) and TCR_EL12 (VNCR 0x120). */
FGT_FN(r_sctlr_el12, "",
       "mrs x0, s3_5_c1_c0_0\n\tadrp x1, fgt_result\n\tstr x0, [x1, :lo12:fgt_result]");
FGT_FN(r_tcr_el12, "",
       "mrs x0, s3_5_c2_c0_2\n\tadrp x1, fgt_result\n\tstr x0, [x1, :lo12:fgt_result]");
FGT_FN(w_sctlr_el12, SETUP_WVAL, "msr s3_5_c1_c0_0, x0");

static uint64_t vncr_page[512] __attribute__((aligned(4096)));
#define VNCR_PATTERN 0x5a5a000000000000ull

static void fgt_bits(void)
{
    static const struct {
        const char *what;
        void (*fn)(void);
        const char *at;
        unsigned reg, bit;
    } b[] = {
        {"DBGAUTHSTATUS_EL1 R", r_dbgauthstatus, r_dbgauthstatus_at, FDR, 6},
        {"DBGPRCR_EL1 R", r_dbgprcr, r_dbgprcr_at, FDR, 7},
        {"DBGPRCR_EL1 W", w_dbgprcr, w_dbgprcr_at, FDW, 7},
    };
    for (unsigned i = 0; i < sizeof b / sizeof b[0]; i++) {
        fgt_wval = read_sysreg(DBGPRCR_EL1);
        fgt_only((int)b[i].reg, b[i].bit);
        struct fgt_result t = fgt_run(b[i].fn, b[i].at, 1, 0);
        fgt_all_but((int)b[i].reg, b[i].bit);
        struct fgt_result o = fgt_run(b[i].fn, b[i].at, 1, 0);
        fgt_clear();
        printf("%-20s EL1 %-7s[%u]: ", b[i].what, fgt_names[b[i].reg], b[i].bit);
        fgt_print(&t);
        printf(" | others: ");
        fgt_print(&o);
        printf("\n");
        if (CHECK_EQ(t.taken, 1)) {
            CHECK_EQ(t.last.el, 2);
            CHECK_EQ(t.last.esr, fgt_expected_esr(*(const uint32_t *)b[i].at));
            CHECK_EQ(t.last.elr_off, 0);
        }
        CHECK_EQ(o.taken, 0);
    }
}

static void tdcc_dbgdtr(void)
{
    uint64_t mdcr = read_sysreg(mdcr_el2);
    for (unsigned el = 0; el < 2; el++) {
        for (unsigned w = 0; w < 2; w++) {
            void (*fn)(void) = w ? w_dbgdtr : r_dbgdtr;
            const char *at = w ? w_dbgdtr_at : r_dbgdtr_at;
            write_sysreg(mdcr | MDCR_TDCC, mdcr_el2);
            isb();
            struct fgt_result t = fgt_run(fn, at, el, 0);
            write_sysreg(mdcr, mdcr_el2);
            isb();
            struct fgt_result u = fgt_run(fn, at, el, 0);
            printf("EL%u %s DBGDTR_EL0, MDCR_EL2.TDCC: ", el, w ? "MSR" : "MRS");
            fgt_print(&t);
            printf(" | without: ");
            fgt_print(&u);
            printf("\n");
            if (CHECK_EQ(t.taken, 1)) {
                CHECK_EQ(t.last.el, 2);
                CHECK_EQ(t.last.esr, fgt_expected_esr(*(const uint32_t *)at));
            }
            CHECK_EQ(u.taken, 0);
        }
    }
}

static void el12_under_nv2(void)
{
    static const struct {
        const char *what;
        void (*fn)(void);
        const char *at;
        unsigned reg, bit, slot;
        bool write;
    } c[] = {
        {"MRS SCTLR_EL12, HFGRTR[29]", r_sctlr_el12, r_sctlr_el12_at, FGR, 29, 0x110, false},
        {"MRS TCR_EL12, HFGRTR[32]", r_tcr_el12, r_tcr_el12_at, FGR, 32, 0x120, false},
        {"MSR SCTLR_EL12, HFGWTR[29]", w_sctlr_el12, w_sctlr_el12_at, FGW, 29, 0x110, true},
    };
    write_sysreg((uint64_t)vncr_page, VNCR_EL2);
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        for (unsigned k = 0; k < 512; k++)
            vncr_page[k] = VNCR_PATTERN | (k * 8);
        dsb(sy);
        fgt_result = 0;
        fgt_wval = 0x1234;
        fgt_only((int)c[i].reg, c[i].bit);
        struct fgt_result t = fgt_run(c[i].fn, c[i].at, 1, HCR_NV | HCR_NV2);
        fgt_clear();
        dsb(sy);
        uint64_t slot = vncr_page[c[i].slot / 8];
        printf("NVx 101 %-28s ", c[i].what);
        fgt_print(&t);
        printf(", VNCR+0x%03x %s\n", c[i].slot,
               c[i].write ? (slot == 0x1234 ? "written" : "unchanged")
                          : (fgt_result == (VNCR_PATTERN | c[i].slot) ? "read" : "not read"));
        CHECK_EQ(t.taken, 0);
        if (c[i].write)
            CHECK_EQ(slot, 0x1234);
        else
            CHECK_EQ(fgt_result, VNCR_PATTERN | c[i].slot);
    }
    write_sysreg(0, VNCR_EL2);
    isb();
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    write_sysreg((uint64_t)fgt_el1_vectors, vbar_el1);
    isb();
    fgt_bits();
    tdcc_dbgdtr();
    el12_under_nv2();
    return test_summary();
}
