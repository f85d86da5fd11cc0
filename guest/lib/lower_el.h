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

/* HCR_EL2.RW is always added to hcr (EL1 is AArch64). */
struct lower_result run_at_el1(void (*fn)(void), uint64_t hcr);
struct lower_result run_at_el0(void (*fn)(void), uint64_t hcr);

#endif
