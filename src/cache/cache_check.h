/*
 * The coherence checker of -cache mode=check (docs/caches.md): a shadow copy of RAM holding the
 * value most recently written to every byte by any observer, and for every 8-byte granule the
 * write that put it there (CPU, PC, EL, attributes). Reads, fetches, invalidations and
 * write-backs are compared with it; each difference is reported once per missed write
 * (log category `cache`), with the maintenance that would have prevented it.
 */
#ifndef AVSIM_CACHE_CHECK_H
#define AVSIM_CACHE_CHECK_H

#include "cpu/cpu.h"

typedef struct cache_check cache_check_t;

/* A checker for size bytes of RAM whose initial contents (the loaded images) are ram; lines of
 * 2^line_bits bytes. */
cache_check_t *check_create(const uint8_t *ram, uint64_t size, unsigned line_bits, bool stop);
void check_destroy(cache_check_t *k);

/* A write of n bytes at RAM offset off by cpu's current instruction. */
void check_write(cache_check_t *k, const cpu_t *cpu, uint64_t off, const uint8_t *val, unsigned n,
                 uint8_t attr, uint8_t sh);
/* A write from outside the CPUs (a debugger). */
void check_write_external(cache_check_t *k, uint64_t off, const uint8_t *val, unsigned n);
/* Maintenance by VA of the line at off (DC CVAU, CVAC, CIVAC, IVAC, IC IVAU), of a CPU's whole
 * instruction cache (IC IALLU, IALLUIS): stale-execution reports say whether any came since the
 * write. */
void check_maintained(cache_check_t *k, uint64_t off);
void check_maintained_all(cache_check_t *k, unsigned cpu);
/* A read of n bytes at off that returned got. */
void check_read(cache_check_t *k, cpu_t *cpu, uint64_t va, uint64_t off, const uint8_t *got,
                unsigned n, uint8_t attr, uint8_t sh);
/* The instruction at pc (RAM offset off) was decoded from insn, fetched with attr (a MAIR
 * encoding, or -1 when no instruction cache is modelled); refill holds the 4 bytes a refill of
 * the instruction cache would get now. */
void check_exec(cache_check_t *k, cpu_t *cpu, uint64_t pc, uint64_t off, uint32_t insn, int attr,
                const uint8_t *refill);
/* An invalidation (op, e.g. "DC IVAC"; va or UINT64_MAX for set/way) discards a dirty line at
 * off holding discarded, leaving surviving visible. */
void check_discard(cache_check_t *k, cpu_t *cpu, const char *op, uint64_t va, uint64_t off,
                   const uint8_t *discarded, const uint8_t *surviving, unsigned n);
/* A write-back of a dirty line replaces memory's mem with wb. */
void check_writeback(cache_check_t *k, cpu_t *cpu, uint64_t off, const uint8_t *mem,
                     const uint8_t *wb, unsigned n);

/* Prints the summary line (stderr). */
void check_summary(const cache_check_t *k);

#endif
