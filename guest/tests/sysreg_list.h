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

/* The table's registers, then the ID space's other encodings (op0 = 3, op1 = 0, CRn = 0). */
static inline bool next_reg(unsigned *i, struct reg *out)
{
    static char name[24];
    const unsigned ntable = sizeof table_regs / sizeof table_regs[0];
    for (; *i < ntable + 7 * 8; ++*i) {
        if (*i < ntable) {
            *out = table_regs[(*i)++];
            return true;
        }
        unsigned crm = 1 + (*i - ntable) / 8, op2 = (*i - ntable) % 8;
        bool listed = false;
        for (unsigned k = 0; k < ntable; k++)
            listed |= table_regs[k].op0 == 3 && table_regs[k].op1 == 0 && table_regs[k].crn == 0 &&
                      table_regs[k].crm == crm && table_regs[k].op2 == op2;
        if (listed) continue;
        snprintf(name, sizeof name, "S3_0_C0_C%u_%u", crm, op2);
        *out = (struct reg){name, 3, 0, 0, (uint8_t)crm, (uint8_t)op2};
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
 */
static inline bool qemu_lacks(const struct reg *r)
{
    static const char *const names[] = {"DBGPRCR_EL1", "DBGAUTHSTATUS_EL1"};
    return name_in(r->name, names, 2);
}

#endif
