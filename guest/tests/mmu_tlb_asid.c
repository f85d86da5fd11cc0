/*
 * ASID-tagged TLB entries at EL1: a non-global translation cached under one
 * ASID survives a switch to another ASID and back; TLBI by VA with another
 * ASID leaves it; TLBI ASIDE1 removes it but not global entries, which match
 * every ASID; TLBI VAAE1 removes those.
 *
 * guest-test-machine: virt,gic-version=3
 * guest-test-qemu: skip QEMU empties its TLB when the ASID in TTBR0_EL1 changes and ignores ASIDs
 * in TLBI
 */
#include "mmu_tables.h"

#define TEST_VA 0x80000000ull

static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_b[512] __attribute__((aligned(4096)));
static struct pt p;

static uint64_t read_va(uint64_t va)
{
    return *(volatile uint64_t *)(uintptr_t)va;
}

static void set_page(uint64_t va, volatile uint64_t *page, bool global)
{
    *pt_entry(&p, va, 3) =
        (uint64_t)(uintptr_t)page | D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN | (global ? 0 : D_NG);
    dsb(ishst);
}

static void use_asid(uint64_t asid)
{
    write_sysreg((uintptr_t)p.root | (asid << 48), ttbr0_el1);
    isb();
}

#define TLBI(op, arg) __asm__ volatile("tlbi " #op ", %0\n\tdsb ish\n\tisb" : : "r"(arg) : "memory")

int main(void)
{
    CHECK_EQ(current_el(), 1);
    page_a[0] = 0xa;
    page_b[0] = 0xb;
    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    pt_set(&p, TEST_VA, 3, 0);
    set_page(TEST_VA, page_a, false);
    set_page(TEST_VA + 0x1000, page_a, true);

    pt_enable_el1(&p, 7);

    /* Non-global: one entry per ASID. */
    CHECK_EQ(read_va(TEST_VA), 0xa);
    set_page(TEST_VA, page_b, false);
    use_asid(0x1234);
    CHECK_EQ(read_va(TEST_VA), 0xb); /* a new walk for the new ASID */
    use_asid(7);
    CHECK_EQ(read_va(TEST_VA), 0xa); /* ASID 7's entry is still there */
    TLBI(vae1, (TEST_VA >> 12) | (0x1234ull << 48));
    CHECK_EQ(read_va(TEST_VA), 0xa); /* another ASID's TLBI */
    TLBI(aside1, 7ull << 48);
    CHECK_EQ(read_va(TEST_VA), 0xb);

    /* Global: one entry for every ASID. */
    CHECK_EQ(read_va(TEST_VA + 0x1000), 0xa);
    set_page(TEST_VA + 0x1000, page_b, true);
    use_asid(0x1234);
    CHECK_EQ(read_va(TEST_VA + 0x1000), 0xa);
    TLBI(aside1, 0x1234ull << 48);
    CHECK_EQ(read_va(TEST_VA + 0x1000), 0xa); /* ASIDE1 keeps global entries */
    TLBI(vaae1, (TEST_VA + 0x1000) >> 12);
    CHECK_EQ(read_va(TEST_VA + 0x1000), 0xb);
    return test_summary();
}
