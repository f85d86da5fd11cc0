/* The stage 1 and stage 2 tables shared by mmu_stage2.c and mmu_at_s12.c. */
#ifndef MMU_S2_SETUP_H
#define MMU_S2_SETUP_H

#include "mmu_tables.h"

#define HCR_VM    (1ull << 0)
#define HCR_FWB   (1ull << 46)
#define WIN       0x80000000ull /* VA = IPA window */
#define PTW_VA    0xC0000000ull /* its stage 1 table sits at an IPA stage 2 does not map */
#define PTW_IPA   0x90000000ull
#define S2_WB     D_ATTR(0xF)
#define S2_NC     D_ATTR(0x5)
#define S2_FWB_WB D_ATTR(0x6)
#define S2_DEV    D_ATTR(0x0)

static volatile uint64_t data[512] __attribute__((aligned(4096)));
static volatile uint64_t data_ro[512] __attribute__((aligned(4096)));
static struct pt s1, s2;

/*
 * Stage 1 (4 KiB, 39 bits): identity blocks, and pages WIN + i * 4 KiB -> IPA WIN + i * 4 KiB
 * (page 5 read-only, page 6 Non-cacheable); PTW_VA's level 3 table at PTW_IPA.
 * Stage 2 (4 KiB, 40 bits from level 1, VMID 5): identity blocks; WIN pages: 0 data,
 * 1 data_ro read-only, 2 invalid, 3 Access flag 0, 4 Non-cacheable, 5 data, 6 MemAttr 0b0110
 * (FWB: forced write-back), 7 Device-nGnRnE.
 */
static inline void build_tables(void)
{
    uint64_t s1_attrs = D_AF | D_SH_IN, s2_attrs = D_AF | D_SH_IN | S2_RW;
    pt_init(&s1, 12, 39, -1);
    pt_identity(&s1, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    pt_identity(&s1, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | s1_attrs);
    for (unsigned i = 0; i < 8; i++) {
        uint64_t attr = i == 6 ? D_ATTR(A_NC) : D_ATTR(A_WB);
        uint64_t ro = i == 5 ? D_AP_RO : 0;
        pt_set(&s1, WIN + i * 0x1000ull, 3, (WIN + i * 0x1000ull) | D_TABLE | attr | s1_attrs | ro);
    }
    /* The level 3 table of PTW_VA at PTW_IPA (stage 2: unmapped) */
    pt_set(&s1, PTW_VA, 2, PTW_IPA | D_TABLE);

    pt_init(&s2, 12, 40, 1);
    pt_identity(&s2, 0, 0x40000000, 1, S2_DEV | D_AF | S2_RW | D_XN);
    pt_identity(&s2, RAM_BASE, 0x40000000, 1, S2_WB | s2_attrs);
    uint64_t pa = (uint64_t)(uintptr_t)data, pa_ro = (uint64_t)(uintptr_t)data_ro;
    pt_set(&s2, WIN, 3, pa | D_TABLE | S2_WB | s2_attrs);
    pt_set(&s2, WIN + 0x1000, 3, pa_ro | D_TABLE | S2_WB | (s2_attrs & ~D_AP_RO));
    pt_set(&s2, WIN + 0x2000, 3, 0);
    pt_set(&s2, WIN + 0x3000, 3, pa | D_TABLE | S2_WB | (s2_attrs & ~D_AF));
    pt_set(&s2, WIN + 0x4000, 3, pa | D_TABLE | S2_NC | s2_attrs);
    pt_set(&s2, WIN + 0x5000, 3, pa | D_TABLE | S2_WB | s2_attrs);
    pt_set(&s2, WIN + 0x6000, 3, pa | D_TABLE | S2_FWB_WB | s2_attrs);
    pt_set(&s2, WIN + 0x7000, 3, pa | D_TABLE | S2_DEV | s2_attrs);
}

static inline void enable_stage2(void)
{
    build_tables();
    s2_enable(&s2, 5);
}

static inline void el1_enable_stage1(void)
{
    el1_mmu_enable(&s1);
}

#endif
