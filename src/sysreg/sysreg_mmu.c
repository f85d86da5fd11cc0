/*
 * MMU system registers and instructions: side effects of translation
 * register writes, TLB maintenance (TLBI) and address translation (AT).
 */
#include "sysreg/sysreg_ops.h"

#include "cpu/el2.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "mmu/tlbi.h"
#include "mmu/translate.h"
#include "trace/trace.h"

/* TTBRn_ELx, VTTBR_EL2: the TLB is tagged by ASID and VMID, so only the fast paths (which
 * are not) are emptied; translations cached from the old tables stay until a TLBI. */
SR_WRITE(wr_ttbr)
{
    cpu->sr[r->id] = val;
    tlb_flush_fast(&cpu->tlb);
    cpu_break_loop(cpu);
}

/* TCR_ELx, VTCR_EL2: granules, sizes, ASID size and selection change what every entry means;
 * entries walked under other values stop matching (translate.c, ctx_key). */
SR_WRITE(wr_tcr)
{
    cpu->sr[r->id] = val;
    sysreg_changed_translation(cpu);
}

/* ---- TLBI (Arm ARM C5.5) ---- */

/* Inner and Outer Shareable forms reach every CPU; so do the EL1 forms with HCR_EL2.FB. */
static bool tlbi_broadcast(const cpu_t *cpu, const sysreg_t *r)
{
    if (r->crm == 0 || r->crm == 1 || r->crm == 3) return true;
    if (r->crm == 4 && (r->op2 == 0 || r->op2 == 4)) return true; /* IPAS2E1OS, IPAS2LE1OS */
    return cpu->el == 1 && (hcr_el2(cpu) & HCR_FB);
}

/* The ASID operand (Xt[63:48]), 8 bits unless TCR.AS of the regime selects 16. */
static uint32_t tlbi_asid_operand(const cpu_t *cpu, unsigned regime, uint64_t val)
{
    uint64_t tcr = regime == REGIME_EL10 ? cpu->sr[SR_TCR_EL1] : cpu->sr[SR_TCR_EL2];
    return (uint32_t)((val >> 48) & (bit(tcr, 36) ? 0xFFFF : 0xFF));
}

/* The EL1 forms (op1 = 0): EL1&0 of the current VMID, or EL2&0 at EL2 with {E2H, TGE} = {1, 1}. */
static void tlbi_el1_form(const cpu_t *cpu, unsigned op2, uint64_t val, tlbi_op_t *op)
{
    uint64_t hcr = hcr_el2(cpu);
    bool host = cpu->el == 2 && (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);
    op->regime = host ? REGIME_EL20 : REGIME_EL10;
    op->vmid = host ? 0 : mmu_current_vmid(cpu);
    op->page = val & ones(44); /* VA[55:12] */
    switch (op2) {
    case 0: op->scope = host ? ALL_REGIME : BY_VMID; break; /* VMALLE1 */
    case 1:
    case 5: op->scope = BY_VA; break;   /* VAE1, VALE1 */
    case 2: op->scope = BY_ASID; break; /* ASIDE1 */
    default:
        op->scope = BY_VA;
        op->asid = TLBI_ANY_ASID;
        return; /* VAAE1, VAALE1 */
    }
    op->asid = tlbi_asid_operand(cpu, op->regime, val);
}

/* The EL2 forms (op1 = 4). */
static void tlbi_el2_form(const cpu_t *cpu, const sysreg_t *r, uint64_t val, tlbi_op_t *op)
{
    bool e2h = hcr_el2(cpu) & HCR_E2H;
    op->vmid = mmu_current_vmid(cpu);
    if (r->crm == 0 || r->crm == 4) { /* IPAS2E1, IPAS2LE1: IPA[47:12] in Xt[35:0] */
        op->scope = BY_IPA;
        op->page = val & ones(36);
        return;
    }
    switch (r->op2) {
    case 0: op->scope = ALL_EL2; break;     /* ALLE2: both EL2 regimes */
    case 4: op->scope = ALL_EL10; break;    /* ALLE1 */
    case 6: op->scope = BY_VMID_S12; break; /* VMALLS12E1 */
    default:                                /* VAE2, VALE2 */
        op->scope = BY_VA;
        op->regime = e2h ? REGIME_EL20 : REGIME_EL2;
        op->page = val & ones(44);
        op->asid = e2h ? tlbi_asid_operand(cpu, REGIME_EL20, val) : TLBI_ANY_ASID;
        break;
    }
}

SR_WRITE(op_tlbi)
{
    tlbi_op_t op = {0};
    cpu->stats.tlbi[stats_tlbi_index(r->op1, r->crm, r->op2)]++;
    TRACE(trace_tlbi(cpu, r->name, val));
    if (r->op1 == 0)
        tlbi_el1_form(cpu, r->op2, val, &op);
    else
        tlbi_el2_form(cpu, r, val, &op);
    machine_t *m = cpu->machine;
    tlbi_apply(cpu, &op);
    if (tlbi_broadcast(cpu, r)) {
        if (m->mt) {
            mt_post_tlbi(cpu, &op); /* the others apply it, and this CPU's DSB waits for them */
        } else {
            for (unsigned i = 0; i < m->ncpus; i++)
                if (m->cpus[i] != cpu) tlbi_apply(m->cpus[i], &op);
        }
    }
    cpu_break_loop(cpu);
}

/* ---- AT (Arm ARM C5.5.2): op2[2:1] selects the form, op2[0] write ---- */

SR_WRITE(op_at)
{
    uint64_t hcr = hcr_el2(cpu);
    bool e2h = hcr & HCR_E2H, host = e2h && (hcr & HCR_TGE);
    bool write = r->op2 & 1, stage2 = false, priv;
    unsigned form = r->op2 >> 1, regime;
    if (r->op1 == 4 && form == 0) { /* S1E2R/W */
        regime = e2h ? REGIME_EL20 : REGIME_EL2;
        priv = true;
    } else if (r->op1 == 0 && form == 1) { /* S1E0R/W: the EL0 regime */
        regime = cpu->el == 2 && host ? REGIME_EL20 : REGIME_EL10;
        priv = false;
    } else { /* S1E1R/W; S12E1R/W (form 2); S12E0R/W (form 3) */
        regime = REGIME_EL10;
        priv = form != 3;
        stage2 = r->op1 == 4;
    }
    uint64_t par;
    if (mmu_at(cpu, val, regime, priv, stage2, write, &par)) cpu->sr[SR_PAR_EL1] = par;
}
