/*
 * TLB invalidation (Arm ARM D8.14): what each TLBI form removes from the
 * architectural TLB of one CPU. Each also empties the CPU's fast paths.
 */
#ifndef AVSIM_TLBI_H
#define AVSIM_TLBI_H

#include "cpu/cpu.h"

#define TLBI_ANY_ASID 0x10000u

/* Entries of regime (and VMID, for EL1&0) translating VA page va_page (VA[55:12]),
 * for asid (non-global entries) or any ASID. */
void tlbi_va(cpu_t *cpu, unsigned regime, uint16_t vmid, uint32_t asid, uint64_t va_page);

/* Non-global entries of regime (and VMID) for asid. */
void tlbi_asid(cpu_t *cpu, unsigned regime, uint16_t vmid, uint16_t asid);

/* Every EL1&0 entry of vmid; with stage2, the stage-2-only entries too. */
void tlbi_vmid(cpu_t *cpu, uint16_t vmid, bool stage2);

/* Every EL1&0 entry of every VMID, stage 2 included (ALLE1). */
void tlbi_el10(cpu_t *cpu);

/* Every entry of regime (REGIME_EL2 or REGIME_EL20). */
void tlbi_regime(cpu_t *cpu, unsigned regime);

/* Stage-2-only entries of vmid translating IPA page ipa_page (IPA[47:12]). */
void tlbi_ipa(cpu_t *cpu, uint16_t vmid, uint64_t ipa_page);

#endif
