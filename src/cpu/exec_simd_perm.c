/*
 * Advanced SIMD permute, extract and table lookup (Arm ARM C4.1.95 "Advanced
 * SIMD permute", "Advanced SIMD extract", "Advanced SIMD table lookup"):
 * UZP1/2, TRN1/2, ZIP1/2, EXT, and TBL/TBX with one to four table registers.
 *
 * decoded_t: rd, rn, rm; shift = element size; extra = elements (bytes for EXT,
 * TBL, TBX); imm: EXT: the first byte taken; TBL/TBX: table registers;
 * op: UZP/TRN/ZIP: 1 for the "2" forms; TBX: 1.
 */
#include <string.h>

#include "cpu/simd.h"

#define PERMUTE_PROLOGUE                                                                           \
    if (!fp_access_ok(cpu)) return;                                                                \
    const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm];                                             \
    vreg_t r = {0};                                                                                \
    const unsigned half = d->extra / 2, part = d->op

/* UZP1/2: the even (odd) lanes of Vn followed by those of Vm. */
static void exec_uzp(cpu_t *cpu, const decoded_t *d)
{
    PERMUTE_PROLOGUE;
    SIMD_FOR_EACH_SIZE(d->shift, {
        for (unsigned i = 0; i < half; i++) {
            lane_set(&r, SZ, i, lane_get(&n, SZ, 2 * i + part));
            lane_set(&r, SZ, half + i, lane_get(&m, SZ, 2 * i + part));
        }
    })
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* TRN1/2: the even (odd) lanes of Vn and Vm interleaved. */
static void exec_trn(cpu_t *cpu, const decoded_t *d)
{
    PERMUTE_PROLOGUE;
    SIMD_FOR_EACH_SIZE(d->shift, {
        for (unsigned i = 0; i < half; i++) {
            lane_set(&r, SZ, 2 * i, lane_get(&n, SZ, 2 * i + part));
            lane_set(&r, SZ, 2 * i + 1, lane_get(&m, SZ, 2 * i + part));
        }
    })
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* ZIP1/2: the low (high) halves of Vn and Vm interleaved. */
static void exec_zip(cpu_t *cpu, const decoded_t *d)
{
    PERMUTE_PROLOGUE;
    SIMD_FOR_EACH_SIZE(d->shift, {
        for (unsigned i = 0; i < half; i++) {
            lane_set(&r, SZ, 2 * i, lane_get(&n, SZ, part * half + i));
            lane_set(&r, SZ, 2 * i + 1, lane_get(&m, SZ, part * half + i));
        }
    })
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_permute(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[4] = {NULL, exec_uzp, exec_trn, exec_zip};
    bool q = bit(insn, 30);
    unsigned size = bits32(insn, 23, 22), opc = bits32(insn, 14, 12);

    if (!fns[opc & 3] || (size == 3 && !q)) return false;
    d->fn = fns[opc & 3];
    d->op = (uint8_t)(opc >> 2);
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->shift = (uint8_t)size;
    d->extra = (uint16_t)simd_elements(q, size);
    return true;
}

/* EXT: bytes imm.. of the concatenation Vm:Vn (Vn lowest), as many as the vector holds. */
static void exec_ext(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    uint8_t both[32];
    vreg_t r = {0};
    memcpy(both, cpu->v[d->rn].b, d->extra);
    memcpy(both + d->extra, cpu->v[d->rm].b, d->extra);
    memcpy(r.b, both + d->imm, d->extra);
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_ext(decoded_t *d, uint32_t insn)
{
    bool q = bit(insn, 30);
    unsigned imm4 = bits32(insn, 14, 11);

    if (bits32(insn, 23, 22) != 0 || (!q && imm4 >= 8)) return false;
    d->fn = exec_ext;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->imm = imm4;
    d->extra = (uint16_t)(8u << q);
    return true;
}

/* TBL/TBX: each byte of Vm indexes the table Vn, Vn+1, ... (register numbers wrap at 32);
 * an index past the table gives 0 (TBL) or keeps Vd's byte (TBX). */
static void exec_table_lookup(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    uint8_t table[64];
    const vreg_t idx = cpu->v[d->rm], old = cpu->v[d->rd];
    vreg_t r = {0};
    unsigned table_bytes = 16 * (unsigned)d->imm;
    for (unsigned t = 0; t < d->imm; t++)
        memcpy(table + 16 * t, cpu->v[(d->rn + t) % 32].b, 16);
    for (unsigned i = 0; i < d->extra; i++)
        r.b[i] = idx.b[i] < table_bytes ? table[idx.b[i]] : d->op ? old.b[i] : 0;
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_table_lookup(decoded_t *d, uint32_t insn)
{
    if (bits32(insn, 23, 22) != 0) return false;
    d->fn = exec_table_lookup;
    d->op = (uint8_t)bit(insn, 12);
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->imm = bits32(insn, 14, 13) + 1;
    d->extra = (uint16_t)(8u << bit(insn, 30));
    return true;
}

const insn_pattern_t simd_perm_patterns[] = {
    {0xBF208C00, 0x0E000800, "AdvSIMD permute", dec_permute},
    {0xBF208400, 0x2E000000, "AdvSIMD extract", dec_ext},
    {0xBF208C00, 0x0E000000, "AdvSIMD table lookup", dec_table_lookup},
    PATTERN_END,
};
