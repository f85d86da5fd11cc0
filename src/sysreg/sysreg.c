#include "sysreg/sysreg.h"

#include "cpu/exception.h"
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "mmu/vncr.h"
#include "sysreg/sysreg_ops.h"
#include "trace/log.h"
#include "trace/trace.h"

const sysreg_t sysreg_table[SR_COUNT] = {
#define SR(nm, o0, o1, n, m, o2, acc, ...)                                                         \
    [SR_##nm] = {.name = #nm,                                                                      \
                 .op0 = o0,                                                                        \
                 .op1 = o1,                                                                        \
                 .crn = n,                                                                         \
                 .crm = m,                                                                         \
                 .op2 = o2,                                                                        \
                 .access = acc,                                                                    \
                 .id = SR_##nm,                                                                    \
                 __VA_ARGS__},
#include "sysreg/sysreg_table.def"
#undef SR
};

/* key -> row index + 1 (0: not implemented). Built on first use. */
static uint16_t sysreg_index[1u << 16];
static bool sysreg_index_built;

static void build_index(void)
{
    for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++) {
        const sysreg_t *r = &sysreg_table[i];
        sysreg_index[sysreg_key(r->op0, r->op1, r->crn, r->crm, r->op2)] = (uint16_t)(i + 1);
    }
    sysreg_index_built = true;
}

/* The ID space: op0 = 3, op1 = {0, 1, 3}, CRn = 0, CRm = 0-7 (FEAT_IDST, Arm ARM D24.1). */
static bool in_id_space(uint32_t key)
{
    unsigned op1 = (key >> 11) & 7, crn = (key >> 7) & 15, crm = (key >> 3) & 15;
    return (key >> 14) == 3 && (op1 == 0 || op1 == 1 || op1 == 3) && crn == 0 && crm <= 7;
}

/* Unallocated encodings op0 = 3, op1 = 0, CRn = 0, CRm = 1-7 are reserved ID registers:
 * RAZ at EL1 and above, trapped like the rest by HCR_EL2.TID3 (Arm ARM D24.2.x, "reserved
 * ID register encodings"). Software probes them for features that are absent. */
static const sysreg_t reserved_id_row = {
    .name = "ID (reserved, RAZ)", .access = EL1_R, .id = SR_NONE, .hcr_r = HCR_TID3};

const sysreg_t *sysreg_lookup(uint32_t key)
{
    if (!sysreg_index_built) build_index();
    unsigned i = sysreg_index[key & 0xFFFF];
    if (i) return &sysreg_table[i - 1];
    unsigned op1 = (key >> 11) & 7, crm = (key >> 3) & 15;
    if (in_id_space(key) && op1 == 0 && crm >= 1) return &reserved_id_row;
    return NULL;
}

void sysreg_reset(cpu_t *cpu)
{
    for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++)
        cpu->sr[i] = sysreg_table[i].reset;
}

/* ISS of EC 0x18 (Arm ARM D24.2.40: ISS encoding for an exception from MSR, MRS, or System
 * instruction). */
static uint32_t sysreg_iss(uint32_t key, bool read, unsigned rt)
{
    unsigned op0 = (key >> 14) & 3, op1 = (key >> 11) & 7, crn = (key >> 7) & 15,
             crm = (key >> 3) & 15, op2 = key & 7;
    return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) |
           (read ? 1 : 0);
}

static bool static_access_ok(const cpu_t *cpu, const sysreg_t *r, bool read)
{
    unsigned bitpos = cpu->el * 2 + (read ? 0 : 1);
    return (r->access >> bitpos) & 1;
}

static bool needs_el2(const sysreg_t *r)
{
    return !(r->access & (EL1_R | EL1_W));
}

static void undefined(cpu_t *cpu, const sysreg_t *r, bool read, const char *why)
{
    LOG(LOG_SYSREG | LOG_UNIMP, "cpu%u: %s %s at EL%u: UNDEFINED (%s)\n", cpu->index,
        read ? "MRS" : "MSR", r ? r->name : "(unimplemented encoding)", cpu->el, why);
    exc_undefined(cpu);
}

static void trap(cpu_t *cpu, unsigned el, uint32_t key, bool read, unsigned rt)
{
    exc_take_sync(cpu, el, esr_make(EC_SYSREG, true, sysreg_iss(key, read, rt)), 0, false, cpu->pc);
}

/* The access itself: the value computed or stored, RES0/RES1 applied to writes. */
static void access_value(cpu_t *cpu, const sysreg_t *r, bool read, unsigned rt)
{
    if (read) {
        uint64_t v = r->read ? r->read(cpu, r) : cpu->sr[r->id]; /* sr[SR_NONE] stays 0 */
        cpu->x[rt == 31 ? REG_SINK : rt] = v;
        LOG(LOG_SYSREG, "cpu%u: MRS %s -> 0x%llx\n", cpu->index, r->name, (unsigned long long)v);
    } else {
        uint64_t v = cpu->x[rt == 31 ? REG_ZR : rt];
        LOG(LOG_SYSREG, "cpu%u: MSR %s <- 0x%llx\n", cpu->index, r->name, (unsigned long long)v);
        /* RES0 bits are hardwired to 0 and RES1 bits to 1 (Arm ARM Glossary: RES0, RES1) */
        v = (v & ~r->res0) | r->res1;
        if (r->write)
            r->write(cpu, r, v);
        else
            cpu->sr[r->id] = v;
    }
}

/* The access, under the machine lock where the row says its accessors use shared state. */
static void do_access(cpu_t *cpu, const sysreg_t *r, bool read, unsigned rt)
{
    if (unlikely(r->shared && cpu->machine->mt)) {
        machine_lock(cpu->machine);
        access_value(cpu, r, read, rt);
        machine_unlock(cpu->machine);
    } else {
        access_value(cpu, r, read, rt);
    }
}

/* ---- FEAT_NV / FEAT_NV2 (reference: Arm ARM D24.2.48 HCR_EL2.NV, D24.2.220 VNCR_EL2) ---- */

/* The register's VNCR slot applies under these effective NVx bits (Arm ARM R_CSRPQ). */
static bool vncr_slot_applies(const sysreg_t *r, unsigned nvx)
{
    if (!(r->vncr & VNCR_VALID) || !(nvx & NV2_EFF)) return false;
    if ((r->vncr & VNCR_IF_NV1) && !(nvx & NV1_EFF)) return false;
    if ((r->vncr & VNCR_IF_NO_NV1) && (nvx & NV1_EFF)) return false;
    return true;
}

/* NV2: the access becomes a 64-bit load or store of the raw value at VNCR_EL2.BADDR + offset. */
static void vncr_redirect(cpu_t *cpu, const sysreg_t *r, bool read, unsigned rt)
{
    uint64_t va = (cpu->sr[SR_VNCR_EL2] & ~0xFFFull) | VNCR_OFFSET(r->vncr);
    uint64_t v = read ? 0 : cpu->x[rt == 31 ? REG_ZR : rt];
    if (!vncr_access(cpu, va, !read, &v)) return;
    if (read) {
        cpu->x[rt == 31 ? REG_SINK : rt] = v;
        cpu->stats.vncr_loads++;
    } else {
        cpu->stats.vncr_stores++;
    }
    TRACE(trace_vncr(cpu, r->name, read, va));
    LOG(LOG_NV, "cpu%u: NV2: %s %s %s VNCR 0x%llx value 0x%llx pc=0x%llx\n", cpu->index,
        read ? "MRS" : "MSR", r->name, read ? "<-" : "->", (unsigned long long)va,
        (unsigned long long)v, (unsigned long long)cpu->pc);
}

static void nv_trap(cpu_t *cpu, const sysreg_t *r, uint32_t key, bool read, unsigned rt)
{
    LOG(LOG_NV, "cpu%u: NV: %s %s trapped to EL2 pc=0x%llx\n", cpu->index, read ? "MRS" : "MSR",
        r->name, (unsigned long long)cpu->pc);
    cpu->stats.nv_sysreg_traps++;
    trap(cpu, 2, key, read, rt);
}

/*
 * An EL1 access, with NV set, to an EL2 register or system instruction or an _EL12/_EL02 alias:
 * the encodings with op1 = 4 or 5 (Arm ARM I_TZTZL). In order (Arm ARM accessor pseudocode):
 * the alias's own trap controls (CNTHCTL_EL2.EL1NVPCT/EL1NVVCT), the VNCR slot, the NV2
 * redirect of SPSR/ELR/ESR/FAR_EL2 to the EL1 registers, else a trap to EL2. EL1 traps and
 * fine-grained traps of the EL1 register do not apply to the redirect.
 */
static void nv_el2_space_access(cpu_t *cpu, const sysreg_t *r, uint32_t key, bool read, unsigned rt,
                                unsigned nvx)
{
    if (r->alias && r->accessfn && r->accessfn(cpu, r, read) == SR_TRAP_EL2) {
        nv_trap(cpu, r, key, read, rt);
        return;
    }
    if (vncr_slot_applies(r, nvx)) {
        vncr_redirect(cpu, r, read, rt);
        return;
    }
    if ((nvx & NV2_EFF) && r->nv2_el1) {
        const sysreg_t *el1 = &sysreg_table[r->nv2_el1];
        LOG(LOG_NV, "cpu%u: NV2: %s %s reaches %s pc=0x%llx\n", cpu->index, read ? "MRS" : "MSR",
            r->name, el1->name, (unsigned long long)cpu->pc);
        cpu->stats.nv2_redirects++;
        do_access(cpu, el1, read, rt);
        return;
    }
    nv_trap(cpu, r, key, read, rt);
}

static bool in_el2_space(uint32_t key)
{
    unsigned op1 = (key >> 11) & 7;
    return op1 == 4 || op1 == 5;
}

/*
 * The order of checks of the Arm ARM's per-register accessor pseudocode, in
 * general form: (1) UNDEFINED for what does not exist at this EL, after E2H
 * redirection and _EL12/_EL02 alias resolution (at EL1 under FEAT_NV the EL2
 * space is nv_el2_space_access's); (2) the register's own controls (accessfn:
 * EL0 enables trapping to EL1 or EL2, and register-specific traps); (3) the
 * coarse HCR_EL2 and fine-grained (FEAT_FGT) traps of EL0/EL1 to EL2; (4) FEAT_NV's trap of NV1 and
 * the VNCR slot of NV2; (5) the access.
 */
void sysreg_access(cpu_t *cpu, const sysreg_t *r, uint32_t key, bool read, unsigned rt)
{
    if (!r) {
        /* FEAT_IDST: an UNDEFINED read in the ID space is reported with EC 0x18 (Arm ARM, ESR_ELx
         * EC 0x18), at every EL, to where the UNDEFINED exception would go. */
        if (read && in_id_space(key)) {
            trap(cpu, exc_sync_target_el(cpu), key, read, rt);
            return;
        }
        undefined(cpu, r, read, "not implemented");
        return;
    }
    const unsigned nvx = cpu->el == 1 ? hcr_nvx(cpu) : 0;
    if (nvx && in_el2_space(key)) {
        nv_el2_space_access(cpu, r, key, read, rt, nvx);
        return;
    }
    if (r->alias) {
        /* _EL12 / _EL02: only at EL2 with E2H = 1, where they reach the EL1/EL0 register. */
        if (cpu->el != 2 || !(hcr_el2(cpu) & HCR_E2H)) {
            undefined(cpu, r, read, "alias without E2H");
            return;
        }
        r = &sysreg_table[r->alias];
    } else if (r->e2h && cpu->el == 2 && (hcr_el2(cpu) & HCR_E2H)) {
        r = &sysreg_table[r->e2h]; /* _EL1 encoding at EL2 with E2H: the _EL2 register */
    } else if ((needs_el2(r) && !el2_enabled(cpu)) || !static_access_ok(cpu, r, read)) {
        /* FEAT_IDST: EL0 reads of the ID space trap (EC 0x18) instead of being UNDEFINED. */
        if (cpu->el == 0 && read && in_id_space(key)) {
            trap(cpu, exc_sync_target_el(cpu), key, read, rt);
            return;
        }
        undefined(cpu, r, read, "EL or direction");
        return;
    }
    if (r->accessfn) {
        sr_access_t a = r->accessfn(cpu, r, read);
        if (a == SR_UNDEF) {
            undefined(cpu, r, read, "access function");
            return;
        }
        if (a == SR_TAKEN) return;
        if (a == SR_TRAP_EL1 || a == SR_TRAP_EL2) {
            trap(cpu, a == SR_TRAP_EL1 ? 1 : 2, key, read, rt);
            return;
        }
    }
    /* The coarse HCR_EL2 traps and the fine-grained ones share a priority and a syndrome (Arm
     * ARM D1.4.5.6, group 25); both come after the EL1-targeted traps of accessfn. */
    if ((cpu->el < 2 && !el_is_in_host(cpu, cpu->el) &&
         (hcr_el2(cpu) & (read ? r->hcr_r : r->hcr_w))) ||
        fgt_trap(cpu, r->fgt, read)) {
        trap(cpu, 2, key, read, rt);
        return;
    }
    if (nvx) {
        if ((r->vncr & VNCR_TRAP_NV1) && nvx == (NV_EFF | NV1_EFF)) {
            nv_trap(cpu, r, key, read, rt);
            return;
        }
        if (vncr_slot_applies(r, nvx)) {
            vncr_redirect(cpu, r, read, rt);
            return;
        }
    }
    do_access(cpu, r, read, rt);
}

void sysreg_changed_translation(cpu_t *cpu)
{
    /* The architectural TLB's entries carry the controls they were walked under (translate.c,
     * ctx_key); the fast paths, tagged by nothing, are emptied. */
    tlb_flush_fast(&cpu->tlb);
    cpu_break_loop(cpu); /* the run loop's cached fetch page may be stale */
}
