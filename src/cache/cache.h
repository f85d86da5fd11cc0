/*
 * The cache model (docs/caches.md): per CPU an L1 instruction and an L1 data cache, a unified
 * L2 shared by all CPUs (the Point of Unification), memory beyond it (the Point of Coherency).
 * Physically indexed and tagged, round-robin replacement. Normal Write-Back accesses allocate
 * on read and write; Write-Through ones allocate on read and write through; Non-cacheable and
 * Device accesses go to memory without looking into the caches. The L1Ds are kept coherent by
 * snooping (a write invalidates the other copies, a read cleans another CPU's dirty copy to the
 * L2); instruction fetches fill from the L2 or memory and do not see dirty L1D data (unless
 * CTR_EL0.IDC is advertised).
 *
 * Representation: bus.ram holds the *cacheable view* of every line (the newest cached copy: a
 * dirty L1D line, else the L2 line; for uncached lines the memory value), so the data fast path
 * keeps pointing into bus.ram and only checks that the line is in its L1D (cache/cache_fast.h).
 * A second array is the memory (what Device and Non-cacheable accesses see); the L2 and the
 * L1Is hold copies of their line data; the L1Ds need none (a clean L1D line equals the L2's).
 * Images are loaded into bus.ram before cache_start, which copies them to memory.
 *
 * Interface to the rest of avsim: mmu/mem.c and mmu/vncr.c (RAM accesses), mmu/fetch.c and
 * cpu/codecache.c (instruction side), cpu/cpu.c (run-loop granularity, CPU reset),
 * sysreg/sysreg_cacheops.c (maintenance), main.c (start, summary, end).
 */
#ifndef AVSIM_CACHE_H
#define AVSIM_CACHE_H

#include "cache/cache_config.h"
#include "cpu/codecache.h"
#include "mmu/translate.h"

/* Exit status when -cache mode=check,stop=on stops at a report. */
#define CACHE_CHECK_EXIT_STATUS 4

typedef struct cache cache_t;

/* Creates the model for m->cache_cfg (nothing in mode off), after the images are loaded.
 * Returns 0, or -1 with a message in err. */
int cache_start(machine_t *m, char *err, size_t errlen);
/* At the end of a run: the checker's summary (stderr). */
void cache_finish(machine_t *m);
/* From machine_destroy (the CPUs may be gone already) and a failed cache_start. */
void cache_destroy(machine_t *m);

/* Points cpu->cache at the CPU's state (NULL in mode off); called on every CPU reset. */
void cache_cpu_attach(cpu_t *cpu);

/* The run loop's granule (cpu/cpu.c): it re-enters fetch_page whenever pc & mask changes. */
uint64_t cache_loop_mask(const cpu_t *cpu);

/* A data access of size bytes (1 to 8, within a page) to RAM with the translation's attributes;
 * a read fills *val (zero-extended). */
void cache_ram_access(cpu_t *cpu, uint64_t va, const translation_t *t, unsigned size, bool write,
                      uint64_t *val);
/* The RAM host address (in bus.ram) of the data access just made at va, from its fast-path
 * entry or the model; NULL if neither knows it (the exclusive monitor's reservation,
 * cpu/monitor.h). */
const uint8_t *cache_ram_host(const cpu_t *cpu, uint64_t va);
/* Whether the slow path may give this access's page a fast-path entry. */
bool cache_fast_allowed(const cpu_t *cpu, const translation_t *t, bool write);

/* The fetch side: the attributes of a fetch-cache entry being filled, and the entry into the
 * cache line holding pc, which makes cpu->fetch_host show the bytes of this CPU's L1I (fills
 * it if needed) and resets decoded slots that disagree with them. */
void cache_fetch_fill(cpu_t *cpu, const fetch_entry_t *e, uint8_t attr);
decoded_page_t *cache_fetch_line(cpu_t *cpu, uint64_t pc, const fetch_entry_t *e,
                                 decoded_page_t *page);
/* A slot of the current line was just decoded from insn (cpu/codecache.c). */
void cache_decoded(cpu_t *cpu, uint32_t insn);

/* Maintenance (CMO_* of cache/cache_stats.h) after translation: by PA, by set/way operand, and
 * the instruction-cache invalidations. va is the operand (for reports). */
void cache_dc_va(cpu_t *cpu, unsigned cmo, uint64_t va, uint64_t pa);
void cache_dc_setway(cpu_t *cpu, unsigned cmo, uint64_t operand);
void cache_ic_va(cpu_t *cpu, uint64_t pa);
void cache_ic_all(cpu_t *cpu, bool broadcast);

/* What PSCI firmware does before a core loses power (PSCI CPU_OFF; TF-A's core power-down
 * sequence): its L1 data cache cleaned and invalidated to the L2, its L1 instruction cache
 * invalidated, so a core powered up again finds them empty. */
void cache_cpu_power_down(cpu_t *cpu);

/* A write from outside the CPUs (a debugger) of n bytes at pa, in RAM: memory and every cached
 * copy, the instruction caches' included, take it (the checker counts it as the latest write). */
void cache_debug_write(machine_t *m, uint64_t pa, const uint8_t *buf, uint64_t n);

/* Checks the model's invariants (tests/unit/test_cache.c): the L2 holds every L1D line; a dirty
 * L1D line is the only L1D copy; the line bitmaps say what the L1Ds hold; the cacheable view is
 * memory's value for uncached lines and the L2's for lines no L1D holds dirty. Returns 0, or -1
 * with the first violation in err. */
int cache_self_check(const machine_t *m, char *err, size_t errlen);

#endif
