/*
 * Decoded-instruction cache: each 4 KiB page of RAM that is executed gets an
 * array of 1024 decoded_t slots, decoded lazily on first execution, and a 1025th
 * that ends threaded dispatch at the page's end (exec_chain, cpu.h). Stores to
 * a page holding decoded code reset the slots they overwrite; IC IALLU resets
 * every page (via a generation count), IC IVAU one cache line.
 *
 * The cache holds at most max_pages decoded pages (host memory: max_pages *
 * sizeof(decoded_page_t)). A new page beyond that evicts one chosen by the
 * CLOCK (second-chance) rule over the pages in allocation order, a page being
 * referenced when a fetch-cache miss finds it: deterministic, as it depends
 * only on the guest's instruction fetches. Eviction frees the page after
 * dropping every CPU's fetch-cache entry for it; the page's RAM then takes
 * fast-path write entries again until it is executed once more.
 */
#ifndef AVSIM_CODECACHE_H
#define AVSIM_CODECACHE_H

#include "cpu/cpu.h"

#define SLOTS_PER_PAGE (PAGE_SIZE / 4)

/* The implementation-defined bound on the host memory of decoded pages (256 MiB: 8192 pages,
 * 32 MiB of guest code); -accel tcg,tb-size=N (MiB) sets another. */
#define CODE_CACHE_DEFAULT_BYTES (256ull << 20)

typedef struct {
    decoded_t d[SLOTS_PER_PAGE + 1]; /* + the page-end sentinel */
    uint64_t gen;
    uint64_t n;      /* RAM page number */
    bool referenced; /* found by a fetch-cache miss since the CLOCK hand last passed */
} decoded_page_t;

typedef struct code_cache {
    decoded_page_t **pages; /* by RAM page number; NULL: not decoded (never executed, or evicted) */
    uint64_t npages;
    uint64_t gen;
    decoded_page_t **clock; /* the live pages, in allocation order: max_pages entries */
    uint64_t max_pages, live, hand;
} code_cache_t;

/* A cache for ram_size bytes of RAM, holding at most max_bytes of decoded pages (at least one). */
code_cache_t *code_cache_new(uint64_t ram_size, uint64_t max_bytes);
void code_cache_free(code_cache_t *cc);
/* Sets another bound, as code_cache_new's, before any page is decoded; false if out of memory. */
bool code_cache_set_max_bytes(code_cache_t *cc, uint64_t max_bytes);

/*
 * The decoded page for RAM page number n, created (all slots undecoded) on first use; NULL when out
 * of host memory. Creating a page may evict another: call it only between instructions (no CPU may
 * hold a decoded page other than through its fetch cache, which eviction updates).
 */
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
