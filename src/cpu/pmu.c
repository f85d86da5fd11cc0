/*
 * Performance Monitors, FEAT_PMUv3p1 (Arm ARM D12, D24.5; docs/pmu.md): the registers' access
 * rules and callbacks, the event sources, overflow, chaining and the PMU interrupt.
 */
#include "cpu/pmu.h"

#include "devices/gic.h"
#include "machine/machine.h"
#include "machine/virt_memmap.h"
#include "sysreg/sysreg_ops.h"

/* PMCR_EL0 (Arm ARM D24.5.x) */
#define PMCR_E     (1ull << 0)
#define PMCR_P     (1ull << 1)
#define PMCR_C     (1ull << 2)
#define PMCR_D     (1ull << 3)
#define PMCR_DP    (1ull << 5)
#define PMCR_LC    (1ull << 6)
#define PMCR_N_LSB 11
/* MDCR_EL2 */
#define MDCR_HPMN  0x1Full
#define MDCR_TPMCR (1ull << 5)
#define MDCR_TPM   (1ull << 6)
#define MDCR_HPME  (1ull << 7)
#define MDCR_HPMD  (1ull << 17)
/* PMUSERENR_EL0 */
#define USERENR_EN (1ull << 0)
#define USERENR_SW (1ull << 1)
#define USERENR_CR (1ull << 2)
#define USERENR_ER (1ull << 3)
/* PMEVTYPER<n>_EL0, PMCCFILTR_EL0: P, U, NSH (NSK, NSU and M are RES0 without EL3) */
#define EVT_P     (1ull << 31)
#define EVT_U     (1ull << 30)
#define EVT_NSH   (1ull << 27)
#define EVT_COUNT 0xFFFFull

/* Common architectural events (Arm ARM D12.11) */
enum {
    EV_SW_INCR = 0x00,
    EV_L1I_CACHE_REFILL = 0x01,
    EV_L1D_CACHE_REFILL = 0x03,
    EV_L1D_CACHE = 0x04,
    EV_LD_RETIRED = 0x06,
    EV_ST_RETIRED = 0x07,
    EV_INST_RETIRED = 0x08,
    EV_EXC_TAKEN = 0x09,
    EV_EXC_RETURN = 0x0A,
    EV_CPU_CYCLES = 0x11,
    EV_MEM_ACCESS = 0x13,
    EV_L1I_CACHE = 0x14,
    EV_L1D_CACHE_WB = 0x15,
    EV_L2D_CACHE = 0x16,
    EV_L2D_CACHE_REFILL = 0x17,
    EV_L2D_CACHE_WB = 0x18,
    EV_CHAIN = 0x1E,
    EV_BR_RETIRED = 0x21,
};

/* Counted per instruction, one at a time (pmu_count_insn) */
#define EVENTS_INSN                                                                                \
    ((1ull << EV_LD_RETIRED) | (1ull << EV_ST_RETIRED) | (1ull << EV_MEM_ACCESS) |                 \
     (1ull << EV_BR_RETIRED))
#define EVENTS_ALWAYS                                                                              \
    ((1ull << EV_SW_INCR) | (1ull << EV_INST_RETIRED) | (1ull << EV_EXC_TAKEN) |                   \
     (1ull << EV_EXC_RETURN) | (1ull << EV_CPU_CYCLES) | (1ull << EV_CHAIN) | EVENTS_INSN)
#define EVENTS_CACHE                                                                               \
    ((1ull << EV_L1I_CACHE_REFILL) | (1ull << EV_L1D_CACHE_REFILL) | (1ull << EV_L1D_CACHE) |      \
     (1ull << EV_L1I_CACHE) | (1ull << EV_L1D_CACHE_WB) | (1ull << EV_L2D_CACHE) |                 \
     (1ull << EV_L2D_CACHE_REFILL) | (1ull << EV_L2D_CACHE_WB))

static const sysreg_id_t evtyper_id[PMU_COUNTERS] = {
    SR_PMEVTYPER0_EL0, SR_PMEVTYPER1_EL0, SR_PMEVTYPER2_EL0,
    SR_PMEVTYPER3_EL0, SR_PMEVTYPER4_EL0, SR_PMEVTYPER5_EL0,
};

/* PMCEID0_EL0 [31:0] has events 0x00-0x1F, PMCEID1_EL0 [31:0] 0x20-0x3F; [63:32] the events
 * 0x4000-0x403F, none of which is counted. */
uint64_t pmu_pmceid(const cpu_t *cpu, unsigned which)
{
    uint64_t events = EVENTS_ALWAYS | (cpu->cache ? EVENTS_CACHE : 0);
    return which ? events >> 32 : events & 0xFFFFFFFFull;
}

/* ---- Which counters count ---- */

static uint64_t mdcr(const cpu_t *cpu)
{
    return el2_enabled(cpu) ? cpu->sr[SR_MDCR_EL2] : 0;
}

/* MDCR_EL2.HPMN: the event counters EL0 and EL1 own (a value above N acts as N). */
static unsigned hpmn(const cpu_t *cpu)
{
    if (!el2_enabled(cpu)) return PMU_COUNTERS;
    unsigned n = cpu->sr[SR_MDCR_EL2] & MDCR_HPMN;
    return n > PMU_COUNTERS ? PMU_COUNTERS : n;
}

/* Counters the current EL may see: at EL0/EL1 those below HPMN, at EL2 all; and PMCCNTR. */
static uint32_t visible_mask(const cpu_t *cpu)
{
    unsigned n = cpu->el < 2 ? hpmn(cpu) : PMU_COUNTERS;
    return (uint32_t)ones(n) | (1u << PMU_CYCLE);
}

/* PMCR_EL0.E enables PMCCNTR and the counters below HPMN, MDCR_EL2.HPME the others. */
static uint32_t enabled_mask(const cpu_t *cpu)
{
    uint32_t low = (uint32_t)ones(hpmn(cpu)) | (1u << PMU_CYCLE);
    uint32_t high = (uint32_t)ones(PMU_COUNTERS) & ~low;
    uint32_t m = ((cpu->sr[SR_PMCR_EL0] & PMCR_E) ? low : 0) | ((mdcr(cpu) & MDCR_HPME) ? high : 0);
    return m & (uint32_t)cpu->sr[SR_PMCNTENSET_EL0];
}

static uint64_t filter_of(const cpu_t *cpu, unsigned n)
{
    return n == PMU_CYCLE ? cpu->sr[SR_PMCCFILTR_EL0] : cpu->sr[evtyper_id[n]];
}

/* Counter n counts at `el` when enabled: not filtered out (PMEVTYPER.P/U/NSH) nor prohibited at
 * EL2 by MDCR_EL2.HPMD for the counters below HPMN (the cycle counter only with PMCR_EL0.DP). */
static bool counts_at(const cpu_t *cpu, unsigned n, unsigned el)
{
    uint64_t f = filter_of(cpu, n);
    if (el == 0) return !(f & EVT_U);
    if (el == 1) return !(f & EVT_P);
    if (!(f & EVT_NSH)) return false;
    if (mdcr(cpu) & MDCR_HPMD) {
        if (n == PMU_CYCLE) return !(cpu->sr[SR_PMCR_EL0] & PMCR_DP);
        return n >= hpmn(cpu);
    }
    return true;
}

/* ---- Event sources: monotonic per-EL counts ---- */

/* Instructions retired at `el`, up to the one executing (cpu_set_el_sp keeps the per-EL totals). */
static uint64_t insns_at(const cpu_t *cpu, unsigned el)
{
    uint64_t n = cpu->stats.insns[el];
    if (el == cpu->el) n += cpu->icount + cpu_slice_retired(cpu) - cpu->el_since;
    return n;
}

/* A cycle is a guest-time tick of executing instructions: 2^shift per instruction (icount), one
 * per instruction with the host clock. The cycle counter with PMCR_EL0.D (and not LC) counts every
 * 64th. */
static uint64_t cycles_at(const cpu_t *cpu, unsigned el)
{
    return insns_at(cpu, el) << cpu->machine->time.shift;
}

static uint64_t source(const cpu_t *cpu, unsigned n, unsigned el)
{
    if (n == PMU_CYCLE) {
        uint64_t c = cycles_at(cpu, el);
        return (cpu->sr[SR_PMCR_EL0] & (PMCR_D | PMCR_LC)) == PMCR_D ? c >> 6 : c;
    }
    const cache_stats_t *cs = &cpu->stats.cache;
    unsigned ev = cpu->sr[evtyper_id[n]] & EVT_COUNT;
    switch (ev) {
    case EV_INST_RETIRED: return insns_at(cpu, el) - cpu->stats.insns_faulted[el];
    case EV_CPU_CYCLES: return cycles_at(cpu, el);
    case EV_EXC_TAKEN: return cpu->pmu.exc_taken[el];
    case EV_EXC_RETURN: return cpu->stats.erets[el];
    case EV_BR_RETIRED: return cpu->pmu.br[el];
    case EV_LD_RETIRED: return cpu->pmu.ld[el];
    case EV_ST_RETIRED: return cpu->pmu.st[el];
    case EV_MEM_ACCESS: return cpu->pmu.ld[el] + cpu->pmu.st[el];
    default: break;
    }
    if (!cpu->cache) return 0;
    switch (ev) {
    case EV_L1I_CACHE_REFILL: return cs->l1i_miss[el];
    case EV_L1I_CACHE: return cs->l1i_hit[el] + cs->l1i_miss[el];
    case EV_L1D_CACHE_REFILL: return cs->l1d_miss[el];
    case EV_L1D_CACHE: return cs->l1d_hit[el] + cs->l1d_miss[el];
    case EV_L1D_CACHE_WB: return cs->l1d_writeback[el];
    case EV_L2D_CACHE: return cs->l2_hit[el] + cs->l2_miss[el];
    case EV_L2D_CACHE_REFILL: return cs->l2_miss[el];
    case EV_L2D_CACHE_WB: return cs->l2_writeback[el];
    default: return 0; /* SW_INCR, CHAIN (counted directly) and events not counted */
    }
}

enum { INSN_BR = 1, INSN_LD = 2, INSN_ST = 4 };

/*
 * The events of an architecturally executed A64 instruction, from its encoding (Arm ARM C4.1, the
 * encodings avsim implements; docs/pmu.md). BR_RETIRED: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ (taken
 * or not) and the unconditional branches (register) BR, BLR, RET, ERET; not SVC/HVC/SMC/BRK, whose
 * change of flow is an exception entry. Loads and stores (op0 = x1x0) count once per instruction
 * (LDP, LD4 included); atomic read-modify-writes (CAS, CASP, SWP, LD<op>, ST<op>) are both a load
 * and a store, LDAPR a load; PRFM accesses nothing.
 */
static unsigned insn_events(uint32_t insn)
{
    if ((insn & 0x7C000000) == 0x14000000 || (insn & 0xFE000000) == 0x54000000 ||
        (insn & 0x7C000000) == 0x34000000 || (insn & 0xFE000000) == 0xD6000000)
        return INSN_BR;
    if ((insn & 0x0A000000) != 0x08000000) return 0;
    unsigned l = bit(insn, 22) ? INSN_LD : INSN_ST; /* L, or opc<0> of SIMD&FP registers */
    switch ((insn >> 28) & 3) {
    case 0: /* SIMD&FP structures (bit 26); exclusive, ordered, CAS (o2 o1 = 11), CASP (size 0x) */
        if (!bit(insn, 26) && bit(insn, 21) && (bit(insn, 23) || !bit(insn, 31)))
            return INSN_LD | INSN_ST;
        return l;
    case 1: return (insn >> 30) == 3 && !bit(insn, 26) ? 0 : INSN_LD; /* literal; PRFM */
    case 2: return l;                                                 /* pairs */
    default: break;
    }
    if (bit(insn, 26)) return l;                                /* SIMD&FP register */
    if (!bit(insn, 24) && bit(insn, 21) && !((insn >> 10) & 3)) /* LSE atomics; o3 opc = 1100 */
        return bit(insn, 15) && ((insn >> 12) & 7) == 4 ? INSN_LD : INSN_LD | INSN_ST;
    unsigned opc = (insn >> 22) & 3;
    if (!opc) return INSN_ST;
    return (insn >> 30) == 3 && opc == 2 ? 0 : INSN_LD; /* PRFM, PRFUM */
}

void pmu_count_insn(pmu_t *p, unsigned el, uint32_t insn)
{
    unsigned e = insn_events(insn);
    p->br[el] += e & INSN_BR;
    p->ld[el] += (e >> 1) & 1;
    p->st[el] += e >> 2;
}

/* ---- Counting, overflow, chaining, the interrupt ---- */

static bool counting_now(const cpu_t *cpu, unsigned n)
{
    return ((enabled_mask(cpu) >> n) & 1) && counts_at(cpu, n, cpu->el);
}

/* Adds `delta` events to counter n: a 32-bit event counter (PMUv3p1) or the cycle counter, 64-bit
 * with PMCR_EL0.LC, else overflowing at 32 bits. An overflow sets PMOVSSET; an even counter's
 * overflows are the CHAIN events of the odd counter above it (Arm ARM D12.7). */
static void add(cpu_t *cpu, unsigned n, uint64_t delta)
{
    uint64_t old = cpu->pmu.cnt[n], wraps;
    if (n == PMU_CYCLE && (cpu->sr[SR_PMCR_EL0] & PMCR_LC)) {
        cpu->pmu.cnt[n] = old + delta;
        wraps = cpu->pmu.cnt[n] < old;
    } else {
        uint64_t sum = (old & 0xFFFFFFFFull) + delta;
        wraps = sum >> 32;
        cpu->pmu.cnt[n] = n == PMU_CYCLE ? (old & ~0xFFFFFFFFull) + sum : sum & 0xFFFFFFFFull;
    }
    if (!wraps) return;
    cpu->sr[SR_PMOVSSET_EL0] |= 1u << n;
    if (n != PMU_CYCLE && !(n & 1) && n + 1 < PMU_COUNTERS &&
        (cpu->sr[evtyper_id[n + 1]] & EVT_COUNT) == EV_CHAIN && counting_now(cpu, n + 1))
        add(cpu, n + 1, wraps);
}

/* Folds what each counter's source counted, at the ELs where it counts, into its value. */
static void sync(cpu_t *cpu)
{
    uint32_t enabled = enabled_mask(cpu);
    for (unsigned n = 0; n < 32; n = n + 1 == PMU_COUNTERS ? PMU_CYCLE : n + 1) {
        uint64_t delta = 0;
        for (unsigned el = 0; el < 3; el++) {
            uint64_t s = source(cpu, n, el);
            if (((enabled >> n) & 1) && counts_at(cpu, n, el)) delta += s - cpu->pmu.base[n][el];
            cpu->pmu.base[n][el] = s;
        }
        if (delta) add(cpu, n, delta);
    }
}

/* The sources' counts become the bases: after a change of what a counter counts. */
static void rebase(cpu_t *cpu)
{
    for (unsigned n = 0; n < 32; n = n + 1 == PMU_COUNTERS ? PMU_CYCLE : n + 1)
        for (unsigned el = 0; el < 3; el++)
            cpu->pmu.base[n][el] = source(cpu, n, el);
}

/* After the configuration changed: drives the interrupt and notes whether anything counts. The
 * request is raised for an overflow whose counter's interrupt is enabled and whose enable (PMCR.E
 * or MDCR_EL2.HPME) is set (Arm ARM D12.9). */
static void update(cpu_t *cpu)
{
    uint32_t low = (uint32_t)ones(hpmn(cpu)) | (1u << PMU_CYCLE);
    uint32_t high = (uint32_t)ones(PMU_COUNTERS) & ~low;
    uint32_t on =
        ((cpu->sr[SR_PMCR_EL0] & PMCR_E) ? low : 0) | ((mdcr(cpu) & MDCR_HPME) ? high : 0);
    bool level = on & cpu->sr[SR_PMOVSSET_EL0] & cpu->sr[SR_PMINTENSET_EL1];
    uint32_t enabled = enabled_mask(cpu);
    cpu->pmu.active = enabled != 0;
    /* The ELs where a counter counts an event of pmu_count_insn: the run loop changes paths
     * there, from the next instruction on. */
    uint32_t els = 0;
    for (unsigned n = 0; n < PMU_COUNTERS; n++) {
        unsigned ev = cpu->sr[evtyper_id[n]] & EVT_COUNT;
        if (((enabled >> n) & 1) && ev < 64 && ((EVENTS_INSN >> ev) & 1))
            for (unsigned el = 0; el < 3; el++)
                els |= (uint32_t)counts_at(cpu, n, el) << el;
    }
    if (els != cpu->pmu_insn_els) {
        cpu->pmu_insn_els = els;
        cpu_break_loop(cpu);
    }
    gic_set_ppi(cpu->machine->gic, cpu->index, 16 + VIRT_PPI_PMU, level);
}

/* The counters' state before and after a change of what they count or how. */
#define CHANGE(cpu, stmt)                                                                          \
    do {                                                                                           \
        sync(cpu);                                                                                 \
        stmt;                                                                                      \
        rebase(cpu);                                                                               \
        update(cpu);                                                                               \
    } while (0)

uint64_t pmu_budget(const cpu_t *cpu, uint64_t budget)
{
    uint32_t enabled = enabled_mask(cpu);
    unsigned shift = cpu->machine->time.shift;
    for (unsigned n = 0; n < 32; n = n + 1 == PMU_COUNTERS ? PMU_CYCLE : n + 1) {
        if (!((enabled >> n) & 1) || !counts_at(cpu, n, cpu->el)) continue;
        uint64_t left, v = cpu->pmu.cnt[n], insns;
        bool per64 = false; /* one event every 64 cycles */
        if (n == PMU_CYCLE) {
            bool lc = cpu->sr[SR_PMCR_EL0] & PMCR_LC;
            if (lc && !v) continue; /* 2^64 cycles away */
            left = lc ? -v : (1ull << 32) - (v & 0xFFFFFFFFull);
            per64 = !lc && (cpu->sr[SR_PMCR_EL0] & PMCR_D);
        } else {
            unsigned ev = cpu->sr[evtyper_id[n]] & EVT_COUNT;
            if (ev != EV_INST_RETIRED && ev != EV_CPU_CYCLES) continue;
            left = (1ull << 32) - v;
            if (ev == EV_INST_RETIRED) {
                if (left < budget) budget = left;
                continue;
            }
        }
        /* Instructions (2^shift cycles each) until `left` events, rounded up. */
        uint64_t need = per64 ? (left > (UINT64_MAX >> 6) ? UINT64_MAX : left << 6) : left;
        insns = (need >> shift) + ((need & ones(shift)) != 0);
        if (insns < budget) budget = insns;
    }
    return budget ? budget : 1;
}

void pmu_slice_end(cpu_t *cpu)
{
    sync(cpu);
    update(cpu);
}

/* ---- Access controls (Arm ARM D24.5: the registers' accessibility pseudocode) ---- */

/* EL0: PMUSERENR_EL0.EN, or one of the bits `also` that allow this access, else a trap to EL1 (EL2
 * with HCR_EL2.TGE). Then MDCR_EL2.TPM (and TPMCR for PMCR_EL0) trap EL0 and EL1 to EL2. */
static sr_access_t pm_access(const cpu_t *cpu, uint64_t also, uint64_t mdcr_traps)
{
    if (cpu->el == 0 && !(cpu->sr[SR_PMUSERENR_EL0] & (USERENR_EN | also)))
        return sr_trap_from_el0(cpu);
    if (cpu->el < 2 && (mdcr(cpu) & (MDCR_TPM | mdcr_traps))) return SR_TRAP_EL2;
    return SR_OK;
}

SR_ACCESS(acc_pm)
{
    (void)r;
    (void)read;
    return pm_access(cpu, 0, 0);
}

SR_ACCESS(acc_pmcr)
{
    (void)r;
    (void)read;
    return pm_access(cpu, 0, MDCR_TPMCR);
}

SR_ACCESS(acc_pmswinc)
{
    (void)r;
    (void)read;
    return pm_access(cpu, USERENR_SW, 0);
}

SR_ACCESS(acc_pmselr)
{
    (void)r;
    (void)read;
    return pm_access(cpu, USERENR_ER, 0);
}

SR_ACCESS(acc_pmccntr)
{
    (void)r;
    return pm_access(cpu, read ? USERENR_CR : 0, 0);
}

/* The counter a PMEVCNTR<n>/PMEVTYPER<n> row names, or PMXEV*'s PMSELR_EL0.SEL. */
static unsigned counter_of(const cpu_t *cpu, const sysreg_t *r)
{
    if (r->crn == 9) return cpu->sr[SR_PMSELR_EL0] & 31;
    return ((r->crm & 3u) << 3) | r->op2;
}

/* An event counter EL0 and EL1 do not own (n >= MDCR_EL2.HPMN) is UNDEFINED to them; so is
 * PMXEVCNTR with PMSELR_EL0.SEL selecting one (CONSTRAINED UNPREDICTABLE: UNDEFINED chosen). */
static sr_access_t pm_counter_access(const cpu_t *cpu, const sysreg_t *r, uint64_t also)
{
    sr_access_t a = pm_access(cpu, also, 0);
    unsigned n = counter_of(cpu, r);
    if (a == SR_OK && cpu->el < 2 && n != PMU_CYCLE && n >= hpmn(cpu) && n < PMU_COUNTERS)
        return SR_UNDEF;
    return a;
}

SR_ACCESS(acc_pmevcntr)
{
    return pm_counter_access(cpu, r, read ? USERENR_ER : 0);
}

SR_ACCESS(acc_pmevtyper)
{
    (void)read;
    return pm_counter_access(cpu, r, 0);
}

/* PMUSERENR_EL0 (EL0 reads it whatever its value), PMINTENSET/CLR_EL1: only MDCR_EL2.TPM. */
SR_ACCESS(acc_pm_tpm)
{
    (void)r;
    (void)read;
    return cpu->el < 2 && (mdcr(cpu) & MDCR_TPM) ? SR_TRAP_EL2 : SR_OK;
}

/* ---- Registers ---- */

/* PMCR_EL0: N reads as MDCR_EL2.HPMN at EL0 and EL1 with EL2; IMP and IDCODE are 0 (impdef). P and
 * C are write-only actions. */
SR_READ(rd_pmcr)
{
    (void)r;
    uint64_t n = PMU_COUNTERS;
    if (cpu->el < 2 && el2_enabled(cpu)) n = cpu->sr[SR_MDCR_EL2] & MDCR_HPMN;
    return cpu->sr[SR_PMCR_EL0] | (n << PMCR_N_LSB);
}

SR_WRITE(wr_pmcr)
{
    (void)r;
    CHANGE(cpu, {
        if (val & PMCR_C) cpu->pmu.cnt[PMU_CYCLE] = 0;
        if (val & PMCR_P) {
            /* EL0/EL1 reset only the counters they own (Arm ARM, PMCR_EL0.P). */
            unsigned last = cpu->el < 2 ? hpmn(cpu) : PMU_COUNTERS;
            for (unsigned n = 0; n < last; n++)
                cpu->pmu.cnt[n] = 0;
        }
        cpu->sr[SR_PMCR_EL0] = val & ~(PMCR_P | PMCR_C);
    });
}

/* PMCNTENSET/CLR, PMOVSSET/CLR, PMINTENSET/CLR: one register each (the SET row's slot), bits of
 * counters the current EL may not see RAZ/WI. */
static sysreg_id_t set_reg(const sysreg_t *r)
{
    switch (r->id) {
    case SR_PMCNTENCLR_EL0: return SR_PMCNTENSET_EL0;
    case SR_PMOVSCLR_EL0: return SR_PMOVSSET_EL0;
    case SR_PMINTENCLR_EL1: return SR_PMINTENSET_EL1;
    default: return r->id;
    }
}

SR_READ(rd_pmset)
{
    if (set_reg(r) == SR_PMOVSSET_EL0) sync(cpu); /* overflows so far */
    return cpu->sr[set_reg(r)] & visible_mask(cpu);
}

SR_WRITE(wr_pmset)
{
    uint64_t bits = val & visible_mask(cpu);
    sysreg_id_t id = set_reg(r);
    CHANGE(cpu, cpu->sr[id] = id == r->id ? cpu->sr[id] | bits : cpu->sr[id] & ~bits);
}

/* PMSWINC_EL0: SW_INCR counters that count now go up by one (Arm ARM D12.6.1). */
SR_WRITE(wr_pmswinc)
{
    (void)r;
    sync(cpu);
    uint64_t bits = val & visible_mask(cpu) & ones(PMU_COUNTERS);
    for (unsigned n = 0; n < PMU_COUNTERS; n++)
        if (((bits >> n) & 1) && (cpu->sr[evtyper_id[n]] & EVT_COUNT) == EV_SW_INCR &&
            counting_now(cpu, n))
            add(cpu, n, 1);
    update(cpu);
}

SR_READ(rd_pmceid)
{
    return pmu_pmceid(cpu, r->id == SR_PMCEID1_EL0);
}

SR_READ(rd_pmccntr)
{
    (void)r;
    sync(cpu);
    return cpu->pmu.cnt[PMU_CYCLE];
}

SR_WRITE(wr_pmccntr)
{
    (void)r;
    CHANGE(cpu, cpu->pmu.cnt[PMU_CYCLE] = val);
}

/* PMEVCNTR<n>_EL0, PMXEVCNTR_EL0 (32 bits before FEAT_PMUv3p5); a PMSELR_EL0.SEL with no event
 * counter (31 included) reads as zero and ignores writes, as on QEMU (CONSTRAINED UNPREDICTABLE).
 */
SR_READ(rd_pmevcntr)
{
    unsigned n = counter_of(cpu, r);
    if (n >= PMU_COUNTERS) return 0;
    sync(cpu);
    return cpu->pmu.cnt[n];
}

SR_WRITE(wr_pmevcntr)
{
    unsigned n = counter_of(cpu, r);
    if (n < PMU_COUNTERS) CHANGE(cpu, cpu->pmu.cnt[n] = val & 0xFFFFFFFFull);
}

/* PMEVTYPER<n>_EL0, PMXEVTYPER_EL0 (SEL = 31: PMCCFILTR_EL0). */
#define EVTYPER_BITS   (EVT_P | EVT_U | EVT_NSH | EVT_COUNT)
#define PMCCFILTR_BITS (EVT_P | EVT_U | EVT_NSH)

SR_READ(rd_pmevtyper)
{
    unsigned n = counter_of(cpu, r);
    if (n == PMU_CYCLE) return cpu->sr[SR_PMCCFILTR_EL0];
    return n < PMU_COUNTERS ? cpu->sr[evtyper_id[n]] : 0;
}

SR_WRITE(wr_pmevtyper)
{
    unsigned n = counter_of(cpu, r);
    if (n == PMU_CYCLE || r->id == SR_PMCCFILTR_EL0)
        CHANGE(cpu, cpu->sr[SR_PMCCFILTR_EL0] = val & PMCCFILTR_BITS);
    else if (n < PMU_COUNTERS)
        CHANGE(cpu, cpu->sr[evtyper_id[n]] = val & EVTYPER_BITS);
}

/* MDCR_EL2: HPMN, HPME and HPMD change which counters count. */
SR_WRITE(wr_mdcr_el2)
{
    CHANGE(cpu, cpu->sr[r->id] = val);
}
