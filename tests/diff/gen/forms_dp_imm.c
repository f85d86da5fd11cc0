/*
 * Class "dpimm": data processing (A64 "Data Processing -- Immediate"): add/sub,
 * logical, move wide, bitfield, extract, ADR/ADRP; forms writing SP; and
 * the reserved field combinations of these groups (UNDEFINED).
 */
#include <stdio.h>

#include "forms.h"

#define CLS "dpimm"

static const char *const size_name[] = {"32", "64"};

/* arg: op, S. */
static void addsub_imm(struct builder *b, const struct form *f)
{
    static const char *const names[2][2] = {{"ADD", "ADDS"}, {"SUB", "SUBS"}};
    uint32_t op = f->arg[0], s = f->arg[1], sf = rng_below(&b->rng, 2), sh = rng_below(&b->rng, 2);
    uint32_t imm12 = rng_percent(&b->rng, 30) ? rng_below(&b->rng, 16) : rng_below(&b->rng, 4096);
    unsigned rn = rng_percent(&b->rng, 10) ? XZR : pick_src(b, false); /* Rn 31 is SP */
    unsigned rd = pick_dst(b, s);                                      /* SP unless S */
    char name[48];

    snprintf(name, sizeof(name), "%s (immediate) %s%s", names[op][s], size_name[sf],
             rn == XZR ? " SP source" : "");
    begin_group(b);
    emit_test(b, CLS, name,
              0x11000000u | sf << 31 | op << 30 | s << 29 | sh << 22 | imm12 << 10 | rn << 5 | rd);
}

/* ADD/SUB (immediate) with Rd = SP. */
static void addsub_imm_to_sp(struct builder *b, const struct form *f)
{
    uint32_t op = rng_below(&b->rng, 2), sh = rng_below(&b->rng, 2), sf = rng_below(&b->rng, 2);
    uint32_t imm12 = rng_below(&b->rng, 4096);
    unsigned rn = rng_percent(&b->rng, 30) ? XZR : pick_src(b, false);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x11000000u | sf << 31 | op << 30 | sh << 22 | imm12 << 10 | rn << 5 | XZR);
    emit_sp_capture_restore(b);
}

/*
 * A valid bitmask immediate (Arm ARM DecodeBitMasks): element size e, ones
 * count s in [1, e-1], rotation r. Returns N:immr:imms.
 */
static uint32_t bitmask_fields(rng_t *r, bool is64)
{
    unsigned log_e = 1 + rng_below(r, is64 ? 6 : 5), e = 1u << log_e;
    unsigned s = 1 + rng_below(r, e - 1), rot = rng_below(r, e);
    uint32_t n = e == 64, imms = ((~(e - 1) << 1) & 0x3f) | (s - 1);

    return n << 12 | rot << 6 | imms;
}

/* arg: opc (AND, ORR, EOR, ANDS). */
static void logical_imm(struct builder *b, const struct form *f)
{
    static const char *const names[] = {"AND", "ORR", "EOR", "ANDS"};
    uint32_t opc = f->arg[0], sf = rng_below(&b->rng, 2);
    unsigned rd = pick_dst(b, opc == 3), rn = pick_src(b, true);
    char name[48];

    snprintf(name, sizeof(name), "%s (immediate) %s", names[opc], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x12000000u | sf << 31 | opc << 29 | bitmask_fields(&b->rng, sf) << 10 | rn << 5 |
                  rd);
}

/* AND/ORR/EOR (immediate) with Rd = SP. */
static void logical_imm_to_sp(struct builder *b, const struct form *f)
{
    uint32_t opc = rng_below(&b->rng, 3), sf = rng_below(&b->rng, 2);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x12000000u | sf << 31 | opc << 29 | bitmask_fields(&b->rng, sf) << 10 |
                  pick_src(b, true) << 5 | XZR);
    emit_sp_capture_restore(b);
}

/* arg: opc (MOVN 0, MOVZ 2, MOVK 3). */
static void move_wide(struct builder *b, const struct form *f)
{
    static const char *const names[] = {"MOVN", "", "MOVZ", "MOVK"};
    uint32_t opc = f->arg[0], sf = rng_below(&b->rng, 2), hw = rng_below(&b->rng, sf ? 4 : 2);
    uint32_t imm16 = rng_percent(&b->rng, 20) ? (rng_percent(&b->rng, 50) ? 0 : 0xffff)
                                              : rng_below(&b->rng, 0x10000);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", names[opc], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x12800000u | sf << 31 | opc << 29 | hw << 21 | imm16 << 5 | pick_dst(b, true));
}

/* arg: opc (SBFM, BFM, UBFM). */
static void bitfield(struct builder *b, const struct form *f)
{
    static const char *const names[] = {"SBFM", "BFM", "UBFM"};
    uint32_t opc = f->arg[0], sf = rng_below(&b->rng, 2), bits = sf ? 64 : 32;
    uint32_t immr = rng_below(&b->rng, bits), imms = rng_below(&b->rng, bits);
    char name[48];

    if (rng_percent(&b->rng, 25)) imms = bits - 1;                      /* shifts: ASR/LSR */
    if (rng_percent(&b->rng, 15)) imms = immr - 1 + (immr == 0) * bits; /* LSL */
    snprintf(name, sizeof(name), "%s %s", names[opc], size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x13000000u | sf << 31 | opc << 29 | sf << 22 | immr << 16 | imms << 10 |
                  pick_src(b, true) << 5 | pick_dst(b, true));
}

static void extract(struct builder *b, const struct form *f)
{
    uint32_t sf = rng_below(&b->rng, 2), imms = rng_below(&b->rng, sf ? 64 : 32);
    unsigned rn = pick_src(b, true), rm = rng_percent(&b->rng, 30) ? rn : pick_src(b, true);
    char name[48];

    snprintf(name, sizeof(name), "%s %s", f->name, size_name[sf]);
    begin_group(b);
    emit_test(b, CLS, name,
              0x13800000u | sf << 31 | sf << 22 | rm << 16 | imms << 10 | rn << 5 |
                  pick_dst(b, true));
}

/* arg: op (ADR 0, ADRP 1). */
static void adr(struct builder *b, const struct form *f)
{
    uint32_t imm = rng_below(&b->rng, 1u << 21);

    begin_group(b);
    emit_test(b, CLS, f->name,
              f->arg[0] << 31 | (imm & 3) << 29 | 0x10000000u | (imm >> 2) << 5 |
                  pick_dst(b, true));
}

/* Reserved encodings of the groups above; every one is UNDEFINED. */
static void reserved(struct builder *b, const struct form *f)
{
    rng_t *r = &b->rng;
    uint32_t regs = pick_src(b, true) << 5 | pick_dst(b, true), w;

    switch (f->arg[0]) {
    case 0: /* logical (immediate), 32-bit with N = 1 */
        w = 0x12400000u | rng_below(r, 4) << 29 | rng_below(r, 64) << 16 | rng_below(r, 64) << 10;
        break;
    case 1: { /* logical (immediate), all-ones element: imms = ones pattern of the size */
        unsigned log_e = 1 + rng_below(r, 6), e = 1u << log_e;
        uint32_t n = e == 64, imms = (((~(e - 1) << 1) & 0x3f) | (e - 1)) & 0x3f;
        w = 0x12000000u | (n ? 1u << 31 : rng_below(r, 2) << 31) | rng_below(r, 4) << 29 | n << 22 |
            rng_below(r, 64) << 16 | imms << 10;
        break;
    }
    case 2: /* move wide, opc = 01 */
        w = 0x32800000u | rng_below(r, 2) << 31 | rng_below(r, 4) << 21 |
            rng_below(r, 0x10000) << 5;
        break;
    case 3: { /* move wide (MOVN, MOVZ, MOVK), 32-bit with hw >= 2 */
        static const uint32_t opcs[] = {0, 2, 3};
        w = 0x12800000u | opcs[rng_below(r, 3)] << 29 | (2 + rng_below(r, 2)) << 21 |
            rng_below(r, 0x10000) << 5;
        break;
    }
    case 4: /* bitfield, opc = 11 */
        w = 0x73000000u | rng_below(r, 2) << 31 | rng_below(r, 2) << 22 | rng_below(r, 64) << 16 |
            rng_below(r, 64) << 10;
        break;
    case 5: { /* bitfield, N != sf */
        uint32_t sf = rng_below(r, 2);
        w = 0x13000000u | sf << 31 | rng_below(r, 3) << 29 | (sf ^ 1) << 22 |
            rng_below(r, 32) << 16 | rng_below(r, 32) << 10;
        break;
    }
    case 6: /* bitfield, 32-bit with immr or imms >= 32 */
        w = 0x13000000u | rng_below(r, 3) << 29 |
            (32 + rng_below(r, 32)) << (rng_below(r, 2) ? 16 : 10);
        break;
    case 7: { /* extract, N != sf; or 32-bit with imms >= 32 */
        uint32_t sf = rng_below(r, 2), n = sf ^ 1, imms = rng_below(r, 32);
        if (rng_percent(r, 50)) sf = n = 0, imms += 32;
        w = 0x13800000u | sf << 31 | n << 22 | pick_src(b, true) << 16 | imms << 10;
        break;
    }
    default: /* extract, op21 != 00 or o0 = 1 */
        w = 0x13800000u | (rng_below(r, 3) + 1) << 29 | pick_src(b, true) << 16 |
            rng_below(r, 32) << 10;
        if (rng_percent(r, 50)) w = (w & ~(3u << 29)) | 1u << 21;
        break;
    }
    begin_group(b);
    emit_test(b, CLS, f->name, w | regs);
}

void forms_dp_imm_register(void)
{
    for (uint32_t op = 0; op < 2; op++)
        for (uint32_t s = 0; s < 2; s++)
            form_add(CLS, "ADD/SUB (immediate)", addsub_imm, op, s, 0);
    form_add(CLS, "ADD/SUB (immediate) to SP", addsub_imm_to_sp, 0, 0, 0);
    for (uint32_t opc = 0; opc < 4; opc++)
        form_add(CLS, "logical (immediate)", logical_imm, opc, 0, 0);
    form_add(CLS, "AND/ORR/EOR (immediate) to SP", logical_imm_to_sp, 0, 0, 0);
    form_add(CLS, "MOVN", move_wide, 0, 0, 0);
    form_add(CLS, "MOVZ", move_wide, 2, 0, 0);
    form_add(CLS, "MOVK", move_wide, 3, 0, 0);
    for (uint32_t opc = 0; opc < 3; opc++)
        form_add(CLS, "bitfield", bitfield, opc, 0, 0);
    form_add(CLS, "EXTR", extract, 0, 0, 0);
    form_add(CLS, "ADR", adr, 0, 0, 0);
    form_add(CLS, "ADRP", adr, 1, 0, 0);
    static const char *const reserved_names[] = {
        "reserved: logical (immediate) 32-bit N=1",
        "reserved: logical (immediate) all-ones element",
        "reserved: move wide opc=01",
        "reserved: move wide 32-bit hw>=2",
        "reserved: bitfield opc=11",
        "reserved: bitfield N!=sf",
        "reserved: bitfield 32-bit immr/imms>=32",
        "reserved: EXTR N!=sf or imms>=32",
        "reserved: EXTR op21/o0",
    };
    for (uint32_t i = 0; i < sizeof(reserved_names) / sizeof(reserved_names[0]); i++)
        form_add(CLS, reserved_names[i], reserved, i, 0, 0);
}
