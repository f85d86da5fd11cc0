/*
 * Class "ldst": loads and stores of general-purpose registers in every
 * addressing mode (A64 "Loads and Stores"): unsigned offset, unscaled, pre- and
 * post-index, unprivileged, register offset (all extends), pairs
 * (offset, pre, post, non-temporal), literal; prefetches; reserved
 * encodings. Every address is aligned for its access size (data accesses
 * with the MMU off are to Device memory) and inside the data buffer: set-up
 * words put the base (and index) register where the random offset needs
 * it. About one access in ten uses SP as the base (SP is DIFF_DATA then);
 * SP written back is copied to a register and restored.
 */
#include <stdio.h>
#include <string.h>

#include "forms.h"

#define CLS "ldst"

enum mode { UIMM, UNSCALED, POST, UNPRIV, PRE, REGOFF, NMODES };

static const struct {
    const char *prefix, *rest, *width; /* "LD" "RSB" " X": LDRSB X, LDURSB X, LDTRSB X */
    uint32_t size, opc;
} ops[] = {
    {"ST", "RB", "", 0, 0},    {"LD", "RB", "", 0, 1},    {"LD", "RSB", " X", 0, 2},
    {"LD", "RSB", " W", 0, 3}, {"ST", "RH", "", 1, 0},    {"LD", "RH", "", 1, 1},
    {"LD", "RSH", " X", 1, 2}, {"LD", "RSH", " W", 1, 3}, {"ST", "R", " W", 2, 0},
    {"LD", "R", " W", 2, 1},   {"LD", "RSW", "", 2, 2},   {"ST", "R", " X", 3, 0},
    {"LD", "R", " X", 3, 1},   {"PRF", "M", "", 3, 2},
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))
#define PRFM 13

static bool is_load(unsigned op)
{
    return ops[op].opc != 0;
}

/* The instruction's name in a mode: LDRB (imm), LDURB, LDTRB, LDRB (pre-index)... */
static void op_name(char *buf, size_t size, unsigned op, enum mode mode)
{
    static const char *const suffix[] = {" (imm)",       "",           " (post-index)", "",
                                         " (pre-index)", " (register)"};
    const char *infix = mode == UNSCALED ? "U" : mode == UNPRIV ? "T" : "";

    if (op == PRFM && mode == UNSCALED)
        snprintf(buf, size, "PRFUM");
    else
        snprintf(buf, size, "%s%s%s%s%s", ops[op].prefix, infix, ops[op].rest, ops[op].width,
                 suffix[mode]);
}

int64_t ldst_pick_imm9(struct builder *b)
{
    return rng_percent(&b->rng, 30) ? rng_range(&b->rng, -16, 16) : rng_range(&b->rng, -256, 255);
}

uint64_t ldst_pick_index(struct builder *b, uint32_t option, int64_t *offset)
{
    rng_t *r = &b->rng;
    uint64_t garbage = rng_percent(r, 50) ? rng_next(r) << 32 : 0;

    switch (option) {
    case 2: { /* UXTW */
        uint32_t idx = rng_percent(r, 50) ? rng_below(r, 128) : (uint32_t)rng_next(r);
        *offset = (int64_t)(uint64_t)idx;
        return garbage | idx;
    }
    case 6: { /* SXTW */
        int32_t idx = rng_percent(r, 50) ? (int32_t)rng_range(r, -128, 127) : (int32_t)rng_next(r);
        *offset = idx;
        return garbage | (uint32_t)idx;
    }
    default: { /* LSL (UXTX), SXTX */
        int64_t idx = rng_percent(r, 50) ? rng_range(r, -128, 127) : (int64_t)rng_next(r);
        *offset = idx;
        return (uint64_t)idx;
    }
    }
}

/* arg: mode, op. */
static void single(struct builder *b, const struct form *f)
{
    static const uint32_t options[] = {2, 3, 6, 7};
    static const char *const option_name[] = {"", "", " UXTW", " LSL", "", "", " SXTW", " SXTX"};
    enum mode mode = f->arg[0];
    unsigned op = f->arg[1], size = ops[op].size, bytes = 1u << size;
    bool wback = mode == PRE || mode == POST, sp_base = pick_sp_base(b);
    unsigned rn = sp_base ? XZR : pick_reg_except(b, 0), rm = 0, rt;
    uint64_t addr = pick_data_addr(b, bytes, bytes, sp_base ? 255 : DIFF_DATA_SIZE), base = addr,
             rm_value = 0;
    uint32_t w = size << 30 | ops[op].opc << 22;
    char name[64];

    op_name(name, sizeof(name), op, mode);
    if (op == PRFM)
        rt = rng_below(&b->rng, 32); /* prefetch operation */
    else if (wback && rn != XZR && is_load(op))
        rt = pick_reg_except(b, 1u << rn); /* Rt == Rn with writeback: CONSTRAINED UNPREDICTABLE */
    else
        rt = is_load(op) ? pick_dst(b, true) : pick_src(b, true);
    if (wback && rt == rn) rt = XZR; /* a store of the base: also CONSTRAINED UNPREDICTABLE */
    switch (mode) {
    case UIMM: {
        uint32_t imm12 =
            rng_percent(&b->rng, 50) ? rng_below(&b->rng, 64) : rng_below(&b->rng, 4096);
        if (sp_base) imm12 = (uint32_t)(addr - DIFF_DATA) / bytes;
        base = addr - (uint64_t)imm12 * bytes;
        w |= 0x39000000u | imm12 << 10;
        break;
    }
    case REGOFF: {
        uint32_t option = options[rng_below(&b->rng, 4)], s = rng_below(&b->rng, 2);
        unsigned shift = s ? size : 0;
        int64_t offset;
        rm = rng_percent(&b->rng, 5) ? XZR : pick_reg_except(b, rn == XZR ? 0 : 1u << rn);
        rm_value = ldst_pick_index(b, option, &offset);
        if (rm == XZR) { /* index 0 */
            offset = 0;
            if (sp_base) addr = DIFF_DATA;
        } else if (sp_base) { /* the index must reach addr from DIFF_DATA */
            offset = (int64_t)(addr - DIFF_DATA) >> shift;
            rm_value = (option == 2 || option == 6) ? (rm_value & ~0xffffffffull) | (uint64_t)offset
                                                    : (uint64_t)offset;
        }
        base = addr - ((uint64_t)offset << shift);
        w |= 0x38200800u | rm << 16 | option << 13 | s << 12;
        snprintf(name + strlen(name), sizeof(name) - strlen(name), "%s%s", option_name[option],
                 s ? " scaled" : "");
        break;
    }
    default: { /* imm9: unscaled, unprivileged, pre- and post-index */
        static const uint32_t idx[] = {0, 0, 1, 2, 3};
        int64_t imm9 = ldst_pick_imm9(b);
        if (sp_base && mode == POST)
            addr = DIFF_DATA;
        else if (sp_base)
            imm9 = (int64_t)(addr - DIFF_DATA);
        base = mode == POST ? addr : addr - (uint64_t)imm9;
        w |= 0x38000000u | ((uint32_t)imm9 & 0x1ff) << 12 | idx[mode] << 10;
        break;
    }
    }
    if (sp_base) snprintf(name + strlen(name), sizeof(name) - strlen(name), " [SP]");
    begin_group(b);
    if (!sp_base) emit_mov_imm(b, rn, base);
    if (mode == REGOFF && rm != XZR) emit_mov_imm(b, rm, rm_value);
    emit_test(b, CLS, name, w | rn << 5 | rt);
    if (sp_base && wback) emit_sp_capture_restore(b);
}

static const struct {
    const char *name;
    uint32_t opc, l;
} pair_ops[] = {
    {"STP W", 0, 0}, {"LDP W", 0, 1}, {"LDPSW", 1, 1}, {"STP X", 2, 0}, {"LDP X", 2, 1}};

/* arg: type (0 non-temporal, 1 post-index, 2 offset, 3 pre-index), pair op. */
static void pair(struct builder *b, const struct form *f)
{
    static const char *const type_name[] = {"", " (post-index)", " (offset)", " (pre-index)"};
    uint32_t type = f->arg[0], opc = pair_ops[f->arg[1]].opc, l = pair_ops[f->arg[1]].l;
    unsigned elem = opc == 2 ? 8 : 4;
    bool wback = type & 1, sp_base = pick_sp_base(b);
    unsigned rn = sp_base ? XZR : pick_reg_except(b, 0);
    uint32_t avoid = wback && rn != XZR ? 1u << rn : 0;
    unsigned rt = pick_reg_except(b, avoid), rt2 = pick_reg_except(b, avoid | 1u << rt);
    uint64_t addr = pick_data_addr(b, 2 * elem, elem, sp_base ? 63 * elem : DIFF_DATA_SIZE);
    int64_t imm7 = rng_range(&b->rng, -64, 63);
    char name[64];

    if (rng_percent(&b->rng, 10)) { /* the zero register for one of them */
        if (rng_percent(&b->rng, 50))
            rt = XZR;
        else
            rt2 = XZR;
    }
    if (sp_base && type == 1)
        addr = DIFF_DATA;
    else if (sp_base)
        imm7 = (int64_t)(addr - DIFF_DATA) / elem;
    uint64_t base = type == 1 ? addr : addr - (uint64_t)(imm7 * (int64_t)elem);
    if (type == 0)
        snprintf(name, sizeof(name), "%sNP%s%s", l ? "LD" : "ST", pair_ops[f->arg[1]].name + 3,
                 sp_base ? " [SP]" : "");
    else
        snprintf(name, sizeof(name), "%s%s%s", pair_ops[f->arg[1]].name, type_name[type],
                 sp_base ? " [SP]" : "");
    begin_group(b);
    if (!sp_base) emit_mov_imm(b, rn, base);
    emit_test(b, CLS, name,
              0x28000000u | opc << 30 | type << 23 | l << 22 | ((uint32_t)imm7 & 0x7f) << 15 |
                  rt2 << 10 | rn << 5 | rt);
    if (sp_base && wback) emit_sp_capture_restore(b);
}

/* arg: opc (LDR W, LDR X, LDRSW, PRFM). Reads the code around the case. */
static void literal(struct builder *b, const struct form *f)
{
    uint32_t opc = f->arg[0], imm19 = (uint32_t)rng_range(&b->rng, -256, 255) & 0x7ffff;
    unsigned rt = opc == 3 ? rng_below(&b->rng, 32) : pick_dst(b, true);

    begin_group(b);
    emit_test_patched(b, CLS, f->name, 0x18000000u | opc << 30 | imm19 << 5 | rt,
                      opc == 1 ? PATCH_LITERAL : PATCH_NONE, 0);
}

/* Reserved encodings, with the base set up as if they were valid; all UNDEFINED. */
static void reserved(struct builder *b, const struct form *f)
{
    rng_t *r = &b->rng;
    unsigned rn = pick_reg_except(b, 0), rm = pick_reg_except(b, 1u << rn);
    uint32_t w;

    begin_group(b);
    emit_mov_imm(b, rn, pick_data_addr(b, 16, 16, DIFF_DATA_SIZE));
    switch (f->arg[0]) {
    default: { /* register offset with option<1> = 0 */
        static const uint32_t options[] = {0, 1, 4, 5};
        emit_mov_imm(b, rm, 0);
        w = 0x38200800u | rng_below(r, 4) << 30 | rng_below(r, 4) << 22 | rm << 16 |
            options[rng_below(r, 4)] << 13 | rng_below(r, 2) << 12;
        if ((w >> 30) == 3 && ((w >> 22) & 3) == 2) w ^= 3u << 22; /* not PRFM: RPRFM space */
        break;
    }
    case 1: /* load/store pair, opc = 11 */
        w = 0xe8000000u | (1 + rng_below(r, 3)) << 23 | rng_below(r, 2) << 22 |
            rng_below(r, 128) << 15 | pick_src(b, true) << 10;
        break;
    case 2: /* LDNP/STNP with opc = 01 */
        w = 0x68000000u | rng_below(r, 2) << 22 | rng_below(r, 128) << 15 | pick_src(b, true) << 10;
        break;
    case 3: { /* imm9 forms: size 1x with opc 11, PRFM with writeback, unprivileged 64-bit opc 1x */
        static const uint32_t idx[] = {1, 3};
        uint32_t imm9 = rng_below(r, 512);
        switch (rng_below(r, 3)) {
        case 0: w = (2 + rng_below(r, 2)) << 30 | 3u << 22 | rng_below(r, 4) << 10; break;
        case 1: w = 3u << 30 | 2u << 22 | idx[rng_below(r, 2)] << 10; break;
        default: w = 3u << 30 | (2 + rng_below(r, 2)) << 22 | 2u << 10; break;
        }
        w |= 0x38000000u | imm9 << 12;
        break;
    }
    }
    emit_test(b, CLS, f->name, w | rn << 5 | pick_dst(b, true));
}

void forms_ldst_register(void)
{
    char name[64];

    for (unsigned mode = 0; mode < NMODES; mode++)
        for (unsigned op = 0; op < NOPS; op++) {
            if (op == PRFM && (mode == POST || mode == PRE || mode == UNPRIV)) continue;
            op_name(name, sizeof(name), op, mode);
            form_add(CLS, name, single, mode, op, 0);
        }
    for (uint32_t type = 0; type < 4; type++)
        for (uint32_t i = 0; i < sizeof(pair_ops) / sizeof(pair_ops[0]); i++) {
            if (type == 0 && pair_ops[i].opc == 1) continue; /* no LDNPSW */
            form_add(CLS, pair_ops[i].name, pair, type, i, 0);
        }
    form_add(CLS, "LDR W (literal)", literal, 0, 0, 0);
    form_add(CLS, "LDR X (literal)", literal, 1, 0, 0);
    form_add(CLS, "LDRSW (literal)", literal, 2, 0, 0);
    form_add(CLS, "PRFM (literal)", literal, 3, 0, 0);
    form_add(CLS, "reserved: load/store (register) option<1>=0", reserved, 0, 0, 0);
    form_add(CLS, "reserved: load/store pair opc=11", reserved, 1, 0, 0);
    form_add(CLS, "reserved: LDNP/STNP opc=01", reserved, 2, 0, 0);
    form_add(CLS, "reserved: load/store (imm9) unallocated size/opc", reserved, 3, 0, 0);
}
