/*
 * Translation tables for the MMU tests: a small allocator and a mapper for
 * stage 1 and stage 2 tables of any granule (Arm ARM D8.3 descriptor formats).
 */
#ifndef MMU_TABLES_H
#define MMU_TABLES_H

#include "test.h"

#define D_VALID   1ull
#define D_TABLE   3ull /* table (levels 0-2) or page (level 3) */
#define D_BLOCK   1ull
#define D_ATTR(i) ((uint64_t)(i) << 2) /* stage 1 AttrIndx; stage 2 MemAttr */
#define D_AP_EL0  (1ull << 6)          /* stage 1 AP[1]; stage 2 S2AP[0] (read) */
#define D_AP_RO   (1ull << 7)          /* stage 1 AP[2]; stage 2 S2AP[1] (write) */
#define D_SH_IN   (3ull << 8)
#define D_AF      (1ull << 10)
#define D_NG      (1ull << 11)
#define D_PXN     (1ull << 53)
#define D_XN      (1ull << 54) /* UXN, or XN */
#define S2_RW     (D_AP_EL0 | D_AP_RO)

#define MAIR_TEST 0x4400aaff00ull /* 0 Device-nGnRnE, 1 WB, 2 WT, 3 -, 4 NC */
#define A_DEVICE  0
#define A_WB      1
#define A_WT      2
#define A_NC      4

#define RAM_BASE 0x40000000ull

/* T0SZ 25 (39-bit VAs), 4 KiB granule, write-back walks, EPD1, IPS 48 bits, AS (16-bit ASIDs). */
#define TCR_TEST                                                                                   \
    (25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (5ull << 32) | (1ull << 36))

struct pt {
    unsigned gran;    /* log2 of the granule: 12, 14 or 16 */
    unsigned in_bits; /* input address size */
    unsigned start;   /* start level */
    uint64_t *root;
};

/* Tables come from a pool of 64 KiB-aligned slots (a slot fits any granule's table). */
#define PT_SLOTS 24
static uint8_t pt_pool[PT_SLOTS][65536] __attribute__((aligned(65536)));
static unsigned pt_used;

static inline uint64_t *pt_alloc(unsigned bytes)
{
    if (pt_used >= PT_SLOTS) {
        printf("mmu_tables: out of tables\n");
        exit(1);
    }
    uint64_t *t = (uint64_t *)pt_pool[pt_used++];
    memset(t, 0, bytes);
    return t;
}

static inline void pt_reset(void)
{
    pt_used = 0;
}

static inline unsigned pt_stride(const struct pt *p)
{
    return p->gran - 3;
}
static inline unsigned pt_shift(const struct pt *p, unsigned level)
{
    return p->gran + (3 - level) * pt_stride(p);
}

/* A stage 1 root for in_bits of input (start level from the sizes), or a stage 2 root at
 * start level `start` (concatenated tables when in_bits needs more). */
static inline void pt_init(struct pt *p, unsigned gran, unsigned in_bits, int start)
{
    p->gran = gran;
    p->in_bits = in_bits;
    unsigned stride = gran - 3;
    p->start = start >= 0 ? (unsigned)start : 4 - (in_bits - gran + stride - 1) / stride;
    unsigned entries_log2 = in_bits - pt_shift(p, p->start);
    p->root = pt_alloc(8u << entries_log2);
}

/* Writes desc (output address included) as the level `level` entry for va, creating the
 * tables above it. */
static inline void pt_set(struct pt *p, uint64_t va, unsigned level, uint64_t desc)
{
    uint64_t *t = p->root;
    for (unsigned l = p->start;; l++) {
        unsigned shift = pt_shift(p, l);
        unsigned bits = l == p->start ? p->in_bits - shift : pt_stride(p);
        uint64_t *e = &t[(va >> shift) & ((1ull << bits) - 1)];
        if (l == level) {
            *e = desc;
            break;
        }
        if (!(*e & 1)) *e = (uint64_t)(uintptr_t)pt_alloc(1u << p->gran) | D_TABLE;
        t = (uint64_t *)(uintptr_t)(*e & 0x0000fffffffff000ull & ~((1ull << p->gran) - 1));
    }
    dsb(ishst);
}

/* The entry for va at level (which must exist). */
static inline uint64_t *pt_entry(struct pt *p, uint64_t va, unsigned level)
{
    uint64_t *t = p->root;
    for (unsigned l = p->start;; l++) {
        unsigned shift = pt_shift(p, l);
        unsigned bits = l == p->start ? p->in_bits - shift : pt_stride(p);
        uint64_t *e = &t[(va >> shift) & ((1ull << bits) - 1)];
        if (l == level) return e;
        t = (uint64_t *)(uintptr_t)(*e & 0x0000fffffffff000ull & ~((1ull << p->gran) - 1));
    }
}

/* Identity blocks (or pages) of the largest size at `level` over [base, base + size). */
static inline void pt_identity(struct pt *p, uint64_t base, uint64_t size, unsigned level,
                               uint64_t attrs)
{
    uint64_t step = 1ull << pt_shift(p, level);
    for (uint64_t a = base & ~(step - 1); a < base + size; a += step)
        pt_set(p, a, level, a | attrs | (level == 3 ? D_TABLE : D_BLOCK));
}

/* TCR TG0 encodings. */
static inline uint64_t tg0_bits(unsigned gran)
{
    return gran == 16 ? 1 : gran == 14 ? 2 : 0;
}
static inline uint64_t tg1_bits(unsigned gran)
{
    return gran == 16 ? 3 : gran == 14 ? 1 : 2;
}

/* ESR fields printed by the tests: EC and ISS. */
static inline void print_abort(const char *what, const struct exc_frame *f, uint64_t va)
{
    printf("%s: EC 0x%02x ISS 0x%07lx FAR %s\n", what, (unsigned)ESR_EC(f->esr),
           (unsigned long)ESR_ISS(f->esr), f->far == va ? "ok" : "WRONG");
}

/* At EL1: stage 1 of the EL1&0 regime on, with root p (4 KiB, 39-bit VA, IPS 40 bits, EPD1,
 * MAIR_TEST), after TLBI VMALLE1; SCTLR_EL1.M, C and I set. */
static inline void el1_mmu_enable(const struct pt *p)
{
    write_sysreg(MAIR_TEST, mair_el1);
    /* T0SZ 25 (39 bits), 4 KiB, write-back walks, EPD1, IPS 40 bits */
    write_sysreg(25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (2ull << 32),
                 tcr_el1);
    write_sysreg((uintptr_t)p->root, ttbr0_el1);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
    write_sysreg(read_sysreg(sctlr_el1) | 0x1005, sctlr_el1);
    isb();
}

/* At EL2: stage 2 with root p (4 KiB, T0SZ 24: 40-bit IPA from level 1, write-back walks, PS
 * 48 bits) for VMID vmid, after TLBI VMALLS12E1. */
static inline void s2_enable(const struct pt *p, uint64_t vmid)
{
    write_sysreg(24 | (1ull << 6) | (1ull << 8) | (1ull << 10) | (3ull << 12) | (5ull << 16) |
                     (1ull << 31),
                 vtcr_el2);
    write_sysreg((uintptr_t)p->root | (vmid << 48), vttbr_el2);
    isb();
    __asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" : : : "memory");
}

/* Turns on stage 1 of EL1&0 (SCTLR_EL1 M, C, I) with MAIR_TEST, TCR_TEST and root table p for
 * asid in TTBR0_EL1, after emptying this CPU's TLB. */
static inline void pt_enable_el1(const struct pt *p, uint64_t asid)
{
    write_sysreg(MAIR_TEST, mair_el1);
    write_sysreg(TCR_TEST, tcr_el1);
    write_sysreg((uintptr_t)p->root | (asid << 48), ttbr0_el1);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
    write_sysreg(read_sysreg(sctlr_el1) | 0x1005, sctlr_el1);
    isb();
}

#endif
