/*
 * Access controls of the Generic Timer registers (Arm ARM D24.10, the accessor
 * pseudocode of CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0, CNTP_* and CNTV_*):
 *
 * - At EL0, CNTKCTL_EL1 enables each class (EL0PCTEN [0], EL0VCTEN [1], EL0VTEN
 *   [8], EL0PTEN [9]); a disabled access traps to EL1, or to EL2 with HCR_EL2.TGE.
 *   In the EL2&0 host ({E2H, TGE} = {1, 1}) the same bits of CNTHCTL_EL2 do it,
 *   trapping to EL2.
 * - Outside the host, CNTHCTL_EL2 traps EL0/EL1 accesses to the physical counter
 *   and timer to EL2: EL1PCTEN [0] / EL1PCEN [1] with E2H = 0, EL1PCTEN [10] /
 *   EL1PTEN [11] with E2H = 1; and (FEAT_ECV) EL1TVT [13] the virtual timer,
 *   EL1TVCT [14] the virtual counter.
 */
#include "timer/timer.h"

#include "machine/machine.h"
#include "sysreg/sysreg_ops.h"

enum { EL0PCTEN = 0, EL0VCTEN = 1, EL0VTEN = 8, EL0PTEN = 9 };

#define CNTHCTL_EL1TVT  (1u << 13)
#define CNTHCTL_EL1TVCT (1u << 14)

/* CNTHCTL_EL2 bits [17:0] exist with FEAT_ECV (EVNTIS is the last); [19:18] need FEAT_RME. */
#define CNTHCTL_WRITABLE 0x3FFFFull
/* CNTKCTL_EL1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI [7:4], EL0VTEN, EL0PTEN, EVNTIS [17]. */
#define CNTKCTL_WRITABLE (0x3FFull | (1ull << 17))

/* The EL0 enable `bit`: in CNTKCTL_EL1, or in CNTHCTL_EL2 in the EL2&0 host. */
static sr_access_t el0_enabled(const cpu_t *cpu, unsigned bit)
{
    if (el_is_in_host(cpu, 0)) return (cpu->sr[SR_CNTHCTL_EL2] >> bit) & 1 ? SR_OK : SR_TRAP_EL2;
    return (cpu->sr[SR_CNTKCTL_EL1] >> bit) & 1 ? SR_OK : sr_trap_from_el0(cpu);
}

/* CNTHCTL_EL2's EL0/EL1 physical counter (timer = false) or timer (true) enable. */
static bool el1_physical_enabled(const cpu_t *cpu, bool timer)
{
    if (!el2_enabled(cpu)) return true;
    unsigned b = (hcr_el2(cpu) & HCR_E2H) ? (timer ? 11 : 10) : (timer ? 1 : 0);
    return (cpu->sr[SR_CNTHCTL_EL2] >> b) & 1;
}

static bool ecv_trap(const cpu_t *cpu, uint32_t bit)
{
    return el2_enabled(cpu) && (cpu->sr[SR_CNTHCTL_EL2] & bit);
}

/* The checks every class shares: EL2 is never trapped; EL0 needs its enable, and
 * in the host nothing else applies. Returns SR_OK when the class rules decide. */
static bool lower_el_checks(const cpu_t *cpu, unsigned el0_bit, sr_access_t *result)
{
    *result = SR_OK;
    if (cpu->el == 2) return false;
    if (cpu->el == 0) {
        *result = el0_enabled(cpu, el0_bit);
        if (*result != SR_OK || el_is_in_host(cpu, 0)) return false;
    }
    return true;
}

SR_ACCESS(acc_cntpct)
{
    (void)r;
    (void)read;
    sr_access_t a;
    if (!lower_el_checks(cpu, EL0PCTEN, &a)) return a;
    return el1_physical_enabled(cpu, false) ? SR_OK : SR_TRAP_EL2;
}

SR_ACCESS(acc_cntvct)
{
    (void)r;
    (void)read;
    sr_access_t a;
    if (!lower_el_checks(cpu, EL0VCTEN, &a)) return a;
    return ecv_trap(cpu, CNTHCTL_EL1TVCT) ? SR_TRAP_EL2 : SR_OK;
}

SR_ACCESS(acc_cntp)
{
    (void)r;
    (void)read;
    sr_access_t a;
    if (!lower_el_checks(cpu, EL0PTEN, &a)) return a;
    return el1_physical_enabled(cpu, true) ? SR_OK : SR_TRAP_EL2;
}

SR_ACCESS(acc_cntv)
{
    (void)r;
    (void)read;
    sr_access_t a;
    if (!lower_el_checks(cpu, EL0VTEN, &a)) return a;
    return ecv_trap(cpu, CNTHCTL_EL1TVT) ? SR_TRAP_EL2 : SR_OK;
}

/* FEAT_ECV with FEAT_NV: CNTHCTL_EL2.EL1NVPCT [15] / EL1NVVCT [16] trap a guest hypervisor's
 * CNTP_/CNTV_{CTL,CVAL}_EL02 accesses instead of their VNCR slots (only EL1 under NV reaches
 * these alias-row controls: sysreg.c). */
SR_ACCESS(acc_cntp_el02_nv)
{
    (void)r;
    (void)read;
    return ecv_trap(cpu, 1u << 15) ? SR_TRAP_EL2 : SR_OK;
}

SR_ACCESS(acc_cntv_el02_nv)
{
    (void)r;
    (void)read;
    return ecv_trap(cpu, 1u << 16) ? SR_TRAP_EL2 : SR_OK;
}

/* CNTFRQ_EL0: EL0 reads need either counter enable; only the highest implemented
 * Exception level may write it (MSR below it is UNDEFINED). */
SR_ACCESS(acc_cntfrq)
{
    (void)r;
    if (!read) return cpu->el < (el2_enabled(cpu) ? 2u : 1u) ? SR_UNDEF : SR_OK;
    if (cpu->el != 0) return SR_OK;
    if (el0_enabled(cpu, EL0PCTEN) == SR_OK) return SR_OK;
    return el0_enabled(cpu, EL0VCTEN);
}

/* The event-stream settings and, in CNTHCTL_EL2, ECV/CNTPOFF can change deadlines. */
SR_WRITE(wr_cnthctl)
{
    event_stream_sync(cpu);
    cpu->sr[r->id] = val & CNTHCTL_WRITABLE;
    timer_update(cpu);
    cpu_break_loop(cpu);
}

SR_WRITE(wr_cntkctl)
{
    event_stream_sync(cpu);
    cpu->sr[r->id] = val & CNTKCTL_WRITABLE;
    cpu_break_loop(cpu);
}
