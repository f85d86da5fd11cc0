/*
 * Stage 2: the guest's IPA space (Arm ARM D8, VMSAv8-64 stage 2 translation).
 *
 * 4 KiB granule, 39-bit IPA (VTCR_EL2.T0SZ = 25), walks start at level 1 (SL0 = 1): 512 level-1
 * entries of 1 GiB, level-2 tables, level-3 pages. Guest RAM is mapped page by page on first
 * touch, as KVM does: the VM starts with an empty stage 2, and a translation fault on an IPA in
 * guest RAM maps that page. Devices (the UART page, the GIC frames) are never mapped, so every
 * access to them traps (mmio.c).
 *
 * Cache maintenance follows KVM (reference kvm-behaviour.md section 4): before a new page becomes
 * visible to the guest it is cleaned and invalidated to the Point of Coherency (DC CIVAC per line)
 * unless stage 2 forces Write-Back (HCR_EL2.FWB: the guest can then only access it cacheably);
 * pages are mapped executable only on an instruction fetch (or always when CTR_EL0.DIC = 1), and a
 * page that becomes executable has its instruction cache lines invalidated (IC IVAU) unless DIC.
 */
#include "hyp.h"

#define DESC_VALID        1ull
#define DESC_TABLE        3ull          /* levels 1-2: next-level table; level 3: page */
#define S2_MEMATTR_WB     (0xfull << 2) /* Normal, Inner and Outer Write-Back (FWB = 0) */
#define S2_MEMATTR_FWB_WB (0x6ull << 2) /* FWB = 1: Normal Write-Back, forced (D8.6.6) */
#define S2_AP_RW          (3ull << 6)
#define S2_SH_INNER       (3ull << 8)
#define S2_AF             (1ull << 10)
#define S2_XN             (1ull << 54) /* XN[1:0] = 0b10: not executable at EL1 or EL0 */
#define DESC_ADDR         0x0000fffffffff000ull
#define PAGE_SIZE         4096ull

/* VTCR_EL2 (D24.2.213): T0SZ 25, SL0 1, walks Inner/Outer WB cacheable, Inner Shareable. */
#define VTCR_T0SZ 25ull
#define VTCR_SL0  (1ull << 6)
#define VTCR_WALK ((1ull << 8) | (1ull << 10) | (3ull << 12))
#define VTCR_RES1 (1ull << 31)

static uint64_t *root, vtcr;
static volatile int s2_lock; /* vCPUs fault in parallel */
static uint64_t pool_next = HOST_POOL_PA;
static uint64_t ctr;
static bool fwb;

static uint64_t *alloc_table(void)
{
    if (pool_next + PAGE_SIZE > HOST_POOL_PA + HOST_POOL_SIZE)
        hyp_panic("out of stage-2 table memory");
    uint64_t *t = (uint64_t *)(uintptr_t)pool_next;
    pool_next += PAGE_SIZE;
    memset(t, 0, PAGE_SIZE);
    return t;
}

static unsigned dline(void)
{
    return 4u << ((ctr >> 16) & 0xf); /* CTR_EL0.DminLine: log2 words */
}

static unsigned iline(void)
{
    return 4u << (ctr & 0xf); /* CTR_EL0.IminLine */
}

static bool dic(void)
{
    return ctr & (1ull << 29);
}

/*
 * DC CIVAC over a range of the host's (identity, cacheable) mapping, then DSB. The loops count
 * their lines once, after the loop, so that they cost what KVM's do (experiment 1 counts them).
 */
void dcache_clean_inval_range(uint64_t va, uint64_t size)
{
    uint64_t line = dline(), start = va & ~(line - 1), a;

    for (a = start; a < va + size; a += line)
        __asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
    dsb(ish);
    vm.st.dc_civac_lines += (a - start) / line;
}

/* IC IVAU over a range: instruction fetch sees what is at the Point of Unification. */
static void icache_inval_range(uint64_t va, uint64_t size)
{
    uint64_t line = iline(), start = va & ~(line - 1), a;

    for (a = start; a < va + size; a += line)
        __asm__ volatile("ic ivau, %0" ::"r"(a) : "memory");
    dsb(ish);
    isb();
    vm.st.ic_ivau_lines += (a - start) / line;
}

/* IC IALLUIS, unless the instruction cache needs no invalidation (CTR_EL0.DIC). */
void icache_inval_all(void)
{
    if (dic()) return;
    __asm__ volatile("ic ialluis\n\tdsb ish\n\tisb" ::: "memory");
    vm.st.ic_iallu++;
}

void s2_init(void)
{
    unsigned parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
    uint64_t ps = parange < 2 ? parange : 2; /* 40-bit output addresses are plenty */

    ctr = read_sysreg(ctr_el0);
    fwb = vm.policy == REINIT_FWB;
    if (fwb && !((read_sysreg(id_aa64mmfr2_el1) >> 40) & 0xf))
        hyp_panic("policy=fwb needs FEAT_S2FWB");
    root = alloc_table();
    vm.vttbr = (uint64_t)(uintptr_t)root;
    vtcr = VTCR_RES1 | ps << 16 | VTCR_WALK | VTCR_SL0 | VTCR_T0SZ;
    vm.hcr = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU | HCR_TSC | HCR_RW |
             HCR_E2H | HCR_APK | HCR_API | (fwb ? HCR_FWB : 0);
}

/* This physical CPU's stage-2 controls (each CPU has its own VTCR_EL2). */
void s2_cpu_init(void)
{
    write_sysreg(vtcr, vtcr_el2);
    s2_activate(1);
}

/* Stage 2 of the VM with this VMID (VTTBR_EL2.VMID, bits 55:48). */
void s2_activate(unsigned vmid)
{
    write_sysreg(vm.vttbr | (uint64_t)vmid << 48, vttbr_el2);
    isb();
}

/* The level-3 entry for ipa, creating tables on the way when `create`; NULL if absent. */
static uint64_t *s2_pte(uint64_t ipa, bool create)
{
    uint64_t *table = root;

    for (unsigned level = 1; level < 3; level++) {
        uint64_t *e = &table[(ipa >> (39 - 9 * level)) & 511];
        if (!(*e & DESC_VALID)) {
            if (!create) return NULL;
            uint64_t *next = alloc_table();
            dsb(ishst);
            *e = (uint64_t)(uintptr_t)next | DESC_TABLE;
        }
        table = (uint64_t *)(uintptr_t)(*e & DESC_ADDR);
    }
    return &table[(ipa >> 12) & 511];
}

static bool in_ram(uint64_t ipa)
{
    return ipa >= GUEST_RAM_IPA && ipa - GUEST_RAM_IPA < vm.ram_size;
}

static uint64_t ipa_to_pa(uint64_t ipa)
{
    return GUEST_RAM_PA + (ipa - GUEST_RAM_IPA);
}

/*
 * Drops stage-2 TLB entries, and the combined stage 1+2 ones, of every VMID this VM uses (1 for
 * the guest, 2 for a guest hypervisor's guest: nested.c), then restores VMID 1 or the current.
 */
void s2_tlbi_all(void)
{
    uint64_t vttbr = read_sysreg(vttbr_el2);

    dsb(ishst);
    for (unsigned vmid = 1; vmid <= 2; vmid++) {
        s2_activate(vmid);
        __asm__ volatile("tlbi vmalls12e1is" ::: "memory");
        vm.st.tlbi++;
    }
    dsb(ish);
    write_sysreg(vttbr, vttbr_el2);
    isb();
}

/* One page, as a stage-2 fault asks. */
static void map_page(uint64_t ipa, bool exec)
{
    uint64_t pa = ipa_to_pa(ipa), *pte = s2_pte(ipa, true);

    /* The page must be clean at the PoC before the guest can reach it (kvm-behaviour.md 4.4). */
    if (!fwb) dcache_clean_inval_range(pa, PAGE_SIZE);
    exec |= dic();
    if (exec && !dic()) icache_inval_range(pa, PAGE_SIZE);
    *pte = pa | (fwb ? S2_MEMATTR_FWB_WB : S2_MEMATTR_WB) | S2_AP_RW | S2_SH_INNER | S2_AF |
           (exec ? 0 : S2_XN) | DESC_TABLE;
    dsb(ishst);
    vm.st.s2_maps++;
}

bool s2_handle_fault(struct vcpu *v, uint64_t ipa, uint64_t esr)
{
    unsigned fsc = FSC_TYPE(esr);
    bool exec = ESR_EC(esr) == EC_IABT_LOWER;

    (void)v;
    if (!in_ram(ipa)) return false;
    /* Walks start at level 1: a level-0 fault means broken stage-2 controls, not a missing page. */
    if ((esr & 3) == 0 && fsc != FSC_PERMISSION)
        hyp_panic("stage-2 fault at level 0 (ESR 0x%lx): VTCR_EL2 0x%lx", esr,
                  read_sysreg(vtcr_el2));
    ipa &= ~(PAGE_SIZE - 1);
    hyp_lock(&s2_lock);
    vm.st.s2_faults++;
    uint64_t *pte = s2_pte(ipa, false);
    if (fsc == FSC_PERMISSION && exec && pte && (*pte & S2_XN)) {
        /* First execution of a page mapped on a data access: invalidate, then allow. */
        vm.st.s2_perm_faults++;
        icache_inval_range(ipa_to_pa(ipa), PAGE_SIZE);
        *pte &= ~S2_XN;
        dsb(ishst);
        __asm__ volatile(
            "tlbi ipas2e1is, %0\n\tdsb ish\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::"r"(ipa >> 12)
            : "memory");
        vm.st.tlbi++;
    } else if (fsc == FSC_PERMISSION) {
        hyp_panic("stage-2 permission fault at IPA 0x%lx, ESR 0x%lx", ipa, esr);
    } else if (!pte || !(*pte & DESC_VALID)) {
        /* (Another vCPU may have mapped the page meanwhile: then there is nothing to do.) */
        map_page(ipa, exec);
    }
    hyp_unlock(&s2_lock);
    return true;
}

/* Calls fn on each valid leaf (with its IPA). */
static void s2_walk(void (*fn)(uint64_t *pte, uint64_t ipa))
{
    for (unsigned i = 0; i < 512; i++) {
        if (!(root[i] & DESC_VALID)) continue;
        uint64_t *l2 = (uint64_t *)(uintptr_t)(root[i] & DESC_ADDR);
        for (unsigned j = 0; j < 512; j++) {
            if (!(l2[j] & DESC_VALID)) continue;
            uint64_t *l3 = (uint64_t *)(uintptr_t)(l2[j] & DESC_ADDR);
            for (unsigned k = 0; k < 512; k++)
                if (l3[k] & DESC_VALID)
                    fn(&l3[k], (uint64_t)i << 30 | (uint64_t)j << 21 | (uint64_t)k << 12);
        }
    }
}

static bool unmap_clean;

static void unmap_leaf(uint64_t *pte, uint64_t ipa)
{
    *pte = 0;
    /* KVM's unmap walker cleans each cacheable page it removes, unless FWB (4.3). */
    if (unmap_clean && !fwb) dcache_clean_inval_range(ipa_to_pa(ipa), PAGE_SIZE);
    vm.st.s2_unmaps++;
}

/* Removes every page of guest RAM from stage 2 (break: invalid, then TLB invalidation). */
void s2_unmap_all(bool clean)
{
    unmap_clean = clean;
    s2_walk(unmap_leaf);
    s2_tlbi_all();
}

static void flush_leaf(uint64_t *pte, uint64_t ipa)
{
    (void)pte;
    dcache_clean_inval_range(ipa_to_pa(ipa), PAGE_SIZE);
}

/* Cleans and invalidates every mapped page to the PoC, keeping stage 2 (KVM's stage2_flush_vm). */
void s2_flush_all(void)
{
    if (!fwb) s2_walk(flush_leaf);
}
