/*
 * Cache-model counters of one CPU, by the Exception level the CPU was at (cache/cache.c);
 * part of cpu_stats_t, printed by `-d stats`. Only uint64_t fields: trace/stats.c sums
 * them as an array.
 */
#ifndef AVSIM_CACHE_STATS_H
#define AVSIM_CACHE_STATS_H

#include <stdint.h>

/* Maintenance operations, as counted (a DC IVAC performed as DC CIVAC counts as DC CIVAC). */
enum {
    CMO_DC_IVAC,
    CMO_DC_CVAC,
    CMO_DC_CVAU,
    CMO_DC_CIVAC,
    CMO_DC_ISW,
    CMO_DC_CSW,
    CMO_DC_CISW,
    CMO_DC_ZVA,
    CMO_IC_IVAU,
    CMO_IC_IALLU,
    CMO_IC_IALLUIS,
    CMO_KINDS
};

typedef struct {
    uint64_t l1d_hit[3], l1d_miss[3]; /* cacheable data accesses, per line touched */
    uint64_t l1i_hit[3], l1i_miss[3]; /* instruction fetches, per cache line entered */
    uint64_t l2_hit[3], l2_miss[3];   /* lookups made by L1 misses */
    uint64_t l1d_writeback[3];        /* dirty L1D lines written to L2 */
    uint64_t l2_writeback[3];         /* dirty L2 lines written to memory */
    uint64_t l1d_evict[3], l1i_evict[3], l2_evict[3]; /* valid lines replaced */
    uint64_t snoop[3];          /* other CPUs' L1D lines cleaned or invalidated for coherence */
    uint64_t uncached[3];       /* Device and Non-cacheable RAM accesses (straight to memory) */
    uint64_t cmo[CMO_KINDS][3]; /* maintenance operations executed */
    uint64_t cmo_lines[CMO_KINDS][3]; /* valid lines they cleaned, invalidated or zeroed */
} cache_stats_t;

/* Prints the non-zero counters, one line each, prefixed by who ("cpu0", "all"). */
void cache_stats_print(const char *who, const cache_stats_t *s);

#endif
