/*
 * The GICv3 interrupt state machine (IHI 0069 4.1): per-interrupt group, enable,
 * pending, active, trigger mode and priority; the choice of the highest priority
 * pending interrupt of each CPU interface (4.7); activation, deactivation, SGIs.
 */
#include <stdlib.h>
#include <stdio.h>

#include "devices/gic_internal.h"
#include "machine/threads.h"
#include "trace/log.h"
#include "trace/trace.h"

unsigned gic_group(gic_t *g, unsigned cpu, unsigned intid)
{
    return gic_test(gic_bank(g, cpu, intid)->group, intid);
}

/* SPIs go to the CPU whose affinity GICD_IROUTER names; IRM (1-of-N) is not
 * supported (GICD_TYPER.No1N = 1). An SPI routed to no CPU stays pending. */
int gic_spi_target(const gic_t *g, unsigned intid)
{
    uint64_t r = g->irouter[intid];
    uint32_t aff = (uint32_t)(r & 0xFFFFFF) | (uint32_t)((r >> 32) & 0xFF) << 24;
    for (unsigned i = 0; i < g->ncpus; i++)
        if (gic_cpu_affinity(i) == aff) return (int)i;
    return -1;
}

/* Interrupts of a bank that can be forwarded: pending (level inputs count while
 * asserted), enabled, not active, and in a group the distributor enables. */
static uint32_t forwardable(const gic_t *g, const gic_bank_t *b)
{
    uint32_t pend = (b->pending | (b->level & ~b->edge)) & b->enable & ~b->active;
    uint32_t groups = 0;
    if (g->ctlr & GICD_CTLR_ENABLE_G0) groups |= ~b->group;
    if (g->ctlr & GICD_CTLR_ENABLE_G1) groups |= b->group;
    return pend & groups;
}

/* Lowest priority value wins, then the lowest INTID (an IMPLEMENTATION DEFINED
 * choice, as QEMU). Priority 0xFF is never forwarded. */
bool gic_hppi(gic_t *g, unsigned cpu, unsigned *intid, unsigned *prio, unsigned *group)
{
    unsigned best = GIC_SPURIOUS, best_prio = GIC_IDLE_PRIO;
    for (unsigned w = 0; w < GIC_NUM_IRQS / 32; w++) {
        uint32_t bits = forwardable(g, w == 0 ? &g->rd[cpu].bank : &g->spi[w]);
        while (bits) {
            unsigned id = w * 32 + (unsigned)__builtin_ctz(bits);
            bits &= bits - 1;
            if (id >= 32 && gic_spi_target(g, id) != (int)cpu) continue;
            unsigned p = *gic_prio(g, cpu, id);
            if (p < best_prio) {
                best = id;
                best_prio = p;
            }
        }
    }
    if (best == GIC_SPURIOUS) return false;
    *intid = best;
    *prio = best_prio;
    *group = gic_group(g, cpu, best);
    return true;
}

unsigned gic_pending_intid(gic_t *g, unsigned cpu, bool virt, unsigned group)
{
    unsigned intid, prio, grp;
    if (virt) return (unsigned)icv_highest_pending(gic_cpu(g, cpu), group);
    return gic_hppi(g, cpu, &intid, &prio, &grp) && grp == group ? intid : GIC_SPURIOUS;
}

/* With a single Security state, Group 0 is signalled as FIQ and Group 1 as IRQ (4.6.2). */
void gic_update(gic_t *g, unsigned i)
{
    cpu_t *cpu = gic_cpu(g, i);
    unsigned intid, prio, group;
    bool irq = false, fiq = false;
    if (gic_hppi(g, i, &intid, &prio, &group) && gic_can_signal(cpu, prio, group)) {
        irq = group == 1;
        fiq = group == 0;
    }
    if (irq != cpu->irq_line || fiq != cpu->fiq_line) {
        LOG(LOG_INT, "cpu%u: GIC IRQ=%d FIQ=%d\n", i, irq, fiq);
        cpu_set_irq_lines(cpu, irq, fiq);
    }
}

void gic_update_all(gic_t *g)
{
    for (unsigned i = 0; i < g->ncpus; i++)
        gic_update(g, i);
}

/* Updates whichever CPU interfaces an interrupt of cpu's view can reach. */
static void update_for(gic_t *g, unsigned cpu, unsigned intid)
{
    if (intid < 32) {
        gic_update(g, cpu);
        return;
    }
    int t = gic_spi_target(g, intid);
    if (t >= 0) gic_update(g, (unsigned)t);
}

/* Acknowledge: pending -> active (or active and pending for an asserted level). */
void gic_activate(gic_t *g, unsigned cpu, unsigned intid)
{
    gic_bank_t *b = gic_bank(g, cpu, intid);
    b->active |= gic_bit(intid);
    b->pending &= ~gic_bit(intid);
    update_for(g, cpu, intid);
}

void gic_deactivate(gic_t *g, unsigned cpu, unsigned intid)
{
    if (intid >= GIC_NUM_IRQS) return;
    gic_bank(g, cpu, intid)->active &= ~gic_bit(intid);
    update_for(g, cpu, intid);
}

/* An input line; a rising edge latches the pending state of an edge-triggered interrupt. */
static void set_line(gic_t *g, unsigned cpu, unsigned intid, bool level)
{
    gic_bank_t *b = gic_bank(g, cpu, intid);
    uint32_t m = gic_bit(intid);
    if (((b->level & m) != 0) == level) return;
    b->level ^= m;
    if (level && (b->edge & m)) b->pending |= m;
    if (level) {
        int t = intid < 32 ? (int)cpu : gic_spi_target(g, intid);
        if (t >= 0) {
            cpu_t *c = gic_cpu(g, (unsigned)t);
            c->stats.irq_assert[stats_intid_class(intid)]++;
            TRACE(trace_irq_assert(c, intid, -1));
        }
    }
    update_for(g, cpu, intid);
}

/* The inputs from devices and timers: under the machine lock, like the GIC's registers. */
void gic_set_spi(gic_t *g, unsigned spi, bool level)
{
    machine_lock(g->m);
    if (spi < VIRT_GIC_NUM_SPIS) set_line(g, 0, 32 + spi, level);
    machine_unlock(g->m);
}

void gic_set_ppi(gic_t *g, unsigned cpu, unsigned intid, bool level)
{
    machine_lock(g->m);
    if (cpu < g->ncpus && intid >= 16 && intid < 32) set_line(g, cpu, intid, level);
    machine_unlock(g->m);
}

/*
 * ICC_SGI0R_EL1 / ICC_SGI1R_EL1 (IHI 0069 12.11.21): INTID [27:24], TargetList
 * [15:0] (Aff0 values), Aff1 [23:16], Aff2 [39:32], IRM [40] (all but self),
 * Aff3 [55:48]. A target only takes the SGI if it configured it in that group.
 */
void gic_send_sgi(gic_t *g, unsigned from, uint64_t sgir, unsigned group)
{
    unsigned intid = (sgir >> 24) & 15;
    bool all_but_self = (sgir >> 40) & 1;
    uint32_t aff321 = (uint32_t)((sgir >> 16) & 0xFF) | (uint32_t)((sgir >> 32) & 0xFF) << 8 |
                      (uint32_t)((sgir >> 48) & 0xFF) << 16;
    LOG(LOG_INT, "cpu%u: SGI %u group %u to 0x%llx\n", from, intid, group,
        (unsigned long long)sgir);
    for (unsigned i = 0; i < g->ncpus; i++) {
        if (all_but_self) {
            if (i == from) continue;
        } else {
            uint32_t aff = gic_cpu_affinity(i);
            if (aff >> 8 != aff321 || !((sgir >> (aff & 0xFF)) & 1)) continue;
        }
        gic_bank_t *b = &g->rd[i].bank;
        if (gic_test(b->group, intid) != group) continue;
        b->pending |= gic_bit(intid);
        gic_cpu(g, i)->stats.irq_assert[IRQC_SGI]++;
        TRACE(trace_irq_assert(gic_cpu(g, from), intid, (int)i));
        gic_update(g, i);
    }
}

gic_t *gic_create(machine_t *m, char *err, size_t errlen)
{
    gic_t *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory for the GIC");
        return NULL;
    }
    g->m = m;
    g->ncpus = m->ncpus;
    for (unsigned i = 0; i < g->ncpus; i++) {
        g->rd[i].bank.edge = 0xFFFF; /* SGIs are edge-triggered; PPIs level at reset */
        g->rd[i].waker = 6;          /* ProcessorSleep | ChildrenAsleep */
    }
    const virt_region_t *d = &virt_memmap[VIRT_GIC_DIST], *r = &virt_memmap[VIRT_GIC_REDIST];
    /* One 128 KiB redistributor per CPU: the rest of the region is unbacked, as on QEMU.
     * Registers are at most 64 bits wide (GICD_IROUTER<n>, GICR_TYPER). */
    mmio_region_t dist = {d->name, d->base, d->size, g, gic_dist_read, gic_dist_write, 8};
    mmio_region_t redist = {
        r->name, r->base, VIRT_REDIST_STRIDE * g->ncpus, g, gic_redist_read, gic_redist_write, 8};
    if (!bus_map_mmio(&m->bus, &dist) || !bus_map_mmio(&m->bus, &redist)) {
        snprintf(err, errlen, "cannot map the GIC");
        free(g);
        return NULL;
    }
    return g;
}

void gic_destroy(gic_t *g)
{
    free(g);
}
