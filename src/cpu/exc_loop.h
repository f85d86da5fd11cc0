/*
 * Exception-loop detection. A PE whose exception vector itself faults (VBAR_ELx
 * in unmapped memory, a vector that faults on fetch or holds an UNDEFINED
 * instruction) takes the same exception again and again without completing an
 * instruction; hardware and QEMU spin forever. avsim stops after
 * EXC_LOOP_LIMIT synchronous exceptions in a row with the same target EL, ESR
 * and preferred return address and at most the faulting instruction retired in
 * between, prints the PC, EL, ESR, FAR and VBAR to stderr and exits with status
 * EXC_LOOP_EXIT_STATUS. -no-exception-loop-check (machine_t field
 * no_exception_loop_check) disables the check for guests that loop on purpose.
 */
#ifndef AVSIM_EXC_LOOP_H
#define AVSIM_EXC_LOOP_H

#include "cpu/cpu.h"

#define EXC_LOOP_LIMIT       10000
#define EXC_LOOP_EXIT_STATUS 3

/* Called on every synchronous exception entry (never on the instruction path). */
void exc_loop_check(cpu_t *cpu, unsigned target_el, uint32_t esr, uint64_t elr);

#endif
