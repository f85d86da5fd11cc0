/*
 * TLB invalidation (Arm ARM D8.14): what each TLBI form removes from the
 * architectural TLB of one CPU. Each also empties the CPU's fast paths.
 */
#ifndef AVSIM_TLBI_H
#define AVSIM_TLBI_H

#include "cpu/cpu.h"

#define TLBI_ANY_ASID 0x10000u

typedef enum {
    BY_VA,
    BY_ASID,
    BY_VMID,
    BY_VMID_S12,
    ALL_EL10,
    ALL_REGIME,
    ALL_EL2,
    BY_IPA
} tlbi_scope_t;

/* One TLBI operation, its operands resolved by the issuing CPU (sysreg/sysreg_mmu.c), so that it
 * can be applied to any CPU's TLB: by VA, by ASID or VMID, everything of EL1&0 (ALLE1), of one
 * regime, of both EL2 regimes (ALLE2), or stage 2 by IPA. */
typedef struct {
    tlbi_scope_t scope;
    unsigned regime;
    uint16_t vmid;
    uint32_t asid;
    uint64_t page;
} tlbi_op_t;

void tlbi_apply(cpu_t *cpu, const tlbi_op_t *op);

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
