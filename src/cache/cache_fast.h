/*
 * The data fast path with the cache model (mmu/mem.c). Its fast-path entries carry
 * CACHE_TLB_MARK in their tags: bit 11, never part of the tag mem.h's inline paths look for
 * (va & (PAGE_MASK | (size - 1))), so those miss and cost nothing more when the model is off.
 * The slow paths then look again for a marked entry, and use it for a line valid (a load) or
 * dirty, hence exclusive (a store), in this CPU's L1 data cache: one bit per RAM line says so.
 * Otherwise the access runs the model (cache/cache.c).
 */
#ifndef AVSIM_CACHE_FAST_H
#define AVSIM_CACHE_FAST_H

#include "cpu/cpu.h"

#define CACHE_TLB_MARK 0x800ull

typedef struct {
    const uint8_t *ram; /* the RAM array the fast path points into (bus.ram) */
    const uint64_t *rd; /* bit per line: valid in this CPU's L1D */
    const uint64_t *wr; /* bit per line: dirty in this CPU's L1D */
    unsigned line_bits; /* log2 of the line size */
} cache_fast_t;

/* Whether the access at host address p (in RAM, within one line) hits this CPU's L1D in a
 * state that allows it; counts the hit. Only with cpu->cache set. */
static inline bool cache_fast_hit(cpu_t *cpu, const uint8_t *p, bool write)
{
    const cache_fast_t *f = (const cache_fast_t *)(const void *)cpu->cache;
    size_t line = (size_t)(p - f->ram) >> f->line_bits;
    const uint64_t *map = write ? f->wr : f->rd;
    if (!((map[line >> 6] >> (line & 63)) & 1)) return false;
    cpu->stats.cache.l1d_hit[cpu->el]++;
    return true;
}

#endif
