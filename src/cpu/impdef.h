/*
 * Every IMPLEMENTATION DEFINED choice of avsim's `-cpu max`, in one place.
 * `avsim -cpu help` prints them (cpu/impdef.c).
 */
#ifndef AVSIM_IMPDEF_H
#define AVSIM_IMPDEF_H

#include <stdint.h>

#include "cache/cache_config.h"

/* Identification: the values of QEMU's -cpu max, so software that keys on them behaves alike. */
#define IMPDEF_MIDR   0x000F0510ull
#define IMPDEF_REVIDR 0ull
#define IMPDEF_AIDR   0ull

/* Reset vector of the highest EL (RVBAR_ELx): the bottom of the flash, as QEMU's virt. */
#define IMPDEF_RVBAR 0ull

/* IMPLEMENTATION DEFINED control and fault registers (ACTLR_ELx, AFSRn_ELx, AMAIR_ELx, HACR_EL2)
 * hold nothing: every bit RAZ/WI, as on QEMU. */
#define IMPDEF_RAZ_WI (~0ull)

/* Generic Timer: 1 GHz, as QEMU -cpu max. How the count advances: timer/timer.h (-icount). */
#define IMPDEF_CNTFRQ 1000000000ull

/* Physical address size: ID_AA64MMFR0_EL1.PARange = 5 (48 bits). */
#define IMPDEF_PA_BITS 48

/* Caches: the defaults of the cache model (cache/cache.h) and of what CLIDR_EL1, CCSIDR_EL1 and
 * CTR_EL0 report, Cortex-A76-like (Arm 100798 A6.1, B2.19, B2.33): private 64 KiB 4-way L1I and
 * L1D, a 512 KiB 8-way unified L2 (shared by all CPUs here), 64-byte lines, CTR_EL0.IDC = DIC = 0.
 * `-cache l1i=,l1d=,l2=,line=,idc=,dic=` overrides them (cache/cache_config.h). The exclusives
 * reservation granule (CTR_EL0.ERG, cpu/monitor.c) is IMPDEF_LINE_BYTES whatever the line size. */
#define IMPDEF_LINE_BYTES 64
#define IMPDEF_L1I_BYTES  (64 * 1024)
#define IMPDEF_L1I_WAYS   4
#define IMPDEF_L1D_BYTES  (64 * 1024)
#define IMPDEF_L1D_WAYS   4
#define IMPDEF_L2_BYTES   (512 * 1024)
#define IMPDEF_L2_WAYS    8

/* Performance Monitors (FEAT_PMUv3p1, cpu/pmu.h): PMCR_EL0.N event counters, as QEMU -cpu max;
 * PMCR_EL0.IMP and IDCODE are 0 (MIDR_EL1's implementer is 0 too). */
#define IMPDEF_PMU_COUNTERS 6

/* DC ZVA block: DCZID_EL0.BS = log2(words) = 4, i.e. 64 bytes. */
#define IMPDEF_DCZVA_BYTES 64

/* Feature fields advertised in the ID registers (see cpu/impdef.c for the full values). */
typedef struct {
    const char *name;
    const char *description;
} impdef_feature_t;

extern const impdef_feature_t impdef_features[];

/* ID register values for this configuration (EL2 present or not; cache geometry). */
uint64_t impdef_id_aa64pfr0(int el2);
uint64_t impdef_ctr_el0(const cache_config_t *c);
uint64_t impdef_clidr(const cache_config_t *c);
uint64_t impdef_ccsidr(const cache_config_t *c, uint64_t csselr);

void impdef_print_cpu_help(void);

#endif
