/*
 * FEAT_FGT fine-grained traps (Arm ARM D24.2.67-75; D1.4.5.6 for priorities), compared with QEMU.
 *
 * 1. Every bit avsim implements in HFGRTR_EL2, HFGWTR_EL2, HFGITR_EL2, HDFGRTR_EL2 and
 *    HDFGWTR_EL2, for every register or instruction it names, from EL1 and (where the bit covers
 *    EL0) from EL0: with only that bit set the access traps to EL2 with the ESR of the instruction
 *    (EC 0x18 with its ISS, EC 0x1A for ERET, EC 0x15 for SVC) and ELR_EL2 = the instruction,
 *    also for SVC; with every other bit of all five registers set it does not trap to EL2.
 * 2. FGT never applies at EL2, nor at EL0 in the EL2&0 host (E2H = TGE = 1), but does at EL0 with
 *    TGE = 1, E2H = 0.
 * 3. Priority: UNDEFINED and traps to EL1 (SCTLR_EL1.UCT/DZE/UCI, MDSCR_EL1.TDCC at EL0) come
 *    first; the coarse traps of HCR_EL2, MDCR_EL2 and CPTR_EL2 share FGT's priority and syndrome:
 *    with both set, one exception to EL2 with the same ESR; FGT comes before FEAT_NV2's VNCR
 *    redirection.
 * 4. MDCR_EL2.TDCC (FEAT_FGT) traps the debug communications channel registers.
 *
 * DBGPRCR_EL1 and DBGAUTHSTATUS_EL1 (HDFGRTR/HDFGWTR bits 6, 7) and DBGDTR_EL0 are UNDEFINED on
 * QEMU 10, and QEMU traps _EL12 encodings with the _EL1 register's bit: guest.fgt_traps_avsim
 * covers these. The FGT registers' read-back masks are
 * guest.sysreg_values' (tests/unit/sysreg_arch_masks.h).
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "fgt_util.h"

/* Routines: r_REG reads, w_REG writes fgt_wval (v_REG reads the register at EL2 to get it), z_REG
 * writes 0. */
#define RD(reg) FGT_FN(r_##reg, "", "mrs x0, " #reg)
#define WR(reg)                                                                                    \
    FGT_FN(w_##reg, SETUP_WVAL, "msr " #reg ", x0");                                               \
    static uint64_t v_##reg(void)                                                                  \
    {                                                                                              \
        return read_sysreg(reg);                                                                   \
    }
#define WZ(reg) FGT_FN(z_##reg, "\tmov x0, #0", "msr " #reg ", x0")
#define RW(reg)                                                                                    \
    RD(reg);                                                                                       \
    WR(reg)

/* ICC_IGRPEN0_EL1 = s3_0_c12_c12_6, ICC_IGRPEN1_EL1 = s3_0_c12_c12_7 */
RW(afsr0_el1);
RW(afsr1_el1);
RD(aidr_el1);
RW(amair_el1);
RD(ccsidr_el1);
RD(clidr_el1);
RW(contextidr_el1);
RW(cpacr_el1);
RW(csselr_el1);
RD(ctr_el0);
RD(dczid_el0);
RW(esr_el1);
RW(far_el1);
RD(isr_el1);
RW(mair_el1);
RD(midr_el1);
RD(mpidr_el1);
RW(par_el1);
RD(revidr_el1);
RW(sctlr_el1);
RW(tcr_el1);
RW(tpidr_el1);
RW(tpidrro_el0);
RW(tpidr_el0);
RW(ttbr0_el1);
RW(ttbr1_el1);
RW(vbar_el1);
RW(s3_0_c12_c12_6);
RW(s3_0_c12_c12_7);
RW(dbgbcr0_el1);
RW(dbgbvr0_el1);
RW(dbgwcr0_el1);
RW(dbgwvr0_el1);
RD(dbgbcr1_el1);
RW(mdscr_el1);
RD(dbgclaimset_el1);
RD(dbgclaimclr_el1);
WZ(dbgclaimset_el1);
WZ(dbgclaimclr_el1);
RD(oslsr_el1);
RW(oseccr_el1);
RW(osdlr_el1);
WZ(oslar_el1);
RD(mdccsr_el0);
RW(mdccint_el1);
RD(dbgdtrrx_el0);
WZ(dbgdtrtx_el0);
RW(osdtrrx_el1);
RW(osdtrtx_el1);

FGT_FN(i_ic_ialluis, "", "ic ialluis");
FGT_FN(i_ic_iallu, "", "ic iallu");
FGT_FN(i_ic_ivau, SETUP_SCRATCH, "ic ivau, x0");
FGT_FN(i_dc_ivac, SETUP_SCRATCH, "dc ivac, x0");
FGT_FN(i_dc_isw, "\tmov x0, #0", "dc isw, x0");
FGT_FN(i_dc_csw, "\tmov x0, #0", "dc csw, x0");
FGT_FN(i_dc_cisw, "\tmov x0, #0", "dc cisw, x0");
FGT_FN(i_dc_cvau, SETUP_SCRATCH, "dc cvau, x0");
FGT_FN(i_dc_civac, SETUP_SCRATCH, "dc civac, x0");
FGT_FN(i_dc_zva, SETUP_SCRATCH, "dc zva, x0");
FGT_FN(i_dc_cvac, SETUP_SCRATCH, "dc cvac, x0");
FGT_FN(i_at_s1e1r, SETUP_SCRATCH, "at s1e1r, x0");
FGT_FN(i_at_s1e1w, SETUP_SCRATCH, "at s1e1w, x0");
FGT_FN(i_at_s1e0r, SETUP_SCRATCH, "at s1e0r, x0");
FGT_FN(i_at_s1e0w, SETUP_SCRATCH, "at s1e0w, x0");
/* TLBI *OS (FEAT_TLBIOS) as SYS: the assembler wants -march=armv8.4-a for the names. */
FGT_FN(i_tlbi_vmalle1os, "", "sys #0, c8, c1, #0");
FGT_FN(i_tlbi_vae1os, "\tmov x0, #0", "sys #0, c8, c1, #1, x0");
FGT_FN(i_tlbi_aside1os, "\tmov x0, #0", "sys #0, c8, c1, #2, x0");
FGT_FN(i_tlbi_vaae1os, "\tmov x0, #0", "sys #0, c8, c1, #3, x0");
FGT_FN(i_tlbi_vale1os, "\tmov x0, #0", "sys #0, c8, c1, #5, x0");
FGT_FN(i_tlbi_vaale1os, "\tmov x0, #0", "sys #0, c8, c1, #7, x0");
FGT_FN(i_tlbi_vmalle1is, "", "tlbi vmalle1is");
FGT_FN(i_tlbi_vae1is, "\tmov x0, #0", "tlbi vae1is, x0");
FGT_FN(i_tlbi_aside1is, "\tmov x0, #0", "tlbi aside1is, x0");
FGT_FN(i_tlbi_vaae1is, "\tmov x0, #0", "tlbi vaae1is, x0");
FGT_FN(i_tlbi_vale1is, "\tmov x0, #0", "tlbi vale1is, x0");
FGT_FN(i_tlbi_vaale1is, "\tmov x0, #0", "tlbi vaale1is, x0");
FGT_FN(i_tlbi_vmalle1, "", "tlbi vmalle1");
FGT_FN(i_tlbi_vae1, "\tmov x0, #0", "tlbi vae1, x0");
FGT_FN(i_tlbi_aside1, "\tmov x0, #0", "tlbi aside1, x0");
FGT_FN(i_tlbi_vaae1, "\tmov x0, #0", "tlbi vaae1, x0");
FGT_FN(i_tlbi_vale1, "\tmov x0, #0", "tlbi vale1, x0");
FGT_FN(i_tlbi_vaale1, "\tmov x0, #0", "tlbi vaale1, x0");
/* ERET to the next instruction at EL1h when not trapped. */
FGT_FN(i_eret, "\tadr x0, 1f\n\tmsr elr_el1, x0\n\tmov x0, #0x3c5\n\tmsr spsr_el1, x0", "eret\n1:");
FGT_FN(i_svc, "", "svc #0x77");
/* MSR OSLSR_EL1, x0: a read-only register (UNDEFINED; the assembler refuses it). */
FGT_FN(i_msr_oslsr, "\tmov x0, #0", ".inst 0xd5101180");

struct row {
    const char *name;
    void (*fn)(void);
    const char *at;
    unsigned el, reg, bit;
    uint64_t (*val)(void); /* value a write stores (NULL: 0) */
};

#define ROW_R(name, reg, el, g, bit)                                                               \
    {                                                                                              \
        name " R", r_##reg, r_##reg##_at, el, g, bit, NULL                                         \
    }
#define ROW_W(name, reg, el, g, bit)                                                               \
    {                                                                                              \
        name " W", w_##reg, w_##reg##_at, el, g, bit, v_##reg                                      \
    }
#define ROW_Z(name, reg, g, bit)                                                                   \
    {                                                                                              \
        name " W", z_##reg, z_##reg##_at, 1, g, bit, NULL                                          \
    }
#define ROW_I(name, id, el, bit)                                                                   \
    {                                                                                              \
        name, i_##id, i_##id##_at, el, FGI, bit, NULL                                              \
    }

/* Arm ARM D24.2.73 HFGRTR_EL2, D24.2.75 HFGWTR_EL2, D24.2.71 HFGITR_EL2, D24.2.67 HDFGRTR_EL2,
 * D24.2.69 HDFGWTR_EL2: every field of a feature avsim implements. */
static const struct row rows[] = {
    ROW_R("AFSR0_EL1", afsr0_el1, 1, FGR, 0),
    ROW_R("AFSR1_EL1", afsr1_el1, 1, FGR, 1),
    ROW_R("AIDR_EL1", aidr_el1, 1, FGR, 2),
    ROW_R("AMAIR_EL1", amair_el1, 1, FGR, 3),
    ROW_R("CCSIDR_EL1", ccsidr_el1, 1, FGR, 9),
    ROW_R("CLIDR_EL1", clidr_el1, 1, FGR, 10),
    ROW_R("CONTEXTIDR_EL1", contextidr_el1, 1, FGR, 11),
    ROW_R("CPACR_EL1", cpacr_el1, 1, FGR, 12),
    ROW_R("CSSELR_EL1", csselr_el1, 1, FGR, 13),
    ROW_R("CTR_EL0", ctr_el0, 1, FGR, 14),
    ROW_R("CTR_EL0", ctr_el0, 0, FGR, 14),
    ROW_R("DCZID_EL0", dczid_el0, 1, FGR, 15),
    ROW_R("DCZID_EL0", dczid_el0, 0, FGR, 15),
    ROW_R("ESR_EL1", esr_el1, 1, FGR, 16),
    ROW_R("FAR_EL1", far_el1, 1, FGR, 17),
    ROW_R("ISR_EL1", isr_el1, 1, FGR, 18),
    ROW_R("MAIR_EL1", mair_el1, 1, FGR, 24),
    ROW_R("MIDR_EL1", midr_el1, 1, FGR, 25),
    ROW_R("MPIDR_EL1", mpidr_el1, 1, FGR, 26),
    ROW_R("PAR_EL1", par_el1, 1, FGR, 27),
    ROW_R("REVIDR_EL1", revidr_el1, 1, FGR, 28),
    ROW_R("SCTLR_EL1", sctlr_el1, 1, FGR, 29),
    ROW_R("TCR_EL1", tcr_el1, 1, FGR, 32),
    ROW_R("TPIDR_EL1", tpidr_el1, 1, FGR, 33),
    ROW_R("TPIDRRO_EL0", tpidrro_el0, 1, FGR, 34),
    ROW_R("TPIDRRO_EL0", tpidrro_el0, 0, FGR, 34),
    ROW_R("TPIDR_EL0", tpidr_el0, 1, FGR, 35),
    ROW_R("TPIDR_EL0", tpidr_el0, 0, FGR, 35),
    ROW_R("TTBR0_EL1", ttbr0_el1, 1, FGR, 36),
    ROW_R("TTBR1_EL1", ttbr1_el1, 1, FGR, 37),
    ROW_R("VBAR_EL1", vbar_el1, 1, FGR, 38),
    ROW_R("ICC_IGRPEN0_EL1", s3_0_c12_c12_6, 1, FGR, 39),
    ROW_R("ICC_IGRPEN1_EL1", s3_0_c12_c12_7, 1, FGR, 39),

    ROW_W("AFSR0_EL1", afsr0_el1, 1, FGW, 0),
    ROW_W("AFSR1_EL1", afsr1_el1, 1, FGW, 1),
    ROW_W("AMAIR_EL1", amair_el1, 1, FGW, 3),
    ROW_W("CONTEXTIDR_EL1", contextidr_el1, 1, FGW, 11),
    ROW_W("CPACR_EL1", cpacr_el1, 1, FGW, 12),
    ROW_W("CSSELR_EL1", csselr_el1, 1, FGW, 13),
    ROW_W("ESR_EL1", esr_el1, 1, FGW, 16),
    ROW_W("FAR_EL1", far_el1, 1, FGW, 17),
    ROW_W("MAIR_EL1", mair_el1, 1, FGW, 24),
    ROW_W("PAR_EL1", par_el1, 1, FGW, 27),
    ROW_W("SCTLR_EL1", sctlr_el1, 1, FGW, 29),
    ROW_W("TCR_EL1", tcr_el1, 1, FGW, 32),
    ROW_W("TPIDR_EL1", tpidr_el1, 1, FGW, 33),
    ROW_W("TPIDRRO_EL0", tpidrro_el0, 1, FGW, 34),
    ROW_W("TPIDR_EL0", tpidr_el0, 1, FGW, 35),
    ROW_W("TPIDR_EL0", tpidr_el0, 0, FGW, 35),
    ROW_W("TTBR0_EL1", ttbr0_el1, 1, FGW, 36),
    ROW_W("TTBR1_EL1", ttbr1_el1, 1, FGW, 37),
    ROW_W("VBAR_EL1", vbar_el1, 1, FGW, 38),
    ROW_W("ICC_IGRPEN0_EL1", s3_0_c12_c12_6, 1, FGW, 39),
    ROW_W("ICC_IGRPEN1_EL1", s3_0_c12_c12_7, 1, FGW, 39),

    ROW_I("IC IALLUIS", ic_ialluis, 1, 0),
    ROW_I("IC IALLU", ic_iallu, 1, 1),
    ROW_I("IC IVAU", ic_ivau, 1, 2),
    ROW_I("IC IVAU", ic_ivau, 0, 2),
    ROW_I("DC IVAC", dc_ivac, 1, 3),
    ROW_I("DC ISW", dc_isw, 1, 4),
    ROW_I("DC CSW", dc_csw, 1, 5),
    ROW_I("DC CISW", dc_cisw, 1, 6),
    ROW_I("DC CVAU", dc_cvau, 1, 7),
    ROW_I("DC CVAU", dc_cvau, 0, 7),
    ROW_I("DC CIVAC", dc_civac, 1, 10),
    ROW_I("DC CIVAC", dc_civac, 0, 10),
    ROW_I("DC ZVA", dc_zva, 1, 11),
    ROW_I("DC ZVA", dc_zva, 0, 11),
    ROW_I("AT S1E1R", at_s1e1r, 1, 12),
    ROW_I("AT S1E1W", at_s1e1w, 1, 13),
    ROW_I("AT S1E0R", at_s1e0r, 1, 14),
    ROW_I("AT S1E0W", at_s1e0w, 1, 15),
    ROW_I("TLBI VMALLE1OS", tlbi_vmalle1os, 1, 18),
    ROW_I("TLBI VAE1OS", tlbi_vae1os, 1, 19),
    ROW_I("TLBI ASIDE1OS", tlbi_aside1os, 1, 20),
    ROW_I("TLBI VAAE1OS", tlbi_vaae1os, 1, 21),
    ROW_I("TLBI VALE1OS", tlbi_vale1os, 1, 22),
    ROW_I("TLBI VAALE1OS", tlbi_vaale1os, 1, 23),
    ROW_I("TLBI VMALLE1IS", tlbi_vmalle1is, 1, 28),
    ROW_I("TLBI VAE1IS", tlbi_vae1is, 1, 29),
    ROW_I("TLBI ASIDE1IS", tlbi_aside1is, 1, 30),
    ROW_I("TLBI VAAE1IS", tlbi_vaae1is, 1, 31),
    ROW_I("TLBI VALE1IS", tlbi_vale1is, 1, 32),
    ROW_I("TLBI VAALE1IS", tlbi_vaale1is, 1, 33),
    ROW_I("TLBI VMALLE1", tlbi_vmalle1, 1, 42),
    ROW_I("TLBI VAE1", tlbi_vae1, 1, 43),
    ROW_I("TLBI ASIDE1", tlbi_aside1, 1, 44),
    ROW_I("TLBI VAAE1", tlbi_vaae1, 1, 45),
    ROW_I("TLBI VALE1", tlbi_vale1, 1, 46),
    ROW_I("TLBI VAALE1", tlbi_vaale1, 1, 47),
    ROW_I("ERET", eret, 1, 51),
    ROW_I("SVC", svc, 0, 52),
    ROW_I("SVC", svc, 1, 53),
    ROW_I("DC CVAC", dc_cvac, 1, 54),
    ROW_I("DC CVAC", dc_cvac, 0, 54),

    ROW_R("DBGBCR0_EL1", dbgbcr0_el1, 1, FDR, 0),
    ROW_R("DBGBCR1_EL1", dbgbcr1_el1, 1, FDR, 0),
    ROW_R("DBGBVR0_EL1", dbgbvr0_el1, 1, FDR, 1),
    ROW_R("DBGWCR0_EL1", dbgwcr0_el1, 1, FDR, 2),
    ROW_R("DBGWVR0_EL1", dbgwvr0_el1, 1, FDR, 3),
    ROW_R("MDSCR_EL1", mdscr_el1, 1, FDR, 4),
    ROW_R("DBGCLAIMSET_EL1", dbgclaimset_el1, 1, FDR, 5),
    ROW_R("DBGCLAIMCLR_EL1", dbgclaimclr_el1, 1, FDR, 5),
    ROW_R("OSLSR_EL1", oslsr_el1, 1, FDR, 9),
    ROW_R("OSECCR_EL1", oseccr_el1, 1, FDR, 10),
    ROW_R("OSDLR_EL1", osdlr_el1, 1, FDR, 11),

    ROW_W("DBGBCR0_EL1", dbgbcr0_el1, 1, FDW, 0),
    ROW_W("DBGBVR0_EL1", dbgbvr0_el1, 1, FDW, 1),
    ROW_W("DBGWCR0_EL1", dbgwcr0_el1, 1, FDW, 2),
    ROW_W("DBGWVR0_EL1", dbgwvr0_el1, 1, FDW, 3),
    ROW_W("MDSCR_EL1", mdscr_el1, 1, FDW, 4),
    ROW_Z("DBGCLAIMSET_EL1", dbgclaimset_el1, FDW, 5),
    ROW_Z("DBGCLAIMCLR_EL1", dbgclaimclr_el1, FDW, 5),
    ROW_Z("OSLAR_EL1", oslar_el1, FDW, 8),
    ROW_W("OSECCR_EL1", oseccr_el1, 1, FDW, 10),
    ROW_W("OSDLR_EL1", osdlr_el1, 1, FDW, 11),
};
#define NROWS (sizeof rows / sizeof rows[0])

static bool is_svc(const struct row *r)
{
    return r->fn == i_svc;
}

static struct fgt_result run_row(const struct row *r, unsigned el, uint64_t hcr)
{
    fgt_wval = r->val ? r->val() : 0;
    return fgt_run(r->fn, r->at, el, hcr);
}

static uint64_t expected_esr(const char *at)
{
    return fgt_expected_esr(*(const uint32_t *)at);
}

/* A trap to EL2 with the instruction's own syndrome and ELR_EL2 = the instruction. */
static bool check_trap(const struct fgt_result *t, const char *at)
{
    if (!CHECK_EQ(t->taken, 1)) return false;
    bool ok = CHECK_EQ(t->last.el, 2);
    ok &= CHECK_EQ(t->last.esr, expected_esr(at));
    ok &= CHECK_EQ(t->last.elr_off, 0);
    return ok;
}

/* No trap to EL2: nothing, or for SVC the ordinary exception to EL1 after it (TGE = 0). */
static void check_untrapped(const struct fgt_result *t, const struct row *r)
{
    if (!is_svc(r)) {
        CHECK_EQ(t->taken, 0);
        return;
    }
    CHECK_EQ(t->taken, 1);
    CHECK_EQ(t->last.el, 1);
    CHECK_EQ(t->last.elr_off, 4);
}

static void show(const char *what, const struct fgt_result *t)
{
    printf("%-52s ", what);
    fgt_print(t);
    printf("\n");
}

static void sweep(void)
{
    printf("-- each bit alone / every other bit of the five registers set\n");
    for (unsigned i = 0; i < NROWS; i++) {
        const struct row *r = &rows[i];
        fgt_only((int)r->reg, r->bit);
        struct fgt_result t = run_row(r, r->el, 0);
        fgt_all_but((int)r->reg, r->bit);
        struct fgt_result o = run_row(r, r->el, 0);
        fgt_clear();
        printf("%-17s EL%u %-7s[%2u]: ", r->name, r->el, fgt_names[r->reg], r->bit);
        fgt_print(&t);
        printf(" | others: ");
        fgt_print(&o);
        printf("\n");
        check_trap(&t, r->at);
        check_untrapped(&o, r);
    }
}

/* FGT traps only accesses from EL0 and EL1 (not EL2), and not EL0 in the EL2&0 host. */
static void scope(void)
{
    printf("-- where FGT applies\n");
    uint64_t sctlr2 = read_sysreg(sctlr_el2);
    unsigned n = 0, caught = 0;

    fgt_all_but(-1, 0);
    for (unsigned i = 0; i < NROWS; i++) {
        const struct row *r = &rows[i];
        if (r->el != 1 || r->fn == i_eret || is_svc(r)) continue;
        fgt_wval = r->val ? r->val() : 0;
        exc_catch_begin();
        r->fn();
        caught += exc_catch_end(NULL);
        n++;
    }
    fgt_clear();
    printf("EL2, all bits set: %u instructions, %u exceptions\n", n, caught);
    CHECK_EQ(caught, 0);

    /* The host's EL0 enables are SCTLR_EL2's (E2H = TGE = 1). */
    write_sysreg(sctlr2 | SCTLR_UCT | SCTLR_DZE | SCTLR_UCI, sctlr_el2);
    isb();
    for (unsigned i = 0; i < NROWS; i++) {
        const struct row *r = &rows[i];
        if (r->el != 0) continue;
        char what[64];
        fgt_all_but(-1, 0);
        struct fgt_result t = run_row(r, 0, HCR_E2H | HCR_TGE);
        fgt_clear();
        snprintf(what, sizeof what, "EL0 host (E2H TGE), all bits: %s", r->name);
        show(what, &t);
        if (is_svc(r)) { /* the ordinary SVC to EL2 */
            CHECK_EQ(t.taken, 1);
            CHECK_EQ(t.last.el, 2);
            CHECK_EQ(t.last.elr_off, 4);
        } else {
            CHECK_EQ(t.taken, 0);
        }
    }
    write_sysreg(sctlr2, sctlr_el2);
    isb();

    /* TGE = 1, E2H = 0: EL0 is not in a host, FGT applies (SVC too, returning to itself). */
    for (unsigned i = 0; i < NROWS; i++) {
        const struct row *r = &rows[i];
        if (r->el != 0) continue;
        char what[64];
        fgt_only((int)r->reg, r->bit);
        struct fgt_result t = run_row(r, 0, HCR_TGE);
        fgt_clear();
        struct fgt_result u = run_row(r, 0, HCR_TGE);
        snprintf(what, sizeof what, "EL0 TGE, E2H 0: %s", r->name);
        printf("%-52s ", what);
        fgt_print(&t);
        printf(" | none: ");
        fgt_print(&u);
        printf("\n");
        check_trap(&t, r->at);
        if (is_svc(r)) { /* routed to EL2 by TGE, returning after the SVC */
            CHECK_EQ(u.taken, 1);
            CHECK_EQ(u.last.el, 2);
            CHECK_EQ(u.last.elr_off, 4);
        } else {
            CHECK_EQ(u.taken, 0);
        }
    }
}

/* UNDEFINED and traps to EL1 (priorities 19, 21) before FGT (25), Arm ARM D1.4.5.6. */
static void before_fgt(void)
{
    printf("-- UNDEFINED and traps to EL1 come first\n");
    uint64_t sctlr = read_sysreg(sctlr_el1), mdscr = read_sysreg(mdscr_el1);
    uint64_t mdcr = read_sysreg(mdcr_el2);
    struct fgt_result t;

    fgt_all_but(-1, 0);
    t = fgt_run(r_sctlr_el1, r_sctlr_el1_at, 0, 0);
    show("EL0 MRS SCTLR_EL1, all bits", &t);
    CHECK_EQ(t.last.el, 1);
    CHECK_EQ(ESR_EC(t.last.esr), EC_UNKNOWN);
    t = fgt_run(r_cpacr_el1, r_cpacr_el1_at, 0, 0);
    show("EL0 MRS CPACR_EL1, all bits", &t);
    CHECK_EQ(t.last.el, 1);
    CHECK_EQ(ESR_EC(t.last.esr), EC_UNKNOWN);
    t = fgt_run(i_msr_oslsr, i_msr_oslsr_at, 1, 0);
    show("EL1 MSR OSLSR_EL1 (read-only), all bits", &t);
    CHECK_EQ(t.last.el, 1);
    CHECK_EQ(ESR_EC(t.last.esr), EC_UNKNOWN);
    fgt_clear();

    static const struct {
        const char *what;
        void (*fn)(void);
        const char *at;
        uint64_t sctlr_clear;
        unsigned reg, bit;
    } el1[] = {
        {"EL0 MRS CTR_EL0, UCT 0, HFGRTR.CTR_EL0", r_ctr_el0, r_ctr_el0_at, SCTLR_UCT, FGR, 14},
        {"EL0 DC ZVA, DZE 0, HFGITR.DCZVA", i_dc_zva, i_dc_zva_at, SCTLR_DZE, FGI, 11},
        {"EL0 DC CVAC, UCI 0, HFGITR.DCCVAC", i_dc_cvac, i_dc_cvac_at, SCTLR_UCI, FGI, 54},
        {"EL0 DC CIVAC, UCI 0, HFGITR.DCCIVAC", i_dc_civac, i_dc_civac_at, SCTLR_UCI, FGI, 10},
        {"EL0 DC CVAU, UCI 0, HFGITR.DCCVAU", i_dc_cvau, i_dc_cvau_at, SCTLR_UCI, FGI, 7},
        {"EL0 IC IVAU, UCI 0, HFGITR.ICIVAU", i_ic_ivau, i_ic_ivau_at, SCTLR_UCI, FGI, 2},
    };
    for (unsigned i = 0; i < sizeof el1 / sizeof el1[0]; i++) {
        write_sysreg(sctlr & ~el1[i].sctlr_clear, sctlr_el1);
        fgt_only((int)el1[i].reg, el1[i].bit);
        t = fgt_run(el1[i].fn, el1[i].at, 0, 0);
        fgt_clear();
        write_sysreg(sctlr, sctlr_el1);
        isb();
        show(el1[i].what, &t);
        CHECK_EQ(t.taken, 1);
        CHECK_EQ(t.last.el, 1);
        CHECK_EQ(t.last.esr, expected_esr(el1[i].at));
    }

    /* MDSCR_EL1.TDCC (to EL1) before MDCR_EL2.TDCC (to EL2), Arm ARM D24.3.17. */
    write_sysreg(mdscr | MDSCR_TDCC, mdscr_el1);
    write_sysreg(mdcr | MDCR_TDCC, mdcr_el2);
    isb();
    t = fgt_run(r_mdccsr_el0, r_mdccsr_el0_at, 0, 0);
    write_sysreg(mdcr, mdcr_el2);
    write_sysreg(mdscr, mdscr_el1);
    isb();
    show("EL0 MRS MDCCSR_EL0, MDSCR_EL1.TDCC, MDCR_EL2.TDCC", &t);
    CHECK_EQ(t.last.el, 1);
    CHECK_EQ(t.last.esr, expected_esr(r_mdccsr_el0_at));
}

/* The coarse traps of HCR_EL2, MDCR_EL2 and CPTR_EL2 and FGT: one priority, one syndrome. */
static void with_coarse(void)
{
    printf("-- coarse trap / FGT / both\n");
    static const struct {
        const char *what;
        void (*fn)(void);
        const char *at;
        unsigned el;
        uint64_t hcr, mdcr, cptr;
        unsigned reg, bit;
        uint64_t (*val)(void);
    } c[] = {
#define C(what, fn, el, hcr, mdcr, cptr, reg, bit, val)                                            \
    {what, fn, fn##_at, el, hcr, mdcr, cptr, reg, bit, val}
        C("EL1 MRS SCTLR_EL1: HCR_EL2.TRVM", r_sctlr_el1, 1, HCR_TRVM, 0, 0, FGR, 29, NULL),
        C("EL1 MSR SCTLR_EL1: HCR_EL2.TVM", w_sctlr_el1, 1, HCR_TVM, 0, 0, FGW, 29, v_sctlr_el1),
        C("EL1 MRS AIDR_EL1: HCR_EL2.TID1", r_aidr_el1, 1, HCR_TID1, 0, 0, FGR, 2, NULL),
        C("EL1 MRS CCSIDR_EL1: HCR_EL2.TID2", r_ccsidr_el1, 1, HCR_TID2, 0, 0, FGR, 9, NULL),
        C("EL1 MRS CTR_EL0: HCR_EL2.TID2", r_ctr_el0, 1, HCR_TID2, 0, 0, FGR, 14, NULL),
        C("EL0 MRS CTR_EL0: HCR_EL2.TID2", r_ctr_el0, 0, HCR_TID2, 0, 0, FGR, 14, NULL),
        C("EL1 DC CVAC: HCR_EL2.TPCP", i_dc_cvac, 1, HCR_TPCP, 0, 0, FGI, 54, NULL),
        C("EL0 DC ZVA: HCR_EL2.TDZ", i_dc_zva, 0, HCR_TDZ, 0, 0, FGI, 11, NULL),
        C("EL1 IC IVAU: HCR_EL2.TPU", i_ic_ivau, 1, HCR_TPU, 0, 0, FGI, 2, NULL),
        C("EL1 DC ISW: HCR_EL2.TSW", i_dc_isw, 1, HCR_TSW, 0, 0, FGI, 4, NULL),
        C("EL1 TLBI VMALLE1IS: HCR_EL2.TTLB", i_tlbi_vmalle1is, 1, HCR_TTLB, 0, 0, FGI, 28, NULL),
        C("EL1 AT S1E1R: HCR_EL2.AT", i_at_s1e1r, 1, HCR_AT, 0, 0, FGI, 12, NULL),
        C("EL1 MRS DBGBCR0_EL1: MDCR_EL2.TDA", r_dbgbcr0_el1, 1, 0, MDCR_TDA, 0, FDR, 0, NULL),
        C("EL1 MSR MDSCR_EL1: MDCR_EL2.TDA", w_mdscr_el1, 1, 0, MDCR_TDA, 0, FDW, 4, v_mdscr_el1),
        C("EL1 MSR OSLAR_EL1: MDCR_EL2.TDOSA", z_oslar_el1, 1, 0, MDCR_TDOSA, 0, FDW, 8, NULL),
        C("EL1 MRS CPACR_EL1: CPTR_EL2.TCPAC", r_cpacr_el1, 1, 0, 0, CPTR_TCPAC, FGR, 12, NULL),
#undef C
    };
    uint64_t mdcr = read_sysreg(mdcr_el2), cptr = read_sysreg(cptr_el2);
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        struct fgt_result t[3];
        fgt_wval = c[i].val ? c[i].val() : 0;
        for (unsigned k = 0; k < 3; k++) {
            bool coarse = k != 1, fine = k != 0;
            write_sysreg(mdcr | (coarse ? c[i].mdcr : 0), mdcr_el2);
            write_sysreg(cptr | (coarse ? c[i].cptr : 0), cptr_el2);
            if (fine)
                fgt_only((int)c[i].reg, c[i].bit);
            else
                fgt_clear();
            t[k] = fgt_run(c[i].fn, c[i].at, c[i].el, coarse ? c[i].hcr : 0);
        }
        fgt_clear();
        write_sysreg(mdcr, mdcr_el2);
        write_sysreg(cptr, cptr_el2);
        isb();
        printf("%-38s ", c[i].what);
        fgt_print(&t[0]);
        printf(" | FGT ");
        fgt_print(&t[1]);
        printf(" | both ");
        fgt_print(&t[2]);
        printf("\n");
        for (unsigned k = 0; k < 3; k++)
            check_trap(&t[k], c[i].at);
    }
}

/* A read routine that keeps what it read, for the VNCR cases. */
FGT_FN(n_sctlr_el1, "",
       "mrs x0, sctlr_el1\n\tadrp x1, fgt_result\n\tstr x0, [x1, :lo12:fgt_result]");
FGT_FN(n_mdscr_el1, "",
       "mrs x0, mdscr_el1\n\tadrp x1, fgt_result\n\tstr x0, [x1, :lo12:fgt_result]");

static uint64_t vncr_page[512] __attribute__((aligned(4096)));
#define VNCR_PATTERN 0x5a5a000000000000ull

static void vncr_fill(void)
{
    for (unsigned i = 0; i < 512; i++)
        vncr_page[i] = VNCR_PATTERN | (i * 8);
    dsb(sy);
}

/* The slot a value read from the page names, or "register". */
static void print_source(void)
{
    if ((fgt_result & ~0xff8ull) == VNCR_PATTERN)
        printf(" (read VNCR+0x%03lx)", (unsigned long)(fgt_result & 0xff8));
    else
        printf(" (read a register)");
}

/* FEAT_NV: FGT is checked before the VNCR redirection (Arm ARM, the registers' accessor
 * pseudocode: the FGT condition precedes NVMem[]). That the _EL12 encodings have no FGT term is
 * guest.fgt_traps_avsim's (QEMU applies the _EL1 register's bit to them). */
static void with_nv(void)
{
    printf("-- FGT and FEAT_NV/NV2\n");
    const uint64_t nvx111 = HCR_NV | HCR_NV1 | HCR_NV2, nvx101 = HCR_NV | HCR_NV2;
    struct fgt_result t;

    write_sysreg((uint64_t)vncr_page, VNCR_EL2);
    vncr_fill();
    fgt_result = 0;
    t = fgt_run(n_sctlr_el1, n_sctlr_el1_at, 1, nvx111);
    printf("%-52s ", "NVx 111 MRS SCTLR_EL1");
    fgt_print(&t);
    print_source();
    printf("\n");
    CHECK_EQ(t.taken, 0);
    CHECK_EQ(fgt_result, VNCR_PATTERN | 0x110);

    fgt_only(FGR, 29);
    fgt_result = 0;
    t = fgt_run(n_sctlr_el1, n_sctlr_el1_at, 1, nvx111);
    show("NVx 111 MRS SCTLR_EL1, HFGRTR.SCTLR_EL1", &t);
    check_trap(&t, n_sctlr_el1_at);
    fgt_only(FGW, 29);
    fgt_wval = 0x1234;
    t = fgt_run(w_sctlr_el1, w_sctlr_el1_at, 1, nvx111);
    show("NVx 111 MSR SCTLR_EL1, HFGWTR.SCTLR_EL1", &t);
    check_trap(&t, w_sctlr_el1_at);
    CHECK_EQ(vncr_page[0x110 / 8], VNCR_PATTERN | 0x110);

    fgt_only(FDR, 4);
    t = fgt_run(n_mdscr_el1, n_mdscr_el1_at, 1, nvx101);
    show("NVx 101 MRS MDSCR_EL1, HDFGRTR.MDSCR_EL1", &t);
    check_trap(&t, n_mdscr_el1_at);
    fgt_clear();
    fgt_result = 0;
    t = fgt_run(n_mdscr_el1, n_mdscr_el1_at, 1, nvx101);
    printf("%-52s ", "NVx 101 MRS MDSCR_EL1");
    fgt_print(&t);
    print_source();
    printf("\n");
    CHECK_EQ(t.taken, 0);
    CHECK_EQ(fgt_result, VNCR_PATTERN | 0x158);

    /* ERET: HFGITR_EL2.ERET and the NV trap give the same EC 0x1A. */
    fgt_only(FGI, 51);
    t = fgt_run(i_eret, i_eret_at, 1, HCR_NV);
    show("NVx 001 ERET, HFGITR.ERET", &t);
    check_trap(&t, i_eret_at);
    fgt_clear();
    write_sysreg(0, VNCR_EL2);
    isb();
}

/* MDCR_EL2.TDCC (FEAT_FGT, Arm ARM D24.3.17): the debug communications channel registers from EL0
 * and EL1 (DBGDTR_EL0, UNDEFINED on QEMU, is guest.fgt_traps_avsim's); not OSECCR_EL1. */
static void tdcc(void)
{
    printf("-- MDCR_EL2.TDCC\n");
    static const struct {
        const char *what;
        void (*fn)(void);
        const char *at;
        unsigned el;
        uint64_t (*val)(void);
        bool traps;
    } d[] = {
        {"EL1 MRS MDCCSR_EL0", r_mdccsr_el0, r_mdccsr_el0_at, 1, NULL, true},
        {"EL0 MRS MDCCSR_EL0", r_mdccsr_el0, r_mdccsr_el0_at, 0, NULL, true},
        {"EL1 MRS MDCCINT_EL1", r_mdccint_el1, r_mdccint_el1_at, 1, NULL, true},
        {"EL1 MSR MDCCINT_EL1", w_mdccint_el1, w_mdccint_el1_at, 1, v_mdccint_el1, true},
        {"EL1 MRS DBGDTRRX_EL0", r_dbgdtrrx_el0, r_dbgdtrrx_el0_at, 1, NULL, true},
        {"EL0 MRS DBGDTRRX_EL0", r_dbgdtrrx_el0, r_dbgdtrrx_el0_at, 0, NULL, true},
        {"EL1 MSR DBGDTRTX_EL0", z_dbgdtrtx_el0, z_dbgdtrtx_el0_at, 1, NULL, true},
        {"EL0 MSR DBGDTRTX_EL0", z_dbgdtrtx_el0, z_dbgdtrtx_el0_at, 0, NULL, true},
        {"EL1 MRS OSDTRRX_EL1", r_osdtrrx_el1, r_osdtrrx_el1_at, 1, NULL, true},
        {"EL1 MSR OSDTRRX_EL1", w_osdtrrx_el1, w_osdtrrx_el1_at, 1, v_osdtrrx_el1, true},
        {"EL1 MRS OSDTRTX_EL1", r_osdtrtx_el1, r_osdtrtx_el1_at, 1, NULL, true},
        {"EL1 MSR OSDTRTX_EL1", w_osdtrtx_el1, w_osdtrtx_el1_at, 1, v_osdtrtx_el1, true},
        {"EL1 MRS OSECCR_EL1", r_oseccr_el1, r_oseccr_el1_at, 1, NULL, false},
    };
    uint64_t mdcr = read_sysreg(mdcr_el2);
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++) {
        fgt_wval = d[i].val ? d[i].val() : 0;
        write_sysreg(mdcr | MDCR_TDCC, mdcr_el2);
        isb();
        struct fgt_result t = fgt_run(d[i].fn, d[i].at, d[i].el, 0);
        write_sysreg(mdcr, mdcr_el2);
        isb();
        struct fgt_result u = fgt_run(d[i].fn, d[i].at, d[i].el, 0);
        printf("%-52s ", d[i].what);
        fgt_print(&t);
        printf(" | without: ");
        fgt_print(&u);
        printf("\n");
        if (d[i].traps)
            check_trap(&t, d[i].at);
        else
            CHECK_EQ(t.taken, 0);
        CHECK_EQ(u.taken, 0);
    }
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    printf("reset: HFGRTR 0x%lx HFGWTR 0x%lx HFGITR 0x%lx HDFGRTR 0x%lx HDFGWTR 0x%lx\n",
           read_sysreg(HFGRTR_EL2), read_sysreg(HFGWTR_EL2), read_sysreg(HFGITR_EL2),
           read_sysreg(HDFGRTR_EL2), read_sysreg(HDFGWTR_EL2));
    /* EL0 may read CTR_EL0 and run DC ZVA and cache maintenance by VA. */
    write_sysreg(read_sysreg(sctlr_el1) | SCTLR_UCT | SCTLR_DZE | SCTLR_UCI, sctlr_el1);
    write_sysreg((uint64_t)fgt_el1_vectors, vbar_el1);
    isb();

    sweep();
    scope();
    before_fgt();
    with_coarse();
    with_nv();
    tdcc();

    /* With HCR_EL2.IMO/FMO, ICC_IGRPEN1_EL1 is ICV_IGRPEN1_EL1, trapped by the same bit. */
    printf("-- virtual interrupt controller view\n");
    fgt_only(FGR, 39);
    struct fgt_result t = fgt_run(r_s3_0_c12_c12_7, r_s3_0_c12_c12_7_at, 1, HCR_IMO | HCR_FMO);
    fgt_all_but(FGR, 39);
    struct fgt_result u = fgt_run(r_s3_0_c12_c12_7, r_s3_0_c12_c12_7_at, 1, HCR_IMO | HCR_FMO);
    fgt_clear();
    printf("%-52s ", "EL1 MRS ICV_IGRPEN1_EL1 (IMO FMO), HFGRTR[39]");
    fgt_print(&t);
    printf(" | others: ");
    fgt_print(&u);
    printf("\n");
    check_trap(&t, r_s3_0_c12_c12_7_at);
    CHECK_EQ(u.taken, 0);
    return test_summary();
}
