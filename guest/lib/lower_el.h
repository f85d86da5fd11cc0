/*
 * Running code at a lower Exception level from EL2, for tests of traps and
 * exception routing. The code runs with DAIF masked; each synchronous
 * exception it takes (to EL1 or to EL2) is recorded and the instruction
 * skipped; when fn returns, control comes back to EL2.
 */
#ifndef GUEST_LOWER_EL_H
#define GUEST_LOWER_EL_H

#include <stdint.h>

#include "exception.h"

struct lower_result {
    unsigned taken;        /* exceptions taken (and skipped) while fn ran */
    struct exc_frame last; /* the last one: last.el is the EL that took it */
};

/*
 * ERET from EL2 to fn with SPSR_EL2 = spsr, SP_EL0 = sp0, SP_EL1 = sp1 and
 * X30 = ret, after ORing sctlr_el2_or into SCTLR_EL2 (bits that must not
 * apply to any EL2 code before, such as EE). Returns when an EL2 exception
 * handler sets ELR_EL2 to *resume (stored here) and SPSR_EL2 to EL2h. fn
 * follows the procedure call standard: x19-x29 survive.
 */
void lower_el_enter(void (*fn)(void), uint64_t spsr, const void *sp0, const void *sp1,
                    void (*ret)(void), volatile uint64_t *resume, uint64_t sctlr_el2_or);

/* HCR_EL2.RW is always added to hcr (EL1 is AArch64). */
struct lower_result run_at_el1(void (*fn)(void), uint64_t hcr);
struct lower_result run_at_el0(void (*fn)(void), uint64_t hcr);

#endif
