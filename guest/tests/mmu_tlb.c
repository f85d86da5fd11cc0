/*
 * TLB maintenance at EL1: a translation stays in the TLB after its descriptor
 * changes (no TLBI: the old page is still seen, as on hardware and on QEMU),
 * until the right TLBI: VAE1 with its ASID, VALE1, VAAE1, VMALLE1, and VAE1
 * of another page of a block. ASID-tagged retention: mmu_tlb_asid.c.
 *
 * guest-test-machine: virt,gic-version=3
 */
#include "mmu_tables.h"

#define ASID    7ull
#define TEST_VA 0x80000000ull

static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_b[512] __attribute__((aligned(4096)));
static struct pt p;

static uint64_t read_va(uint64_t va)
{
    return *(volatile uint64_t *)(uintptr_t)va;
}

static void set_page(uint64_t va, volatile uint64_t *page, uint64_t extra)
{
    *pt_entry(&p, va, 3) =
        (uint64_t)(uintptr_t)page | D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN | D_NG | extra;
    dsb(ishst); /* the new descriptor is visible to walks; no TLBI */
}

#define TLBI(op, arg) __asm__ volatile("tlbi " #op ", %0\n\tdsb ish\n\tisb" : : "r"(arg) : "memory")

/* One round: map va to A, use it, remap to B without TLBI, use it, then invalidate. */
static void stale_then(const char *how, uint64_t va, void (*invalidate)(uint64_t va))
{
    set_page(va, page_a, 0);
    TLBI(vae1, (va >> 12) | (ASID << 48));
    uint64_t first = read_va(va);
    set_page(va, page_b, 0);
    uint64_t stale = read_va(va);
    invalidate(va);
    uint64_t after = read_va(va);
    printf("%-22s before %lx, remapped without TLBI %lx, after TLBI %lx\n", how, first, stale,
           after);
    CHECK_EQ(first, 0xa);
    CHECK_EQ(stale, 0xa);
    CHECK_EQ(after, 0xb);
}

static void by_vae1(uint64_t va)
{
    TLBI(vae1, (va >> 12) | (ASID << 48));
}
static void by_vale1(uint64_t va)
{
    TLBI(vale1, (va >> 12) | (ASID << 48));
}
static void by_vaae1(uint64_t va)
{
    TLBI(vaae1, va >> 12);
}
static void by_vmalle1(uint64_t va)
{
    (void)va;
    __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
}
static void by_aside1(uint64_t va)
{
    (void)va;
    TLBI(aside1, ASID << 48);
}
static void by_vae1is(uint64_t va)
{
    TLBI(vae1is, (va >> 12) | (ASID << 48));
}

int main(void)
{
    CHECK_EQ(current_el(), 1);
    page_a[0] = 0xa;
    page_b[0] = 0xb;
    page_b[0x100] = 0xb2;
    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    for (unsigned i = 0; i < 8; i++)
        pt_set(&p, TEST_VA + i * 0x1000, 3,
               (uint64_t)(uintptr_t)page_a | D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN | D_NG);

    pt_enable_el1(&p, ASID);

    stale_then("TLBI VAE1", TEST_VA, by_vae1);
    stale_then("TLBI VALE1", TEST_VA + 0x1000, by_vale1);
    stale_then("TLBI VAAE1", TEST_VA + 0x2000, by_vaae1);
    stale_then("TLBI VMALLE1", TEST_VA + 0x3000, by_vmalle1);
    stale_then("TLBI ASIDE1", TEST_VA + 0x4000, by_aside1);
    stale_then("TLBI VAE1IS", TEST_VA + 0x5000, by_vae1is);

    /* A 2 MiB block: TLBI VAE1 of any address in it removes the whole block. */
    uint64_t blk_va = 0xC0000000ull, blk_pa = (uint64_t)(uintptr_t)page_a & ~0x1fffffull;
    pt_set(&p, blk_va, 2, blk_pa | D_BLOCK | D_ATTR(A_WB) | D_AF | D_SH_IN | D_NG);
    TLBI(vae1, (blk_va >> 12) | (ASID << 48));
    uint64_t in_a = blk_va + ((uint64_t)(uintptr_t)page_a - blk_pa);
    uint64_t first = read_va(in_a);
    *pt_entry(&p, blk_va, 2) = 0;
    dsb(ishst);
    uint64_t stale = read_va(in_a);
    TLBI(vae1, ((blk_va + 0x1ff000) >> 12) | (ASID << 48));
    struct exc_frame f;
    exc_catch_begin();
    (void)read_va(in_a);
    unsigned faults = exc_catch_end(&f);
    printf("block: before %lx, unmapped without TLBI %lx, after TLBI of its last page: %u fault\n",
           first, stale, faults);
    CHECK_EQ(faults, 1);
    print_abort("block after TLBI", &f, in_a);

    /* Again, but the page read is pushed out of the TLB's set first by DC CVACs of two pages
     * of the RAM mapping that share its set (1024 entries, 2-way: VA[20:12] picks the set),
     * which fill no load path: the TLBI must still reach what the load path kept. */
    pt_set(&p, blk_va, 2, blk_pa | D_BLOCK | D_ATTR(A_WB) | D_AF | D_SH_IN | D_NG);
    TLBI(vae1, (blk_va >> 12) | (ASID << 48));
    first = read_va(in_a);
    for (uint64_t k = 1; k <= 2; k++)
        __asm__ volatile("dc cvac, %0" : : "r"(RAM_BASE + (k << 21) + (in_a & 0x1ff000)));
    *pt_entry(&p, blk_va, 2) = 0;
    dsb(ishst);
    TLBI(vae1, ((blk_va + 0x1ff000) >> 12) | (ASID << 48));
    exc_catch_begin();
    (void)read_va(in_a);
    faults = exc_catch_end(&f);
    printf("block, its entry replaced in the TLB: before %lx, after TLBI of its last page: %u "
           "fault\n",
           first, faults);
    CHECK_EQ(first, 0xa);
    CHECK_EQ(faults, 1);
    return test_summary();
}
