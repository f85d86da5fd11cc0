/*
 * FEAT_NV2: how the transformed accesses to the VNCR page are translated and how they fault
 * (issue 11; Arm ARM VNCR_EL2 and the NV2 memory-access pseudocode; reference nv2-and-timer.md
 * sections 5.1, 5.2 and 8). A guest hypervisor at EL1 (NVx = 111 and 101) does MSR VTTBR_EL2
 * (slot 0x020, a store) and MRS HCR_EL2 (slot 0x078, a load) with VNCR_EL2 pointing at:
 *   - with the EL2 MMU on, host E2H = 0 (EL2 regime): a mapped page, an unmapped page
 *     (translation fault, level 3), a read-only page (permission fault on the store), a page with
 *     AF = 0 (access flag fault), and an address above TTBR0_EL2's range (translation fault,
 *     level 0: the EL2 regime has no TTBR1);
 *   - with the EL2 MMU on, host E2H = 1 (EL2&0 regime): that upper address, now mapped through
 *     TTBR1_EL2 (succeeds: the access uses the host's EL2&0 regime), and the unmapped and
 *     read-only pages;
 *   - with the EL2 MMU off: 0xFFFFFFFFFFFFF000 (above the PA range: address size fault, level 0),
 *     0x20000000000 (no memory there: synchronous external abort) and the page itself.
 * A fault must be taken to EL2 as a Data Abort with EC 0x25, ISV = 0, ISS.VNCR (bit 13) = 1, the
 * WnR of the access, FAR_EL2 = VNCR_EL2 + offset, and the MRS/MSR as preferred return address.
 * Also: VNCR_EL2 bits [11:0] are RES0.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "nv_util.h"

#define SCTLR_M   (1ull << 0)
#define SCTLR_A   (1ull << 1)
#define SCTLR_C   (1ull << 2)
#define SCTLR_I   (1ull << 12)
#define SCTLR_WXN (1ull << 19)
#define SCTLR_EE  (1ull << 25)

/* Descriptors (Arm ARM D8.3, 4 KiB granule). */
#define D_BLOCK   1ull
#define D_TABLE   3ull
#define D_PAGE    3ull
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP1     (1ull << 6)
#define D_AP2     (1ull << 7) /* read-only */
#define D_SH_IN   (3ull << 8)
#define D_AF      (1ull << 10)
#define D_PXN     (1ull << 53)
#define D_XN      (1ull << 54)

/* Upper VA range with T1SZ = 25: 0xFFFFFF8000000000 + x reaches PA x for x in 1-2 GiB. */
#define UPPER_VA_BASE 0xffffff8000000000ull

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l1_upper[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
/* The special pages: in one 2 MiB region, which l3 maps page by page. */
enum { PG_UNMAPPED, PG_RO, PG_NOAF, NPAGES };
static uint64_t pages[4][512] __attribute__((aligned(16384)));

/*
 * Identity map of 0-4 GiB (Device below 1 GiB), Normal Non-cacheable so that the MMU-off guest and
 * the host see the same memory without cache maintenance.
 */
static void build_tables(bool e2h)
{
    uint64_t ap1 = e2h ? 0 : D_AP1; /* E2H = 1: EL0 no access (else privileged execute-never) */
    uint64_t normal = D_ATTR(1) | D_AF | D_SH_IN | ap1;
    uint64_t region = (uint64_t)pages & ~0x1fffffull;

    for (unsigned i = 0; i < 512; i++) {
        l1[i] = l1_upper[i] = l2[i] = 0;
        l3[i] = D_PAGE | normal | (region + i * 4096ull);
    }
    l1[0] = D_BLOCK | D_ATTR(0) | D_AF | ap1 | D_XN | D_PXN;
    l1[1] = D_TABLE | (uint64_t)l2;
    l1[2] = D_BLOCK | normal | (2ull << 30);
    l1[3] = D_BLOCK | normal | (3ull << 30);
    for (unsigned i = 0; i < 512; i++)
        l2[i] = D_BLOCK | normal | ((1ull << 30) + i * (2ull << 20));
    l2[(region >> 21) & 511] = D_TABLE | (uint64_t)l3;
    unsigned first = ((uint64_t)pages >> 12) & 511;
    l3[first + PG_UNMAPPED] = 0;
    l3[first + PG_RO] |= D_AP2;
    l3[first + PG_NOAF] &= ~D_AF;
    if (e2h) l1_upper[1] = D_TABLE | (uint64_t)l2;
    dsb(sy);
}

/* EL2 MMU on (EL2 regime, or EL2&0 with E2H = 1: the host then stays VHE), caches off. */
static void mmu_on(bool e2h)
{
    build_tables(e2h);
    write_sysreg(0x4400, mair_el2); /* Attr0 Device-nGnRnE, Attr1 Normal Non-cacheable */
    if (e2h) {
        nv.host_hcr = HCR_RW | HCR_E2H;
        write_sysreg(nv.host_hcr, hcr_el2);
        isb();
        write_sysreg(3ull << 20, cptr_el2); /* FPEN, E2H = 1 layout */
        /* T0SZ = T1SZ = 25, TG0 = 4 KiB, TG1 = 4 KiB (0b10), IPS = 40 bits */
        write_sysreg(25ull | 25ull << 16 | 2ull << 30 | 2ull << 32, tcr_el2);
        write_sysreg((uint64_t)l1_upper, ttbr1_el2);
    } else {
        /* T0SZ = 25, PS = 40 bits, RES1 bits 31 and 23 */
        write_sysreg(25ull | 2ull << 16 | 1ull << 31 | 1ull << 23, tcr_el2);
    }
    write_sysreg((uint64_t)l1, ttbr0_el2);
    isb();
    __asm__ volatile("tlbi alle2\n\tdsb sy\n\tisb" ::: "memory");
    uint64_t sctlr = read_sysreg(sctlr_el2) & ~(SCTLR_A | SCTLR_C | SCTLR_I | SCTLR_WXN | SCTLR_EE);
    write_sysreg(sctlr | SCTLR_M, sctlr_el2);
    isb();
}

static void mmu_off(void)
{
    write_sysreg(read_sysreg(sctlr_el2) & ~SCTLR_M, sctlr_el2);
    isb();
    __asm__ volatile("tlbi alle2\n\tdsb sy\n\tisb" ::: "memory");
    if (nv.host_hcr & HCR_E2H) {
        nv.host_hcr = 0;
        write_sysreg(HCR_RW, hcr_el2);
        isb();
        write_sysreg(0x33ff, cptr_el2);
        isb();
    }
}

static void fill(uint64_t *page)
{
    for (unsigned i = 0; i < 512; i++)
        page[i] = nv_pattern(i * 8);
    dsb(sy);
}

struct acc {
    const char *name;
    bool read;
    unsigned off;
    uint8_t op0, op1, crn, crm, op2;
};
static const struct acc acc_w = {"MSR VTTBR_EL2", false, 0x020, 3, 4, 2, 1, 0};
static const struct acc acc_r = {"MRS HCR_EL2", true, 0x078, 3, 4, 1, 1, 0};

static const struct {
    const char *name;
    uint64_t hcr;
} cfgs[2] = {{"111", HCR_NV | HCR_NV1 | HCR_NV2}, {"101", HCR_NV | HCR_NV2}};

#define WVAL 0x0123456789abcdefull

/*
 * One access with VNCR_EL2 = vncr. dfsc < 0: it must complete (host_page, if not NULL, is the page
 * the host sees behind vncr, to check the data); else it must fault with that DFSC.
 */
static void try_access(const char *what, unsigned c, uint64_t vncr, const struct acc *a, int dfsc,
                       uint64_t *host_page)
{
    write_sysreg(vncr, VNCR_EL2);
    isb();
    nv_patch(nv_insn(a->op0, a->op1, a->crn, a->crm, a->op2, a->read, 0));
    nv_value = a->read ? 0x0bad0bad0bad0badull : WVAL;
    nv.hcr = cfgs[c].hcr;
    nv_run(nv_call_code);
    printf("%-22s %s %-13s: ", what, cfgs[c].name, a->name);
    if (!nv.taken) {
        if (a->read) {
            int off = nv_pattern_offset(nv_value);
            if (off >= 0)
                printf("read slot 0x%03x\n", off);
            else
                printf("read 0x%lx\n", nv_value);
            CHECK_EQ(off, a->off);
        } else {
            bool stored = host_page && host_page[a->off / 8] == WVAL;
            printf("stored%s\n", stored ? "" : " (not in the slot)");
            CHECK(stored);
            if (host_page) fill(host_page);
        }
        CHECK(dfsc < 0);
        return;
    }
    const struct nv_event *e = &nv.last;
    uint64_t esr = e->esr;
    printf("EL%u ESR 0x%08lx FAR VNCR+0x%03lx ELR %s SPSR.M 0x%lx\n", e->el, esr, e->far - vncr,
           e->elr == (uint64_t)nv_code ? "= access" : "elsewhere", e->spsr & 0xf);
    CHECK_EQ(nv.taken, 1);
    CHECK_EQ(e->el, 2);
    CHECK_EQ(ESR_EC(esr), EC_DABT_CURRENT);
    CHECK(esr & ESR_IL);
    CHECK_EQ((esr >> 24) & 1, 0);              /* ISV */
    CHECK_EQ((esr >> 13) & 1, 1);              /* VNCR */
    CHECK_EQ((esr >> 6) & 1, a->read ? 0 : 1); /* WnR */
    CHECK_EQ(esr & 0x3f, (uint64_t)dfsc);
    CHECK_EQ(e->far, vncr + a->off);
    CHECK_EQ(e->elr, (uint64_t)nv_code);
    CHECK_EQ(e->spsr & 0xf, 0x5); /* taken from EL1h */
}

static void both(const char *what, uint64_t vncr, int dfsc_r, int dfsc_w, uint64_t *host_page)
{
    for (unsigned c = 0; c < 2; c++) {
        try_access(what, c, vncr, &acc_w, dfsc_w, host_page);
        try_access(what, c, vncr, &acc_r, dfsc_r, host_page);
    }
}

/* DFSC values (Arm ARM D24.2, ESR_ELx ISS for Data Aborts). */
#define DFSC_ADDR_SIZE_L0 0x00
#define DFSC_TRANS_L0     0x04
#define DFSC_TRANS_L3     0x07
#define DFSC_AF_L3        0x0b
#define DFSC_PERM_L3      0x0f
#define DFSC_SEA          0x10

int main(void)
{
    uint64_t page = (uint64_t)nv_page;

    CHECK_EQ(current_el(), 2);
    write_sysreg(page | 0xfff, VNCR_EL2);
    isb();
    printf("VNCR_EL2 written with bits [11:0] set reads back %s\n",
           read_sysreg(VNCR_EL2) == page ? "without them" : "with them");
    CHECK_EQ(read_sysreg(VNCR_EL2), page);

    nv_fill_page();
    for (unsigned i = 0; i < NPAGES; i++)
        fill(pages[i]);

    mmu_on(false);
    both("EL2 MMU: mapped", page, -1, -1, nv_page);
    both("EL2 MMU: unmapped", (uint64_t)pages[PG_UNMAPPED], DFSC_TRANS_L3, DFSC_TRANS_L3, NULL);
    both("EL2 MMU: read-only", (uint64_t)pages[PG_RO], -1, DFSC_PERM_L3, pages[PG_RO]);
    both("EL2 MMU: AF = 0", (uint64_t)pages[PG_NOAF], DFSC_AF_L3, DFSC_AF_L3, NULL);
    both("EL2 MMU: upper VA", UPPER_VA_BASE + page, DFSC_TRANS_L0, DFSC_TRANS_L0, NULL);
    mmu_off();

    nv.e2h = true;
    mmu_on(true);
    both("EL2&0 MMU: upper VA", UPPER_VA_BASE + page, -1, -1, nv_page);
    both("EL2&0 MMU: unmapped", (uint64_t)pages[PG_UNMAPPED], DFSC_TRANS_L3, DFSC_TRANS_L3, NULL);
    both("EL2&0 MMU: read-only", (uint64_t)pages[PG_RO], -1, DFSC_PERM_L3, pages[PG_RO]);
    mmu_off();
    nv.e2h = false;

    both("MMU off: 0xfff..f000", 0xfffffffffffff000ull, DFSC_ADDR_SIZE_L0, DFSC_ADDR_SIZE_L0, NULL);
    both("MMU off: 0x200..0000", 0x20000000000ull, DFSC_SEA, DFSC_SEA, NULL);
    both("MMU off: page", page, -1, -1, nv_page);

    return test_summary();
}
