/*
 * Class "branch": conditional and unconditional branches, immediate and
 * register (A64 "Branches, Exception Generating and System"), all forward to a later group.
 * Register branches get their target from an ADR set-up word.
 *
 * Class "misc": hints (NOP, YIELD, WFE after SEVL), barriers, MRS/MSR of
 * NZCV and DAIF (the harness masks DAIF again before each case), cache
 * maintenance by address on the data buffer, exception generation (SVC, HVC, BRK;
 * the handler records and skips them), and encodings UNDEFINED outside
 * Debug state (UDF, HLT other than semihosting, DCPSn). SMC is left out: at
 * EL2 it is the PSCI conduit. WFI and a WFE without event could wait forever.
 */
#include <stdio.h>

#include "forms.h"

/* arg: kind (0 B.cond, 1 CBZ/CBNZ, 2 TBZ/TBNZ, 3 B, 4 BL), op (CBNZ, TBNZ). */
static void branch_imm(struct builder *b, const struct form *f)
{
    uint32_t op = f->arg[1], w;
    enum patch patch = PATCH_IMM19;
    char name[48];

    switch (f->arg[0]) {
    case 0: w = 0x54000000u | rng_below(&b->rng, 16); break;
    case 1: {
        uint32_t sf = rng_below(&b->rng, 2);
        w = 0x34000000u | sf << 31 | op << 24 | pick_src(b, true);
        break;
    }
    case 2: {
        uint32_t bit = rng_below(&b->rng, 64);
        w = 0x36000000u | (bit >> 5) << 31 | op << 24 | (bit & 31) << 19 | pick_src(b, true);
        patch = PATCH_IMM14;
        break;
    }
    default: w = 0x14000000u | (uint32_t)(f->arg[0] == 4) << 31, patch = PATCH_IMM26; break;
    }
    snprintf(name, sizeof(name), "%s", f->name);
    if (f->arg[0] == 1) snprintf(name, sizeof(name), "%s %s", f->name, w >> 31 ? "64" : "32");
    begin_group(b);
    emit_test_patched(b, "branch", name, w, patch, pick_target_group(b));
}

/* arg: opc (BR 0, BLR 1, RET 2). */
static void branch_reg(struct builder *b, const struct form *f)
{
    unsigned rn = f->arg[0] == 2 && rng_percent(&b->rng, 50) ? 30 : pick_dst(b, false);

    begin_group(b);
    emit_adr_to_group(b, rn, pick_target_group(b));
    emit_test(b, "branch", f->name, 0xd61f0000u | f->arg[0] << 21 | rn << 5);
}

/* arg: base word, random field mask (shifted into place). */
static void misc(struct builder *b, const struct form *f)
{
    uint32_t w = f->arg[0] | (uint32_t)(rng_next(&b->rng) & f->arg[1]);

    begin_group(b);
    emit_test(b, "misc", f->name, w);
}

static void msr_mrs_nzcv(struct builder *b, const struct form *f)
{
    begin_group(b);
    emit_test(b, "misc", f->name, f->arg[0] | (f->arg[1] ? pick_src(b, true) : pick_dst(b, true)));
}

/* arg: word with Rt = 0, operand alignment. The operand is an address in the data buffer. */
static void cache_op(struct builder *b, const struct form *f)
{
    unsigned rt = pick_reg_except(b, 0);

    begin_group(b);
    emit_mov_imm(b, rt, pick_data_addr(b, f->arg[1], f->arg[1], DIFF_DATA_SIZE));
    emit_test(b, "misc", f->name, f->arg[0] | rt);
}

/* WFE right after SEVL: the event register is set, so it does not wait. */
static void sevl_wfe(struct builder *b, const struct form *f)
{
    begin_group(b);
    emit_setup(b, 0xd50320bf);
    emit_test(b, "misc", f->name, 0xd503205f);
}

static void hlt(struct builder *b, const struct form *f)
{
    uint32_t imm = rng_below(&b->rng, 0x10000);

    if (imm == 0xf000) imm = 0; /* HLT #0xF000 is the semihosting call */
    begin_group(b);
    emit_test(b, "misc", f->name, 0xd4400000u | imm << 5);
}

void forms_branch_register(void)
{
    form_add("branch", "B.cond", branch_imm, 0, 0, 0);
    form_add("branch", "CBZ", branch_imm, 1, 0, 0);
    form_add("branch", "CBNZ", branch_imm, 1, 1, 0);
    form_add("branch", "TBZ", branch_imm, 2, 0, 0);
    form_add("branch", "TBNZ", branch_imm, 2, 1, 0);
    form_add("branch", "B", branch_imm, 3, 0, 0);
    form_add("branch", "BL", branch_imm, 4, 0, 0);
    form_add("branch", "BR", branch_reg, 0, 0, 0);
    form_add("branch", "BLR", branch_reg, 1, 0, 0);
    form_add("branch", "RET", branch_reg, 2, 0, 0);

    form_add("misc", "NOP", misc, 0xd503201f, 0, 0);
    form_add("misc", "YIELD", misc, 0xd503203f, 0, 0);
    form_add("misc", "CLREX", misc, 0xd503305f, 0xf00, 0);
    form_add("misc", "DSB", misc, 0xd503309f, 0xf00, 0);
    form_add("misc", "DMB", misc, 0xd50330bf, 0xf00, 0);
    form_add("misc", "ISB", misc, 0xd50330df, 0xf00, 0);
    form_add("misc", "MRS NZCV", msr_mrs_nzcv, 0xd53b4200, 0, 0);
    form_add("misc", "MSR NZCV", msr_mrs_nzcv, 0xd51b4200, 1, 0);
    form_add("misc", "MRS DAIF", msr_mrs_nzcv, 0xd53b4220, 0, 0);
    form_add("misc", "MSR DAIF", msr_mrs_nzcv, 0xd51b4220, 1, 0);
    form_add("misc", "MSR DAIFSet", misc, 0xd50340df, 0xf00, 0);
    form_add("misc", "MSR DAIFClr", misc, 0xd50340ff, 0xf00, 0);
    form_add("misc", "WFE (after SEVL)", sevl_wfe, 0, 0, 0);
    form_add("misc", "DC CIVAC", cache_op, 0xd50b7e20, 1, 0);
    form_add("misc", "DC CVAC", cache_op, 0xd50b7a20, 1, 0);
    form_add("misc", "DC CVAU", cache_op, 0xd50b7b20, 1, 0);
    form_add("misc", "DC IVAC", cache_op, 0xd5087620, 1, 0);
    form_add("misc", "DC ZVA", cache_op, 0xd50b7420, 1, 0);
    form_add("misc", "IC IVAU", cache_op, 0xd50b7520, 1, 0);
    form_add("misc", "IC IALLU", misc, 0xd508751f, 0, 0);
    form_add("misc", "SVC", misc, 0xd4000001, 0xffff << 5, 0);
    form_add("misc", "HVC", misc, 0xd4000002, 0xffff << 5, 0);
    form_add("misc", "BRK", misc, 0xd4200000, 0xffff << 5, 0);
    form_add("misc", "UDF", misc, 0x00000000, 0xffff, 0);
    form_add("misc", "HLT (no semihosting)", hlt, 0, 0, 0);
    form_add("misc", "DCPS1", misc, 0xd4a00001, 0xffff << 5, 0);
    form_add("misc", "DCPS2", misc, 0xd4a00002, 0xffff << 5, 0);
    form_add("misc", "DCPS3", misc, 0xd4a00003, 0xffff << 5, 0);
}
