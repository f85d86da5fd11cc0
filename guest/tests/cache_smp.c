/*
 * Two CPUs sharing Write-Back memory (caches-and-attributes.md §8): their L1 data caches are
 * kept coherent (write-invalidate snooping), so data passed through flags, two CPUs writing
 * the same line (false sharing) and exclusives (LDXR/STXR) need no maintenance. Instruction
 * caches are not: code CPU0 rewrites reaches CPU1 with DC CVAU + IC IVAU (broadcast in the
 * Inner Shareable domain), not with IC IALLU (this CPU only), which the checker reports.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2 -cache mode=on
 * guest-test-variant: check virt,virtualization=on,gic-version=3 -smp 2 -cache mode=check
 * guest-test-qemu: skip QEMU models no caches
 * guest-test-cache: check
 */
#include "cache_util.h"

#define INSN_MOVZ_X0 0xd2800000u
#define INSN_RET     0xd65f03c0u
#define ROUNDS       1000
#define WORDS        64

CACHE_ACCESSORS(ivau);
CACHE_ACCESSORS(iallu);

/* Lines of cache_data: 0-7 data, 8 flags, 9 false sharing, 10 the exclusive counter. */
#define FLAG(i)  (&cache_line(8)[i])
#define SHARE(i) (&cache_line(9)[i])
#define COUNTER  cache_line(10)

static uint64_t call(volatile uint32_t *code)
{
    return ((uint64_t(*)(void))(uintptr_t)code)();
}

static bool wait_for(volatile uint64_t *flag, uint64_t want)
{
    for (unsigned i = 0; i < 100000000; i++)
        if (*flag == want) return true;
    return false;
}

static void atomic_inc(volatile uint64_t *p)
{
    uint64_t v, fail;
    do {
        __asm__ volatile("ldxr %0, [%2]\n\tadd %0, %0, #1\n\tstxr %w1, %0, [%2]"
                         : "=&r"(v), "=&r"(fail)
                         : "r"(p)
                         : "memory");
    } while (fail);
}

static void secondary(uint64_t arg)
{
    (void)arg;
    cache_mmu_on();
    /* Consumer: sum the words CPU0 wrote, once its flag says they are there. */
    if (wait_for(FLAG(0), 1)) {
        uint64_t sum = 0;
        for (unsigned i = 0; i < WORDS; i++)
            sum += cache_data[i];
        *FLAG(1) = sum;
    }
    for (unsigned i = 0; i < ROUNDS; i++) {
        (*SHARE(1))++;
        atomic_inc(COUNTER);
    }
    *FLAG(2) = 1;
    /* Instruction caches: run both routines, then again after CPU0 rewrote them. */
    *FLAG(4) = call(&cache_code[0]) + call(&cache_code[16]);
    if (wait_for(FLAG(3), 1)) {
        __asm__ volatile("isb" ::: "memory");
        *FLAG(5) = call(&cache_code[0]);
        *FLAG(6) = call(&cache_code[16]);
    }
    *FLAG(7) = 1;
    cache_mmu_off();
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    for (unsigned n = 0; n < 2; n++) {
        cache_code[16 * n] = INSN_MOVZ_X0 | (1u << 5);
        cache_code[16 * n + 1] = INSN_RET;
    }
    cache_mmu_on();
    if (cpu_start(1, secondary, 0) != PSCI_SUCCESS) {
        printf("needs a second CPU\n");
        return 1;
    }
    uint64_t expected = 0;
    for (unsigned i = 0; i < WORDS; i++) {
        cache_data[i] = i * 3 + 1;
        expected += i * 3 + 1;
    }
    *FLAG(0) = 1;
    for (unsigned i = 0; i < ROUNDS; i++) {
        (*SHARE(0))++;
        atomic_inc(COUNTER);
    }
    CHECK(wait_for(FLAG(2), 1));
    CHECK_EQ(*FLAG(1), expected);
    CHECK_EQ(*SHARE(0), ROUNDS);
    CHECK_EQ(*SHARE(1), ROUNDS);
    CHECK_EQ(*COUNTER, 2 * ROUNDS);

    CHECK(wait_for(FLAG(4), 2)); /* CPU1's instruction cache holds both routines */
    ivau_st32(&cache_code[0], INSN_MOVZ_X0 | (2u << 5));
    c_dc_cvau(&cache_code[0]);
    dsb(ish);
    c_ic_ivau(&cache_code[0]);
    iallu_st32(&cache_code[16], INSN_MOVZ_X0 | (2u << 5));
    c_dc_cvau(&cache_code[16]);
    dsb(ish);
    __asm__ volatile("ic iallu\n\tdsb ish\n\tisb" ::: "memory");
    *FLAG(3) = 1;
    CHECK(wait_for(FLAG(7), 1));
    CHECK_EQ(*FLAG(5), 2); /* IC IVAU reached CPU1 */
    CHECK_EQ(*FLAG(6), 1); /* IC IALLU did not */
    expect("stale-exec", (const void *)&cache_code[16], iallu_st32);
    CHECK_EQ(call(&cache_code[16]), 2); /* CPU0's own instruction cache was invalidated */
    cache_mmu_off();
    return test_summary();
}
