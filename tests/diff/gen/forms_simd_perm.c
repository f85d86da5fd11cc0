/*
 * Class "simdint", continued: permutes (UZP, TRN, ZIP), EXT, TBL/TBX (table
 * registers wrap at V31), the copy group (DUP element/general, INS
 * element/general, SMOV, UMOV; scalar DUP) with every imm5/imm4, and the
 * cryptographic extensions avsim advertises: AES, SHA1, SHA256, SHA512,
 * SHA3 (EOR3, BCAX, RAX1, XAR); PMULL is in three different. SM3 and SM4
 * are not advertised and never generated. Reserved fields now and then.
 */
#include <stdio.h>

#include "forms_simd.h"

#define CLS "simdint"

static uint32_t permute(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {NULL, "UZP1", "TRN1", "ZIP1", NULL, "UZP2", "TRN2", "ZIP2"};
    uint32_t opcode = rng_below(&b->rng, 8), q = rng_below(&b->rng, 2), sz = rng_below(&b->rng, 4);

    (void)f;
    if (!names[opcode] && !simd_rarely(b)) opcode |= 1 + rng_below(&b->rng, 3);
    if (names[opcode])
        snprintf(name, size, "%s %s", names[opcode], simd_arrangement(sz, q));
    else
        snprintf(name, size, "reserved permute opcode %u", opcode);
    return 0x0E000800u | q << 30 | sz << 22 | opcode << 12 | simd_vd_vn_vm(b);
}

/* EXT: op2 (bits 23:22) nonzero, or Q = 0 with imm4<3> set, is reserved. */
static uint32_t ext(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t q = rng_below(&b->rng, 2), imm4 = rng_below(&b->rng, q ? 16 : 8);
    uint32_t op2 = 0;

    (void)f;
    if (simd_rarely(b)) {
        if (rng_percent(&b->rng, 50))
            op2 = 1 + rng_below(&b->rng, 3);
        else
            imm4 = rng_below(&b->rng, 16);
    }
    snprintf(name, size, "%sEXT %s", op2 || (!q && imm4 >= 8) ? "reserved: " : "",
             q ? "16B" : "8B");
    return 0x2E000000u | q << 30 | op2 << 22 | imm4 << 11 | simd_vd_vn_vm(b);
}

static uint32_t table(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t q = rng_below(&b->rng, 2), len = rng_below(&b->rng, 4), op = rng_below(&b->rng, 2);
    uint32_t op2 = simd_rarely(b) ? 1 + rng_below(&b->rng, 3) : 0;

    (void)f;
    snprintf(name, size, "%s%s %u register%s %s", op2 ? "reserved op2: " : "", op ? "TBX" : "TBL",
             len + 1, len ? "s" : "", q ? "16B" : "8B");
    return 0x0E000000u | q << 30 | op2 << 22 | len << 13 | op << 12 | simd_vd_vn_vm(b);
}

/*
 * Copy: imm5's lowest set bit gives the element size (none: reserved).
 * DUP (general) and INS (general) read a general register, SMOV and UMOV
 * write one (Q selects W or X). arg: scalar (only DUP (element) there).
 */
static uint32_t copy(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const struct {
        uint32_t op, imm4, q; /* q 2: either */
        const char *name;
    } ops[] = {{0, 0, 2, "DUP (element)"}, {0, 1, 2, "DUP (general)"}, {0, 3, 1, "INS (general)"},
               {0, 5, 2, "SMOV"},          {0, 7, 2, "UMOV"},          {1, 16, 1, "INS (element)"}};
    bool scalar = f->arg[0];
    unsigned i = scalar ? 0 : rng_below(&b->rng, 6);
    /* No DUP (general) once a store-exclusive has followed CLREX in the case: QEMU 10
     * miscompiles it when the block later overwrites the source register (docs/features.md,
     * "Where avsim and QEMU 10 differ on purpose", DUP (general) after CLREX). */
    if (i == 1 && b->exclusive_after_clrex) i = 2; /* INS (general) instead */
    uint32_t op = ops[i].op, imm4 = ops[i].imm4 & 15, sz = rng_below(&b->rng, 4);
    uint32_t q = scalar ? 1 : ops[i].q < 2 ? ops[i].q : rng_below(&b->rng, 2);
    uint32_t imm5 = (1u << sz | rng_below(&b->rng, 32) << (sz + 1)) & 31;
    const char *what = ops[i].name;

    if (ops[i].imm4 == 16) imm4 = rng_below(&b->rng, 16); /* INS (element): the source index */
    if (simd_rarely(b)) {                                 /* any op, imm4, imm5, Q */
        op = rng_below(&b->rng, 2);
        imm4 = rng_below(&b->rng, 16);
        imm5 = rng_below(&b->rng, 32);
        q = scalar ? 1 : rng_below(&b->rng, 2);
        what = NULL;
        for (unsigned j = 0; j < (scalar ? 1u : 6u); j++)
            if (ops[j].op == op && (ops[j].imm4 == imm4 || ops[j].imm4 == 16)) what = ops[j].name;
    }
    unsigned lowest = imm5 & 1 ? 0 : imm5 & 2 ? 1 : imm5 & 4 ? 2 : imm5 & 8 ? 3 : 4;
    if (what)
        snprintf(name, size, "%s%s %s Q=%u", what, scalar ? " (scalar)" : "",
                 lowest < 4 ? simd_scalar_size(lowest) : "imm5=x0000", q);
    else
        snprintf(name, size, "reserved copy%s", scalar ? " (scalar)" : "");
    uint32_t regs;
    if (op == 0 && imm4 == 1) { /* DUP (general) */
        regs = pick_src(b, true) << 5 | pick_vdst(b);
    } else if (op == 0 && imm4 == 3) {
        regs = pick_src(b, true) << 5 | pick_vdst(b);
    } else if (op == 0 && (imm4 == 5 || imm4 == 7)) {
        regs = pick_vsrc(b) << 5 | pick_dst(b, true);
    } else {
        regs = simd_vd_vn(b);
    }
    return (scalar ? 0x5E000400u : 0x0E000400u) | q << 30 | op << 29 | imm5 << 16 | imm4 << 11 |
           regs;
}

static uint32_t aes(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"AESE", "AESD", "AESMC", "AESIMC"};
    uint32_t opcode = 4 + rng_below(&b->rng, 4), sz = 0;

    (void)f;
    if (simd_rarely(b)) {
        sz = rng_below(&b->rng, 4);
        opcode = rng_below(&b->rng, 32);
    }
    if (sz == 0 && opcode >= 4 && opcode < 8)
        snprintf(name, size, "%s", names[opcode - 4]);
    else
        snprintf(name, size, "reserved AES size/opcode");
    return 0x4E280800u | sz << 22 | opcode << 12 | simd_vd_vn(b);
}

static uint32_t sha_3reg(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"SHA1C",   "SHA1P",    "SHA1M",     "SHA1SU0",
                                        "SHA256H", "SHA256H2", "SHA256SU1", NULL};
    uint32_t opcode = rng_below(&b->rng, 7), sz = 0;

    (void)f;
    if (simd_rarely(b)) {
        sz = rng_below(&b->rng, 4);
        opcode = rng_below(&b->rng, 8);
    }
    snprintf(name, size, "%s",
             sz == 0 && names[opcode] ? names[opcode] : "reserved SHA 3-register");
    return 0x5E000000u | sz << 22 | opcode << 12 | simd_vd_vn_vm(b);
}

static uint32_t sha_2reg(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"SHA1H", "SHA1SU1", "SHA256SU0"};
    uint32_t opcode = rng_below(&b->rng, 3), sz = 0;

    (void)f;
    if (simd_rarely(b)) {
        sz = rng_below(&b->rng, 4);
        opcode = rng_below(&b->rng, 32);
    }
    snprintf(name, size, "%s", sz == 0 && opcode < 3 ? names[opcode] : "reserved SHA 2-register");
    return 0x5E280800u | sz << 22 | opcode << 12 | simd_vd_vn(b);
}

/* SHA512H, SHA512H2, SHA512SU1, RAX1; O = 1 is SM3/SM4 (never generated) or reserved. */
static uint32_t sha512_3reg(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"SHA512H", "SHA512H2", "SHA512SU1", "RAX1"};
    uint32_t opcode = rng_below(&b->rng, 4), o = simd_rarely(b);

    (void)f;
    snprintf(name, size, "%s", o ? "reserved SHA512 3-register" : names[opcode]);
    return 0xCE608000u | o << 14 | opcode << 10 | simd_vd_vn_vm(b);
}

static uint32_t sha512_2reg(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t opcode = simd_rarely(b) ? 2 + rng_below(&b->rng, 2) : 0; /* 01 is SM4E */

    (void)f;
    snprintf(name, size, "%s", opcode ? "reserved SHA512 2-register" : "SHA512SU0");
    return 0xCEC08000u | opcode << 10 | simd_vd_vn(b);
}

/* EOR3, BCAX (FEAT_SHA3); Op0 = 10 is SM3SS1 (not generated), 11 reserved. */
static uint32_t crypto_4reg(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t op0 = simd_rarely(b) ? 3 : rng_below(&b->rng, 2);

    (void)f;
    snprintf(name, size, "%s", op0 == 0 ? "EOR3" : op0 == 1 ? "BCAX" : "reserved four-register");
    return 0xCE000000u | op0 << 21 | pick_vsrc(b) << 10 | simd_vd_vn_vm(b);
}

static uint32_t xar(struct builder *b, const struct form *f, char *name, size_t size)
{
    (void)f;
    snprintf(name, size, "XAR");
    return 0xCE800000u | rng_below(&b->rng, 64) << 10 | simd_vd_vn_vm(b);
}

SIMD_FORM(permute)
SIMD_FORM(ext)
SIMD_FORM(table)
SIMD_FORM(copy)
SIMD_FORM(aes)
SIMD_FORM(sha_3reg)
SIMD_FORM(sha_2reg)
SIMD_FORM(sha512_3reg)
SIMD_FORM(sha512_2reg)
SIMD_FORM(crypto_4reg)
SIMD_FORM(xar)

void forms_simd_perm_register(void)
{
    form_add(CLS, "permute", permute_form, 0, 0, 0);
    form_add(CLS, "extract", ext_form, 0, 0, 0);
    form_add(CLS, "table lookup", table_form, 0, 0, 0);
    form_add(CLS, "copy", copy_form, 0, 0, 0);
    form_add(CLS, "copy", copy_form, 0, 0, 0); /* twice: many instructions */
    form_add(CLS, "scalar copy", copy_form, 1, 0, 0);
    form_add(CLS, "crypto AES", aes_form, 0, 0, 0);
    form_add(CLS, "crypto three-register SHA", sha_3reg_form, 0, 0, 0);
    form_add(CLS, "crypto two-register SHA", sha_2reg_form, 0, 0, 0);
    form_add(CLS, "crypto three-register SHA512", sha512_3reg_form, 0, 0, 0);
    form_add(CLS, "crypto two-register SHA512", sha512_2reg_form, 0, 0, 0);
    form_add(CLS, "crypto four-register", crypto_4reg_form, 0, 0, 0);
    form_add(CLS, "crypto XAR", xar_form, 0, 0, 0);
}
