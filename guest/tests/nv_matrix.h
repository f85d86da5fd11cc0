/*
 * FEAT_NV / FEAT_NV2 access matrix (issue 11), shared by nv_matrix.c (host HCR_EL2.E2H = 0) and
 * nv_matrix_vhe.c (host E2H = 1); NV_HOST_E2H says which.
 *
 * The host at EL2 runs a guest hypervisor at EL1 under each HCR_EL2 configuration {NV2, NV1, NV}
 * (written NV2-NV1-NV: 000, 001, 011, 101, 111, and 100 = NV2 without NV), with VNCR_EL2 pointing
 * at a page whose slots hold 0xA5A5000000000000 | offset. For every row of avsim's system-register
 * table (sysreg_list.h) with op0 = 2 or 3, for the EL2 system instructions (op0 = 1, op1 = 4) and
 * for AT S1E1* / S1E0* (with and without HCR_EL2.AT), the guest executes MRS and MSR (or SYS) and
 * the test prints what happened:
 *   mem@0xOFF   a 64-bit access to VNCR_EL2 + OFF (read: the value is OFF's pattern; write: the
 *               slot now holds the value written)
 *   el1:NAME    completed on the real EL1 register NAME (ELR, SPSR, ESR, FAR: the NV2
 *               register-to-register redirection of SPSR/ELR/ESR/FAR_EL2)
 *   trap:ESR    exception to EL2 with that ESR_EL2
 *   undef       exception at EL1 with EC 0 (el1exc:ESR for another EC)
 *   real        completed, the page and the EL1 exception registers untouched
 * Writes store a value that leaves the real register as it was: the EL0/EL1 encodings write back
 * what the host reads at EL2; the EL2 and _EL12/_EL02 encodings, which never reach a real register
 * of their own at EL1, write 0x5A5A5A5A5A5A5A5A; registers the host cannot read (write-only) are
 * not written (no line). The real ELR/SPSR/ESR/FAR_EL1 hold markers during each access.
 * Then per configuration: CurrentEL at EL1, ERET at EL1, and a count of each outcome.
 *
 * Checks derived from the Arm ARM, not from a list of registers: NV = 0 behaves as 000
 * (EffectiveHCR_EL2_NVx); op1 = 4/5 encodings are UNDEFINED without NV and never UNDEFINED or
 * real with it; no memory or EL1 redirection without NV2; with NV1 = 1 every _EL12/_EL02 alias
 * traps; every trap of an access is EC 0x18 with the access's own ISS; reads and writes of a
 * register use the same slot; an _EL12/_EL02 alias uses with NV1 = 0 the slot its EL1/EL0
 * register uses with NV1 = 1 (R_CSRPQ); CurrentEL reads EL2 with NV; ERET traps with ESR
 * 0x6A000000 with NV and returns without.
 */
#ifndef NV_MATRIX_H
#define NV_MATRIX_H

#include "nv_util.h"
#include "sysreg_list.h"

#define NROWS (sizeof table_regs / sizeof table_regs[0])

struct config {
    const char *name;
    uint64_t hcr;
};
static const struct config configs[] = {
    {"000", 0},
    {"001", HCR_NV},
    {"011", HCR_NV | HCR_NV1},
    {"101", HCR_NV | HCR_NV2},
    {"111", HCR_NV | HCR_NV1 | HCR_NV2},
    {"100", HCR_NV2},
};
#define NCONFIGS (sizeof configs / sizeof configs[0])

enum kind { K_SKIP, K_MEM, K_EL1REG, K_TRAP, K_UNDEF, K_EL1EXC, K_REAL, K_NKINDS };
static const char *const kind_names[K_NKINDS] = {"-",     "mem",    "el1", "trap",
                                                 "undef", "el1exc", "real"};

struct outcome {
    uint8_t kind;
    uint8_t extra; /* more than one exception, or a read that changed the page */
    uint32_t arg;  /* offset, ESR, or index of the EL1 register */
};

/* [config][row][0 = read / write, 1 = write; for AT rows: SYS with HCR_EL2.AT] */
static struct outcome results[NCONFIGS][NROWS][2];

/* The real EL1 exception registers and the markers they hold while the guest runs. */
static const char *const el1_names[4] = {"ELR", "SPSR", "ESR", "FAR"};
static const uint64_t el1_markers[4] = {0xe1e1e1e1e1e1e1e0ull, 0xa00003c5ull, 0x5e5e5e5eull,
                                        0xfafafafafafafa00ull};

static void set_markers(void)
{
    write_sysreg(el1_markers[0], elr_el1);
    write_sysreg(el1_markers[1], spsr_el1);
    write_sysreg(el1_markers[2], esr_el1);
    write_sysreg(el1_markers[3], far_el1);
    isb();
}

/* The first EL1 exception register that no longer holds its marker, or -1. */
static int changed_marker(void)
{
    uint64_t now[4] = {read_sysreg(elr_el1), read_sysreg(spsr_el1), read_sysreg(esr_el1),
                       read_sysreg(far_el1)};
    for (int i = 0; i < 4; i++)
        if (now[i] != el1_markers[i]) return i;
    return -1;
}

static uint32_t insn_for(const struct reg *r, bool read)
{
    return nv_insn(r->op0, r->op1, r->crn, r->crm, r->op2, read, 0);
}

/* The host's own read of the row at EL2 (E2H = 0): true if it completed. */
static bool host_read(const struct reg *r, uint64_t *out)
{
    nv_patch(insn_for(r, true));
    nv_value = 0;
    exc_catch_begin();
    nv_call_code();
    if (exc_catch_end(NULL)) return false;
    *out = nv_value;
    return true;
}

static bool is_at_s1(const struct reg *r)
{
    return r->op0 == 1 && r->op1 == 0 && r->crn == 7 && (r->crm == 8 || r->crm == 9);
}

/* The rows the matrix covers. */
static bool covered(const struct reg *r)
{
    if (qemu_lacks(r)) return false;
    return r->op0 >= 2 || (r->op0 == 1 && r->op1 == 4) || is_at_s1(r);
}

static bool el2_space(const struct reg *r)
{
    return r->op1 == 4 || r->op1 == 5;
}

#define WRITE_MARK 0x5a5a5a5a5a5a5a5aull

/* One access by the guest; the host has filled the page and set the markers. */
static struct outcome access(const struct reg *r, bool read, uint64_t hcr, uint64_t wval)
{
    struct outcome o = {K_REAL, 0, 0};

    nv_fill_page();
    set_markers();
    nv_patch(insn_for(r, read));
    nv_value = read ? 0x0bad0bad0bad0badull : wval;
    nv.hcr = hcr;
    nv_run(nv_call_code);
    int slot = nv_changed_slot(0);
    if (nv.taken) {
        o.kind = nv.last.el == 2 ? K_TRAP : ESR_EC(nv.last.esr) == EC_UNKNOWN ? K_UNDEF : K_EL1EXC;
        o.arg = (uint32_t)nv.last.esr;
        o.extra = nv.taken > 1 || slot >= 0;
        return o;
    }
    if (read) {
        int off = nv_pattern_offset(nv_value);
        if (off >= 0) {
            o.kind = K_MEM;
            o.arg = (uint32_t)off;
        } else if (el2_space(r)) {
            for (unsigned i = 0; i < 4; i++)
                if (nv_value == el1_markers[i]) {
                    o.kind = K_EL1REG;
                    o.arg = i;
                }
        }
        o.extra = slot >= 0;
        return o;
    }
    if (slot >= 0) {
        o.kind = K_MEM;
        o.arg = (uint32_t)slot;
        CHECK_EQ(nv_page[slot / 8], wval);
        o.extra = nv_changed_slot((unsigned)slot + 8) >= 0;
        return o;
    }
    int m = changed_marker();
    if (m >= 0) {
        o.kind = K_EL1REG;
        o.arg = (uint32_t)m;
    }
    return o;
}

static void format(char *buf, unsigned len, struct outcome o)
{
    const char *more = o.extra ? " (+)" : "";
    switch (o.kind) {
    case K_MEM: snprintf(buf, len, "mem@0x%03x%s", o.arg, more); break;
    case K_EL1REG: snprintf(buf, len, "el1:%s%s", el1_names[o.arg & 3], more); break;
    case K_TRAP: snprintf(buf, len, "trap:%08x%s", o.arg, more); break;
    case K_EL1EXC: snprintf(buf, len, "el1exc:%08x%s", o.arg, more); break;
    default: snprintf(buf, len, "%s%s", kind_names[o.kind], more); break;
    }
}

static bool same(struct outcome a, struct outcome b)
{
    return a.kind == b.kind && a.arg == b.arg && a.extra == b.extra;
}

/* EL1: CurrentEL; and an ERET whose ELR_EL1/SPSR_EL1 the host set to the next instruction. */
static uint64_t currentel_value;
static void read_currentel(void)
{
    currentel_value = read_sysreg(CurrentEL);
}
void nv_eret_probe(void);
extern char nv_eret_probe_next[];
__asm__(".pushsection .text\n"
        "nv_eret_probe: eret\n"
        "nv_eret_probe_next: ret\n"
        ".popsection");

static void run_config(unsigned c)
{
    const struct config *cf = &configs[c];
    unsigned count[K_NKINDS] = {0};

    for (unsigned i = 0; i < NROWS; i++) {
        const struct reg *r = &table_regs[i];
        if (!covered(r)) continue;
        for (unsigned d = 0; d < 2; d++) {
            struct outcome *o = &results[c][i][d];
            bool read = d == 0 && r->op0 != 1;
            uint64_t hcr = cf->hcr | (r->op0 == 1 && d == 1 ? HCR_AT : 0);
            if (r->op0 == 1 && d == 1 && !is_at_s1(r)) continue;
            uint64_t wval = WRITE_MARK;
            if (r->op0 == 1)
                wval = 0;
            else if (!read && !el2_space(r) && !host_read(r, &wval)) {
                o->kind = K_SKIP;
                continue;
            }
            *o = access(r, read, hcr, wval);
            count[o->kind]++;
            char buf[40];
            format(buf, sizeof buf, *o);
            printf("%s %-18s %s %s\n", cf->name, r->name,
                   r->op0 == 1 ? (d ? "SYS+AT" : "SYS")
                   : read      ? "R"
                               : "W",
                   buf);
            if (o->kind == K_TRAP && ESR_EC(o->arg) == EC_SYSREG) {
                uint32_t iss = nv_sysreg_iss(r->op0, r->op1, r->crn, r->crm, r->op2, 0, read);
                if (!CHECK_EQ(o->arg, 0x62000000u | iss)) printf("  (%s)\n", r->name);
            }
        }
    }
    nv_fill_page();
    nv.hcr = cf->hcr;
    nv_run(read_currentel);
    printf("%s CurrentEL 0x%lx\n", cf->name, currentel_value);
    CHECK_EQ(currentel_value, cf->hcr & HCR_NV ? 0x8 : 0x4);

    write_sysreg((uint64_t)nv_eret_probe_next, elr_el1);
    write_sysreg(0x3c5, spsr_el1);
    nv_run(nv_eret_probe);
    if (nv.taken)
        printf("%s ERET -> EL%u ESR 0x%08lx at +%lu\n", cf->name, nv.last.el, nv.last.esr,
               nv.last.elr - (uint64_t)nv_eret_probe);
    else
        printf("%s ERET -> returned\n", cf->name);
    if (cf->hcr & HCR_NV) {
        CHECK_EQ(nv.taken, 1);
        CHECK_EQ(nv.last.el, 2);
        CHECK_EQ(nv.last.esr, 0x6a000000);
        CHECK_EQ(nv.last.elr, (uint64_t)nv_eret_probe);
    } else {
        CHECK_EQ(nv.taken, 0);
    }
    printf("%s totals: mem %u el1 %u trap %u undef %u el1exc %u real %u\n", cf->name, count[K_MEM],
           count[K_EL1REG], count[K_TRAP], count[K_UNDEF], count[K_EL1EXC], count[K_REAL]);
}

/* The EL1/EL0 register an _EL12/_EL02 alias names (op1 = 0, or 3 for the timers), or -1. */
static int alias_target(unsigned i)
{
    const struct reg *a = &table_regs[i];
    for (unsigned k = 0; k < NROWS; k++) {
        const struct reg *r = &table_regs[k];
        if (r->op0 == a->op0 && (r->op1 == 0 || r->op1 == 3) && r->crn == a->crn &&
            r->crm == a->crm && r->op2 == a->op2)
            return (int)k;
    }
    return -1;
}

static int config_index(const char *name)
{
    for (unsigned c = 0; c < NCONFIGS; c++)
        if (!strcmp(configs[c].name, name)) return (int)c;
    return -1;
}

/* Architectural relations between the results (see the comment at the top). */
static void cross_checks(void)
{
    int none = config_index("000"), nv2only = config_index("100");
    int c101 = config_index("101"), c111 = config_index("111");
    unsigned checked = 0;

    for (unsigned i = 0; i < NROWS; i++) {
        const struct reg *r = &table_regs[i];
        if (!covered(r)) continue;
        for (unsigned d = 0; d < 2; d++) {
            if (results[none][i][d].kind == K_SKIP) continue;
            bool ok = same(results[nv2only][i][d], results[none][i][d]);
            for (unsigned c = 0; c < NCONFIGS; c++) {
                struct outcome o = results[c][i][d];
                bool nv_on = configs[c].hcr & HCR_NV, nv2_on = configs[c].hcr & HCR_NV2;
                if (el2_space(r) && !nv_on) ok &= o.kind == K_UNDEF;
                if (el2_space(r) && nv_on)
                    ok &= o.kind == K_TRAP || o.kind == K_MEM || o.kind == K_EL1REG;
                if (!(nv_on && nv2_on)) ok &= o.kind != K_MEM && o.kind != K_EL1REG;
                /* NV1 = 1: every _EL12/_EL02 alias traps */
                if (r->op1 == 5 && nv_on && (configs[c].hcr & HCR_NV1)) ok &= o.kind == K_TRAP;
            }
            if (r->op0 != 1 && d == 0 && results[none][i][1].kind != K_SKIP) {
                for (unsigned c = 0; c < NCONFIGS; c++) {
                    struct outcome rd = results[c][i][0], wr = results[c][i][1];
                    if (rd.kind == K_MEM || wr.kind == K_MEM)
                        ok &= rd.kind == wr.kind && rd.arg == wr.arg;
                }
            }
            if (!ok) printf("FAIL cross-check: %s %s\n", r->name, d ? "W" : "R");
            CHECK(ok);
            checked++;
        }
        int t = r->op1 == 5 ? alias_target(i) : -1;
        if (t >= 0) {
            bool ok = true;
            for (unsigned d = 0; d < 2; d++) {
                struct outcome a = results[c101][i][d], e = results[c111][t][d];
                if (a.kind == K_SKIP || e.kind == K_SKIP) continue;
                if (a.kind == K_MEM || e.kind == K_MEM) ok &= a.kind == e.kind && a.arg == e.arg;
            }
            if (!ok) printf("FAIL alias slot: %s / %s\n", r->name, table_regs[t].name);
            CHECK(ok);
        }
    }
    CHECK(checked > 100);
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    nv.e2h = NV_HOST_E2H;
    /* E2H = 1 layout: EL1PTEN, EL1PCTEN, EL0VCTEN, EL0PCTEN */
    nv.cnthctl_e2h = (1u << 11) | (1u << 10) | 3;
    write_sysreg(0x3, cnthctl_el2); /* EL1PCTEN | EL1PCEN */
    write_sysreg(0, cntvoff_el2);
    write_sysreg((uint64_t)nv_page, VNCR_EL2);
    isb();
    printf("host E2H %u, VNCR_EL2 = page (read back %s)\n", (unsigned)NV_HOST_E2H,
           read_sysreg(VNCR_EL2) == (uint64_t)nv_page ? "same" : "different");
    for (unsigned c = 0; c < NCONFIGS; c++)
        run_config(c);
    cross_checks();
    return test_summary();
}

#endif
