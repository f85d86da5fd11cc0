#include "cpu/cpu.h"

#include <string.h>

#include "cache/cache.h"
#include "cpu/codecache.h"
#include "cpu/debug.h"
#include "cpu/el2.h"
#include "cpu/exception.h"
#include "cpu/monitor.h"
#include "gdb/gdb.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "mmu/fetch.h"
#include "sysreg/sysreg.h"
#include "trace/disas.h"
#include "trace/log.h"

void cpu_reset(cpu_t *cpu, machine_t *m, unsigned index)
{
    memset(cpu, 0, sizeof *cpu);
    cpu->chain_limit = INT64_MAX; /* cpu_run sets it (exec_chain) */
    cpu->machine = m;
    cpu->index = index;
    sysreg_reset(cpu);
    /* MPIDR affinity as on QEMU virt with a GICv3: Aff0 = i % 16, Aff1 = i / 16. */
    cpu->sr[SR_VMPIDR_EL2] = (1ull << 31) | ((index / 16) << 8) | (index % 16);
    tlb_flush(&cpu->tlb);
    cpu->el = m->virtualization ? 2 : 1;
    cpu->spsel = 1;
    cpu->daif = 0xF << 6;
    cpu->state = index == 0 ? PE_RUNNING : PE_OFF;
    cpu->between_insns = true;
    if (m->gdb) gdb_cpu_reset(cpu); /* PSCI CPU_ON keeps the debugger's breakpoints */
    cache_cpu_attach(cpu);
}

void cpu_power_on(cpu_t *cpu, uint64_t entry, uint64_t context)
{
    cpu_reset(cpu, cpu->machine, cpu->index);
    cpu->pc = entry;
    cpu->x[0] = context;
}

uint64_t cpu_slice_retired(const cpu_t *cpu)
{
    return (uint64_t)(cpu->budget_start - cpu->budget);
}

void cpu_set_el_sp(cpu_t *cpu, unsigned el, unsigned spsel)
{
    unsigned old = cpu->spsel ? cpu->el : 0, new = spsel ? el : 0;
    if (old != new) {
        cpu->sp_el[old] = cpu->x[REG_SP];
        cpu->x[REG_SP] = cpu->sp_el[new];
    }
    if (el != cpu->el) {
        /* Instructions per EL, each at the EL it executes in: an instruction that takes or
         * returns from an exception (still running here, counted by the run loop once it ends)
         * belongs to the old EL, so the new one starts one behind. */
        uint64_t now = cpu->icount + cpu_slice_retired(cpu);
        unsigned running = !cpu->between_insns;
        cpu->stats.insns[cpu->el] += now - cpu->el_since + running;
        cpu->stats.insns[el] -= running;
        cpu->el_since = now;
    }
    cpu->el = el;
    cpu->spsel = spsel;
}

/* SPSR layout for AArch64 (Arm ARM C5.2.18): N Z C V [31:28], SS [21], IL [20],
 * DIT [24], UAO [23], PAN [22], SSBS [12], BTYPE [11:10], D A I F [9:6], M [3:0]. */
uint64_t cpu_get_pstate(const cpu_t *cpu)
{
    return cpu->nzcv | ((uint64_t)cpu->dit << 24) | ((uint64_t)cpu->uao << 23) |
           ((uint64_t)cpu->pan << 22) | ((uint64_t)cpu->ss << 21) | ((uint64_t)cpu->il << 20) |
           ((uint64_t)cpu->ssbs << 12) | ((uint64_t)cpu->btype << 10) | cpu->daif | (cpu->el << 2) |
           cpu->spsel;
}

void cpu_set_pstate(cpu_t *cpu, uint64_t spsr)
{
    cpu->nzcv = spsr & 0xF0000000u;
    cpu->dit = bit(spsr, 24);
    cpu->uao = 0; /* FEAT_UAO not implemented: RES0 */
    cpu->pan = 0; /* FEAT_PAN not implemented: RES0 */
    cpu->ss = bit(spsr, 21);
    cpu->il = bit(spsr, 20);
    cpu->ssbs = 0;
    cpu->btype = 0;
    cpu->dit = 0;
    cpu->daif = spsr & (0xF << 6);
    cpu_set_el_sp(cpu, (spsr >> 2) & 3, spsr & 1);
}

bool cpu_check_sp_align_slow(cpu_t *cpu, uint64_t sp)
{
    /* SCTLR_ELx.SA [3] at EL1/EL2, SCTLR_EL1.SA0 [4] at EL0 (Arm ARM D1.3.3.3). */
    unsigned sa = cpu->el == 0   ? bit(sctlr_for_el0(cpu), 4)
                  : cpu->el == 2 ? bit(cpu->sr[SR_SCTLR_EL2], 3)
                                 : bit(cpu->sr[SR_SCTLR_EL1], 3);
    if (likely(!sa || !(sp & 15))) return true;
    exc_take_sync(cpu, exc_sync_target_el(cpu), esr_make(EC_SP_ALIGN, true, 0), 0, false, cpu->pc);
    return false;
}

void cpu_set_irq_lines(cpu_t *cpu, bool irq, bool fiq)
{
    if (((irq && !cpu->irq_line) || (fiq && !cpu->fiq_line)) && guest_time_hold_irq(cpu)) return;
    cpu->irq_line = irq;
    cpu->fiq_line = fiq;
    if (irq || fiq) {
        if (cpu->machine->mt) { /* its thread wakes itself (machine/threads.h) */
            mt_notify(cpu);
            return;
        }
        if (cpu->state == PE_WFI || cpu->state == PE_WFE) guest_time_wake(cpu);
        cpu_break_loop(cpu);
    }
}

/*
 * A virtual IRQ/FIQ (Arm ARM D1.3.6.3) is pending from HCR_EL2.VI/VF or from the
 * GIC's virtual CPU interface, and is signalled only at EL0/EL1 when HCR_EL2.IMO/FMO
 * route that class to EL2 and TGE = 0.
 */
static bool virtual_pending(const cpu_t *cpu, bool fiq)
{
    uint64_t hcr = hcr_el2(cpu);
    if (cpu->el == 2 || (hcr & HCR_TGE) || !(hcr & (fiq ? HCR_FMO : HCR_IMO))) return false;
    return fiq ? cpu->vfiq_line || (hcr & HCR_VF) : cpu->virq_line || (hcr & HCR_VI);
}

bool cpu_wfi_wakeup(const cpu_t *cpu)
{
    uint64_t hcr = hcr_el2(cpu);
    bool vserror = (hcr & HCR_VSE) && (hcr & HCR_AMO) && !(hcr & HCR_TGE) && cpu->el < 2;
    return cpu->irq_line || cpu->fiq_line || virtual_pending(cpu, false) ||
           virtual_pending(cpu, true) || vserror;
}

void cpu_set_virq_lines(cpu_t *cpu, bool virq, bool vfiq)
{
    cpu->virq_line = virq;
    cpu->vfiq_line = vfiq;
    if (virq || vfiq) {
        if (cpu->machine->mt) { /* its thread wakes itself (machine/threads.h) */
            mt_notify(cpu);
            return;
        }
        if ((cpu->state == PE_WFI && cpu_wfi_wakeup(cpu)) || cpu->state == PE_WFE)
            guest_time_wake(cpu);
        cpu_break_loop(cpu);
    }
}

/* Any interrupt input that check_interrupts must look at. */
static inline bool interrupt_inputs(const cpu_t *cpu)
{
    return cpu->irq_line | cpu->fiq_line | cpu->virq_line | cpu->vfiq_line |
           ((cpu->sr[SR_HCR_EL2] & (HCR_VI | HCR_VF | HCR_VSE)) != 0);
}

/*
 * Routing and masking of physical IRQ/FIQ (Arm ARM D1.3.6): with EL2 and
 * HCR_EL2.IMO/FMO (or TGE) set they go to EL2, where PSTATE.I/F masks them
 * only when running at EL2; otherwise to EL1, masked by PSTATE.I/F. Virtual
 * interrupts then go to EL1, masked by PSTATE.I/F.
 */
static void check_interrupts(cpu_t *cpu)
{
    for (int fiq = 0; fiq < 2; fiq++) {
        if (!(fiq ? cpu->fiq_line : cpu->irq_line)) continue;
        uint64_t hcr = hcr_el2(cpu);
        bool to_el2 = (hcr & (fiq ? HCR_FMO : HCR_IMO)) || (hcr & HCR_TGE);
        unsigned target = to_el2 ? 2 : 1;
        bool masked = (cpu->daif >> (fiq ? 6 : 7)) & 1;
        if (target < cpu->el) continue;
        if (target > cpu->el) masked = false;
        if (masked) continue;
        exc_take_irq(cpu, target, fiq, false);
        return;
    }
    /* Virtual SError (HCR_EL2.VSE with AMO, TGE clear): to EL1, masked by PSTATE.A;
     * it has priority over virtual IRQ and FIQ. */
    uint64_t hcr = hcr_el2(cpu);
    if ((hcr & HCR_VSE) && (hcr & HCR_AMO) && !(hcr & HCR_TGE) && cpu->el < 2 &&
        !((cpu->daif >> 8) & 1)) {
        exc_take_virtual_serror(cpu);
        return;
    }
    for (int fiq = 0; fiq < 2; fiq++) {
        if (virtual_pending(cpu, fiq) && !((cpu->daif >> (fiq ? 6 : 7)) & 1)) {
            exc_take_irq(cpu, 1, fiq, true);
            return;
        }
    }
}

void cpu_run(cpu_t *cpu, uint64_t max_insns)
{
    monitor_slice_start(cpu);
    cpu->budget = cpu->budget_start = (int64_t)max_insns;
    /* The inner loop runs while pc stays in this granule: a page, or with the instruction cache
     * modelled a line, whose entry fetch_page checks (cache/cache.h). */
    const uint64_t loop_mask = unlikely(cpu->cache) ? cache_loop_mask(cpu) : PAGE_MASK | 3;
    /* exec_chain runs slots up to the page's end, so not when the loop's granule is a line. */
    const bool chain = loop_mask == (PAGE_MASK | 3);
    while (cpu->budget > 0 && cpu->state == PE_RUNNING && !cpu->machine->stop && !cpu_kicked(cpu)) {
        cpu->between_insns = true;
        /* A debugger's single step masks interrupts, as QEMU's does (gdb/gdb.h). */
        if (unlikely(interrupt_inputs(cpu)) && !(cpu->gdb_flags & GDB_STEP)) check_interrupts(cpu);
        if (unlikely(cpu->il)) {
            /* PSTATE.IL (set only by ERET/exception return, which leave the loop):
             * the next instruction takes an Illegal Execution state exception. */
            exc_take_sync(cpu, exc_sync_target_el(cpu), esr_make(EC_ILLEGAL_STATE, true, 0), 0,
                          false, cpu->pc);
            cpu->pc = cpu->next_pc;
            continue;
        }
        const bool debug = debug_armed(cpu);
        if (unlikely(debug)) {
            if (debug_before_insn(cpu)) {
                cpu->pc = cpu->next_pc;
                continue;
            }
            /* The step advances as the stepped instruction starts: an exception it
             * takes saves SPSR.SS = 0 (Arm ARM D2.10.4). */
            if (debug_stepping(cpu)) cpu->ss = 0;
        }
        uint64_t pc = cpu->pc;
        decoded_page_t *page = fetch_page(cpu, pc);
        if (unlikely(!page)) {
            /* The fetch faulted: the exception is taken instead of the instruction. */
            cpu->pc = cpu->next_pc;
            continue;
        }
        const uint64_t page_va = pc & loop_mask;
        cpu->between_insns = false;
        if (unlikely(debug || (log_mask & (LOG_EXEC | LOG_CPU)) ||
                     ((cpu->pmu_insn_els >> cpu->el) & 1))) { /* one at a time */
            const decoded_t *d = &page->d[(pc >> 2) & (SLOTS_PER_PAGE - 1)];
            cpu->chain_limit = INT64_MAX;
            if (unlikely(log_mask & LOG_CPU)) disas_log_cpu(cpu);
            if (unlikely(log_mask & LOG_EXEC)) disas_log_exec(cpu);
            const unsigned el = cpu->el;
            const uint64_t faulted = cpu->stats.insns_faulted[el];
            cpu->next_pc = pc + 4;
            d->fn(cpu, d);
            /* Architecturally executed unless it took an exception it does not generate. */
            if (cpu->stats.insns_faulted[el] == faulted) pmu_count_insn(&cpu->pmu, el, d->insn);
            cpu->pc = cpu->next_pc;
            cpu->budget--;
            continue;
        }
        /* The cache model's line granule: one instruction per call (no chaining). */
        if (unlikely(!chain)) cpu->chain_limit = INT64_MAX;
        do {
            const decoded_t *d = &page->d[(pc >> 2) & (SLOTS_PER_PAGE - 1)];
            cpu->next_pc = pc + 4;
            /* A chain returns here after CHAIN_MAX instructions: the C stack stays bounded when the
             * compiler does not turn exec_chain's call into a jump (-O0, sanitizers). */
            if (likely(chain)) {
                const int64_t chain_end = cpu->budget - CHAIN_MAX;
                cpu->chain_limit = chain_end > 1 ? chain_end : 1;
            }
            __atomic_load_n(&d->fn, __ATOMIC_ACQUIRE)(cpu, d); /* exec_chain's rule */
            pc = cpu->pc = cpu->next_pc;
        } while (likely(--cpu->budget > 0) && likely((pc & loop_mask) == page_va) &&
                 likely(!cpu_kicked(cpu)));
    }
    cpu->between_insns = true;
    cpu->icount += cpu->budget_start - cpu->budget;
    cpu->budget = cpu->budget_start = 0;
    monitor_slice_end(cpu);
}
