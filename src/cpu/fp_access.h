/* Access controls of FP/SIMD instructions and registers (Arm ARM D1.3.5, CheckFPAdvSIMDEnabled64).
 */
#ifndef AVSIM_FP_ACCESS_H
#define AVSIM_FP_ACCESS_H

#include "cpu/cpu.h"

/*
 * True when FP/SIMD may execute at the current EL. Otherwise takes the trap
 * (EC 0x07 to EL1 for CPACR_EL1.FPEN, to EL2 for CPTR_EL2.TFP or, with
 * E2H = 1, CPTR_EL2.FPEN) and returns false: the instruction must stop.
 */
bool fp_access_ok(cpu_t *cpu);

#endif
