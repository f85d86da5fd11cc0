/* Control registers whose writes change how the CPU translates or executes. */
#include "sysreg/sysreg_ops.h"

#define HCR_RW (1ull << 31)

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

/* VBAR_ELx bits [10:0] are RES0; bits [4:0] read as zero and [10:5] hold what was written, as on QEMU. */
SR_WRITE(wr_vbar)
{
    cpu->sr[r->id] = val & ~0x1Full;
}
