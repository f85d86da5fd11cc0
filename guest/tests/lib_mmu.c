/*
 * mmu_enable_identity(): after it, code, data (RAM, Normal memory) and the
 * UART (Device memory) keep working, and the translation registers hold the
 * flat map.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static uint64_t data[64];

static uint64_t sctlr(void)
{
    return current_el() == 2 ? read_sysreg(sctlr_el2) : read_sysreg(sctlr_el1);
}

int main(void)
{
    CHECK_EQ(sctlr() & 1, 0);
    for (unsigned i = 0; i < 64; i++)
        data[i] = i * 0x0101010101010101ull;

    mmu_enable_identity();
    CHECK_EQ(sctlr() & 0x1005, 0x1005); /* M, C, I */
    for (unsigned i = 0; i < 64; i++)
        CHECK_EQ(data[i], i * 0x0101010101010101ull);

    char buf[32];
    snprintf(buf, sizeof buf, "%s %d", "mapped", 42);
    CHECK_STR(buf, "mapped 42");

    /* Stage 1 address translation of a RAM address gives back the same address. */
    uint64_t va = (uint64_t)(uintptr_t)&data[5], par;
    if (current_el() == 2)
        __asm__ volatile("at s1e2r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va));
    else
        __asm__ volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va));
    CHECK_EQ(par & 1, 0); /* PAR_EL1.F: no fault */
    CHECK_EQ(par & 0x0000fffffffff000ull, va & ~0xfffull);
    CHECK_EQ(par >> 56, 0xff); /* PAR_EL1.ATTR: MAIR attribute 1 */

    printf("MMU on at EL%u\n", current_el());
    return test_summary();
}
