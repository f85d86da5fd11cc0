/*
 * HCR_EL2.VSE with AMO: a virtual SError is pending for EL1, held off while
 * PSTATE.A masks it, taken to EL1's SError vector once unmasked, and
 * HCR_EL2.VSE is cleared by taking it.
 */
#include "test.h"

#define HCR_AMO (1ull << 5)
#define HCR_VSE (1ull << 8)

static volatile unsigned serrors;
static volatile uint64_t serror_esr, serror_vector, before_unmask;

static void on_serror(struct exc_frame *f)
{
    serrors++;
    serror_esr = f->esr;
    serror_vector = f->vector;
}

static void el1_code(void)
{
    before_unmask = serrors; /* A is masked: nothing yet */
    __asm__ volatile("msr daifclr, #4\n\tisb\n\tnop" ::: "memory");
    __asm__ volatile("msr daifset, #4" ::: "memory");
}

int main(void)
{
    set_exception_handler(EXC_SERROR, on_serror);
    struct lower_result r = run_at_el1(el1_code, HCR_AMO | HCR_VSE);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(before_unmask, 0);
    CHECK_EQ(serrors, 1);
    CHECK_EQ(serror_vector, EXC_SOURCE_CURRENT_SPX * 4 + EXC_SERROR);
    printf("virtual SError: EC=0x%02x IL=%u ISS=0x%x\n", (unsigned)ESR_EC(serror_esr),
           (unsigned)((serror_esr >> 25) & 1), (unsigned)ESR_ISS(serror_esr));
    /* Taking it cleared VSE: running EL1 again takes nothing. */
    serrors = 0;
    r = run_at_el1(el1_code, HCR_AMO);
    CHECK_EQ(serrors, 0);
    return test_summary();
}
