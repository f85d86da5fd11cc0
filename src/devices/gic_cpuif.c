/*
 * The GICv3 CPU interface system registers ICC_*_EL1 (IHI 0069 12.2): priority
 * mask, binary points, acknowledge, end of interrupt (EOImode 0 and 1), running
 * priority, group enables, active priorities and SGI generation.
 *
 * At EL1 with HCR_EL2.FMO (Group 0 registers), HCR_EL2.IMO (Group 1 registers) or
 * either (CTLR, DIR, PMR, RPR) set, the same encodings are the virtual CPU
 * interface ICV_*_EL1 (gic_vcpuif.c). ICH_HCR_EL2.TC/TALL0/TALL1/TDIR trap EL1
 * accesses to EL2 first.
 */
#include "devices/gic_internal.h"
#include "sysreg/sysreg_ops.h"
#include "trace/trace.h"

#define ICC_CTLR_CBPR    1u
#define ICC_CTLR_EOIMODE 2u
/* Read-only ICC_CTLR_EL1 fields: A3V [15], IDbits [13:11] = 1 (24 bits), PRIbits [10:8]. */
#define ICC_CTLR_FIXED ((1u << 15) | (1u << 11) | ((GIC_PRI_BITS - 1) << 8))

/* ICH_HCR_EL2 trap controls. */
#define ICH_HCR_TC    (1u << 10)
#define ICH_HCR_TALL0 (1u << 11)
#define ICH_HCR_TALL1 (1u << 12)
#define ICH_HCR_TDIR  (1u << 14)

static gic_t *gic_of(const cpu_t *cpu)
{
    return cpu->machine->gic;
}

static bool to_virtual(const cpu_t *cpu, uint64_t hcr_bits)
{
    return cpu->el == 1 && (hcr_el2(cpu) & hcr_bits);
}

static sysreg_id_t apr_id(unsigned group)
{
    return group ? SR_ICC_AP1R0_EL1 : SR_ICC_AP0R0_EL1;
}

static unsigned group_of(const sysreg_t *r)
{
    switch (r->id) {
    case SR_ICC_IAR1_EL1:
    case SR_ICC_EOIR1_EL1:
    case SR_ICC_HPPIR1_EL1:
    case SR_ICC_BPR1_EL1:
    case SR_ICC_AP1R0_EL1:
    case SR_ICC_IGRPEN1_EL1:
    case SR_ICC_SGI1R_EL1: return 1;
    default: return 0;
    }
}

static uint64_t group_hcr_bit(unsigned group)
{
    return group ? HCR_IMO : HCR_FMO;
}

/* ---- Priorities (IHI 0069 4.8) ---- */

/* The running priority: the priority group of the highest active priority bit. */
unsigned gic_running_prio(const cpu_t *cpu)
{
    uint32_t apr = (uint32_t)(cpu->sr[SR_ICC_AP0R0_EL1] | cpu->sr[SR_ICC_AP1R0_EL1]);
    return apr ? (unsigned)__builtin_ctz(apr) << (8 - GIC_PRI_BITS) : GIC_IDLE_PRIO;
}

/* The group priority bits of a priority: BPR0 for Group 0 and, with CBPR, for Group 1;
 * otherwise BPR1 - 1 (4.8.5). */
static unsigned group_prio_mask(const cpu_t *cpu, unsigned group)
{
    unsigned bpr = group == 0 || (cpu->sr[SR_ICC_CTLR_EL1] & ICC_CTLR_CBPR)
                       ? (unsigned)cpu->sr[SR_ICC_BPR0_EL1]
                       : (unsigned)cpu->sr[SR_ICC_BPR1_EL1] - 1;
    return (0xFFu << (bpr + 1)) & 0xFF;
}

/* A pending interrupt is signalled when its group is enabled, its priority is above
 * the mask, and its group priority is above the running priority (preemption). */
bool gic_can_signal(const cpu_t *cpu, unsigned prio, unsigned group)
{
    if (!(cpu->sr[group ? SR_ICC_IGRPEN1_EL1 : SR_ICC_IGRPEN0_EL1] & 1)) return false;
    if (prio >= cpu->sr[SR_ICC_PMR_EL1]) return false;
    unsigned running = gic_running_prio(cpu);
    if (running == GIC_IDLE_PRIO) return true;
    unsigned m = group_prio_mask(cpu, group);
    return (prio & m) < (running & m);
}

/* ---- Trap controls ---- */

static sr_access_t ich_trap(const cpu_t *cpu, uint64_t ich_hcr_bits)
{
    return cpu->el == 1 && (cpu->sr[SR_ICH_HCR_EL2] & ich_hcr_bits) ? SR_TRAP_EL2 : SR_OK;
}

SR_ACCESS(acc_icc_common)
{
    (void)r;
    (void)read;
    return ich_trap(cpu, ICH_HCR_TC);
}

SR_ACCESS(acc_icc_group)
{
    (void)read;
    return ich_trap(cpu, group_of(r) ? ICH_HCR_TALL1 : ICH_HCR_TALL0);
}

SR_ACCESS(acc_icc_dir)
{
    (void)r;
    (void)read;
    return ich_trap(cpu, ICH_HCR_TDIR | ICH_HCR_TC);
}

/* There is no virtual SGI generation: EL1 writes trap when EL2 routes interrupts. */
SR_ACCESS(acc_icc_sgi)
{
    (void)r;
    (void)read;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) return SR_TRAP_EL2;
    return ich_trap(cpu, ICH_HCR_TC);
}

/* ---- Registers ---- */

SR_READ(rd_icc_pmr)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) return icv_read_pmr(cpu);
    return cpu->sr[SR_ICC_PMR_EL1];
}

SR_WRITE(wr_icc_pmr)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) {
        icv_write_pmr(cpu, val);
        return;
    }
    cpu->sr[SR_ICC_PMR_EL1] = val & GIC_PRIO_MASK;
    gic_update(gic_of(cpu), cpu->index);
}

/* ICC_IAR0/1_EL1: acknowledge the highest priority pending interrupt of the group. */
SR_READ(rd_icc_iar)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) return icv_acknowledge(cpu, group);
    gic_t *g = gic_of(cpu);
    unsigned intid, prio, grp;
    if (!gic_hppi(g, cpu->index, &intid, &prio, &grp) || grp != group ||
        !gic_can_signal(cpu, prio, grp))
        intid = GIC_SPURIOUS;
    cpu->stats.irq_ack[0][stats_intid_class(intid)]++;
    TRACE(trace_irq_ack(cpu, intid, group, false));
    if (intid == GIC_SPURIOUS) return intid;
    cpu->sr[apr_id(group)] |= 1u << ((prio & group_prio_mask(cpu, group)) >> (8 - GIC_PRI_BITS));
    gic_activate(g, cpu->index, intid);
    return intid;
}

/*
 * ICC_EOIR0/1_EL1: priority drop of the highest active priority, which must belong
 * to this group; with EOImode 0 also deactivation of the INTID written. Writes that
 * match no active priority are ignored (the UNPREDICTABLE cases, as QEMU).
 */
SR_WRITE(wr_icc_eoir)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) {
        icv_end_of_interrupt(cpu, group, val);
        return;
    }
    unsigned intid = val & 0xFFFFFF;
    uint32_t ap0 = (uint32_t)cpu->sr[SR_ICC_AP0R0_EL1], ap1 = (uint32_t)cpu->sr[SR_ICC_AP1R0_EL1];
    if (intid >= GIC_NUM_IRQS || !(ap0 | ap1)) return;
    unsigned active_group = ap1 && (!ap0 || __builtin_ctz(ap1) < __builtin_ctz(ap0));
    if (active_group != group) return;
    cpu->sr[apr_id(group)] &= cpu->sr[apr_id(group)] - 1; /* clear the lowest set bit */
    gic_t *g = gic_of(cpu);
    if (!(cpu->sr[SR_ICC_CTLR_EL1] & ICC_CTLR_EOIMODE)) gic_deactivate(g, cpu->index, intid);
    gic_update(g, cpu->index);
}

/* ICC_DIR_EL1: deactivation, effective only with EOImode 1. */
SR_WRITE(wr_icc_dir)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) {
        icv_deactivate(cpu, val);
        return;
    }
    unsigned intid = val & 0xFFFFFF;
    if (intid < GIC_NUM_IRQS && (cpu->sr[SR_ICC_CTLR_EL1] & ICC_CTLR_EOIMODE))
        gic_deactivate(gic_of(cpu), cpu->index, intid);
}

SR_READ(rd_icc_hppir)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) return icv_highest_pending(cpu, group);
    unsigned intid, prio, grp;
    if (!gic_hppi(gic_of(cpu), cpu->index, &intid, &prio, &grp) || grp != group ||
        !(cpu->sr[group ? SR_ICC_IGRPEN1_EL1 : SR_ICC_IGRPEN0_EL1] & 1))
        return GIC_SPURIOUS;
    return intid;
}

/* ICC_BPR1_EL1 with ICC_CTLR_EL1.CBPR: reads BPR0 + 1 (at most 7), writes ignored. */
SR_READ(rd_icc_bpr)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) return icv_read_bpr(cpu, group);
    if (group == 1 && (cpu->sr[SR_ICC_CTLR_EL1] & ICC_CTLR_CBPR))
        return cpu->sr[SR_ICC_BPR0_EL1] < 7 ? cpu->sr[SR_ICC_BPR0_EL1] + 1 : 7;
    return cpu->sr[r->id];
}

/* A binary point below the minimum (GIC_MIN_BPR0, one more for Group 1) becomes the minimum. */
SR_WRITE(wr_icc_bpr)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) {
        icv_write_bpr(cpu, group, val);
        return;
    }
    if (group == 1 && (cpu->sr[SR_ICC_CTLR_EL1] & ICC_CTLR_CBPR)) return;
    unsigned min = GIC_MIN_BPR0 + group, bpr = val & 7;
    cpu->sr[r->id] = bpr < min ? min : bpr;
    gic_update(gic_of(cpu), cpu->index);
}

/* ICC_AP0R0/AP1R0_EL1: one bit per preemption level (32 levels with 5 priority bits). */
SR_READ(rd_icc_apr)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group)))
        return cpu->sr[group ? SR_ICH_AP1R0_EL2 : SR_ICH_AP0R0_EL2];
    return cpu->sr[r->id];
}

SR_WRITE(wr_icc_apr)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) {
        cpu->sr[group ? SR_ICH_AP1R0_EL2 : SR_ICH_AP0R0_EL2] = (uint32_t)val;
        gic_virt_update(cpu);
        return;
    }
    cpu->sr[r->id] = (uint32_t)val;
    gic_update(gic_of(cpu), cpu->index);
}

SR_READ(rd_icc_rpr)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) return icv_running_prio(cpu);
    return gic_running_prio(cpu);
}

/* ICC_SGI1R_EL1 generates Group 1 SGIs; ICC_SGI0R_EL1 Group 0 ones. With a single
 * Security state ICC_ASGI1R_EL1 (the "other" Security state's Group 1) acts on
 * Group 0, as on QEMU. */
SR_WRITE(wr_icc_sgi)
{
    gic_send_sgi(gic_of(cpu), cpu->index, val, group_of(r));
}

SR_READ(rd_icc_ctlr)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) return icv_read_ctlr(cpu);
    return cpu->sr[SR_ICC_CTLR_EL1] | ICC_CTLR_FIXED;
}

SR_WRITE(wr_icc_ctlr)
{
    (void)r;
    if (to_virtual(cpu, HCR_IMO | HCR_FMO)) {
        icv_write_ctlr(cpu, val);
        return;
    }
    cpu->sr[SR_ICC_CTLR_EL1] = val & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE);
    gic_update(gic_of(cpu), cpu->index);
}

SR_READ(rd_icc_igrpen)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) return icv_read_igrpen(cpu, group);
    return cpu->sr[r->id];
}

SR_WRITE(wr_icc_igrpen)
{
    unsigned group = group_of(r);
    if (to_virtual(cpu, group_hcr_bit(group))) {
        icv_write_igrpen(cpu, group, val);
        return;
    }
    cpu->sr[r->id] = val & 1;
    gic_update(gic_of(cpu), cpu->index);
}
