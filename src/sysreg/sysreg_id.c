/* Identification registers. Values: cpu/impdef.h. */
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "sysreg/sysreg_ops.h"

/* At EL1 with EL2 implemented, MIDR/MPIDR reads return VPIDR_EL2/VMPIDR_EL2 (Arm ARM D24.2.116). */
SR_READ(rd_midr)
{
    (void)r;
    return cpu->el == 1 && cpu->machine->virtualization ? cpu->sr[SR_VPIDR_EL2] : IMPDEF_MIDR;
}

SR_READ(rd_mpidr)
{
    (void)r;
    if (cpu->el == 1 && cpu->machine->virtualization) return cpu->sr[SR_VMPIDR_EL2];
    return (1ull << 31) | ((cpu->index / 16) << 8) | (cpu->index % 16);
}

SR_READ(rd_id_aa64pfr0)
{
    (void)r;
    return impdef_id_aa64pfr0(cpu->machine->virtualization);
}

SR_READ(rd_ccsidr)
{
    (void)r;
    return impdef_ccsidr(&cpu->machine->cache_cfg, cpu->sr[SR_CSSELR_EL1]);
}

SR_READ(rd_clidr)
{
    (void)r;
    return impdef_clidr(&cpu->machine->cache_cfg);
}

/* CSSELR_EL1: Level [3:1], InD [0]; other bits RES0. */
SR_WRITE(wr_csselr)
{
    cpu->sr[r->id] = val & 0xF;
}

SR_READ(rd_ctr)
{
    (void)r;
    return impdef_ctr_el0(&cpu->machine->cache_cfg);
}

/* EL0 reads of CTR_EL0 need SCTLR_EL1.UCT (bit 15). */
SR_ACCESS(acc_ctr_el0)
{
    (void)r;
    (void)read;
    if (cpu->el == 0 && !bit(sctlr_for_el0(cpu), 15)) return sr_trap_from_el0(cpu);
    return SR_OK;
}

/* DCZID_EL0: BS [3:0] = log2(block words); DZP [4] = 1 when DC ZVA is prohibited (EL0 without
 * SCTLR_EL1.DZE). */
SR_READ(rd_dczid)
{
    (void)r;
    unsigned bs = __builtin_ctz(IMPDEF_DCZVA_BYTES / 4);
    unsigned dzp = cpu->el == 0 && !bit(sctlr_for_el0(cpu), 14);
    return bs | (dzp << 4);
}
