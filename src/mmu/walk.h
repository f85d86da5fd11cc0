/* Translation table walks and memory attributes (internal to mmu/). */
#ifndef AVSIM_WALK_H
#define AVSIM_WALK_H

#include "mmu/translate.h"

/* Fault status codes with a level (Arm ARM D24.2.40, DFSC/IFSC). */
enum {
    FSC_ADDR_SIZE = 0x00,     /* + level */
    FSC_TRANSLATION = 0x04,   /* + level */
    FSC_ACCESS_FLAG = 0x08,   /* + level */
    FSC_PERMISSION = 0x0C,    /* + level */
    FSC_WALK_EXTERNAL = 0x14, /* + level */
};

/* The translation context of one access or AT operation. */
typedef struct {
    uint8_t regime; /* REGIME_* */
    bool priv;      /* permissions of the privileged level (else EL0) */
    bool s1;        /* stage 1 enabled */
    bool s2;        /* stage 2 enabled for the regime (it translates stage 1 table walks) */
    bool s2_output; /* stage 2 translates the output (false for AT S1*) */
    uint16_t asid, vmid;
    uint32_t key; /* the controls the regime's translations depend on, hashed (tlbe_t.key) */
} xlat_ctx_t;

/* Result of one stage. */
typedef struct {
    uint64_t oa;   /* output address of the input address (not just the page) */
    uint8_t bits;  /* log2 of the page or block size */
    uint8_t level; /* level of the final descriptor */
    uint8_t perm;  /* PERM_* (EL0 in bits 0-2, privileged level in bits 3-5) */
    uint8_t attr;  /* stage 1: MAIR encoding; stage 2: MemAttr[3:0] */
    uint8_t sh;
    bool ng;
} stage_result_t;

/* Stage 1 of ctx for va; stage 1 table reads go through stage 2 when ctx->s2. On a fault,
 * fills f (fsc, stage2, s1ptw, ipa) and returns false. */
bool walk_stage1(cpu_t *cpu, const xlat_ctx_t *ctx, uint64_t va, stage_result_t *r,
                 translation_t *f);

/* Stage 2 for ipa (through the stage-2-only TLB). s1ptw: for a stage 1 table read. */
bool walk_stage2(cpu_t *cpu, const xlat_ctx_t *ctx, uint64_t ipa, bool s1ptw, stage_result_t *r,
                 translation_t *f);

/* Memory attributes of an access: stage 1 attributes (after the SCTLR_ELx.C/I rules),
 * combined with stage 2 ones (s2 may be NULL). */
void attrs_final(const cpu_t *cpu, const xlat_ctx_t *ctx, const stage_result_t *s1,
                 const stage_result_t *s2, bool fetch, uint8_t *attr, uint8_t *sh);

/* Stage 1 output attributes with stage 1 disabled (Arm ARM D8.2.10). */
void attrs_s1_off(const cpu_t *cpu, const xlat_ctx_t *ctx, bool fetch, uint8_t *attr, uint8_t *sh);

/* The SCTLR_ELx of a regime. */
uint64_t regime_sctlr(const cpu_t *cpu, unsigned regime);

#endif
