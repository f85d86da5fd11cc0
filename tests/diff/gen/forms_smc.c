/*
 * Class "smc": self-modifying code. A group calls a code slot (an
 * instruction and RET, laid out after the case, builder.h) with BL, rewrites
 * the slot's instruction with STR, makes the new instruction visible as the
 * Arm ARM prescribes for self-modifying code (DC CVAU, DSB ISH, IC IVAU,
 * DSB ISH, ISB), and calls the slot again: the second call must execute the
 * new instruction although the old one has already run (and been decoded).
 */
#include "forms.h"

#define CLS "smc"

/* A random data-processing instruction that writes no register in avoid. */
static uint32_t alu_word(struct builder *b, uint32_t avoid)
{
    rng_t *r = &b->rng;
    uint32_t sf = rng_below(r, 2), rd = pick_reg_except(b, avoid);
    uint32_t operands =
        pick_src(b, true) << 16 | rng_below(r, sf ? 64 : 32) << 10 | pick_src(b, true) << 5 | rd;

    switch (rng_below(r, 3)) {
    case 0: /* ADD, ADDS, SUB, SUBS (shifted register) */
        return 0x0b000000u | sf << 31 | rng_below(r, 4) << 29 | rng_below(r, 3) << 22 | operands;
    case 1: /* AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register) */
        return 0x0a000000u | sf << 31 | rng_below(r, 4) << 29 | rng_below(r, 4) << 22 |
               rng_below(r, 2) << 21 | operands;
    default: /* MOVZ, MOVK */
        return 0x52800000u | sf << 31 | rng_below(r, 2) << 29 | rng_below(r, sf ? 4 : 2) << 21 |
               rng_below(r, 0x10000) << 5 | rd;
    }
}

static void rewrite_slot(struct builder *b, const struct form *f)
{
    unsigned addr = pick_reg_except(b, 1u << 30), value = pick_reg_except(b, 1u << 30 | 1u << addr);
    uint32_t avoid = 1u << 30 | 1u << addr | 1u << value; /* X30: the slot returns through it */
    int slot = new_slot(b, alu_word(b, avoid));

    (void)f;
    if (slot < 0) return;
    begin_group(b);
    emit_setup_patched(b, 0x10000000u | addr, PATCH_ADR_SLOT, slot);
    emit_mov_imm(b, value, alu_word(b, avoid));
    emit_test_patched(b, CLS, "BL to a code slot", 0x94000000u, PATCH_BL_SLOT, slot);
    emit_test(b, CLS, "STR W to the code slot", 0xb9000000u | addr << 5 | value);
    emit_setup(b, 0xd50b7b20u | addr); /* DC CVAU, Xaddr */
    emit_setup(b, 0xd5033b9fu);        /* DSB ISH */
    emit_setup(b, 0xd50b7520u | addr); /* IC IVAU, Xaddr */
    emit_setup(b, 0xd5033b9fu);        /* DSB ISH */
    emit_setup(b, 0xd5033fdfu);        /* ISB */
    emit_test_patched(b, CLS, "BL to the rewritten slot", 0x94000000u, PATCH_BL_SLOT, slot);
}

void forms_smc_register(void)
{
    form_add(CLS, "rewrite a code slot", rewrite_slot, 0, 0, 0);
}
