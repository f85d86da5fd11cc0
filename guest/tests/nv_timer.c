/*
 * FEAT_NV2 and the EL1 Generic Timers (issue 11; Arm ARM D24.10 timer accessor pseudocode,
 * CNTHCTL_EL2; reference nv2-and-timer.md section 10). A guest hypervisor at EL1 with NVx = 111
 * and 101 reads and writes CNT{V,P}_{TVAL,CTL,CVAL}_EL0 and their _EL02 aliases while the host's
 * CNTHCTL_EL2 is
 *   0x00003   EL1PCTEN | EL1PCEN: no timer traps;
 *   0x02001   EL1TVT = 1 and EL1PCEN = 0: the EL1 virtual and physical timers trap;
 *   0x18003   EL1NVPCT | EL1NVVCT: the _EL02 CTL/CVAL forms trap with NVx = 101.
 * Each access is printed as "slot 0xOFF" (VNCR page), "trap ESR" or "real". TVAL has no VNCR slot,
 * so unless trapped it reaches the real EL1 timer: a read returns CVAL - count (the host set
 * CVAL = count + 0x40000000; checked within a window), a write sets the real CVAL to count + TVAL
 * (checked within a window); real CTL/CVAL accesses are checked exactly, and the real timer must
 * be untouched by a slot access. The CVAL/CTL slots are 0x168/0x170 (virtual) and 0x178/0x180
 * (physical). The outcomes asserted follow the Arm pseudocode: the trap controls before the NVMem
 * redirection, _EL0 redirected when NV1 = 1 and _EL02 when NV1 = 0, TVAL never redirected.
 * Also: a guest write of CNTVOFF_EL2 goes to its slot and leaves CNTPCT - CNTVCT at the host's
 * CNTVOFF_EL2.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "nv_util.h"

/* Negative: the virtual count (CNTPCT + 2^32) cannot wrap below 0 early after reset. */
#define HOST_CNTVOFF 0xffffffff00000000ull
#define ARMED        0x40000000ull /* CVAL = count + ARMED before each access */
#define TVAL_WRITTEN 0x10000000ull
#define CVAL_WRITTEN 0x7000000000000000ull
#define CTL_WRITTEN  1ull         /* ENABLE, unmasked (CVAL is in the future) */
#define WINDOW       0x4000000ull /* ticks an access may take (67 ms at 1 GHz) */

enum reg_kind { TVAL, CTL, CVAL };
struct tacc {
    const char *name;
    bool virt, el02;
    enum reg_kind kind;
    uint8_t crm, op2;
};
static const struct tacc accs[] = {
    {"CNTV_TVAL_EL0", true, false, TVAL, 3, 0}, {"CNTV_CTL_EL0", true, false, CTL, 3, 1},
    {"CNTV_CVAL_EL0", true, false, CVAL, 3, 2}, {"CNTP_TVAL_EL0", false, false, TVAL, 2, 0},
    {"CNTP_CTL_EL0", false, false, CTL, 2, 1},  {"CNTP_CVAL_EL0", false, false, CVAL, 2, 2},
    {"CNTV_TVAL_EL02", true, true, TVAL, 3, 0}, {"CNTV_CTL_EL02", true, true, CTL, 3, 1},
    {"CNTV_CVAL_EL02", true, true, CVAL, 3, 2}, {"CNTP_TVAL_EL02", false, true, TVAL, 2, 0},
    {"CNTP_CTL_EL02", false, true, CTL, 2, 1},  {"CNTP_CVAL_EL02", false, true, CVAL, 2, 2},
};

static const struct {
    const char *name;
    uint64_t hcr;
} cfgs[2] = {{"111", HCR_NV | HCR_NV1 | HCR_NV2}, {"101", HCR_NV | HCR_NV2}};

static const uint64_t cnthctls[3] = {0x3, 0x2001, 0x18003};

static unsigned slot_of(const struct tacc *a)
{
    return (a->virt ? 0x168 : 0x178) + (a->kind == CTL ? 8 : 0);
}

enum outcome { O_SLOT, O_TRAP, O_REAL };

/* The outcome the Arm pseudocode gives (D24.10 accessors: trap controls, then NVMem). */
static enum outcome expected(unsigned c, uint64_t cnthctl, const struct tacc *a)
{
    bool nv1 = cfgs[c].hcr & HCR_NV1;
    if (a->el02) {
        if (a->kind == TVAL || nv1) return O_TRAP; /* no slot / NV1 = 1: the NV trap */
        if (cnthctl & (a->virt ? 1u << 16 : 1u << 15)) return O_TRAP; /* EL1NVVCT / EL1NVPCT */
        return O_SLOT; /* EL1TVT and EL1PCEN apply to the _EL0 encodings only */
    }
    if (a->virt ? cnthctl & (1u << 13) : !(cnthctl & 2)) return O_TRAP; /* EL1TVT / !EL1PCEN */
    if (a->kind == TVAL) return O_REAL;
    return nv1 ? O_SLOT : O_REAL;
}

static uint64_t vcount(void)
{
    return read_sysreg(cntpct_el0) - HOST_CNTVOFF;
}

/* The host's real EL1 timers (EL2, E2H = 0: the _EL0 encodings are the EL1 timers). */
static void arm_timer(bool virt, uint64_t ctl, uint64_t cval)
{
    if (virt) {
        write_sysreg(cval, cntv_cval_el0);
        write_sysreg(ctl, cntv_ctl_el0);
    } else {
        write_sysreg(cval, cntp_cval_el0);
        write_sysreg(ctl, cntp_ctl_el0);
    }
    isb();
}

static void one(unsigned c, uint64_t cnthctl, const struct tacc *a, bool read)
{
    uint64_t armed = (a->virt ? vcount() : read_sysreg(cntpct_el0)) + ARMED;
    arm_timer(a->virt, 3, armed); /* ENABLE | IMASK */
    nv_fill_page();
    nv_patch(nv_insn(3, a->el02 ? 5 : 3, 14, a->crm, a->op2, read, 0));
    uint64_t wval = a->kind == TVAL ? TVAL_WRITTEN : a->kind == CVAL ? CVAL_WRITTEN : CTL_WRITTEN;
    nv_value = read ? 0x0bad0bad0bad0badull : wval;
    nv.hcr = cfgs[c].hcr;
    nv_run(nv_call_code);
    uint64_t count = a->virt ? vcount() : read_sysreg(cntpct_el0);
    uint64_t ctl = a->virt ? read_sysreg(cntv_ctl_el0) : read_sysreg(cntp_ctl_el0);
    uint64_t cval = a->virt ? read_sysreg(cntv_cval_el0) : read_sysreg(cntp_cval_el0);
    arm_timer(a->virt, 0, 0);
    int changed = nv_changed_slot(0);

    enum outcome o;
    char buf[48];
    bool ok = true;
    if (nv.taken) {
        o = O_TRAP;
        snprintf(buf, sizeof buf, "trap 0x%08lx", nv.last.esr);
        ok = nv.taken == 1 && nv.last.el == 2 && changed < 0 &&
             nv.last.esr ==
                 (0x62000000u | nv_sysreg_iss(3, a->el02 ? 5 : 3, 14, a->crm, a->op2, 0, read));
    } else if (read ? nv_pattern_offset(nv_value) >= 0 : changed >= 0) {
        o = O_SLOT;
        unsigned off = read ? (unsigned)nv_pattern_offset(nv_value) : (unsigned)changed;
        snprintf(buf, sizeof buf, "slot 0x%03x", off);
        ok = off == slot_of(a) && (read ? changed < 0 : nv_page[off / 8] == wval);
        /* the real timer is untouched */
        ok &= ctl == 3 && cval == armed;
    } else {
        o = O_REAL;
        snprintf(buf, sizeof buf, "real");
        if (read && a->kind == TVAL) {
            uint64_t elapsed = ARMED - (uint64_t)(int64_t)(int32_t)nv_value;
            ok = elapsed < WINDOW;
        } else if (read) {
            ok = a->kind == CVAL ? nv_value == armed : nv_value == 3;
        } else if (a->kind == TVAL) {
            uint64_t elapsed = TVAL_WRITTEN - (cval - count);
            ok = cval - count <= TVAL_WRITTEN && elapsed < WINDOW && ctl == 3;
        } else {
            ok = a->kind == CVAL ? cval == CVAL_WRITTEN && ctl == 3 : (ctl & 3) == CTL_WRITTEN;
        }
        ok &= changed < 0;
        if (!ok) snprintf(buf, sizeof buf, "real, value out of range");
    }
    printf("%s CNTHCTL 0x%05lx %s %-14s %s\n", cfgs[c].name, cnthctl, read ? "MRS" : "MSR", a->name,
           buf);
    CHECK(ok);
    enum outcome want = expected(c, cnthctl, a);
    if (!CHECK_EQ(o, want)) printf("  (expected another outcome)\n");
}

/* The guest writes its CNTVOFF_EL2 (a slot), then reads CNTVCT_EL0 and CNTPCT_EL0. */
static uint64_t vct, pct;
static void cntvoff_guest(void)
{
    write_sysreg(0x5000000ull, cntvoff_el2);
    isb();
    vct = read_sysreg(cntvct_el0);
    isb();
    pct = read_sysreg(cntpct_el0);
}

static void cntvoff(unsigned c)
{
    nv_fill_page();
    nv.hcr = cfgs[c].hcr;
    nv_run(cntvoff_guest);
    int changed = nv_changed_slot(0);
    bool offset_ok = pct - vct - HOST_CNTVOFF < WINDOW;
    printf("%s MSR CNTVOFF_EL2: %s 0x%03x, CNTPCT - CNTVCT %s the host's "
           "CNTVOFF_EL2\n",
           cfgs[c].name, changed >= 0 ? "slot" : "no slot", changed >= 0 ? changed : 0,
           offset_ok ? "is" : "is not");
    CHECK_EQ(nv.taken, 0);
    CHECK_EQ(changed, 0x060);
    CHECK_EQ(nv_page[0x060 / 8], 0x5000000);
    CHECK(offset_ok);
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    write_sysreg(HOST_CNTVOFF, cntvoff_el2);
    write_sysreg((uint64_t)nv_page, VNCR_EL2);
    isb();
    for (unsigned c = 0; c < 2; c++) {
        for (unsigned v = 0; v < 3; v++) {
            write_sysreg(cnthctls[v], cnthctl_el2);
            isb();
            for (unsigned i = 0; i < sizeof accs / sizeof accs[0]; i++) {
                one(c, cnthctls[v], &accs[i], true);
                one(c, cnthctls[v], &accs[i], false);
            }
        }
        write_sysreg(0x3, cnthctl_el2);
        isb();
        cntvoff(c);
    }
    return test_summary();
}
