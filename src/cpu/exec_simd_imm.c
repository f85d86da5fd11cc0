/*
 * Advanced SIMD modified immediate (Arm ARM C4.1.95 "Advanced SIMD modified
 * immediate", AdvSIMDExpandImm): MOVI, MVNI, ORR, BIC (vector, immediate) and
 * FMOV (vector, immediate) in half (FEAT_FP16), single and double precision.
 *
 * decoded_t: rd; imm = the 64-bit pattern (already inverted for MVNI, and for
 * BIC, which is executed as an AND); extra = 64-bit halves written (1 or 2).
 */
#include "cpu/simd.h"

static void exec_movi(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    cpu->v[d->rd] = (vreg_t){.d = {d->imm, d->extra == 2 ? d->imm : 0}};
    exec_next(cpu, d);
}

static void exec_orr_imm(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    vreg_t *v = &cpu->v[d->rd];
    *v = (vreg_t){.d = {v->d[0] | d->imm, d->extra == 2 ? v->d[1] | d->imm : 0}};
    exec_next(cpu, d);
}

static void exec_and_imm(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    vreg_t *v = &cpu->v[d->rd];
    *v = (vreg_t){.d = {v->d[0] & d->imm, d->extra == 2 ? v->d[1] & d->imm : 0}};
    exec_next(cpu, d);
}

static uint64_t replicate(uint64_t value, unsigned bits)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 64; i += bits)
        r |= value << i;
    return r;
}

/* AdvSIMDExpandImm for cmode 0xxx / 10xx / 110x: imm8 shifted (with ones shifted in for 110x). */
static uint64_t expand_shifted(unsigned cmode, uint64_t imm8)
{
    switch (cmode >> 1) {
    case 0:
    case 1:
    case 2:
    case 3: return replicate(imm8 << (8 * (cmode >> 1)), 32);
    case 4:
    case 5: return replicate(imm8 << (8 * ((cmode >> 1) & 1)), 16);
    default: return replicate((cmode & 1) ? (imm8 << 16) | 0xFFFF : (imm8 << 8) | 0xFF, 32);
    }
}

/* Each bit of imm8 selects a byte of ones (MOVI, 64-bit). */
static uint64_t expand_bytes(uint64_t imm8)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        if ((imm8 >> i) & 1) r |= 0xFFull << (8 * i);
    return r;
}

/* VFPExpandImm: a:NOT(b):Replicate(b):cdefgh followed by zeros, for width bits 16, 32, 64. */
static uint64_t expand_fp(uint64_t imm8, unsigned width)
{
    unsigned exp_bits = width == 16 ? 5 : width == 32 ? 8 : 11, frac_bits = width - exp_bits - 1;
    uint64_t sign = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
    uint64_t exp =
        ((b ^ 1) << (exp_bits - 1)) | ((b ? ones(exp_bits - 3) : 0) << 2) | ((imm8 >> 4) & 3);
    uint64_t frac = (imm8 & 15) << (frac_bits - 4);
    return (sign << (width - 1)) | (exp << frac_bits) | frac;
}

static bool dec_mod_imm(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), op = bit(insn, 29), o2 = bit(insn, 11);
    unsigned cmode = bits32(insn, 15, 12);
    uint64_t imm8 = (bits32(insn, 18, 16) << 5) | bits32(insn, 9, 5);

    d->rd = (uint8_t)(insn & 31);
    d->extra = q ? 2 : 1;
    if (o2) { /* FMOV (vector, immediate), half precision */
        if (op || cmode != 15) return false;
        d->imm = replicate(expand_fp(imm8, 16), 16);
        d->fn = exec_movi;
        return true;
    }
    if (cmode == 15) { /* FMOV single, or double (op = 1, Q = 1 only) */
        if (op && !q) return false;
        d->imm = op ? expand_fp(imm8, 64) : replicate(expand_fp(imm8, 32), 32);
        d->fn = exec_movi;
        return true;
    }
    if (cmode == 14) { /* MOVI 8-bit, or 64-bit (the scalar form when Q = 0) */
        d->imm = op ? expand_bytes(imm8) : replicate(imm8, 8);
        d->fn = exec_movi;
        return true;
    }
    uint64_t imm = expand_shifted(cmode, imm8);
    bool is_orr_bic = (cmode & 1) && cmode < 12;
    d->imm = op ? ~imm : imm; /* MVNI and BIC use the inverted pattern */
    d->fn = !is_orr_bic ? exec_movi : op ? exec_and_imm : exec_orr_imm;
    return true;
}

const insn_pattern_t simd_imm_patterns[] = {
    {0x9FF80400, 0x0F000400, "AdvSIMD modified immediate", dec_mod_imm},
    PATTERN_END,
};
