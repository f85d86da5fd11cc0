/*
 * Address translation (Arm ARM D8, VMSAv8-64): stage 1 for the EL1&0, EL2
 * and EL2&0 regimes, stage 2 for EL1&0, with 4, 16 and 64 KiB granules,
 * through the architectural TLB (mmu/tlb.h). Every successful translation
 * gives the final memory attributes of the access.
 */
#ifndef AVSIM_TRANSLATE_H
#define AVSIM_TRANSLATE_H

#include "cpu/cpu.h"

typedef enum { ACCESS_READ, ACCESS_WRITE, ACCESS_FETCH } access_t;

/* What makes the access, beyond its direction (permission rules differ). */
typedef enum {
    XLAT_NORMAL,   /* a load, store or instruction fetch */
    XLAT_AT,       /* address translation instruction: faults are results, not exceptions */
    XLAT_DC,       /* data cache maintenance by VA other than DC IVAC */
    XLAT_DC_INVAL, /* DC IVAC: needs write permission at stage 1 */
    XLAT_IC,       /* IC IVAU */
} xlat_kind_t;

/* Shareability, as in the descriptors' SH field. */
enum { SH_NON = 0, SH_OUTER = 2, SH_INNER = 3 };

/* Memory attributes in the MAIR_ELx encoding (Arm ARM D24.2 MAIR_EL1.Attr<n>). */
static inline bool attr_is_device(uint8_t attr)
{
    return (attr & 0xF0) == 0;
}
/* Device type: 0 nGnRnE, 1 nGnRE, 2 nGRE, 3 GRE. */
static inline unsigned attr_device_type(uint8_t attr)
{
    return (attr >> 2) & 3;
}
/* Cacheability of one level of Normal memory (inner = low nibble, outer = high). */
enum { CACHE_NC, CACHE_WT, CACHE_WB };
static inline unsigned attr_cacheability(unsigned nibble)
{
    nibble &= 15;
    if (nibble == 4) return CACHE_NC;
    return (nibble & 4) ? CACHE_WB : CACHE_WT;
}
static inline unsigned attr_inner(uint8_t attr)
{
    return attr_cacheability(attr);
}
static inline unsigned attr_outer(uint8_t attr)
{
    return attr_cacheability(attr >> 4);
}

typedef struct {
    uint64_t pa;
    uint8_t attr; /* final memory type and cacheability (MAIR encoding) */
    uint8_t sh;   /* final shareability (SH_*) */
    bool device;  /* attr is a Device type: unaligned accesses fault */
    /* On failure: */
    uint8_t fsc;  /* fault status code (DFSC/IFSC) */
    bool stage2;  /* the fault is a stage 2 fault (taken to EL2, HPFAR_EL2 valid) */
    bool s1ptw;   /* ... on a stage 1 translation table walk */
    uint64_t ipa; /* IPA of a stage 2 fault */
} translation_t;

/*
 * Translates va for an access from the current Exception level (unpriv:
 * LDTR/STTR, with EL0 permissions). Returns true on success; false with
 * the fault in out (no exception is taken: see mmu_abort).
 */
bool translate_access(cpu_t *cpu, uint64_t va, access_t acc, xlat_kind_t kind, bool unpriv,
                      translation_t *out);

/* Translates va as a privileged data access of EL2 (the EL2, or with HCR_EL2.E2H the EL2&0
 * regime), whatever the current EL: the VNCR page accesses of FEAT_NV2 (Arm ARM D24.2.220). */
bool translate_el2(cpu_t *cpu, uint64_t va, access_t acc, translation_t *out);

static inline bool translate(cpu_t *cpu, uint64_t va, access_t acc, translation_t *out)
{
    return translate_access(cpu, va, acc, XLAT_NORMAL, false, out);
}

/* Syndrome details of a data abort beyond the fault itself. */
typedef struct {
    bool write;    /* WnR */
    bool cm;       /* cache maintenance or address translation instruction */
    uint32_t insn; /* the instruction (for the ISV syndrome of stage 2 faults), or 0 */
} abort_info_t;

/* Takes the Data Abort (or, for ACCESS_FETCH, Instruction Abort) for a failed translation. */
void mmu_abort(cpu_t *cpu, uint64_t va, access_t acc, const translation_t *t,
               const abort_info_t *info);

/*
 * Cache maintenance by VA (kind XLAT_DC, XLAT_DC_INVAL or XLAT_IC): translation with the
 * permission rules of kind. On a fault, takes the Data Abort (CM = 1, WnR = 1) and returns
 * false; else gives the physical address.
 */
bool mmu_cache_maint(cpu_t *cpu, uint64_t va, xlat_kind_t kind, uint64_t *pa);

/*
 * Address translation instruction (AT): regime and permission level of the
 * operation, whether stage 2 translates the output, write or read. Returns
 * the PAR_EL1 value, or takes a stage 2 fault on a stage 1 walk to EL2 and
 * returns false (AT S1E0* / S1E1* executed at EL1).
 */
bool mmu_at(cpu_t *cpu, uint64_t va, unsigned regime, bool priv, bool stage2, bool write,
            uint64_t *par);

/* The VMID of the EL1&0 regime (VTTBR_EL2.VMID, 8 or 16 bits per VTCR_EL2.VS; 0 without EL2). */
uint16_t mmu_current_vmid(const cpu_t *cpu);

/* Whether stage 2 translation is enabled for the EL1&0 regime (HCR_EL2.VM or DC). */
bool mmu_stage2_enabled(const cpu_t *cpu);

/* A debugger's view of one VA (gdb/): each stage's result, the final attributes, and what the
 * architectural TLB holds for it. */
typedef struct {
    uint8_t regime;      /* REGIME_* of the current EL (mmu/tlb.h) */
    bool s1, s2;         /* the stages that translate */
    uint16_t asid, vmid; /* of the context */
    bool ok;             /* translated; else fault holds fsc, stage2, s1ptw, ipa */
    translation_t fault;
    uint64_t ipa, pa;
    struct {
        uint8_t level, bits, perm; /* final descriptor level, log2 page size, PERM_* bits */
        uint8_t attr, sh;          /* stage 1: MAIR encoding; stage 2: MemAttr[3:0] */
    } stage[2];
    uint8_t attr, sh; /* final memory attributes (MAIR encoding) and shareability */
    bool tlb_hit;     /* the architectural TLB holds a translation of va for the context */
    uint64_t tlb_pa;
} mmu_debug_t;

/*
 * Translates va for a data access of the current EL by walking the tables (the TLB is only
 * looked at), with no permission check and no exception: the guest sees no trace of it.
 */
void mmu_debug_translate(cpu_t *cpu, uint64_t va, mmu_debug_t *out);

#endif
