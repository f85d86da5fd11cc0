/*
 * Atomics under contention: every CPU runs the same read-modify-write loop on shared memory at
 * once, ITERS times, then CPU 0 checks exact totals. A read-modify-write that is not atomic
 * against the other CPUs (Arm ARM B2.2.1 single-copy atomicity, B2.9 exclusives) loses an
 * update. With one host thread per CPU (-accel tcg,thread=multi) the CPUs really run at the same
 * time; with one thread they interleave at the ends of their time slices. Where an operation
 * returns the old value, each value must be returned once: the old values of all CPUs add up to
 * 0 + 1 + ... + (total - 1).
 *
 *  - LDADD, an LDXR/STXR loop (64-bit), a CAS loop (32-bit);
 *  - CASP and an LDXP/STXP loop on a 16-byte pair, both halves incremented: each old pair they
 *    return (single-copy atomic) has equal halves;
 *  - two test-and-set spinlocks (LDAXR/STXR, SWPA), released with STLR, around a plain
 *    increment;
 *  - a qspinlock-style word: the low byte the lock, taken by CASA of the whole word and
 *    released by STLRB of the byte, while each CPU sets and clears its own bit of the word with
 *    LDSET/LDCLR: no bit change may be lost, and the lock must exclude.
 *
 * Every CPU runs with its MMU on (Normal Write-Back, Inner Shareable: the memory the atomics
 * are architected for). Waits are bounded in counter time, so a lost update or a broken lock
 * fails the test instead of hanging it.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 4
 * guest-test-variant: mt virt,virtualization=on,gic-version=3 -smp 4 -accel tcg,thread=multi
 * guest-test-variant: mt2 virt,gic-version=3 -smp 2 -accel tcg,thread=multi
 */
#include "test.h"

#define MAX_CPUS   8
#define ITERS      20000
#define TIMEOUT_MS 5000

/* Each variable in its own 64-byte exclusives reservation granule (CTR_EL0.ERG). */
#define GRANULE __attribute__((aligned(64)))

struct flag {
    volatile uint64_t v;
} GRANULE;

/* CPU c started (up) and finished case k - 1 (done = k); CPU 0 starts case k - 1 with go = k. */
static struct flag up[MAX_CPUS], done[MAX_CPUS], go;

/* Per CPU: the sum of the old values it got, and the broken invariants it saw. */
static struct {
    uint64_t sum, errors, stuck;
} GRANULE result[MAX_CPUS];

static volatile uint64_t add64 GRANULE, excl64 GRANULE;
static volatile uint32_t cas32 GRANULE;
static volatile uint64_t casp_pair[2] GRANULE, excl_pair[2] GRANULE;

struct locked {
    volatile uint32_t lock GRANULE;
    volatile uint64_t owner GRANULE, count;
};
static struct locked lock_excl, lock_swp, qlock;

/*
 * Every retry loop gives up once the case's deadline has passed (a lost update can leave a lock
 * taken for ever, a broken store-exclusive fail for ever), marking the CPU stuck.
 */
static uint64_t deadline GRANULE;

static bool spinning(unsigned cpu, unsigned *n)
{
    if ((++*n & 1023) || read_sysreg(cntvct_el0) < deadline) return true;
    result[cpu].stuck = 1;
    return false;
}

static void work_ldadd(unsigned cpu)
{
    uint64_t sum = 0, old;
    for (unsigned i = 0; i < ITERS; i++) {
        __asm__ volatile("ldadd %2, %0, [%1]" : "=r"(old) : "r"(&add64), "r"(1ull) : "memory");
        sum += old;
    }
    result[cpu].sum = sum;
}

static void work_ldxr(unsigned cpu)
{
    uint64_t sum = 0, v;
    uint32_t fail;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        do {
            __asm__ volatile("ldxr %0, [%2]\n\t"
                             "add %0, %0, #1\n\t"
                             "stxr %w1, %0, [%2]"
                             : "=&r"(v), "=&r"(fail)
                             : "r"(&excl64)
                             : "memory");
        } while (fail && spinning(cpu, &n));
        sum += v - 1;
    }
    result[cpu].sum = sum;
}

static void work_cas(unsigned cpu)
{
    uint64_t sum = 0;
    uint32_t old = cas32, seen;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        for (;;) {
            seen = old;
            __asm__ volatile("cas %w0, %w2, [%1]"
                             : "+r"(seen)
                             : "r"(&cas32), "r"(old + 1)
                             : "memory");
            if (seen == old || !spinning(cpu, &n)) break;
            old = seen;
        }
        sum += old++;
    }
    result[cpu].sum = sum;
}

/* The expected old pair is read with plain loads: a torn read only makes the CASP fail. */
static void work_casp(unsigned cpu)
{
    uint64_t sum = 0, errors = 0;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        uint64_t lo = casp_pair[0], hi = casp_pair[1];
        for (;;) {
            register uint64_t x0 __asm__("x0") = lo, x1 __asm__("x1") = hi;
            register uint64_t x2 __asm__("x2") = lo + 1, x3 __asm__("x3") = hi + 1;
            __asm__ volatile("casp x0, x1, x2, x3, [%4]"
                             : "+r"(x0), "+r"(x1)
                             : "r"(x2), "r"(x3), "r"(casp_pair)
                             : "memory");
            errors += x0 != x1;
            if ((x0 == lo && x1 == hi) || !spinning(cpu, &n)) break;
            lo = x0;
            hi = x1;
        }
        sum += lo;
    }
    result[cpu].sum = sum;
    result[cpu].errors = errors;
}

/* The pair LDXP read is single-copy atomic only when the STXP succeeds (Arm ARM B2.2.1). */
static void work_ldxp(unsigned cpu)
{
    uint64_t sum = 0, errors = 0, lo, hi;
    uint32_t fail;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        do {
            __asm__ volatile("ldxp %0, %1, [%3]\n\t"
                             "add %0, %0, #1\n\t"
                             "add %1, %1, #1\n\t"
                             "stxp %w2, %0, %1, [%3]"
                             : "=&r"(lo), "=&r"(hi), "=&r"(fail)
                             : "r"(excl_pair)
                             : "memory");
        } while (fail && spinning(cpu, &n));
        errors += lo != hi;
        sum += lo - 1;
    }
    result[cpu].sum = sum;
    result[cpu].errors = errors;
}

/* The critical section: a plain increment; another CPU in it at the same time changes owner. */
static uint64_t critical_section(struct locked *l, unsigned cpu)
{
    l->owner = cpu + 1;
    l->count = l->count + 1;
    return l->owner != cpu + 1;
}

static inline void unlock_stlr(struct locked *l)
{
    __asm__ volatile("stlr wzr, [%0]" : : "r"(&l->lock) : "memory");
}

/* One try: LDAXR, and if the lock is free, STXR of 1; true if taken. */
static bool trylock_excl(struct locked *l)
{
    uint32_t v, fail = 1;
    __asm__ volatile("ldaxr %w0, [%2]\n\t"
                     "cbnz %w0, 1f\n\t"
                     "stxr %w1, %w3, [%2]\n"
                     "1:"
                     : "=&r"(v), "+&r"(fail)
                     : "r"(&l->lock), "r"(1u)
                     : "memory");
    return !fail;
}

/* Test and test-and-set: SWPA only when the lock looks free. */
static bool trylock_swp(struct locked *l)
{
    uint32_t old = 1;
    if (!l->lock)
        __asm__ volatile("swpa %w2, %w0, [%1]" : "=r"(old) : "r"(&l->lock), "r"(1u) : "memory");
    return !old;
}

static void work_lock(unsigned cpu, struct locked *l, bool (*trylock)(struct locked *))
{
    uint64_t errors = 0;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        while (!trylock(l))
            if (!spinning(cpu, &n)) return;
        errors += critical_section(l, cpu);
        unlock_stlr(l);
    }
    result[cpu].errors = errors;
}

static void work_lock_excl(unsigned cpu)
{
    work_lock(cpu, &lock_excl, trylock_excl);
}

static void work_lock_swp(unsigned cpu)
{
    work_lock(cpu, &lock_swp, trylock_swp);
}

/*
 * Bit 8 + cpu of qlock.lock is this CPU's, set before it takes the lock and cleared after: the
 * old value LDSET and LDCLR return shows whether an earlier change of it was lost. The lock is
 * taken by CASA of the whole word, so it fails whenever another CPU changed its bit in between;
 * STLRB releases the low byte only (Linux's queued_spin_unlock).
 */
static void work_qlock(unsigned cpu)
{
    uint64_t errors = 0;
    uint32_t bit = 1u << (8 + cpu), old;
    unsigned n = 0;
    for (unsigned i = 0; i < ITERS; i++) {
        __asm__ volatile("ldset %w2, %w0, [%1]"
                         : "=r"(old)
                         : "r"(&qlock.lock), "r"(bit)
                         : "memory");
        errors += (old & bit) != 0;
        for (;;) {
            uint32_t v = qlock.lock, seen = v;
            if (!(v & 0xff)) {
                __asm__ volatile("casa %w0, %w2, [%1]"
                                 : "+r"(seen)
                                 : "r"(&qlock.lock), "r"(v | 1)
                                 : "memory");
                if (seen == v) break;
            }
            if (!spinning(cpu, &n)) return;
        }
        errors += critical_section(&qlock, cpu);
        __asm__ volatile("stlrb wzr, [%0]" : : "r"(&qlock.lock) : "memory");
        __asm__ volatile("ldclr %w2, %w0, [%1]"
                         : "=r"(old)
                         : "r"(&qlock.lock), "r"(bit)
                         : "memory");
        errors += (old & bit) == 0;
    }
    result[cpu].errors = errors;
}

static const struct {
    const char *name;
    void (*work)(unsigned cpu);
} cases[] = {
    {"LDADD (64-bit)", work_ldadd},     {"LDXR/STXR loop (64-bit)", work_ldxr},
    {"CAS loop (32-bit)", work_cas},    {"CASP pair (2 x 64-bit)", work_casp},
    {"LDXP/STXP pair loop", work_ldxp}, {"lock LDAXR/STXR, STLR", work_lock_excl},
    {"lock SWPA, STLR", work_lock_swp}, {"lock CASA word, STLRB byte", work_qlock},
};
#define NCASES (sizeof cases / sizeof cases[0])

static void secondary(uint64_t cpu)
{
    mmu_enable_identity();
    store_release(&up[cpu].v, 1);
    for (unsigned k = 1; k <= NCASES; k++) {
        while (load_acquire(&go.v) < k) {
        }
        cases[k - 1].work(cpu);
        store_release(&done[cpu].v, k);
    }
}

/* Waits until counter value end for flags[1..n-1] all to reach want. */
static bool wait_all(struct flag *flags, unsigned n, uint64_t want, uint64_t end)
{
    for (unsigned c = 1; c < n; c++)
        while (load_acquire(&flags[c].v) < want)
            if (read_sysreg(cntvct_el0) > end) return false;
    return true;
}

/* The checks of case k once every CPU has run it: total = n * ITERS updates. */
static void check_case(unsigned k, unsigned n)
{
    uint64_t total = (uint64_t)n * ITERS, sum = 0, errors = 0, stuck = 0;
    for (unsigned c = 0; c < n; c++) {
        sum += result[c].sum;
        errors += result[c].errors;
        stuck += result[c].stuck;
        result[c].sum = result[c].errors = result[c].stuck = 0;
    }
    uint64_t want_sum = total * (total - 1) / 2;
    bool ok = true;
    switch (k) {
    case 0:
        ok &= CHECK_EQ(add64, total);
        ok &= CHECK_EQ(sum, want_sum);
        break;
    case 1:
        ok &= CHECK_EQ(excl64, total);
        ok &= CHECK_EQ(sum, want_sum);
        break;
    case 2:
        ok &= CHECK_EQ(cas32, total);
        ok &= CHECK_EQ(sum, want_sum);
        break;
    case 3:
        ok &= CHECK_EQ(casp_pair[0], total);
        ok &= CHECK_EQ(casp_pair[1], total);
        ok &= CHECK_EQ(sum, want_sum);
        break;
    case 4:
        ok &= CHECK_EQ(excl_pair[0], total);
        ok &= CHECK_EQ(excl_pair[1], total);
        ok &= CHECK_EQ(sum, want_sum);
        break;
    case 5:
        ok &= CHECK_EQ(lock_excl.lock, 0);
        ok &= CHECK_EQ(lock_excl.count, total);
        break;
    case 6:
        ok &= CHECK_EQ(lock_swp.lock, 0);
        ok &= CHECK_EQ(lock_swp.count, total);
        break;
    case 7:
        ok &= CHECK_EQ(qlock.lock, 0);
        ok &= CHECK_EQ(qlock.count, total);
        break;
    }
    ok &= CHECK_EQ(errors, 0);
    ok &= CHECK_EQ(stuck, 0);
    printf("%-27s %u CPUs x %u: %s\n", cases[k].name, n, ITERS, ok ? "exact" : "WRONG");
}

int main(void)
{
    /* The secondaries read their start-up data with the MMU off: start them before CPU 0's MMU
     * and caches go on, so that none of it waits in CPU 0's data cache. */
    unsigned n = 1;
    while (n < MAX_CPUS && cpu_start(n, secondary, n) == PSCI_SUCCESS)
        n++;
    mmu_enable_identity();
    CHECK(n >= 2);
    uint64_t ms = read_sysreg(cntfrq_el0) / 1000;
    if (!CHECK(wait_all(up, n, 1, read_sysreg(cntvct_el0) + 1000 * ms))) return test_summary();
    for (unsigned k = 1; k <= NCASES; k++) {
        deadline = read_sysreg(cntvct_el0) + TIMEOUT_MS * ms;
        store_release(&go.v, k);
        cases[k - 1].work(0);
        /* A CPU that gave up at the deadline is done soon after. */
        if (!CHECK(wait_all(done, n, k, deadline + 1000 * ms))) {
            printf("%s: a CPU did not finish\n", cases[k - 1].name);
            break;
        }
        check_case(k - 1, n);
    }
    return test_summary();
}
