/*
 * Between the guest hypervisor (ghyp.c), its guest (l2.c) and the host's measurement (nested.c).
 *
 * L2 calls L1 with HVC #0, function in x0, argument in x1, result in x0.
 * arg= of the host's command line reaches L1 in x1 at boot and says what L2 does.
 */
#ifndef HYP_GHYP_ABI_H
#define HYP_GHYP_ABI_H

#define L2_CALL_ADD   1 /* x0 = x1 + x2: the hypercall round trip the host measures (stats=1) */
#define L2_CALL_DONE  2 /* x1 = failed checks: L2 is finished */
#define L2_CALL_TIMER 3 /* x1 = ticks: L1 programs L2's virtual timer with TVAL (experiment 2) */

#define GHYP_ARG_HVCS(a)   ((unsigned)(a)&0xff)          /* ADD round trips L2 makes */
#define GHYP_ARG_TIMERS(a) ((unsigned)((a) >> 8) & 0xff) /* timer interrupts L2 takes */
#define GHYP_ARG_TVAL      (1u << 16)                    /* experiment 2 */
#define GHYP_ARG_EXPECT_OK (1u << 17) /* experiment 2: the views agree and the timer is on time */

#endif
