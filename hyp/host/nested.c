/*
 * Nested virtualization: the VM's vCPU runs a guest hypervisor (L1) at EL1 that believes it runs
 * at EL2 ("virtual EL2"), and L1 runs its own guest (L2), also at the real EL1. The host emulates
 * L1's EL2 with FEAT_NV (HCR_EL2.NV) or FEAT_NV2 (NV2 + the VNCR page), for a guest hypervisor
 * with VHE (its E2H = 1, so NV1 = 0) or without (NV1 = 1). Rules: Arm ARM D8.12 (FEAT_NV, NV2),
 * D24.2.220 (VNCR_EL2); reference shared/reference/nv2-and-timer.md (sections 4-10 cited below).
 *
 * State. Each vCPU has a VNCR page (vncr[]): with NV2 the hardware turns L1's accesses to EL2
 * registers that have a slot (and, by NV1, to L2's EL1 registers) into loads and stores there
 * (section 5); with NV only, the same accesses trap (EC 0x18) and emulate_access() performs them
 * on the same page. So the page is always "L1's view": its virtual EL2 registers with a slot and
 * L2's EL1 registers while L1 runs. L1's ESR/ELR/SPSR/FAR_EL2 are the real EL1 registers (5.3;
 * emulated the same way with NV only); EL2 registers without a slot live in el2[] (shadow).
 * Under NV only, L2's EL1 registers must trap to reach the page: for L1 without VHE they are the
 * _EL1 encodings, which the host traps with HCR_EL2.TVM/TRVM, TACR, CPTR_EL2.TCPAC and
 * MDCR_EL2.TDA (VBAR/ELR/SPSR trap by NV1 itself, 4.2); for L1 with VHE they are the _EL12
 * aliases, which trap by NV (4.1). The one exception: L1 without VHE reaches L2's EL1 timers with
 * the _EL0 encodings, which nothing traps without FEAT_ECV, so with NV only L2's virtual timer
 * stays in the real registers throughout ("live timer").
 *
 * World switches. L1's ERET to its EL1 or EL0 (trapped, EC 0x1A) enters L2: the host saves L1's
 * own real EL1 state, loads L2's from the page, loads L1's list registers (its virtual GIC for
 * L2) into the real ones, and runs L2 with the VM's ordinary controls (VMID 2: L1 and L2 never
 * share TLB entries). An exception L1 must see (L2's HVC, a trapped SMC or SGI, L1's timer or
 * other interrupts) switches back and enters L1's vectors at VBAR_EL2 + 0x400 (synchronous) or
 * + 0x480 (IRQ), from a lower EL, with ESR/ELR/SPSR/FAR_EL2 set. L2's stage-2 faults and MMIO
 * go to the host directly: L1 gives L2 no stage 2 of its own (its HCR_EL2.VM must be 0), so
 * L2's addresses are L1's physical addresses, which the host's stage 2 maps.
 *
 * L2's virtual timer (PPI 27 for L1, section 10). While L2 runs it is the real EL1 virtual timer
 * (CNTVOFF_EL2 = the VM's offset + L1's CNTVOFF_EL2). While L1 runs, L1 sees it in the page
 * (CNTV_CVAL 0x168, CTL 0x170) and the real timer holds L1's own EL2 virtual timer (VHE L1) or a
 * masked copy (non-VHE L1): the host publishes CTL with ISTATUS into the page on each switch to
 * L1 and emulates expiry with its own EL2 virtual timer (CNTHV, PPI 28). L1's interrupt 27 is a
 * level the host re-evaluates from L1's view before every entry to L1: pending while the timer
 * condition holds, withdrawn when L1 masks or reprograms it. With NV2 and no FEAT_ECV traps, L1's
 * CNTV_TVAL_EL0 (no slot) reaches the real, masked timer and is lost when the page is loaded
 * (experiment 2); CNTHCTL_EL2.EL1TVT (el1tvt=1) makes TVAL, CTL and CVAL trap, and the host
 * performs them on the page.
 *
 * Not emulated: a stage 2 of L1's own (VM = 1 is refused), L1's EL2 timers (stored only), HW = 1
 * in L1's list registers and L1's maintenance interrupts, AT S1E2* / S12E* (UNDEFINED), FP/SIMD
 * switching between L1 and L2 (both are built with general registers only).
 */
#include "hyp.h"

#include "../guest/ghyp_abi.h"

/* VNCR page offsets (reference section 6). */
#define VNCR_VTTBR    0x020
#define VNCR_VTCR     0x040
#define VNCR_VMPIDR   0x050
#define VNCR_CNTVOFF  0x060
#define VNCR_HCR      0x078
#define VNCR_HSTR     0x080
#define VNCR_VPIDR    0x088
#define VNCR_TPIDR2   0x090
#define VNCR_HCRX     0x0a0
#define VNCR_VNCR     0x0b0
#define VNCR_CPACR    0x100
#define VNCR_CTXIDR   0x108
#define VNCR_SCTLR    0x110
#define VNCR_ACTLR    0x118
#define VNCR_TCR      0x120
#define VNCR_AFSR0    0x128
#define VNCR_AFSR1    0x130
#define VNCR_ESR      0x138
#define VNCR_MAIR     0x140
#define VNCR_AMAIR    0x148
#define VNCR_MDSCR    0x158
#define VNCR_SPSR     0x160
#define VNCR_CNTVCVAL 0x168
#define VNCR_CNTVCTL  0x170
#define VNCR_CNTPCVAL 0x178
#define VNCR_CNTPCTL  0x180
#define VNCR_CNTPOFF  0x1a8
#define VNCR_HFGRTR   0x1b8
#define VNCR_HFGWTR   0x1c0
#define VNCR_HFGITR   0x1c8
#define VNCR_HDFGRTR  0x1d0
#define VNCR_HDFGWTR  0x1d8
#define VNCR_TTBR0    0x200
#define VNCR_TTBR1    0x210
#define VNCR_FAR      0x220
#define VNCR_ELR      0x230
#define VNCR_SP_EL1   0x240
#define VNCR_VBAR     0x250
#define VNCR_ICH_LR   0x400
#define VNCR_ICH_AP0R 0x480
#define VNCR_ICH_AP1R 0x4a0
#define VNCR_ICH_HCR  0x4c0
#define VNCR_ICH_VMCR 0x4c8
#define VNCR_VDISR    0x500
#define VNCR_VSESR    0x508

/* L1's EL2 registers without a slot (shadow copies). */
enum el2_reg {
    EL2_SCTLR,
    EL2_ACTLR,
    EL2_MDCR,
    EL2_CPTR,
    EL2_HACR,
    EL2_TTBR0,
    EL2_TTBR1,
    EL2_TCR,
    EL2_AFSR0,
    EL2_AFSR1,
    EL2_HPFAR,
    EL2_MAIR,
    EL2_AMAIR,
    EL2_VBAR,
    EL2_CONTEXTIDR,
    EL2_CNTHCTL,
    EL2_CNTHP_CTL,
    EL2_CNTHP_CVAL,
    EL2_CNTHV_CTL,
    EL2_CNTHV_CVAL,
    EL2_L2_CNTKCTL, /* L2's CNTKCTL_EL1 as a VHE L1 reaches it (CNTKCTL_EL12, no slot) */
    NR_EL2
};

/* The real EL1 registers that hold L1's own state while it runs, with L2's slot. */
#define SWITCHED_REGS(X)                                                                           \
    X(SCTLR, VNCR_SCTLR, SCTLR_EL12)                                                               \
    X(CPACR, VNCR_CPACR, CPACR_EL12)                                                               \
    X(TTBR0, VNCR_TTBR0, TTBR0_EL12)                                                               \
    X(TTBR1, VNCR_TTBR1, TTBR1_EL12)                                                               \
    X(TCR, VNCR_TCR, TCR_EL12)                                                                     \
    X(AFSR0, VNCR_AFSR0, AFSR0_EL12)                                                               \
    X(AFSR1, VNCR_AFSR1, AFSR1_EL12)                                                               \
    X(ESR, VNCR_ESR, ESR_EL12)                                                                     \
    X(FAR, VNCR_FAR, FAR_EL12)                                                                     \
    X(MAIR, VNCR_MAIR, MAIR_EL12)                                                                  \
    X(AMAIR, VNCR_AMAIR, AMAIR_EL12)                                                               \
    X(VBAR, VNCR_VBAR, VBAR_EL12)                                                                  \
    X(CONTEXTIDR, VNCR_CTXIDR, CONTEXTIDR_EL12)                                                    \
    X(ELR, VNCR_ELR, ELR_EL12)                                                                     \
    X(SPSR, VNCR_SPSR, SPSR_EL12)                                                                  \
    X(SP, VNCR_SP_EL1, sp_el1)

#define X_ENUM(name, off, reg) SW_##name,
enum { SWITCHED_REGS(X_ENUM) NR_SWITCHED };

/* A measured interval: from an exit of L2 to the next entry to L2 (experiment 4). */
enum window_kind { WIN_HVC, WIN_TIMER, NR_WIN };
struct window {
    unsigned exits[64], irqs;
    uint64_t host_ticks;
};

struct nested {
    uint64_t vncr[512] __attribute__((aligned(4096)));
    uint64_t el2[NR_EL2];
    uint64_t l1_el1[NR_SWITCHED], l1_cntkctl;
    uint64_t l1_cntv_ctl, l1_cntv_cval; /* a VHE L1's own EL2 virtual timer while L2 runs */
    uint64_t l1_lr[16], l1_vmcr, l1_ap0r, l1_ap1r; /* the VM's (L1's) GIC state while L2 runs */
    bool vhe, in_l2;
    bool live_timer; /* NV only, L1 without VHE: L2's timer always in the real registers */
    bool phys_timer; /* physical PPI 27 acknowledged and left active */
    bool warned_hw;  /* HW list register from L1 reported */
    /* Measurement (stats=1): the open window, the last complete ones. */
    int open;           /* enum window_kind, or -1 */
    bool close_pending; /* host_ticks of the closed window are complete at the next exit */
    struct window start, result[NR_WIN], end;
    unsigned measured[NR_WIN];
};

static struct nested nested_state[HYP_MAX_VCPUS];

static uint64_t *slot(struct nested *n, unsigned off)
{
    return &n->vncr[off / 8];
}

static bool nv2(void)
{
    return vm.nested == NESTED_NV2;
}

/* ---- controls ---- */

/* HCR_EL2 while L1 runs (its EL2 emulated) and while L2 runs (the VM's controls, plus the traps
 * L1 asked for that the host forwards to it). */
static uint64_t l1_hcr(const struct nested *n)
{
    uint64_t hcr = vm.hcr | HCR_NV | (n->vhe ? 0 : HCR_NV1);

    if (nv2()) return hcr | HCR_NV2;
    /* NV only: L2's EL1 registers (L1's _EL1 encodings without VHE) must trap to reach the page. */
    return hcr | HCR_TACR | (n->vhe ? 0 : HCR_TVM | HCR_TRVM);
}

static uint64_t l2_hcr(struct nested *n)
{
    return vm.hcr | (*slot(n, VNCR_HCR) & (HCR_TWI | HCR_TWE));
}

static void set_l1_controls(struct nested *n)
{
    bool nv_only = !nv2();

    write_sysreg(l1_hcr(n), hcr_el2);
    write_sysreg(CPTR_FPEN | (nv_only && !n->vhe ? CPTR_TCPAC : 0), cptr_el2);
    write_sysreg(nv_only ? MDCR_TDA : 0, mdcr_el2);
    write_sysreg(CNTHCTL_EL1PCTEN | (vm.el1tvt ? CNTHCTL_EL1TVT : 0), cnthctl_el2);
    /* L1 without VHE sees its CNTVOFF_EL2 in its own virtual count (EL2 with E2H = 0). */
    write_sysreg(vm.cntvoff + (n->vhe ? 0 : *slot(n, VNCR_CNTVOFF)), cntvoff_el2);
    s2_activate(1);
}

static void set_l2_controls(struct nested *n)
{
    write_sysreg(l2_hcr(n), hcr_el2);
    write_sysreg(CPTR_FPEN, cptr_el2);
    write_sysreg(0, mdcr_el2);
    write_sysreg(CNTHCTL_EL1PCTEN, cnthctl_el2);
    write_sysreg(vm.cntvoff + *slot(n, VNCR_CNTVOFF), cntvoff_el2);
    s2_activate(2);
}

void nested_init(struct vcpu *v)
{
    struct nested *n = &nested_state[v->id];

    v->nv = n;
    n->vhe = vm.image->kind == IMAGE_GHYP_VHE;
    n->live_timer = !nv2() && !n->vhe;
    if (vm.el1tvt && n->vhe) hyp_panic("el1tvt=1 is for a guest hypervisor without VHE");
    if (!((read_sysreg(id_aa64mmfr2_el1) >> 24) & 0xf)) hyp_panic("FEAT_NV is required");
    if (nv2() && ((read_sysreg(id_aa64mmfr2_el1) >> 24) & 0xf) < 2)
        hyp_panic("FEAT_NV2 is required");
}

/* The vCPU starts as L1 at its EL2 (EL1h for the hardware), with the page cleared. */
void nested_reset(struct vcpu *v)
{
    struct nested *n = v->nv;

    memset(n->vncr, 0, sizeof n->vncr);
    memset(n->el2, 0, sizeof n->el2);
    *slot(n, VNCR_VPIDR) = read_sysreg(midr_el1);
    *slot(n, VNCR_VMPIDR) = 1ull << 31 | v->id;
    n->in_l2 = false;
    n->phys_timer = false;
    n->open = -1;
    n->close_pending = false;
    write_sysreg((uint64_t)(uintptr_t)n->vncr, VNCR_EL2);
    set_l1_controls(n);
    isb();
}

/* ---- measurement windows ---- */

static void window_snapshot(struct vcpu *v, struct window *w)
{
    memcpy(w->exits, v->exits, sizeof w->exits);
    w->irqs = v->irq_exits;
    w->host_ticks = v->ctx.host_ticks;
}

/* An exit of L2 that starts a window; the exit itself is already counted. */
static void window_open(struct vcpu *v, enum window_kind kind, unsigned ec, bool irq)
{
    struct nested *n = v->nv;

    if (!vm.stats) return;
    window_snapshot(v, &n->start);
    if (irq)
        n->start.irqs--;
    else
        n->start.exits[ec]--;
    n->open = (int)kind;
}

/* Entry to L2: the window closes; its host time is complete once this exit has returned. */
static void window_close(struct vcpu *v)
{
    struct nested *n = v->nv;

    if (n->open < 0) return;
    window_snapshot(v, &n->end);
    n->close_pending = true;
}

static void window_finish(struct vcpu *v)
{
    struct nested *n = v->nv;
    struct window *r = &n->result[n->open];

    for (unsigned ec = 0; ec < 64; ec++)
        r->exits[ec] = n->end.exits[ec] - n->start.exits[ec];
    r->irqs = n->end.irqs - n->start.irqs;
    r->host_ticks = v->ctx.host_ticks - n->start.host_ticks;
    n->measured[n->open]++;
    n->open = -1;
    n->close_pending = false;
}

/* ---- L1's GIC state for L2 ---- */

/* ICH_ELRSR_EL2, ICH_EISR_EL2 and ICH_MISR_EL2 as L1 sees them, from its list registers. */
static uint64_t vich_elrsr(struct nested *n)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < vgic_nr_lr(); i++)
        if (!(*slot(n, VNCR_ICH_LR + 8 * i) & LR_STATE_MASK)) r |= 1ull << i;
    return r;
}

static uint64_t vich_eisr(struct nested *n)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < vgic_nr_lr(); i++) {
        uint64_t lr = *slot(n, VNCR_ICH_LR + 8 * i);
        if (!(lr & LR_STATE_MASK) && (lr & LR_EOI) && !(lr & LR_HW)) r |= 1ull << i;
    }
    return r;
}

/* Real list registers <-> L1's (the page), and the VM's own set parked meanwhile. */
static void gic_to_l2(struct nested *n)
{
    unsigned nr = vgic_nr_lr();

    for (unsigned i = 0; i < nr; i++) {
        n->l1_lr[i] = lr_read(i);
        uint64_t lr = *slot(n, VNCR_ICH_LR + 8 * i);
        if ((lr & LR_HW) && !n->warned_hw) {
            printf(
                "hyp: nested: HW = 1 in the guest hypervisor's list registers is not emulated\n");
            n->warned_hw = true;
        }
        lr_write(i, lr & ~LR_HW);
    }
    n->l1_vmcr = read_sysreg(ICH_VMCR_EL2);
    n->l1_ap0r = read_sysreg(ICH_AP0R0_EL2);
    n->l1_ap1r = read_sysreg(ICH_AP1R0_EL2);
    write_sysreg(*slot(n, VNCR_ICH_VMCR), ICH_VMCR_EL2);
    write_sysreg(*slot(n, VNCR_ICH_AP0R), ICH_AP0R0_EL2);
    write_sysreg(*slot(n, VNCR_ICH_AP1R), ICH_AP1R0_EL2);
    write_sysreg(*slot(n, VNCR_ICH_HCR) & ICH_HCR_EN, ICH_HCR_EL2);
}

static void gic_to_l1(struct nested *n)
{
    unsigned nr = vgic_nr_lr();

    for (unsigned i = 0; i < nr; i++) {
        *slot(n, VNCR_ICH_LR + 8 * i) = lr_read(i);
        lr_write(i, n->l1_lr[i]);
    }
    *slot(n, VNCR_ICH_VMCR) = read_sysreg(ICH_VMCR_EL2);
    *slot(n, VNCR_ICH_AP0R) = read_sysreg(ICH_AP0R0_EL2);
    *slot(n, VNCR_ICH_AP1R) = read_sysreg(ICH_AP1R0_EL2);
    write_sysreg(n->l1_vmcr, ICH_VMCR_EL2);
    write_sysreg(n->l1_ap0r, ICH_AP0R0_EL2);
    write_sysreg(n->l1_ap1r, ICH_AP1R0_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
}

/* Whether L1 has an interrupt to take (L2 must then exit to L1 at once: L1's HCR_EL2.IMO). */
static bool l1_irq_pending(struct vcpu *v)
{
    struct nested *n = v->nv;

    if ((v->vgic.pending | v->vgic.hw_pending) & v->vgic.enabled) return true;
    for (unsigned i = 0; i < v->vgic.nr_lr; i++)
        if (n->l1_lr[i] & LR_PENDING) return true;
    return false;
}

/* ---- L2's virtual timer ---- */

static uint64_t l2_cntvoff(struct nested *n)
{
    return vm.cntvoff + *slot(n, VNCR_CNTVOFF);
}

/* The timer condition of a CTL and CVAL (D24.10): enabled, not masked, count reached CVAL. */
static bool timer_fires(uint64_t ctl, uint64_t cval, uint64_t off)
{
    return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE &&
           read_sysreg(cntpct_el0) - off >= cval;
}

/* Switch to L1: L2's timer goes to the page (CTL with ISTATUS published), the real one to L1. */
static void timer_to_l1(struct nested *n)
{
    if (n->live_timer) return;
    *slot(n, VNCR_CNTVCVAL) = read_sysreg(CNTV_CVAL_EL02);
    *slot(n, VNCR_CNTVCTL) = read_sysreg(CNTV_CTL_EL02);
    if (n->vhe) {
        write_sysreg(n->l1_cntv_cval, CNTV_CVAL_EL02);
        write_sysreg(n->l1_cntv_ctl, CNTV_CTL_EL02);
    } else {
        write_sysreg(*slot(n, VNCR_CNTVCTL) | CNT_CTL_IMASK, CNTV_CTL_EL02);
    }
    isb();
    if (n->phys_timer) { /* the line is low now */
        write_sysreg(INTID_VTIMER, ICC_DIR_EL1);
        n->phys_timer = false;
    }
}

static void timer_to_l2(struct nested *n)
{
    write_sysreg(0, cnthv_ctl_el2); /* no emulation while the real timer is L2's */
    if (n->live_timer) return;
    if (n->vhe) {
        n->l1_cntv_cval = read_sysreg(CNTV_CVAL_EL02);
        n->l1_cntv_ctl = read_sysreg(CNTV_CTL_EL02);
    }
    write_sysreg(*slot(n, VNCR_CNTVCVAL), CNTV_CVAL_EL02);
    write_sysreg(*slot(n, VNCR_CNTVCTL) & (CNT_CTL_ENABLE | CNT_CTL_IMASK), CNTV_CTL_EL02);
}

/*
 * Before L1 runs: the level of its interrupt 27 from its view of L2's timer, and the host's EL2
 * virtual timer (CNTHV compares the count without offset) armed for L2's deadline.
 */
static void l1_timer_update(struct vcpu *v)
{
    struct nested *n = v->nv;
    uint64_t ctl, cval, off = l2_cntvoff(n);

    if (n->live_timer) {
        ctl = read_sysreg(CNTV_CTL_EL02);
        cval = read_sysreg(CNTV_CVAL_EL02);
    } else {
        ctl = *slot(n, VNCR_CNTVCTL);
        cval = *slot(n, VNCR_CNTVCVAL);
    }
    bool level = timer_fires(ctl, cval, off);
    vgic_level(v, INTID_VTIMER, level);
    if (n->phys_timer && !level) { /* L1 masked or moved the live timer: let it fire again */
        write_sysreg(INTID_VTIMER, ICC_DIR_EL1);
        n->phys_timer = false;
    }
    if (!n->live_timer && (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) == CNT_CTL_ENABLE && !level) {
        write_sysreg(cval + off, cnthv_cval_el2);
        write_sysreg(CNT_CTL_ENABLE, cnthv_ctl_el2);
    } else {
        write_sysreg(0, cnthv_ctl_el2);
    }
}

/* TVAL (D24.10.x, nv2-and-timer.md 12.2): a signed 32-bit view of CVAL against the count. */
static uint64_t tval_read(uint64_t cval, uint64_t off)
{
    return (uint32_t)(cval - (read_sysreg(cntpct_el0) - off));
}

static uint64_t tval_to_cval(uint64_t val, uint64_t off)
{
    return read_sysreg(cntpct_el0) - off + (uint64_t)(int64_t)(int32_t)val;
}

/* ---- world switches ---- */

#define X_SAVE_OWN(name, off, reg) n->l1_el1[SW_##name] = read_sysreg(reg);
#define X_LOAD_L2(name, off, reg)  write_sysreg(*slot(n, off), reg);
#define X_SAVE_L2(name, off, reg)  *slot(n, off) = read_sysreg(reg);
#define X_LOAD_OWN(name, off, reg) write_sysreg(n->l1_el1[SW_##name], reg);

static void switch_to_l2(struct vcpu *v)
{
    struct nested *n = v->nv;

    if (*slot(n, VNCR_HCR) & HCR_VM)
        hyp_panic("nested: the guest hypervisor's stage 2 (HCR_EL2.VM) is not emulated");
    SWITCHED_REGS(X_SAVE_OWN)
    SWITCHED_REGS(X_LOAD_L2)
    write_sysreg(*slot(n, VNCR_MDSCR), mdscr_el1);
    write_sysreg(*slot(n, VNCR_ACTLR), actlr_el1);
    if (n->vhe) {
        n->l1_cntkctl = read_sysreg(CNTKCTL_EL12);
        write_sysreg(n->el2[EL2_L2_CNTKCTL], CNTKCTL_EL12);
    }
    timer_to_l2(n);
    gic_to_l2(n);
    set_l2_controls(n);
    n->in_l2 = true;
    window_close(v);
}

static void switch_to_l1(struct vcpu *v)
{
    struct nested *n = v->nv;

    SWITCHED_REGS(X_SAVE_L2)
    SWITCHED_REGS(X_LOAD_OWN)
    *slot(n, VNCR_MDSCR) = read_sysreg(mdscr_el1);
    *slot(n, VNCR_ACTLR) = read_sysreg(actlr_el1);
    if (n->vhe) {
        n->el2[EL2_L2_CNTKCTL] = read_sysreg(CNTKCTL_EL12);
        write_sysreg(n->l1_cntkctl, CNTKCTL_EL12);
    }
    gic_to_l1(n);
    set_l1_controls(n);
    timer_to_l1(n);
    n->in_l2 = false;
}

/* L1's vector base: its VBAR_EL2 (with VHE, the real VBAR_EL1 it writes as VBAR_EL1). */
static uint64_t l1_vbar(struct nested *n)
{
    return n->vhe ? read_sysreg(VBAR_EL12) : n->el2[EL2_VBAR];
}

/*
 * An exception from L2 to L1's EL2 (Arm ARM D1.3.2 as L1 sees it): ESR/ELR/SPSR/FAR_EL2 are
 * the real EL1 registers, PSTATE becomes EL2h (the real EL1h) with DAIF masked, and execution
 * continues at the lower-EL AArch64 vector (offset 0x400 synchronous, 0x480 IRQ).
 */
static void reflect(struct vcpu *v, bool irq, uint64_t esr, uint64_t far)
{
    struct nested *n = v->nv;
    uint64_t pc = v->ctx.pc, pstate = v->ctx.pstate;

    switch_to_l1(v);
    if (!irq) {
        write_sysreg(esr, ESR_EL12);
        write_sysreg(far, FAR_EL12);
    }
    write_sysreg(pc, ELR_EL12);
    write_sysreg(pstate, SPSR_EL12);
    v->ctx.pc = l1_vbar(n) + (irq ? 0x480 : 0x400);
    v->ctx.pstate = PSR_DAIF | PSR_MODE_EL1h;
}

/* L1 executed ERET (EC 0x1A): to its own EL2 (an exception return within L1) or into L2. */
static void l1_eret(struct vcpu *v)
{
    uint64_t elr = read_sysreg(ELR_EL12), spsr = read_sysreg(SPSR_EL12);

    if (PSR_EL(spsr) == 2) {
        /* M = EL2t/EL2h is the real EL1t/EL1h (as the SPSR_EL1.M rewrite of section 9). */
        v->ctx.pc = elr;
        v->ctx.pstate = (spsr & ~PSR_MODE_MASK) | ((spsr & PSR_MODE_MASK) - 4);
        return;
    }
    if (PSR_EL(spsr) == 3) hyp_panic("nested: ERET to EL3");
    l1_timer_update(v); /* (what L1 left of L2's timer decides whether L1 must run first) */
    switch_to_l2(v);
    v->ctx.pc = elr;
    v->ctx.pstate = spsr;
}

/* UNDEFINED at L1's EL2: an exception from EL1 to EL1 that reports EL2h (section 9). */
static void l1_undef(struct vcpu *v, uint64_t esr)
{
    printf("hyp: nested: guest hypervisor access not emulated, ESR 0x%lx at PC 0x%lx\n", esr,
           v->ctx.pc);
    write_sysreg(ESR_IL, ESR_EL12);
    write_sysreg(v->ctx.pc, ELR_EL12);
    write_sysreg((v->ctx.pstate & ~PSR_MODE_MASK) | PSR_MODE_EL2h, SPSR_EL12);
    v->ctx.pc = l1_vbar(v->nv) + 0x200;
    v->ctx.pstate = PSR_DAIF | PSR_MODE_EL1h;
}

/* ---- L1's trapped accesses to its EL2 state (EC 0x18) ---- */

/* Where a trapped register lives. */
enum loc { L_NONE, L_SLOT, L_SHADOW, L_REAL, L_OWN, L_TVAL, L_SPECIAL };

struct access {
    enum loc loc;
    unsigned idx; /* slot offset, shadow index */
};

/* L1's own EL2 translation and control registers: with VHE it reaches them as the real EL1
 * registers (E2H), so a trapped *_EL2 encoding acts on those; without VHE they are shadows that
 * the host also loads into the real EL1 registers L1 runs with. */
#define OWN(shadow) ((struct access){L_OWN, shadow})

static struct access classify(uint32_t key)
{
#define K(op0, op1, crn, crm, op2) SYSREG_KEY(op0, op1, crn, crm, op2)
#define SLOT(off)                  ((struct access){L_SLOT, off})
#define SHADOW(i)                  ((struct access){L_SHADOW, i})
    switch (key) {
    /* EL2 registers (op1 = 4). */
    case K(3, 4, 0, 0, 0): return SLOT(VNCR_VPIDR);
    case K(3, 4, 0, 0, 5): return SLOT(VNCR_VMPIDR);
    case K(3, 4, 1, 0, 0): return OWN(EL2_SCTLR);
    case K(3, 4, 1, 0, 1): return SHADOW(EL2_ACTLR);
    case K(3, 4, 1, 1, 0): return SLOT(VNCR_HCR);
    case K(3, 4, 1, 1, 1): return SHADOW(EL2_MDCR);
    case K(3, 4, 1, 1, 2): return OWN(EL2_CPTR);
    case K(3, 4, 1, 1, 3): return SLOT(VNCR_HSTR);
    case K(3, 4, 1, 1, 4): return SLOT(VNCR_HFGRTR);
    case K(3, 4, 1, 1, 5): return SLOT(VNCR_HFGWTR);
    case K(3, 4, 1, 1, 6): return SLOT(VNCR_HFGITR);
    case K(3, 4, 1, 1, 7): return SHADOW(EL2_HACR);
    case K(3, 4, 1, 2, 2): return SLOT(VNCR_HCRX);
    case K(3, 4, 2, 0, 0): return OWN(EL2_TTBR0);
    case K(3, 4, 2, 0, 1): return OWN(EL2_TTBR1);
    case K(3, 4, 2, 0, 2): return OWN(EL2_TCR);
    case K(3, 4, 2, 1, 0): return SLOT(VNCR_VTTBR);
    case K(3, 4, 2, 1, 2): return SLOT(VNCR_VTCR);
    case K(3, 4, 2, 2, 0): return SLOT(VNCR_VNCR);
    case K(3, 4, 3, 1, 4): return SLOT(VNCR_HDFGRTR);
    case K(3, 4, 3, 1, 5): return SLOT(VNCR_HDFGWTR);
    case K(3, 4, 4, 0, 0): return (struct access){L_REAL, SW_SPSR};
    case K(3, 4, 4, 0, 1): return (struct access){L_REAL, SW_ELR};
    case K(3, 4, 4, 1, 0): return SLOT(VNCR_SP_EL1);
    case K(3, 4, 5, 1, 0): return OWN(EL2_AFSR0);
    case K(3, 4, 5, 1, 1): return OWN(EL2_AFSR1);
    case K(3, 4, 5, 2, 0): return (struct access){L_REAL, SW_ESR};
    case K(3, 4, 5, 2, 3): return SLOT(VNCR_VSESR);
    case K(3, 4, 6, 0, 0): return (struct access){L_REAL, SW_FAR};
    case K(3, 4, 6, 0, 4): return SHADOW(EL2_HPFAR);
    case K(3, 4, 10, 2, 0): return OWN(EL2_MAIR);
    case K(3, 4, 10, 3, 0): return OWN(EL2_AMAIR);
    case K(3, 4, 12, 0, 0): return OWN(EL2_VBAR);
    case K(3, 4, 12, 1, 1): return SLOT(VNCR_VDISR);
    case K(3, 4, 13, 0, 1): return OWN(EL2_CONTEXTIDR);
    case K(3, 4, 13, 0, 2): return SLOT(VNCR_TPIDR2);
    case K(3, 4, 14, 0, 3): return SLOT(VNCR_CNTVOFF);
    case K(3, 4, 14, 0, 6): return SLOT(VNCR_CNTPOFF);
    case K(3, 4, 14, 1, 0): return OWN(EL2_CNTHCTL);
    case K(3, 4, 14, 2, 1): return SHADOW(EL2_CNTHP_CTL);
    case K(3, 4, 14, 2, 2): return SHADOW(EL2_CNTHP_CVAL);
    case K(3, 4, 14, 3, 1): return SHADOW(EL2_CNTHV_CTL);
    case K(3, 4, 14, 3, 2): return SHADOW(EL2_CNTHV_CVAL);
    case K(3, 4, 12, 8, 0):
    case K(3, 4, 12, 8, 1):
    case K(3, 4, 12, 8, 2):
    case K(3, 4, 12, 8, 3): return SLOT(VNCR_ICH_AP0R + 8 * (key >> 17 & 7));
    case K(3, 4, 12, 9, 0):
    case K(3, 4, 12, 9, 1):
    case K(3, 4, 12, 9, 2):
    case K(3, 4, 12, 9, 3): return SLOT(VNCR_ICH_AP1R + 8 * (key >> 17 & 7));
    case K(3, 4, 12, 12, 0):
    case K(3, 4, 12, 12, 1):
    case K(3, 4, 12, 12, 2):
    case K(3, 4, 12, 12, 3):
    case K(3, 4, 12, 12, 4):
    case K(3, 4, 12, 12, 5):
    case K(3, 4, 12, 12, 6):
    case K(3, 4, 12, 12, 7): return SLOT(VNCR_ICH_LR + 8 * (key >> 17 & 7));
    case K(3, 4, 12, 13, 0):
    case K(3, 4, 12, 13, 1):
    case K(3, 4, 12, 13, 2):
    case K(3, 4, 12, 13, 3):
    case K(3, 4, 12, 13, 4):
    case K(3, 4, 12, 13, 5):
    case K(3, 4, 12, 13, 6):
    case K(3, 4, 12, 13, 7): return SLOT(VNCR_ICH_LR + 64 + 8 * (key >> 17 & 7));
    case K(3, 4, 12, 11, 0): return SLOT(VNCR_ICH_HCR);
    case K(3, 4, 12, 11, 7): return SLOT(VNCR_ICH_VMCR);
    case K(3, 4, 12, 9, 5):  /* ICC_SRE_EL2 */
    case K(3, 4, 12, 11, 1): /* ICH_VTR_EL2 */
    case K(3, 4, 12, 11, 2): /* ICH_MISR_EL2 */
    case K(3, 4, 12, 11, 3): /* ICH_EISR_EL2 */
    case K(3, 4, 12, 11, 5): /* ICH_ELRSR_EL2 */ return (struct access){L_SPECIAL, 0};
    /* L2's EL1 timers: the _EL02 aliases, and the _EL0 encodings L1 without VHE traps on. */
    case K(3, 5, 14, 3, 0):
    case K(3, 3, 14, 3, 0): return (struct access){L_TVAL, VNCR_CNTVCVAL};
    case K(3, 5, 14, 2, 0):
    case K(3, 3, 14, 2, 0): return (struct access){L_TVAL, VNCR_CNTPCVAL};
    case K(3, 5, 14, 3, 1):
    case K(3, 3, 14, 3, 1): return SLOT(VNCR_CNTVCTL);
    case K(3, 5, 14, 3, 2):
    case K(3, 3, 14, 3, 2): return SLOT(VNCR_CNTVCVAL);
    case K(3, 5, 14, 2, 1):
    case K(3, 3, 14, 2, 1): return SLOT(VNCR_CNTPCTL);
    case K(3, 5, 14, 2, 2):
    case K(3, 3, 14, 2, 2): return SLOT(VNCR_CNTPCVAL);
    case K(3, 5, 14, 1, 0): return SHADOW(EL2_L2_CNTKCTL);
    /* L2's EL1 registers: _EL12 aliases (VHE L1) or _EL1 encodings (L1 without VHE). */
    case K(3, 5, 1, 0, 0):
    case K(3, 0, 1, 0, 0): return SLOT(VNCR_SCTLR);
    case K(3, 0, 1, 0, 1): return SLOT(VNCR_ACTLR);
    case K(3, 5, 1, 0, 2):
    case K(3, 0, 1, 0, 2): return SLOT(VNCR_CPACR);
    case K(3, 5, 2, 0, 0):
    case K(3, 0, 2, 0, 0): return SLOT(VNCR_TTBR0);
    case K(3, 5, 2, 0, 1):
    case K(3, 0, 2, 0, 1): return SLOT(VNCR_TTBR1);
    case K(3, 5, 2, 0, 2):
    case K(3, 0, 2, 0, 2): return SLOT(VNCR_TCR);
    case K(3, 5, 4, 0, 0):
    case K(3, 0, 4, 0, 0): return SLOT(VNCR_SPSR);
    case K(3, 5, 4, 0, 1):
    case K(3, 0, 4, 0, 1): return SLOT(VNCR_ELR);
    case K(3, 5, 5, 1, 0):
    case K(3, 0, 5, 1, 0): return SLOT(VNCR_AFSR0);
    case K(3, 5, 5, 1, 1):
    case K(3, 0, 5, 1, 1): return SLOT(VNCR_AFSR1);
    case K(3, 5, 5, 2, 0):
    case K(3, 0, 5, 2, 0): return SLOT(VNCR_ESR);
    case K(3, 5, 6, 0, 0):
    case K(3, 0, 6, 0, 0): return SLOT(VNCR_FAR);
    case K(3, 5, 10, 2, 0):
    case K(3, 0, 10, 2, 0): return SLOT(VNCR_MAIR);
    case K(3, 5, 10, 3, 0):
    case K(3, 0, 10, 3, 0): return SLOT(VNCR_AMAIR);
    case K(3, 5, 12, 0, 0):
    case K(3, 0, 12, 0, 0): return SLOT(VNCR_VBAR);
    case K(3, 5, 13, 0, 1):
    case K(3, 0, 13, 0, 1): return SLOT(VNCR_CTXIDR);
    case K(2, 0, 0, 2, 2): return SLOT(VNCR_MDSCR);
    default: return (struct access){L_NONE, 0};
    }
#undef K
#undef SLOT
#undef SHADOW
}

/* The real EL1 register of a SWITCHED_REGS index (L1's own state while it runs). */
// clang-format off
#define X_READ(name, off, reg)  case SW_##name: return read_sysreg(reg);
#define X_WRITE(name, off, reg) case SW_##name: write_sysreg(val, reg); break;
// clang-format on

static uint64_t real_read(unsigned i)
{
    switch (i) {
        SWITCHED_REGS(X_READ)
    }
    return 0;
}

static void real_write(unsigned i, uint64_t val)
{
    switch (i) {
        SWITCHED_REGS(X_WRITE)
    }
}

/* The real EL1 register that holds an OWN() register while L1 runs, or -1 (timer/CNTHCTL). */
static int own_real(unsigned shadow)
{
    switch (shadow) {
    case EL2_SCTLR: return SW_SCTLR;
    case EL2_CPTR: return SW_CPACR;
    case EL2_TTBR0: return SW_TTBR0;
    case EL2_TTBR1: return SW_TTBR1;
    case EL2_TCR: return SW_TCR;
    case EL2_AFSR0: return SW_AFSR0;
    case EL2_AFSR1: return SW_AFSR1;
    case EL2_MAIR: return SW_MAIR;
    case EL2_AMAIR: return SW_AMAIR;
    case EL2_VBAR: return SW_VBAR;
    case EL2_CONTEXTIDR: return SW_CONTEXTIDR;
    default: return -1;
    }
}

/*
 * What L1 without VHE gets in the real EL1 register for its EL2 value: SCTLR_EL2 and TCR_EL2
 * (E2H = 0 layouts) converted to the EL1 layouts (D24.2.161, D24.2.180: PS becomes IPS, no
 * TTBR1 walks), CPTR_EL2 leaves FP enabled (the host never traps L1's FP), others as they are.
 */
static uint64_t own_to_el1(unsigned shadow, uint64_t val)
{
    switch (shadow) {
    case EL2_SCTLR:
        return SCTLR_EL1_RES1 | (val & (SCTLR_M | 1ull << 1 | 1ull << 2 | 1ull << 3 | 1ull << 12 |
                                        1ull << 19 | 1ull << 25));
    case EL2_TCR:
        return (val & 0xffffull) | ((val >> 16) & 7) << 32 | ((val >> 20) & 1) << 37 | 1ull << 23;
    case EL2_CPTR: return CPTR_FPEN;
    default: return val;
    }
}

static bool emulate_special(struct vcpu *v, uint32_t key, bool read, uint64_t *val)
{
    struct nested *n = v->nv;

    if (!read) return key == SYSREG_KEY(3, 4, 12, 9, 5); /* ICC_SRE_EL2 writes are ignored */
    switch (key) {
    case SYSREG_KEY(3, 4, 12, 9, 5):
        *val = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB | ICC_SRE_ENABLE;
        break;
    case SYSREG_KEY(3, 4, 12, 11, 1): *val = read_sysreg(ICH_VTR_EL2); break;
    case SYSREG_KEY(3, 4, 12, 11, 2): *val = vich_eisr(n) ? 1 : 0; break; /* MISR.EOI */
    case SYSREG_KEY(3, 4, 12, 11, 3): *val = vich_eisr(n); break;
    case SYSREG_KEY(3, 4, 12, 11, 5): *val = vich_elrsr(n); break;
    default: return false;
    }
    return true;
}

/* A trapped MRS/MSR of L1 (EC 0x18): performed on L1's view. Returns false if not L1's EL2. */
static bool emulate_access(struct vcpu *v, uint64_t esr)
{
    struct nested *n = v->nv;
    uint32_t iss = esr & ESR_ISS_MASK, key = iss & SYSREG_KEY_MASK;
    unsigned rt = SYSREG_ISS_RT(iss);
    bool read = SYSREG_ISS_READ(iss);
    uint64_t val = read ? 0 : vcpu_reg(v, rt);

    /* TLB maintenance for L1's EL2 (op0 1, op1 4, CRn 8): L1's and L2's translations both go. */
    if ((key & SYSREG_KEY(3, 7, 15, 0, 0)) == SYSREG_KEY(1, 4, 8, 0, 0)) {
        s2_tlbi_all();
        vcpu_skip(v);
        return true;
    }
    if (key == SYSREG_KEY(3, 0, 12, 11, 5)) return false; /* ICC_SGI1R_EL1: the VM's own SGIs */
    struct access a = classify(key);
    /* _EL12/_EL02 are UNDEFINED at EL2 with E2H = 0 (D24.1.3): L1 without VHE has none. With
     * VHE, the _EL0 timer encodings are L1's own EL2 timers, which are not emulated. */
    unsigned op1 = (key >> 14) & 7;
    if ((!n->vhe && op1 == 5) || (n->vhe && op1 == 3)) a.loc = L_NONE;
    uint64_t off = l2_cntvoff(n);
    switch (a.loc) {
    case L_SLOT:
        if (n->live_timer && (a.idx == VNCR_CNTVCTL || a.idx == VNCR_CNTVCVAL)) {
            /* A live timer (NV only, L1 without VHE) is the real one; EL1TVT traps it anyway. */
            if (a.idx == VNCR_CNTVCTL) {
                if (read)
                    val = read_sysreg(CNTV_CTL_EL02);
                else
                    write_sysreg(val, CNTV_CTL_EL02);
            } else {
                if (read)
                    val = read_sysreg(CNTV_CVAL_EL02);
                else
                    write_sysreg(val, CNTV_CVAL_EL02);
            }
        } else if (read) {
            val = *slot(n, a.idx);
            /* A trapped CTL read computes ISTATUS from the count (12.3). */
            if (a.idx == VNCR_CNTVCTL && (val & CNT_CTL_ENABLE)) {
                if (read_sysreg(cntpct_el0) - off >= *slot(n, VNCR_CNTVCVAL))
                    val |= CNT_CTL_ISTATUS;
                else
                    val &= ~CNT_CTL_ISTATUS;
            }
        } else {
            *slot(n, a.idx) = val;
        }
        break;
    case L_TVAL: {
        uint64_t *cval = slot(n, a.idx);
        uint64_t o = a.idx == VNCR_CNTVCVAL ? off : 0;
        if (n->live_timer && a.idx == VNCR_CNTVCVAL) {
            if (read)
                val = read_sysreg(CNTV_TVAL_EL02);
            else
                write_sysreg(val, CNTV_TVAL_EL02);
        } else if (read) {
            val = tval_read(*cval, o);
        } else {
            *cval = tval_to_cval(val, o);
        }
        break;
    }
    case L_SHADOW:
        if (read)
            val = n->el2[a.idx];
        else
            n->el2[a.idx] = val;
        break;
    case L_REAL:
        if (read)
            val = real_read(a.idx);
        else
            real_write(a.idx, val);
        break;
    case L_OWN: {
        int r = own_real(a.idx);
        if (n->vhe && r >= 0) {
            if (read)
                val = real_read((unsigned)r);
            else
                real_write((unsigned)r, val);
        } else if (n->vhe && a.idx == EL2_CNTHCTL) {
            if (read)
                val = read_sysreg(CNTKCTL_EL12);
            else
                write_sysreg(val, CNTKCTL_EL12);
        } else if (read) {
            val = n->el2[a.idx];
        } else {
            n->el2[a.idx] = val;
            if (r >= 0) real_write((unsigned)r, own_to_el1(a.idx, val));
        }
        break;
    }
    case L_SPECIAL:
        if (!emulate_special(v, key, read, &val)) return false;
        break;
    case L_NONE: return false;
    }
    if (read) vcpu_set_reg(v, rt, val);
    vcpu_skip(v);
    return true;
}

/* ---- exits ---- */

/* Exits while L2 runs: what L1 asked to see goes to L1, the rest (stage 2, MMIO) is the host's. */
static bool l2_sync(struct vcpu *v, uint64_t esr)
{
    struct nested *n = v->nv;
    unsigned ec = ESR_EC(esr);
    uint64_t vhcr = *slot(n, VNCR_HCR);

    switch (ec) {
    case EC_HVC64:
        if (v->ctx.x[0] == L2_CALL_ADD) window_open(v, WIN_HVC, ec, false);
        reflect(v, false, esr, 0);
        return true;
    case EC_SMC64:
    case EC_WFX:
        if (ec == EC_SMC64 ? !(vhcr & HCR_TSC) : !(vhcr & (HCR_TWI | HCR_TWE))) {
            vcpu_inject_undef(v);
            return true;
        }
        reflect(v, false, esr, 0);
        return true;
    case EC_SYSREG:
        /* ICC_SGI1R_EL1: L2's SGIs are L1's to emulate (its HCR_EL2.IMO); anything else is a
         * host control (the physical timer): UNDEFINED. */
        if ((esr & SYSREG_KEY_MASK) == SYSREG_KEY(3, 0, 12, 11, 5) && (vhcr & HCR_IMO))
            reflect(v, false, esr, 0);
        else
            vcpu_inject_undef(v);
        return true;
    case EC_DABT_LOWER:
    case EC_IABT_LOWER: return false;
    default: hyp_panic("nested: unexpected exit of L2, ESR 0x%lx at PC 0x%lx", esr, v->ctx.pc);
    }
}

bool nested_handle_sync(struct vcpu *v, uint64_t esr)
{
    struct nested *n = v->nv;

    if (n->close_pending) window_finish(v);
    if (n->in_l2) return l2_sync(v, esr);
    switch (ESR_EC(esr)) {
    case EC_ERET: l1_eret(v); return true;
    case EC_SYSREG:
        if (emulate_access(v, esr)) return true;
        if ((esr & SYSREG_KEY_MASK) == SYSREG_KEY(3, 0, 12, 11, 5)) return false;
        l1_undef(v, esr);
        return true;
    default: return false;
    }
}

bool nested_handle_irq(struct vcpu *v, unsigned intid)
{
    struct nested *n = v->nv;

    if (n->close_pending) window_finish(v);
    switch (intid) {
    case INTID_VTIMER:
        /* The real timer is L2's (or, live, L1's view of it): leave it active until it is low. */
        if (!n->in_l2 && !n->live_timer)
            hyp_panic("nested: the guest hypervisor's own EL2 timers are not emulated");
        n->phys_timer = true;
        if (n->in_l2) window_open(v, WIN_TIMER, 0, true);
        return true;
    case INTID_HVTIMER: /* L2's deadline while L1 runs: re-evaluated before L1 runs */
        write_sysreg(0, cnthv_ctl_el2);
        write_sysreg(intid, ICC_DIR_EL1);
        return true;
    default: return false;
    }
}

void nested_before_entry(struct vcpu *v)
{
    struct nested *n = v->nv;

    if (n->in_l2) {
        /* L2's timer fired, or L1 has another interrupt: L1 takes it first (HCR_EL2.IMO). */
        if (!n->phys_timer && !l1_irq_pending(v)) return;
        reflect(v, true, 0, 0);
    }
    l1_timer_update(v);
}

bool nested_in_l2(const struct vcpu *v)
{
    return v->nv->in_l2;
}

void nested_print_stats(void)
{
    static const char *const names[NR_WIN] = {"L2 hypercall round trip", "L2 timer interrupt"};
    struct nested *n = vm.vcpus[0].nv;

    for (unsigned w = 0; w < NR_WIN; w++) {
        const struct window *r = &n->result[w];
        unsigned total = r->irqs;
        if (!n->measured[w]) continue;
        printf("hyp: stats: %s: traps to the host:", names[w]);
        for (unsigned ec = 0; ec < 64; ec++)
            if (r->exits[ec]) {
                printf(" EC 0x%02x x%u", ec, r->exits[ec]);
                total += r->exits[ec];
            }
        if (r->irqs) printf(" IRQ x%u", r->irqs);
        printf(" (total %u, ERET %u)\n", total, r->exits[EC_ERET]);
        hyp_print_insns(names[w], r->host_ticks, total);
    }
}
