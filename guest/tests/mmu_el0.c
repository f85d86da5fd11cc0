/*
 * EL0 and unprivileged accesses in the EL1&0 regime, set up from EL2 and run
 * with run_at_el0 / run_at_el1: AP[2:1] seen from EL0 and EL1, APTable[0]
 * (no EL0 access below a table), LDTR/STTR with EL0 permissions, and code
 * that EL0 may execute but not read (AP[1] = 0 without UXN).
 */
#include "mmu_tables.h"

#define WIN       0x80000000ull /* pages of `data`, with different permissions */
#define WIN_NOEL0 0xA0000000ull /* below a table with APTable[0] = 1 */

static volatile uint64_t data[512] __attribute__((aligned(4096)));
static struct pt p;

#define AT(off) (*(volatile uint64_t *)(uintptr_t)(WIN + (off)))

/* EL0: results go to the page EL0 may write (WIN + 0x1xx = data[0x20...]). */
static void el0_read_rw(void)
{
    AT(0x100) = AT(0x008);
}
static void el0_read_el1_only(void)
{
    AT(0x108) = AT(0x1008);
}
static void el0_write_readonly(void)
{
    AT(0x2010) = 1;
}
static void el0_read_readonly(void)
{
    AT(0x110) = AT(0x2008);
}
static void el0_read_el1_readonly(void)
{
    AT(0x118) = AT(0x3008);
}
static void el0_read_no_el0_table(void)
{
    AT(0x120) = *(volatile uint64_t *)(uintptr_t)(WIN_NOEL0 + 8);
}

/* EL1 */
static void el1_ldtr(void)
{
    uint64_t v;
    __asm__ volatile("ldtr %0, [%1]" : "=r"(v) : "r"(WIN + 0x1008) : "memory");
}
static void el1_sttr(void)
{
    __asm__ volatile("sttr xzr, [%0]" : : "r"(WIN + 0x3010) : "memory");
}
static void el1_write_el1_readonly(void)
{
    AT(0x3010) = 1;
}
static void el1_read_no_el0_table(void)
{
    AT(0x128) = *(volatile uint64_t *)(uintptr_t)(WIN_NOEL0 + 8);
}

static void report(const char *what, struct lower_result r, uint64_t va)
{
    if (r.taken == 0) {
        printf("%-30s no exception\n", what);
        return;
    }
    printf("%-30s taken %u to EL%u, EC 0x%02x ISS 0x%07lx FAR %s\n", what, r.taken, r.last.el,
           (unsigned)ESR_EC(r.last.esr), (unsigned long)ESR_ISS(r.last.esr),
           r.last.far == va ? "ok" : "WRONG");
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    for (unsigned i = 0; i < 512; i++)
        data[i] = 0x1000 + i;
    uint64_t pa = (uint64_t)(uintptr_t)data, page = D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN;
    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_XN | D_PXN);
    /* RAM: EL1 only, executable at both ELs (EL0 may execute the library code it runs). */
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    pt_set(&p, WIN, 3, pa | page | D_AP_EL0 | D_XN);
    pt_set(&p, WIN + 0x1000, 3, pa | page | D_XN);
    pt_set(&p, WIN + 0x2000, 3, pa | page | D_AP_EL0 | D_AP_RO | D_XN);
    pt_set(&p, WIN + 0x3000, 3, pa | page | D_AP_RO | D_XN);
    pt_set(&p, WIN_NOEL0, 3, pa | page | D_AP_EL0 | D_XN);
    *pt_entry(&p, WIN_NOEL0, 2) |= 1ull << 61; /* APTable[0] */
    dsb(ishst);

    write_sysreg(MAIR_TEST, mair_el1);
    write_sysreg(25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (5ull << 32),
                 tcr_el1);
    write_sysreg((uintptr_t)p.root, ttbr0_el1);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
    write_sysreg(read_sysreg(sctlr_el1) | 0x1005, sctlr_el1);
    isb();

    report("EL0 read, AP 01", run_at_el0(el0_read_rw, 0), 0);
    report("EL0 read, AP 00", run_at_el0(el0_read_el1_only, 0), WIN + 0x1008);
    report("EL0 write, AP 11", run_at_el0(el0_write_readonly, 0), WIN + 0x2010);
    report("EL0 read, AP 11", run_at_el0(el0_read_readonly, 0), 0);
    report("EL0 read, AP 10", run_at_el0(el0_read_el1_readonly, 0), WIN + 0x3008);
    report("EL0 read, APTable[0]", run_at_el0(el0_read_no_el0_table, 0), WIN_NOEL0 + 8);
    report("EL1 LDTR, AP 00", run_at_el1(el1_ldtr, 0), WIN + 0x1008);
    report("EL1 STTR, AP 10", run_at_el1(el1_sttr, 0), WIN + 0x3010);
    report("EL1 write, AP 10", run_at_el1(el1_write_el1_readonly, 0), WIN + 0x3010);
    report("EL1 read, APTable[0]", run_at_el1(el1_read_no_el0_table, 0), 0);
    /* EL0 wrote them with its caches on; EL2 reads them with its MMU off. */
    dcache_clean_inval_poc(data, sizeof data);
    CHECK_EQ(data[0x20], 0x1001);
    CHECK_EQ(data[0x22], 0x1001);
    CHECK_EQ(data[0x25], 0x1001);
    CHECK_EQ(data[2], 0x1002);
    return test_summary();
}
