/*
 * Self-modifying code (Arm ARM B2.7.4.2; caches-and-attributes.md §7.2, hazard H3), with the
 * instruction cache modelled (-cache mode=on, CTR_EL0.IDC = DIC = 0): a routine executed once,
 * then rewritten by a Write-Back store, runs its old instruction
 *  - with no maintenance (the instruction cache hits its old line),
 *  - with IC IVAU only (the refill comes from the L2, the Point of Unification, which the new
 *    instruction, still dirty in the L1D, has not reached),
 *  - with DC CVAU only (the instruction cache still hits its old line),
 * and its new one with DC CVAU + DSB + IC IVAU + DSB + ISB. The checker reports each stale
 * execution once (the PC of the instruction and of the store it missed), the corrected one not.
 * What CTR_EL0 advertises is honoured: with IDC = 1 (-cache idc=on) the refill sees the data
 * cache, so IC IVAU alone suffices; with DIC = 1 (dic=on) no maintenance is needed at all.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -cache mode=check
 * guest-test-variant: idc virt,virtualization=on,gic-version=3 -cache mode=on,idc=on
 * guest-test-variant: dic virt,virtualization=on,gic-version=3 -cache mode=on,idc=on,dic=on
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

#define INSN_MOVZ_X0 0xd2800000u /* MOVZ X0, #imm16 */
#define INSN_RET     0xd65f03c0u

CACHE_ACCESSORS(none);
CACHE_ACCESSORS(icache);
CACHE_ACCESSORS(dcache);
CACHE_ACCESSORS(both);

/* The routine of scenario n: one cache line of cache_code each. */
static volatile uint32_t *routine(unsigned n)
{
    return &cache_code[n * 16];
}

static uint64_t call(volatile uint32_t *code)
{
    uint64_t (*fn)(void) = (uint64_t(*)(void))(uintptr_t)code;
    return fn();
}

/* The value routine n returns after its rewrite: 2 when the new instruction runs. */
static uint64_t after(bool runs_new, volatile uint32_t *code, const void *store)
{
    if (!runs_new) expect("stale-exec", (const void *)code, store);
    return runs_new ? 2 : 1;
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    uint64_t ctr = read_sysreg(ctr_el0);
    bool idc = (ctr >> 28) & 1, dic = (ctr >> 29) & 1;
    printf("CTR_EL0.IDC %d, DIC %d\n", idc, dic);
    for (unsigned n = 0; n < 4; n++) { /* with the MMU off: to memory */
        routine(n)[0] = INSN_MOVZ_X0 | (1u << 5);
        routine(n)[1] = INSN_RET;
    }
    dsb(sy);
    __asm__ volatile("ic iallu\n\tdsb sy\n\tisb" ::: "memory");
    cache_mmu_on();
    for (unsigned n = 0; n < 4; n++)
        CHECK_EQ(call(routine(n)), 1); /* now in the instruction cache */

    none_st32(routine(0), INSN_MOVZ_X0 | (2u << 5));
    dsb(ish);
    isb();
    CHECK_EQ(call(routine(0)), after(dic, routine(0), none_st32));

    icache_st32(routine(1), INSN_MOVZ_X0 | (2u << 5));
    dsb(ish);
    c_ic_ivau(routine(1));
    dsb(ish);
    isb();
    CHECK_EQ(call(routine(1)), after(idc || dic, routine(1), icache_st32));

    dcache_st32(routine(2), INSN_MOVZ_X0 | (2u << 5));
    c_dc_cvau(routine(2));
    dsb(ish);
    isb();
    CHECK_EQ(call(routine(2)), after(dic, routine(2), dcache_st32));

    both_st32(routine(3), INSN_MOVZ_X0 | (2u << 5));
    c_dc_cvau(routine(3));
    dsb(ish);
    c_ic_ivau(routine(3));
    dsb(ish);
    isb();
    CHECK_EQ(call(routine(3)), 2);

    /* Completing the maintenance of the others makes them run the new instruction too. */
    c_dc_cvau(routine(0));
    c_dc_cvau(routine(1));
    dsb(ish);
    c_ic_ivau(routine(0));
    c_ic_ivau(routine(1));
    c_ic_ivau(routine(2));
    dsb(ish);
    isb();
    for (unsigned n = 0; n < 3; n++)
        CHECK_EQ(call(routine(n)), 2);
    cache_mmu_off();
    return test_summary();
}
