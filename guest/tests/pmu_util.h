/*
 * Helpers for the Performance Monitors tests (Arm ARM D12, D24.5): register bits, counter set-up,
 * and a loop with a known instruction count.
 */
#ifndef PMU_UTIL_H
#define PMU_UTIL_H

#include "gic_util.h"
#include "lower_el.h"
#include "test.h"

#define PMCR_E    (1ull << 0)
#define PMCR_P    (1ull << 1)
#define PMCR_C    (1ull << 2)
#define PMCR_D    (1ull << 3)
#define PMCR_DP   (1ull << 5)
#define PMCR_LC   (1ull << 6)
#define PMCR_N(v) (((v) >> 11) & 0x1F)

#define MDCR_TPMCR (1ull << 5)
#define MDCR_TPM   (1ull << 6)
#define MDCR_HPME  (1ull << 7)
#define MDCR_HPMD  (1ull << 17)

#define USERENR_EN (1ull << 0)
#define USERENR_SW (1ull << 1)
#define USERENR_CR (1ull << 2)
#define USERENR_ER (1ull << 3)

/* PMEVTYPER/PMCCFILTR filter bits: P (no EL1), U (no EL0), NSH (count at EL2). */
#define EVT_P   (1ull << 31)
#define EVT_U   (1ull << 30)
#define EVT_NSH (1ull << 27)

#define EV_SW_INCR          0x00
#define EV_L1I_CACHE_REFILL 0x01
#define EV_L1D_CACHE_REFILL 0x03
#define EV_L1D_CACHE        0x04
#define EV_LD_RETIRED       0x06
#define EV_ST_RETIRED       0x07
#define EV_INST_RETIRED     0x08
#define EV_EXC_TAKEN        0x09
#define EV_EXC_RETURN       0x0A
#define EV_CPU_CYCLES       0x11
#define EV_MEM_ACCESS       0x13
#define EV_L2D_CACHE        0x16
#define EV_L2D_CACHE_REFILL 0x17
#define EV_CHAIN            0x1E
#define EV_BR_RETIRED       0x21

#define PMU_PPI   23 /* PPI 7 */
#define CYCLE_BIT (1u << 31)

#define HCR_TGE (1ull << 27)
#define HCR_RW  (1ull << 31)

/* PMEVTYPER<n>_EL0 / PMEVCNTR<n>_EL0 through PMSELR_EL0 and the PMXEV* registers. */
static inline void pmu_set_type(unsigned n, uint64_t type)
{
    write_sysreg(n, pmselr_el0);
    isb();
    write_sysreg(type, pmxevtyper_el0);
    isb();
}

static inline void pmu_set_count(unsigned n, uint64_t v)
{
    write_sysreg(n, pmselr_el0);
    isb();
    write_sysreg(v, pmxevcntr_el0);
    isb();
}

static inline uint64_t pmu_count(unsigned n)
{
    write_sysreg(n, pmselr_el0);
    isb();
    return read_sysreg(pmxevcntr_el0);
}

/* Everything off and cleared: counters stopped, zeroed, no overflow, no interrupt enables. */
static inline void pmu_reset_all(void)
{
    write_sysreg(0, pmcr_el0);
    write_sysreg(~0ull, pmcntenclr_el0);
    write_sysreg(~0ull, pmintenclr_el1);
    write_sysreg(~0ull, pmovsclr_el0);
    write_sysreg(PMCR_P | PMCR_C, pmcr_el0);
    write_sysreg(0, pmccfiltr_el0);
    isb();
}

/* 1 + 2n instructions: mov, then n times (subs, b.ne). */
static inline void loop_insns(uint64_t n)
{
    __asm__ volatile("mov x9, %0\n1:\n\tsubs x9, x9, #1\n\tb.ne 1b" ::"r"(n) : "x9", "cc");
}

#endif
