/* Control registers whose writes change how the CPU translates or executes. */
#include "sysreg/sysreg_ops.h"

#include "cpu/el2.h"

SR_WRITE(wr_sctlr)
{
    cpu->sr[r->id] = val;
    sysreg_changed_translation(cpu);
}

/* HCR_EL2.RW [31] is RAO/WI: EL1 is AArch64-only (ID_AA64PFR0_EL1.EL1 = 1). */
SR_WRITE(wr_hcr)
{
    cpu->sr[r->id] = val | HCR_RW;
    sysreg_changed_translation(cpu);
}

/* VBAR_ELx bits [10:0] are RES0; bits [4:0] read as zero and [10:5] hold what was written, as on
 * QEMU. */
SR_WRITE(wr_vbar)
{
    cpu->sr[r->id] = val & ~0x1Full;
}

/*
 * CPTR_EL2 has two layouts (Arm ARM D24.2.31): with E2H = 0, bits [13:12],
 * [9:0] are RES1 here (no SVE, no SME) and TFP [10], TTA [20], TAM [30],
 * TCPAC [31] are the controls; with E2H = 1 it takes the CPACR_EL1 layout
 * (FPEN [21:20], TTA [28], TAM [30], TCPAC [31]).
 */
SR_WRITE(wr_cptr)
{
    if (hcr_el2(cpu) & HCR_E2H)
        cpu->sr[r->id] = val & ((3ull << 20) | (1ull << 28) | (1ull << 30) | (1ull << 31));
    else
        cpu->sr[r->id] =
            (val & ((1ull << 10) | (1ull << 20) | (1ull << 30) | (1ull << 31))) | 0x33FF;
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
