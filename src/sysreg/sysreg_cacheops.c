/*
 * Cache maintenance instructions: the access checks and translation faults here, the effect on
 * the cache model (cache/cache.h) when it is on. The decoded-instruction cache is reset as
 * before (its slots are decoded again from what the instruction side sees).
 */
#include "cache/cache.h"
#include "cpu/codecache.h"
#include "cpu/el2.h"
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "mmu/mem.h"
#include "mmu/translate.h"
#include "sysreg/sysreg_ops.h"
#include "trace/trace.h"

static void count(cpu_t *cpu, unsigned cmo)
{
    cpu->stats.cache.cmo[cmo][cpu->el]++;
    TRACE(trace_cache_maintenance(cpu, cmo));
}

/* EL0 cache maintenance by VA needs SCTLR_EL1.UCI (bit 26). */
SR_ACCESS(acc_cache_el0)
{
    (void)r;
    (void)read;
    if (cpu->el == 0 && !bit(sctlr_for_el0(cpu), 26)) return sr_trap_from_el0(cpu);
    return SR_OK;
}

/* EL0 DC ZVA needs SCTLR_EL1.DZE (bit 14). */
SR_ACCESS(acc_dc_zva)
{
    (void)r;
    (void)read;
    if (cpu->el == 0 && !bit(sctlr_for_el0(cpu), 14)) return sr_trap_from_el0(cpu);
    return SR_OK;
}

/* IC IALLUIS: every CPU's instruction cache; IC IALLU: this CPU's, or every CPU's when
 * executed at EL1 with HCR_EL2.FB = 1 (Arm ARM D24.2.48; FB is ignored with TGE = 1). */
SR_WRITE(op_ic_iall)
{
    (void)val;
    bool is = r->id == SR_IC_IALLUIS;
    uint64_t hcr = hcr_el2(cpu);
    count(cpu, is ? CMO_IC_IALLUIS : CMO_IC_IALLU);
    cache_ic_all(cpu, is || (cpu->el == 1 && (hcr & HCR_FB) && !(hcr & HCR_TGE)));
    code_cache_invalidate_all(cpu->machine->code);
    cpu_break_loop(cpu);
}

/* IC IVAU: translated with the cache-maintenance rules (a fault is a Data Abort, CM = 1);
 * resets the decoded instructions of the line. */
SR_WRITE(op_ic_ivau)
{
    (void)r;
    machine_t *m = cpu->machine;
    uint32_t bytes = m->cache_cfg.line;
    uint64_t pa, line = val & ~(uint64_t)(bytes - 1);
    count(cpu, CMO_IC_IVAU);
    if (!mmu_cache_maint(cpu, line, XLAT_IC, &pa)) return;
    cache_ic_va(cpu, pa);
    if (bus_ram_ptr(&m->bus, pa, bytes))
        code_cache_invalidate(m->code, pa - m->bus.ram_base, bytes);
}

/* DC CVAC, CVAU, CIVAC: translated (faults are taken), then the clean to the PoC or PoU. */
SR_WRITE(op_dc_clean)
{
    unsigned cmo = r->id == SR_DC_CVAU   ? CMO_DC_CVAU
                   : r->id == SR_DC_CVAC ? CMO_DC_CVAC
                                         : CMO_DC_CIVAC;
    uint64_t pa;
    count(cpu, cmo);
    if (mmu_cache_maint(cpu, val, XLAT_DC, &pa)) cache_dc_va(cpu, cmo, val, pa);
}

/* DC IVAC: an invalidation needs write permission (Arm ARM D8.15.3). At EL1 with stage 2
 * enabled (HCR_EL2.VM or DC) it is performed as DC CIVAC, after the permission checks
 * (Arm ARM C5.3 DC IVAC, pseudocode AArch64.DC): a guest cannot discard the hypervisor's dirty
 * data. */
SR_WRITE(op_dc_inval)
{
    (void)r;
    uint64_t pa;
    unsigned cmo = cpu->el == 1 && mmu_stage2_enabled(cpu) ? CMO_DC_CIVAC : CMO_DC_IVAC;
    count(cpu, cmo);
    if (mmu_cache_maint(cpu, val, XLAT_DC_INVAL, &pa)) cache_dc_va(cpu, cmo, val, pa);
}

/* DC ISW, CSW, CISW: this CPU's caches by set/way. DC ISW at EL1 is performed as DC CISW when
 * HCR_EL2.SWIO, VM or DC is set (Arm ARM C5.3 DC ISW, D24.2.48 HCR_EL2.SWIO). */
SR_WRITE(op_dc_setway)
{
    unsigned cmo = r->id == SR_DC_CSW ? CMO_DC_CSW : r->id == SR_DC_CISW ? CMO_DC_CISW : CMO_DC_ISW;
    if (cmo == CMO_DC_ISW && cpu->el == 1 && ((hcr_el2(cpu) & HCR_SWIO) || mmu_stage2_enabled(cpu)))
        cmo = CMO_DC_CISW;
    count(cpu, cmo);
    cache_dc_setway(cpu, cmo, val);
}

/* DC ZVA zeroes the naturally aligned block holding Xt (Arm ARM C5.3.17). */
SR_WRITE(op_dc_zva)
{
    (void)r;
    uint64_t va = val & ~(uint64_t)(IMPDEF_DCZVA_BYTES - 1);
    count(cpu, CMO_DC_ZVA);
    if (!mem_check_range(cpu, va, IMPDEF_DCZVA_BYTES, 8, true, 0)) return;
    for (unsigned i = 0; i < IMPDEF_DCZVA_BYTES; i += 8)
        if (!mem_store(cpu, va + i, 8, 0, 0)) return;
}
