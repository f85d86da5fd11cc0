/*
 * For the mmio_* tests: device registers through a Normal Non-cacheable alias (VA
 * ALIAS + PA for PA 0 - 1 GiB), where loads and stores may be unaligned, next to
 * the usual identity map (devices Device-nGnRnE, RAM Normal write-back).
 */
#ifndef MMIO_ALIAS_H
#define MMIO_ALIAS_H

#include "mmu_tables.h"

#define ALIAS         0x100000000ull
#define ALIAS_HCR_E2H (1ull << 34)
#define NO_ABORT      0x5a5a5a5a5a5a5a5aull /* a load's register when it aborted */

/* Loads and stores of 1, 2, 4 or 8 bytes at va. */
static inline uint64_t alias_load(uint64_t va, unsigned size)
{
    uint64_t v = NO_ABORT;
    switch (size) {
    case 1: __asm__ volatile("ldrb %w0, [%1]" : "+r"(v) : "r"(va) : "memory"); break;
    case 2: __asm__ volatile("ldrh %w0, [%1]" : "+r"(v) : "r"(va) : "memory"); break;
    case 4: __asm__ volatile("ldr %w0, [%1]" : "+r"(v) : "r"(va) : "memory"); break;
    default: __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory"); break;
    }
    return v;
}

static inline void alias_store(uint64_t va, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: __asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(va) : "memory"); break;
    case 2: __asm__ volatile("strh %w0, [%1]" : : "r"(v), "r"(va) : "memory"); break;
    case 4: __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(va) : "memory"); break;
    default: __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(va) : "memory"); break;
    }
}

/* Accesses to physical address pa through the Normal alias, which must not abort. */
static inline uint64_t nload(uint64_t pa, unsigned size)
{
    struct exc_frame f;
    exc_catch_begin();
    uint64_t v = alias_load(ALIAS + pa, size);
    if (!CHECK_EQ(exc_catch_end(&f), 0)) printf("load abort: ESR 0x%lx\n", (unsigned long)f.esr);
    return v;
}

static inline void nstore(uint64_t pa, unsigned size, uint64_t v)
{
    struct exc_frame f;
    exc_catch_begin();
    alias_store(ALIAS + pa, size, v);
    if (!CHECK_EQ(exc_catch_end(&f), 0)) printf("store abort: ESR 0x%lx\n", (unsigned long)f.esr);
}

/* Turns the MMU of the current regime (EL1, or EL2 with or without E2H) on with the map. */
static inline void mmio_alias_enable(void)
{
    bool el2 = current_el() == 2, e2h = el2 && (read_sysreg(hcr_el2) & ALIAS_HCR_E2H);
    uint64_t attrs = D_AF | D_SH_IN | (el2 && !e2h ? D_AP_EL0 : 0); /* AP[1] RES1 at EL2 */
    struct pt p;
    pt_reset();
    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0x08000000, 0x02000000, 2, D_ATTR(A_DEVICE) | attrs | D_XN | D_PXN);
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | attrs);
    pt_set(&p, ALIAS, 1, D_BLOCK | D_ATTR(A_NC) | attrs | D_XN | D_PXN);
    uint64_t tcr = 25 | (1ull << 8) | (1ull << 10) | (3ull << 12); /* 39-bit VA, 4 KiB, WB walks */
    if (el2 && !e2h) {
        write_sysreg(tcr | (5ull << 16) | (1ull << 31) | (1ull << 23), tcr_el2); /* PS 48 bits */
    } else {
        tcr |= (1ull << 23) | (5ull << 32) | (2ull << 30); /* EPD1, IPS 48 bits, TG1 4 KiB */
        if (el2)
            write_sysreg(tcr, tcr_el2);
        else
            write_sysreg(tcr, tcr_el1);
    }
    if (el2) {
        write_sysreg(MAIR_TEST, mair_el2);
        write_sysreg((uintptr_t)p.root, ttbr0_el2);
        isb();
        __asm__ volatile("dsb ishst\n\ttlbi alle2\n\tdsb ish\n\tisb" : : : "memory");
        write_sysreg(read_sysreg(sctlr_el2) | 0x1005, sctlr_el2); /* M, C, I */
    } else {
        write_sysreg(MAIR_TEST, mair_el1);
        write_sysreg((uintptr_t)p.root, ttbr0_el1);
        isb();
        __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
        write_sysreg(read_sysreg(sctlr_el1) | 0x1005, sctlr_el1);
    }
    isb();
}

#endif
