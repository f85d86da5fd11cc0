/*
 * NZCV arithmetic shared by the data-processing classes (exec_dp_imm.c,
 * exec_dp_reg.c). Subtraction is AddWithCarry(a, NOT(b), 1), as in the Arm ARM.
 */
#ifndef AVSIM_DP_FLAGS_H
#define AVSIM_DP_FLAGS_H

#include "cpu/cpu.h"

/* AddWithCarry(a, b, carry_in) on 64 bits: returns the sum and sets NZCV. */
static inline uint64_t add_with_carry64(cpu_t *cpu, uint64_t a, uint64_t b, unsigned carry_in)
{
    unsigned __int128 wide = (unsigned __int128)a + b + carry_in;
    uint64_t r = (uint64_t)wide;
    uint32_t carry = (uint32_t)(wide >> 64);
    uint32_t overflow = (uint32_t)(((a ^ r) & (b ^ r)) >> 63); /* operands agree in sign, r not */
    cpu->nzcv =
        ((uint32_t)(r >> 32) & NZCV_N) | (r == 0 ? NZCV_Z : 0) | carry << 29 | overflow << 28;
    return r;
}

/* AddWithCarry on 32 bits. */
static inline uint32_t add_with_carry32(cpu_t *cpu, uint32_t a, uint32_t b, unsigned carry_in)
{
    uint64_t wide = (uint64_t)a + b + carry_in;
    uint32_t r = (uint32_t)wide;
    uint32_t carry = (uint32_t)(wide >> 32);
    uint32_t overflow = ((a ^ r) & (b ^ r)) >> 31;
    cpu->nzcv = (r & NZCV_N) | (r == 0 ? NZCV_Z : 0) | carry << 29 | overflow << 28;
    return r;
}

/* Flags of the logical flag-setting forms (ANDS, BICS): N and Z from the result, C = V = 0. */
static inline void set_nzcv_logical64(cpu_t *cpu, uint64_t r)
{
    cpu->nzcv = ((uint32_t)(r >> 32) & NZCV_N) | (r == 0 ? NZCV_Z : 0);
}
static inline void set_nzcv_logical32(cpu_t *cpu, uint32_t r)
{
    cpu->nzcv = (r & NZCV_N) | (r == 0 ? NZCV_Z : 0);
}

static inline unsigned carry_flag(const cpu_t *cpu)
{
    return (cpu->nzcv >> 29) & 1;
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
