/*
 * Alignment checking: with the MMU on (Normal memory) an unaligned load
 * completes; with SCTLR_ELx.A set it takes an Alignment fault (DFSC 0x21).
 * (Exclusives fault whatever SCTLR.A says: isa_atomic, with the MMU off.)
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static uint8_t buf[64] __attribute__((aligned(16)));

static uint64_t sctlr(void)
{
    return current_el() == 2 ? read_sysreg(sctlr_el2) : read_sysreg(sctlr_el1);
}

static void set_sctlr(uint64_t v)
{
    if (current_el() == 2)
        write_sysreg(v, sctlr_el2);
    else
        write_sysreg(v, sctlr_el1);
    isb();
}

static uint64_t load_unaligned(const uint8_t *p)
{
    uint64_t v;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

int main(void)
{
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)i;
    mmu_enable_identity();
    CHECK_EQ(load_unaligned(buf + 3), 0x0a09080706050403ull);

    struct exc_frame f;
    set_sctlr(sctlr() | 2); /* A */
    exc_catch_begin();
    (void)load_unaligned(buf + 3);
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(f.far, (uint64_t)(buf + 3));
    printf("SCTLR.A: EC=0x%02x ISS=0x%x\n", (unsigned)ESR_EC(f.esr), (unsigned)ESR_ISS(f.esr));
    set_sctlr(sctlr() & ~2ull);

    return test_summary();
}
