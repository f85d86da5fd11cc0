/*
 * The four timers of each CPU (Arm ARM D11.2): EL1 physical (CNTP_*), EL1 virtual
 * (CNTV_*), EL2 physical (CNTHP_*) and EL2 virtual (CNTHV_*, FEAT_VHE). Each has
 * CTL (ENABLE [0], IMASK [1], ISTATUS [2] computed from the count on every read),
 * CVAL (the 64-bit compare value) and TVAL, a signed 32-bit view of CVAL - count.
 * The condition is met when (count - offset) >= CVAL, unsigned; the output,
 * ENABLE && ISTATUS && !IMASK, drives a level-sensitive PPI.
 */
#include "timer/timer.h"

#include "devices/gic.h"
#include "machine/machine.h"
#include "machine/virt_memmap.h"
#include "sysreg/sysreg_ops.h"

typedef enum { GT_PHYS, GT_VIRT, GT_HYP, GT_HYP_VIRT, GT_COUNT } gt_timer_t;

static const struct {
    sysreg_id_t ctl, cval;
    unsigned intid;
} gt[GT_COUNT] = {
    [GT_PHYS] = {SR_CNTP_CTL_EL0, SR_CNTP_CVAL_EL0, 16 + VIRT_PPI_PHYS_TIMER},
    [GT_VIRT] = {SR_CNTV_CTL_EL0, SR_CNTV_CVAL_EL0, 16 + VIRT_PPI_VIRT_TIMER},
    [GT_HYP] = {SR_CNTHP_CTL_EL2, SR_CNTHP_CVAL_EL2, 16 + VIRT_PPI_HYP_TIMER},
    [GT_HYP_VIRT] = {SR_CNTHV_CTL_EL2, SR_CNTHV_CVAL_EL2, 16 + VIRT_PPI_HYP_VIRT_TIMER},
};

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

/* The offset of each timer's comparator: CNTVOFF_EL2 for the EL1 virtual timer,
 * CNTPOFF_EL2 (FEAT_ECV, when enabled) for the EL1 physical timer, none at EL2. */
static uint64_t timer_offset(const cpu_t *cpu, gt_timer_t t)
{
    switch (t) {
    case GT_PHYS: return counter_physical_offset(cpu);
    case GT_VIRT: return counter_virtual_offset(cpu);
    default: return 0;
    }
}

/*
 * The timer a row reaches. _EL02 aliases arrive here already resolved to their
 * _EL0 rows, and EL2's E2H-redirected accesses as CNTHP/CNTHV rows; at EL0 in the
 * EL2&0 host the _EL0 encodings reach the EL2 timers (Arm ARM D11.2.3).
 */
static gt_timer_t timer_of(const cpu_t *cpu, const sysreg_t *r)
{
    gt_timer_t t = (r->op1 == 4 ? GT_HYP : GT_PHYS) + (r->crm == 3 ? 1 : 0);
    if (r->op1 == 3 && cpu->el == 0 && el_is_in_host(cpu, 0)) t += 2;
    return t;
}

static bool condition_met(const cpu_t *cpu, gt_timer_t t, uint64_t now)
{
    return (cpu->sr[gt[t].ctl] & CTL_ENABLE) && now - timer_offset(cpu, t) >= cpu->sr[gt[t].cval];
}

void timer_update(cpu_t *cpu)
{
    gic_t *g = cpu->machine->gic;
    uint64_t now = counter_now(cpu);
    for (gt_timer_t t = 0; t < GT_COUNT; t++) {
        bool level = !(cpu->sr[gt[t].ctl] & CTL_IMASK) && condition_met(cpu, t, now);
        gic_set_ppi(g, cpu->index, gt[t].intid, level);
    }
}

uint64_t timer_next_deadline(const cpu_t *cpu, uint64_t now)
{
    uint64_t best = COUNTER_NEVER;
    for (gt_timer_t t = 0; t < GT_COUNT; t++) {
        if ((cpu->sr[gt[t].ctl] & (CTL_ENABLE | CTL_IMASK)) != CTL_ENABLE) continue;
        uint64_t count = now - timer_offset(cpu, t), cval = cpu->sr[gt[t].cval];
        if (count >= cval || cval - count > COUNTER_NEVER - now) continue; /* met, or never */
        if (now + (cval - count) < best) best = now + (cval - count);
    }
    return best;
}

/* A write that can move a deadline: update the output now and end the slice so the
 * scheduler recomputes the next deadline. */
static void timer_changed(cpu_t *cpu)
{
    timer_update(cpu);
    cpu_break_loop(cpu);
}

SR_READ(rd_cnt_ctl)
{
    gt_timer_t t = timer_of(cpu, r);
    uint64_t ctl = cpu->sr[gt[t].ctl];
    return condition_met(cpu, t, counter_now(cpu)) ? ctl | CTL_ISTATUS : ctl;
}

SR_WRITE(wr_cnt_ctl)
{
    cpu->sr[gt[timer_of(cpu, r)].ctl] = val & (CTL_ENABLE | CTL_IMASK);
    timer_changed(cpu);
}

SR_READ(rd_cnt_cval)
{
    return cpu->sr[gt[timer_of(cpu, r)].cval];
}

SR_WRITE(wr_cnt_cval)
{
    cpu->sr[gt[timer_of(cpu, r)].cval] = val;
    timer_changed(cpu);
}

/* TVAL reads (CVAL - count)[31:0], zero-extended (bits [63:32] are RES0). */
SR_READ(rd_cnt_tval)
{
    gt_timer_t t = timer_of(cpu, r);
    return (uint32_t)(cpu->sr[gt[t].cval] - (counter_now(cpu) - timer_offset(cpu, t)));
}

/* A TVAL write sets CVAL = count + SignExtend(TVAL[31:0]). */
SR_WRITE(wr_cnt_tval)
{
    gt_timer_t t = timer_of(cpu, r);
    cpu->sr[gt[t].cval] = counter_now(cpu) - timer_offset(cpu, t) + (uint64_t)sext(val, 32);
    timer_changed(cpu);
}

/* CNTVOFF_EL2, CNTPOFF_EL2: moving an offset moves the EL1 timers' deadlines. */
SR_WRITE(wr_cnt_offset)
{
    cpu->sr[r->id] = val;
    timer_changed(cpu);
}
