/*
 * Decoded-instruction cache: each 4 KiB page of RAM that is executed gets an
 * array of 1024 decoded_t slots, decoded lazily on first execution. Stores to
 * a page holding decoded code reset the slots they overwrite; IC IALLU resets
 * every page (via a generation count), IC IVAU one cache line.
 */
#ifndef AVSIM_CODECACHE_H
#define AVSIM_CODECACHE_H

#include "cpu/cpu.h"

#define SLOTS_PER_PAGE (PAGE_SIZE / 4)

typedef struct {
    decoded_t d[SLOTS_PER_PAGE];
    uint64_t gen;
} decoded_page_t;

typedef struct code_cache {
    decoded_page_t **pages; /* by RAM page number; NULL: never executed */
    uint64_t npages;
    uint64_t gen;
} code_cache_t;

code_cache_t *code_cache_new(uint64_t ram_size);
void code_cache_free(code_cache_t *cc);

/* The decoded page for RAM page number n, created (all slots undecoded) on first use. */
decoded_page_t *code_cache_page(machine_t *m, uint64_t n);

static inline bool code_cache_is_code(const code_cache_t *cc, uint64_t n)
{
    return n < cc->npages && cc->pages[n] != NULL;
}

/* Resets the slots overlapping RAM bytes [off, off + size). */
void code_cache_invalidate(code_cache_t *cc, uint64_t ram_off, uint64_t size);
void code_cache_invalidate_all(code_cache_t *cc);

/* The undecoded-slot handler: decodes the instruction at cpu->pc, then runs it. */
void exec_decode_slot(cpu_t *cpu, const decoded_t *d);

#endif
