/*
 * Class "simdfp": Advanced SIMD floating point, vector and scalar: three
 * same (single/double and FEAT_FP16 half), two-register misc (compares with
 * zero, FABS/FNEG/FSQRT, FRINT* incl. FEAT_FRINTTS, conversions to and from
 * integers, FCVTN/FCVTL/FCVTXN, estimates), across lanes and pairwise, by
 * element (FMLA, FMLS, FMUL, FMULX), fixed-point conversions (shift by
 * immediate) and FMOV (vector, immediate). Reserved sizes and one in ten
 * unallocated U/opcode draws included; FHM, FCMA and BF16 encodings are
 * never generated (forms_simd.c).
 */
#include <stdio.h>

#include "forms_simd.h"

#define CLS "simdfp"

/* "PRECISION" for a scalar form, "PRECISION Q=q" for a vector one. */
static void lanes_name(char *buf, size_t size, const char *precision, bool scalar, uint32_t q)
{
    if (scalar)
        snprintf(buf, size, "%s", precision);
    else
        snprintf(buf, size, "%s Q=%u", precision, q);
}

/* Rows U:a; opcodes 0x18-0x1F (FP16: opcode 0-7, looked up at 0x18 + opcode). */
static const char *const same_names[4 * 32] = {
    [SIMD_OP(0, 0x18)] = "FMAXNM",  [SIMD_OP(0, 0x19)] = "FMLA",    [SIMD_OP(0, 0x1A)] = "FADD",
    [SIMD_OP(0, 0x1B)] = "FMULX",   [SIMD_OP(0, 0x1C)] = "FCMEQ",   [SIMD_OP(0, 0x1E)] = "FMAX",
    [SIMD_OP(0, 0x1F)] = "FRECPS",  [SIMD_OP(1, 0x18)] = "FMINNM",  [SIMD_OP(1, 0x19)] = "FMLS",
    [SIMD_OP(1, 0x1A)] = "FSUB",    [SIMD_OP(1, 0x1E)] = "FMIN",    [SIMD_OP(1, 0x1F)] = "FRSQRTS",
    [SIMD_OP(2, 0x18)] = "FMAXNMP", [SIMD_OP(2, 0x1A)] = "FADDP",   [SIMD_OP(2, 0x1B)] = "FMUL",
    [SIMD_OP(2, 0x1C)] = "FCMGE",   [SIMD_OP(2, 0x1D)] = "FACGE",   [SIMD_OP(2, 0x1E)] = "FMAXP",
    [SIMD_OP(2, 0x1F)] = "FDIV",    [SIMD_OP(3, 0x18)] = "FMINNMP", [SIMD_OP(3, 0x1A)] = "FABD",
    [SIMD_OP(3, 0x1C)] = "FCMGT",   [SIMD_OP(3, 0x1D)] = "FACGT",   [SIMD_OP(3, 0x1E)] = "FMINP",
};

static const char *const scalar_same_names[4 * 32] = {
    [SIMD_OP(0, 0x1B)] = "FMULX",   [SIMD_OP(0, 0x1C)] = "FCMEQ", [SIMD_OP(0, 0x1F)] = "FRECPS",
    [SIMD_OP(1, 0x1F)] = "FRSQRTS", [SIMD_OP(2, 0x1C)] = "FCMGE", [SIMD_OP(2, 0x1D)] = "FACGE",
    [SIMD_OP(3, 0x1A)] = "FABD",    [SIMD_OP(3, 0x1C)] = "FCMGT", [SIMD_OP(3, 0x1D)] = "FACGT",
};

/* arg: scalar, half precision (FEAT_FP16 encoding: bits 22:21 = 10, opcode in bits 13:11). */
static uint32_t three_same(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0], half = f->arg[1];
    uint32_t row, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 2);
    const char *op =
        simd_pick_op(b, scalar ? scalar_same_names : same_names, 4, 0xFF000000, &row, &opcode);
    uint32_t u = row >> 1, a = row & 1;
    const char *group = scalar ? (half ? "scalar FP16" : "scalar") : (half ? "FP16" : "vector");

    simd_op_name(name, size, op, group, row, opcode,
                 scalar ? simd_scalar_size(half ? 1 : 2 + sz)
                        : simd_arrangement(half ? 1 : 2 + sz, q));
    if (half)
        return (scalar ? 0x5E400400u : 0x0E400400u) | q << 30 | u << 29 | a << 23 |
               (opcode - 0x18) << 11 | simd_vd_vn_vm(b);
    return (scalar ? 0x5E200400u : 0x0E200400u) | q << 30 | u << 29 | a << 23 | sz << 22 |
           opcode << 11 | simd_vd_vn_vm(b);
}

/* Two-register misc, FP opcodes: rows U:size<1>. */
#define TWO_MISC_FP 0xFFC0F000u
static const char *const misc_names[4 * 32] = {
    [SIMD_OP(0, 0x16)] = "FCVTN",    [SIMD_OP(0, 0x17)] = "FCVTL",
    [SIMD_OP(0, 0x18)] = "FRINTN",   [SIMD_OP(0, 0x19)] = "FRINTM",
    [SIMD_OP(0, 0x1A)] = "FCVTNS",   [SIMD_OP(0, 0x1B)] = "FCVTMS",
    [SIMD_OP(0, 0x1C)] = "FCVTAS",   [SIMD_OP(0, 0x1D)] = "SCVTF",
    [SIMD_OP(0, 0x1E)] = "FRINT32Z", [SIMD_OP(0, 0x1F)] = "FRINT64Z",
    [SIMD_OP(1, 0x0C)] = "FCMGT #0", [SIMD_OP(1, 0x0D)] = "FCMEQ #0",
    [SIMD_OP(1, 0x0E)] = "FCMLT #0", [SIMD_OP(1, 0x0F)] = "FABS",
    [SIMD_OP(1, 0x18)] = "FRINTP",   [SIMD_OP(1, 0x19)] = "FRINTZ",
    [SIMD_OP(1, 0x1A)] = "FCVTPS",   [SIMD_OP(1, 0x1B)] = "FCVTZS",
    [SIMD_OP(1, 0x1C)] = "URECPE",   [SIMD_OP(1, 0x1D)] = "FRECPE",
    [SIMD_OP(2, 0x16)] = "FCVTXN",   [SIMD_OP(2, 0x18)] = "FRINTA",
    [SIMD_OP(2, 0x19)] = "FRINTX",   [SIMD_OP(2, 0x1A)] = "FCVTNU",
    [SIMD_OP(2, 0x1B)] = "FCVTMU",   [SIMD_OP(2, 0x1C)] = "FCVTAU",
    [SIMD_OP(2, 0x1D)] = "UCVTF",    [SIMD_OP(2, 0x1E)] = "FRINT32X",
    [SIMD_OP(2, 0x1F)] = "FRINT64X", [SIMD_OP(3, 0x0C)] = "FCMGE #0",
    [SIMD_OP(3, 0x0D)] = "FCMLE #0", [SIMD_OP(3, 0x0F)] = "FNEG",
    [SIMD_OP(3, 0x19)] = "FRINTI",   [SIMD_OP(3, 0x1A)] = "FCVTPU",
    [SIMD_OP(3, 0x1B)] = "FCVTZU",   [SIMD_OP(3, 0x1C)] = "URSQRTE",
    [SIMD_OP(3, 0x1D)] = "FRSQRTE",  [SIMD_OP(3, 0x1F)] = "FSQRT",
};

static const char *const scalar_misc_names[4 * 32] = {
    [SIMD_OP(0, 0x1A)] = "FCVTNS",   [SIMD_OP(0, 0x1B)] = "FCVTMS",
    [SIMD_OP(0, 0x1C)] = "FCVTAS",   [SIMD_OP(0, 0x1D)] = "SCVTF",
    [SIMD_OP(1, 0x0C)] = "FCMGT #0", [SIMD_OP(1, 0x0D)] = "FCMEQ #0",
    [SIMD_OP(1, 0x0E)] = "FCMLT #0", [SIMD_OP(1, 0x1A)] = "FCVTPS",
    [SIMD_OP(1, 0x1B)] = "FCVTZS",   [SIMD_OP(1, 0x1D)] = "FRECPE",
    [SIMD_OP(1, 0x1F)] = "FRECPX",   [SIMD_OP(2, 0x16)] = "FCVTXN",
    [SIMD_OP(2, 0x1A)] = "FCVTNU",   [SIMD_OP(2, 0x1B)] = "FCVTMU",
    [SIMD_OP(2, 0x1C)] = "FCVTAU",   [SIMD_OP(2, 0x1D)] = "UCVTF",
    [SIMD_OP(3, 0x0C)] = "FCMGE #0", [SIMD_OP(3, 0x0D)] = "FCMLE #0",
    [SIMD_OP(3, 0x1A)] = "FCVTPU",   [SIMD_OP(3, 0x1B)] = "FCVTZU",
    [SIMD_OP(3, 0x1D)] = "FRSQRTE",
};

/* arg: scalar. The size field is size<1> (the row) and sz, the precision. */
static uint32_t two_misc(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t row, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 2);
    const char *op =
        simd_pick_op(b, scalar ? scalar_misc_names : misc_names, 4, TWO_MISC_FP, &row, &opcode);
    uint32_t u = row >> 1, size_hi = row & 1;

    simd_op_name(name, size, op, scalar ? "scalar misc" : "misc", row, opcode,
                 scalar ? simd_scalar_size(2 + sz) : simd_arrangement(2 + sz, q));
    return (scalar ? 0x5E200800u : 0x0E200800u) | q << 30 | u << 29 | size_hi << 23 | sz << 22 |
           opcode << 12 | simd_vd_vn(b);
}

/* Two-register misc FP16: rows U:a. */
static const char *const misc_half_names[4 * 32] = {
    [SIMD_OP(0, 0x18)] = "FRINTN",   [SIMD_OP(0, 0x19)] = "FRINTM",
    [SIMD_OP(0, 0x1A)] = "FCVTNS",   [SIMD_OP(0, 0x1B)] = "FCVTMS",
    [SIMD_OP(0, 0x1C)] = "FCVTAS",   [SIMD_OP(0, 0x1D)] = "SCVTF",
    [SIMD_OP(1, 0x0C)] = "FCMGT #0", [SIMD_OP(1, 0x0D)] = "FCMEQ #0",
    [SIMD_OP(1, 0x0E)] = "FCMLT #0", [SIMD_OP(1, 0x0F)] = "FABS",
    [SIMD_OP(1, 0x18)] = "FRINTP",   [SIMD_OP(1, 0x19)] = "FRINTZ",
    [SIMD_OP(1, 0x1A)] = "FCVTPS",   [SIMD_OP(1, 0x1B)] = "FCVTZS",
    [SIMD_OP(1, 0x1D)] = "FRECPE",   [SIMD_OP(2, 0x18)] = "FRINTA",
    [SIMD_OP(2, 0x19)] = "FRINTX",   [SIMD_OP(2, 0x1A)] = "FCVTNU",
    [SIMD_OP(2, 0x1B)] = "FCVTMU",   [SIMD_OP(2, 0x1C)] = "FCVTAU",
    [SIMD_OP(2, 0x1D)] = "UCVTF",    [SIMD_OP(3, 0x0C)] = "FCMGE #0",
    [SIMD_OP(3, 0x0D)] = "FCMLE #0", [SIMD_OP(3, 0x0F)] = "FNEG",
    [SIMD_OP(3, 0x19)] = "FRINTI",   [SIMD_OP(3, 0x1A)] = "FCVTPU",
    [SIMD_OP(3, 0x1B)] = "FCVTZU",   [SIMD_OP(3, 0x1D)] = "FRSQRTE",
    [SIMD_OP(3, 0x1F)] = "FSQRT",
};

static const char *const scalar_misc_half_names[4 * 32] = {
    [SIMD_OP(0, 0x1A)] = "FCVTNS",   [SIMD_OP(0, 0x1B)] = "FCVTMS",
    [SIMD_OP(0, 0x1C)] = "FCVTAS",   [SIMD_OP(0, 0x1D)] = "SCVTF",
    [SIMD_OP(1, 0x0C)] = "FCMGT #0", [SIMD_OP(1, 0x0D)] = "FCMEQ #0",
    [SIMD_OP(1, 0x0E)] = "FCMLT #0", [SIMD_OP(1, 0x1A)] = "FCVTPS",
    [SIMD_OP(1, 0x1B)] = "FCVTZS",   [SIMD_OP(1, 0x1D)] = "FRECPE",
    [SIMD_OP(1, 0x1F)] = "FRECPX",   [SIMD_OP(2, 0x1A)] = "FCVTNU",
    [SIMD_OP(2, 0x1B)] = "FCVTMU",   [SIMD_OP(2, 0x1C)] = "FCVTAU",
    [SIMD_OP(2, 0x1D)] = "UCVTF",    [SIMD_OP(3, 0x0C)] = "FCMGE #0",
    [SIMD_OP(3, 0x0D)] = "FCMLE #0", [SIMD_OP(3, 0x1A)] = "FCVTPU",
    [SIMD_OP(3, 0x1B)] = "FCVTZU",   [SIMD_OP(3, 0x1D)] = "FRSQRTE",
};

/* arg: scalar. */
static uint32_t two_misc_half(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t row, opcode, q = scalar ? 1 : rng_below(&b->rng, 2);
    const char *op = simd_pick_op(b, scalar ? scalar_misc_half_names : misc_half_names, 4,
                                  0xFFFFFFFF, &row, &opcode);
    uint32_t u = row >> 1, a = row & 1;

    simd_op_name(name, size, op, scalar ? "scalar misc FP16" : "misc FP16", row, opcode,
                 scalar ? "H" : simd_arrangement(1, q));
    return (scalar ? 0x5E780800u : 0x0E780800u) | q << 30 | u << 29 | a << 23 | opcode << 12 |
           simd_vd_vn(b);
}

/*
 * Across lanes (FMAXNMV, FMAXV and the MIN forms) and scalar pairwise
 * (FMAXNMP, FADDP, FMAXP, MIN forms): rows U:size<1>; U = 0 is half
 * precision, U = 1 single (across) or single/double by sz (pairwise).
 */
static const char *const across_names[4 * 32] = {
    [SIMD_OP(0, 0x0C)] = "FMAXNMV", [SIMD_OP(0, 0x0F)] = "FMAXV",   [SIMD_OP(1, 0x0C)] = "FMINNMV",
    [SIMD_OP(1, 0x0F)] = "FMINV",   [SIMD_OP(2, 0x0C)] = "FMAXNMV", [SIMD_OP(2, 0x0F)] = "FMAXV",
    [SIMD_OP(3, 0x0C)] = "FMINNMV", [SIMD_OP(3, 0x0F)] = "FMINV",
};

static const char *const pairwise_names[4 * 32] = {
    [SIMD_OP(0, 0x0C)] = "FMAXNMP", [SIMD_OP(0, 0x0D)] = "FADDP", [SIMD_OP(0, 0x0F)] = "FMAXP",
    [SIMD_OP(1, 0x0C)] = "FMINNMP", [SIMD_OP(1, 0x0F)] = "FMINP", [SIMD_OP(2, 0x0C)] = "FMAXNMP",
    [SIMD_OP(2, 0x0D)] = "FADDP",   [SIMD_OP(2, 0x0F)] = "FMAXP", [SIMD_OP(3, 0x0C)] = "FMINNMP",
    [SIMD_OP(3, 0x0F)] = "FMINP",
};

/* arg: scalar pairwise (else across lanes). */
static uint32_t across(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t row, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 2);
    const char *op =
        simd_pick_op(b, scalar ? pairwise_names : across_names, 4, 0xF000, &row, &opcode);
    uint32_t u = row >> 1, size_hi = row & 1;
    const char *precision = u == 0 ? "H" : sz ? "D" : "S";
    char arrangement[16];

    lanes_name(arrangement, sizeof(arrangement), precision, scalar, q);
    simd_op_name(name, size, op, scalar ? "scalar pairwise" : "across lanes", row, opcode,
                 arrangement);
    return (scalar ? 0x5E30C800u : 0x0E30C800u) | q << 30 | u << 29 | size_hi << 23 | sz << 22 |
           (opcode & 3) << 12 | simd_vd_vn(b);
}

/* By element: FMLA, FMLS, FMUL, FMULX; size 00 half (FP16), 10 single, 11 double, 01 reserved. */
static const char *const elem_names[2 * 32] = {
    [SIMD_OP(0, 0x1)] = "FMLA",
    [SIMD_OP(0, 0x5)] = "FMLS",
    [SIMD_OP(0, 0x9)] = "FMUL",
    [SIMD_OP(1, 0x9)] = "FMULX",
};

/* arg: scalar. */
static uint32_t by_element(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const uint32_t sizes[] = {0, 2, 3};
    static const char *const precision[] = {"H", "size=01", "S", "D"};
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2);
    uint32_t sz = simd_rarely(b) ? 1 : sizes[rng_below(&b->rng, 3)];
    const char *op = simd_pick_op(b, elem_names, 2, 0x0222, &u, &opcode);
    uint32_t w = simd_by_element(b, scalar, q, u, sz, opcode);
    char arrangement[16];

    if (sz == 3 && !simd_rarely(b)) w &= ~(1u << 21); /* double: L = 1 is reserved */
    lanes_name(arrangement, sizeof(arrangement), precision[sz], scalar, q);
    simd_op_name(name, size, op, scalar ? "scalar by element" : "by element", u, opcode,
                 arrangement);
    return w;
}

/* SCVTF, UCVTF, FCVTZS, FCVTZU (fixed-point): shift by immediate opcodes 11100-11111. */
static const char *const fixed_names[2 * 32] = {
    [SIMD_OP(0, 0x1C)] = "SCVTF (fixed-point)",
    [SIMD_OP(0, 0x1F)] = "FCVTZS (fixed-point)",
    [SIMD_OP(1, 0x1C)] = "UCVTF (fixed-point)",
    [SIMD_OP(1, 0x1F)] = "FCVTZU (fixed-point)",
};

/* arg: scalar. immh gives the precision: 001x half, 01xx single, 1xxx double, 0001 reserved. */
static uint32_t fixed_point(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), immh_immb;
    uint32_t sz = simd_pick_immh_immb(b, &immh_immb);
    const char *op = simd_pick_op(b, fixed_names, 2, 0xF0000000, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar" : "vector", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return (scalar ? 0x5F000400u : 0x0F000400u) | q << 30 | u << 29 | immh_immb << 16 |
           opcode << 11 | simd_vd_vn(b);
}

/* FMOV (vector, immediate): cmode 1111; op:o2 = 00 single, 01 half, 10 double (Q = 1). */
static uint32_t fmov_vector(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"FMOV (vector) S", "FMOV (vector) H", "FMOV (vector) D"};
    uint32_t kind = rng_below(&b->rng, 3), q = rng_below(&b->rng, 2);
    uint32_t imm = rng_below(&b->rng, 256), op = kind >> 1, o2 = kind & 1;

    (void)f;
    snprintf(name, size, "%s Q=%u", names[kind], q);
    return 0x0F00F400u | q << 30 | op << 29 | (imm >> 5) << 16 | o2 << 11 | (imm & 31) << 5 |
           pick_vdst(b);
}

SIMD_FORM(three_same)
SIMD_FORM(two_misc)
SIMD_FORM(two_misc_half)
SIMD_FORM(across)
SIMD_FORM(by_element)
SIMD_FORM(fixed_point)
SIMD_FORM(fmov_vector)

void forms_simd_fp_register(void)
{
    for (uint32_t scalar = 0; scalar < 2; scalar++) {
        const char *s = scalar ? " scalar" : "";
        char name[64];
        snprintf(name, sizeof(name), "three same FP%s", s);
        form_add(CLS, name, three_same_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "three same FP16%s", s);
        form_add(CLS, name, three_same_form, scalar, 1, 0);
        snprintf(name, sizeof(name), "two-register misc FP%s", s);
        form_add(CLS, name, two_misc_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "two-register misc FP16%s", s);
        form_add(CLS, name, two_misc_half_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "%s", scalar ? "scalar pairwise FP" : "across lanes FP");
        form_add(CLS, name, across_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "by element FP%s", s);
        form_add(CLS, name, by_element_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "fixed-point conversion%s", s);
        form_add(CLS, name, fixed_point_form, scalar, 0, 0);
    }
    form_add(CLS, "FMOV (vector, immediate)", fmov_vector_form, 0, 0, 0);
}
