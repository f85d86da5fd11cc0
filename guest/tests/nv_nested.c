/*
 * Nested virtualization end to end (issue 11): the host hypervisor (L0, EL2) runs a guest
 * hypervisor (L1, real EL1, believing it is at EL2), which starts its own guest (L2) through its
 * emulated EL2 state, takes a hypercall from it and returns to it.
 *
 * L1 installs its vectors, programs L2's EL1 state (VBAR_EL1, SP_EL1), its "HCR_EL2" (RW, no
 * stage 2), "ELR_EL2" = L2's entry and "SPSR_EL2" = EL1h, and executes ERET. The ERET traps
 * (EC 0x1A); the host sees a return to EL1 and switches the real EL1 state to L2's (VBAR_EL1,
 * SP_EL1, ELR_EL1, SPSR_EL1 as L1 wrote them: VNCR page slots with NV2, registers the host kept
 * from trapped accesses without NV2) and enters L2 at the real EL1 with HCR_EL2.NV = 0 (L1's
 * stage 2 is off, so none is emulated).
 * L2 checks that it runs at EL1 on its own stack, takes an SVC to its own vectors, then does
 * HVC #0x77 with x0 = 41. The host reflects it into L1 as an exception to its virtual EL2: it
 * saves L2's EL1 state where L1 sees it, writes L1's ESR/ELR/SPSR_EL2 (the real EL1 registers),
 * restores L1's vectors and stack, and enters L1 at VBAR + 0x400 (lower EL, synchronous).
 * L1's handler reads ESR_EL2, ELR_EL2, SPSR_EL2 and HCR_EL2, adds 1 to x0 and ERETs, which the
 * host turns into a switch back to L2. L2 stores x0 (42) and does HVC #0x78; L1's handler then
 * returns to its own code (ELR_EL2/SPSR_EL2 = EL2h: an ERET emulated within L1) and L1 returns to
 * the host.
 *
 * Run for an nVHE L1 (NV1 = 1: its own state through *_EL2, L2's through *_EL1) with NVx = 011
 * (NV only) and 111 (NV2), and for a VHE L1 (NV1 = 0: its own state through *_EL1 as if E2H
 * redirected them, L2's through *_EL12) with 001 and 101. Printed: what each level saw, and the
 * traps the host took by EC while L1 starts L2, for one L2 hypercall round trip (from L2's HVC to
 * L2 running again), and for L2's exit.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "nv_util.h"

/* Written by the guests (flat memory, MMU off everywhere). */
uint64_t l1_saved_lr, l1_currentel, l2_currentel, l2_svc_esr, l2_sp, l2_result;
uint64_t l1_seen[5]; /* ESR, ELR, SPSR, HCR at the hypercall; ESR at the exit */
uint64_t l2_stack[512] __attribute__((aligned(16)));

extern char l1_vectors_nvhe[], l1_vectors_vhe[], l2_vectors[], l2_entry[], l2_after_hvc[];
void l1_main_nvhe(void);
void l1_main_vhe(void);

/*
 * L1, in two flavours. \vhe = 0: nVHE (own state via *_EL2, L2's via *_EL1); \vhe = 1: VHE (own
 * state via *_EL1, L2's via *_EL12 = S3_5_*). x9-x14 are scratch; L2's x0 is the argument.
 */
__asm__(".macro l1_code sfx, vhe\n"
        ".balign 2048\n"
        "l1_vectors_\\sfx:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        ".if \\i == 8\n"
        "b l1_sync_\\sfx\n"
        ".else\n"
        "hvc #(0xe300 + \\i)\n"
        ".endif\n"
        ".endr\n"
        "l1_sync_\\sfx:\n"
        ".if \\vhe\n"
        "mrs x9, esr_el1\n"
        "mrs x10, elr_el1\n"
        "mrs x11, spsr_el1\n"
        ".else\n"
        "mrs x9, esr_el2\n"
        "mrs x10, elr_el2\n"
        "mrs x11, spsr_el2\n"
        ".endif\n"
        "mrs x12, hcr_el2\n"
        "adrp x13, l1_seen\n"
        "add x13, x13, :lo12:l1_seen\n"
        "and x14, x9, #0xffff\n"
        "cmp x14, #0x78\n"
        "b.eq 2f\n"
        "stp x9, x10, [x13]\n"
        "stp x11, x12, [x13, #16]\n"
        "add x0, x0, #1\n"
        "eret\n"
        /* L2 exited: return to L1's own code at its EL2 */
        "2: str x9, [x13, #32]\n"
        "adr x9, l1_after_l2_\\sfx\n"
        "mov x10, #0x3c9\n"
        ".if \\vhe\n"
        "msr elr_el1, x9\n"
        "msr spsr_el1, x10\n"
        ".else\n"
        "msr elr_el2, x9\n"
        "msr spsr_el2, x10\n"
        ".endif\n"
        "eret\n"
        "l1_main_\\sfx:\n"
        "adrp x9, l1_saved_lr\n"
        "str x30, [x9, :lo12:l1_saved_lr]\n"
        "mrs x10, CurrentEL\n"
        "adrp x9, l1_currentel\n"
        "str x10, [x9, :lo12:l1_currentel]\n"
        "adr x9, l1_vectors_\\sfx\n"
        "adr x10, l2_vectors\n"
        ".if \\vhe\n"
        "msr vbar_el1, x9\n"
        "msr s3_5_c12_c0_0, x10\n" /* VBAR_EL12 */
        ".else\n"
        "msr vbar_el2, x9\n"
        "msr vbar_el1, x10\n"
        ".endif\n"
        "adrp x9, l2_stack + 4096\n"
        "add x9, x9, :lo12:l2_stack + 4096\n"
        "msr sp_el1, x9\n"
        "mov x9, #(1 << 31)\n" /* HCR_EL2.RW */
        ".if \\vhe\n"
        "orr x9, x9, #(1 << 34)\n" /* E2H */
        ".endif\n"
        "msr hcr_el2, x9\n"
        "adr x9, l2_entry\n"
        "mov x10, #0x3c5\n" /* EL1h, DAIF masked */
        ".if \\vhe\n"
        "msr elr_el1, x9\n"
        "msr spsr_el1, x10\n"
        ".else\n"
        "msr elr_el2, x9\n"
        "msr spsr_el2, x10\n"
        ".endif\n"
        "mov x0, #41\n"
        "eret\n"
        "l1_after_l2_\\sfx:\n"
        "adrp x9, l1_saved_lr\n"
        "ldr x30, [x9, :lo12:l1_saved_lr]\n"
        "ret\n"
        ".endm\n"
        ".pushsection .text\n"
        "l1_code nvhe, 0\n"
        "l1_code vhe, 1\n"
        /* L2: its vectors handle an SVC from itself (current EL, SPx) */
        ".balign 2048\n"
        "l2_vectors:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        ".if \\i == 4\n"
        "mrs x1, esr_el1\n"
        "eret\n"
        ".else\n"
        "hvc #(0xe400 + \\i)\n"
        ".endif\n"
        ".endr\n"
        "l2_entry:\n"
        "mrs x9, CurrentEL\n"
        "adrp x10, l2_currentel\n"
        "str x9, [x10, :lo12:l2_currentel]\n"
        "mov x9, sp\n"
        "adrp x10, l2_sp\n"
        "str x9, [x10, :lo12:l2_sp]\n"
        "stp x0, x1, [sp, #-16]!\n"
        "svc #0x21\n"
        "adrp x10, l2_svc_esr\n"
        "str x1, [x10, :lo12:l2_svc_esr]\n"
        "ldp x0, x1, [sp], #16\n"
        "hvc #0x77\n"
        "l2_after_hvc:\n"
        "adrp x10, l2_result\n"
        "str x0, [x10, :lo12:l2_result]\n"
        "hvc #0x78\n"
        "b .\n"
        ".popsection");

/* L2's EL1 registers and L1's HCR_EL2 where L1 writes them: VNCR slot or host-kept register. */
enum { R_VBAR, R_ELR, R_SPSR, R_SP, R_HCR, NREGS };
static const struct {
    unsigned off;
    uint32_t key_el1, key_el12;
} l2regs[NREGS] = {
    {0x250, NV_KEY(3, 0, 12, 0, 0), NV_KEY(3, 5, 12, 0, 0)},
    {0x230, NV_KEY(3, 0, 4, 0, 1), NV_KEY(3, 5, 4, 0, 1)},
    {0x160, NV_KEY(3, 0, 4, 0, 0), NV_KEY(3, 5, 4, 0, 0)},
    {0x240, NV_KEY(3, 4, 4, 1, 0), NV_KEY(3, 4, 4, 1, 0)},
    {0x078, NV_KEY(3, 4, 1, 1, 0), NV_KEY(3, 4, 1, 1, 0)},
};

static const struct {
    const char *name;
    uint64_t hcr;
    bool vhe;
} cfgs[] = {
    {"011 nVHE L1", HCR_NV | HCR_NV1, false},
    {"111 nVHE L1", HCR_NV | HCR_NV1 | HCR_NV2, false},
    {"001 VHE L1 ", HCR_NV, true},
    {"101 VHE L1 ", HCR_NV | HCR_NV2, true},
};

static struct {
    unsigned cfg;
    bool in_l2;
    uint64_t l1_vbar, l1_sp; /* L1's real EL1 state while L2 runs */
    unsigned l2_entries, bad;
    unsigned at_entry[64], rt_start[64], rt_end[64], exit_start[64];
    bool rt_open;
} w;

static uint64_t *l2reg(unsigned i)
{
    if (cfgs[w.cfg].hcr & HCR_NV2) return &nv_page[l2regs[i].off / 8];
    return nv_shadow_reg(cfgs[w.cfg].vhe ? l2regs[i].key_el12 : l2regs[i].key_el1);
}

static void snapshot(unsigned *dst, unsigned minus_ec)
{
    for (unsigned i = 0; i < 64; i++)
        dst[i] = nv.ec_count[i];
    if (minus_ec) dst[minus_ec]--;
}

/* L1's ERET to its EL1: load L2's EL1 state and enter it without NV. */
static void enter_l2(struct exc_frame *f, uint64_t elr, uint64_t spsr)
{
    uint64_t vhcr = *l2reg(R_HCR);
    if (!(vhcr & HCR_RW) || (vhcr & 1)) { /* RW, VM: no stage 2 emulation here */
        printf("L1's HCR_EL2 0x%lx: not supported\n", vhcr);
        w.bad++;
    }
    /* Without the L2 state L1 wrote (lost to a broken redirection), L2 would loop at EL1. */
    if (!*l2reg(R_VBAR) || !*l2reg(R_SP)) {
        printf("L2's VBAR_EL1 0x%lx SP_EL1 0x%lx: not set by L1\n", *l2reg(R_VBAR), *l2reg(R_SP));
        w.bad++;
        nv_end_run(f);
        return;
    }
    w.l1_vbar = read_sysreg(vbar_el1);
    w.l1_sp = read_sysreg(sp_el1);
    write_sysreg(*l2reg(R_VBAR), vbar_el1);
    write_sysreg(*l2reg(R_SP), sp_el1);
    write_sysreg(*l2reg(R_ELR), elr_el1);
    write_sysreg(*l2reg(R_SPSR), spsr_el1);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    f->elr = elr;
    f->spsr = spsr;
    w.in_l2 = true;
    if (w.l2_entries++ == 0) snapshot(w.at_entry, 0);
    if (w.rt_open) {
        snapshot(w.rt_end, 0);
        w.rt_open = false;
    }
}

/* An exception from L2 to (virtual) EL2: save L2's EL1 state, enter L1's vectors. */
static void reflect_to_l1(struct exc_frame *f)
{
    *l2reg(R_VBAR) = read_sysreg(vbar_el1);
    *l2reg(R_SP) = read_sysreg(sp_el1);
    *l2reg(R_ELR) = read_sysreg(elr_el1);
    *l2reg(R_SPSR) = read_sysreg(spsr_el1);
    write_sysreg(f->esr, esr_el1);
    write_sysreg(f->elr, elr_el1);
    write_sysreg(f->spsr, spsr_el1);
    write_sysreg(w.l1_vbar, vbar_el1);
    write_sysreg(w.l1_sp, sp_el1);
    write_sysreg(HCR_RW | cfgs[w.cfg].hcr, hcr_el2);
    isb();
    f->elr = w.l1_vbar + 0x400; /* lower EL, AArch64, synchronous */
    f->spsr = 0x3c5;            /* L1's EL2h is the real EL1h, DAIF masked */
    w.in_l2 = false;
}

/* Anything else ends the run at once: a broken world switch would otherwise run on. */
static bool unexpected(struct exc_frame *f)
{
    printf("unexpected exception from %s: ESR 0x%08lx ELR 0x%lx\n", w.in_l2 ? "L2" : "L1", f->esr,
           f->elr);
    w.bad++;
    nv_end_run(f);
    return true;
}

static bool host_hook(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr), imm = ESR_ISS(f->esr) & 0xffff;

    if (w.in_l2) {
        if (ec != EC_HVC64 || (imm != 0x77 && imm != 0x78)) return unexpected(f);
        if (imm == 0x77) {
            snapshot(w.rt_start, EC_HVC64);
            w.rt_open = true;
        } else {
            snapshot(w.exit_start, EC_HVC64);
        }
        reflect_to_l1(f);
        return true;
    }
    if (ec == EC_SYSREG) return nv_emulate_sysreg(f) || unexpected(f);
    if (ec != EC_ERET) return unexpected(f);
    uint64_t elr = read_sysreg(elr_el1), spsr = read_sysreg(spsr_el1);
    if (((spsr >> 2) & 3) == 2) { /* to L1's own EL2 */
        f->elr = elr;
        f->spsr = nv_spsr_to_el1(spsr);
    } else {
        enter_l2(f, elr, spsr);
    }
    return true;
}

static void print_counts(const char *cfg, const char *phase, const unsigned *from,
                         const unsigned *to)
{
    unsigned total = 0;
    printf("%s traps, %-10s:", cfg, phase);
    for (unsigned ec = 0; ec < 64; ec++) {
        unsigned n = to[ec] - (from ? from[ec] : 0);
        if (n) printf(" EC 0x%02x x%u", ec, n);
        total += n;
    }
    printf(" (total %u)\n", total);
}

static void run_cfg(unsigned c)
{
    const char *name = cfgs[c].name;
    bool nv2 = cfgs[c].hcr & HCR_NV2;

    memset(&w, 0, sizeof w);
    w.cfg = c;
    nv_nshadow = 0;
    l1_currentel = l2_currentel = l2_svc_esr = l2_sp = l2_result = 0;
    memset(l1_seen, 0, sizeof l1_seen);
    nv_fill_page();
    nv.hcr = cfgs[c].hcr;
    nv.hook = host_hook;
    nv_run(cfgs[c].vhe ? l1_main_vhe : l1_main_nvhe);
    nv.hook = NULL;

    printf("%s: L1 CurrentEL 0x%lx, started L2 %u time(s)\n", name, l1_currentel, w.l2_entries);
    printf("%s: L2 CurrentEL 0x%lx, on its own stack: %s, its own SVC: ESR_EL1 "
           "0x%08lx\n",
           name, l2_currentel, l2_sp == (uint64_t)&l2_stack[512] ? "yes" : "no", l2_svc_esr);
    printf("%s: L1 saw the hypercall: ESR_EL2 0x%08lx ELR_EL2 %s SPSR_EL2 "
           "0x%08lx HCR_EL2 0x%lx\n",
           name, l1_seen[0], l1_seen[1] == (uint64_t)l2_after_hvc ? "after HVC" : "elsewhere",
           l1_seen[2], l1_seen[3]);
    printf("%s: L2 got x0 = %lu back; L1 saw L2 exit with ESR_EL2 0x%08lx\n", name, l2_result,
           l1_seen[4]);
    print_counts(name, "L2 start", NULL, w.at_entry);
    print_counts(name, "round trip", w.rt_start, w.rt_end);
    print_counts(name, "L2 exit", w.exit_start, nv.ec_count);

    CHECK_EQ(nv.taken, 0);
    CHECK_EQ(w.bad, 0);
    CHECK_EQ(w.l2_entries, 2);
    CHECK_EQ(l1_currentel, 0x8);
    CHECK_EQ(l2_currentel, 0x4);
    CHECK_EQ(l2_sp, (uint64_t)&l2_stack[512]);
    CHECK_EQ(l2_svc_esr, 0x56000021);
    CHECK_EQ(l1_seen[0], 0x5a000077);
    CHECK_EQ(l1_seen[1], (uint64_t)l2_after_hvc);
    CHECK_EQ(l1_seen[2], 0x3c5);
    CHECK_EQ(l1_seen[3], HCR_RW | (cfgs[c].vhe ? HCR_E2H : 0));
    CHECK_EQ(l2_result, 42);
    CHECK_EQ(l1_seen[4], 0x5a000078);
    if (nv2) { /* L2's state went to the VNCR page */
        CHECK_EQ(nv_page[0x250 / 8], (uint64_t)l2_vectors);
        CHECK_EQ(nv_page[0x240 / 8], (uint64_t)&l2_stack[512]);
        CHECK_EQ(nv_page[0x078 / 8], l1_seen[3]);
    }
    /*
     * One round trip: the HVC, the registers L1 reads that trap (nVHE without NV2: ESR, ELR, SPSR
     * and HCR_EL2; VHE without NV2: HCR_EL2; with NV2: none), and the ERET.
     */
    unsigned sys = nv2 ? 0 : cfgs[c].vhe ? 1 : 4, total = 0;
    for (unsigned ec = 0; ec < 64; ec++)
        total += w.rt_end[ec] - w.rt_start[ec];
    CHECK_EQ(w.rt_end[EC_HVC64] - w.rt_start[EC_HVC64], 1);
    CHECK_EQ(w.rt_end[EC_SYSREG] - w.rt_start[EC_SYSREG], sys);
    CHECK_EQ(w.rt_end[EC_ERET] - w.rt_start[EC_ERET], 1);
    CHECK_EQ(total, sys + 2);
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    write_sysreg((uint64_t)nv_page, VNCR_EL2);
    isb();
    for (unsigned c = 0; c < sizeof cfgs / sizeof cfgs[0]; c++)
        run_cfg(c);
    return test_summary();
}
