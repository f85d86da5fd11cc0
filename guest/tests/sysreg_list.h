/*
 * The registers of avsim's system-register table (src/sysreg/sysreg_table.def,
 * included so the list cannot drift) and the ID space's other encodings, for the
 * sysreg_* sweeps; and a small routine patched per access.
 */
#ifndef SYSREG_LIST_H
#define SYSREG_LIST_H

#include "test.h"

struct reg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
};

static const struct reg table_regs[] = {
#define SR(nm, o0, o1, n, m, o2, ...) {#nm, o0, o1, n, m, o2},
#include "../../src/sysreg/sysreg_table.def"
#undef SR
};

/* MRS (read) or MSR (write) Xt, <reg>. */
static inline uint32_t sysreg_insn(const struct reg *r, bool read, unsigned xt)
{
    return (read ? 0xd5300000u : 0xd5100000u) | ((uint32_t)(r->op0 & 1) << 19) |
           ((uint32_t)r->op1 << 16) | ((uint32_t)r->crn << 12) | ((uint32_t)r->crm << 8) |
           ((uint32_t)r->op2 << 5) | xt;
}

#define INSN_RET 0xd65f03c0u

/* Writes a routine to code[] and makes it visible to instruction fetch. */
static inline void patch_code(uint32_t *code, const uint32_t *insns, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        code[i] = insns[i];
    for (unsigned i = 0; i < n; i += 16)
        __asm__ volatile("dc cvau, %0" ::"r"(code + i) : "memory");
    __asm__ volatile("dsb ish" ::: "memory");
    for (unsigned i = 0; i < n; i += 16)
        __asm__ volatile("ic ivau, %0" ::"r"(code + i) : "memory");
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
}

/* The ID space (FEAT_IDST): op0 = 3, op1 = {0, 1, 3}, CRn = 0, CRm = 0-7, op2 = 0-7. */
static const uint8_t id_space_op1[3] = {0, 1, 3};
#define ID_SPACE_ENCODINGS (3 * 8 * 8)

/* ID registers of features QEMU's -cpu max has and avsim does not: SMIDR_EL1 (FEAT_SME). */
static inline bool qemu_only_id(unsigned op1, unsigned crm, unsigned op2)
{
    return op1 == 1 && crm == 0 && op2 == 6;
}

/* The table's registers, then the ID space's other encodings (reserved ones RAZ at EL1 and EL2,
 * unallocated ones UNDEFINED and reported with EC 0x18). */
static inline bool next_reg(unsigned *i, struct reg *out)
{
    static char name[24];
    const unsigned ntable = sizeof table_regs / sizeof table_regs[0];
    for (; *i < ntable + ID_SPACE_ENCODINGS; ++*i) {
        if (*i < ntable) {
            *out = table_regs[(*i)++];
            return true;
        }
        unsigned k = *i - ntable;
        unsigned op1 = id_space_op1[k / 64], crm = (k / 8) % 8, op2 = k % 8;
        bool listed = false;
        for (unsigned t = 0; t < ntable; t++)
            listed |= table_regs[t].op0 == 3 && table_regs[t].op1 == op1 &&
                      table_regs[t].crn == 0 && table_regs[t].crm == crm &&
                      table_regs[t].op2 == op2;
        if (listed || qemu_only_id(op1, crm, op2)) continue;
        snprintf(name, sizeof name, "S3_%u_C0_C%u_%u", op1, crm, op2);
        *out = (struct reg){name, 3, (uint8_t)op1, 0, (uint8_t)crm, (uint8_t)op2};
        ++*i;
        return true;
    }
    return false;
}

static inline bool name_in(const char *name, const char *const *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (!strcmp(name, list[i])) return true;
    return false;
}

/*
 * Registers the Arm ARM requires with the Armv8.0 debug architecture that QEMU 10
 * does not implement (it makes them UNDEFINED): left out, so the outputs compare.
 * DBGDTR_EL0: QEMU's row for it has DBGDTRRX_EL0's encoding (QEMU issue 2986).
 */
static inline bool qemu_lacks(const struct reg *r)
{
    static const char *const names[] = {"DBGPRCR_EL1", "DBGAUTHSTATUS_EL1", "DBGDTR_EL0"};
    return name_in(r->name, names, sizeof names / sizeof names[0]);
}

#endif
