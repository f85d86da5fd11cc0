/* Arm semihosting (HLT #0xF000 in A64) for test programs: console output and exit. */
#ifndef AVSIM_SEMIHOSTING_H
#define AVSIM_SEMIHOSTING_H

#include "cpu/cpu.h"

/* Operation in w0, parameter (block) in x1, result in x0. */
void semihosting_call(cpu_t *cpu);

#endif
