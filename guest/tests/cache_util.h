/*
 * Shared set-up of the cache tests (cache_*.c, run with avsim -cache mode=on and mode=check;
 * docs/caches.md).
 *
 * EL2 stage 1 (4 KiB granule, 39 bits): devices Device-nGnRnE; RAM Normal Non-cacheable, so
 * that the program itself (stack, globals, printf) never depends on cache maintenance when the
 * MMU goes off and on; two pages Normal Write-Back: cache_data and cache_code (executable).
 * Aliases of cache_data at ALIAS_NC (Non-cacheable) and ALIAS_WT (Write-Through).
 * Stage 2 (for EL1 guests): RAM identity with a chosen MemAttr.
 *
 * Accessors are assembler routines whose first instruction is the access, so that a test knows
 * the PC of every load, store and maintenance instruction it makes and prints what the checker
 * must report as "expect: KIND pc=PC by pc=WRITER_PC" (tests/cache/check-reports.sh compares).
 */
#ifndef CACHE_UTIL_H
#define CACHE_UTIL_H

#include "mmu_tables.h"

#define ALIAS_NC 0x80000000ull
#define ALIAS_WT 0x80001000ull

#define SCTLR_MCI ((1ull << 0) | (1ull << 2) | (1ull << 12))
#define HCR_VM_   (1ull << 0)
#define HCR_DC_   (1ull << 12)
#define HCR_FWB_  (1ull << 46)
#define S2_MEM_WB 0xFull /* stage 2 MemAttr: Normal Write-Back (as stage 1 or stronger) */
#define S2_FWB_WB 0x6ull /* with HCR_EL2.FWB: forced Write-Back */
#define S2_DEVICE 0x0ull
#define EL2_AP1   D_AP_EL0 /* AP[1]: RES1 in the EL2 regime */

static volatile uint64_t cache_data[512] __attribute__((aligned(4096)));
static volatile uint32_t cache_code[1024] __attribute__((aligned(4096)));
static struct pt cache_s1, cache_s2;

/* One line (64 bytes, the default) of cache_data per scenario: cache_line(n). */
#define LINE_WORDS 8
static inline volatile uint64_t *cache_line(unsigned n)
{
    return &cache_data[n * LINE_WORDS];
}

static inline void cache_build_s1(void)
{
    uint64_t normal = D_AF | D_SH_IN | EL2_AP1;
    uint64_t data = (uint64_t)(uintptr_t)cache_data, code = (uint64_t)(uintptr_t)cache_code;
    uint64_t region = data & ~0x1fffffull;
    pt_init(&cache_s1, 12, 39, -1);
    pt_identity(&cache_s1, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | EL2_AP1);
    /* The 2 MiB holding the two pages in 4 KiB pages, the rest of RAM in 2 MiB blocks. */
    if ((code & ~0x1fffffull) != region) {
        printf("cache_util: cache_data and cache_code in different 2 MiB regions\n");
        exit(1);
    }
    pt_identity(&cache_s1, region, 0x200000, 3, D_ATTR(A_NC) | normal);
    pt_set(&cache_s1, data, 3, data | D_TABLE | D_ATTR(A_WB) | normal | D_XN);
    pt_set(&cache_s1, code, 3, code | D_TABLE | D_ATTR(A_WB) | normal);
    for (uint64_t a = RAM_BASE; a < RAM_BASE + 0x40000000; a += 0x200000)
        if (a != region) pt_set(&cache_s1, a, 2, a | D_BLOCK | D_ATTR(A_NC) | normal);
    pt_set(&cache_s1, ALIAS_NC, 3, data | D_TABLE | D_ATTR(A_NC) | normal | D_XN);
    pt_set(&cache_s1, ALIAS_WT, 3, data | D_TABLE | D_ATTR(A_WT) | normal | D_XN);
}

/* EL2's MMU and caches on, with the tables above (built on first use, MMU off). */
static inline void cache_mmu_on(void)
{
    if (!cache_s1.root) cache_build_s1();
    write_sysreg(MAIR_TEST, mair_el2);
    /* T0SZ 25, write-back walks, inner shareable, 4 KiB, PS 48 bits, RES1 bits 23 and 31 */
    write_sysreg(25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (5ull << 16) | (1ull << 23) |
                     (1ull << 31),
                 tcr_el2);
    write_sysreg((uintptr_t)cache_s1.root, ttbr0_el2);
    isb();
    __asm__ volatile("tlbi alle2\n\tdsb ish\n\tisb" ::: "memory");
    write_sysreg(read_sysreg(sctlr_el2) | SCTLR_MCI, sctlr_el2);
    isb();
}

/* EL2's MMU and caches off: data accesses Device-nGnRnE, fetches Non-cacheable. */
static inline void cache_mmu_off(void)
{
    write_sysreg(read_sysreg(sctlr_el2) & ~SCTLR_MCI, sctlr_el2);
    isb();
}

/* Stage 2 for EL1 (4 KiB, 40 bits from level 1, VMID 1): devices Device, RAM with ram_attr. */
static inline void cache_stage2(uint64_t ram_attr)
{
    uint64_t attrs = D_AF | D_SH_IN | S2_RW;
    if (!cache_s2.root) pt_init(&cache_s2, 12, 40, 1);
    pt_identity(&cache_s2, 0, 0x40000000, 1, D_ATTR(S2_DEVICE) | attrs | D_XN);
    pt_identity(&cache_s2, RAM_BASE, 0x40000000, 1, D_ATTR(ram_attr) | attrs);
    s2_enable(&cache_s2, 1);
}

/* name_ld(p): LDR X0, [X0]; name_st(p, v): STR X1, [X0]; name_st32(p, v): STR W1, [X0]. */
#define CACHE_ACCESSORS(name)                                                                      \
    uint64_t name##_ld(const volatile void *p);                                                    \
    void name##_st(volatile void *p, uint64_t v);                                                  \
    void name##_st32(volatile void *p, uint32_t v);                                                \
    __asm__(".pushsection .text\n.balign 16\n" #name "_ld: ldr x0, [x0]\n\tret\n" #name            \
            "_st: str x1, [x0]\n\tret\n" #name "_st32: str w1, [x0]\n\tret\n.popsection")

/* name(p): one maintenance instruction on address p (or set/way operand). */
#define CACHE_OP(name, insn)                                                                       \
    void name(const volatile void *p);                                                             \
    __asm__(".pushsection .text\n.balign 16\n" #name ": " insn ", x0\n\tret\n.popsection")

CACHE_OP(c_dc_civac, "dc civac");
CACHE_OP(c_dc_cvac, "dc cvac");
CACHE_OP(c_dc_cvau, "dc cvau");
CACHE_OP(c_dc_ivac, "dc ivac");
CACHE_OP(c_ic_ivau, "ic ivau");
CACHE_OP(c_dc_isw, "dc isw");
CACHE_OP(c_dc_csw, "dc csw");
CACHE_OP(c_dc_cisw, "dc cisw");

static inline uintptr_t pc_of(const void *fn)
{
    return (uintptr_t)fn;
}

/* What the coherence checker must report (tests/cache/check-reports.sh). */
static inline void expect(const char *kind, const void *pc, const void *writer)
{
    printf("expect: %s pc=0x%lx by pc=0x%lx\n", kind, (unsigned long)pc_of(pc),
           (unsigned long)pc_of(writer));
}

/* The set/way operand of level (1-based), set and way for this CPU's CCSIDR_EL1. */
struct cache_geometry {
    unsigned line_log2, sets, ways, way_shift;
};
static inline struct cache_geometry cache_level(unsigned level)
{
    write_sysreg((uint64_t)(level - 1) << 1, csselr_el1);
    isb();
    uint64_t ccsidr = read_sysreg(ccsidr_el1);
    struct cache_geometry g = {(unsigned)(ccsidr & 7) + 4, (unsigned)((ccsidr >> 13) & 0x7fff) + 1,
                               (unsigned)((ccsidr >> 3) & 0x3ff) + 1, 32};
    unsigned a = 0;
    while ((1u << a) < g.ways)
        a++;
    g.way_shift = 32 - a;
    return g;
}

/* Every set and way of data/unified cache `level` with op (c_dc_isw / c_dc_csw / c_dc_cisw). */
static inline void cache_setway_level(unsigned level, void (*op)(const volatile void *))
{
    struct cache_geometry g = cache_level(level);
    for (unsigned way = 0; way < g.ways; way++)
        for (unsigned set = 0; set < g.sets; set++)
            op((const volatile void *)(uintptr_t)(((uint64_t)way << g.way_shift) |
                                                  ((uint64_t)set << g.line_log2) |
                                                  ((uint64_t)(level - 1) << 1)));
    dsb(sy);
}

#endif
