/*
 * Disassembly for the logs (-d in_asm, exec, cpu): through Capstone when avsim is built with it
 * (CMake finds libcapstone, Debian's libcapstone-dev), else the raw instruction word.
 */
#ifndef AVSIM_DISAS_H
#define AVSIM_DISAS_H

#include <stddef.h>
#include <stdint.h>

typedef struct cpu cpu_t;

/* Writes "mnemonic operands" for insn at pc to buf, or ".word 0xXXXXXXXX" when the disassembler
 * is absent or does not know the encoding. */
void disas_insn(uint32_t insn, uint64_t pc, char *buf, size_t len);

/* -d in_asm: logs insn, just decoded at cpu->pc, under an "IN:" header whenever it does not follow
 * the previous instruction this CPU decoded. */
void disas_log_in_asm(const cpu_t *cpu, uint32_t insn);

/* -d exec: logs the instruction about to execute (at cpu->pc in the page cpu->fetch_host, as
 * fetched: its decoded slot may not be filled in yet) with its PC and EL. */
void disas_log_exec(const cpu_t *cpu);

/* -d cpu: logs the general registers, SP, PC and PSTATE before an instruction (QEMU's layout). */
void disas_log_cpu(const cpu_t *cpu);

#endif
