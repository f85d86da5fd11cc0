/*
 * HCR_EL2.{NV, NV1} = {1, 1}: the EL1&0 stage 1 descriptors take the EL2 layout (Arm ARM D8.3 and
 * D8.14.3; pseudocode AArch64.S1DirectBasePermissions and AArch64.S1ApplyTablePerms with
 * walkparams.nv1; reference nv2-and-timer.md section 4.2), compared with QEMU:
 * - page descriptor bit 54 is PXN and bit 53 is RES0, the effective UXN is 0;
 * - AP[1] (bit 6) is treated as 0: no EL0 access, and a page that would be writable at EL0 is no
 *   longer privileged-execute-never for that reason;
 * - table descriptor bit 60 is PXNTable, bit 59 is RES0;
 * - LDTR/STTR at EL1 are privileged accesses (AArch64.IsUnprivAccessPriv: NVx<1:0> = 11).
 * The guest hypervisor at EL1 runs with its own stage 1 on (tables set by the host: SCTLR_EL1.M,
 * TTBR0_EL1) under NVx = 000, 001 (NV only: no change), 011 and 111 (NV2 changes nothing here).
 * Each access is an instruction fetch (BLR to a page holding RET), a load or a store; a fault is
 * taken to EL1 and reported with its EC, ISS and whether FAR is the address used.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "fgt_util.h"
#include "mmu_tables.h"

#define D_BIT53 (1ull << 53)
#define D_BIT54 (1ull << 54)

/* Window of test pages (VA), identity-mapped RAM below it. */
#define WIN    0x80000000ull
#define X54    (WIN + 0x0000) /* code page, bit 54 */
#define X53    (WIN + 0x1000) /* code page, bit 53 */
#define XAP01  (WIN + 0x2000) /* code page, AP 01 (EL0 read/write) */
#define XPLAIN (WIN + 0x3000) /* code page, no execute-never bit */
#define D00    (WIN + 0x4000) /* data page, AP 00: EL1 read/write, EL0 none */
#define D10    (WIN + 0x5000) /* AP 10: EL1 read-only, EL0 none */
#define D01    (WIN + 0x6000) /* AP 01: read/write at EL1 and EL0 */
#define D11    (WIN + 0x7000) /* AP 11: read-only at EL1 and EL0 */
#define T60    0x80200000ull  /* code page below a table descriptor with bit 60 set */
#define T59    0x80400000ull  /* code page below a table descriptor with bit 59 set */

static uint32_t xpage[1024] __attribute__((aligned(4096)));
static uint64_t dpage[512] __attribute__((aligned(4096)));
static struct pt p;

/* Routines on constant addresses, built without memory accesses (EL0 may read no RAM). */
#define MOVADDR(hi, lo)            "\tmovz x0, #" #hi ", lsl #16\n\tmovk x0, #" #lo "\n"
#define EXEC(name, hi, lo)         FGT_FN(name, MOVADDR(hi, lo) "\tmov x9, x30", "blr x0\n\tmov x30, x9")
#define ACCESS(name, hi, lo, insn) FGT_FN(name, MOVADDR(hi, lo), insn)

EXEC(exec_x54, 0x8000, 0x0000);
EXEC(exec_x53, 0x8000, 0x1000);
EXEC(exec_xap01, 0x8000, 0x2000);
EXEC(exec_xplain, 0x8000, 0x3000);
EXEC(exec_t60, 0x8020, 0x0000);
EXEC(exec_t59, 0x8040, 0x0000);
ACCESS(ldtr_d00, 0x8000, 0x4008, "ldtr x1, [x0]");
ACCESS(sttr_d00, 0x8000, 0x4010, "sttr xzr, [x0]");
ACCESS(ldtr_d01, 0x8000, 0x6008, "ldtr x1, [x0]");
ACCESS(sttr_d10, 0x8000, 0x5010, "sttr xzr, [x0]");
ACCESS(sttr_d11, 0x8000, 0x7010, "sttr xzr, [x0]");
ACCESS(str_d01, 0x8000, 0x6010, "str xzr, [x0]");
ACCESS(str_d10, 0x8000, 0x5010, "str xzr, [x0]");
ACCESS(ldr_d01, 0x8000, 0x6008, "ldr x1, [x0]");

struct access {
    const char *name;
    void (*fn)(void);
    unsigned el;
    uint64_t va;
    bool fetch;
    bool fault, fault_nv1; /* without / with {NV, NV1} = {1, 1} */
};

static const struct access accesses[] = {
    {"EL1 exec, page bit 54", exec_x54, 1, X54, true, false, true},
    {"EL1 exec, page bit 53", exec_x53, 1, X53, true, true, false},
    {"EL1 exec, page AP 01", exec_xap01, 1, XAP01, true, true, false},
    {"EL1 exec, page plain", exec_xplain, 1, XPLAIN, true, false, false},
    {"EL1 exec, table bit 60", exec_t60, 1, T60, true, false, true},
    {"EL1 exec, table bit 59", exec_t59, 1, T59, true, true, false},
    {"EL1 LDTR, AP 00", ldtr_d00, 1, D00 + 8, false, true, false},
    {"EL1 STTR, AP 00", sttr_d00, 1, D00 + 0x10, false, true, false},
    {"EL1 LDTR, AP 01", ldtr_d01, 1, D01 + 8, false, false, false},
    {"EL1 STTR, AP 10", sttr_d10, 1, D10 + 0x10, false, true, true},
    {"EL1 STTR, AP 11", sttr_d11, 1, D11 + 0x10, false, true, true},
    {"EL1 STR, AP 01", str_d01, 1, D01 + 0x10, false, false, false},
    {"EL1 STR, AP 10", str_d10, 1, D10 + 0x10, false, true, true},
    {"EL0 LDR, AP 01", ldr_d01, 0, D01 + 8, false, false, true},
    {"EL0 exec, page bit 54", exec_x54, 0, X54, true, true, false},
    {"EL0 exec, page bit 53", exec_x53, 0, X53, true, false, false},
    {"EL0 exec, table bit 60", exec_t60, 0, T60, true, true, false},
};

static const struct {
    const char *name;
    uint64_t hcr;
} cfgs[] = {
    {"000", 0},
    {"001", HCR_NV},
    {"011", HCR_NV | HCR_NV1},
    {"111", HCR_NV | HCR_NV1 | HCR_NV2},
};

static void map(void)
{
    uint64_t page = D_TABLE | D_ATTR(A_WB) | D_AF | D_SH_IN;
    uint64_t x = (uint64_t)(uintptr_t)xpage, d = (uint64_t)(uintptr_t)dpage;

    pt_init(&p, 12, 39, -1);
    pt_identity(&p, 0, 0x40000000, 1, D_ATTR(A_DEVICE) | D_AF | D_BIT53 | D_BIT54);
    /* RAM: EL1 read/write, executable at EL1 and EL0 in either layout. */
    pt_identity(&p, RAM_BASE, 0x40000000, 1, D_ATTR(A_WB) | D_AF | D_SH_IN);
    pt_set(&p, X54, 3, x | page | D_BIT54);
    pt_set(&p, X53, 3, x | page | D_BIT53);
    pt_set(&p, XAP01, 3, x | page | D_AP_EL0);
    pt_set(&p, XPLAIN, 3, x | page);
    pt_set(&p, D00, 3, d | page | D_BIT53 | D_BIT54);
    pt_set(&p, D10, 3, d | page | D_AP_RO | D_BIT53 | D_BIT54);
    pt_set(&p, D01, 3, d | page | D_AP_EL0 | D_BIT53 | D_BIT54);
    pt_set(&p, D11, 3, d | page | D_AP_EL0 | D_AP_RO | D_BIT53 | D_BIT54);
    pt_set(&p, T60, 3, x | page);
    pt_set(&p, T59, 3, x | page);
    *pt_entry(&p, T60, 2) |= 1ull << 60;
    *pt_entry(&p, T59, 2) |= 1ull << 59;
    dsb(ishst);
}

static void print_outcome(const struct fgt_result *t, uint64_t va)
{
    if (!t->taken) {
        printf("ok");
        return;
    }
    printf("EL%u EC 0x%02x ISS 0x%07lx FAR %s", t->last.el, (unsigned)ESR_EC(t->last.esr),
           (unsigned long)ESR_ISS(t->last.esr), t->last.far == va ? "ok" : "WRONG");
    if (t->taken != 1) printf(" (%u exceptions)", t->taken);
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    xpage[0] = 0xd65f03c0; /* RET */
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(xpage)
                     : "memory");
    for (unsigned i = 0; i < 512; i++)
        dpage[i] = 0x1000 + i;
    map();

    /* The guest hypervisor's EL1&0 regime: 4 KiB granule, 39-bit VAs, TTBR1 walks disabled. */
    write_sysreg(MAIR_TEST, mair_el1);
    write_sysreg(25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (5ull << 32),
                 tcr_el1);
    write_sysreg((uintptr_t)p.root, ttbr0_el1);
    write_sysreg((uint64_t)fgt_el1_vectors, vbar_el1);
    isb();
    write_sysreg(read_sysreg(sctlr_el1) | 0x1005, sctlr_el1); /* M, C, I */
    isb();

    for (unsigned i = 0; i < sizeof accesses / sizeof accesses[0]; i++) {
        const struct access *a = &accesses[i];
        printf("%-24s", a->name);
        for (unsigned c = 0; c < sizeof cfgs / sizeof cfgs[0]; c++) {
            bool nv1 = (cfgs[c].hcr & (HCR_NV | HCR_NV1)) == (HCR_NV | HCR_NV1);
            bool fault = nv1 ? a->fault_nv1 : a->fault;
            /* NV1 may be cached in TLB entries (Arm ARM I_WHFTT): invalidate between layouts. */
            __asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
            struct fgt_result t = fgt_run(a->fn, a->fn, a->el, cfgs[c].hcr);
            printf(" | %s ", cfgs[c].name);
            print_outcome(&t, a->va);
            if (!fault) {
                CHECK_EQ(t.taken, 0);
                continue;
            }
            unsigned ec = a->fetch ? (a->el ? EC_IABT_CURRENT : EC_IABT_LOWER)
                                   : (a->el ? EC_DABT_CURRENT : EC_DABT_LOWER);
            if (CHECK_EQ(t.taken, 1)) {
                CHECK_EQ(t.last.el, 1);
                CHECK_EQ(ESR_EC(t.last.esr), ec);
                CHECK_EQ(ESR_ISS(t.last.esr) & 0x3f, 0x0f); /* Permission fault, level 3 */
                CHECK_EQ(t.last.far, a->va);
            }
        }
        printf("\n");
    }
    write_sysreg(read_sysreg(sctlr_el1) & ~0x1005ull, sctlr_el1);
    isb();
    return test_summary();
}
