/*
 * Self-hosted debug registers (Arm ARM D2, D24.3). The registers exist and
 * hold their values; breakpoints, watchpoints and software step do not fire
 * yet (docs/features.md).
 */
#include "cpu/debug.h"
#include "sysreg/sysreg_ops.h"

#define MDCR_TDE   (1ull << 8)
#define MDCR_TDA   (1ull << 9)
#define MDCR_TDOSA (1ull << 10)
#define MDCR_TDRA  (1ull << 11)
#define MDCR_TDCC  (1ull << 27)
#define MDSCR_TDCC (1ull << 12)

/* MDCR_EL2 trap of EL0/EL1 accesses; TDE implies every debug trap (Arm ARM D24.2.93). */
static sr_access_t mdcr_trap(const cpu_t *cpu, uint64_t bit)
{
    if (cpu->el < 2 && el2_enabled(cpu) && (cpu->sr[SR_MDCR_EL2] & (bit | MDCR_TDE)))
        return SR_TRAP_EL2;
    return SR_OK;
}

SR_ACCESS(acc_debug)
{
    (void)r;
    (void)read;
    /* The DCC registers are the ones reachable from EL0: MDSCR_EL1.TDCC traps them. */
    if (cpu->el == 0 && (cpu->sr[SR_MDSCR_EL1] & MDSCR_TDCC)) return sr_trap_from_el0(cpu);
    return mdcr_trap(cpu, MDCR_TDA);
}

/* The debug communications channel registers (MDCCSR_EL0, MDCCINT_EL1, DBGDTR*_EL0, OSDTR*_EL1):
 * MDSCR_EL1.TDCC at EL0, then MDCR_EL2.TDCC (FEAT_FGT), then the other debug traps (Arm ARM
 * D24.3.17). */
SR_ACCESS(acc_debug_dcc)
{
    if (cpu->el == 0 && (cpu->sr[SR_MDSCR_EL1] & MDSCR_TDCC)) return sr_trap_from_el0(cpu);
    if (mdcr_trap(cpu, MDCR_TDCC) == SR_TRAP_EL2) return SR_TRAP_EL2;
    return acc_debug(cpu, r, read);
}

SR_ACCESS(acc_debug_os)
{
    (void)r;
    (void)read;
    return mdcr_trap(cpu, MDCR_TDOSA);
}

SR_ACCESS(acc_debug_ra)
{
    (void)r;
    (void)read;
    return mdcr_trap(cpu, MDCR_TDRA);
}

/* OSLAR_EL1.OSLK [0] sets OSLSR_EL1.OSLK [1]. */
SR_WRITE(wr_oslar)
{
    (void)r;
    cpu->sr[SR_OSLSR_EL1] = (cpu->sr[SR_OSLSR_EL1] & ~2ull) | ((val & 1) << 1);
}

/* The claim tag: eight bits set through DBGCLAIMSET and cleared through DBGCLAIMCLR, kept in
 * DBGCLAIMSET_EL1's slot; DBGCLAIMCLR reads the tag, DBGCLAIMSET reads as ones for the implemented
 * tag bits (Arm ARM, DBGCLAIMSET_EL1: RAO). */
SR_READ(rd_dbgclaim)
{
    return r->id == SR_DBGCLAIMSET_EL1 ? 0xFF : cpu->sr[SR_DBGCLAIMSET_EL1];
}

SR_WRITE(wr_dbgclaimset)
{
    (void)r;
    cpu->sr[SR_DBGCLAIMSET_EL1] |= val & 0xFF;
}

SR_WRITE(wr_dbgclaimclr)
{
    (void)r;
    cpu->sr[SR_DBGCLAIMSET_EL1] &= ~(val & 0xFF);
}

/* Arming or disarming breakpoints, watchpoints or step changes how the run loop
 * executes and whether data accesses may use the fast path. */
SR_WRITE(wr_mdscr)
{
    cpu->sr[r->id] = val;
    tlb_flush_fast(&cpu->tlb);
    cpu_break_loop(cpu);
}

/* The DCC data registers (Arm ARM D2, "The Debug Communications Channel"): DTRRX and DTRTX live in
 * OSDTRRX_EL1's and OSDTRTX_EL1's slots. DBGDTR_EL0 writes DTRRX with [63:32] and DTRTX with
 * [31:0], and reads DTRTX:DTRRX (what it returns when RXfull = 1). */
SR_READ(rd_dbgdtr)
{
    (void)r;
    return (cpu->sr[SR_OSDTRTX_EL1] << 32) | cpu->sr[SR_OSDTRRX_EL1];
}

SR_WRITE(wr_dbgdtr)
{
    (void)r;
    cpu->sr[SR_OSDTRRX_EL1] = val >> 32;
    cpu->sr[SR_OSDTRTX_EL1] = (uint32_t)val;
}

SR_READ(rd_dbgdtrrx)
{
    (void)r;
    return cpu->sr[SR_OSDTRRX_EL1];
}

SR_WRITE(wr_dbgdtrtx)
{
    (void)r;
    cpu->sr[SR_OSDTRTX_EL1] = (uint32_t)val;
}
