/* FEAT_NV2: the VNCR page as memory (mmu/vncr.c). */
#ifndef AVSIM_VNCR_H
#define AVSIM_VNCR_H

#include "cpu/cpu.h"

/*
 * The 64-bit load (write = false: into *val) or store (of *val) at va that an EL1 register
 * access becomes under NV2. Returns false having taken the VNCR Data Abort to EL2.
 */
bool vncr_access(cpu_t *cpu, uint64_t va, bool write, uint64_t *val);

#endif
