/*
 * The Generic Timer's system counter as seen through CNTPCT_EL0 / CNTVCT_EL0.
 * The count advances one tick per retired instruction (cpu/impdef.h), so runs
 * are deterministic.
 */
#include "machine/machine.h"
#include "sysreg/sysreg_ops.h"

#define HCR_E2H (1ull << 34)
#define HCR_TGE (1ull << 27)

static bool el2_host(const cpu_t *cpu)
{
    uint64_t hcr = cpu->sr[SR_HCR_EL2];
    return cpu->machine->virtualization && (hcr & HCR_E2H) && (hcr & HCR_TGE);
}

/* EL0 counter access controls live in CNTKCTL_EL1 (Arm ARM D24.10.5):
 * EL0PCTEN [0] for the physical count, EL0VCTEN [1] for the virtual count,
 * either of them for CNTFRQ_EL0. */
static sr_access_t el0_check(cpu_t *cpu, uint64_t needed)
{
    if (cpu->el == 0 && !(cpu->sr[SR_CNTKCTL_EL1] & needed)) return sr_trap_from_el0(cpu);
    return SR_OK;
}

SR_ACCESS(acc_cnt_el0)
{
    (void)r;
    (void)read;
    return el0_check(cpu, 3);
}

/* CNTHCTL_EL2.EL1PCTEN [0] (E2H = 0 layout) traps EL0/EL1 physical counter reads to EL2. */
SR_ACCESS(acc_cntpct_el0)
{
    (void)r;
    (void)read;
    sr_access_t a = el0_check(cpu, 1);
    if (a != SR_OK) return a;
    if (cpu->el < 2 && cpu->machine->virtualization && !(cpu->sr[SR_HCR_EL2] & HCR_E2H) &&
        !(cpu->sr[SR_CNTHCTL_EL2] & 1))
        return SR_TRAP_EL2;
    return SR_OK;
}

SR_ACCESS(acc_cntvct_el0)
{
    (void)r;
    (void)read;
    return el0_check(cpu, 2);
}

SR_READ(rd_cntpct)
{
    (void)r;
    return cpu_icount(cpu);
}

/* CNTVCT = CNTPCT - CNTVOFF_EL2, except in the EL2&0 host regime where the offset is 0. */
SR_READ(rd_cntvct)
{
    (void)r;
    uint64_t off = cpu->machine->virtualization && !el2_host(cpu) ? cpu->sr[SR_CNTVOFF_EL2] : 0;
    return cpu_icount(cpu) - off;
}
