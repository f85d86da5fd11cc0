/*
 * Every register of avsim's system-register table (src/sysreg/sysreg_table.def,
 * included below so the list cannot drift), read and written back at EL2
 * with E2H = 0 and E2H = 1, at EL1 and at EL0: each access is recorded as
 * completed, UNDEFINED, or trapped to which EL with which ESR. The output is
 * compared with QEMU's. Values are not printed (ID registers and cache
 * geometry are IMPLEMENTATION DEFINED); writes store back the value read.
 * System instructions (op0 = 1) are left to the tests of their own classes.
 * Reserved ID-space encodings (RAZ) are swept too.
 */
#include "test.h"

struct reg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
};

static const struct reg regs[] = {
#define SR(nm, o0, o1, n, m, o2, ...) {#nm, o0, o1, n, m, o2},
#include "../../src/sysreg/sysreg_table.def"
#undef SR
};

/* A two-instruction routine rebuilt for each access: MRS/MSR X0, <reg>; RET. */
static uint32_t code[2] __attribute__((aligned(64)));
static uint64_t value;

static void patch(uint32_t insn)
{
    code[0] = insn;
    code[1] = 0xd65f03c0; /* ret */
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(code)
                     : "memory");
}

static uint32_t encode(const struct reg *r, bool read)
{
    return (read ? 0xd5300000u : 0xd5100000u) | ((uint32_t)(r->op0 & 1) << 19) |
           ((uint32_t)r->op1 << 16) | ((uint32_t)r->crn << 12) | ((uint32_t)r->crm << 8) |
           ((uint32_t)r->op2 << 5);
}

/* Runs the patched routine with X0 = value in and out. */
static void call_code(void)
{
    register uint64_t x0 __asm__("x0") = value;
    __asm__ volatile("blr %1" : "+r"(x0) : "r"(code) : "x30", "memory");
    value = x0;
}

static void describe(char *buf, unsigned len, struct lower_result r)
{
    if (!r.taken)
        snprintf(buf, len, "ok");
    else if (ESR_EC(r.last.esr) == EC_UNKNOWN)
        snprintf(buf, len, "undef@EL%u", r.last.el);
    else
        snprintf(buf, len, "trap@EL%u:%08x", r.last.el, (unsigned)r.last.esr);
}

/* At EL2: catch what the access does. */
static struct lower_result at_el2(void)
{
    struct lower_result r = {0};
    exc_catch_begin();
    call_code();
    r.taken = exc_catch_end(&r.last);
    if (r.taken) r.last.el = 2;
    return r;
}

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)

/*
 * Registers the Arm ARM requires with the Armv8.0 debug architecture that QEMU 10
 * does not implement (it makes them UNDEFINED): not printed, so the outputs compare.
 */
static bool qemu_lacks(const struct reg *r)
{
    return !strcmp(r->name, "DBGPRCR_EL1") || !strcmp(r->name, "DBGAUTHSTATUS_EL1");
}

/* Registers whose write-back would disturb the test itself. */
static bool skip_write(const struct reg *r)
{
    static const char *const names[] = {"SPSel",    "SP_EL1",  "HCR_EL2", "VBAR_EL2", "SCTLR_EL2",
                                        "SPSR_EL2", "ELR_EL2", "DAIF",    "CPTR_EL2", "OSLAR_EL1"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(r->name, names[i])) return true;
    return false;
}

/* The table's registers, then the ID space's other encodings (op0 = 3, op1 = 0, CRn = 0). */
static bool next_reg(unsigned *i, struct reg *out)
{
    static char name[24];
    const unsigned ntable = sizeof regs / sizeof regs[0];
    for (; *i < ntable + 7 * 8; ++*i) {
        if (*i < ntable) {
            *out = regs[(*i)++];
            return true;
        }
        unsigned crm = 1 + (*i - ntable) / 8, op2 = (*i - ntable) % 8;
        bool listed = false;
        for (unsigned k = 0; k < ntable; k++)
            listed |= regs[k].op0 == 3 && regs[k].op1 == 0 && regs[k].crn == 0 &&
                      regs[k].crm == crm && regs[k].op2 == op2;
        if (listed) continue;
        snprintf(name, sizeof name, "S3_0_C0_C%u_%u", crm, op2);
        *out = (struct reg){name, 3, 0, 0, (uint8_t)crm, (uint8_t)op2};
        ++*i;
        return true;
    }
    return false;
}

int main(void)
{
    char rd[4][40], wr[4][40];
    unsigned n = 0, i = 0;
    struct reg cur;
    while (next_reg(&i, &cur)) {
        const struct reg *r = &cur;
        if (r->op0 == 1 || qemu_lacks(r)) continue;
        bool write = !skip_write(r);
        for (unsigned mode = 0; mode < 4; mode++) { /* EL2, EL2 with E2H, EL1, EL0 */
            struct lower_result res;
            for (int dir = 0; dir < 2; dir++) {
                bool read = dir == 0;
                char *out = read ? rd[mode] : wr[mode];
                if (!read && !write) {
                    snprintf(out, 40, "-");
                    continue;
                }
                patch(encode(r, read));
                if (mode <= 1) {
                    write_sysreg(HCR_RW | (mode ? HCR_E2H : 0), hcr_el2);
                    isb();
                    res = at_el2();
                    write_sysreg(HCR_RW, hcr_el2);
                    isb();
                } else {
                    res = mode == 2 ? run_at_el1(call_code, 0) : run_at_el0(call_code, 0);
                }
                describe(out, 40, res);
            }
        }
        printf("%-18s EL2 %s/%s E2H %s/%s EL1 %s/%s EL0 %s/%s\n", r->name, rd[0], wr[0], rd[1],
               wr[1], rd[2], wr[2], rd[3], wr[3]);
        n++;
    }
    CHECK(n > 100);
    return test_summary();
}
