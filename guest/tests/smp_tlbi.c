/*
 * Broadcast TLB invalidation: a TLBI ...IS by one CPU, completed by its DSB ISH, removes the
 * entry from the TLB of every CPU in the Inner Shareable domain (Arm ARM D8.14 TLB maintenance;
 * completion at a DSB: D8.14.5).
 *
 * The other CPUs keep reading through page V, so each holds its translation in its TLB. For
 * each phase k, CPU 0 writes k into a physical page, points V's level 3 descriptor at that page,
 * then DSB ISHST, TLBI, DSB ISH, ISB, and publishes k with a store-release. Each other CPU,
 * once its load-acquire sees k, reads V and reports what it read: its old translation must be
 * gone, so the value is k. A broadcast that misses a CPU, or a DSB that does not wait for it,
 * shows as the value of an earlier phase. The phases go through the EL1 broadcast forms in turn:
 * VAE1IS, VALE1IS, VAAE1IS, VAALE1IS, ASIDE1IS, VMALLE1IS.
 *
 * Then rounds with the other CPUs asleep: each reads V, says so and waits in WFI (IRQs masked)
 * for an SGI. CPU 0 lets them reach WFI, remaps V as before, issues TLBI VAE1IS for 100 other
 * pages and V's last, DSB ISH, ISB, publishes the phase and sends the SGI. A CPU asleep must
 * apply all of them before it reads V again, so V holds the new value. (With thread=multi a CPU
 * queues at most 64 TLB operations from the others, and empties its whole TLB beyond that:
 * these rounds overflow the queue of a CPU that is not running.)
 *
 * At EL2 the CPUs set HCR_EL2.{E2H, TGE}: the same register names then reach the EL2&0
 * regime's, and the EL1 TLBI forms invalidate its entries.
 *
 * guest-test-machine: virt,gic-version=3 -smp 2
 * guest-test-variant: mt virt,gic-version=3 -smp 2 -accel tcg,thread=multi
 * guest-test-variant: vhe virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: vhe-mt virt,virtualization=on,gic-version=3 -smp 2 -accel tcg,thread=multi
 */
#include "gic_util.h"
#include "mmu_tables.h"

#define MAX_CPUS   8
#define ROUNDS     100 /* phases per TLBI form */
#define NPAGES     8   /* V's targets in turn: an entry up to 7 phases old shows */
#define ASID       7ull
#define TEST_VA    0x80000000ull
#define TIMEOUT_MS 2000
#define HCR_E2H    (1ull << 34)
#define HCR_TGE    (1ull << 27)
#define CPACR_FPEN (3ull << 20)
#define SLEEPS     7   /* rounds with the others in WFI (< NPAGES: an entry kept since shows) */
#define SLEEP_MS   2   /* CPU 0's wait for them to get there */
#define FAR_TLBIS  100 /* TLBIs of other pages before V's in those rounds */
#define SGI_WAKE   1

enum { VAE1IS, VALE1IS, VAAE1IS, VAALE1IS, ASIDE1IS, VMALLE1IS, NOPS };
static const char *const op_names[NOPS] = {"VAE1IS",   "VALE1IS",  "VAAE1IS",
                                           "VAALE1IS", "ASIDE1IS", "VMALLE1IS"};

struct flag {
    volatile uint64_t v;
} __attribute__((aligned(64)));

/* CPU 0's current phase; per other CPU: up, the last phase it reported, and the value read. */
static struct flag phase, up[MAX_CPUS], seen[MAX_CPUS], value[MAX_CPUS];
/* Per other CPU: the last sleep round it read V for and went to WFI in. */
static struct flag asleep[MAX_CPUS];

static volatile uint64_t pages[NPAGES][512] __attribute__((aligned(4096)));
static struct pt p;

static uint64_t read_va(uint64_t va)
{
    return *(volatile uint64_t *)(uintptr_t)va;
}

static uint64_t page_desc(unsigned k)
{
    return (uint64_t)(uintptr_t)pages[k % NPAGES] | D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN | D_NG;
}

/*
 * This CPU's stage 1 on with the shared tables: 4 KiB, 39-bit VA, write-back walks, EPD1, IPS 48
 * bits, 16-bit ASIDs, ASID in TTBR0. At EL2, E2H and TGE first: the *_EL1 names below then reach
 * the EL2 registers, and CPTR_EL2 takes the CPACR_EL1 layout (FP/SIMD kept untrapped).
 */
static void mmu_on(void)
{
    if (current_el() == 2) {
        write_sysreg(read_sysreg(hcr_el2) | HCR_E2H | HCR_TGE, hcr_el2);
        isb();
        write_sysreg(CPACR_FPEN, cptr_el2);
    }
    pt_enable_el1(&p, ASID);
}

static void tlbi_is(unsigned op)
{
    uint64_t page = TEST_VA >> 12, asid = ASID << 48;
    switch (op) {
    case VAE1IS: __asm__ volatile("tlbi vae1is, %0" : : "r"(page | asid) : "memory"); break;
    case VALE1IS: __asm__ volatile("tlbi vale1is, %0" : : "r"(page | asid) : "memory"); break;
    case VAAE1IS: __asm__ volatile("tlbi vaae1is, %0" : : "r"(page) : "memory"); break;
    case VAALE1IS: __asm__ volatile("tlbi vaale1is, %0" : : "r"(page) : "memory"); break;
    case ASIDE1IS: __asm__ volatile("tlbi aside1is, %0" : : "r"(asid) : "memory"); break;
    case VMALLE1IS: __asm__ volatile("tlbi vmalle1is" : : : "memory"); break;
    }
}

/* Acknowledges and ends every pending interrupt (taken with IRQs masked). */
static void ack_irqs(void)
{
    for (;;) {
        uint64_t intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
        if (intid >= 1020) break;
        write_sysreg(intid, ICC_EOIR1_EL1);
    }
    isb();
}

/* Reads V until CPU 0 publishes the next phase, then reports what V holds; in the sleep rounds,
 * sleeps in WFI until then. */
static void observer(uint64_t cpu)
{
    mmu_on();
    gic_cpu_enable();
    *gicr_sgi(cpu, GICR_ISENABLER0) = 1u << SGI_WAKE;
    dsb(sy);
    (void)read_va(TEST_VA);
    store_release(&up[cpu].v, 1);
    for (uint64_t k = 1; k <= (uint64_t)ROUNDS * NOPS; k++) {
        while (load_acquire(&phase.v) < k)
            (void)read_va(TEST_VA);
        value[cpu].v = read_va(TEST_VA);
        store_release(&seen[cpu].v, k);
    }
    for (uint64_t r = 1; r <= SLEEPS; r++) {
        uint64_t k = (uint64_t)ROUNDS * NOPS + r;
        (void)read_va(TEST_VA);
        store_release(&asleep[cpu].v, r);
        while (load_acquire(&phase.v) < k) {
            wfi();
            ack_irqs();
        }
        value[cpu].v = read_va(TEST_VA);
        store_release(&seen[cpu].v, k);
    }
}

/* Waits up to TIMEOUT_MS of counter time for flags[1..n-1] to reach want. */
static bool wait_all(struct flag *flags, unsigned n, uint64_t want)
{
    uint64_t end = read_sysreg(cntvct_el0) + read_sysreg(cntfrq_el0) / 1000 * TIMEOUT_MS;
    for (unsigned c = 1; c < n; c++)
        while (load_acquire(&flags[c].v) < want)
            if (read_sysreg(cntvct_el0) > end) return false;
    return true;
}

/* Spins for ms milliseconds of counter time. */
static void delay_ms(unsigned ms)
{
    uint64_t end = read_sysreg(cntvct_el0) + read_sysreg(cntfrq_el0) / 1000 * ms;
    while (read_sysreg(cntvct_el0) < end) {
    }
}

/* One sleep round's maintenance: TLBI VAE1IS for FAR_TLBIS pages after V's, then V's. */
static void tlbi_many(void)
{
    uint64_t page = TEST_VA >> 12, asid = ASID << 48;
    for (uint64_t i = 1; i <= FAR_TLBIS; i++)
        __asm__ volatile("tlbi vae1is, %0" : : "r"((page + i) | asid) : "memory");
    tlbi_is(VAE1IS);
}

int main(void)
{
    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    pt_set(&p, TEST_VA, 3, page_desc(0));

    gic_dist_enable();
    /* The secondaries read their start-up data with the MMU off: start them before CPU 0's
     * caches go on, so that none of it waits in CPU 0's data cache. */
    unsigned n = 1;
    while (n < MAX_CPUS && cpu_start(n, observer, n) == PSCI_SUCCESS)
        n++;
    mmu_on();
    CHECK(n >= 2);
    if (!CHECK(wait_all(up, n, 1))) return test_summary();

    unsigned stale[NOPS] = {0}, local_stale[NOPS] = {0};
    for (uint64_t k = 1; k <= (uint64_t)ROUNDS * NOPS; k++) {
        unsigned op = k % NOPS;
        pages[k % NPAGES][0] = k;
        *pt_entry(&p, TEST_VA, 3) = page_desc(k);
        dsb(ishst);
        tlbi_is(op);
        dsb(ish);
        isb();
        local_stale[op] += read_va(TEST_VA) != k;
        store_release(&phase.v, k);
        if (!wait_all(seen, n, k)) {
            printf("phase %lu: a CPU did not report\n", (unsigned long)k);
            CHECK(false);
            break;
        }
        for (unsigned c = 1; c < n; c++)
            stale[op] += value[c].v != k;
    }
    for (unsigned op = 0; op < NOPS; op++) {
        printf("TLBI %-9s %u phases: %u stale reads on CPU 0, %u on the others\n", op_names[op],
               ROUNDS, local_stale[op], stale[op]);
        CHECK_EQ(local_stale[op], 0);
        CHECK_EQ(stale[op], 0);
    }

    unsigned sleep_local = 0, sleep_stale = 0;
    uint16_t others = ((1u << n) - 1) & ~1u;
    for (uint64_t r = 1; r <= SLEEPS; r++) {
        uint64_t k = (uint64_t)ROUNDS * NOPS + r;
        if (!wait_all(asleep, n, r)) {
            printf("sleep round %lu: a CPU did not go to sleep\n", (unsigned long)r);
            CHECK(false);
            break;
        }
        delay_ms(SLEEP_MS);
        pages[k % NPAGES][0] = k;
        *pt_entry(&p, TEST_VA, 3) = page_desc(k);
        dsb(ishst);
        tlbi_many();
        dsb(ish);
        isb();
        sleep_local += read_va(TEST_VA) != k;
        store_release(&phase.v, k);
        dsb(sy);
        gic_send_sgi1(SGI_WAKE, others);
        if (!wait_all(seen, n, k)) {
            printf("sleep round %lu: a CPU did not report\n", (unsigned long)r);
            CHECK(false);
            break;
        }
        for (unsigned c = 1; c < n; c++)
            sleep_stale += value[c].v != k;
    }
    printf("%u rounds of %u TLBI VAE1IS, the others in WFI: %u stale reads on CPU 0, %u on the "
           "others\n",
           SLEEPS, FAR_TLBIS + 1, sleep_local, sleep_stale);
    CHECK_EQ(sleep_local, 0);
    CHECK_EQ(sleep_stale, 0);
    return test_summary();
}
