/* Access controls of FP/SIMD instructions and registers (Arm ARM D1.3.5, CheckFPAdvSIMDEnabled64).
 */
#ifndef AVSIM_FP_ACCESS_H
#define AVSIM_FP_ACCESS_H

#include "cpu/cpu.h"

/* The full check behind fp_access_ok; it also records an EL found enabled. */
bool fp_access_check(cpu_t *cpu);

/*
 * True when FP/SIMD may execute at the current EL. Otherwise takes the trap
 * (EC 0x07 to EL1 for CPACR_EL1.FPEN, to EL2 for CPTR_EL2.TFP or, with
 * E2H = 1, CPTR_EL2.FPEN) and returns false: the instruction must stop.
 * Bit EL of cpu->fp_enabled_els caches a positive answer: it depends only on
 * the EL, CPACR_EL1, CPTR_EL2 and HCR_EL2, whose writers call fp_access_changed.
 */
static inline bool fp_access_ok(cpu_t *cpu)
{
    if (likely((cpu->fp_enabled_els >> cpu->el) & 1)) return true;
    return fp_access_check(cpu);
}

/* Forgets the cached answers: after a write to CPACR_EL1, CPTR_EL2 or HCR_EL2. */
static inline void fp_access_changed(cpu_t *cpu)
{
    cpu->fp_enabled_els = 0;
}

#endif
