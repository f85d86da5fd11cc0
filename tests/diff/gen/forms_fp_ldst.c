/*
 * Class "fpldst": SIMD&FP loads and stores (A64 "Loads and Stores"): LDR/STR
 * of B, H, S, D, Q with unsigned offset, unscaled (LDUR/STUR), pre- and
 * post-index and register offset (every extend, scaled or not); LDR
 * (literal) S, D, Q; LDP/STP/LDNP/STNP of S, D, Q in every addressing mode;
 * LD1-LD4/ST1-ST4 multiple structures, single structures and LD1R-LD4R,
 * without offset and post-indexed by the immediate or a register; reserved
 * encodings. Addresses are in the data buffer and aligned to the element
 * size (Q: 16 bytes; data accesses with the MMU off are to Device memory);
 * about one base in ten is SP (= DIFF_DATA), written-back SP is copied out
 * and restored. Register lists wrap from V31 to V0.
 */
#include <stdio.h>
#include <string.h>

#include "forms_simd.h"

#define CLS "fpldst"

enum mode { UIMM, UNSCALED, POST, PRE, REGOFF, NMODES };

static const struct {
    const char *width;
    uint32_t size, opc, log2_bytes; /* opc<0>: load */
} ops[] = {
    {"B", 0, 0, 0}, {"B", 0, 1, 0}, {"H", 1, 0, 1}, {"H", 1, 1, 1}, {"S", 2, 0, 2},
    {"S", 2, 1, 2}, {"D", 3, 0, 3}, {"D", 3, 1, 3}, {"Q", 0, 2, 4}, {"Q", 0, 3, 4},
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static void op_name(char *buf, size_t size, unsigned op, enum mode mode)
{
    static const char *const suffix[] = {" (imm)", "", " (post-index)", " (pre-index)",
                                         " (register)"};

    snprintf(buf, size, "%s%sR %s%s", ops[op].opc & 1 ? "LD" : "ST", mode == UNSCALED ? "U" : "",
             ops[op].width, suffix[mode]);
}

/*
 * The word and base register value for an access of 1 << log2_bytes bytes
 * at addr in mode (rn is XZR for SP, which is DIFF_DATA).
 */
static uint32_t address_fields(struct builder *b, enum mode mode, unsigned log2_bytes, unsigned rn,
                               uint64_t *addr, uint64_t *base, unsigned *rm, uint64_t *rm_value,
                               char *name, size_t size)
{
    static const uint32_t options[] = {2, 3, 6, 7};
    static const char *const option_name[] = {"", "", " UXTW", " LSL", "", "", " SXTW", " SXTX"};
    bool sp_base = rn == XZR;

    switch (mode) {
    case UIMM: {
        uint32_t imm12 =
            rng_percent(&b->rng, 50) ? rng_below(&b->rng, 64) : rng_below(&b->rng, 4096);
        if (sp_base) imm12 = (uint32_t)(*addr - DIFF_DATA) >> log2_bytes;
        *base = *addr - ((uint64_t)imm12 << log2_bytes);
        return 0x3D000000u | imm12 << 10;
    }
    case REGOFF: {
        uint32_t option = options[rng_below(&b->rng, 4)], s = rng_below(&b->rng, 2);
        unsigned shift = s ? log2_bytes : 0;
        int64_t offset;
        *rm = rng_percent(&b->rng, 5) ? XZR : pick_reg_except(b, sp_base ? 0 : 1u << rn);
        *rm_value = ldst_pick_index(b, option, &offset);
        if (*rm == XZR) {
            offset = 0;
            if (sp_base) *addr = DIFF_DATA;
        } else if (sp_base) { /* the index must reach addr from DIFF_DATA */
            offset = (int64_t)(*addr - DIFF_DATA) >> shift;
            *rm_value = (option == 2 || option == 6)
                            ? (*rm_value & ~0xffffffffull) | (uint32_t)offset
                            : (uint64_t)offset;
        }
        *base = *addr - ((uint64_t)offset << shift);
        snprintf(name + strlen(name), size - strlen(name), "%s%s", option_name[option],
                 s ? " scaled" : "");
        return 0x3C200800u | *rm << 16 | option << 13 | s << 12;
    }
    default: { /* imm9: unscaled, pre- and post-index */
        static const uint32_t idx[] = {[UNSCALED] = 0, [POST] = 1, [PRE] = 3};
        int64_t imm9 = ldst_pick_imm9(b);
        if (sp_base && mode == POST)
            *addr = DIFF_DATA;
        else if (sp_base)
            imm9 = (int64_t)(*addr - DIFF_DATA);
        *base = mode == POST ? *addr : *addr - (uint64_t)imm9;
        return 0x3C000000u | ((uint32_t)imm9 & 0x1ff) << 12 | idx[mode] << 10;
    }
    }
}

/* arg: mode, op; or (arg[2] = 1) a reserved size/opc (size != 00 with opc 1x) in that mode. */
static void single(struct builder *b, const struct form *f)
{
    enum mode mode = f->arg[0];
    unsigned op = f->arg[1], log2_bytes = ops[op].log2_bytes, bytes = 1u << log2_bytes, rm = XZR;
    bool reserved = f->arg[2], wback = mode == PRE || mode == POST, sp_base = pick_sp_base(b);
    unsigned rn = sp_base ? XZR : pick_reg_except(b, 0);
    uint64_t addr = pick_data_addr(b, bytes, bytes, sp_base ? 255 : DIFF_DATA_SIZE), base,
             rm_value = 0;
    uint32_t size = ops[op].size, opc = ops[op].opc;
    char name[80];

    if (reserved) {
        size = 1 + rng_below(&b->rng, 3);
        opc = 2 + rng_below(&b->rng, 2);
        snprintf(name, sizeof(name), "reserved: SIMD&FP load/store size/opc%s",
                 mode == UIMM     ? " (imm)"
                 : mode == REGOFF ? " (register)"
                                  : " (imm9)");
    } else {
        op_name(name, sizeof(name), op, mode);
    }
    char options[32] = "";
    uint32_t w =
        address_fields(b, mode, log2_bytes, rn, &addr, &base, &rm, &rm_value,
                       reserved ? options : name, reserved ? sizeof(options) : sizeof(name));
    uint32_t rt = opc & 1 ? pick_vdst(b) : pick_vsrc(b);
    if (sp_base && !reserved) snprintf(name + strlen(name), sizeof(name) - strlen(name), " [SP]");
    begin_group(b);
    if (!sp_base) emit_mov_imm(b, rn, base);
    if (mode == REGOFF && rm != XZR) emit_mov_imm(b, rm, rm_value);
    emit_test(b, CLS, name, w | size << 30 | opc << 22 | rn << 5 | rt);
    if (sp_base && wback && !reserved) emit_sp_capture_restore(b);
}

/*
 * arg: opc (S, D, Q, 3 reserved). Reads the code around the case (blob.c
 * keeps 1 KiB on each side): Q and D literals are aligned for their size by
 * a patch at layout, within that reach.
 */
static void literal(struct builder *b, const struct form *f)
{
    uint32_t opc = f->arg[0];
    int64_t last = opc == 2 ? 248 : opc == 1 ? 254 : 255; /* room for the alignment bump */
    uint32_t imm19 = (uint32_t)rng_range(&b->rng, -250, last) & 0x7ffff;

    begin_group(b);
    emit_test_patched(b, CLS, f->name, 0x1C000000u | opc << 30 | imm19 << 5 | pick_vdst(b),
                      opc == 1   ? PATCH_LITERAL
                      : opc == 2 ? PATCH_LITERAL_Q
                                 : PATCH_NONE,
                      0);
}

/* arg: type (0 non-temporal, 1 post-index, 2 offset, 3 pre-index), opc (S, D, Q, 3 reserved), L. */
static void pair(struct builder *b, const struct form *f)
{
    static const char *const type_name[] = {"", " (post-index)", " (offset)", " (pre-index)"};
    static const char *const width[] = {"S", "D", "Q", "(opc 11)"};
    uint32_t type = f->arg[0], opc = f->arg[1], l = f->arg[2];
    unsigned elem = opc == 3 ? 16 : 4u << opc;
    bool wback = type & 1, sp_base = opc != 3 && pick_sp_base(b);
    unsigned rn = sp_base ? XZR : pick_reg_except(b, 0);
    unsigned rt = l ? pick_vdst(b) : pick_vsrc(b), rt2 = l ? pick_vdst(b) : pick_vsrc(b);
    uint64_t addr = pick_data_addr(b, 2 * elem, elem, sp_base ? 63 * elem : DIFF_DATA_SIZE);
    int64_t imm7 = rng_range(&b->rng, -64, 63);
    char name[64];

    if (l && rt2 == rt)
        rt2 = (rt + 1 + rng_below(&b->rng, 31)) % 32; /* CONSTRAINED UNPREDICTABLE */
    if (sp_base && type == 1)
        addr = DIFF_DATA;
    else if (sp_base)
        imm7 = (int64_t)(addr - DIFF_DATA) / elem;
    uint64_t base = type == 1 ? addr : addr - (uint64_t)(imm7 * (int64_t)elem);
    snprintf(name, sizeof(name), "%s%s%s %s%s%s", opc == 3 ? "reserved: " : "", l ? "LD" : "ST",
             type ? "P" : "NP", width[opc], type_name[type], sp_base ? " [SP]" : "");
    begin_group(b);
    if (!sp_base) emit_mov_imm(b, rn, base);
    emit_test(b, CLS, name,
              0x2C000000u | opc << 30 | type << 23 | l << 22 | ((uint32_t)imm7 & 0x7f) << 15 |
                  rt2 << 10 | rn << 5 | rt);
    if (sp_base && wback) emit_sp_capture_restore(b);
}

/*
 * The base (and, post-indexed, Rm) of a structure access of bytes bytes
 * aligned to align: SP one time in ten (the address is DIFF_DATA then).
 * Rm 31 is the immediate post-index form.
 */
static unsigned structure_base(struct builder *b, bool post, unsigned bytes, unsigned align,
                               unsigned *rm, uint64_t *addr)
{
    bool sp_base = pick_sp_base(b);
    unsigned rn = sp_base ? XZR : pick_reg_except(b, 0);

    *addr = sp_base ? DIFF_DATA : pick_data_addr(b, bytes, align, DIFF_DATA_SIZE);
    *rm = 0;
    if (post) *rm = rng_percent(&b->rng, 50) ? XZR : pick_reg_except(b, sp_base ? 0 : 1u << rn);
    return rn;
}

static void emit_structure(struct builder *b, const char *name, uint32_t w, bool post, unsigned rn,
                           unsigned rm, uint64_t addr)
{
    char full[96];

    snprintf(full, sizeof(full), "%s%s", name, !post ? "" : rm == XZR ? " post imm" : " post reg");
    begin_group(b);
    if (rn != XZR) emit_mov_imm(b, rn, addr);
    emit_test(b, CLS, full, w | (post ? 1u << 23 | rm << 16 : 0) | rn << 5);
    if (rn == XZR && post) emit_sp_capture_restore(b);
}

/* LD1-LD4/ST1-ST4 (multiple structures). arg: post-indexed. */
static void multiple(struct builder *b, const struct form *f)
{
    static const struct {
        uint32_t opcode, regs;
        const char *name;
    } kinds[] = {{0x0, 4, "4"},    {0x2, 4, "1 x4"}, {0x4, 3, "3"},   {0x6, 3, "1 x3"},
                 {0x7, 1, "1 x1"}, {0x8, 2, "2"},    {0xA, 2, "1 x2"}};
    bool post = f->arg[0];
    unsigned k = rng_below(&b->rng, 7), regs = kinds[k].regs;
    uint32_t opcode = kinds[k].opcode, q = rng_below(&b->rng, 2), size = rng_below(&b->rng, 4);
    uint32_t l = rng_below(&b->rng, 2);
    char name[64];

    if (simd_rarely(b)) { /* an unallocated opcode */
        static const uint32_t unallocated[] = {1, 3, 5, 9, 11, 12, 13, 14, 15};
        opcode = unallocated[rng_below(&b->rng, 9)];
        regs = 4;
        snprintf(name, sizeof(name), "reserved: %s (multiple)", l ? "LD" : "ST");
    } else {
        snprintf(name, sizeof(name), "%s%s (multiple) %s", l ? "LD" : "ST", kinds[k].name,
                 simd_arrangement(size, q));
    }
    unsigned rm, rn;
    uint64_t addr;
    rn = structure_base(b, post, regs * (q ? 16 : 8), 1u << size, &rm, &addr);
    uint32_t rt = l ? pick_vdst(b) : pick_vsrc(b);
    emit_structure(b, name, 0x0C000000u | q << 30 | l << 22 | opcode << 12 | size << 10 | rt, post,
                   rn, rm, addr);
}

/*
 * LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R. The element size comes
 * from opcode<2:1> (and size for S/D and the replicating loads); the index
 * from Q:S:size. arg: post-indexed.
 */
static void single_structure(struct builder *b, const struct form *f)
{
    static const char *const element[] = {"B", "H", "S", "D"};
    bool post = f->arg[0];
    uint32_t kind = rng_below(&b->rng, 5), l = rng_below(&b->rng, 2), r = rng_below(&b->rng, 2);
    uint32_t odd = rng_below(&b->rng, 2), q = rng_below(&b->rng, 2), s = rng_below(&b->rng, 2);
    uint32_t size = rng_below(&b->rng, 4), opcode;
    unsigned log2_esize = kind < 4 ? kind : size, selem = (odd << 1 | r) + 1;
    char name[64];

    switch (kind) {
    case 0: opcode = 0; break;                  /* B: index Q:S:size */
    case 1: opcode = 2, size &= 2; break;       /* H: index Q:S:size<1> */
    case 2: opcode = 4, size = 0; break;        /* S: index Q:S */
    case 3: opcode = 4, size = 1, s = 0; break; /* D: index Q */
    default: opcode = 6, l = 1, s = 0; break;   /* replicate */
    }
    opcode |= odd;
    if (kind < 4)
        snprintf(name, sizeof(name), "%s%u (single) %s", l ? "LD" : "ST", selem, element[kind]);
    else
        snprintf(name, sizeof(name), "LD%uR %s", selem, simd_arrangement(size, q));
    if (simd_rarely(b)) { /* any fields, mostly unallocated */
        opcode = rng_below(&b->rng, 8);
        size = rng_below(&b->rng, 4);
        s = rng_below(&b->rng, 2);
        l = rng_below(&b->rng, 2);
        log2_esize = 3;
        snprintf(name, sizeof(name), "single structure, any fields");
    }
    unsigned rm, rn;
    uint64_t addr;
    rn = structure_base(b, post, selem << log2_esize, 1u << log2_esize, &rm, &addr);
    uint32_t rt = l ? pick_vdst(b) : pick_vsrc(b);
    emit_structure(b, name,
                   0x0D000000u | q << 30 | l << 22 | r << 21 | opcode << 13 | s << 12 | size << 10 |
                       rt,
                   post, rn, rm, addr);
}

void forms_fp_ldst_register(void)
{
    char name[64];

    for (unsigned mode = 0; mode < NMODES; mode++) {
        for (unsigned op = 0; op < NOPS; op++) {
            op_name(name, sizeof(name), op, mode);
            form_add(CLS, name, single, mode, op, 0);
        }
        form_add(CLS, "reserved: SIMD&FP load/store size/opc", single, mode, 9, 1);
    }
    form_add(CLS, "LDR S (literal)", literal, 0, 0, 0);
    form_add(CLS, "LDR D (literal)", literal, 1, 0, 0);
    form_add(CLS, "LDR Q (literal)", literal, 2, 0, 0);
    form_add(CLS, "reserved: LDR (literal, SIMD&FP) opc=11", literal, 3, 0, 0);
    for (uint32_t type = 0; type < 4; type++)
        for (uint32_t opc = 0; opc < 4; opc++)
            for (uint32_t l = 0; l < 2; l++)
                if (opc < 3 || l) form_add(CLS, "SIMD&FP pair", pair, type, opc, l);
    for (uint32_t post = 0; post < 2; post++)
        for (unsigned weight = 0; weight < 10; weight++) {
            form_add(CLS, "multiple structures", multiple, post, 0, 0);
            form_add(CLS, "single structure", single_structure, post, 0, 0);
        }
}
