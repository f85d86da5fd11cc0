/*
 * Every register of avsim's system-register table (sysreg_list.h), read and
 * written back at EL2 with E2H = 0 and E2H = 1, at EL1 and at EL0: each access
 * is recorded as completed, UNDEFINED, or trapped to which EL with which ESR.
 * The output is compared with QEMU's. Values are sysreg_values' business;
 * writes here store back the value read.
 * System instructions (op0 = 1) are left to the tests of their own classes.
 * The rest of the ID space (reserved RAZ and unallocated encodings) is swept too.
 */
#include "sysreg_list.h"

/* A two-instruction routine rebuilt for each access: MRS/MSR X0, <reg>; RET. */
static uint32_t code[2] __attribute__((aligned(64)));
static uint64_t value;

static void patch(uint32_t insn)
{
    const uint32_t insns[2] = {insn, INSN_RET};
    patch_code(code, insns, 2);
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

/* Registers whose write-back would disturb the test itself. */
static bool skip_write(const struct reg *r)
{
    static const char *const names[] = {"SPSel",    "SP_EL1",  "HCR_EL2", "VBAR_EL2", "SCTLR_EL2",
                                        "SPSR_EL2", "ELR_EL2", "DAIF",    "CPTR_EL2", "OSLAR_EL1"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(r->name, names[i])) return true;
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
                patch(sysreg_insn(r, read, 0));
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
