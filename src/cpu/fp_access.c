#include "cpu/fp_access.h"

#include "cpu/el2.h"
#include "cpu/exception.h"
#include "sysreg/sysreg_ops.h"

/* An FPEN field [21:20]: 0b11 enables, 0b01 disables only for el0_disabled, else disables. */
static bool fpen_disables(uint64_t reg, bool el0_disabled)
{
    unsigned fpen = (reg >> 20) & 3;
    return fpen == 3 ? false : fpen == 1 ? el0_disabled : true;
}

static bool trap(cpu_t *cpu, unsigned el)
{
    /* ISS for EC 0x07 from AArch64: CV = 1, COND = 0xE (Arm ARM D24.2.40). */
    exc_take_sync(cpu, el, esr_make(EC_FP_ACCESS, true, (1u << 24) | (0xEu << 20)), 0, false,
                  cpu->pc);
    return false;
}

/* AArch64.CheckFPEnabled: CPACR_EL1 for the EL1&0 regime, then CPTR_EL2 (two layouts). */
bool fp_access_check(cpu_t *cpu)
{
    unsigned el = cpu->el;
    uint64_t hcr = hcr_el2(cpu);
    if (el < 2 && !el_is_in_host(cpu, el) && fpen_disables(cpu->sr[SR_CPACR_EL1], el == 0)) {
        /* An EL0 trap routed to EL2 by HCR_EL2.TGE is reported as Uncategorized (EC 0x00),
         * as AArch64.AdvSIMDFPAccessTrap does. */
        if (el == 0 && (hcr & HCR_TGE)) {
            exc_take_sync(cpu, 2, esr_make(EC_UNKNOWN, true, 0), 0, false, cpu->pc);
            return false;
        }
        return trap(cpu, 1);
    }
    if (el2_enabled(cpu)) {
        if (hcr & HCR_E2H) {
            if (fpen_disables(cpu->sr[SR_CPTR_EL2], el == 0 && (hcr & HCR_TGE)))
                return trap(cpu, 2);
        } else if (cpu->sr[SR_CPTR_EL2] & (1ull << 10)) { /* TFP */
            return trap(cpu, 2);
        }
    }
    cpu->fp_enabled_els |= (uint8_t)(1u << el);
    return true;
}

SR_WRITE(wr_cpacr)
{
    cpu->sr[r->id] = val;
    fp_access_changed(cpu);
}
