/* FPCR and FPSR (Arm ARM D24.2.x): held in cpu->fpcr / cpu->fpsr, which the FP core uses directly.
 */
#include "cpu/fp_access.h"
#include "cpu/fpu.h"
#include "sysreg/sysreg_ops.h"

/* MRS/MSR of FPCR and FPSR are trapped exactly as FP instructions (CPACR_EL1.FPEN, CPTR_EL2). */
SR_ACCESS(acc_fp)
{
    (void)r;
    (void)read;
    return fp_access_ok(cpu) ? SR_OK : SR_TAKEN;
}

SR_READ(rd_fpcr)
{
    (void)r;
    return cpu->fpcr;
}

SR_WRITE(wr_fpcr)
{
    (void)r;
    cpu->fpcr = (uint32_t)val & FPCR_WRITABLE;
}

SR_READ(rd_fpsr)
{
    (void)r;
    return cpu->fpsr;
}

SR_WRITE(wr_fpsr)
{
    (void)r;
    cpu->fpsr = (uint32_t)val & FPSR_WRITABLE;
}
