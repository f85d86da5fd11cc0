/*
 * Translation set-ups of the benchmark variants (BENCH_MMU, see bench.c):
 *   0  MMU off at EL2;
 *   1  EL1 with a stage 1 identity map of 4 KiB pages (stage 2 off);
 *   2  the same under a stage 2 identity map of 4 KiB pages (VMID 1).
 * Otherwise, as by default, mmu_enable_identity() (1 GiB blocks at EL2).
 * RAM (the first 128 MiB from 0x40000000) is mapped page by page, the device
 * gigabyte below it with one block.
 */
#include "guest.h"
#include "kernels.h"

#ifndef BENCH_MMU
#define BENCH_MMU (-1)
#endif

#define RAM_BASE   0x40000000ull
#define RAM_PAGES  (128u * 256) /* 128 MiB of 4 KiB pages */
#define L3_TABLES  (RAM_PAGES / 512)
#define DESC_TABLE 3ull
#define DESC_PAGE  3ull
#define DESC_BLOCK 1ull
#define DESC_AF    (1ull << 10)
#define DESC_SH_IN (3ull << 8)
#define DESC_XN    (1ull << 54)
#define S2AP_RW    (3ull << 6)
#define HCR_VM     (1ull << 0)
#define HCR_RW     (1ull << 31)
#define SCTLR_MCI  ((1ull << 0) | (1ull << 2) | (1ull << 12))
/* 39-bit input addresses (start at level 1), 4 KiB granule, write-back inner shareable walks. */
#define TCR_4K_39   (25ull | (1ull << 8) | (1ull << 10) | (3ull << 12))
#define TCR_EPD1    (1ull << 23)
#define TCR_IPS_48  (5ull << 32)
#define VTCR_SL0_L1 (1ull << 6)
#define VTCR_PS_48  (5ull << 16)
#define VTCR_RES1   (1ull << 31)

struct tables {
    uint64_t l1[512];
    uint64_t l2[512];
    uint64_t l3[L3_TABLES][512];
};
static struct tables s1 __attribute__((aligned(4096)));
static struct tables s2 __attribute__((aligned(4096)));

/* An identity map: device_block maps 0-1 GiB, page_attrs the RAM pages. */
static void build(struct tables *t, uint64_t device_block, uint64_t page_attrs)
{
    t->l1[0] = device_block;
    t->l1[1] = (uint64_t)(uintptr_t)t->l2 | DESC_TABLE;
    for (unsigned i = 0; i < L3_TABLES; i++) {
        t->l2[i] = (uint64_t)(uintptr_t)t->l3[i] | DESC_TABLE;
        for (unsigned j = 0; j < 512; j++)
            t->l3[i][j] = (RAM_BASE + ((uint64_t)(i * 512 + j) << 12)) | page_attrs;
    }
    dsb(ishst);
}

/* Continues at EL1 (EL1h, DAIF masked) on the same stack. */
static void drop_to_el1(uint64_t hcr)
{
    write_sysreg(hcr | HCR_RW, hcr_el2);
    isb();
    __asm__ volatile("mov x0, sp\n\t"
                     "msr sp_el1, x0\n\t"
                     "adr x0, 1f\n\t"
                     "msr elr_el2, x0\n\t"
                     "mov x0, #0x3c5\n\t"
                     "msr spsr_el2, x0\n\t"
                     "eret\n"
                     "1:"
                     :
                     :
                     : "x0", "memory");
}

static void enable_stage2(void)
{
    /* MemAttr 0b1111 (Normal write-back) for RAM, 0b0000 (Device-nGnRnE) for devices. */
    build(&s2, DESC_BLOCK | S2AP_RW | DESC_AF | DESC_XN,
          DESC_PAGE | (0xFull << 2) | S2AP_RW | DESC_SH_IN | DESC_AF);
    write_sysreg(TCR_4K_39 | VTCR_SL0_L1 | VTCR_PS_48 | VTCR_RES1, vtcr_el2);
    write_sysreg((uintptr_t)s2.l1 | (1ull << 48), vttbr_el2);
    isb();
    __asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" : : : "memory");
}

static void enable_stage1_el1(void)
{
    /* Attr0 Device-nGnRnE, Attr1 Normal write-back. */
    build(&s1, DESC_BLOCK | DESC_AF | DESC_XN | (1ull << 53),
          DESC_PAGE | (1ull << 2) | DESC_SH_IN | DESC_AF);
    write_sysreg(0xff00ull, mair_el1);
    write_sysreg(TCR_4K_39 | TCR_EPD1 | TCR_IPS_48, tcr_el1);
    write_sysreg((uintptr_t)s1.l1, ttbr0_el1);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
    write_sysreg(read_sysreg(sctlr_el1) | SCTLR_MCI, sctlr_el1);
    isb();
}

void bench_mmu_setup(void)
{
    if (BENCH_MMU == 0) return;
    if (BENCH_MMU != 1 && BENCH_MMU != 2) {
        mmu_enable_identity();
        return;
    }
    if (current_el() == 2) {
        if (BENCH_MMU == 2) enable_stage2();
        drop_to_el1(BENCH_MMU == 2 ? HCR_VM : 0);
    }
    enable_stage1_el1();
}
