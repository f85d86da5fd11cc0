/* System registers and system instructions: one table, one generic access path. */
#ifndef AVSIM_SYSREG_H
#define AVSIM_SYSREG_H

#include "cpu/cpu.h"
#include "cpu/el2.h"

/* Static access rights: a bit per (EL, direction); higher ELs inherit lower rights. */
enum {
    ACC_R0 = 1u << 0,
    ACC_W0 = 1u << 1,
    ACC_R1 = 1u << 2,
    ACC_W1 = 1u << 3,
    ACC_R2 = 1u << 4,
    ACC_W2 = 1u << 5,
};
#define EL2_R  ACC_R2
#define EL2_W  ACC_W2
#define EL2_RW (EL2_R | EL2_W)
#define EL1_R  (ACC_R1 | EL2_R)
#define EL1_W  (ACC_W1 | EL2_W)
#define EL1_RW (EL1_R | EL1_W)
#define EL0_R  (ACC_R0 | EL1_R)
#define EL0_W  (ACC_W0 | EL1_W)
#define EL0_RW (EL0_R | EL0_W)

/* Result of an access check. */
/* SR_TAKEN: the access function took an exception of its own (e.g. EC 0x07 for FPCR). */
typedef enum { SR_OK, SR_UNDEF, SR_TRAP_EL1, SR_TRAP_EL2, SR_TAKEN } sr_access_t;

typedef struct sysreg sysreg_t;
typedef sr_access_t (*sr_access_fn)(cpu_t *cpu, const sysreg_t *r, bool read);
typedef uint64_t (*sr_read_fn)(cpu_t *cpu, const sysreg_t *r);
typedef void (*sr_write_fn)(cpu_t *cpu, const sysreg_t *r, uint64_t val);

/*
 * The .vncr column (FEAT_NV/NV2): the register's VNCR page slot (Arm ARM R_CSRPQ) with its NV1
 * qualifier, and whether FEAT_NV with NV1 and without NV2 traps the _EL1 encoding (Arm ARM
 * I_TZTZL: the EL1 registers that hold a non-VHE guest hypervisor's guest state).
 */
#define VNCR_VALID       0x8000u
#define VNCR_IF_NV1      0x1000u /* redirected only when HCR_EL2.NV1 = 1 (the _EL1/_EL0 encoding) */
#define VNCR_IF_NO_NV1   0x2000u /* redirected only when HCR_EL2.NV1 = 0 (the _EL12/_EL02 alias) */
#define VNCR_TRAP_NV1    0x4000u /* traps to EL2 when {NV2, NV1, NV} = {0, 1, 1} */
#define VNCR(off)        (VNCR_VALID | (off))
#define VNCR_NV1(off)    (VNCR_VALID | VNCR_IF_NV1 | (off))
#define VNCR_NV1T(off)   (VNCR_VALID | VNCR_IF_NV1 | VNCR_TRAP_NV1 | (off))
#define VNCR_NO_NV1(off) (VNCR_VALID | VNCR_IF_NO_NV1 | (off))
#define VNCR_OFFSET(v)   ((v)&0xFFFu)

/*
 * The .fgt column (FEAT_FGT, Arm ARM D24.2.67-75): the fine-grained trap bit of an EL0/EL1 access.
 * HFG: bit n of HFGRTR_EL2 (reads) and HFGWTR_EL2 (writes); HFGI: bit n of HFGITR_EL2 (system
 * instructions); HDFG: bit n of HDFGRTR_EL2 / HDFGWTR_EL2. Every bit of avsim's features traps when
 * 1 (the negative "n" bits belong to features avsim lacks).
 */
#define FGT_HFG      0x40u
#define FGT_HFGI     0x80u
#define FGT_HDFG     0xC0u
#define FGT_GROUP(v) ((v)&0xC0u)
#define FGT_BIT(v)   ((v)&0x3Fu)
#define HFG(n)       (FGT_HFG | (n))
#define HFGI(n)      (FGT_HFGI | (n))
#define HDFG(n)      (FGT_HDFG | (n))

/* HFGITR_EL2 bits of instructions that are not system-register rows. */
#define HFGITR_ERET    51
#define HFGITR_SVC_EL0 52
#define HFGITR_SVC_EL1 53

/*
 * The fine-grained trap `fgt` (HFG(n), HFGI(n), HDFG(n)) of an access from the current EL is set:
 * FGT applies at EL0 and EL1 with EL2 enabled (no EL3: SCR_EL3.FGTEn is 1), except at EL0 in the
 * EL2&0 host (Arm ARM D24.2.73, HFGRTR_EL2 field descriptions).
 */
static inline bool fgt_trap(const cpu_t *cpu, unsigned fgt, bool read)
{
    if (!fgt || cpu->el == 2 || !el2_enabled(cpu) || el_is_in_host(cpu, cpu->el)) return false;
    sysreg_id_t id;
    switch (FGT_GROUP(fgt)) {
    case FGT_HFG: id = read ? SR_HFGRTR_EL2 : SR_HFGWTR_EL2; break;
    case FGT_HFGI: id = SR_HFGITR_EL2; break;
    default: id = read ? SR_HDFGRTR_EL2 : SR_HDFGWTR_EL2; break;
    }
    return (cpu->sr[id] >> FGT_BIT(fgt)) & 1;
}

struct sysreg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    uint8_t access;
    sysreg_id_t id;
    uint64_t reset;
    uint64_t res0, res1;   /* bits every MSR forces to 0 / to 1, before .write */
    uint64_t hcr_r, hcr_w; /* HCR_EL2 bits that trap EL0/EL1 reads / writes to EL2 */
    uint16_t vncr;         /* VNCR(...) slot and NV1 rules, or 0 */
    uint8_t fgt;           /* HFG(n), HFGI(n), HDFG(n): fine-grained trap bit, or 0 */
    sysreg_id_t e2h;     /* _EL1 encoding: register accessed instead at EL2 with HCR_EL2.E2H = 1 */
    sysreg_id_t alias;   /* _EL12/_EL02 encoding: the register it reaches (EL2 with E2H = 1) */
    sysreg_id_t nv2_el1; /* _EL2 register that EL1 reaches as this EL1 register under NV2 */
    sr_access_fn accessfn;
    sr_read_fn read;
    sr_write_fn write;
    bool shared; /* .read/.write use the GIC, which every CPU shares: with one host thread per
                    CPU they run under the machine lock (machine/threads.h) */
};

extern const sysreg_t sysreg_table[SR_COUNT];

/* 16-bit key of an encoding: op0[1:0]:op1:CRn:CRm:op2, as in the MRS/MSR instruction bits [20:5].
 */
static inline uint32_t sysreg_key(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                  unsigned op2)
{
    return ((op0 & 3) << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/* Table row for a key, or NULL when the encoding is not implemented. */
const sysreg_t *sysreg_lookup(uint32_t key);

/*
 * MRS / MSR / SYS / SYSL with register Xt, applying the Arm ARM order of checks
 * (UNDEFINED, then traps, then the access). Raises the exception itself on
 * failure. `key` and `row` come from decode (row may be NULL: unimplemented).
 */
void sysreg_access(cpu_t *cpu, const sysreg_t *row, uint32_t key, bool read, unsigned rt);

/* Writes every register with storage to its reset value. */
void sysreg_reset(cpu_t *cpu);

/* A write changed a translation control (SCTLR, TCR, HCR_EL2): the fast paths are emptied and
 * the run loop ends its page. */
void sysreg_changed_translation(cpu_t *cpu);

#endif
