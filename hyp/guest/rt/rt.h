/*
 * The run-time of guests that run under the hypervisor (hyp/): guest/lib's printf, string, UART
 * (the hypervisor's trapped console), exception vectors and test checks, with this start-up
 * instead of guest/lib's: the program starts at EL1, talks to the hypervisor with HVC (PSCI and
 * the HYP_CALL_* calls of hyp/host/hyp.h), and exit() ends the whole run with its status.
 */
#ifndef HYP_GUEST_RT_H
#define HYP_GUEST_RT_H

#include "test.h"

/* The hypervisor's own calls (SMCCC vendor-specific hypervisor service, hyp/host/hyp.h). */
#define HYP_CALL_EXIT     0xc6000001u
#define HYP_CALL_ADD      0xc6000002u
#define HYP_CALL_INJECT   0xc6000003u
#define HYP_CALL_BOOTS    0xc6000004u
#define HYP_CALL_RAM_SIZE 0xc6000005u

/* What the hypervisor passed at boot: resets so far (x0) and its arg= value (x1). */
extern uint64_t rt_boots, rt_arg;

#endif
