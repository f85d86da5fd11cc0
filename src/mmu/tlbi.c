#include "mmu/tlbi.h"

/* Whether an entry of size 2^bits covering page e_page holds page (pages of 4 KiB,
 * compared over VA[55:12] / IPA[55:12]). */
static bool covers(uint64_t e_page, unsigned bits, uint64_t page)
{
    uint64_t mask = ones(44) & ~ones(bits > PAGE_BITS ? bits - PAGE_BITS : 0);
    return ((e_page ^ page) & mask) == 0;
}

static void drop(tlbe_t *e)
{
    e->va = TLB_INVALID;
}

void tlbi_va(cpu_t *cpu, unsigned regime, uint16_t vmid, uint32_t asid, uint64_t va_page)
{
    tlb_t *t = &cpu->tlb;
    /* Pieces of a larger translation may sit in any set: scan all only when there may be one
     * holding the page. */
    bool all = tlb_large_may_hold(t, va_page);
    unsigned first = all ? 0 : TC_WAYS * (unsigned)(va_page & (TC_SETS - 1));
    unsigned last = all ? TC_ENTRIES : first + TC_WAYS;
    for (unsigned i = first; i < last; i++) {
        tlbe_t *e = &t->tc[i];
        if (e->va == TLB_INVALID || e->regime != regime) continue;
        if (regime == REGIME_EL10 && e->vmid != vmid) continue;
        if (asid != TLBI_ANY_ASID && e->ng && e->asid != asid) continue;
        if (covers(e->va, e->s1_bits, va_page)) {
            tlb_flush_fast_page(t, e->va);
            drop(e);
        }
    }
    /* The page's fast-path slots may hold a translation whose entry was replaced since. */
    tlb_flush_fast_page(t, va_page);
}

void tlbi_asid(cpu_t *cpu, unsigned regime, uint16_t vmid, uint16_t asid)
{
    tlb_t *t = &cpu->tlb;
    for (unsigned i = 0; i < TC_ENTRIES; i++) {
        tlbe_t *e = &t->tc[i];
        if (e->va != TLB_INVALID && e->regime == regime && e->ng && e->asid == asid &&
            (regime != REGIME_EL10 || e->vmid == vmid))
            drop(e);
    }
    tlb_flush_fast(t);
}

void tlbi_vmid(cpu_t *cpu, uint16_t vmid, bool stage2)
{
    tlb_t *t = &cpu->tlb;
    for (unsigned i = 0; i < TC_ENTRIES; i++)
        if (t->tc[i].regime == REGIME_EL10 && t->tc[i].vmid == vmid) drop(&t->tc[i]);
    if (stage2)
        for (unsigned i = 0; i < S2C_ENTRIES; i++)
            if (t->s2c[i].vmid == vmid) drop(&t->s2c[i]);
    tlb_flush_fast(t);
}

void tlbi_el10(cpu_t *cpu)
{
    tlb_t *t = &cpu->tlb;
    for (unsigned i = 0; i < TC_ENTRIES; i++)
        if (t->tc[i].regime == REGIME_EL10) drop(&t->tc[i]);
    for (unsigned i = 0; i < S2C_ENTRIES; i++)
        drop(&t->s2c[i]);
    tlb_flush_fast(t);
}

void tlbi_regime(cpu_t *cpu, unsigned regime)
{
    tlb_t *t = &cpu->tlb;
    for (unsigned i = 0; i < TC_ENTRIES; i++)
        if (t->tc[i].regime == regime) drop(&t->tc[i]);
    tlb_flush_fast(t);
}

void tlbi_ipa(cpu_t *cpu, uint16_t vmid, uint64_t ipa_page)
{
    tlb_t *t = &cpu->tlb;
    for (unsigned i = 0; i < S2C_ENTRIES; i++) {
        tlbe_t *e = &t->s2c[i];
        if (e->va != TLB_INVALID && e->vmid == vmid && covers(e->va, e->s2_bits, ipa_page)) drop(e);
    }
    tlb_flush_fast(t);
}

void tlbi_apply(cpu_t *c, const tlbi_op_t *op)
{
    switch (op->scope) {
    case BY_VA: tlbi_va(c, op->regime, op->vmid, op->asid, op->page); break;
    case BY_ASID: tlbi_asid(c, op->regime, op->vmid, (uint16_t)op->asid); break;
    case BY_VMID: tlbi_vmid(c, op->vmid, false); break;
    case BY_VMID_S12: tlbi_vmid(c, op->vmid, true); break;
    case ALL_EL10: tlbi_el10(c); break;
    case ALL_REGIME: tlbi_regime(c, op->regime); break;
    case ALL_EL2:
        tlbi_regime(c, REGIME_EL2);
        tlbi_regime(c, REGIME_EL20);
        break;
    case BY_IPA: tlbi_ipa(c, op->vmid, op->page); break;
    }
}
