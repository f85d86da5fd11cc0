/*
 * The virtual GICv3 (IHI 0069): the guest's CPU interface is the hardware's virtual interface
 * (HCR_EL2.IMO/FMO turn its ICC_* accesses into ICV_* ones, served from the ICH_LR<n>_EL2 list
 * registers); its distributor and redistributors are emulated from trapped MMIO. Only SGIs and
 * PPIs (INTIDs 0-31) exist: the VM has no devices with interrupts.
 *
 * - The EL1 virtual timer's interrupt (PPI 27) is a level from the hardware timer of this
 *   physical CPU. The host acknowledges it, drops its priority (EOImode = 1) and leaves it active,
 *   then injects it with a hardware list register (HW = 1, pINTID 27): the guest's deactivation of
 *   the virtual interrupt deactivates the physical one (12.4.6), so the timer cannot fire again
 *   before the guest has handled it.
 * - SGIs (the guest's ICC_SGI1R_EL1 writes trap to EL2) and interrupts the host raises itself are
 *   software list registers: pending, then active and invalid as the guest acknowledges and ends
 *   them.
 * Pending interrupts go into free list registers (ICH_ELRSR_EL2) before every entry to the guest;
 * if none is free, the underflow maintenance interrupt (ICH_HCR_EL2.UIE) brings the host back.
 */
#include "hyp.h"

/* Register bits (the virt board's GIC and its registers: gicv3.h). */
#define WAKER_PSLEEP   2u
#define WAKER_CASLEEP  4u
#define PIDR2_GICV3    0x30u
#define GICD_CTLR_GRP1 2u

#define HOST_PRIO 0x80

static uint32_t gicd_ctlr;

static volatile uint32_t *mmio32(uint64_t addr)
{
    return (volatile uint32_t *)(uintptr_t)addr;
}

/* ---- the physical GIC, for the host ---- */

/*
 * The host's CPU interface: system-register access for EL2 and EL1 (ICC_SRE_EL2.Enable), Group 1
 * interrupts to EL2 (HCR_EL2.IMO), EOImode 1. Its interrupts: the maintenance interrupt, the EL2
 * timers, the EL1 virtual timer and the kick SGI.
 */
void gic_host_cpu_init(unsigned cpu)
{
    uint64_t rd = GICR_BASE + cpu * GICR_STRIDE;
    uint32_t ints = 1u << INTID_MAINT | 1u << INTID_HPTIMER | 1u << INTID_VTIMER |
                    1u << INTID_HVTIMER | 1u << SGI_KICK;

    if (cpu == 0) {
        *mmio32(GICD_BASE + GICD_CTLR) = 3; /* EnableGrp0 | EnableGrp1 (one Security state) */
        dsb(sy);
    }
    *mmio32(rd + GICR_WAKER) = 0;
    while (*mmio32(rd + GICR_WAKER) & WAKER_CASLEEP)
        ;
    *mmio32(rd + GICR_SGI + GICR_IGROUPR0) = ~0u;
    for (unsigned i = 0; i < 32; i++)
        if (ints >> i & 1)
            *(volatile uint8_t *)(uintptr_t)(rd + GICR_SGI + GICR_IPRIORITYR + i) = HOST_PRIO;
    *mmio32(rd + GICR_SGI + GICR_ISENABLER0) = ints;
    dsb(sy);
    write_sysreg(ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB | ICC_SRE_ENABLE, ICC_SRE_EL2);
    isb();
    write_sysreg(0xf0, ICC_PMR_EL1);
    write_sysreg(0, ICC_BPR1_EL1);
    write_sysreg(ICC_CTLR_EOIMODE, ICC_CTLR_EL1);
    write_sysreg(1, ICC_IGRPEN1_EL1);
    isb();
}

/* Makes another host CPU take an interrupt, so its vCPU exits and sees new state. */
void gic_kick(unsigned cpu)
{
    dsb(ish);
    write_sysreg((uint64_t)SGI_KICK << 24 | 1u << cpu, ICC_SGI1R_EL1);
    isb();
}

/* ---- list registers ---- */

#define LR_CASE(n, crm, op2)                                                                       \
    case n:                                                                                        \
        if (write)                                                                                 \
            write_sysreg(val, SYS_REG(3, 4, 12, crm, op2));                                        \
        else                                                                                       \
            val = read_sysreg(SYS_REG(3, 4, 12, crm, op2));                                        \
        break;

/* ICH_LR<n>_EL2: n 0-7 are CRm 12, 8-15 CRm 13. */
static uint64_t lr_access(unsigned n, bool write, uint64_t val)
{
    switch (n) {
        LR_CASE(0, 12, 0)
        LR_CASE(1, 12, 1)
        LR_CASE(2, 12, 2)
        LR_CASE(3, 12, 3)
        LR_CASE(4, 12, 4)
        LR_CASE(5, 12, 5)
        LR_CASE(6, 12, 6)
        LR_CASE(7, 12, 7)
        LR_CASE(8, 13, 0)
        LR_CASE(9, 13, 1)
        LR_CASE(10, 13, 2)
        LR_CASE(11, 13, 3)
        LR_CASE(12, 13, 4)
        LR_CASE(13, 13, 5)
        LR_CASE(14, 13, 6)
        LR_CASE(15, 13, 7)
    }
    return val;
}

uint64_t lr_read(unsigned n)
{
    return lr_access(n, false, 0);
}

void lr_write(unsigned n, uint64_t val)
{
    lr_access(n, true, val);
}

unsigned vgic_nr_lr(void)
{
    return (unsigned)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
}

/* ---- per-vCPU state ---- */

void vgic_reset(struct vcpu *v)
{
    struct vgic_cpu *g = &v->vgic;

    g->nr_lr = vgic_nr_lr();
    for (unsigned i = 0; i < g->nr_lr; i++)
        lr_write(i, 0);
    write_sysreg(0, ICH_AP0R0_EL2);
    write_sysreg(0, ICH_AP1R0_EL2);
    write_sysreg(0, ICH_VMCR_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
    /* A timer interrupt injected before the reset is active in the physical GIC: end it. */
    write_sysreg(INTID_VTIMER, ICC_DIR_EL1);
    isb();
    __atomic_store_n(&g->enabled, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&g->pending, 0, __ATOMIC_RELAXED);
    g->hw_pending = 0;
    g->awake = false;
    memset(g->prio, 0, sizeof g->prio);
    if (v->id == 0) gicd_ctlr = 0;
}

/* Makes a software interrupt pending on v (from any CPU); kicks v's CPU if it is another. */
void vgic_set_pending(struct vcpu *v, unsigned intid)
{
    __atomic_fetch_or(&v->vgic.pending, 1u << intid, __ATOMIC_RELEASE);
    if (v != this_vcpu() && v->power == VCPU_ON) gic_kick(v->id);
}

void vgic_timer_fired(struct vcpu *v)
{
    v->vgic.hw_pending |= 1u << INTID_VTIMER;
}

/* The list register holding intid (pending or active), or -1. */
static int find_lr(unsigned nr_lr, uint64_t elrsr, unsigned intid)
{
    for (unsigned i = 0; i < nr_lr; i++)
        if (!(elrsr >> i & 1) && (lr_read(i) & LR_VINTID_MASK) == intid) return (int)i;
    return -1;
}

/*
 * Before entering the guest: each pending, enabled interrupt goes into a list register: the one
 * that already holds it (a software interrupt still active becomes active and pending), else a
 * free one (ICH_ELRSR_EL2 bit set = the LR holds no interrupt).
 */
void vgic_flush(struct vcpu *v)
{
    struct vgic_cpu *g = &v->vgic;
    uint32_t want = (__atomic_load_n(&g->pending, __ATOMIC_ACQUIRE) | g->hw_pending) & g->enabled;

    if (!(gicd_ctlr & GICD_CTLR_GRP1)) want = 0;
    if (!want) {
        if (read_sysreg(ICH_HCR_EL2) & ICH_HCR_UIE) write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
        return;
    }
    uint64_t elrsr = read_sysreg(ICH_ELRSR_EL2);
    for (unsigned intid = 0; intid < 32; intid++) {
        if (!(want >> intid & 1)) continue;
        bool hw = g->hw_pending >> intid & 1;
        int n = find_lr(g->nr_lr, elrsr, intid);
        uint64_t lr;
        if (n >= 0) {
            /* (A hardware interrupt cannot fire again while the guest still has it active.) */
            lr = lr_read((unsigned)n);
            if (!(lr & LR_HW)) lr |= LR_PENDING;
        } else {
            n = __builtin_ctzll(elrsr | 1ull << 16);
            if ((unsigned)n >= g->nr_lr) continue; /* full: stays pending */
            lr = intid | LR_PRIO(g->prio[intid]) | LR_GROUP1 | LR_PENDING;
            if (hw) lr |= LR_HW | LR_PINTID(intid);
            elrsr &= ~(1ull << n);
        }
        lr_write((unsigned)n, lr);
        if (hw)
            g->hw_pending &= ~(1u << intid);
        else
            __atomic_fetch_and(&g->pending, ~(1u << intid), __ATOMIC_RELAXED);
        want &= ~(1u << intid);
    }
    /* Left over (LRs full): the underflow maintenance interrupt brings the host back. */
    write_sysreg(want ? ICH_HCR_EN | ICH_HCR_UIE : ICH_HCR_EN, ICH_HCR_EL2);
    isb();
}

/*
 * A level-sensitive software interrupt (a nested guest's timer as its hypervisor sees it):
 * pending while the level is high unless a list register already holds it; withdrawn from a
 * list register where it is only pending when the level drops. The VM's list registers must be
 * the loaded ones.
 */
void vgic_level(struct vcpu *v, unsigned intid, bool level)
{
    struct vgic_cpu *g = &v->vgic;
    int n = find_lr(g->nr_lr, read_sysreg(ICH_ELRSR_EL2), intid);

    if (level) {
        if (n < 0) __atomic_fetch_or(&g->pending, 1u << intid, __ATOMIC_RELAXED);
        return;
    }
    __atomic_fetch_and(&g->pending, ~(1u << intid), __ATOMIC_RELAXED);
    if (n >= 0 && (lr_read((unsigned)n) & LR_STATE_MASK) == LR_PENDING) lr_write((unsigned)n, 0);
}

/* ICC_SGI1R_EL1 (12.2.21): INTID [27:24], TargetList [15:0] of Aff3.Aff2.Aff1 = 0, IRM [40]. */
void vgic_sgi_trap(struct vcpu *v, uint64_t val)
{
    unsigned intid = (val >> 24) & 0xf;
    bool irm = val >> 40 & 1;
    uint64_t aff = val & (0xffull << 16 | 0xffull << 32 | 0xffull << 48);

    for (unsigned i = 0; i < vm.nr_vcpus; i++) {
        struct vcpu *t = &vm.vcpus[i];
        bool hit = irm ? t != v : (aff == 0 && (val >> i & 1));
        if (hit) vgic_set_pending(t, intid);
    }
}

/* ---- emulated distributor and redistributors (trapped MMIO) ---- */

static uint64_t gicd_read(uint64_t off)
{
    switch (off) {
    case GICD_CTLR: return gicd_ctlr;
    /* ITLinesNumber 0 (INTIDs 0-31), CPUNumber, IDbits 9 (10-bit INTIDs), no LPIs. */
    case GICD_TYPER: return (uint64_t)(vm.nr_vcpus - 1) << 5 | 9u << 19;
    case GICD_PIDR2: return PIDR2_GICV3;
    default: return 0;
    }
}

static void gicd_write(uint64_t off, uint64_t val)
{
    if (off == GICD_CTLR) gicd_ctlr = (uint32_t)val & (GICD_CTLR_GRP1 | 1u << 4); /* ARE */
}

static uint64_t gicr_read(struct vcpu *t, uint64_t off, unsigned size)
{
    struct vgic_cpu *g = &t->vgic;

    if (off >= GICR_SGI + GICR_IPRIORITYR && off < GICR_SGI + GICR_IPRIORITYR + 32) {
        uint64_t v = 0, i = off - GICR_SGI - GICR_IPRIORITYR;
        for (unsigned b = 0; b < size && i + b < 32; b++)
            v |= (uint64_t)g->prio[i + b] << (8 * b);
        return v;
    }
    switch (off) {
    case GICR_TYPER: /* Affinity = Aff0, Processor_Number, Last */
        return (uint64_t)t->id << 32 | (uint64_t)t->id << 8 |
               (t->id == vm.nr_vcpus - 1 ? 1u << 4 : 0);
    case GICR_WAKER: return g->awake ? 0 : WAKER_PSLEEP | WAKER_CASLEEP;
    case GICR_PIDR2: return PIDR2_GICV3;
    case GICR_SGI + GICR_IGROUPR0: return ~0u; /* Group 1 only */
    case GICR_SGI + GICR_ISENABLER0:
    case GICR_SGI + GICR_ICENABLER0: return g->enabled;
    case GICR_SGI + GICR_ISPENDR0:
    case GICR_SGI + GICR_ICPENDR0: return g->pending | g->hw_pending;
    case GICR_SGI + GICR_ICFGR0: return 0xaaaaaaaau; /* SGIs edge-triggered */
    default: return 0;
    }
}

static void gicr_write(struct vcpu *t, uint64_t off, unsigned size, uint64_t val)
{
    struct vgic_cpu *g = &t->vgic;

    if (off >= GICR_SGI + GICR_IPRIORITYR && off < GICR_SGI + GICR_IPRIORITYR + 32) {
        uint64_t i = off - GICR_SGI - GICR_IPRIORITYR;
        for (unsigned b = 0; b < size && i + b < 32; b++)
            g->prio[i + b] = (uint8_t)(val >> (8 * b));
        return;
    }
    switch (off) {
    case GICR_WAKER: g->awake = !(val & WAKER_PSLEEP); break;
    case GICR_SGI + GICR_ISENABLER0:
        __atomic_fetch_or(&g->enabled, (uint32_t)val, __ATOMIC_RELAXED);
        break;
    case GICR_SGI + GICR_ICENABLER0:
        __atomic_fetch_and(&g->enabled, ~(uint32_t)val, __ATOMIC_RELAXED);
        break;
    case GICR_SGI + GICR_ISPENDR0:
        for (unsigned i = 0; i < 32; i++)
            if (val >> i & 1) vgic_set_pending(t, i);
        break;
    case GICR_SGI + GICR_ICPENDR0:
        __atomic_fetch_and(&g->pending, ~(uint32_t)val, __ATOMIC_RELAXED);
        break;
    default: break; /* RAZ/WI */
    }
}

bool vgic_mmio(struct vcpu *v, uint64_t ipa, bool write, unsigned size, uint64_t *val)
{
    (void)v;
    if (ipa - GUEST_GICD_IPA < GUEST_GICD_SIZE) {
        if (write)
            gicd_write(ipa - GUEST_GICD_IPA, *val);
        else
            *val = gicd_read(ipa - GUEST_GICD_IPA);
        return true;
    }
    if (ipa - GUEST_GICR_IPA < GUEST_GICR_SIZE * vm.nr_vcpus) {
        struct vcpu *t = &vm.vcpus[(ipa - GUEST_GICR_IPA) / GUEST_GICR_SIZE];
        uint64_t off = (ipa - GUEST_GICR_IPA) % GUEST_GICR_SIZE;
        if (write)
            gicr_write(t, off, size, *val);
        else
            *val = gicr_read(t, off, size);
        return true;
    }
    return false;
}
