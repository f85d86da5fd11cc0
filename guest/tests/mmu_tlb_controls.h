/*
 * An EL1 guest with an identity stage 1 (1 GiB blocks) and a stage 2 (4 KiB granule, 40-bit IPA
 * from level 1, VMID 9) that is the identity except that page_a's IPA maps to page_b's PA. With
 * HCR_EL2.VM set the guest reads page_b through page_a's address; with VM clear it reads page_a.
 * Shared by mmu_tlb_controls.c and mmu_tlb_keep.c.
 */
#ifndef MMU_TLB_CONTROLS_H
#define MMU_TLB_CONTROLS_H

#include "lower_el.h"
#include "mmu_tables.h"

#define HCR_VM (1ull << 0)
#define HCR_DC (1ull << 12)
#define MB2    0x200000ull

static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_b[512] __attribute__((aligned(4096)));
static volatile uint64_t page_c[512] __attribute__((aligned(4096)));
static volatile uint64_t el1_value;
static struct pt s1, s2;
static volatile bool el1_mmu_on;

static void el1_read_a(void)
{
    if (!el1_mmu_on) {
        el1_mmu_enable(&s1);
        el1_mmu_on = true;
    }
    el1_value = page_a[0];
}

static uint64_t s2_page(volatile uint64_t *pa)
{
    return (uint64_t)(uintptr_t)pa | D_TABLE | D_ATTR(0xF) | D_AF | D_SH_IN | S2_RW;
}

static void stage2_setup(void)
{
    uint64_t a = (uint64_t)(uintptr_t)page_a, region = a & ~(MB2 - 1);
    pt_init(&s1, 12, 39, -1);
    pt_identity(&s1, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    pt_identity(&s1, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    pt_init(&s2, 12, 40, 1);
    pt_identity(&s2, 0, 0x40000000, 1, D_ATTR(0x0) | D_AF | S2_RW | D_XN);
    pt_identity(&s2, RAM_BASE, 0x40000000, 2, D_ATTR(0xF) | D_AF | D_SH_IN | S2_RW);
    *pt_entry(&s2, region, 2) = 0;
    pt_identity(&s2, region, MB2, 3, D_ATTR(0xF) | D_AF | D_SH_IN | S2_RW);
    pt_set(&s2, a, 3, s2_page(page_b));
    s2_enable(&s2, 9);
    page_a[0] = 0xa;
    page_b[0] = 0xb;
    page_c[0] = 0xc;
    dcache_clean_inval_poc(page_a, 64);
    dcache_clean_inval_poc(page_b, 64);
    dcache_clean_inval_poc(page_c, 64);
}

/* What the EL1 guest reads at page_a's address under hcr. */
static uint64_t guest_reads(uint64_t hcr)
{
    el1_value = 0;
    dcache_clean_inval_poc(&el1_value, sizeof el1_value);
    struct lower_result r = run_at_el1(el1_read_a, hcr);
    CHECK_EQ(r.taken, 0);
    dcache_clean_inval_poc(&el1_value, sizeof el1_value);
    return el1_value;
}

#endif
