/*
 * SP alignment checking (SCTLR_ELx.SA): a load based on a misaligned SP takes
 * an SP alignment fault (EC 0x26) before any access; with SA clear it completes.
 *
 * guest-test-variant: el1 virt,gic-version=3
 * guest-test-qemu: skip (QEMU 10 does not implement SP alignment checking)
 */
#include "test.h"

static uint64_t sctlr_get(void)
{
    return current_el() == 2 ? read_sysreg(sctlr_el2) : read_sysreg(sctlr_el1);
}
static void sctlr_set(uint64_t v)
{
    if (current_el() == 2)
        write_sysreg(v, sctlr_el2);
    else
        write_sysreg(v, sctlr_el1);
    isb();
}

static uint64_t slots[4] __attribute__((aligned(16)));

/* Loads [SP] with SP = SP_EL0 = slots + 8 (8-byte aligned, not 16): the exception, if any,
 * is taken on SP_ELx, which stays aligned. Returns the value (0x5a when it faulted). */
static uint64_t load_via_odd_sp(void)
{
    uint64_t v = 0x5a;
    __asm__ volatile("msr sp_el0, %1\n\t"
                     "msr spsel, #0\n\t"
                     "ldr %0, [sp]\n\t"
                     "msr spsel, #1"
                     : "+r"(v)
                     : "r"(&slots[1])
                     : "memory");
    return v;
}

int main(void)
{
    uint64_t s = sctlr_get();
    sctlr_set(s & ~(1ull << 3));
    CHECK_EQ(load_via_odd_sp(), 0);

    struct exc_frame f;
    sctlr_set(s | (1ull << 3));
    exc_catch_begin();
    uint64_t v = load_via_odd_sp();
    CHECK_EQ(exc_catch_end(&f), 1);
    sctlr_set(s);
    CHECK_EQ(v, 0x5a);
    CHECK_EQ(ESR_EC(f.esr), EC_SP_ALIGN);
    CHECK_EQ(ESR_ISS(f.esr), 0);
    return test_summary();
}
