/*
 * FEAT_NV: the guest hypervisor's exception state across its own exceptions and its trapped ERET
 * (issue 11; Arm ARM I_ZJRNN, I_DBTLM, HCR_EL2.NV; reference nv2-and-timer.md sections 4.1, 5.3
 * and 9). Under NVx = 001, 011, 101 and 111 the guest hypervisor runs at EL1 believing it is at
 * EL2. It installs its vectors with MSR VBAR_EL2 (trapped; the host puts them in the real
 * VBAR_EL1), then
 *   - takes SVC #0x42 from EL1h (NZCV = N): its handler reads ESR_EL2, ELR_EL2 and SPSR_EL2 (real
 *     EL1 registers through the NV2 redirection, or trapped and emulated by the host with NV only)
 *     and returns with ERET, which traps (EC 0x1A) and which the host emulates;
 *   - the same from EL1t (SPSel = 0, NZCV = C);
 *   - the same from its EL0 (entered directly by the host; NZCV = Z, SVC #0x43).
 * Printed per case: what the guest hypervisor read, the trap syndrome and the real SPSR_EL1 the
 * host saw at the ERET, and the traps by EC. SPSR_EL1.M reports EL2 for an EL1 -> EL1 exception
 * with NVx = 001, 101 and 111, and EL1 with 011; an exception from EL0 reports EL0t.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "nv_util.h"

/* What the guest hypervisor's handler read: ESR_EL2, ELR_EL2, SPSR_EL2. */
static uint64_t seen[3];
/* The host's view of each trapped ERET. */
static struct {
    unsigned count;
    uint64_t esr, elr, spsr;    /* ESR_EL2, ELR_EL2, SPSR_EL2 of the trap */
    uint64_t el1_elr, el1_spsr; /* real ELR_EL1 / SPSR_EL1 it returns with */
} eret;

/*
 * The guest hypervisor: vectors whose synchronous entries (current EL with SP0 or SPx, lower EL)
 * record the exception; SVC #0x44 ends the run (HVC #0xE1 to the host), any other returns with
 * ERET. x9-x13 are its scratch registers.
 */
extern char gh_vectors[], gh_svc_el1h_ret[], gh_svc_el1t_ret[], gh_el0_svc_ret[], gh_eret[];
void gh_svc_el1h(void);
void gh_svc_el1t(void);
void gh_el0(void);
__asm__(".pushsection .text\n"
        ".balign 2048\n"
        "gh_vectors:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        ".if \\i == 0 || \\i == 4 || \\i == 8\n"
        "b gh_sync\n"
        ".else\n"
        "hvc #(0xe300 + \\i)\n"
        ".endif\n"
        ".endr\n"
        "gh_sync:\n"
        "mrs x9, esr_el2\n"
        "and x13, x9, #0xffff\n"
        "cmp x13, #0x44\n"
        "b.eq 1f\n"
        "mrs x10, elr_el2\n"
        "mrs x11, spsr_el2\n"
        "adrp x12, seen\n"
        "add x12, x12, :lo12:seen\n"
        "stp x9, x10, [x12]\n"
        "str x11, [x12, #16]\n"
        "gh_eret: eret\n"
        "1: hvc #0xe1\n"
        /* EL1h: install the vectors, SVC with N set */
        "gh_svc_el1h:\n"
        "adr x9, gh_vectors\n"
        "msr vbar_el2, x9\n"
        "isb\n"
        "mov x9, #(1 << 31)\n"
        "msr nzcv, x9\n"
        "svc #0x42\n"
        "gh_svc_el1h_ret: ret\n"
        /* EL1t: the same on SP_EL0, C set */
        "gh_svc_el1t:\n"
        "adr x9, gh_vectors\n"
        "msr vbar_el2, x9\n"
        "isb\n"
        "msr spsel, #0\n"
        "mov x9, #(1 << 29)\n"
        "msr nzcv, x9\n"
        "svc #0x42\n"
        "gh_svc_el1t_ret: msr spsel, #1\n"
        "ret\n"
        /* EL0 (entered with VBAR_EL1 = gh_vectors): Z set, SVC #0x43, then SVC #0x44 */
        "gh_el0:\n"
        "mov x9, #(1 << 30)\n"
        "msr nzcv, x9\n"
        "svc #0x43\n"
        "gh_el0_svc_ret: svc #0x44\n"
        "b .\n"
        ".popsection");

static bool host_hook(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr);

    if (ec == EC_SYSREG) return nv_emulate_sysreg(f);
    if (ec != EC_ERET) return false;
    /*
     * Emulate the guest hypervisor's ERET: its ELR_EL2/SPSR_EL2 are the real EL1 registers; an SPSR
     * that names EL2 means its own EL1.
     */
    eret.count++;
    eret.esr = f->esr;
    eret.elr = f->elr;
    eret.spsr = f->spsr;
    eret.el1_elr = read_sysreg(elr_el1);
    eret.el1_spsr = read_sysreg(spsr_el1);
    f->elr = eret.el1_elr;
    f->spsr = nv_spsr_to_el1(eret.el1_spsr);
    return true;
}

static const struct {
    const char *name;
    uint64_t hcr;
} cfgs[] = {
    {"001", HCR_NV},
    {"011", HCR_NV | HCR_NV1},
    {"101", HCR_NV | HCR_NV2},
    {"111", HCR_NV | HCR_NV1 | HCR_NV2},
};

static const char *where(uint64_t a)
{
    if (a == (uint64_t)gh_svc_el1h_ret) return "after SVC (EL1h)";
    if (a == (uint64_t)gh_svc_el1t_ret) return "after SVC (EL1t)";
    if (a == (uint64_t)gh_el0_svc_ret) return "after SVC (EL0)";
    if (a == (uint64_t)gh_eret) return "the ERET";
    return "elsewhere";
}

/* Expected SPSR_EL1.M for an exception from mode m (Arm ARM I_ZJRNN, I_DBTLM). */
static uint64_t reported_mode(uint64_t hcr, unsigned m)
{
    bool nv2 = hcr & HCR_NV2, nv1 = hcr & HCR_NV1;
    if ((m >> 2) == 1 && (nv2 || !nv1)) return (m & 1) | 0x8;
    return m;
}

static void one_case(unsigned c, const char *what, void (*fn)(void), uint64_t spsr, unsigned mode,
                     uint64_t nzcv, uint32_t svc_imm, const char *ret_where)
{
    seen[0] = seen[1] = seen[2] = 0;
    eret.count = 0;
    nv_fill_page();
    nv.hcr = cfgs[c].hcr;
    nv.spsr = spsr;
    nv.entry = spsr == 0x3c0 ? (uint64_t)gh_vectors : 0;
    nv.hook = host_hook;
    nv_run(fn);
    nv.hook = NULL;
    nv.spsr = 0;
    nv.entry = 0;

    printf("%s %s: guest hypervisor read ESR_EL2 0x%08lx ELR_EL2 %s SPSR_EL2 "
           "0x%08lx\n",
           cfgs[c].name, what, seen[0], where(seen[1]), seen[2]);
    printf("%s %s: ERET trapped x%u ESR 0x%08lx at %s, SPSR_EL2.M 0x%lx; real "
           "SPSR_EL1 0x%08lx "
           "ELR_EL1 %s\n",
           cfgs[c].name, what, eret.count, eret.esr, where(eret.elr), eret.spsr & 0xf,
           eret.el1_spsr, where(eret.el1_elr));
    printf("%s %s: traps EC 0x18 x%u, EC 0x1a x%u, HVC x%u, other %u\n", cfgs[c].name, what,
           nv.ec_count[EC_SYSREG], nv.ec_count[EC_ERET], nv.ec_count[EC_HVC64], nv.taken);

    uint64_t want_spsr = nzcv | 0x3c0 | reported_mode(cfgs[c].hcr, mode);
    CHECK_EQ(nv.taken, 0);
    CHECK_EQ(eret.count, 1);
    CHECK_EQ(eret.esr, 0x6a000000);
    CHECK_EQ(eret.elr, (uint64_t)gh_eret);
    CHECK_EQ(eret.spsr & 0xf, 0x5); /* the guest hypervisor really runs at EL1h */
    CHECK_EQ(eret.el1_spsr, want_spsr);
    CHECK_STR(where(eret.el1_elr), ret_where);
    CHECK_EQ(seen[0], 0x56000000u | svc_imm);
    CHECK_STR(where(seen[1]), ret_where);
    CHECK_EQ(seen[2], want_spsr);
    /*
     * NV only: MSR VBAR_EL2 (EL1 cases) and the MRS of ESR/ELR/SPSR_EL2 trap, plus the MRS ESR_EL2
     * on SVC #0x44 (EL0 case); with NV2 only VBAR_EL2 (no slot) does.
     */
    CHECK_EQ(nv.ec_count[EC_SYSREG], cfgs[c].hcr & HCR_NV2 ? (spsr == 0x3c0 ? 0 : 1) : 4);
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    write_sysreg((uint64_t)nv_page, VNCR_EL2);
    isb();
    for (unsigned c = 0; c < sizeof cfgs / sizeof cfgs[0]; c++) {
        one_case(c, "EL1h", gh_svc_el1h, 0x3c5, 0x5, 1ull << 31, 0x42, "after SVC (EL1h)");
        one_case(c, "EL1t", gh_svc_el1t, 0x3c5, 0x4, 1ull << 29, 0x42, "after SVC (EL1t)");
        one_case(c, "EL0 ", gh_el0, 0x3c0, 0x0, 1ull << 30, 0x43, "after SVC (EL0)");
    }
    return test_summary();
}
