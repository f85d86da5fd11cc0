/*
 * Address translation. With SCTLR_ELx.M = 0 (the only regime until the MMU
 * lands) VA = PA, data accesses are Device-nGnRnE and instruction fetches
 * Normal (Arm ARM D8.2.10 "The effects of disabling an address translation stage").
 */
#ifndef AVSIM_TRANSLATE_H
#define AVSIM_TRANSLATE_H

#include "cpu/cpu.h"

typedef enum { ACCESS_READ, ACCESS_WRITE, ACCESS_FETCH } access_t;

typedef struct {
    uint64_t pa;
    bool device;  /* Device memory: unaligned accesses fault */
    uint8_t fsc;  /* on failure: the fault status code (DFSC/IFSC) to report */
} translation_t;

/* Returns true on success; false with out->fsc set on a translation fault. */
bool translate(cpu_t *cpu, uint64_t va, access_t acc, translation_t *out);

#endif
