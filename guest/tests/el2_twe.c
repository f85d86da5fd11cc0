/*
 * HCR_EL2.TWE traps an EL1 WFE that would wait (event register clear), and
 * not one that completes at once (Arm ARM D1.3.5, "would otherwise have caused
 * the PE to enter a low-power state").
 *
 * guest-test-qemu: skip (QEMU 10 implements WFE as a yield and never traps it)
 */
#include "test.h"

static volatile uint64_t resume_el2;
static volatile unsigned traps;
static uint64_t el1_stack[512] __attribute__((aligned(16)));

static void handler(struct exc_frame *f)
{
    if (ESR_EC(f->esr) == EC_HVC64 && ESR_ISS(f->esr) == 0xE1) {
        f->spsr = 0x3c9;
        f->elr = resume_el2;
        return;
    }
    CHECK_EQ(f->el, 2);
    CHECK_EQ(ESR_EC(f->esr), EC_WFX);
    CHECK_EQ(ESR_ISS(f->esr), 0x1e00001);
    traps++;
    exc_skip_instruction(f);
}

int main(void)
{
    set_sync_handler(handler);
    write_sysreg((1ull << 31) | (1ull << 14), hcr_el2); /* RW, TWE */
    isb();
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%[resume]]\n\t"
                     "adr x9, 2f\n\t"
                     "msr elr_el2, x9\n\t"
                     "mov x9, #0x3c5\n\t"
                     "msr spsr_el2, x9\n\t"
                     "msr sp_el1, %[sp]\n\t"
                     "eret\n"
                     "2: sevl\n\t"
                     "wfe\n\t" /* consumes the event: completes, no trap */
                     "wfe\n\t" /* would wait: trapped */
                     "hvc #0xe1\n"
                     "1:"
                     :
                     : [resume] "r"(&resume_el2), [sp] "r"((uint64_t)&el1_stack[512])
                     : "x9", "x30", "memory");
    write_sysreg(1ull << 31, hcr_el2);
    CHECK_EQ(traps, 1);
    return test_summary();
}
