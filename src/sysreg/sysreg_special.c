/* Special-purpose registers: PSTATE fields and stack pointers (Arm ARM C5.2). */
#include "sysreg/sysreg_ops.h"

#include "cpu/el2.h"

SR_READ(rd_nzcv)
{
    (void)r;
    return cpu->nzcv;
}
SR_WRITE(wr_nzcv)
{
    (void)r;
    cpu->nzcv = val & 0xF0000000u;
}

SR_READ(rd_daif)
{
    (void)r;
    return cpu->daif;
}
SR_WRITE(wr_daif)
{
    (void)r;
    cpu->daif = val & (0xF << 6);
    cpu_break_loop(cpu); /* a pending interrupt may now be taken */
}
/* EL0 access to DAIF needs SCTLR_EL1.UMA (bit 9), else it traps (Arm ARM C5.2.2). */
SR_ACCESS(acc_daif_el0)
{
    (void)r;
    (void)read;
    if (cpu->el == 0 && !bit(sctlr_for_el0(cpu), 9)) return sr_trap_from_el0(cpu);
    return SR_OK;
}

SR_READ(rd_currentel)
{
    (void)r;
    /* FEAT_NV: a guest hypervisor at EL1 reads EL2 (Arm ARM D24.2.34 CurrentEL). */
    if (cpu->el == 1 && hcr_nvx(cpu)) return 2 << 2;
    return cpu->el << 2;
}

SR_READ(rd_spsel)
{
    (void)r;
    return cpu->spsel;
}
SR_WRITE(wr_spsel)
{
    (void)r;
    cpu_set_el_sp(cpu, cpu->el, val & 1);
}

/* MRS/MSR SP_EL0 is UNDEFINED while SP_EL0 is the current stack pointer. */
SR_ACCESS(acc_sp_el0)
{
    (void)r;
    (void)read;
    return cpu->spsel ? SR_OK : SR_UNDEF;
}
SR_READ(rd_sp_el0)
{
    (void)r;
    return cpu->sp_el[0];
}
SR_WRITE(wr_sp_el0)
{
    (void)r;
    cpu->sp_el[0] = val;
}

/* Accessible only at EL2, where SP_EL1 is never the current SP. */
SR_READ(rd_sp_el1)
{
    (void)r;
    return cpu->sp_el[1];
}
SR_WRITE(wr_sp_el1)
{
    (void)r;
    cpu->sp_el[1] = val;
}

/*
 * ISR_EL1 (Arm ARM, ISR_EL1): the interrupt signals pending, whatever PSTATE masks. At EL1,
 * for each class that EL2 routes to itself (HCR_EL2.IMO, FMO, AMO; TGE = 0) it shows the virtual
 * one: HCR_EL2.VI or the GIC's virtual IRQ, VF or the virtual FIQ, VSE. Otherwise, and at EL2, the
 * physical one; avsim has no physical SError source. IS and FS are RES0 (no FEAT_NMI).
 */
SR_READ(rd_isr)
{
    (void)r;
    const uint64_t hcr = hcr_el2(cpu);
    const bool virt = cpu->el == 1 && !(hcr & HCR_TGE);
    const bool irq = virt && (hcr & HCR_IMO) ? cpu->virq_line || (hcr & HCR_VI) : cpu->irq_line;
    const bool fiq = virt && (hcr & HCR_FMO) ? cpu->vfiq_line || (hcr & HCR_VF) : cpu->fiq_line;
    const bool serror = virt && (hcr & HCR_AMO) && (hcr & HCR_VSE);
    return ((uint64_t)serror << 8) | ((uint64_t)irq << 7) | ((uint64_t)fiq << 6);
}
