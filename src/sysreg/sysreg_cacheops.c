/*
 * Cache maintenance instructions. No data caches are modelled yet, so
 * data-cache maintenance by VA or set/way has no effect beyond its access
 * checks and translation faults; instruction-cache maintenance invalidates
 * decoded instructions.
 */
#include "cpu/codecache.h"
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "mmu/mem.h"
#include "mmu/translate.h"
#include "sysreg/sysreg_ops.h"

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

SR_WRITE(op_ic_iall)
{
    (void)r;
    (void)val;
    code_cache_invalidate_all(cpu->machine->code);
    cpu_break_loop(cpu);
}

/* IC IVAU: translated with the cache-maintenance rules (a fault is a Data Abort, CM = 1);
 * resets the decoded instructions of the line. */
SR_WRITE(op_ic_ivau)
{
    (void)r;
    machine_t *m = cpu->machine;
    uint64_t pa, line = val & ~(uint64_t)(IMPDEF_LINE_BYTES - 1);
    if (!mmu_cache_maint(cpu, line, XLAT_IC, &pa)) return;
    if (bus_ram_ptr(&m->bus, pa, IMPDEF_LINE_BYTES))
        code_cache_invalidate(m->code, pa - m->bus.ram_base, IMPDEF_LINE_BYTES);
}

/* DC CVAC, CVAU, CIVAC: translated (faults are taken); no data effect without a cache model. */
SR_WRITE(op_dc_clean)
{
    (void)r;
    uint64_t pa;
    mmu_cache_maint(cpu, val, XLAT_DC, &pa);
}

/* DC IVAC: an invalidation needs write permission (Arm ARM D8.x, cache maintenance). */
SR_WRITE(op_dc_inval)
{
    (void)r;
    uint64_t pa;
    mmu_cache_maint(cpu, val, XLAT_DC_INVAL, &pa);
}

/* DC ISW, CSW, CISW: by set/way, nothing to do without a cache model. */
SR_WRITE(op_dc_setway)
{
    (void)cpu;
    (void)r;
    (void)val;
}

/* DC ZVA zeroes the naturally aligned block holding Xt (Arm ARM C5.3.17). */
SR_WRITE(op_dc_zva)
{
    (void)r;
    uint64_t va = val & ~(uint64_t)(IMPDEF_DCZVA_BYTES - 1);
    if (!mem_check_range(cpu, va, IMPDEF_DCZVA_BYTES, 8, true, 0)) return;
    for (unsigned i = 0; i < IMPDEF_DCZVA_BYTES; i += 8)
        if (!mem_store(cpu, va + i, 8, 0, 0)) return;
}
