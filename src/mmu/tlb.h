/*
 * Translation caches of one CPU, from the fastest to the most general:
 *
 *  - the data fast path (a TinyEMU-style addend TLB): guest VA page -> host
 *    pointer, one set per Exception level, RAM only, filled only where the
 *    access is permitted; pages holding decoded code get no write entries;
 *  - the fetch cache: guest VA page -> decoded page, one set per Exception level;
 *  - the architectural TLB: complete translations (stage 1 and stage 2
 *    combined) tagged by regime, VMID and ASID, global or not, and a
 *    stage-2-only TLB (IPA -> PA, tagged by VMID) used by stage 1 table walks.
 *
 * The first two only ever hold what the architectural TLB (or the MMU-off
 * identity) gives for the current context; they are emptied whenever that
 * context changes (translation registers, HCR_EL2, TLBI). Changing the
 * Exception level switches set, so exceptions cost nothing here. Only TLBI
 * and writes of translation controls empty the architectural TLB, so a
 * guest that forgets a TLBI keeps seeing the old translation, as on hardware.
 */
#ifndef AVSIM_TLB_H
#define AVSIM_TLB_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_BITS    8
#define TLB_ENTRIES (1u << TLB_BITS)
#define PAGE_BITS   12
#define PAGE_SIZE   (1ull << PAGE_BITS)
#define PAGE_MASK   (~(PAGE_SIZE - 1))
#define TLB_INVALID (~0ull)

#define FETCH_ENTRIES      64
#define TC_WAYS            2 /* architectural TLB: 1024 entries, 2-way set associative */
#define TC_SETS            512
#define TC_ENTRIES         (TC_WAYS * TC_SETS)
#define S2C_ENTRIES        256
#define TLB_LARGE_MAP_BITS 4096

typedef struct {
    uint64_t tag;     /* page-aligned guest VA (| low size bits, see mem.h), or TLB_INVALID */
    uintptr_t addend; /* host pointer = guest VA + addend */
} tlb_entry_t;

typedef struct {
    tlb_entry_t read[TLB_ENTRIES];
    tlb_entry_t write[TLB_ENTRIES];
} tlb_set_t;

typedef struct {
    uint64_t tag;        /* page-aligned guest VA, or TLB_INVALID */
    void *page;          /* decoded_page_t of the RAM page */
    const uint8_t *host; /* host address of the RAM page */
} fetch_entry_t;

/* Translation regimes (Arm ARM D8.1.2). */
enum { REGIME_EL10, REGIME_EL2, REGIME_EL20 };

/* Access permissions held in a TLB entry: R/W/X for EL0 (bits 0-2) and for the
 * privileged level of the regime (bits 3-5). */
enum { PERM_R = 1, PERM_W = 2, PERM_X = 4 };
#define PERM_PRIV_SHIFT 3

/*
 * One cached translation of a 4 KiB VA page (or of an IPA page in the
 * stage-2-only TLB). Larger pages and blocks are cached per 4 KiB piece;
 * s1_bits / s2_bits keep their real size for invalidation by address.
 */
typedef struct {
    uint64_t va;  /* VA >> 12 (IPA >> 12 in the stage-2 TLB), or TLB_INVALID */
    uint64_t pa;  /* PA >> 12 */
    uint64_t ipa; /* IPA >> 12: for stage 2 faults (HPFAR_EL2) */
    uint16_t asid, vmid;
    uint32_t key; /* the translation controls it was walked under (xlat_ctx_t.key) */
    uint8_t regime;
    bool ng;                    /* not global: matches only its ASID */
    bool s2;                    /* stage 2 took part */
    uint8_t s1_bits, s2_bits;   /* log2 of the stage 1 / stage 2 page or block size */
    uint8_t s1_level, s2_level; /* level of the final descriptor of each stage */
    uint8_t s1_perm, s2_perm;   /* PERM_* bits */
    uint8_t attr, sh;           /* memory attributes (MAIR encoding) and shareability, data side */
    uint8_t iattr, ish;         /* the same for instruction fetches */
} tlbe_t;

typedef struct tlb {
    tlb_set_t el[3]; /* data fast path per Exception level */
    fetch_entry_t fetch[3][FETCH_ENTRIES];
    tlbe_t tc[TC_ENTRIES];   /* architectural TLB: set s holds entries TC_WAYS * s + way */
    tlbe_t s2c[S2C_ENTRIES]; /* stage-2-only entries */
    /* Where tc may hold pieces of translations larger than 4 KiB: the sizes (bit n: 2^n bytes)
     * and a bitmap of the translations' hashed addresses (tlb_large_bit); cleared by tlb_flush. */
    uint64_t large_sizes;
    uint64_t large_map[TLB_LARGE_MAP_BITS / 64];
    unsigned tc_victim; /* way replaced next when a set is full */
} tlb_t;

/* Empties every cache, the architectural TLB included. */
void tlb_flush(tlb_t *tlb);
/* Empties the fast paths (data and fetch) only: the current context changed. */
void tlb_flush_fast(tlb_t *tlb);
/* Empties the fast-path slots where VA page va_page (VA >> 12) would be, at every EL. Every
 * fast-path entry has an architectural TLB entry for its page (translate.c empties the slots of
 * an entry it replaces), so TLBI by VA empties only the slots of the entries it drops. */
void tlb_flush_fast_page(tlb_t *tlb, uint64_t va_page);
/* Drops write entries that map host page [host, host + PAGE_SIZE). */
void tlb_flush_write_host_page(tlb_t *tlb, const uint8_t *host);
/* Drops fetch entries that point to the decoded page (which is being freed). */
void tlb_flush_fetch_page(tlb_t *tlb, const void *page);

/* The bit of tlb_t.large_map for the translation of size 2^bits holding VA page va_page (over
 * VA[55:12], as TLBI gives it). */
static inline unsigned tlb_large_bit(uint64_t va_page, unsigned bits)
{
    uint64_t block = (va_page & ((1ull << 44) - 1)) >> (bits - PAGE_BITS);
    return ((unsigned)((block * 0x9E3779B97F4A7C15ull) >> 40) + bits) & (TLB_LARGE_MAP_BITS - 1);
}

/* Whether the architectural TLB may hold a piece of a larger translation holding va_page. */
static inline bool tlb_large_may_hold(const tlb_t *tlb, uint64_t va_page)
{
    for (uint64_t sizes = tlb->large_sizes; sizes; sizes &= sizes - 1) {
        unsigned b = tlb_large_bit(va_page, (unsigned)__builtin_ctzll(sizes));
        if (tlb->large_map[b / 64] >> (b % 64) & 1) return true;
    }
    return false;
}

static inline unsigned tlb_index(uint64_t va)
{
    return (va >> PAGE_BITS) & (TLB_ENTRIES - 1);
}

#endif
