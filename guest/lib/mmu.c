/* A flat stage 1 map with 1 GiB blocks (Arm ARM D8: VMSAv8-64 translation). */
#include <stdbool.h>

#include "mmu.h"
#include "sysreg.h"

#define HCR_EL2_E2H (1ull << 34)

/* Block descriptor fields (stage 1, level 1, 4 KiB granule). */
#define DESC_BLOCK    1ull
#define DESC_ATTR(i)  ((uint64_t)(i) << 2)
#define DESC_AP1      (1ull << 6) /* EL0 access; RES1 in the EL2-only regime */
#define DESC_SH_INNER (3ull << 8)
#define DESC_AF       (1ull << 10)
#define DESC_PXN      (1ull << 53)
#define DESC_UXN_XN   (1ull << 54)
#define BLOCK_SIZE    (1ull << 30)

#define MAIR_DEVICE_NGNRNE 0x00ull /* attribute index 0 */
#define MAIR_NORMAL_WB     0xffull /* attribute index 1: inner/outer write-back, RW allocate */

/* TCR: T0SZ = 25 (39-bit VA), walks inner/outer write-back cacheable, inner shareable, TG0 4 KiB.
 */
#define TCR_T0SZ_39   25ull
#define TCR_WALK_ATTR ((1ull << 8) | (1ull << 10) | (3ull << 12))
#define TCR_EPD1      (1ull << 23)                  /* EL1 layout: no TTBR1 walks */
#define TCR_EL2_RES1  ((1ull << 31) | (1ull << 23)) /* E2H == 0 layout */

#define SCTLR_M   (1ull << 0)
#define SCTLR_A   (1ull << 1)
#define SCTLR_C   (1ull << 2)
#define SCTLR_I   (1ull << 12)
#define SCTLR_WXN (1ull << 19)

static uint64_t level1[512] __attribute__((aligned(4096)));

static void fill_table(bool el2_only_regime)
{
    uint64_t device = DESC_BLOCK | DESC_ATTR(0) | DESC_AF | DESC_UXN_XN;
    uint64_t normal = DESC_BLOCK | DESC_ATTR(1) | DESC_AF | DESC_SH_INNER;

    if (el2_only_regime)
        normal |= DESC_AP1;
    else
        device |= DESC_PXN;
    level1[0] = device;
    for (uint64_t i = 1; i < 4; i++)
        level1[i] = normal | i * BLOCK_SIZE;
    dsb(ishst);
}

static uint64_t sctlr_enabled(uint64_t sctlr)
{
    return (sctlr | SCTLR_M | SCTLR_C | SCTLR_I) & ~(SCTLR_A | SCTLR_WXN);
}

void mmu_enable_identity(void)
{
    uint64_t mair = MAIR_DEVICE_NGNRNE | MAIR_NORMAL_WB << 8;
    uint64_t tcr = TCR_T0SZ_39 | TCR_WALK_ATTR;

    if (current_el() == 2) {
        bool e2h = read_sysreg(hcr_el2) & HCR_EL2_E2H;
        fill_table(!e2h);
        write_sysreg(mair, mair_el2);
        write_sysreg(tcr | (e2h ? TCR_EPD1 : TCR_EL2_RES1), tcr_el2);
        write_sysreg((uintptr_t)level1, ttbr0_el2);
        isb();
        __asm__ volatile("tlbi alle2\n\tdsb ish\n\tisb" : : : "memory");
        write_sysreg(sctlr_enabled(read_sysreg(sctlr_el2)), sctlr_el2);
    } else {
        fill_table(false);
        write_sysreg(mair, mair_el1);
        write_sysreg(tcr | TCR_EPD1, tcr_el1);
        write_sysreg((uintptr_t)level1, ttbr0_el1);
        isb();
        __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
        write_sysreg(sctlr_enabled(read_sysreg(sctlr_el1)), sctlr_el1);
    }
    isb();
}
