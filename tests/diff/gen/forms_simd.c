/* Helpers of the FP and Advanced SIMD classes (forms_simd.h). */
#include "forms_simd.h"

#include <stdio.h>
#include <stdlib.h>

struct encoding {
    uint32_t mask, value;
};

/*
 * Features of QEMU -cpu max that avsim does not advertise (avsim -cpu help;
 * docs/features.md "FP / Advanced SIMD"): UNDEFINED on avsim only.
 */
static const struct encoding not_advertised[] = {
    {0xBFE0FC00, 0x0E20EC00}, /* FEAT_FHM FMLAL (vector) */
    {0xBFE0FC00, 0x0EA0EC00}, /* FEAT_FHM FMLSL (vector) */
    {0xBFE0FC00, 0x2E20CC00}, /* FEAT_FHM FMLAL2 (vector) */
    {0xBFE0FC00, 0x2EA0CC00}, /* FEAT_FHM FMLSL2 (vector) */
    {0xBFC0F400, 0x0F800000}, /* FEAT_FHM FMLAL (by element) */
    {0xBFC0F400, 0x0F804000}, /* FEAT_FHM FMLSL (by element) */
    {0xBFC0F400, 0x2F808000}, /* FEAT_FHM FMLAL2 (by element) */
    {0xBFC0F400, 0x2F80C000}, /* FEAT_FHM FMLSL2 (by element) */
    {0xBF20E400, 0x2E00C400}, /* FEAT_FCMA FCMLA (vector) */
    {0xBF20EC00, 0x2E00E400}, /* FEAT_FCMA FCADD */
    {0xBF009400, 0x2F001000}, /* FEAT_FCMA FCMLA (by element) */
    {0xBFE0FC00, 0x0E809C00}, /* FEAT_I8MM USDOT (vector) */
    {0xFFE0FC00, 0x4E80A400}, /* FEAT_I8MM SMMLA */
    {0xFFE0FC00, 0x6E80A400}, /* FEAT_I8MM UMMLA */
    {0xFFE0FC00, 0x4E80AC00}, /* FEAT_I8MM USMMLA */
    {0xBFC0F400, 0x0F00F000}, /* FEAT_I8MM SUDOT (by element) */
    {0xBFC0F400, 0x0F80F000}, /* FEAT_I8MM USDOT (by element) */
    {0xBFE0FC00, 0x2E40FC00}, /* FEAT_BF16 BFDOT (vector) */
    {0xFFE0FC00, 0x6E40EC00}, /* FEAT_BF16 BFMMLA */
    {0xBFE0FC00, 0x2EC0FC00}, /* FEAT_BF16 BFMLALB/T (vector) */
    {0xBFFFFC00, 0x0EA16800}, /* FEAT_BF16 BFCVTN */
    {0xBFC0F400, 0x0F40F000}, /* FEAT_BF16 BFDOT (by element) */
    {0xBFC0F400, 0x0FC0F000}, /* FEAT_BF16 BFMLALB/T (by element) */
    {0xFFFFFC00, 0x1E634000}, /* FEAT_BF16 BFCVT (scalar) */
    {0xFFE0F000, 0xCE60C000}, /* FEAT_SM3 SM3PARTW1/2, FEAT_SM4 SM4EKEY */
    {0xFFFFFC00, 0xCEC08400}, /* FEAT_SM4 SM4E */
    {0xFFE08000, 0xCE400000}, /* FEAT_SM3 SM3SS1 */
    {0xFFE0C000, 0xCE408000}, /* FEAT_SM3 SM3TT1A/1B/2A/2B */
};

/*
 * Where QEMU 10 departs from the Arm ARM (docs/features.md, "Where avsim and
 * QEMU 10 differ on purpose"): unallocated FP16 encodings that abort QEMU or
 * that it executes, and its sign-extended FCVTZS (scalar, fixed-point) from
 * half precision.
 */
static const struct encoding qemu_deviations[] = {
    {0xBFFFFC00, 0x0EF9F800}, /* "FRECPX (vector, half)": QEMU assertion failure */
    {0xFFFFFC00, 0x5EF8F800}, /* "FABS (scalar two-reg misc, half)": QEMU assertion failure */
    {0xFFFFFC00, 0x7EF9F800}, /* "FSQRT (scalar two-reg misc, half)": QEMU assertion failure */
    {0xFFFFFC00, 0x7EF8F800}, /* "FNEG (scalar two-reg misc, half)": executed by QEMU */
    {0xBFF8FC00, 0x2F00FC00}, /* MOVI/FMOV op=1 cmode=1111 o2=1: executed by QEMU */
    {0xBF7FCC00, 0x0E70C800}, /* FP16 across lanes with bit 22 set: executed by QEMU */
    {0xFF7FCC00, 0x5E70C800}, /* FP16 scalar pairwise with bit 22 set: executed by QEMU */
    {0xFFF0FC00, 0x5F10FC00}, /* FCVTZS (scalar, fixed-point) Hd: QEMU sign-extends to 32 bits */
};

static bool matches(const struct encoding *e, size_t n, uint32_t w)
{
    for (size_t i = 0; i < n; i++)
        if ((w & e[i].mask) == e[i].value) return true;
    return false;
}

bool simd_not_generated(uint32_t w)
{
    return matches(not_advertised, sizeof(not_advertised) / sizeof(not_advertised[0]), w) ||
           matches(qemu_deviations, sizeof(qemu_deviations) / sizeof(qemu_deviations[0]), w);
}

void emit_simd(struct builder *b, const struct form *f, simd_encoder *enc)
{
    char name[96];
    uint32_t w;

    for (unsigned tries = 0;; tries++) {
        w = enc(b, f, name, sizeof(name));
        if (!simd_not_generated(w)) break;
        if (tries == 1000) {
            fprintf(stderr, "diffgen: internal error: form %s draws only excluded words\n",
                    f->name);
            exit(1);
        }
    }
    begin_group(b);
    emit_test(b, f->cls, name, w);
}

void simd_op_name(char *name, size_t size, const char *op, const char *group, uint32_t row,
                  uint32_t opcode, const char *arrangement)
{
    if (op)
        snprintf(name, size, "%s (%s) %s", op, group, arrangement);
    else
        snprintf(name, size, "reserved (%s) row %u opcode %02x", group, row, opcode);
}

const char *simd_arrangement(uint32_t size, uint32_t q)
{
    static const char *const names[] = {"8B", "16B", "4H", "8H", "2S", "4S", "1D", "2D"};
    return names[(size & 3) << 1 | (q & 1)];
}

const char *simd_scalar_size(uint32_t size)
{
    static const char *const names[] = {"B", "H", "S", "D"};
    return names[size & 3];
}

uint32_t simd_vd_vn_vm(struct builder *b)
{
    uint32_t sources = pick_vsrc(b) << 16 | pick_vsrc(b) << 5;
    return sources | pick_vdst(b);
}

uint32_t simd_vd_vn(struct builder *b)
{
    uint32_t source = pick_vsrc(b) << 5;
    return source | pick_vdst(b);
}

bool simd_rarely(struct builder *b)
{
    return rng_percent(&b->rng, 5);
}

const char *simd_pick_op(struct builder *b, const char *const *names, unsigned rows,
                         uint32_t allowed, uint32_t *row, uint32_t *opcode)
{
    bool any = rng_percent(&b->rng, 10);

    for (unsigned tries = 0;; tries++) {
        *row = rng_below(&b->rng, rows);
        *opcode = rng_below(&b->rng, 32);
        if (!(allowed >> *opcode & 1)) continue;
        const char *name = names[SIMD_OP(*row, *opcode)];
        if (name || any || tries > 10000) return name;
    }
}

uint32_t simd_pick_immh_immb(struct builder *b, uint32_t *immh_immb)
{
    uint32_t size = rng_below(&b->rng, 4);

    *immh_immb = 8u << size | rng_below(&b->rng, 8u << size);
    return size;
}

uint32_t simd_by_element(struct builder *b, bool scalar, uint32_t q, uint32_t u, uint32_t size,
                         uint32_t opcode)
{
    uint32_t regs = simd_vd_vn_vm(b) & ~(1u << 20); /* M (bit 20) is part of the index */

    return (scalar ? 0x5F000000u : 0x0F000000u) | q << 30 | u << 29 | size << 22 |
           rng_below(&b->rng, 4) << 20 | opcode << 12 | rng_below(&b->rng, 2) << 11 | regs;
}
