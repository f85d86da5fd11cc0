/*
 * A small guest hypervisor (L1) for the host's nested virtualization (hyp/host/nested.c). It
 * runs at the real EL1, believes it runs at EL2 (CurrentEL reads 2), and runs one guest, L2
 * (l2.c), whose code is part of this image. Built twice: without VHE (its own state through the
 * *_EL2 registers, L2's through *_EL1) and with VHE (GHYP_VHE: HCR_EL2.E2H = 1, its own state
 * through *_EL1, L2's through the *_EL12/_EL02 aliases).
 *
 * It switches worlds the way KVM/arm64 does, register by register, so that the number of traps
 * a host takes for it is representative (experiment 4): on each entry to L2 it loads L2's EL1
 * registers, virtual timer and GIC list registers and its EL2 controls for the guest, on each
 * exit it saves them and restores its own controls; without VHE it also saves and restores the
 * EL1 state of its "host" (KVM's split mode runs the host kernel at EL1). L2 gives it no stage 2
 * (HCR_EL2.VM = 0: L2's addresses are L1's physical addresses) and runs with a virtual-counter
 * offset of its own (CNTVOFF_EL2). When L2's saved timer condition holds after an exit (L2's
 * virtual timer interrupt, PPI 27, is L1's interrupt and usually what caused the exit), L1 masks
 * L2's timer (CNTV_CTL.IMASK, as early KVM did) and injects INTID 27 into L2 through a list
 * register; L2's handler reprograms or stops its timer, which clears IMASK.
 *
 * What L2 does comes from arg= (ghyp_abi.h): hypercall round trips, timer interrupts, and
 * experiment 2, where L1 programs L2's timer with CNTV_TVAL_EL0 and reads back what it sees.
 */
#include "ghyp_abi.h"
#include "vgic.h"

/*
 * L2's count runs this far (65 us) behind L1's. Small, so that it is never negative when L2 runs:
 * QEMU 10 never fires a timer whose CVAL + offset overflows 64 bits, although the architecture's
 * condition (count - offset >= CVAL) is met once the count reaches their sum modulo 2^64.
 */
#define L2_CNTVOFF 0x10000ull
#define MAX_LR     4

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)
#define HCR_TGE (1ull << 27)
#define HCR_IMO (1ull << 4)
#define HCR_FMO (1ull << 3)
#define HCR_AMO (1ull << 5)

#define LR_PENDING (1ull << 62)
#define LR_GROUP1  (1ull << 60)
#define LR_STATE   (3ull << 62)
#define IMASK      2ull

/*
 * The EL1 registers of a world switch (KVM's __sysreg_save/restore_el1_state and the user
 * registers): X(name, L2's encoding as L1 reaches it, the plain EL1 encoding).
 */
#if GHYP_VHE
#define GST(el12, el1) el12
#define OWN_ESR        esr_el1
#define OWN_VBAR       vbar_el1
#define L2_CNTV_CTL    SYS_REG(3, 5, 14, 3, 1) /* CNTV_CTL_EL02 */
#define L2_CNTV_CVAL   SYS_REG(3, 5, 14, 3, 2)
#define L2_CNTV_TVAL   SYS_REG(3, 5, 14, 3, 0)
#else
#define GST(el12, el1) el1
#define OWN_ESR        esr_el2
#define OWN_VBAR       vbar_el2
#define L2_CNTV_CTL    cntv_ctl_el0
#define L2_CNTV_CVAL   cntv_cval_el0
#define L2_CNTV_TVAL   cntv_tval_el0
#endif

#define EL1_REGS(X)                                                                                \
    X(SCTLR, GST(SYS_REG(3, 5, 1, 0, 0), sctlr_el1))                                               \
    X(CPACR, GST(SYS_REG(3, 5, 1, 0, 2), cpacr_el1))                                               \
    X(TTBR0, GST(SYS_REG(3, 5, 2, 0, 0), ttbr0_el1))                                               \
    X(TTBR1, GST(SYS_REG(3, 5, 2, 0, 1), ttbr1_el1))                                               \
    X(TCR, GST(SYS_REG(3, 5, 2, 0, 2), tcr_el1))                                                   \
    X(ESR, GST(SYS_REG(3, 5, 5, 2, 0), esr_el1))                                                   \
    X(FAR, GST(SYS_REG(3, 5, 6, 0, 0), far_el1))                                                   \
    X(AFSR0, GST(SYS_REG(3, 5, 5, 1, 0), afsr0_el1))                                               \
    X(AFSR1, GST(SYS_REG(3, 5, 5, 1, 1), afsr1_el1))                                               \
    X(MAIR, GST(SYS_REG(3, 5, 10, 2, 0), mair_el1))                                                \
    X(AMAIR, GST(SYS_REG(3, 5, 10, 3, 0), amair_el1))                                              \
    X(CONTEXTIDR, GST(SYS_REG(3, 5, 13, 0, 1), contextidr_el1))                                    \
    X(VBAR, GST(SYS_REG(3, 5, 12, 0, 0), vbar_el1))                                                \
    X(CNTKCTL, GST(SYS_REG(3, 5, 14, 1, 0), cntkctl_el1))                                          \
    X(ELR, GST(SYS_REG(3, 5, 4, 0, 1), elr_el1))                                                   \
    X(SPSR, GST(SYS_REG(3, 5, 4, 0, 0), spsr_el1))                                                 \
    X(PAR, par_el1)                                                                                \
    X(TPIDR, tpidr_el1)                                                                            \
    X(SP_EL1, sp_el1)                                                                              \
    X(TPIDR_EL0, tpidr_el0)                                                                        \
    X(TPIDRRO, tpidrro_el0)                                                                        \
    X(SP_EL0, sp_el0)                                                                              \
    X(MDSCR, mdscr_el1)

#define X_ENUM(name, reg) R_##name,
enum { EL1_REGS(X_ENUM) NR_EL1 };

struct l2ctx {
    uint64_t x[31], pc, pstate; /* ghyp_entry.S: pc at 248 */
    uint64_t el1[NR_EL1];
    uint64_t cntv_ctl, cntv_cval;
    uint64_t lr[MAX_LR], vmcr, ap0r, ap1r;
};
_Static_assert(__builtin_offsetof(struct l2ctx, pc) == 248, "ghyp_entry.S CTX_PC");

extern char ghyp_vectors[], l2_entry[], vectors_el1[];
uint64_t run_l2(struct l2ctx *c);

static struct l2ctx l2;
static unsigned nr_lr, l2_timer_irqs;
static uint64_t l2_stack[2048] __attribute__((aligned(16)));
#if !GHYP_VHE
static uint64_t host_el1[NR_EL1]; /* the EL1 state of L1's "host" side, as in KVM's split mode */
#endif

/* The guest side (l2.c). */
void l2_main(void);
extern volatile uint64_t l2_arg;

#define X_SAVE(name, reg)    c[R_##name] = read_sysreg(reg);
#define X_RESTORE(name, reg) write_sysreg(c[R_##name], reg);

static void save_el1(uint64_t *c)
{
    EL1_REGS(X_SAVE)
}

static void restore_el1(const uint64_t *c)
{
    EL1_REGS(X_RESTORE)
}

static uint64_t guest_hcr(void)
{
    return HCR_RW | HCR_IMO | HCR_FMO | HCR_AMO | (GHYP_VHE ? HCR_E2H : 0);
}

static uint64_t host_hcr(void)
{
    return HCR_RW | (GHYP_VHE ? HCR_E2H | HCR_TGE : 0);
}

/* EL2 controls for running L2 (KVM's __activate_traps, the timer offset, no stage 2). */
static void activate_guest(void)
{
    write_sysreg(guest_hcr(), hcr_el2);
    write_sysreg(0, vttbr_el2);
    write_sysreg(0x80000000ull, vmpidr_el2);
    write_sysreg(read_sysreg(midr_el1), vpidr_el2);
    write_sysreg(0, hstr_el2);
    write_sysreg(0, mdcr_el2);
#if GHYP_VHE /* (CPTR_EL2 and CNTHCTL_EL2 as CPACR_EL1 and CNTKCTL_EL1, E2H layouts) */
    write_sysreg(3ull << 20, cpacr_el1);   /* FPEN: no traps */
    write_sysreg(3ull << 10, cntkctl_el1); /* EL1PCTEN | EL1PTEN */
#else
    write_sysreg(0x33ffull, cptr_el2); /* RES1 bits, no traps */
    write_sysreg(3ull, cnthctl_el2);   /* EL1PCTEN | EL1PCEN */
#endif
    write_sysreg(L2_CNTVOFF, cntvoff_el2);
}

static void deactivate_guest(void)
{
    write_sysreg(host_hcr(), hcr_el2);
    write_sysreg(0, hstr_el2);
    write_sysreg(0, mdcr_el2);
#if GHYP_VHE
    write_sysreg(3ull << 20, cpacr_el1);
#else
    write_sysreg(0x33ffull, cptr_el2);
#endif
}

static void switch_to_l2(struct l2ctx *c)
{
#if !GHYP_VHE
    save_el1(host_el1);
#endif
    restore_el1(c->el1);
    write_sysreg(c->cntv_cval, L2_CNTV_CVAL);
    write_sysreg(c->cntv_ctl, L2_CNTV_CTL);
    for (unsigned i = 0; i < nr_lr; i++) {
        switch (i) {
        case 0: write_sysreg(c->lr[0], ICH_LR_EL2(0)); break;
        case 1: write_sysreg(c->lr[1], ICH_LR_EL2(1)); break;
        case 2: write_sysreg(c->lr[2], ICH_LR_EL2(2)); break;
        case 3: write_sysreg(c->lr[3], ICH_LR_EL2(3)); break;
        }
    }
    write_sysreg(c->ap0r, ICH_AP0R0_EL2);
    write_sysreg(c->ap1r, ICH_AP1R0_EL2);
    write_sysreg(c->vmcr, ICH_VMCR_EL2);
    write_sysreg(1, ICH_HCR_EL2); /* En */
    activate_guest();
    isb();
}

static void switch_from_l2(struct l2ctx *c)
{
    save_el1(c->el1);
    c->cntv_ctl = read_sysreg(L2_CNTV_CTL);
    c->cntv_cval = read_sysreg(L2_CNTV_CVAL);
    write_sysreg(0, L2_CNTV_CTL); /* L1 does not run L2's timer (KVM's timer_save_state) */
    uint64_t elrsr = read_sysreg(ICH_ELRSR_EL2);
    for (unsigned i = 0; i < nr_lr; i++) {
        if (elrsr >> i & 1) {
            c->lr[i] = 0;
            continue;
        }
        switch (i) {
        case 0: c->lr[0] = read_sysreg(ICH_LR_EL2(0)); break;
        case 1: c->lr[1] = read_sysreg(ICH_LR_EL2(1)); break;
        case 2: c->lr[2] = read_sysreg(ICH_LR_EL2(2)); break;
        case 3: c->lr[3] = read_sysreg(ICH_LR_EL2(3)); break;
        }
    }
    c->ap0r = read_sysreg(ICH_AP0R0_EL2);
    c->ap1r = read_sysreg(ICH_AP1R0_EL2);
    c->vmcr = read_sysreg(ICH_VMCR_EL2);
    write_sysreg(0, ICH_HCR_EL2);
    deactivate_guest();
#if !GHYP_VHE
    restore_el1(host_el1);
#endif
    isb();
}

/* INTID 27 into L2 through a free list register (Group 1, priority 0xa0). */
static void inject_timer(struct l2ctx *c)
{
    for (unsigned i = 0; i < nr_lr; i++)
        if (!(c->lr[i] & LR_STATE)) {
            c->lr[i] = 27 | 0xa0ull << 48 | LR_GROUP1 | LR_PENDING;
            return;
        }
    printf("L1: no free list register\n");
}

/* L2's count as L1 reads it: its own count (without VHE that includes CNTVOFF_EL2 already). */
static uint64_t l2_count(void)
{
    return read_sysreg(cntvct_el0) - (GHYP_VHE ? L2_CNTVOFF : 0);
}

/* Whether L2's saved timer asserts its interrupt (KVM's kvm_timer_should_fire). */
static bool l2_timer_fires(const struct l2ctx *c)
{
    return (c->cntv_ctl & 3) == 1 && ((c->cntv_ctl & 4) || l2_count() >= c->cntv_cval);
}

/*
 * Experiment 2: L1 programs L2's (loaded) virtual timer with CNTV_TVAL_EL0 (_EL02 with VHE) and
 * CTL = ENABLE, then reads back CVAL and TVAL: with FEAT_NV2 without EL1TVT, the TVAL write
 * reaches the real timer while CVAL is read from the VNCR page, and the two views disagree.
 * (Not inlined: scripts/experiment-timer finds its accesses in avsim's log by its address.)
 */
__attribute__((noinline)) static void program_l2_timer(uint64_t ticks)
{
    uint64_t before = l2_count();
    write_sysreg(ticks, L2_CNTV_TVAL);
    write_sysreg(1, L2_CNTV_CTL);
    isb();
    uint64_t cval = read_sysreg(L2_CNTV_CVAL);
    int64_t tval =
        (int32_t)read_sysreg(L2_CNTV_TVAL); /* signed: negative once the deadline passed */
    uint64_t after = l2_count(), spread = after - before;
    /* Consistent: CVAL = the count at the write + TVAL, TVAL = CVAL - the count at the read. */
    bool cval_ok = cval - (before + ticks) <= spread;
    bool tval_ok = tval <= (int64_t)ticks && (uint64_t)((int64_t)ticks - tval) <= spread;
    printf("L1: wrote TVAL = %lu ticks: TVAL reads back %s, CVAL reads back %s\n", ticks,
           tval_ok ? "consistent" : "inconsistent",
           cval_ok ? "consistent (count + TVAL)" : "stale (the TVAL write did not reach it)");
    CHECK(tval_ok);
    CHECK_EQ(cval_ok, (rt_arg & GHYP_ARG_EXPECT_OK) != 0);
}

/*
 * After any exit, like KVM: L2's timer interrupt is injected from the timer state just saved,
 * not from the interrupt that may have caused the exit. That interrupt (L1's PPI 27, a level)
 * is acknowledged if it is still there; saving the timer disabled it, so usually it is gone.
 * Returns false when L2 is finished.
 */
static bool handle_exit(struct l2ctx *c, uint64_t kind, uint64_t *pending_tval, int *l2_status)
{
    if (kind == 1)
        for (unsigned intid; (intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff) < 1020;)
            write_sysreg(intid, ICC_EOIR1_EL1);
    if (l2_timer_fires(c)) {
        l2_timer_irqs++;
        c->cntv_ctl |= IMASK;
        inject_timer(c);
    }
    if (kind == 1) return true;
    uint64_t esr = read_sysreg(OWN_ESR);
    if (kind != 0 || ESR_EC(esr) != EC_HVC64) {
        printf("L1: unexpected exit %lu from L2, ESR 0x%lx at 0x%lx\n", kind, esr, c->pc);
        *l2_status = -1;
        return false;
    }
    switch (c->x[0]) {
    case L2_CALL_ADD: c->x[0] = c->x[1] + c->x[2]; break;
    case L2_CALL_TIMER: *pending_tval = c->x[1]; break;
    case L2_CALL_DONE: *l2_status = (int)c->x[1]; return false;
    default: c->x[0] = (uint64_t)-1; break;
    }
    return true;
}

int main(void)
{
    uint64_t pending_tval = 0;
    int l2_status = 0;

    printf("L1: guest hypervisor %s VHE, CurrentEL %lu\n", GHYP_VHE ? "with" : "without",
           read_sysreg(CurrentEL) >> 2);
    CHECK_EQ(read_sysreg(CurrentEL), 8);
    write_sysreg(host_hcr(), hcr_el2);
    write_sysreg(ghyp_vectors, OWN_VBAR);
    isb();
    /* Its own interrupt controller: L2's timer is its PPI 27. */
    vgic_cpu_setup();
    mmio_write32(gicr_base(0) + GICR_SGI + GICR_ISENABLER0, 1u << 27);
    nr_lr = (unsigned)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
    if (nr_lr > MAX_LR) nr_lr = MAX_LR;

    l2_arg = rt_arg;
    l2.pc = (uint64_t)l2_entry;
    l2.pstate = 0x3c5; /* EL1h, DAIF masked */
    l2.el1[R_SCTLR] = 0x30d00800;
    l2.el1[R_CPACR] = 3ull << 20;
    l2.el1[R_VBAR] = (uint64_t)vectors_el1;
    l2.el1[R_SP_EL1] = (uint64_t)&l2_stack[2048];
    for (;;) {
        switch_to_l2(&l2);
        if (pending_tval) {
            program_l2_timer(pending_tval);
            pending_tval = 0;
        }
        uint64_t kind = run_l2(&l2);
        switch_from_l2(&l2);
        if (!handle_exit(&l2, kind, &pending_tval, &l2_status)) break;
    }
    printf("L1: L2 finished (%d), %u timer interrupt(s) injected\n", l2_status, l2_timer_irqs);
    CHECK_EQ(l2_status, 0);
    return test_summary();
}
