/*
 * System instructions: exception generation (SVC, HVC, SMC, BRK, HLT), hints
 * (NOP, YIELD, WFE, WFI, SEV, SEVL; the rest of the hint space is NOP),
 * barriers and CLREX, MSR (immediate), and MRS/MSR/SYS/SYSL through the
 * system-register table.
 * decoded_t use: imm = imm16 (exception generation), sysreg row pointer
 * (MRS/MSR/SYS) or CRm (MSR immediate); extra = sysreg key; rd = Rt;
 * op = hint number / PSTATE field.
 */
#include "cpu/debug.h"
#include "cpu/decode.h"
#include "cpu/el2.h"
#include "cpu/exception.h"
#include "devices/psci.h"
#include "devices/semihosting.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "sysreg/sysreg.h"
#include "timer/timer.h"

/* ---- Exception generation ---- */

static void exec_svc(cpu_t *cpu, const decoded_t *d)
{
    uint32_t esr = esr_make(EC_SVC64, true, (uint32_t)d->imm);
    /* FEAT_FGT: HFGITR_EL2.SVC_EL0/SVC_EL1 take the SVC to EL2, returning to the SVC itself
     * (Arm ARM D24.2.71). */
    if (cpu->el < 2 && fgt_trap(cpu, HFGI(cpu->el ? HFGITR_SVC_EL1 : HFGITR_SVC_EL0), false)) {
        exc_take_sync(cpu, 2, esr, 0, false, cpu->pc);
        return;
    }
    exc_take_sync(cpu, exc_sync_target_el(cpu), esr, 0, false, cpu->pc + 4);
}

static void exec_hvc(cpu_t *cpu, const decoded_t *d)
{
    if (cpu->el == 0) {
        exc_undefined(cpu);
        return;
    }
    if (psci_conduit(cpu->machine) == PSCI_CONDUIT_HVC) {
        psci_call(cpu);
        return;
    }
    /* HCR_EL2.HCD disables HVC when EL3 is not implemented (Arm ARM D24.2.48). */
    if (!cpu->machine->virtualization || (hcr_el2(cpu) & HCR_HCD)) {
        exc_undefined(cpu);
        return;
    }
    exc_take_sync(cpu, 2, esr_make(EC_HVC64, true, (uint32_t)d->imm), 0, false, cpu->pc + 4);
}

static void exec_smc(cpu_t *cpu, const decoded_t *d)
{
    if (cpu->el == 0) {
        exc_undefined(cpu);
        return;
    }
    /* HCR_EL2.TSC traps EL1 SMC to EL2 before anything else; the preferred return is the SMC. */
    if (cpu->el == 1 && (hcr_el2(cpu) & HCR_TSC)) {
        exc_take_sync(cpu, 2, esr_make(EC_SMC64, true, (uint32_t)d->imm), 0, false, cpu->pc);
        return;
    }
    if (psci_conduit(cpu->machine) == PSCI_CONDUIT_SMC) {
        psci_call(cpu);
        return;
    }
    exc_undefined(cpu); /* no EL3 */
}

static void exec_brk(cpu_t *cpu, const decoded_t *d)
{
    debug_take_brk(cpu, (uint16_t)d->imm);
}

/* HLT is UNDEFINED while halting debug is disabled; HLT #0xF000 is the semihosting call. */
static void exec_hlt(cpu_t *cpu, const decoded_t *d)
{
    if (d->imm == 0xF000 && cpu->machine->semihosting) {
        semihosting_call(cpu);
        return;
    }
    exc_undefined(cpu);
}

static bool dec_excgen(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[8][4] = {
        [0] = {NULL, exec_svc, exec_hvc, exec_smc},
        [1] = {exec_brk, NULL, NULL, NULL},
        [2] = {exec_hlt, NULL, NULL, NULL},
    };
    unsigned opc = bits32(insn, 23, 21), ll = insn & 3;
    if (bits32(insn, 4, 2) != 0 || !fns[opc][ll]) return false;
    d->imm = bits32(insn, 20, 5);
    d->fn = fns[opc][ll];
    return true;
}

/* ---- Hints ---- */

static void exec_nop(cpu_t *cpu, const decoded_t *d)
{
    (void)cpu;
    (void)d;
    exec_next(cpu, d);
}

/* WFI/WFE traps (Arm ARM D1.3.5): EL0 by SCTLR_EL1.nTWI/nTWE (to EL1, or EL2 under TGE),
 * EL0/EL1 by HCR_EL2.TWI/TWE (to EL2), only when the instruction would otherwise wait.
 * ISS: CV = 1, COND = 0xE, TI = 0 (WFI) / 1 (WFE). */
static bool wfx_trapped(cpu_t *cpu, bool wfe)
{
    uint32_t iss = (1u << 24) | (0xEu << 20) | (wfe ? 1 : 0);
    if (cpu->el == 0 && !bit(sctlr_for_el0(cpu), wfe ? 18 : 16)) {
        exc_take_sync(cpu, exc_sync_target_el(cpu), esr_make(EC_WFX, true, iss), 0, false, cpu->pc);
        return true;
    }
    if (cpu->el < 2 && !el_is_in_host(cpu, cpu->el) && (hcr_el2(cpu) & (wfe ? HCR_TWE : HCR_TWI))) {
        exc_take_sync(cpu, 2, esr_make(EC_WFX, true, iss), 0, false, cpu->pc);
        return true;
    }
    return false;
}

static void exec_wfi(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    /* WFI completes at once when an interrupt is pending, masked or not. */
    if (cpu_wfi_wakeup(cpu)) return;
    if (wfx_trapped(cpu, false)) return;
    cpu->state = PE_WFI;
    cpu_break_loop(cpu);
}

/*
 * WFE (Arm ARM D1.6, "Wait for Event"). The Event Register is set by SEV on any PE, SEVL, an
 * exception return (exc_return), the clearing of the global monitor (cpu/monitor.h) and the
 * event streams (event_stream_sync). While it is clear, WFE sleeps until a wake-up event: one
 * of those, or an interrupt that is pending, masked or not (physical, or virtual at EL0/EL1:
 * the WFI condition), which wakes the PE without setting the register (cpu_set_irq_lines).
 */
static void exec_wfe(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    event_stream_sync(cpu);
    if (cpu->event_register) {
        cpu->event_register = false;
        return;
    }
    if (wfx_trapped(cpu, true)) return;
    if (cpu_wfi_wakeup(cpu)) return; /* a pending interrupt is a wake-up event already */
    if (cpu->machine->mt) {
        /* Another thread's store cannot be watched: complete at once (a spurious wake-up, as
         * the architecture allows and QEMU does); the run loop returns, as for YIELD. */
        mt_yield(cpu->machine);
        cpu_break_loop(cpu);
        return;
    }
    cpu->state = PE_WFE;
    cpu_break_loop(cpu);
}

static void exec_sev(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    machine_t *m = cpu->machine;
    for (unsigned i = 0; i < m->ncpus; i++) {
        m->cpus[i]->event_register = true;
        if (!m->mt && m->cpus[i]->state == PE_WFE) guest_time_wake(m->cpus[i]);
    }
}

static void exec_sevl(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    cpu->event_register = true;
    exec_next(cpu, d);
}

static void exec_yield(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    if (cpu->machine->ncpus > 1) cpu_break_loop(cpu);
}

static bool dec_hint(decoded_t *d, uint32_t insn)
{
    unsigned hint = bits32(insn, 11, 5); /* CRm:op2 */
    switch (hint) {
    case 1: d->fn = exec_yield; break;
    case 2: d->fn = exec_wfe; break;
    case 3: d->fn = exec_wfi; break;
    case 4: d->fn = exec_sev; break;
    case 5: d->fn = exec_sevl; break;
    default: d->fn = exec_nop; break; /* NOP and every unallocated or unadvertised hint */
    }
    return true;
}

/* ---- Barriers ---- */

static void exec_clrex(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    cpu->excl_valid = false;
    exec_next(cpu, d);
}

/*
 * DMB and DSB. With one thread every access is complete before the next instruction. With one
 * host thread per CPU (machine/threads.h) the host may let a store pass a later load: a barrier
 * ordering stores before loads (CRm[1:0] = 3: ISH, SY, ...) is a host full fence; DSB also waits
 * for the TLBIs this CPU broadcast to complete on every CPU.
 */
static void exec_dmb(cpu_t *cpu, const decoded_t *d)
{
    if (unlikely(cpu->machine->mt != NULL) && (d->op & 3) == 3)
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    exec_next(cpu, d);
}

static void exec_dsb(cpu_t *cpu, const decoded_t *d)
{
    if (unlikely(cpu->machine->mt != NULL)) mt_dsb(cpu);
    exec_next(cpu, d);
}

/* ISB: context synchronization; leave the loop so fetch state is looked up again. */
static void exec_isb(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    cpu_break_loop(cpu);
}

static bool dec_barrier(decoded_t *d, uint32_t insn)
{
    switch (bits32(insn, 7, 5)) { /* op2 */
    case 2: d->fn = exec_clrex; return true;
    case 4: /* DSB; CRm = 0 with op2 = 4 is SSBB and CRm = 4 PSSBB: also barriers. */
        d->fn = exec_dsb;
        return true;
    case 5: /* DMB */
        d->fn = exec_dmb;
        d->op = bits32(insn, 11, 8); /* CRm: the domain and the access types */
        return true;
    case 6: d->fn = exec_isb; return true;
    case 7: /* SB (FEAT_SB, CRm = 0): nothing is speculated, so there is nothing to hold back */
        if (bits32(insn, 11, 8)) return false;
        d->fn = exec_nop;
        return true;
    default: return false; /* DSB nXS, ...: not advertised */
    }
}

/* ---- MSR (immediate) ---- */

static void exec_msr_spsel(cpu_t *cpu, const decoded_t *d)
{
    if (cpu->el == 0) {
        exc_undefined(cpu);
        return;
    }
    cpu_set_el_sp(cpu, cpu->el, d->imm & 1);
    exec_next(cpu, d);
}

/* MSR DAIFSet/DAIFClr obey the DAIF register's own access rule (the table row's accessfn:
 * SCTLR_ELx.UMA at EL0); the syndrome is that of MSR with op0 = 0, CRn = 4, Rt = 31. */
static bool daif_el0_trapped(cpu_t *cpu, const decoded_t *d)
{
    const sysreg_t *daif = &sysreg_table[SR_DAIF];
    sr_access_t a = daif->accessfn(cpu, daif, false);
    if (a == SR_OK) return false;
    uint32_t iss =
        ((uint32_t)d->op << 17) | (3u << 14) | (4u << 10) | (31u << 5) | ((uint32_t)d->imm << 1);
    exc_take_sync(cpu, a == SR_TRAP_EL2 ? 2 : 1, esr_make(EC_SYSREG, true, iss), 0, false, cpu->pc);
    return true;
}

static void exec_msr_daifset(cpu_t *cpu, const decoded_t *d)
{
    if (daif_el0_trapped(cpu, d)) return;
    cpu->daif |= (uint32_t)d->imm << 6;
    exec_next(cpu, d);
}

static void exec_msr_daifclr(cpu_t *cpu, const decoded_t *d)
{
    if (daif_el0_trapped(cpu, d)) return;
    cpu->daif &= ~((uint32_t)d->imm << 6);
    cpu_break_loop(cpu); /* a pending interrupt may now be taken */
}

static bool dec_msr_imm(decoded_t *d, uint32_t insn)
{
    unsigned op1 = bits32(insn, 18, 16), op2 = bits32(insn, 7, 5);
    d->imm = bits32(insn, 11, 8);
    d->op = (uint8_t)op2;
    if (op1 == 0 && op2 == 5)
        d->fn = exec_msr_spsel;
    else if (op1 == 3 && op2 == 6)
        d->fn = exec_msr_daifset;
    else if (op1 == 3 && op2 == 7)
        d->fn = exec_msr_daifclr;
    else
        return false; /* PAN, UAO, DIT, SSBS, TCO, ...: not advertised */
    return true;
}

/* ---- MRS / MSR (register) / SYS / SYSL ---- */

static void exec_mrs(cpu_t *cpu, const decoded_t *d)
{
    sysreg_access(cpu, (const sysreg_t *)(uintptr_t)d->imm, d->extra, true, d->rd);
    exec_next(cpu, d);
}

static void exec_msr(cpu_t *cpu, const decoded_t *d)
{
    sysreg_access(cpu, (const sysreg_t *)(uintptr_t)d->imm, d->extra, false, d->rd);
    exec_next(cpu, d);
}

static bool dec_sysreg(decoded_t *d, uint32_t insn)
{
    bool read = bit(insn, 21);
    d->extra = (uint16_t)bits32(insn, 20, 5);
    d->imm = (uintptr_t)sysreg_lookup(d->extra);
    d->rd = (uint8_t)(insn & 31);
    d->fn = read ? exec_mrs : exec_msr;
    return true; /* unimplemented encodings UNDEF in sysreg_access, after logging */
}

const insn_pattern_t system_patterns[] = {
    {0xFF000000, 0xD4000000, "exception generation", dec_excgen},
    {0xFFFFF01F, 0xD503201F, "HINT", dec_hint},
    {0xFFFFF01F, 0xD503301F, "barrier", dec_barrier},
    {0xFFF8F01F, 0xD500401F, "MSR (immediate)", dec_msr_imm},
    {0xFFD80000, 0xD5080000, "SYS/SYSL", dec_sysreg},
    {0xFFD00000, 0xD5100000, "MRS/MSR", dec_sysreg},
    PATTERN_END,
};
