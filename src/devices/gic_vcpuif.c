/*
 * GICv3 virtualization (IHI 0069 chapter 6): the hypervisor control registers
 * ICH_*_EL2 and the virtual CPU interface ICV_*_EL1 that EL1 sees when EL2 routes
 * interrupts to itself. The virtual interface works from the list registers:
 * the highest priority pending LR is signalled as vIRQ (Group 1) or vFIQ (Group 0);
 * acknowledge, EOI and deactivation move LR states, the ICH_AP*R0 active
 * priorities and ICH_HCR_EL2.EOIcount; ICH_MISR_EL2 conditions raise the
 * maintenance interrupt (PPI 9, INTID 25).
 */
#include "devices/gic_internal.h"
#include "sysreg/sysreg_ops.h"
#include "trace/log.h"
#include "trace/trace.h"

/* ICH_HCR_EL2 */
#define HCR_EN             (1u << 0)
#define HCR_UIE            (1u << 1)
#define HCR_LRENPIE        (1u << 2)
#define HCR_NPIE           (1u << 3)
#define HCR_VGRP0EIE       (1u << 4)
#define HCR_VGRP0DIE       (1u << 5)
#define HCR_VGRP1EIE       (1u << 6)
#define HCR_VGRP1DIE       (1u << 7)
#define HCR_EOICOUNT_SHIFT 27
/* Writable: the enables, TC, TALL0, TALL1, TDIR and EOIcount (no SEIS, so no TSEI). */
#define HCR_WRITABLE (0xFFu | (1u << 10) | (1u << 11) | (1u << 12) | (1u << 14) | (0x1Fu << 27))

/* ICH_VMCR_EL2 */
#define VMCR_VENG0       (1u << 0)
#define VMCR_VENG1       (1u << 1)
#define VMCR_VFIQEN      (1u << 3) /* RES1 with the system-register interface */
#define VMCR_VCBPR       (1u << 4)
#define VMCR_VEOIM       (1u << 9)
#define VMCR_VBPR1_SHIFT 18
#define VMCR_VBPR0_SHIFT 21
#define VMCR_VPMR_SHIFT  24
/* VPMR holds the implemented priority bits only (the top GIC_PRI_BITS of [31:24]) */
#define VMCR_WRITABLE                                                                              \
    (VMCR_VENG0 | VMCR_VENG1 | VMCR_VCBPR | VMCR_VEOIM | (7u << VMCR_VBPR1_SHIFT) |                \
     (7u << VMCR_VBPR0_SHIFT) | (((1u << GIC_PRI_BITS) - 1) << (32 - GIC_PRI_BITS)))

/* ICH_MISR_EL2 */
#define MISR_EOI    (1u << 0)
#define MISR_U      (1u << 1)
#define MISR_LRENP  (1u << 2)
#define MISR_NP     (1u << 3)
#define MISR_VGRP0E (1u << 4)
#define MISR_VGRP0D (1u << 5)
#define MISR_VGRP1E (1u << 6)
#define MISR_VGRP1D (1u << 7)

/* ICH_LR<n>_EL2 */
#define LR_PENDING     (1ull << 62)
#define LR_ACTIVE      (1ull << 63)
#define LR_STATE       (LR_PENDING | LR_ACTIVE)
#define LR_HW          (1ull << 61)
#define LR_GROUP       (1ull << 60)
#define LR_NMI         (1ull << 59)
#define LR_EOI         (1ull << 41) /* with HW = 0: maintenance interrupt on deactivation */
#define LR_PRIO_SHIFT  48
#define LR_PRIO_UNUSED (((1ull << (8 - GIC_PRI_BITS)) - 1) << LR_PRIO_SHIFT)
/* RES0: [58:56], [47:45] above the 13-bit pINTID, [31:24] above the 24-bit vINTID (IDbits = 1) */
#define LR_RES0 ((7ull << 56) | (7ull << 45) | (0xFFull << 24))

_Static_assert(SR_ICH_LR3_EL2 == SR_ICH_LR0_EL2 + 3, "ICH_LR<n>_EL2 rows must be consecutive");

static uint64_t *lr(cpu_t *cpu, unsigned n)
{
    return &cpu->sr[SR_ICH_LR0_EL2 + n];
}
static unsigned lr_prio(uint64_t v)
{
    return (v >> LR_PRIO_SHIFT) & 0xFF;
}
static unsigned lr_group(uint64_t v)
{
    return (v & LR_GROUP) != 0;
}
static uint32_t lr_vintid(uint64_t v)
{
    return (uint32_t)v;
}

static uint64_t vmcr(const cpu_t *cpu)
{
    return cpu->sr[SR_ICH_VMCR_EL2];
}
static unsigned vmcr_field(const cpu_t *cpu, unsigned shift, unsigned mask)
{
    return (vmcr(cpu) >> shift) & mask;
}
static void vmcr_set(cpu_t *cpu, unsigned shift, unsigned mask, uint64_t v)
{
    cpu->sr[SR_ICH_VMCR_EL2] = (vmcr(cpu) & ~((uint64_t)mask << shift)) | ((v & mask) << shift);
}

static bool group_enabled(const cpu_t *cpu, unsigned group)
{
    return vmcr(cpu) & (group ? VMCR_VENG1 : VMCR_VENG0);
}

/* Highest priority pending list register (HighestPriorityVirtualInterrupt): only
 * the Pending state, groups enabled in ICH_VMCR_EL2, priority 0xFF never. */
static int hppvi(cpu_t *cpu)
{
    int best = -1;
    unsigned best_prio = GIC_IDLE_PRIO;
    for (unsigned n = 0; n < GIC_NUM_LRS; n++) {
        uint64_t v = *lr(cpu, n);
        if ((v & LR_STATE) != LR_PENDING || !group_enabled(cpu, lr_group(v))) continue;
        if (lr_prio(v) < best_prio) {
            best = (int)n;
            best_prio = lr_prio(v);
        }
    }
    return best;
}

unsigned icv_running_prio(const cpu_t *cpu)
{
    uint32_t apr = (uint32_t)(cpu->sr[SR_ICH_AP0R0_EL2] | cpu->sr[SR_ICH_AP1R0_EL2]);
    return apr ? (unsigned)__builtin_ctz(apr) << (8 - GIC_PRI_BITS) : GIC_IDLE_PRIO;
}

/* VBPR0 for Group 0 and, with VCBPR, Group 1; otherwise VBPR1 - 1. */
static unsigned group_prio_mask(const cpu_t *cpu, unsigned group)
{
    unsigned bpr = group == 0 || (vmcr(cpu) & VMCR_VCBPR)
                       ? vmcr_field(cpu, VMCR_VBPR0_SHIFT, 7)
                       : vmcr_field(cpu, VMCR_VBPR1_SHIFT, 7) - 1;
    return (0xFFu << (bpr + 1)) & 0xFF;
}

/* CanSignalVirtualInterrupt: interface enabled, above VPMR, preempts the running priority. */
static bool can_signal(const cpu_t *cpu, uint64_t v)
{
    if (!(cpu->sr[SR_ICH_HCR_EL2] & HCR_EN)) return false;
    unsigned prio = lr_prio(v);
    if (prio >= vmcr_field(cpu, VMCR_VPMR_SHIFT, 0xFF)) return false;
    unsigned running = icv_running_prio(cpu);
    if (running == GIC_IDLE_PRIO) return true;
    unsigned m = group_prio_mask(cpu, lr_group(v));
    return (prio & m) < (running & m);
}

/* LRs with EOI maintenance pending: invalid, software (HW = 0), EOI bit set. */
static uint32_t eisr(cpu_t *cpu)
{
    uint32_t bits = 0;
    for (unsigned n = 0; n < GIC_NUM_LRS; n++)
        if ((*lr(cpu, n) & (LR_STATE | LR_HW | LR_EOI)) == LR_EOI) bits |= 1u << n;
    return bits;
}

static uint32_t misr(cpu_t *cpu)
{
    uint64_t hcr = cpu->sr[SR_ICH_HCR_EL2];
    unsigned valid = 0;
    bool pending = false;
    for (unsigned n = 0; n < GIC_NUM_LRS; n++) {
        uint64_t v = *lr(cpu, n);
        if (v & LR_STATE) valid++;
        if ((v & LR_STATE) == LR_PENDING) pending = true;
    }
    uint32_t m = 0;
    if (eisr(cpu)) m |= MISR_EOI;
    if ((hcr & HCR_UIE) && valid < 2) m |= MISR_U;
    if ((hcr & HCR_LRENPIE) && (hcr >> HCR_EOICOUNT_SHIFT)) m |= MISR_LRENP;
    if ((hcr & HCR_NPIE) && !pending) m |= MISR_NP;
    if ((hcr & HCR_VGRP0EIE) && group_enabled(cpu, 0)) m |= MISR_VGRP0E;
    if ((hcr & HCR_VGRP0DIE) && !group_enabled(cpu, 0)) m |= MISR_VGRP0D;
    if ((hcr & HCR_VGRP1EIE) && group_enabled(cpu, 1)) m |= MISR_VGRP1E;
    if ((hcr & HCR_VGRP1DIE) && !group_enabled(cpu, 1)) m |= MISR_VGRP1D;
    return m;
}

/* Drives vIRQ/vFIQ towards the CPU and the maintenance interrupt into the GIC. */
void gic_virt_update(cpu_t *cpu)
{
    int n = hppvi(cpu);
    bool virq = false, vfiq = false;
    if (n >= 0 && can_signal(cpu, *lr(cpu, n))) {
        virq = lr_group(*lr(cpu, n)) == 1;
        vfiq = !virq;
    }
    if (virq != cpu->virq_line || vfiq != cpu->vfiq_line) {
        LOG(LOG_INT, "cpu%u: GIC vIRQ=%d vFIQ=%d\n", cpu->index, virq, vfiq);
        cpu_set_virq_lines(cpu, virq, vfiq);
    }
    bool maint = (cpu->sr[SR_ICH_HCR_EL2] & HCR_EN) && misr(cpu) != 0;
    gic_set_ppi(cpu->machine->gic, cpu->index, GIC_MAINT_INTID, maint);
}

static bool is_special(uint32_t intid)
{
    return intid >= GIC_SPECIAL_MIN && intid <= GIC_SPURIOUS;
}

/* ---- ICV_* operations (called from gic_cpuif.c) ---- */

uint64_t icv_acknowledge(cpu_t *cpu, unsigned group)
{
    int n = hppvi(cpu);
    uint64_t intid = GIC_SPURIOUS;
    if (n >= 0 && lr_group(*lr(cpu, n)) == group && can_signal(cpu, *lr(cpu, n))) {
        uint64_t *v = lr(cpu, n);
        intid = lr_vintid(*v);
        if (is_special((uint32_t)intid)) {
            *v &= ~LR_PENDING; /* pending -> invalid; the bogus INTID is returned */
        } else {
            *v = (*v & ~LR_STATE) | LR_ACTIVE;
            unsigned level = (lr_prio(*v) & group_prio_mask(cpu, group)) >> (8 - GIC_PRI_BITS);
            cpu->sr[group ? SR_ICH_AP1R0_EL2 : SR_ICH_AP0R0_EL2] |= 1u << level;
        }
    }
    cpu->stats.irq_ack[1][stats_intid_class((unsigned)intid)]++;
    TRACE(trace_irq_ack(cpu, (unsigned)intid, group, true));
    gic_virt_update(cpu);
    return intid;
}

uint64_t icv_highest_pending(cpu_t *cpu, unsigned group)
{
    int n = hppvi(cpu);
    if (n < 0 || lr_group(*lr(cpu, n)) != group) return GIC_SPURIOUS;
    return lr_vintid(*lr(cpu, n));
}

static int find_active(cpu_t *cpu, uint32_t intid)
{
    for (unsigned n = 0; n < GIC_NUM_LRS; n++)
        if ((*lr(cpu, n) & LR_ACTIVE) && lr_vintid(*lr(cpu, n)) == intid) return (int)n;
    return -1;
}

/* Deactivating an LR with HW = 1 deactivates the physical interrupt pINTID too. */
static void deactivate_lr(cpu_t *cpu, unsigned n)
{
    uint64_t *v = lr(cpu, n);
    if (*v & LR_HW) {
        unsigned pintid = (*v >> 32) & 0x1FFF;
        if (pintid < GIC_SPECIAL_MIN) gic_deactivate(cpu->machine->gic, cpu->index, pintid);
    }
    *v &= ~LR_ACTIVE;
}

/* An EOI or DIR that matches no list register counts in ICH_HCR_EL2.EOIcount. */
static void count_unmatched_eoi(cpu_t *cpu)
{
    uint64_t hcr = cpu->sr[SR_ICH_HCR_EL2];
    uint64_t count = ((hcr >> HCR_EOICOUNT_SHIFT) + 1) & 0x1F;
    cpu->sr[SR_ICH_HCR_EL2] = (hcr & ~(0x1Full << HCR_EOICOUNT_SHIFT)) | count
                                                                             << HCR_EOICOUNT_SHIFT;
}

/* Drops the highest active virtual priority (Group 0 first at equal priority);
 * returns that priority, or GIC_IDLE_PRIO when none was active. */
static unsigned drop_priority(cpu_t *cpu)
{
    uint64_t *ap0 = &cpu->sr[SR_ICH_AP0R0_EL2], *ap1 = &cpu->sr[SR_ICH_AP1R0_EL2];
    if (!((uint32_t)*ap0 | (uint32_t)*ap1)) return GIC_IDLE_PRIO;
    unsigned c0 = *ap0 ? (unsigned)__builtin_ctzll(*ap0) : 64;
    unsigned c1 = *ap1 ? (unsigned)__builtin_ctzll(*ap1) : 64;
    uint64_t *ap = c0 <= c1 ? ap0 : ap1;
    *ap &= *ap - 1;
    return (c0 <= c1 ? c0 : c1) << (8 - GIC_PRI_BITS);
}

void icv_end_of_interrupt(cpu_t *cpu, unsigned group, uint64_t val)
{
    uint32_t intid = val & 0xFFFFFF;
    if (is_special(intid)) return;
    unsigned dropped = drop_priority(cpu);
    if (dropped == GIC_IDLE_PRIO) return; /* nothing active: the LRs are not checked */
    int n = find_active(cpu, intid);
    if (n < 0) {
        count_unmatched_eoi(cpu);
    } else {
        uint64_t v = *lr(cpu, n);
        bool same = lr_group(v) == group && (lr_prio(v) & group_prio_mask(cpu, group)) == dropped;
        if (same && !(vmcr(cpu) & VMCR_VEOIM)) deactivate_lr(cpu, (unsigned)n);
    }
    gic_virt_update(cpu);
}

void icv_deactivate(cpu_t *cpu, uint64_t val)
{
    uint32_t intid = val & 0xFFFFFF;
    if (intid >= GIC_SPECIAL_MIN || !(vmcr(cpu) & VMCR_VEOIM)) return;
    int n = find_active(cpu, intid);
    if (n < 0)
        count_unmatched_eoi(cpu);
    else
        deactivate_lr(cpu, (unsigned)n);
    gic_virt_update(cpu);
}

uint64_t icv_read_pmr(const cpu_t *cpu)
{
    return vmcr_field(cpu, VMCR_VPMR_SHIFT, 0xFF);
}

void icv_write_pmr(cpu_t *cpu, uint64_t val)
{
    vmcr_set(cpu, VMCR_VPMR_SHIFT, 0xFF, val & GIC_PRIO_MASK);
    gic_virt_update(cpu);
}

/* ICV_BPR1_EL1 with VCBPR reads VBPR0 + 1 (at most 7) and ignores writes. */
uint64_t icv_read_bpr(const cpu_t *cpu, unsigned group)
{
    if (group == 1 && (vmcr(cpu) & VMCR_VCBPR)) {
        unsigned b0 = vmcr_field(cpu, VMCR_VBPR0_SHIFT, 7);
        return b0 < 7 ? b0 + 1 : 7;
    }
    return vmcr_field(cpu, group ? VMCR_VBPR1_SHIFT : VMCR_VBPR0_SHIFT, 7);
}

static void set_vbpr(cpu_t *cpu, unsigned group, uint64_t val)
{
    unsigned min = GIC_MIN_BPR0 + group, bpr = val & 7;
    vmcr_set(cpu, group ? VMCR_VBPR1_SHIFT : VMCR_VBPR0_SHIFT, 7, bpr < min ? min : bpr);
}

void icv_write_bpr(cpu_t *cpu, unsigned group, uint64_t val)
{
    if (group == 1 && (vmcr(cpu) & VMCR_VCBPR)) return;
    set_vbpr(cpu, group, val);
    gic_virt_update(cpu);
}

/* ICV_CTLR_EL1: the fixed fields of ICH_VTR_EL2, VEOIM as EOImode [1], VCBPR as CBPR [0]. */
uint64_t icv_read_ctlr(const cpu_t *cpu)
{
    uint64_t v = (1u << 15) | (1u << 11) | ((GIC_PRI_BITS - 1) << 8);
    if (vmcr(cpu) & VMCR_VEOIM) v |= 2;
    if (vmcr(cpu) & VMCR_VCBPR) v |= 1;
    return v;
}

void icv_write_ctlr(cpu_t *cpu, uint64_t val)
{
    vmcr_set(cpu, 4, 1, val & 1);        /* VCBPR */
    vmcr_set(cpu, 9, 1, (val >> 1) & 1); /* VEOIM */
    gic_virt_update(cpu);
}

uint64_t icv_read_igrpen(const cpu_t *cpu, unsigned group)
{
    return group_enabled(cpu, group);
}

void icv_write_igrpen(cpu_t *cpu, unsigned group, uint64_t val)
{
    vmcr_set(cpu, group, 1, val & 1);
    gic_virt_update(cpu);
}

/* ---- ICH_*_EL2 ---- */

SR_WRITE(wr_ich_apr)
{
    cpu->sr[r->id] = (uint32_t)val;
    gic_virt_update(cpu);
}

SR_WRITE(wr_ich_hcr)
{
    (void)r;
    cpu->sr[SR_ICH_HCR_EL2] = val & HCR_WRITABLE;
    gic_virt_update(cpu);
}

SR_WRITE(wr_ich_vmcr)
{
    (void)r;
    cpu->sr[SR_ICH_VMCR_EL2] = (val & VMCR_WRITABLE) | VMCR_VFIQEN;
    set_vbpr(cpu, 0, vmcr_field(cpu, VMCR_VBPR0_SHIFT, 7));
    set_vbpr(cpu, 1, vmcr_field(cpu, VMCR_VBPR1_SHIFT, 7));
    gic_virt_update(cpu);
}

/* Unimplemented priority bits are RES0; there is no FEAT_GICv3_NMI. */
SR_WRITE(wr_ich_lr)
{
    uint64_t old = cpu->sr[r->id];
    cpu->sr[r->id] = val & ~(LR_PRIO_UNUSED | LR_NMI | LR_RES0);
    /* An injection: the LR becomes pending (or pending again, or with a new vINTID). */
    if ((val & LR_PENDING) && (!(old & LR_PENDING) || lr_vintid(old) != lr_vintid(val))) {
        cpu->stats.irq_inject[INJ_LR]++;
        TRACE(trace_irq_inject(cpu, (int)(r->id - SR_ICH_LR0_EL2), cpu->sr[r->id], NULL));
    }
    gic_virt_update(cpu);
}

SR_READ(rd_ich_misr)
{
    (void)r;
    return misr(cpu);
}

SR_READ(rd_ich_eisr)
{
    (void)r;
    return eisr(cpu);
}

/* Empty list registers: invalid, and no EOI maintenance interrupt outstanding. */
SR_READ(rd_ich_elrsr)
{
    (void)r;
    uint32_t bits = 0;
    for (unsigned n = 0; n < GIC_NUM_LRS; n++) {
        uint64_t v = *lr(cpu, n);
        if (!(v & LR_STATE) && ((v & LR_HW) || !(v & LR_EOI))) bits |= 1u << n;
    }
    return bits;
}
