/*
 * Instructions in many pages: the sweep executes one instruction (the UDF #0 that zeroed RAM
 * holds) at the start of every page above the program, each UDF's handler resuming at the next
 * page. On avsim the sweep decodes far more pages than its decoded-code cache holds, so pages are
 * evicted; code run again afterwards must still be right, self-modifying code included (the
 * evicted page takes fast-path write entries, which must go when it is executed again), and with
 * -smp 2 a second CPU runs a loop in its own page while the first one evicts it; with
 * -accel tcg,tb-size=1 (32 decoded pages) everything runs under constant eviction (with
 * thread=multi too: each eviction then stops the other CPU's thread first). The host's peak
 * memory during this program is checked by the CTest memory.code_cache (tests/CMakeLists.txt).
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -m 512M
 * guest-test-variant: smp2 virt,virtualization=on,gic-version=3 -m 512M -smp 2
 * guest-test-variant: tiny virt,gic-version=3 -m 512M -smp 2 -accel tcg,tb-size=1
 * guest-test-variant: mt virt,gic-version=3 -m 512M -smp 2 -accel tcg,tb-size=1,thread=multi
 * guest-test-cache: skip it runs code stored without maintenance, as only coherent memory allows
 */
#include "test.h"

#define RAM_BASE  0x40000000ull
#define RAM_SIZE  (512ull << 20) /* the -m of the directives above */
#define PAGE      4096ull
#define INSN_RET  0xd65f03c0u
#define INSN_MOVZ 0xd2800000u /* MOVZ X0, #imm16 */

extern char __bss_end[];

static uint64_t sweep_next, sweep_end, sweep_pages, sweep_bad;

/* The UDF at the start of page sweep_next: count it and go on to the next page; after the last
 * one, back to the caller (x30 of the BLR that started the sweep). */
static void sweep_handler(struct exc_frame *f)
{
    if (ESR_EC(f->esr) != EC_UNKNOWN || f->elr != sweep_next) {
        sweep_bad++;
        f->elr = f->x[30];
        return;
    }
    sweep_pages++;
    sweep_next += PAGE;
    sev(); /* the second CPU's loop runs once per page */
    f->elr = sweep_next < sweep_end ? sweep_next : f->x[30];
}

/* Executes the first instruction of every page from the end of the program to the end of RAM. */
static void sweep(void)
{
    uint64_t start = ((uint64_t)(uintptr_t)__bss_end + 2 * PAGE) & ~(PAGE - 1);
    sweep_next = start;
    sweep_end = RAM_BASE + RAM_SIZE;
    sweep_pages = sweep_bad = 0;
    exc_handler_t old = set_sync_handler(sweep_handler);
    __asm__ volatile("blr %0" ::"r"(start) : "x30", "memory");
    set_sync_handler(old);
    CHECK_EQ(sweep_bad, 0);
    CHECK_EQ(sweep_pages, (sweep_end - start) / PAGE);
}

/* Three pages of code, written at run time: the third holds the second CPU's loop. */
static uint32_t code[3][PAGE / 4] __attribute__((aligned(PAGE)));

static void sync_code(const uint32_t *p, unsigned n)
{
    for (unsigned i = 0; i < n; i += 16)
        __asm__ volatile("dc cvau, %0" ::"r"(p + i) : "memory");
    dsb(ish);
    for (unsigned i = 0; i < n; i += 16)
        __asm__ volatile("ic ivau, %0" ::"r"(p + i) : "memory");
    dsb(ish);
    isb();
}

/* Writes MOVZ X0, #value; RET at p: with the cache maintenance the architecture asks for
 * (Arm ARM B2.4.4), or with none (both avsim and QEMU then still see the new code: they track
 * stores to pages that hold translated code). */
static void write_code(uint32_t *p, uint32_t value, bool maintain)
{
    p[0] = INSN_MOVZ | value << 5;
    p[1] = INSN_RET;
    if (maintain) {
        sync_code(p, 2);
    } else {
        dsb(ish);
        isb();
    }
}

static uint64_t call(const uint32_t *p)
{
    return ((uint64_t(*)(void))(uintptr_t)p)();
}

/*
 * The second CPU's loop, alone in its page: with x0 = &spin_stop, sums 0, 1, 2... (x2) with one
 * step per event until spin_stop is set, and returns the count in x1 and the sum in x2.
 */
static const uint32_t spin_loop[] = {
    0xd2800001, /*     mov  x1, #0       */
    0xd2800002, /*     mov  x2, #0       */
    0xf9400003, /* 1:  ldr  x3, [x0]     */
    0xb50000a3, /*     cbnz x3, 2f       */
    0x8b010042, /*     add  x2, x2, x1   */
    0x91000421, /*     add  x1, x1, #1   */
    0xd503205f, /*     wfe               */
    0x17fffffb, /*     b    1b           */
    INSN_RET,   /* 2:  ret               */
};
static volatile uint64_t spin_stop, spin_started, spin_n, spin_sum, spin_done;

static void spinner(uint64_t arg)
{
    (void)arg;
    uint64_t n, sum;
    spin_started = 1;
    __asm__ volatile("mov x0, %2\n\tblr %3\n\tmov %0, x1\n\tmov %1, x2"
                     : "=r"(n), "=r"(sum)
                     : "r"(&spin_stop), "r"(code[2])
                     : "x0", "x1", "x2", "x3", "x30", "memory");
    spin_n = n;
    spin_sum = sum;
    dsb(sy);
    spin_done = 1;
}

static bool wait_for(volatile uint64_t *flag)
{
    for (unsigned i = 0; i < 100000000; i++) {
        if (*flag) return true;
    }
    return false;
}

int main(void)
{
    for (unsigned i = 0; i < sizeof spin_loop / 4; i++)
        code[2][i] = spin_loop[i];
    sync_code(code[2], sizeof spin_loop / 4);
    bool smp = cpu_start(1, spinner, 0) == PSCI_SUCCESS;
    if (smp) CHECK(wait_for(&spin_started));
    printf("second CPU: %s\n", smp ? "spinning during the sweeps" : "none");

    write_code(code[0], 1, true);
    write_code(code[1], 10, true);
    CHECK_EQ(call(code[0]), 1);
    CHECK_EQ(call(code[1]), 10);
    sweep();
    printf("swept %llu pages\n", (unsigned long long)sweep_pages);

    /* Evicted code runs again, and changes made with cache maintenance are seen. */
    CHECK_EQ(call(code[0]), 1);
    CHECK_EQ(call(code[1]), 10);
    write_code(code[0], 2, true);
    CHECK_EQ(call(code[0]), 2);

    /* Stores to an evicted page fill the fast path; executing it again must take those entries
     * away, so that the next store without maintenance is still seen. */
    sweep();
    write_code(code[0], 3, false);
    write_code(code[1], 30, false);
    CHECK_EQ(call(code[0]), 3);
    CHECK_EQ(call(code[1]), 30);
    write_code(code[0], 4, false);
    write_code(code[1], 40, false);
    CHECK_EQ(call(code[0]), 4);
    CHECK_EQ(call(code[1]), 40);

    /* IC IALLU after eviction: every page decoded again. */
    sweep();
    __asm__ volatile("ic iallu\n\tdsb ish\n\tisb" ::: "memory");
    CHECK_EQ(call(code[0]), 4);
    CHECK_EQ(call(code[1]), 40);

    if (smp) {
        spin_stop = 1;
        sev();
        CHECK(wait_for(&spin_done));
        CHECK(spin_n > 0);
        CHECK_EQ(spin_sum, spin_n * (spin_n - 1) / 2);
    }
    return test_summary();
}
