#include "cpu/exception.h"

#include "cpu/el2.h"
#include "cpu/exc_loop.h"

#include "machine/machine.h"
#include "sysreg/sysreg.h"
#include "trace/log.h"
#include "trace/trace.h"

unsigned exc_sync_target_el(const cpu_t *cpu)
{
    if (cpu->el == 0 && (hcr_el2(cpu) & HCR_TGE)) return 2;
    return cpu->el > 1 ? cpu->el : 1;
}

static const sysreg_id_t spsr_id[3] = {0, SR_SPSR_EL1, SR_SPSR_EL2};
static const sysreg_id_t elr_id[3] = {0, SR_ELR_EL1, SR_ELR_EL2};
static const sysreg_id_t esr_id[3] = {0, SR_ESR_EL1, SR_ESR_EL2};
static const sysreg_id_t far_id[3] = {0, SR_FAR_EL1, SR_FAR_EL2};
static const sysreg_id_t vbar_id[3] = {0, SR_VBAR_EL1, SR_VBAR_EL2};

/* Arm ARM D1.3.4 "Exception entry"; vector offsets from D1.3.1. */
static void enter(cpu_t *cpu, unsigned target, uint64_t preferred_return, unsigned kind)
{
    unsigned from = cpu->el;
    uint64_t offset;
    if (from == target)
        offset = cpu->spsel ? 0x200 : 0x000;
    else
        offset = 0x400;    /* lower EL using AArch64 */
    offset += kind * 0x80; /* 0 sync, 1 IRQ, 2 FIQ, 3 SError */

    uint64_t spsr = cpu_get_pstate(cpu);
    if (from == 1 && target == 1) {
        /* FEAT_NV: the guest hypervisor's own exceptions report EL2 in SPSR_EL1.M, except with
         * {NV2, NV1, NV} = {0, 1, 1} (Arm ARM I_ZJRNN, I_DBTLM). */
        unsigned nvx = hcr_nvx(cpu);
        if (nvx && (nvx & (NV1_EFF | NV2_EFF)) != NV1_EFF) spsr = (spsr & ~0xCull) | (2u << 2);
    }
    cpu->sr[spsr_id[target]] = spsr;
    cpu->sr[elr_id[target]] = preferred_return;
    cpu->daif = 0xF << 6;
    cpu->ss = 0;
    cpu->il = 0;
    cpu->btype = 0;
    pmu_exception_taken(&cpu->pmu, from);
    cpu_set_el_sp(cpu, target, 1);
    cpu->next_pc = cpu->sr[vbar_id[target]] + offset;
    cpu->excl_valid = false;
    cpu_break_loop(cpu);
}

void exc_take_sync(cpu_t *cpu, unsigned target, uint32_t esr, uint64_t far, bool far_valid,
                   uint64_t preferred_return)
{
    LOG(LOG_INT, "cpu%u: exception EC=0x%02x ESR=0x%08x from EL%u pc=0x%llx to EL%u\n", cpu->index,
        esr >> 26, esr, cpu->el, (unsigned long long)cpu->pc, target);
    cpu->stats.sync_exc[target][esr >> 26]++;
    /* An instruction that takes a synchronous exception is not architecturally executed, unless
     * it generates the exception (Arm ARM D13.11.2, INST_RETIRED). */
    unsigned ec = esr >> 26;
    if (!cpu->between_insns && ec != EC_SVC64 && ec != EC_HVC64 && ec != EC_SMC64 && ec != EC_BRK)
        cpu->stats.insns_faulted[cpu->el]++;
    TRACE(trace_exception(cpu, target, esr, cpu->pc));
    cpu->sr[esr_id[target]] = esr;
    if (far_valid) cpu->sr[far_id[target]] = far;
    enter(cpu, target, preferred_return, 0);
    exc_loop_check(cpu, target, esr, preferred_return);
}

void exc_undefined(cpu_t *cpu)
{
    exc_take_sync(cpu, exc_sync_target_el(cpu), esr_make(EC_UNKNOWN, true, 0), 0, false, cpu->pc);
}

void exc_take_irq(cpu_t *cpu, unsigned target, bool fiq, bool virt)
{
    LOG(LOG_INT, "cpu%u: %s from EL%u pc=0x%llx to EL%u\n", cpu->index, fiq ? "FIQ" : "IRQ",
        cpu->el, (unsigned long long)cpu->pc, target);
    cpu->stats.async_exc[target]++;
    TRACE(trace_interrupt(cpu, target, fiq ? "FIQ" : "IRQ", virt));
    cpu->next_pc = cpu->pc;
    enter(cpu, target, cpu->pc, fiq ? 2 : 1);
    cpu->pc = cpu->next_pc;
}

void exc_take_virtual_serror(cpu_t *cpu)
{
    LOG(LOG_INT, "cpu%u: virtual SError from EL%u pc=0x%llx\n", cpu->index, cpu->el,
        (unsigned long long)cpu->pc);
    /* Without FEAT_RAS the syndrome is IMPLEMENTATION DEFINED: ISS 0 (what VSESR_EL2 resets to
     * on QEMU). Taking it clears HCR_EL2.VSE (Arm ARM D1.3.7). */
    cpu->sr[SR_ESR_EL1] = esr_make(EC_SERROR, true, 0);
    cpu->sr[SR_HCR_EL2] &= ~HCR_VSE;
    cpu->stats.async_exc[1]++;
    TRACE(trace_interrupt(cpu, 1, "SError", true));
    cpu->next_pc = cpu->pc;
    enter(cpu, 1, cpu->pc, 3);
    cpu->pc = cpu->next_pc;
}

/* Arm ARM D1.4 "Exception return", with the illegal-return checks of
 * AArch64.ExceptionReturn / IllegalExceptionReturn. */
void exc_return(cpu_t *cpu)
{
    unsigned el = cpu->el;
    if (el == 1 && fgt_trap(cpu, HFGI(HFGITR_ERET), false)) {
        /* FEAT_FGT: HFGITR_EL2.ERET, checked before the NV trap (AArch64.CheckForERetTrap). */
        exc_take_sync(cpu, 2, esr_make(EC_ERET, true, 0), 0, false, cpu->pc);
        return;
    }
    if (el == 1 && hcr_nvx(cpu)) {
        /* FEAT_NV: the guest hypervisor's ERET traps to EL2 (EC 0x1A, ISS 0 for ERET). */
        LOG(LOG_NV, "cpu%u: NV: ERET trapped at pc=0x%llx\n", cpu->index,
            (unsigned long long)cpu->pc);
        cpu->stats.nv_eret_traps++;
        exc_take_sync(cpu, 2, esr_make(EC_ERET, true, 0), 0, false, cpu->pc);
        return;
    }
    cpu->stats.erets[el]++;
    uint64_t spsr = cpu->sr[spsr_id[el]];
    uint64_t elr = cpu->sr[elr_id[el]];
    unsigned m = spsr & 0x1F;
    unsigned target = (m >> 2) & 3;
    bool illegal = false;

    if (spsr & (1u << 4))
        illegal = true; /* return to AArch32: not implemented */
    else if (m & 2)
        illegal = true; /* M[1] reserved */
    else if (target > el)
        illegal = true; /* to a higher EL */
    else if (target == 3)
        illegal = true; /* EL3 not implemented */
    else if (target == 2 && !el2_enabled(cpu))
        illegal = true;
    else if (target == 0 && (m & 1))
        illegal = true; /* EL0 with SP_ELx */
    else if (target == 1 && el2_enabled(cpu) &&
             (cpu->sr[SR_HCR_EL2] & (HCR_TGE | HCR_E2H)) == (HCR_TGE | HCR_E2H))
        illegal = true; /* EL1 while {E2H,TGE} = {1,1} */

    LOG(LOG_INT, "cpu%u: ERET from EL%u to 0x%llx spsr=0x%llx%s\n", cpu->index, el,
        (unsigned long long)elr, (unsigned long long)spsr, illegal ? " (illegal)" : "");
    TRACE(trace_eret(cpu, illegal ? el : target, elr, illegal));
    if (illegal) {
        /* PSTATE.IL set, EL and SP unchanged; NZCV, DAIF etc. restored from SPSR. */
        cpu_set_pstate(cpu, (spsr & ~0x1Full) | (el << 2) | cpu->spsel | (1ull << 20));
    } else {
        cpu_set_pstate(cpu, spsr);
    }
    /* ClearExclusiveLocal and SendEventLocal (AArch64.ExceptionReturn). */
    cpu->excl_valid = false;
    cpu->event_register = true;
    cpu->next_pc = elr;
    cpu_break_loop(cpu);
}
