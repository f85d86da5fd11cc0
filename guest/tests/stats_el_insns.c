/*
 * -d stats counts the instructions retired at each Exception level (trace/stats.h). This program
 * runs loops of known length at EL1 and at EL0 (HCR_EL2.TGE: EL0's SVC returns straight to EL2)
 * and prints how many instructions each EL must have retired; tests/guest/check-el-insns.sh
 * compares that with avsim's counters. Each instruction counts at the EL it executes in: the ERET
 * into the loop at EL2, the HVC/SVC back at the lower EL.
 */
#include "lower_el.h"
#include "test.h"

#define HCR_TGE (1ull << 27)

/* x0 iterations of SUBS + B.NE: 2 * x0 + 2 instructions with the MOV and the RET. */
void loop_1000(void);
void loop_500(void);
__asm__(".pushsection .text\n"
        ".balign 4\n"
        "loop_1000: mov x0, #1000\n"
        "1: subs x0, x0, #1\n"
        "b.ne 1b\n"
        "ret\n"
        "loop_500: mov x0, #500\n"
        "2: subs x0, x0, #1\n"
        "b.ne 2b\n"
        "ret\n"
        ".popsection");

int main(void)
{
    struct lower_result r = run_at_el1(loop_1000, 0);
    CHECK_EQ(r.taken, 0);
    r = run_at_el0(loop_500, HCR_TGE);
    CHECK_EQ(r.taken, 0);
    /* The loop function and the HVC (from EL1) or SVC (from EL0) back to EL2. */
    printf("expect: EL1 instructions %u\n", 1 + 2 * 1000 + 2);
    printf("expect: EL0 instructions %u\n", 1 + 2 * 500 + 2);
    return test_summary();
}
