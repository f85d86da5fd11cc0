/*
 * Class "simdint": Advanced SIMD integer data processing (A64 "Data
 * Processing -- Scalar Floating-Point and Advanced SIMD"): three same, three
 * different, two-register miscellaneous, across lanes, pairwise, shift by
 * immediate, three same extra (SQRDMLAH, SDOT), by element, modified
 * immediate, each in its vector and scalar form where it has one. Every
 * U/opcode/size/Q is drawn, reserved ones included (one in ten draws an
 * unallocated U/opcode); the FP opcodes of the same groups are class
 * "simdfp"'s. Permutes, copies and crypto: forms_simd_perm.c.
 */
#include <stdio.h>

#include "forms_simd.h"

#define CLS "simdint"

/* Opcodes 0x00-0x17 (0x18-0x1F are FP); opcode 3 is named by size below. */
static const char *const three_same_names[2 * 32] = {
    [SIMD_OP(0, 0x00)] = "SHADD",   [SIMD_OP(0, 0x01)] = "SQADD",    [SIMD_OP(0, 0x02)] = "SRHADD",
    [SIMD_OP(0, 0x03)] = "logical", [SIMD_OP(0, 0x04)] = "SHSUB",    [SIMD_OP(0, 0x05)] = "SQSUB",
    [SIMD_OP(0, 0x06)] = "CMGT",    [SIMD_OP(0, 0x07)] = "CMGE",     [SIMD_OP(0, 0x08)] = "SSHL",
    [SIMD_OP(0, 0x09)] = "SQSHL",   [SIMD_OP(0, 0x0A)] = "SRSHL",    [SIMD_OP(0, 0x0B)] = "SQRSHL",
    [SIMD_OP(0, 0x0C)] = "SMAX",    [SIMD_OP(0, 0x0D)] = "SMIN",     [SIMD_OP(0, 0x0E)] = "SABD",
    [SIMD_OP(0, 0x0F)] = "SABA",    [SIMD_OP(0, 0x10)] = "ADD",      [SIMD_OP(0, 0x11)] = "CMTST",
    [SIMD_OP(0, 0x12)] = "MLA",     [SIMD_OP(0, 0x13)] = "MUL",      [SIMD_OP(0, 0x14)] = "SMAXP",
    [SIMD_OP(0, 0x15)] = "SMINP",   [SIMD_OP(0, 0x16)] = "SQDMULH",  [SIMD_OP(0, 0x17)] = "ADDP",
    [SIMD_OP(1, 0x00)] = "UHADD",   [SIMD_OP(1, 0x01)] = "UQADD",    [SIMD_OP(1, 0x02)] = "URHADD",
    [SIMD_OP(1, 0x03)] = "logical", [SIMD_OP(1, 0x04)] = "UHSUB",    [SIMD_OP(1, 0x05)] = "UQSUB",
    [SIMD_OP(1, 0x06)] = "CMHI",    [SIMD_OP(1, 0x07)] = "CMHS",     [SIMD_OP(1, 0x08)] = "USHL",
    [SIMD_OP(1, 0x09)] = "UQSHL",   [SIMD_OP(1, 0x0A)] = "URSHL",    [SIMD_OP(1, 0x0B)] = "UQRSHL",
    [SIMD_OP(1, 0x0C)] = "UMAX",    [SIMD_OP(1, 0x0D)] = "UMIN",     [SIMD_OP(1, 0x0E)] = "UABD",
    [SIMD_OP(1, 0x0F)] = "UABA",    [SIMD_OP(1, 0x10)] = "SUB",      [SIMD_OP(1, 0x11)] = "CMEQ",
    [SIMD_OP(1, 0x12)] = "MLS",     [SIMD_OP(1, 0x13)] = "PMUL",     [SIMD_OP(1, 0x14)] = "UMAXP",
    [SIMD_OP(1, 0x15)] = "UMINP",   [SIMD_OP(1, 0x16)] = "SQRDMULH",
};

static const char *const scalar_three_same_names[2 * 32] = {
    [SIMD_OP(0, 0x01)] = "SQADD",    [SIMD_OP(0, 0x05)] = "SQSUB",   [SIMD_OP(0, 0x06)] = "CMGT",
    [SIMD_OP(0, 0x07)] = "CMGE",     [SIMD_OP(0, 0x08)] = "SSHL",    [SIMD_OP(0, 0x09)] = "SQSHL",
    [SIMD_OP(0, 0x0A)] = "SRSHL",    [SIMD_OP(0, 0x0B)] = "SQRSHL",  [SIMD_OP(0, 0x10)] = "ADD",
    [SIMD_OP(0, 0x11)] = "CMTST",    [SIMD_OP(0, 0x16)] = "SQDMULH", [SIMD_OP(1, 0x01)] = "UQADD",
    [SIMD_OP(1, 0x05)] = "UQSUB",    [SIMD_OP(1, 0x06)] = "CMHI",    [SIMD_OP(1, 0x07)] = "CMHS",
    [SIMD_OP(1, 0x08)] = "USHL",     [SIMD_OP(1, 0x09)] = "UQSHL",   [SIMD_OP(1, 0x0A)] = "URSHL",
    [SIMD_OP(1, 0x0B)] = "UQRSHL",   [SIMD_OP(1, 0x10)] = "SUB",     [SIMD_OP(1, 0x11)] = "CMEQ",
    [SIMD_OP(1, 0x16)] = "SQRDMULH",
};

/* arg: scalar. */
static uint32_t three_same(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const logical[2][4] = {{"AND", "BIC", "ORR", "ORN"},
                                              {"EOR", "BSL", "BIT", "BIF"}};
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);
    const char *op = simd_pick_op(b, scalar ? scalar_three_same_names : three_same_names, 2,
                                  0x00FFFFFF, &u, &opcode);

    if (opcode == 3 && !scalar) {
        snprintf(name, size, "%s (vector) %s", logical[u][sz], q ? "16B" : "8B");
    } else {
        simd_op_name(name, size, op, scalar ? "scalar" : "vector", u, opcode,
                     scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    }
    return (scalar ? 0x5E200400u : 0x0E200400u) | q << 30 | u << 29 | sz << 22 | opcode << 11 |
           simd_vd_vn_vm(b);
}

/* Opcodes 0-15 (Q = 1: the "2" forms). */
static const char *const three_diff_names[2 * 32] = {
    [SIMD_OP(0, 0)] = "SADDL",   [SIMD_OP(0, 1)] = "SADDW",    [SIMD_OP(0, 2)] = "SSUBL",
    [SIMD_OP(0, 3)] = "SSUBW",   [SIMD_OP(0, 4)] = "ADDHN",    [SIMD_OP(0, 5)] = "SABAL",
    [SIMD_OP(0, 6)] = "SUBHN",   [SIMD_OP(0, 7)] = "SABDL",    [SIMD_OP(0, 8)] = "SMLAL",
    [SIMD_OP(0, 9)] = "SQDMLAL", [SIMD_OP(0, 10)] = "SMLSL",   [SIMD_OP(0, 11)] = "SQDMLSL",
    [SIMD_OP(0, 12)] = "SMULL",  [SIMD_OP(0, 13)] = "SQDMULL", [SIMD_OP(0, 14)] = "PMULL",
    [SIMD_OP(1, 0)] = "UADDL",   [SIMD_OP(1, 1)] = "UADDW",    [SIMD_OP(1, 2)] = "USUBL",
    [SIMD_OP(1, 3)] = "USUBW",   [SIMD_OP(1, 4)] = "RADDHN",   [SIMD_OP(1, 5)] = "UABAL",
    [SIMD_OP(1, 6)] = "RSUBHN",  [SIMD_OP(1, 7)] = "UABDL",    [SIMD_OP(1, 8)] = "UMLAL",
    [SIMD_OP(1, 10)] = "UMLSL",  [SIMD_OP(1, 12)] = "UMULL",
};

static const char *const scalar_three_diff_names[2 * 32] = {
    [SIMD_OP(0, 9)] = "SQDMLAL",
    [SIMD_OP(0, 11)] = "SQDMLSL",
    [SIMD_OP(0, 13)] = "SQDMULL",
};

/* arg: scalar. size is the source element size (size 11: PMULL 1Q, otherwise reserved). */
static uint32_t three_diff(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);
    const char *op = simd_pick_op(b, scalar ? scalar_three_diff_names : three_diff_names, 2, 0xFFFF,
                                  &u, &opcode);
    char full[32];

    snprintf(full, sizeof(full), "%s%s", op ? op : "", q && !scalar ? "2" : "");
    simd_op_name(name, size, op ? full : NULL, scalar ? "scalar" : "vector", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return (scalar ? 0x5E200000u : 0x0E200000u) | q << 30 | u << 29 | sz << 22 | opcode << 12 |
           simd_vd_vn_vm(b);
}

/* The integer opcodes of two-register misc (the others are FP: forms_simd_fp.c). */
#define TWO_MISC_INT 0x003F0FFFu
static const char *const two_misc_names[2 * 32] = {
    [SIMD_OP(0, 0x00)] = "REV64",    [SIMD_OP(0, 0x01)] = "REV16",   [SIMD_OP(0, 0x02)] = "SADDLP",
    [SIMD_OP(0, 0x03)] = "SUQADD",   [SIMD_OP(0, 0x04)] = "CLS",     [SIMD_OP(0, 0x05)] = "CNT",
    [SIMD_OP(0, 0x06)] = "SADALP",   [SIMD_OP(0, 0x07)] = "SQABS",   [SIMD_OP(0, 0x08)] = "CMGT #0",
    [SIMD_OP(0, 0x09)] = "CMEQ #0",  [SIMD_OP(0, 0x0A)] = "CMLT #0", [SIMD_OP(0, 0x0B)] = "ABS",
    [SIMD_OP(0, 0x12)] = "XTN",      [SIMD_OP(0, 0x14)] = "SQXTN",   [SIMD_OP(1, 0x00)] = "REV32",
    [SIMD_OP(1, 0x02)] = "UADDLP",   [SIMD_OP(1, 0x03)] = "USQADD",  [SIMD_OP(1, 0x04)] = "CLZ",
    [SIMD_OP(1, 0x05)] = "NOT/RBIT", [SIMD_OP(1, 0x06)] = "UADALP",  [SIMD_OP(1, 0x07)] = "SQNEG",
    [SIMD_OP(1, 0x08)] = "CMGE #0",  [SIMD_OP(1, 0x09)] = "CMLE #0", [SIMD_OP(1, 0x0B)] = "NEG",
    [SIMD_OP(1, 0x12)] = "SQXTUN",   [SIMD_OP(1, 0x13)] = "SHLL",    [SIMD_OP(1, 0x14)] = "UQXTN",
};

static const char *const scalar_two_misc_names[2 * 32] = {
    [SIMD_OP(0, 0x03)] = "SUQADD",  [SIMD_OP(0, 0x07)] = "SQABS",   [SIMD_OP(0, 0x08)] = "CMGT #0",
    [SIMD_OP(0, 0x09)] = "CMEQ #0", [SIMD_OP(0, 0x0A)] = "CMLT #0", [SIMD_OP(0, 0x0B)] = "ABS",
    [SIMD_OP(0, 0x14)] = "SQXTN",   [SIMD_OP(1, 0x03)] = "USQADD",  [SIMD_OP(1, 0x07)] = "SQNEG",
    [SIMD_OP(1, 0x08)] = "CMGE #0", [SIMD_OP(1, 0x09)] = "CMLE #0", [SIMD_OP(1, 0x0B)] = "NEG",
    [SIMD_OP(1, 0x12)] = "SQXTUN",  [SIMD_OP(1, 0x14)] = "UQXTN",
};

/* arg: scalar. */
static uint32_t two_misc(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);
    const char *op = simd_pick_op(b, scalar ? scalar_two_misc_names : two_misc_names, 2,
                                  TWO_MISC_INT, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar" : "vector", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return (scalar ? 0x5E200800u : 0x0E200800u) | q << 30 | u << 29 | sz << 22 | opcode << 12 |
           simd_vd_vn(b);
}

/* Across lanes: the integer opcodes (01100-01111 are FP). */
static const char *const across_names[2 * 32] = {
    [SIMD_OP(0, 0x03)] = "SADDLV", [SIMD_OP(0, 0x0A)] = "SMAXV",  [SIMD_OP(0, 0x1A)] = "SMINV",
    [SIMD_OP(0, 0x1B)] = "ADDV",   [SIMD_OP(1, 0x03)] = "UADDLV", [SIMD_OP(1, 0x0A)] = "UMAXV",
    [SIMD_OP(1, 0x1A)] = "UMINV",
};

static const char *const pairwise_names[2 * 32] = {[SIMD_OP(0, 0x1B)] = "ADDP"};

/* arg: scalar pairwise (else across lanes). */
static uint32_t across(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);
    const char *op =
        simd_pick_op(b, scalar ? pairwise_names : across_names, 2, 0xFFFF0FFF, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar pairwise" : "across lanes", u, opcode,
                 simd_arrangement(sz, q));
    return (scalar ? 0x5E300800u : 0x0E300800u) | q << 30 | u << 29 | sz << 22 | opcode << 12 |
           simd_vd_vn(b);
}

/* Shift by immediate: the integer opcodes (11100 and 11111 are FP conversions). */
#define SHIFT_INT 0x0FFFFFFFu
static const char *const shift_names[2 * 32] = {
    [SIMD_OP(0, 0x00)] = "SSHR",    [SIMD_OP(0, 0x02)] = "SSRA",    [SIMD_OP(0, 0x04)] = "SRSHR",
    [SIMD_OP(0, 0x06)] = "SRSRA",   [SIMD_OP(0, 0x0A)] = "SHL",     [SIMD_OP(0, 0x0E)] = "SQSHL",
    [SIMD_OP(0, 0x10)] = "SHRN",    [SIMD_OP(0, 0x11)] = "RSHRN",   [SIMD_OP(0, 0x12)] = "SQSHRN",
    [SIMD_OP(0, 0x13)] = "SQRSHRN", [SIMD_OP(0, 0x14)] = "SSHLL",   [SIMD_OP(1, 0x00)] = "USHR",
    [SIMD_OP(1, 0x02)] = "USRA",    [SIMD_OP(1, 0x04)] = "URSHR",   [SIMD_OP(1, 0x06)] = "URSRA",
    [SIMD_OP(1, 0x08)] = "SRI",     [SIMD_OP(1, 0x0A)] = "SLI",     [SIMD_OP(1, 0x0C)] = "SQSHLU",
    [SIMD_OP(1, 0x0E)] = "UQSHL",   [SIMD_OP(1, 0x10)] = "SQSHRUN", [SIMD_OP(1, 0x11)] = "SQRSHRUN",
    [SIMD_OP(1, 0x12)] = "UQSHRN",  [SIMD_OP(1, 0x13)] = "UQRSHRN", [SIMD_OP(1, 0x14)] = "USHLL",
};

static const char *const scalar_shift_names[2 * 32] = {
    [SIMD_OP(0, 0x00)] = "SSHR",   [SIMD_OP(0, 0x02)] = "SSRA",    [SIMD_OP(0, 0x04)] = "SRSHR",
    [SIMD_OP(0, 0x06)] = "SRSRA",  [SIMD_OP(0, 0x0A)] = "SHL",     [SIMD_OP(0, 0x0E)] = "SQSHL",
    [SIMD_OP(0, 0x12)] = "SQSHRN", [SIMD_OP(0, 0x13)] = "SQRSHRN", [SIMD_OP(1, 0x00)] = "USHR",
    [SIMD_OP(1, 0x02)] = "USRA",   [SIMD_OP(1, 0x04)] = "URSHR",   [SIMD_OP(1, 0x06)] = "URSRA",
    [SIMD_OP(1, 0x08)] = "SRI",    [SIMD_OP(1, 0x0A)] = "SLI",     [SIMD_OP(1, 0x0C)] = "SQSHLU",
    [SIMD_OP(1, 0x0E)] = "UQSHL",  [SIMD_OP(1, 0x10)] = "SQSHRUN", [SIMD_OP(1, 0x11)] = "SQRSHRUN",
    [SIMD_OP(1, 0x12)] = "UQSHRN", [SIMD_OP(1, 0x13)] = "UQRSHRN",
};

/* arg: scalar. */
static uint32_t shift_imm(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), immh_immb;
    uint32_t sz = simd_pick_immh_immb(b, &immh_immb);
    const char *op =
        simd_pick_op(b, scalar ? scalar_shift_names : shift_names, 2, SHIFT_INT, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar shift" : "shift", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return (scalar ? 0x5F000400u : 0x0F000400u) | q << 30 | u << 29 | immh_immb << 16 |
           opcode << 11 | simd_vd_vn(b);
}

/* Three same extra: SQRDMLAH, SQRDMLSH (FEAT_RDM), SDOT, UDOT (FEAT_DotProd). */
static const char *const extra_names[2 * 32] = {
    [SIMD_OP(0, 2)] = "SDOT",
    [SIMD_OP(1, 0)] = "SQRDMLAH",
    [SIMD_OP(1, 1)] = "SQRDMLSH",
    [SIMD_OP(1, 2)] = "UDOT",
};

static const char *const scalar_extra_names[2 * 32] = {
    [SIMD_OP(1, 0)] = "SQRDMLAH",
    [SIMD_OP(1, 1)] = "SQRDMLSH",
};

/* arg: scalar. Opcodes 8-15 (FCMLA, FCADD, BF16) are left to simd_not_generated's filter. */
static uint32_t three_same_extra(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);
    const char *op =
        simd_pick_op(b, scalar ? scalar_extra_names : extra_names, 2, 0xFFFF, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar extra" : "extra", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return (scalar ? 0x5E008400u : 0x0E008400u) | q << 30 | u << 29 | sz << 22 | opcode << 11 |
           simd_vd_vn_vm(b);
}

/* By element, integer opcodes (0001, 0101, 1001 and U=1 1001 are FP). */
#define ELEM_INT 0xFDDDu
static const char *const elem_names[2 * 32] = {
    [SIMD_OP(0, 0x2)] = "SMLAL",    [SIMD_OP(0, 0x3)] = "SQDMLAL", [SIMD_OP(0, 0x6)] = "SMLSL",
    [SIMD_OP(0, 0x7)] = "SQDMLSL",  [SIMD_OP(0, 0x8)] = "MUL",     [SIMD_OP(0, 0xA)] = "SMULL",
    [SIMD_OP(0, 0xB)] = "SQDMULL",  [SIMD_OP(0, 0xC)] = "SQDMULH", [SIMD_OP(0, 0xD)] = "SQRDMULH",
    [SIMD_OP(0, 0xE)] = "SDOT",     [SIMD_OP(1, 0x0)] = "MLA",     [SIMD_OP(1, 0x2)] = "UMLAL",
    [SIMD_OP(1, 0x4)] = "MLS",      [SIMD_OP(1, 0x6)] = "UMLSL",   [SIMD_OP(1, 0xA)] = "UMULL",
    [SIMD_OP(1, 0xD)] = "SQRDMLAH", [SIMD_OP(1, 0xE)] = "UDOT",    [SIMD_OP(1, 0xF)] = "SQRDMLSH",
};

static const char *const scalar_elem_names[2 * 32] = {
    [SIMD_OP(0, 0x3)] = "SQDMLAL",  [SIMD_OP(0, 0x7)] = "SQDMLSL",  [SIMD_OP(0, 0xB)] = "SQDMULL",
    [SIMD_OP(0, 0xC)] = "SQDMULH",  [SIMD_OP(0, 0xD)] = "SQRDMULH", [SIMD_OP(1, 0xD)] = "SQRDMLAH",
    [SIMD_OP(1, 0xF)] = "SQRDMLSH",
};

/* arg: scalar. */
static uint32_t by_element(struct builder *b, const struct form *f, char *name, size_t size)
{
    bool scalar = f->arg[0];
    uint32_t u, opcode, q = scalar ? 1 : rng_below(&b->rng, 2);
    uint32_t sz = simd_rarely(b) ? rng_below(&b->rng, 2) * 3 : 1 + rng_below(&b->rng, 2);
    const char *op =
        simd_pick_op(b, scalar ? scalar_elem_names : elem_names, 2, ELEM_INT, &u, &opcode);

    simd_op_name(name, size, op, scalar ? "scalar by element" : "by element", u, opcode,
                 scalar ? simd_scalar_size(sz) : simd_arrangement(sz, q));
    return simd_by_element(b, scalar, q, u, sz, opcode);
}

/*
 * Modified immediate: MOVI, MVNI, ORR, BIC (cmode 0000-1110); cmode 1111
 * (FMOV) is simdfp's. o2 = 1 is unallocated.
 */
static uint32_t mod_imm(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const kinds[2][6] = {
        {"MOVI 32-bit shifted", "ORR 32-bit", "MOVI 16-bit shifted", "ORR 16-bit", "MOVI MSL",
         "MOVI 8-bit"},
        {"MVNI 32-bit shifted", "BIC 32-bit", "MVNI 16-bit shifted", "BIC 16-bit", "MVNI MSL",
         "MOVI 64-bit"}};
    uint32_t q = rng_below(&b->rng, 2), op = rng_below(&b->rng, 2), cmode = rng_below(&b->rng, 15);
    uint32_t o2 = simd_rarely(b), imm = rng_below(&b->rng, 256);
    /* cmode 0xxx: by cmode<0>, MOVI/MVNI or ORR/BIC; 10xx likewise; 110x MSL; 1110 */
    unsigned kind = cmode < 8 ? (cmode & 1) : cmode < 12 ? 2 + (cmode & 1) : cmode < 14 ? 4 : 5;

    (void)f;
    snprintf(name, size, "%s%s%s", o2 ? "reserved o2: " : "", kinds[op][kind],
             q ? " (Q=1)" : " (Q=0)");
    return 0x0F000400u | q << 30 | op << 29 | (imm >> 5) << 16 | cmode << 12 | o2 << 11 |
           (imm & 31) << 5 | pick_vdst(b);
}

SIMD_FORM(three_same)
SIMD_FORM(three_diff)
SIMD_FORM(two_misc)
SIMD_FORM(across)
SIMD_FORM(shift_imm)
SIMD_FORM(three_same_extra)
SIMD_FORM(by_element)
SIMD_FORM(mod_imm)

void forms_simd_int_register(void)
{
    for (uint32_t scalar = 0; scalar < 2; scalar++) {
        const char *s = scalar ? " scalar" : "";
        char name[64];
        snprintf(name, sizeof(name), "three same%s", s);
        form_add(CLS, name, three_same_form, scalar, 0, 0);
        if (!scalar) form_add(CLS, name, three_same_form, scalar, 0, 0); /* many instructions */
        snprintf(name, sizeof(name), "three different%s", s);
        form_add(CLS, name, three_diff_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "two-register misc%s", s);
        form_add(CLS, name, two_misc_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "%s", scalar ? "scalar pairwise" : "across lanes");
        form_add(CLS, name, across_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "shift by immediate%s", s);
        form_add(CLS, name, shift_imm_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "three same extra%s", s);
        form_add(CLS, name, three_same_extra_form, scalar, 0, 0);
        snprintf(name, sizeof(name), "by element%s", s);
        form_add(CLS, name, by_element_form, scalar, 0, 0);
    }
    form_add(CLS, "modified immediate", mod_imm_form, 0, 0, 0);
}
