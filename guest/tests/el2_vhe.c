/*
 * FEAT_VHE: with HCR_EL2.E2H = 1, _EL1 encodings at EL2 reach the _EL2
 * registers and the _EL12 aliases reach the EL1 registers (UNDEFINED with
 * E2H = 0); with {E2H, TGE} = {1, 1} EL0 runs in the EL2&0 regime: its
 * exceptions go to EL2 and SCTLR_EL2 holds its controls.
 */
#include "test.h"

#define HCR_RW    (1ull << 31)
#define HCR_E2H   (1ull << 34)
#define HCR_TGE   (1ull << 27)
#define SCTLR_UCT (1ull << 15)

#define SCTLR_EL12 s3_5_c1_c0_0
#define VBAR_EL12  s3_5_c12_c0_0
#define ESR_EL12   s3_5_c5_c2_0

static volatile uint64_t resume_el2;
static struct exc_frame last;
static volatile unsigned taken;
static uint64_t el0_stack[512] __attribute__((aligned(16)));

static void handler(struct exc_frame *f)
{
    last = *f;
    taken++;
    if (f->vector / 4 == EXC_SOURCE_LOWER_A64 && ESR_EC(f->esr) == EC_SVC64 &&
        ESR_ISS(f->esr) == 0xE0) {
        f->spsr = 0x3c9; /* EL0 is done: back to EL2h */
        f->elr = resume_el2;
        return;
    }
    exc_skip_instruction(f);
}

/* Runs the EL0 code at label 2 of this asm: a CTR_EL0 read then SVC #5, then SVC #0xE0 to return.
 */
static uint64_t run_el0(void)
{
    uint64_t ctr = 0xdead;
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%[resume]]\n\t"
                     "adr x9, 2f\n\t"
                     "msr elr_el2, x9\n\t"
                     "msr spsr_el2, xzr\n\t" /* EL0t */
                     "msr sp_el0, %[sp]\n\t"
                     "mov x10, #0xdead\n\t"
                     "eret\n"
                     "2: mrs x10, ctr_el0\n\t"
                     "svc #5\n\t"
                     "svc #0xe0\n"
                     "1: mov %[ctr], x10"
                     : [ctr] "=r"(ctr)
                     : [resume] "r"(&resume_el2), [sp] "r"((uint64_t)&el0_stack[512])
                     : "x9", "x10", "memory");
    return ctr;
}

int main(void)
{
    set_sync_handler(handler);
    uint64_t sctlr_el2 = read_sysreg(sctlr_el2);

    /* E2H = 0: the _EL12 aliases do not exist. */
    exc_catch_begin();
    (void)read_sysreg(SCTLR_EL12);
    struct exc_frame f;
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);

    write_sysreg(HCR_RW | HCR_E2H, hcr_el2);
    isb();
    /* _EL1 encodings reach _EL2 registers. */
    CHECK_EQ(read_sysreg(sctlr_el1), sctlr_el2);
    uint64_t vbar2 = read_sysreg(vbar_el2);
    CHECK_EQ(read_sysreg(vbar_el1), vbar2);
    write_sysreg(0x12345000ull, tpidr_el2);
    write_sysreg(0x40000800ull, VBAR_EL12); /* the real VBAR_EL1 */
    CHECK_EQ(read_sysreg(VBAR_EL12), 0x40000800ull);
    CHECK_EQ(read_sysreg(vbar_el1), vbar2); /* still VBAR_EL2 */
    write_sysreg(0x5a5a0000ull, ESR_EL12);
    CHECK_EQ(read_sysreg(ESR_EL12), 0x5a5a0000ull);
    CHECK_NE(read_sysreg(esr_el1), 0x5a5a0000ull); /* ESR_EL2 */

    /* VHE host: EL0 with TGE; SCTLR_EL2.UCT decides whether EL0 reads CTR_EL0. */
    write_sysreg(HCR_RW | HCR_E2H | HCR_TGE, hcr_el2);
    write_sysreg(sctlr_el2 | SCTLR_UCT, sctlr_el2);
    isb();
    taken = 0;
    uint64_t ctr = run_el0();
    CHECK_NE(ctr, 0xdead);
    CHECK_EQ(taken, 2); /* svc #5, then the return */
    printf("EL0 svc: vector=%u EC=0x%02x ISS=0x%x\n", last.vector, (unsigned)ESR_EC(last.esr),
           (unsigned)ESR_ISS(last.esr));

    write_sysreg(sctlr_el2 & ~SCTLR_UCT, sctlr_el2);
    isb();
    taken = 0;
    ctr = run_el0();
    CHECK_EQ(ctr, 0xdead); /* the read trapped and was skipped */
    CHECK_EQ(taken, 3);
    write_sysreg(sctlr_el2, sctlr_el2);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    return test_summary();
}
