/*
 * Generic Timer access for the timer_* guest tests: the four timers as a table of
 * accessors, so a test can run the same checks on each. Encodings the assembler
 * does not know at armv8.1-a are written with SYS_REG.
 */
#ifndef TIMER_UTIL_H
#define TIMER_UTIL_H

#include "test.h"

#define CNTPCTSS_EL0   SYS_REG(3, 3, 14, 0, 5)
#define CNTVCTSS_EL0   SYS_REG(3, 3, 14, 0, 6)
#define CNTPOFF_EL2    SYS_REG(3, 4, 14, 0, 6)
#define CNTHV_TVAL_EL2 SYS_REG(3, 4, 14, 3, 0)
#define CNTHV_CTL_EL2  SYS_REG(3, 4, 14, 3, 1)
#define CNTHV_CVAL_EL2 SYS_REG(3, 4, 14, 3, 2)
#define CNTKCTL_EL12   SYS_REG(3, 5, 14, 1, 0)
#define CNTP_TVAL_EL02 SYS_REG(3, 5, 14, 2, 0)
#define CNTP_CTL_EL02  SYS_REG(3, 5, 14, 2, 1)
#define CNTP_CVAL_EL02 SYS_REG(3, 5, 14, 2, 2)
#define CNTV_TVAL_EL02 SYS_REG(3, 5, 14, 3, 0)
#define CNTV_CTL_EL02  SYS_REG(3, 5, 14, 3, 1)
#define CNTV_CVAL_EL02 SYS_REG(3, 5, 14, 3, 2)

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)
#define HCR_TGE (1ull << 27)
#define HCR_IMO (1ull << 4)
#define HCR_FMO (1ull << 3)

struct gtimer {
    const char *name;
    unsigned intid; /* its PPI on QEMU's virt board */
    uint64_t (*count)(void);
    uint64_t (*ctl)(void);
    void (*set_ctl)(uint64_t);
    uint64_t (*cval)(void);
    void (*set_cval)(uint64_t);
    uint64_t (*tval)(void);
    void (*set_tval)(uint64_t);
};

#define GTIMER_ACCESSORS(id, cnt, ctl_reg, cval_reg, tval_reg)                                     \
    static inline uint64_t id##_count(void)                                                        \
    {                                                                                              \
        return read_sysreg(cnt);                                                                   \
    }                                                                                              \
    static inline uint64_t id##_ctl(void)                                                          \
    {                                                                                              \
        return read_sysreg(ctl_reg);                                                               \
    }                                                                                              \
    static inline void id##_set_ctl(uint64_t v)                                                    \
    {                                                                                              \
        write_sysreg(v, ctl_reg);                                                                  \
        isb();                                                                                     \
    }                                                                                              \
    static inline uint64_t id##_cval(void)                                                         \
    {                                                                                              \
        return read_sysreg(cval_reg);                                                              \
    }                                                                                              \
    static inline void id##_set_cval(uint64_t v)                                                   \
    {                                                                                              \
        write_sysreg(v, cval_reg);                                                                 \
        isb();                                                                                     \
    }                                                                                              \
    static inline uint64_t id##_tval(void)                                                         \
    {                                                                                              \
        return read_sysreg(tval_reg);                                                              \
    }                                                                                              \
    static inline void id##_set_tval(uint64_t v)                                                   \
    {                                                                                              \
        write_sysreg(v, tval_reg);                                                                 \
        isb();                                                                                     \
    }

GTIMER_ACCESSORS(phys, cntpct_el0, cntp_ctl_el0, cntp_cval_el0, cntp_tval_el0)
GTIMER_ACCESSORS(virt, cntvct_el0, cntv_ctl_el0, cntv_cval_el0, cntv_tval_el0)
GTIMER_ACCESSORS(hyp, cntpct_el0, cnthp_ctl_el2, cnthp_cval_el2, cnthp_tval_el2)
GTIMER_ACCESSORS(hypvirt, cntpct_el0, CNTHV_CTL_EL2, CNTHV_CVAL_EL2, CNTHV_TVAL_EL2)

#define GTIMER(id, label, ppi)                                                                     \
    {                                                                                              \
        label, ppi, id##_count, id##_ctl, id##_set_ctl, id##_cval, id##_set_cval, id##_tval,       \
            id##_set_tval                                                                          \
    }

/* EL1 physical (INTID 30), EL1 virtual (27), EL2 physical (26), EL2 virtual (28). */
static const struct gtimer gtimers[4] __attribute__((unused)) = {
    GTIMER(phys, "CNTP", 30),
    GTIMER(virt, "CNTV", 27),
    GTIMER(hyp, "CNTHP", 26),
    GTIMER(hypvirt, "CNTHV", 28),
};

/* The timers this Exception level can reach: all four at EL2, the EL1 ones at EL1. */
static inline unsigned gtimer_count(void)
{
    return current_el() == 2 ? 4 : 2;
}

#endif
