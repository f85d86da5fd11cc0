/*
 * An Alignment fault on an atomic read-modify-write reports WnR = 0: a read of
 * the address would raise the same fault (Arm ARM, ESR_ELx.ISS.WnR); a
 * store-release reports WnR = 1.
 *
 * guest-test-qemu: skip (QEMU 10 reports WnR = 1 for some atomics and 0 for others)
 */
#include "test.h"

static uint64_t mem[4] __attribute__((aligned(64)));

int main(void)
{
    struct exc_frame f;
    uint64_t v = 1, m = (uint64_t)mem;
#define WNR(insn, addr, want)                                                                      \
    do {                                                                                           \
        exc_catch_begin();                                                                         \
        __asm__ volatile(insn : "+r"(v) : "r"(addr) : "x0", "x1", "x2", "x3", "memory");           \
        CHECK_EQ(exc_catch_end(&f), 1);                                                            \
        CHECK_EQ(ESR_ISS(f.esr), 0x21 | ((want) << 6));                                            \
    } while (0)
    WNR("ldaddh %w0, %w0, [%1]", m + 1, 0);
    WNR("swp %x0, %x0, [%1]", m + 4, 0);
    WNR("stclr %w0, [%1]", m + 6, 0);
    WNR("cas %x0, %x0, [%1]", m + 4, 0);
    WNR("casp x0, x1, x2, x3, [%1]", m + 8, 0);
    WNR("stlrh %w0, [%1]", m + 3, 1);
    CHECK_EQ(mem[0] | mem[1] | mem[2], 0);
    return test_summary();
}
