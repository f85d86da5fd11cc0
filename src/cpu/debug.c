#include "cpu/debug.h"

#include <string.h>

#include "cpu/el2.h"
#include "cpu/exception.h"
#include "gdb/gdb.h"
#include "mmu/tlb.h"

#define MDCR_TDE            (1ull << 8)
#define EC_BREAKPOINT_LOWER 0x30
#define EC_STEP_LOWER       0x32
#define EC_WATCHPOINT_LOWER 0x34
#define FSC_DEBUG           0x22
#define ISS_STEP_ISV        (1u << 24)
#define ISS_STEP_EX         (1u << 6)

/* The EL debug exceptions go to: EL2 with MDCR_EL2.TDE or HCR_EL2.TGE, else EL1 (Arm ARM D2.3). */
static unsigned debug_target_el(const cpu_t *cpu)
{
    if (el2_enabled(cpu) && ((cpu->sr[SR_MDCR_EL2] & MDCR_TDE) || (hcr_el2(cpu) & HCR_TGE)))
        return 2;
    return 1;
}

/* Debug exceptions enabled from the current EL (Arm ARM D2.4, without EL3): always below
 * the debug target, at the target only with MDSCR_EL1.KDE and PSTATE.D clear; never with
 * the OS lock (OSLSR_EL1.OSLK) or the OS double lock set. */
static bool enabled_here(const cpu_t *cpu)
{
    if ((cpu->sr[SR_OSLSR_EL1] & 2) || (cpu->sr[SR_OSDLR_EL1] & 1)) return false;
    unsigned target = debug_target_el(cpu);
    if (cpu->el < target) return true;
    if (cpu->el > target) return false;
    return (cpu->sr[SR_MDSCR_EL1] & MDSCR_KDE) && !(cpu->daif & (1u << 9));
}

static void take(cpu_t *cpu, unsigned ec_lower, uint32_t iss, uint64_t far, bool far_valid)
{
    unsigned target = debug_target_el(cpu);
    unsigned ec = ec_lower + (cpu->el == target ? 1 : 0);
    exc_take_sync(cpu, target, esr_make(ec, true, iss), far, far_valid, cpu->pc);
}

void debug_take_brk(cpu_t *cpu, uint16_t comment)
{
    /* Never masked; to the debug target EL, or the current EL if that is higher. */
    unsigned target = debug_target_el(cpu);
    exc_take_sync(cpu, target > cpu->el ? target : cpu->el, esr_make(EC_BRK, true, comment), 0,
                  false, cpu->pc);
}

/* PMC/HMC/SSC privilege filter of a breakpoint or watchpoint control (DBGBCR/DBGWCR [2:1],
 * [13], [15:14]) for the Non-secure ELs. */
static bool el_matches(const cpu_t *cpu, uint64_t ctrl)
{
    unsigned pmc = (ctrl >> 1) & 3, hmc = (ctrl >> 13) & 1, ssc = (ctrl >> 14) & 3;
    if (ssc > 1) return false;
    switch (cpu->el) {
    case 0: return pmc & 2;
    case 1: return pmc & 1;
    default: return hmc;
    }
}

static const sysreg_id_t bcr[2] = {SR_DBGBCR0_EL1, SR_DBGBCR1_EL1};
static const sysreg_id_t bvr[2] = {SR_DBGBVR0_EL1, SR_DBGBVR1_EL1};
static const sysreg_id_t wcr[2] = {SR_DBGWCR0_EL1, SR_DBGWCR1_EL1};
static const sysreg_id_t wvr[2] = {SR_DBGWVR0_EL1, SR_DBGWVR1_EL1};

/* An unlinked address-match breakpoint (BT = 0b0000) on the A64 instruction at pc. */
static bool breakpoint_matches(const cpu_t *cpu, unsigned n)
{
    uint64_t ctrl = cpu->sr[bcr[n]];
    if (!(ctrl & 1) || ((ctrl >> 20) & 0xF) != 0 || !el_matches(cpu, ctrl)) return false;
    uint64_t mask = ((1ull << 49) - 1) & ~3ull; /* DBGBVR bits [48:2] */
    return (cpu->pc & mask) == (cpu->sr[bvr[n]] & mask);
}

bool debug_stepping(const cpu_t *cpu)
{
    return (cpu->sr[SR_MDSCR_EL1] & MDSCR_SS) && enabled_here(cpu);
}

static uint64_t retired(const cpu_t *cpu)
{
    return cpu->icount + cpu_slice_retired(cpu);
}

/* LDXR/LDAXR (any size) and LDXP/LDAXP: bits [29:23] = 0b0010000 with L [22] = 1; o1 [21]
 * is set only in the pairs (size [31] = 1), and in CASP/CASPA (size [31] = 0). */
static bool is_load_exclusive(uint32_t insn)
{
    return (insn & 0x3FC00000) == 0x08400000 && (!((insn >> 21) & 1) || (insn >> 31));
}

/* ISS of a Software Step exception: ISV = 1, with EX set for a Load-Exclusive, when the
 * instruction just completed was the stepped one; ISV = 0 when the PE became active-pending
 * without stepping (exception return with SPSR.SS = 0, step enabled by an MSR or by
 * unmasking PSTATE.D, or an exception in between): Arm ARM, AArch64.SoftwareStepException
 * and SoftwareStep_DidNotStep. That instruction was fetched last: fetch_host holds it. */
static uint32_t step_syndrome(const cpu_t *cpu)
{
    if (!cpu->step_retired_after || retired(cpu) != cpu->step_retired_after || !cpu->fetch_host)
        return FSC_DEBUG;
    uint32_t insn;
    memcpy(&insn, cpu->fetch_host + (cpu->step_pc & (PAGE_SIZE - 1)), 4);
    return ISS_STEP_ISV | (is_load_exclusive(insn) ? ISS_STEP_EX : 0) | FSC_DEBUG;
}

bool debug_before_insn(cpu_t *cpu)
{
    /* The debugger's breakpoints and steps, outside the architecture, come first. */
    if (unlikely(cpu->gdb_flags) && gdb_before_insn(cpu)) return true;
    /* Software step, active-pending (Arm ARM D2.10): taken before anything else. */
    bool stepping = debug_stepping(cpu);
    if (stepping && !cpu->ss) {
        take(cpu, EC_STEP_LOWER, step_syndrome(cpu), 0, false);
        return true;
    }
    if ((cpu->sr[SR_MDSCR_EL1] & MDSCR_MDE) && enabled_here(cpu))
        for (unsigned n = 0; n < 2; n++)
            if (breakpoint_matches(cpu, n)) {
                take(cpu, EC_BREAKPOINT_LOWER, FSC_DEBUG, 0, false); /* FAR: UNKNOWN, not written */
                return true;
            }
    if (stepping) { /* active-not-pending: this instruction is the stepped one */
        cpu->step_pc = cpu->pc;
        cpu->step_retired_after = retired(cpu) + 1;
    }
    return false;
}

bool debug_watchpoint_hit(cpu_t *cpu, uint64_t va, unsigned size, bool write)
{
    if (unlikely(cpu->gdb_flags) && gdb_watch_hit(cpu, va, size, write)) return true;
    if (!(cpu->sr[SR_MDSCR_EL1] & MDSCR_MDE) || !enabled_here(cpu)) return false;
    for (unsigned n = 0; n < 2; n++) {
        uint64_t ctrl = cpu->sr[wcr[n]];
        unsigned lsc = (ctrl >> 3) & 3, bas = (ctrl >> 5) & 0xFF, maskbits = (ctrl >> 24) & 0x1F;
        if (!(ctrl & 1) || !(lsc & (write ? 2 : 1)) || !el_matches(cpu, ctrl)) continue;
        uint64_t base = cpu->sr[wvr[n]] & (((1ull << 49) - 1) & ~7ull);
        bool hit;
        if (maskbits >= 3) { /* a 2^MASK-byte aligned region */
            uint64_t m = ~((1ull << maskbits) - 1);
            hit = ((va & m) == (base & m)) || (((va + size - 1) & m) == (base & m));
        } else { /* bytes selected by BAS in the doubleword at base */
            hit = false;
            for (unsigned i = 0; i < size && !hit; i++) {
                uint64_t a = va + i;
                hit = (a & ~7ull) == base && ((bas >> (a & 7)) & 1);
            }
        }
        if (hit) {
            /* ISS: WnR [6], DFSC = 0x22; FAR = the address accessed. */
            take(cpu, EC_WATCHPOINT_LOWER, (write ? 1u << 6 : 0) | FSC_DEBUG, va, true);
            return true;
        }
    }
    return false;
}
