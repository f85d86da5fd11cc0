/* Control registers whose writes change how the CPU translates or executes. */
#include "sysreg/sysreg_ops.h"

#include "cpu/el2.h"
#include "cpu/fp_access.h"
#include "trace/trace.h"

SR_WRITE(wr_sctlr)
{
    cpu->sr[r->id] = val;
    sysreg_changed_translation(cpu);
}

SR_WRITE(wr_hcr)
{
    /* HCR_EL2.VI, VF, VSE set: a virtual IRQ, FIQ, SError made pending (Arm ARM D1.3.6). */
    static const struct {
        uint64_t bit;
        unsigned kind;
        const char *name;
    } inj[] = {{HCR_VI, INJ_VI, "VI"}, {HCR_VF, INJ_VF, "VF"}, {HCR_VSE, INJ_VSE, "VSE"}};
    uint64_t set = val & ~cpu->sr[r->id];
    for (unsigned i = 0; i < sizeof inj / sizeof inj[0]; i++)
        if (set & inj[i].bit) {
            cpu->stats.irq_inject[inj[i].kind]++;
            TRACE(trace_irq_inject(cpu, -1, val, inj[i].name));
        }
    cpu->sr[r->id] = val;
    TRACE(trace_hcr_written(cpu));
    sysreg_changed_translation(cpu);
    fp_access_changed(cpu);
}

/*
 * CPTR_EL2 has two layouts (Arm ARM D24.2.31). With E2H = 0: TCPAC [31],
 * TFP [10], and bits [13:12], [9:0] RES1 (no SVE, no SME); with E2H = 1 the
 * CPACR_EL1 layout: TCPAC [31], FPEN [21:20]. TTA and TAM are RES0 (no trace
 * registers, no FEAT_AMUv1). A bit functional in either layout holds what was
 * last written in both (Arm ARM Glossary: RES0 in some contexts).
 */
#define CPTR_STORED       ((1ull << 31) | (3ull << 20) | (1ull << 10))
#define CPTR_RES1_NON_VHE 0x33FFull

SR_WRITE(wr_cptr)
{
    cpu->sr[r->id] = val & CPTR_STORED;
    fp_access_changed(cpu);
}

SR_READ(rd_cptr)
{
    uint64_t v = cpu->sr[r->id];
    return (hcr_el2(cpu) & HCR_E2H) ? v : v | CPTR_RES1_NON_VHE;
}

/* CPTR_EL2.TCPAC traps EL1 accesses to CPACR_EL1 to EL2 (same bit in both layouts). */
SR_ACCESS(acc_cpacr)
{
    (void)r;
    (void)read;
    if (cpu->el == 1 && (cpu->sr[SR_CPTR_EL2] & (1ull << 31)) && el2_enabled(cpu))
        return SR_TRAP_EL2;
    return SR_OK;
}

/* RVBAR_EL1 and RMR_EL1 exist only when EL1 is the highest EL (Arm ARM, RVBAR_EL1, RMR_EL1). */
SR_ACCESS(acc_highest_el1)
{
    (void)r;
    (void)read;
    return el2_enabled(cpu) ? SR_UNDEF : SR_OK;
}
