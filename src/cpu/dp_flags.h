/*
 * NZCV arithmetic shared by the data-processing classes (exec_dp_imm.c,
 * exec_dp_reg.c), following the Arm ARM's AddWithCarry(): subtraction is
 * AddWithCarry(a, NOT(b), 1), so C is "no borrow" and V signed overflow.
 */
#ifndef AVSIM_DP_FLAGS_H
#define AVSIM_DP_FLAGS_H

#include "cpu/cpu.h"

static inline uint32_t nzcv_pack64(uint64_t r, bool c, bool v)
{
    return ((uint32_t)(r >> 32) & NZCV_N) | (r == 0 ? NZCV_Z : 0) | (c ? NZCV_C : 0) |
           (v ? NZCV_V : 0);
}
static inline uint32_t nzcv_pack32(uint32_t r, bool c, bool v)
{
    return (r & NZCV_N) | (r == 0 ? NZCV_Z : 0) | (c ? NZCV_C : 0) | (v ? NZCV_V : 0);
}

/* ADDS: AddWithCarry(a, b, 0). */
static inline uint64_t adds64(cpu_t *cpu, uint64_t a, uint64_t b)
{
    uint64_t r;
    int64_t signed_r;
    bool c = __builtin_add_overflow(a, b, &r);
    bool v = __builtin_add_overflow((int64_t)a, (int64_t)b, &signed_r);
    cpu->nzcv = nzcv_pack64(r, c, v);
    return r;
}
static inline uint32_t adds32(cpu_t *cpu, uint32_t a, uint32_t b)
{
    uint32_t r;
    int32_t signed_r;
    bool c = __builtin_add_overflow(a, b, &r);
    bool v = __builtin_add_overflow((int32_t)a, (int32_t)b, &signed_r);
    cpu->nzcv = nzcv_pack32(r, c, v);
    return r;
}

/* SUBS: AddWithCarry(a, NOT(b), 1). */
static inline uint64_t subs64(cpu_t *cpu, uint64_t a, uint64_t b)
{
    uint64_t r;
    int64_t signed_r;
    bool borrow = __builtin_sub_overflow(a, b, &r);
    bool v = __builtin_sub_overflow((int64_t)a, (int64_t)b, &signed_r);
    cpu->nzcv = nzcv_pack64(r, !borrow, v);
    return r;
}
static inline uint32_t subs32(cpu_t *cpu, uint32_t a, uint32_t b)
{
    uint32_t r;
    int32_t signed_r;
    bool borrow = __builtin_sub_overflow(a, b, &r);
    bool v = __builtin_sub_overflow((int32_t)a, (int32_t)b, &signed_r);
    cpu->nzcv = nzcv_pack32(r, !borrow, v);
    return r;
}

/* AddWithCarry(a, b, carry_in) in general (ADCS, SBCS). */
static inline uint64_t add_with_carry64(cpu_t *cpu, uint64_t a, uint64_t b, unsigned carry_in)
{
    uint64_t sum, r;
    bool c = __builtin_add_overflow(a, b, &sum);
    c |= __builtin_add_overflow(sum, (uint64_t)carry_in, &r);
    cpu->nzcv = nzcv_pack64(r, c, ((a ^ r) & (b ^ r)) >> 63); /* operands agree in sign, r not */
    return r;
}
static inline uint32_t add_with_carry32(cpu_t *cpu, uint32_t a, uint32_t b, unsigned carry_in)
{
    uint64_t wide = (uint64_t)a + b + carry_in;
    uint32_t r = (uint32_t)wide;
    cpu->nzcv = nzcv_pack32(r, wide >> 32, ((a ^ r) & (b ^ r)) >> 31);
    return r;
}

/* Flags of the logical flag-setting forms (ANDS, BICS): N and Z from the result, C = V = 0. */
static inline void set_nzcv_logical64(cpu_t *cpu, uint64_t r)
{
    cpu->nzcv = nzcv_pack64(r, 0, 0);
}
static inline void set_nzcv_logical32(cpu_t *cpu, uint32_t r)
{
    cpu->nzcv = nzcv_pack32(r, 0, 0);
}

static inline unsigned carry_flag(const cpu_t *cpu)
{
    return (cpu->nzcv >> 29) & 1;
}

/*
 * Conditions as 16-bit truth tables: bit i is set when the condition holds
 * for NZCV = i. Built at decode time, tested with cond_mask_holds().
 */
static inline uint16_t cond_mask(unsigned cond)
{
    uint16_t mask = 0;
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++)
        if (cond_holds(nzcv << 28, cond)) mask |= (uint16_t)(1u << nzcv);
    return mask;
}
static inline bool cond_mask_holds(const cpu_t *cpu, uint16_t mask)
{
    return (mask >> ((cpu->nzcv >> 28) & 15)) & 1;
}

static inline uint64_t ror64(uint64_t v, unsigned n)
{
    return (v >> n) | (v << ((64 - n) & 63));
}
static inline uint32_t ror32(uint32_t v, unsigned n)
{
    return (v >> n) | (v << ((32 - n) & 31));
}

#endif
