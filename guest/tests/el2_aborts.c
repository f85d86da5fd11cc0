/*
 * Instruction aborts: a branch to an address where nothing is mapped (just
 * past RAM) takes an Instruction Abort with IFSC 0x10 and FAR = the target;
 * from EL1, it goes to EL1 (same EL) unless HCR_EL2.TGE routes it.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static struct exc_frame seen;

static void resume_at_lr(struct exc_frame *f)
{
    seen = *f;
    f->elr = f->x[30];
}

int main(void)
{
    exc_handler_t old = set_sync_handler(resume_at_lr);
    uint64_t target = 0x48000000ull; /* 128 MiB of RAM end here */
    __asm__ volatile("adr x30, 1f\n\t"
                     "br %0\n"
                     "1:"
                     :
                     : "r"(target)
                     : "x30", "memory");
    set_sync_handler(old);
    CHECK_EQ(ESR_EC(seen.esr), EC_IABT_CURRENT);
    CHECK_EQ(seen.far, target);
    CHECK_EQ(seen.elr, target);
    printf("fetch past RAM at EL%u: EC=0x%02x ISS=0x%x\n", current_el(), (unsigned)ESR_EC(seen.esr),
           (unsigned)ESR_ISS(seen.esr));
    return test_summary();
}
