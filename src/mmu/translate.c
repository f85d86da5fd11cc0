/*
 * Translation of one access: its context (regime, stages, ASID, VMID), the
 * architectural TLB, permission checks, and the aborts that follow a fault.
 */
#include "mmu/translate.h"

#include "cpu/el2.h"
#include "cpu/exception.h"
#include "cpu/impdef.h"
#include "mmu/mem.h"
#include "mmu/walk.h"

bool mmu_stage2_enabled(const cpu_t *cpu)
{
    uint64_t hcr = hcr_el2(cpu);
    /* HCR_EL2.DC makes VM behave as 1; with {E2H, TGE} = {1, 1} VM behaves as 0. */
    return (hcr & (HCR_VM | HCR_DC)) && (hcr & (HCR_E2H | HCR_TGE)) != (HCR_E2H | HCR_TGE);
}

uint16_t mmu_current_vmid(const cpu_t *cpu)
{
    if (!el2_enabled(cpu)) return 0;
    uint64_t vmid = cpu->sr[SR_VTTBR_EL2] >> 48;
    return (uint16_t)(bit(cpu->sr[SR_VTCR_EL2], 19) ? vmid : vmid & 0xFF);
}

static uint16_t asid_of(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1)
{
    uint64_t ttbr = bit(tcr, 22) ? ttbr1 : ttbr0;                     /* TCR.A1 */
    return (uint16_t)((ttbr >> 48) & (bit(tcr, 36) ? 0xFFFF : 0xFF)); /* TCR.AS */
}

/* HCR_EL2 controls that change EL1&0 translations: stage 2 (VM, DC, PTW), attributes (CD, ID,
 * FWB, DC), NV1's descriptor layout, and which regime applies (E2H, TGE). */
#define HCR_XLAT_EL10                                                                              \
    (HCR_VM | HCR_PTW | HCR_DC | HCR_CD | HCR_ID | HCR_FWB | HCR_NV | HCR_NV1 | HCR_E2H | HCR_TGE)

static uint32_t key_of(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 29) ^ b) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 31) ^ c) * 0x94D049BB133111EBull;
    h = (h ^ (h >> 29) ^ d) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/*
 * The key of a regime's translations: the TLB is tagged by regime, VMID and ASID as on hardware,
 * and an entry also matches only under the SCTLR, TCR and HCR_EL2 (and for stage 2, VTCR) values
 * it was walked under. A hypervisor switching those at every world switch (KVM writes HCR_EL2 on
 * each guest entry and exit) keeps its and its guests' entries, and no entry outlives a change of
 * what it means (a change the architecture lets TLBs cache, so conservative).
 */
static uint32_t ctx_key(const cpu_t *cpu, unsigned regime)
{
    const uint64_t *sr = cpu->sr;
    if (regime == REGIME_EL10)
        return key_of(sr[SR_SCTLR_EL1], sr[SR_TCR_EL1], hcr_el2(cpu) & HCR_XLAT_EL10,
                      sr[SR_VTCR_EL2]);
    return key_of(sr[SR_SCTLR_EL2], sr[SR_TCR_EL2], hcr_el2(cpu) & HCR_E2H, regime);
}

static void ctx_init(const cpu_t *cpu, unsigned regime, bool priv, xlat_ctx_t *c)
{
    const uint64_t *sr = cpu->sr;
    c->regime = (uint8_t)regime;
    c->priv = priv;
    c->asid = c->vmid = 0;
    if (regime == REGIME_EL10) {
        /* Stage 1 behaves as disabled with HCR_EL2.DC or TGE (AArch64.S1Enabled). */
        c->s1 = bit(sr[SR_SCTLR_EL1], 0) && !(hcr_el2(cpu) & (HCR_DC | HCR_TGE));
        c->s2 = mmu_stage2_enabled(cpu);
        c->asid = asid_of(sr[SR_TCR_EL1], sr[SR_TTBR0_EL1], sr[SR_TTBR1_EL1]);
        c->vmid = mmu_current_vmid(cpu);
    } else {
        c->s1 = bit(sr[SR_SCTLR_EL2], 0);
        c->s2 = false;
        if (regime == REGIME_EL20)
            c->asid = asid_of(sr[SR_TCR_EL2], sr[SR_TTBR0_EL2], sr[SR_TTBR1_EL2]);
    }
    c->s2_output = c->s2;
    c->key = ctx_key(cpu, regime);
}

/* The context of an access made by the current EL; unpriv: LDTR/STTR (Arm ARM C3.2.5). */
static void ctx_current(const cpu_t *cpu, bool unpriv, xlat_ctx_t *c)
{
    uint64_t hcr = hcr_el2(cpu);
    bool host = (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);
    switch (cpu->el) {
    case 2: ctx_init(cpu, (hcr & HCR_E2H) ? REGIME_EL20 : REGIME_EL2, !(unpriv && host), c); break;
    case 1:
        /* FEAT_NV with NV1: EL1 acts as a single-privilege EL2, so LDTR/STTR are privileged
         * (Arm ARM D24.2.48, HCR_EL2.NV1). */
        ctx_init(cpu, REGIME_EL10, !unpriv || (hcr_nvx(cpu) & NV1_EFF), c);
        break;
    default: ctx_init(cpu, host ? REGIME_EL20 : REGIME_EL10, false, c); break;
    }
}

/*
 * Permission needed at one stage. Cache maintenance by VA is exempt except for DC IVAC
 * (write) and for EL0 at stage 1 (read); IC IVAU never needs permission (Arm ARM
 * D7.5.9.4, AArch64.CheckPermission for AccType_DC / AccType_IC).
 */
static unsigned perm_needed(access_t acc, xlat_kind_t kind, bool priv, bool stage2)
{
    unsigned need;
    switch (kind) {
    case XLAT_DC: need = stage2 || priv ? 0 : PERM_R; break;
    case XLAT_DC_INVAL: need = stage2 ? 0 : PERM_W; break;
    case XLAT_IC: need = 0; break;
    default: need = acc == ACCESS_READ ? PERM_R : acc == ACCESS_WRITE ? PERM_W : PERM_X; break;
    }
    return priv ? need << PERM_PRIV_SHIFT : need;
}

static tlbe_t *tc_set(cpu_t *cpu, uint64_t va)
{
    return &cpu->tlb.tc[TC_WAYS * ((va >> PAGE_BITS) & (TC_SETS - 1))];
}

static bool tc_hit(const tlbe_t *e, const xlat_ctx_t *c, uint64_t va)
{
    return e->va == va >> PAGE_BITS && e->regime == c->regime && e->key == c->key &&
           (c->regime != REGIME_EL10 || e->vmid == c->vmid) && (!e->ng || e->asid == c->asid);
}

/* A complete walk (both stages) into e; stage 1 permission faults come before stage 2. */
static bool walk_full(cpu_t *cpu, const xlat_ctx_t *c, uint64_t va, access_t acc, xlat_kind_t kind,
                      tlbe_t *e, translation_t *out)
{
    stage_result_t s1, s2;
    if (!walk_stage1(cpu, c, va, &s1, out)) return false;
    if (perm_needed(acc, kind, c->priv, false) & ~s1.perm) {
        out->fsc = FSC_PERMISSION + s1.level;
        out->stage2 = out->s1ptw = false;
        return false;
    }
    if (c->s2_output && !walk_stage2(cpu, c, s1.oa, false, &s2, out)) return false;
    const stage_result_t *s2r = c->s2_output ? &s2 : NULL;
    *e = (tlbe_t){
        .va = va >> PAGE_BITS,
        .pa = (s2r ? s2.oa : s1.oa) >> PAGE_BITS,
        .ipa = s1.oa >> PAGE_BITS,
        .asid = c->asid,
        .vmid = c->vmid,
        .key = c->key,
        .regime = c->regime,
        .ng = s1.ng,
        .s2 = s2r != NULL,
        .s1_bits = s1.bits,
        .s2_bits = s2r ? s2.bits : 0,
        .s1_level = s1.level,
        .s2_level = s2r ? s2.level : 0,
        .s1_perm = s1.perm,
        .s2_perm = s2r ? s2.perm : 0,
    };
    attrs_final(cpu, c, &s1, s2r, false, &e->attr, &e->sh);
    attrs_final(cpu, c, &s1, s2r, true, &e->iattr, &e->ish);
    return true;
}

/* Permission checks of a (cached or fresh) translation, and the result. */
static bool check_entry(const xlat_ctx_t *c, const tlbe_t *e, uint64_t va, access_t acc,
                        xlat_kind_t kind, translation_t *out)
{
    uint64_t offset = va & (PAGE_SIZE - 1);
    if (perm_needed(acc, kind, c->priv, false) & ~e->s1_perm) {
        out->fsc = FSC_PERMISSION + e->s1_level;
        out->stage2 = out->s1ptw = false;
        return false;
    }
    /* Stage 2 permissions: the same for EL1 and EL0, except execute with FEAT_XNX. */
    if (e->s2 && (perm_needed(acc, kind, c->priv, true) & ~e->s2_perm)) {
        out->fsc = FSC_PERMISSION + e->s2_level;
        out->stage2 = true;
        out->s1ptw = false;
        out->ipa = e->ipa << PAGE_BITS | offset;
        return false;
    }
    bool fetch = acc == ACCESS_FETCH;
    out->pa = e->pa << PAGE_BITS | offset;
    out->attr = fetch ? e->iattr : e->attr;
    out->sh = fetch ? e->ish : e->sh;
    out->device = attr_is_device(out->attr);
    return true;
}

static bool translate_ctx(cpu_t *cpu, const xlat_ctx_t *cp, uint64_t va, access_t acc,
                          xlat_kind_t kind, translation_t *out)
{
    const xlat_ctx_t c = *cp;
    bool fetch = acc == ACCESS_FETCH;
    if (!c.s1 && !c.s2) {
        /* No translation: the identity, with the MMU-off attributes. */
        stage_result_t s1;
        if (!walk_stage1(cpu, &c, va, &s1, out)) return false;
        out->pa = s1.oa;
        attrs_s1_off(cpu, &c, fetch, &out->attr, &out->sh);
        out->device = attr_is_device(out->attr);
        return true;
    }
    tlbe_t *set = tc_set(cpu, va), *e = NULL;
    for (unsigned way = 0; way < TC_WAYS && !e; way++)
        if (tc_hit(&set[way], &c, va)) e = &set[way];
    if (e) cpu->stats.tlb_hit[cpu->el]++;
    if (!e) {
        tlbe_t fresh;
        cpu->stats.tlb_miss[cpu->el]++;
        if (!walk_full(cpu, &c, va, acc, kind, &fresh, out)) return false;
        /* An empty way, else the ways in turn. */
        unsigned way = 0;
        while (way < TC_WAYS && set[way].va != TLB_INVALID)
            way++;
        if (way == TC_WAYS) way = cpu->tlb.tc_victim++ % TC_WAYS;
        e = &set[way];
        /* No fast-path entry outlives its architectural one (tlb_flush_fast_page). */
        if (e->va != TLB_INVALID) tlb_flush_fast_page(&cpu->tlb, e->va);
        *e = fresh;
        if (fresh.s1_bits > PAGE_BITS) {
            unsigned b = tlb_large_bit(fresh.va, fresh.s1_bits);
            cpu->tlb.large_sizes |= 1ull << fresh.s1_bits;
            cpu->tlb.large_map[b / 64] |= 1ull << (b % 64);
        }
    }
    return check_entry(&c, e, va, acc, kind, out);
}

bool translate_access(cpu_t *cpu, uint64_t va, access_t acc, xlat_kind_t kind, bool unpriv,
                      translation_t *out)
{
    xlat_ctx_t c;
    ctx_current(cpu, unpriv, &c);
    return translate_ctx(cpu, &c, va, acc, kind, out);
}

bool translate_el2(cpu_t *cpu, uint64_t va, access_t acc, translation_t *out)
{
    xlat_ctx_t c;
    ctx_init(cpu, (hcr_el2(cpu) & HCR_E2H) ? REGIME_EL20 : REGIME_EL2, true, &c);
    return translate_ctx(cpu, &c, va, acc, XLAT_NORMAL, out);
}

void mmu_abort(cpu_t *cpu, uint64_t va, access_t acc, const translation_t *t,
               const abort_info_t *info)
{
    unsigned target = t->stage2 ? 2 : exc_sync_target_el(cpu);
    uint32_t iss = t->fsc | (t->s1ptw ? 1u << 7 : 0);
    unsigned ec;
    if (acc == ACCESS_FETCH) {
        ec = target == cpu->el ? EC_IABORT_SAME : EC_IABORT_LOWER;
    } else {
        ec = target == cpu->el ? EC_DABORT_SAME : EC_DABORT_LOWER;
        if (info->write) iss |= 1u << 6; /* WnR */
        if (info->cm) iss |= 1u << 8;    /* CM */
        /* The instruction syndrome (ISV) only for stage 2 faults on the access itself. */
        if (t->stage2 && !t->s1ptw && target == 2 && info->insn) iss |= ldst_abort_iss(info->insn);
    }
    if (t->stage2) cpu->sr[SR_HPFAR_EL2] = (t->ipa >> PAGE_BITS) << 4; /* FIPA: IPA[47:12] */
    exc_take_sync(cpu, target, esr_make(ec, true, iss), va, true, cpu->pc);
}

bool mmu_cache_maint(cpu_t *cpu, uint64_t va, xlat_kind_t kind, uint64_t *pa)
{
    translation_t t;
    if (!translate_access(cpu, va, ACCESS_READ, kind, false, &t)) {
        abort_info_t info = {.write = true, .cm = true};
        mmu_abort(cpu, va, ACCESS_READ, &t, &info);
        return false;
    }
    *pa = t.pa;
    return true;
}

bool mmu_at(cpu_t *cpu, uint64_t va, unsigned regime, bool priv, bool stage2, bool write,
            uint64_t *par)
{
    xlat_ctx_t c;
    ctx_init(cpu, regime, priv, &c);
    c.s2_output = stage2 && c.s2;
    access_t acc = write ? ACCESS_WRITE : ACCESS_READ;
    translation_t t;
    tlbe_t e;
    bool ok =
        walk_full(cpu, &c, va, acc, XLAT_AT, &e, &t) && check_entry(&c, &e, va, acc, XLAT_AT, &t);
    if (!ok) {
        bool external = (t.fsc & ~3u) == FSC_WALK_EXTERNAL;
        if (external || (t.s1ptw && cpu->el == 1)) {
            /* External aborts on the walk, and stage 2 faults on the stage 1 walk of an AT
             * executed at EL1, are taken as Data Aborts (Arm ARM D8.13.1), as from a cache
             * maintenance instruction: CM = 1, WnR = 1. */
            abort_info_t info = {.write = true, .cm = true};
            mmu_abort(cpu, va, ACCESS_READ, &t, &info);
            return false;
        }
        /* PAR_EL1 fault format: F, FST, PTW, S, bit 11 RES1. */
        *par = 1 | (uint64_t)t.fsc << 1 | (uint64_t)t.s1ptw << 8 | (uint64_t)t.stage2 << 9 |
               1ull << 11;
        return true;
    }
    /* Success format: PA, SH (Outer for Device and Non-cacheable), NS (Non-secure state),
     * bit 11 RES1, ATTR in the MAIR encoding. */
    *par = (t.pa & ones(48) & PAGE_MASK) | (uint64_t)t.attr << 56 | (uint64_t)t.sh << 7 |
           1ull << 9 | 1ull << 11;
    return true;
}

void mmu_debug_translate(cpu_t *cpu, uint64_t va, mmu_debug_t *d)
{
    xlat_ctx_t c;
    ctx_current(cpu, false, &c);
    memset(d, 0, sizeof *d);
    d->regime = c.regime;
    d->s1 = c.s1;
    d->s2 = c.s2_output;
    d->asid = c.asid;
    d->vmid = c.vmid;
    /* Stage 2 walks fill the stage-2-only TLB: it is put back as it was. */
    tlbe_t saved[S2C_ENTRIES];
    memcpy(saved, cpu->tlb.s2c, sizeof saved);
    stage_result_t s1, s2;
    d->ok = walk_stage1(cpu, &c, va, &s1, &d->fault) &&
            (!c.s2_output || walk_stage2(cpu, &c, s1.oa, false, &s2, &d->fault));
    memcpy(cpu->tlb.s2c, saved, sizeof saved);
    if (d->ok) {
        d->ipa = s1.oa;
        d->pa = c.s2_output ? s2.oa : s1.oa;
        d->stage[0] = (typeof(d->stage[0])){s1.level, s1.bits, s1.perm, s1.attr, s1.sh};
        if (c.s2_output)
            d->stage[1] = (typeof(d->stage[1])){s2.level, s2.bits, s2.perm, s2.attr, s2.sh};
        if (c.s1 || c.s2)
            attrs_final(cpu, &c, &s1, c.s2_output ? &s2 : NULL, false, &d->attr, &d->sh);
        else
            attrs_s1_off(cpu, &c, false, &d->attr, &d->sh);
    }
    const tlbe_t *set = tc_set(cpu, va);
    for (unsigned way = 0; way < TC_WAYS && (c.s1 || c.s2); way++)
        if (tc_hit(&set[way], &c, va)) {
            d->tlb_hit = true;
            d->tlb_pa = set[way].pa << PAGE_BITS | (va & (PAGE_SIZE - 1));
        }
}
