/*
 * Class "dpreg": data processing (A64 "Data Processing -- Register"): logical and
 * add/sub (shifted register), add/sub (extended register), add/sub with
 * carry, conditional compare and select, 1-, 2- and 3-source; forms writing
 * SP; and reserved field combinations (UNDEFINED). Features avsim does not
 * implement (FlagM, CSSC, PAuth, MTE) are never generated.
 */
#include <stdio.h>

#include "forms.h"

#define CLS "dpreg"

static const char *const size_name[] = {"32", "64"};
static const char *const shift_name[] = {"LSL", "LSR", "ASR", "ROR"};
static const char *const extend_name[] = {"UXTB", "UXTH", "UXTW", "UXTX",
                                          "SXTB", "SXTH", "SXTW", "SXTX"};

/* Three registers Rd, Rn, Rm (31 = XZR) in their usual fields. */
static uint32_t rd_rn_rm(struct builder *b)
{
    return pick_src(b, true) << 16 | pick_src(b, true) << 5 | pick_dst(b, true);
}

/* arg: opc, N (AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS). */
static void logical_shifted(struct builder *b, const struct form *f)
{
    static const char *const names[4][2] = {
        {"AND", "BIC"}, {"ORR", "ORN"}, {"EOR", "EON"}, {"ANDS", "BICS"}};
    uint32_t opc = f->arg[0], n = f->arg[1], sf = rng_below(&b->rng, 2);
    uint32_t shift = rng_below(&b->rng, 4), imm6 = rng_below(&b->rng, sf ? 64 : 32);
    char name[64];

    if (rng_percent(&b->rng, 30)) imm6 = 0;
    snprintf(name, sizeof(name), "%s (shifted register) %s %s", names[opc][n], size_name[sf],
             shift_name[shift]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x0a000000u | sf << 31 | opc << 29 | shift << 22 | n << 21 | imm6 << 10 |
                  rd_rn_rm(b));
}

static const char *const addsub_names[2][2] = {{"ADD", "ADDS"}, {"SUB", "SUBS"}};

/* arg: op, S. */
static void addsub_shifted(struct builder *b, const struct form *f)
{
    uint32_t op = f->arg[0], s = f->arg[1], sf = rng_below(&b->rng, 2);
    uint32_t shift = rng_below(&b->rng, 3), imm6 = rng_below(&b->rng, sf ? 64 : 32);
    char name[64];

    if (rng_percent(&b->rng, 30)) imm6 = 0;
    snprintf(name, sizeof(name), "%s (shifted register) %s %s", addsub_names[op][s], size_name[sf],
             shift_name[shift]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x0b000000u | sf << 31 | op << 30 | s << 29 | shift << 22 | imm6 << 10 | rd_rn_rm(b));
}

/* The fields of add/sub (extended register) after Rd: Rm, option, imm3, Rn (31 = SP). */
static uint32_t extended_operands(struct builder *b, uint32_t *option)
{
    *option = rng_below(&b->rng, 8);
    unsigned rn = rng_percent(&b->rng, 10) ? XZR : pick_src(b, false);

    return pick_src(b, true) << 16 | *option << 13 | rng_below(&b->rng, 5) << 10 | rn << 5;
}

/* arg: op, S. Rd 31 is SP without S, XZR with it. */
static void addsub_extended(struct builder *b, const struct form *f)
{
    uint32_t op = f->arg[0], s = f->arg[1], sf = rng_below(&b->rng, 2), option;
    uint32_t fields = extended_operands(b, &option);
    char name[64];

    snprintf(name, sizeof(name), "%s (extended register) %s %s%s", addsub_names[op][s],
             size_name[sf], extend_name[option], ((fields >> 5) & 31) == XZR ? " SP source" : "");
    begin_group(b);
    emit_test(b, CLS, name, 0x0b200000u | sf << 31 | op << 30 | s << 29 | fields | pick_dst(b, s));
}

static void addsub_extended_to_sp(struct builder *b, const struct form *f)
{
    uint32_t option, fields = extended_operands(b, &option), sf = rng_below(&b->rng, 2);
    char name[64];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name, 0x0b200000u | sf << 31 | rng_below(&b->rng, 2) << 30 | fields | XZR);
    emit_sp_capture_restore(b);
}

/* arg: op, S (ADC, ADCS, SBC, SBCS). */
static void addsub_carry(struct builder *b, const struct form *f)
{
    static const char *const names[2][2] = {{"ADC", "ADCS"}, {"SBC", "SBCS"}};
    uint32_t op = f->arg[0], s = f->arg[1], sf = rng_below(&b->rng, 2);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", names[op][s], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name, 0x1a000000u | sf << 31 | op << 30 | s << 29 | rd_rn_rm(b));
}

/* arg: op (CCMN, CCMP), immediate form. */
static void cond_compare(struct builder *b, const struct form *f)
{
    uint32_t op = f->arg[0], imm = f->arg[1], sf = rng_below(&b->rng, 2);
    uint32_t rm = imm ? rng_below(&b->rng, 32) : pick_src(b, true);
    char name[48];

    snprintf(name, sizeof(name), "%s (%s) %s", op ? "CCMP" : "CCMN", imm ? "immediate" : "register",
             size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x3a400000u | sf << 31 | op << 30 | rm << 16 | rng_below(&b->rng, 16) << 12 |
                  imm << 11 | pick_src(b, true) << 5 | rng_below(&b->rng, 16));
}

/* arg: op, op2 (CSEL, CSINC, CSINV, CSNEG). */
static void cond_select(struct builder *b, const struct form *f)
{
    static const char *const names[2][2] = {{"CSEL", "CSINC"}, {"CSINV", "CSNEG"}};
    uint32_t op = f->arg[0], op2 = f->arg[1], sf = rng_below(&b->rng, 2);
    uint32_t regs = rd_rn_rm(b);
    char name[48];

    if (rng_percent(&b->rng, 20)) regs |= XZR << 16 | XZR << 5; /* CSET, CSETM */
    snprintf(name, sizeof(name), "%s %s", names[op][op2], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x1a800000u | sf << 31 | op << 30 | rng_below(&b->rng, 16) << 12 | op2 << 10 | regs);
}

/* arg: opcode (RBIT, REV16, REV/REV32, REV 64-bit, CLZ, CLS). */
static void dp_1src(struct builder *b, const struct form *f)
{
    static const char *const names[2][6] = {{"RBIT", "REV16", "REV", "", "CLZ", "CLS"},
                                            {"RBIT", "REV16", "REV32", "REV", "CLZ", "CLS"}};
    uint32_t opcode = f->arg[0], sf = opcode == 3 ? 1 : rng_below(&b->rng, 2);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", names[sf][opcode], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x5ac00000u | sf << 31 | opcode << 10 | pick_src(b, true) << 5 | pick_dst(b, true));
}

/* arg: opcode, forced sf (2 = either). */
static void dp_2src(struct builder *b, const struct form *f)
{
    uint32_t opcode = f->arg[0], sf = f->arg[1] == 2 ? rng_below(&b->rng, 2) : f->arg[1];
    char name[48];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name, 0x1ac00000u | sf << 31 | opcode << 10 | rd_rn_rm(b));
}

/* arg: op31, o0, forced sf (2 = either). */
static void dp_3src(struct builder *b, const struct form *f)
{
    uint32_t op31 = f->arg[0], o0 = f->arg[1];
    uint32_t sf = f->arg[2] == 2 ? rng_below(&b->rng, 2) : f->arg[2];
    uint32_t ra = (op31 & 3) == 2 ? XZR : pick_src(b, true); /* SMULH, UMULH: Ra is 11111 */
    char name[48];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x1b000000u | sf << 31 | op31 << 21 | o0 << 15 | ra << 10 | rd_rn_rm(b));
}

/* Reserved encodings of the groups above; every one is UNDEFINED. */
static void reserved(struct builder *b, const struct form *f)
{
    rng_t *r = &b->rng;
    uint32_t sf = rng_below(r, 2), w;

    switch (f->arg[0]) {
    case 0: /* add/sub (shifted register), shift = 11 */
        w = 0x0bc00000u | sf << 31 | rng_below(r, 4) << 29 | rng_below(r, 64) << 10;
        break;
    case 1: /* add/sub and logical (shifted register), 32-bit with imm6 >= 32 */
        w = (rng_below(r, 2) ? 0x0b000000u | rng_below(r, 3) << 22
                             : 0x0a000000u | rng_below(r, 4) << 22 | rng_below(r, 2) << 21) |
            rng_below(r, 4) << 29 | (32 + rng_below(r, 32)) << 10;
        break;
    case 2: /* add/sub (extended register), imm3 > 4 */
        w = 0x0b200000u | sf << 31 | rng_below(r, 4) << 29 | rng_below(r, 8) << 13 |
            (5 + rng_below(r, 3)) << 10;
        break;
    case 3: /* add/sub (extended register), opt != 00 */
        w = 0x0b200000u | sf << 31 | rng_below(r, 4) << 29 | (1 + rng_below(r, 3)) << 22 |
            rng_below(r, 8) << 13 | rng_below(r, 5) << 10;
        break;
    case 4: /* conditional compare, o2 or o3 set */
        w = 0x3a400000u | sf << 31 | rng_below(r, 2) << 30 | rng_below(r, 16) << 12 |
            rng_below(r, 2) << 11 | rng_below(r, 16) | (rng_below(r, 2) ? 1u << 10 : 1u << 4);
        break;
    case 5: /* conditional select, op2 = 1x or S = 1 */
        w = 0x1a800000u | sf << 31 | rng_below(r, 2) << 30 | rng_below(r, 16) << 12 |
            (rng_below(r, 2) ? (2 + rng_below(r, 2)) << 10 : 1u << 29 | rng_below(r, 2) << 10);
        break;
    case 6: /* REV with opcode 000011, 32-bit (Rm is opcode2 here: keep it 00000) */
        begin_group(b);
        emit_test(b, CLS, f->name, 0x5ac00c00u | (rd_rn_rm(b) & ~(31u << 16)));
        return;
    case 7: /* CRC32 with the wrong size (X for B/H/W, W for X) */
        w = 0x1ac04000u | rng_below(r, 8) << 10;
        if (((w >> 10) & 3) != 3) w |= 1u << 31;
        break;
    case 8: /* data processing (3 source), op54 != 00 */
        w = 0x1b000000u | sf << 31 | (1 + rng_below(r, 3)) << 29 | rng_below(r, 8) << 21 |
            rng_below(r, 2) << 15 | pick_src(b, true) << 10;
        break;
    default: { /* data processing (3 source), 32-bit long multiplies and high halves */
        static const uint32_t op31[] = {1, 2, 5, 6};
        w = 0x1b000000u | op31[rng_below(r, 4)] << 21 | rng_below(r, 2) << 15 |
            pick_src(b, true) << 10;
        break;
    }
    }
    begin_group(b);
    emit_test(b, CLS, f->name, w | rd_rn_rm(b));
}

void forms_dp_reg_register(void)
{
    for (uint32_t opc = 0; opc < 4; opc++)
        for (uint32_t n = 0; n < 2; n++)
            form_add(CLS, "logical (shifted register)", logical_shifted, opc, n, 0);
    for (uint32_t op = 0; op < 2; op++)
        for (uint32_t s = 0; s < 2; s++) {
            form_add(CLS, "add/sub (shifted register)", addsub_shifted, op, s, 0);
            form_add(CLS, "add/sub (extended register)", addsub_extended, op, s, 0);
            form_add(CLS, "add/sub with carry", addsub_carry, op, s, 0);
        }
    form_add(CLS, "ADD/SUB (extended register) to SP", addsub_extended_to_sp, 0, 0, 0);
    for (uint32_t op = 0; op < 2; op++)
        for (uint32_t imm = 0; imm < 2; imm++)
            form_add(CLS, "conditional compare", cond_compare, op, imm, 0);
    for (uint32_t op = 0; op < 2; op++)
        for (uint32_t op2 = 0; op2 < 2; op2++)
            form_add(CLS, "conditional select", cond_select, op, op2, 0);
    for (uint32_t opcode = 0; opcode < 6; opcode++)
        form_add(CLS, "data processing (1 source)", dp_1src, opcode, 0, 0);
    static const struct {
        const char *name;
        uint32_t opcode, sf;
    } two[] = {
        {"UDIV", 2, 2},     {"SDIV", 3, 2},     {"LSLV", 8, 2},     {"LSRV", 9, 2},
        {"ASRV", 10, 2},    {"RORV", 11, 2},    {"CRC32B", 16, 0},  {"CRC32H", 17, 0},
        {"CRC32W", 18, 0},  {"CRC32X", 19, 1},  {"CRC32CB", 20, 0}, {"CRC32CH", 21, 0},
        {"CRC32CW", 22, 0}, {"CRC32CX", 23, 1},
    };
    for (unsigned i = 0; i < sizeof(two) / sizeof(two[0]); i++)
        form_add(CLS, two[i].name, dp_2src, two[i].opcode, two[i].sf, 0);
    static const struct {
        const char *name;
        uint32_t op31, o0, sf;
    } three[] = {
        {"MADD", 0, 0, 2},  {"MSUB", 0, 1, 2},   {"SMADDL", 1, 0, 1}, {"SMSUBL", 1, 1, 1},
        {"SMULH", 2, 0, 1}, {"UMADDL", 5, 0, 1}, {"UMSUBL", 5, 1, 1}, {"UMULH", 6, 0, 1},
    };
    for (unsigned i = 0; i < sizeof(three) / sizeof(three[0]); i++)
        form_add(CLS, three[i].name, dp_3src, three[i].op31, three[i].o0, three[i].sf);
    static const char *const reserved_names[] = {
        "reserved: add/sub (shifted register) shift=11",
        "reserved: (shifted register) 32-bit imm6>=32",
        "reserved: add/sub (extended register) imm3>4",
        "reserved: add/sub (extended register) opt!=00",
        "reserved: conditional compare o2/o3",
        "reserved: conditional select op2=1x or S",
        "reserved: REV 32-bit opcode 000011",
        "reserved: CRC32 wrong size",
        "reserved: 3 source op54!=00",
        "reserved: 3 source 32-bit long/high",
    };
    for (uint32_t i = 0; i < sizeof(reserved_names) / sizeof(reserved_names[0]); i++)
        form_add(CLS, reserved_names[i], reserved, i, 0, 0);
}
