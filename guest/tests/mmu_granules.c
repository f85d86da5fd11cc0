/*
 * Stage 1 translation of the current regime (EL2 without and with E2H, or
 * EL1 in the el1 variant) with 4, 16 and 64 KiB granules and several input
 * sizes (so every start level): pages and blocks, read-only, Access flag,
 * invalid and out-of-range addresses, execute-never, and AT results.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "mmu_tables.h"

#define HCR_E2H (1ull << 34)
#define TEST_VA 0x80000000ull
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

static volatile uint8_t data_page[65536] __attribute__((aligned(65536)));
static bool el2, e2h;

/* A function alone in its 64 KiB page, executed through aliases. */
__attribute__((aligned(65536), noinline)) static uint64_t code_page_fn(void)
{
    return 0x600d;
}

/* Instruction aborts: recorded, then the call returns (to x30). */
static struct exc_frame ifault;
static void record_and_return(struct exc_frame *f)
{
    ifault = *f;
    f->elr = f->x[30];
}

static uint64_t sctlr_read(void)
{
    return el2 ? read_sysreg(sctlr_el2) : read_sysreg(sctlr_el1);
}
static void sctlr_write(uint64_t v)
{
    if (el2)
        write_sysreg(v, sctlr_el2);
    else
        write_sysreg(v, sctlr_el1);
    isb();
}

static void tlbi_all(void)
{
    if (el2)
        __asm__ volatile("dsb ishst\n\ttlbi alle2\n\tdsb ish\n\tisb" : : : "memory");
    else
        __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
}

static uint64_t at_read(uint64_t va)
{
    if (el2)
        __asm__ volatile("at s1e2r, %0" : : "r"(va));
    else
        __asm__ volatile("at s1e1r, %0" : : "r"(va));
    isb();
    return read_sysreg(par_el1);
}

static uint64_t at_write(uint64_t va)
{
    if (el2)
        __asm__ volatile("at s1e2w, %0" : : "r"(va));
    else
        __asm__ volatile("at s1e1w, %0" : : "r"(va));
    isb();
    return read_sysreg(par_el1);
}

/* Stage 1 attributes common to every mapping: AP[1] is RES1 in the EL2 regime. */
static uint64_t base_attrs(void)
{
    return D_AF | D_SH_IN | (el2 && !e2h ? D_AP_EL0 : 0);
}

static void enable(struct pt *p)
{
    uint64_t tcr_walk = (1ull << 8) | (1ull << 10) | (3ull << 12);
    uint64_t tcr = (64 - p->in_bits) | tcr_walk | tg0_bits(p->gran) << 14;
    if (el2 && !e2h) {
        write_sysreg(tcr | (5ull << 16) | (1ull << 31) | (1ull << 23), tcr_el2);
    } else {
        tcr |= (1ull << 23) | (5ull << 32) | tg1_bits(p->gran) << 30; /* EPD1, IPS 48 bits */
        if (el2)
            write_sysreg(tcr, tcr_el2);
        else
            write_sysreg(tcr, tcr_el1);
    }
    if (el2) {
        write_sysreg(MAIR_TEST, mair_el2);
        write_sysreg((uintptr_t)p->root, ttbr0_el2);
    } else {
        write_sysreg(MAIR_TEST, mair_el1);
        write_sysreg((uintptr_t)p->root, ttbr0_el1);
    }
    isb();
    tlbi_all();
    sctlr_write(sctlr_read() | SCTLR_M | SCTLR_C | SCTLR_I);
}

static void disable(void)
{
    sctlr_write(sctlr_read() & ~SCTLR_M);
    tlbi_all();
}

static void run(unsigned gran, unsigned in_bits)
{
    uint64_t g = 1ull << gran, attrs = base_attrs();
    uint64_t data = (uint64_t)(uintptr_t)data_page, code = (uint64_t)(uintptr_t)code_page_fn;
    struct pt p;
    struct exc_frame f;

    pt_reset();
    pt_init(&p, gran, in_bits, -1);
    /* Identity blocks: devices (below RAM) and RAM, at the level whose blocks are 1 GiB,
     * 32 MiB or 512 MiB. */
    unsigned blk = gran == 12 ? 1 : 2;
    pt_identity(&p, 0x08000000, 0x02000000, blk,
                D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN | (el2 && !e2h ? D_AP_EL0 : 0));
    pt_identity(&p, RAM_BASE, 0x08000000, blk, D_ATTR(A_WB) | attrs);
    pt_set(&p, TEST_VA, 3, data | D_TABLE | D_ATTR(A_WB) | attrs);
    pt_set(&p, TEST_VA + g, 3, data | D_TABLE | D_ATTR(A_WB) | attrs | D_AP_RO);
    pt_set(&p, TEST_VA + 2 * g, 3, data | D_TABLE | D_ATTR(A_WB) | (attrs & ~D_AF));
    pt_set(&p, TEST_VA + 3 * g, 3, 0);
    pt_set(&p, TEST_VA + 4 * g, 3, (code & ~(g - 1)) | D_TABLE | D_ATTR(A_WT) | attrs | D_XN);
    pt_set(&p, TEST_VA + 5 * g, 3, (code & ~(g - 1)) | D_TABLE | D_ATTR(A_WT) | attrs | D_AP_RO);
    /* A level 2 block aliasing RAM at 4 GiB, with Non-cacheable attributes. */
    uint64_t l2 = 1ull << pt_shift(&p, 2), blk_va = 0x100000000ull;
    pt_set(&p, blk_va, 2, (RAM_BASE & ~(l2 - 1)) | D_BLOCK | D_ATTR(A_NC) | attrs);

    data_page[0x18] = 0x5a;
    enable(&p);
    printf("granule %uK, %u-bit VA, start level %u\n", 1u << (gran - 10), in_bits, p.start);

    CHECK_EQ(*(volatile uint8_t *)(uintptr_t)(TEST_VA + 0x18), 0x5a);
    *(volatile uint8_t *)(uintptr_t)(TEST_VA + 0x19) = 0xa5;
    CHECK_EQ(data_page[0x19], 0xa5);
    CHECK_EQ(*(volatile uint8_t *)(uintptr_t)(TEST_VA + g + 0x18), 0x5a);
    uint64_t in_block = blk_va + (data - (RAM_BASE & ~(l2 - 1))) + 0x18;
    CHECK_EQ(*(volatile uint8_t *)(uintptr_t)in_block, 0x5a);

    exc_catch_begin();
    *(volatile uint8_t *)(uintptr_t)(TEST_VA + g) = 1;
    CHECK_EQ(exc_catch_end(&f), 1);
    print_abort("  store to read-only page", &f, TEST_VA + g);
    exc_catch_begin();
    (void)*(volatile uint64_t *)(uintptr_t)(TEST_VA + 2 * g + 8);
    CHECK_EQ(exc_catch_end(&f), 1);
    print_abort("  load, Access flag 0", &f, TEST_VA + 2 * g + 8);
    exc_catch_begin();
    (void)*(volatile uint32_t *)(uintptr_t)(TEST_VA + 3 * g + 4);
    CHECK_EQ(exc_catch_end(&f), 1);
    print_abort("  load, invalid page", &f, TEST_VA + 3 * g + 4);
    uint64_t no_table = TEST_VA + (1ull << pt_shift(&p, 1)) / 2;
    if (p.start < 2) {
        exc_catch_begin();
        (void)*(volatile uint32_t *)(uintptr_t)no_table;
        CHECK_EQ(exc_catch_end(&f), 1);
        print_abort("  load, invalid level 2 entry", &f, no_table);
    }
    uint64_t beyond = 1ull << in_bits;
    exc_catch_begin();
    (void)*(volatile uint64_t *)(uintptr_t)beyond;
    CHECK_EQ(exc_catch_end(&f), 1);
    print_abort("  load beyond the VA range", &f, beyond);

    uint64_t (*alias)(void) = (uint64_t(*)(void))(uintptr_t)(TEST_VA + 5 * g + (code & (g - 1)));
    CHECK_EQ(alias(), 0x600d);
    uint64_t (*xn)(void) = (uint64_t(*)(void))(uintptr_t)(TEST_VA + 4 * g + (code & (g - 1)));
    exc_handler_t old = set_sync_handler(record_and_return);
    ifault.esr = 0;
    xn();
    set_sync_handler(old);
    print_abort("  call to execute-never page", &ifault, (uint64_t)(uintptr_t)xn);

    printf("  AT read page      PAR 0x%016lx\n", at_read(TEST_VA + 0x18));
    printf("  AT read block     PAR 0x%016lx\n", at_read(in_block));
    printf("  AT write r/o page PAR 0x%016lx\n", at_write(TEST_VA + g));
    printf("  AT read no AF     PAR 0x%016lx\n", at_read(TEST_VA + 2 * g));
    printf("  AT read invalid   PAR 0x%016lx\n", at_read(TEST_VA + 3 * g));
    printf("  AT read device    PAR 0x%016lx\n", at_read(0x09000000));
    disable();
}

int main(void)
{
    el2 = current_el() == 2;
    for (unsigned pass = 0; pass < (el2 ? 2u : 1u); pass++) {
        if (pass == 1) {
            /* The EL2&0 regime: with E2H, CPTR_EL2 takes the CPACR layout (FP untrapped). */
            write_sysreg(read_sysreg(hcr_el2) | HCR_E2H, hcr_el2);
            isb();
            write_sysreg(3ull << 20, cptr_el2);
            isb();
            e2h = true;
        }
        printf("regime %s\n", !el2 ? "EL1&0" : e2h ? "EL2&0" : "EL2");
        run(12, 39);
        run(12, 48);
        run(14, 47);
        run(14, 36);
        run(16, 48);
        run(16, 42);
    }
    return test_summary();
}
