/*
 * Advanced SIMD copy, vector and scalar (Arm ARM C4.1.95 "Advanced SIMD copy",
 * "Advanced SIMD scalar copy"): DUP (element, general), INS (element, general),
 * UMOV, SMOV, and the scalar DUP (element) (MOV Vd, Vn.T[i]).
 *
 * decoded_t: rd, rn (general registers resolved to REG_ZR / REG_SINK);
 * shift = element size; extra = elements written by DUP; imm = source index
 * (DUP, UMOV, SMOV, INS element); amount = destination index (INS); sf: SMOV to
 * an X register.
 */
#include "cpu/simd.h"

static void exec_dup_element(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    uint64_t value = lane_get(&cpu->v[d->rn], d->shift, (unsigned)d->imm);
    vreg_t r = {0};
    for (unsigned i = 0; i < d->extra; i++)
        lane_set(&r, d->shift, i, value);
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static void exec_dup_general(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    uint64_t value = cpu->x[d->rn];
    vreg_t r = {0};
    for (unsigned i = 0; i < d->extra; i++)
        lane_set(&r, d->shift, i, value);
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static void exec_ins_general(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    lane_set(&cpu->v[d->rd], d->shift, d->amount, cpu->x[d->rn]);
    exec_next(cpu, d);
}

static void exec_ins_element(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    lane_set(&cpu->v[d->rd], d->shift, d->amount,
             lane_get(&cpu->v[d->rn], d->shift, (unsigned)d->imm));
    exec_next(cpu, d);
}

static void exec_umov(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    cpu->x[d->rd] = lane_get(&cpu->v[d->rn], d->shift, (unsigned)d->imm);
    exec_next(cpu, d);
}

static void exec_smov(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    int64_t value = lane_get_s(&cpu->v[d->rn], d->shift, (unsigned)d->imm);
    cpu->x[d->rd] = d->sf ? (uint64_t)value : (uint32_t)value;
    exec_next(cpu, d);
}

static bool dec_copy(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30), op = bit(insn, 29), scalar = bit(insn, 28);
    unsigned imm5 = bits32(insn, 20, 16), imm4 = bits32(insn, 14, 11);
    unsigned rd = insn & 31, rn = bits32(insn, 9, 5);

    if ((imm5 & 15) == 0) return false;
    unsigned size = (unsigned)__builtin_ctz(imm5);
    d->shift = (uint8_t)size;
    d->imm = imm5 >> (size + 1);
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    if (scalar) { /* DUP (element), scalar: one element, the rest zero */
        if (op || imm4 != 0) return false;
        d->fn = exec_dup_element;
        d->extra = 1;
        return true;
    }
    if (op) { /* INS (element) */
        if (!q) return false;
        d->fn = exec_ins_element;
        d->amount = (uint8_t)d->imm;
        d->imm = imm4 >> size;
        return true;
    }
    switch (imm4) {
    case 0: /* DUP (element) */
    case 1: /* DUP (general) */
        if (size == 3 && !q) return false;
        d->fn = imm4 ? exec_dup_general : exec_dup_element;
        if (imm4) d->rn = reg_r_zr(rn);
        d->extra = (uint16_t)simd_elements(q, size);
        return true;
    case 3: /* INS (general) */
        if (!q) return false;
        d->fn = exec_ins_general;
        d->rn = reg_r_zr(rn);
        d->amount = (uint8_t)d->imm;
        return true;
    case 5: /* SMOV: to W from B/H, to X from B/H/S */
        if (size >= (q ? 3u : 2u)) return false;
        d->fn = exec_smov;
        d->sf = q;
        d->rd = reg_w_zr(rd);
        return true;
    case 7: /* UMOV: to W from B/H/S, to X from D only */
        if (q ? size != 3 : size == 3) return false;
        d->fn = exec_umov;
        d->rd = reg_w_zr(rd);
        return true;
    default: return false;
    }
}

const insn_pattern_t simd_copy_patterns[] = {
    {0x9FE08400, 0x0E000400, "AdvSIMD copy", dec_copy},
    {0xDFE08400, 0x5E000400, "AdvSIMD scalar copy", dec_copy},
    PATTERN_END,
};
