/*
 * Self-hosted debug exceptions (Arm ARM D2): hardware breakpoints, software
 * step, and watchpoints. Armed by MDSCR_EL1.MDE (breakpoints, watchpoints)
 * and MDSCR_EL1.SS (step); while armed the run loop executes one instruction
 * at a time after debug_before_insn, and data accesses skip the fast path.
 */
#ifndef AVSIM_DEBUG_H
#define AVSIM_DEBUG_H

#include "cpu/cpu.h"

#define MDSCR_SS  (1ull << 0)
#define MDSCR_KDE (1ull << 13)
#define MDSCR_MDE (1ull << 15)

/* Self-hosted debug is armed, or the GDB stub checks this CPU (gdb/gdb.h). */
static inline bool debug_armed(const cpu_t *cpu)
{
    return (cpu->sr[SR_MDSCR_EL1] & (MDSCR_SS | MDSCR_MDE)) | cpu->gdb_flags;
}

/* Before executing the instruction at cpu->pc: a pending software step or a
 * breakpoint match is taken here. True when an exception was taken (or the GDB
 * stub stopped the CPU: the instruction is not executed). */
bool debug_before_insn(cpu_t *cpu);

/* Software step is active-not-pending: the next instruction is the stepped one. */
bool debug_stepping(const cpu_t *cpu);

/* BRK #comment at cpu->pc: the Breakpoint Instruction exception (EC 0x3C), routed as
 * debug exceptions are (MDCR_EL2.TDE, HCR_EL2.TGE) but never to a lower EL. */
void debug_take_brk(cpu_t *cpu, uint16_t comment);

/* A data access of [va, va + size): true (and the Watchpoint exception taken, or the
 * CPU stopped by a GDB watchpoint) on a match. */
bool debug_watchpoint_hit(cpu_t *cpu, uint64_t va, unsigned size, bool write);

#endif
