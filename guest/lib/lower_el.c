/*
 * run_at_el1 / run_at_el0: ERET from EL2 into fn; fn returns to a stub that
 * comes back to EL2 with HVC #0xE1 (SMC #0xE1, trapped by HCR_EL2.TSC, when
 * HCR_EL2.HCD disables HVC). From EL0 the stub first takes SVC #0xE0 to EL1
 * (or straight to EL2 under HCR_EL2.TGE), whose handler continues at the EL1
 * stub.
 */
#include "lower_el.h"

#include "sysreg.h"

#define HCR_RW       (1ull << 31)
#define HCR_TGE      (1ull << 27)
#define HCR_HCD      (1ull << 29)
#define HCR_TSC      (1ull << 19)
#define RETURN_IMM   0xE1
#define EL0_DONE_IMM 0xE0

static volatile uint64_t resume_el2;
static volatile unsigned taken;
static struct exc_frame last;
/* Separate stacks: EL1's exception frames must not land on the EL0 code's stack. */
static uint64_t el0_stack[2048] __attribute__((aligned(16)));
static uint64_t el1_stack[2048] __attribute__((aligned(16)));

void lower_el_return_hvc(void);
void lower_el_return_smc(void);
void lower_el0_done(void);
__asm__(".pushsection .text\n"
        ".balign 4\n"
        "lower_el_return_hvc: hvc #0xe1\n"
        "lower_el_return_smc: smc #0xe1\n"
        "lower_el0_done: svc #0xe0\n"
        ".popsection");

static bool use_smc;

static void handler(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr), iss = ESR_ISS(f->esr);
    bool from_lower = f->vector / 4 == EXC_SOURCE_LOWER_A64;
    if (f->el == 2 && from_lower &&
        (((ec == EC_HVC64 || ec == EC_SMC64) && iss == RETURN_IMM) ||
         (ec == EC_SVC64 && iss == EL0_DONE_IMM))) {
        f->spsr = 0x3c9; /* EL2h, DAIF masked */
        f->elr = resume_el2;
        return;
    }
    if (f->el == 1 && from_lower && ec == EC_SVC64 && iss == EL0_DONE_IMM) {
        f->spsr = 0x3c5; /* EL1h: continue at the stub that returns to EL2 */
        f->elr = (uint64_t)(use_smc ? lower_el_return_smc : lower_el_return_hvc);
        return;
    }
    last = *f;
    taken++;
    exc_skip_instruction(f);
}

static struct lower_result run(void (*fn)(void), uint64_t hcr, uint64_t spsr, void (*ret)(void))
{
    exc_handler_t old = set_sync_handler(handler);
    taken = 0;
    /* EL2 (often with its MMU off) and the lower ELs (perhaps with caches on) share these: no
     * stale line may hide one side's writes from the other (Arm ARM B2.11). */
    dcache_clean_inval_poc(&taken, sizeof taken);
    dcache_clean_inval_poc(&resume_el2, sizeof resume_el2);
    dcache_clean_inval_poc(&use_smc, sizeof use_smc);
    write_sysreg(hcr, hcr_el2);
    isb();
    lower_el_enter(fn, spsr, &el0_stack[2048], &el1_stack[2048], ret, &resume_el2, 0);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    dcache_clean_inval_poc(&taken, sizeof taken);
    dcache_clean_inval_poc(&last, sizeof last);
    set_sync_handler(old);
    struct lower_result r = {taken, last};
    return r;
}

void lower_el_enter(void (*fn)(void), uint64_t spsr, const void *sp0, const void *sp1,
                    void (*ret)(void), volatile uint64_t *resume, uint64_t sctlr_el2_or)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%[resume]]\n\t"
                     "msr elr_el2, %[fn]\n\t"
                     "msr spsr_el2, %[spsr]\n\t"
                     "msr sp_el0, %[sp0]\n\t"
                     "msr sp_el1, %[sp1]\n\t"
                     "mov x30, %[ret]\n\t"
                     "cbz %[sctlr_or], 2f\n\t"
                     "mrs x10, sctlr_el2\n\t"
                     "orr x10, x10, %[sctlr_or]\n\t"
                     "msr sctlr_el2, x10\n\t"
                     "isb\n"
                     "2: eret\n"
                     "1:"
                     :
                     : [fn] "r"(fn), [resume] "r"(resume), [sp0] "r"(sp0), [sp1] "r"(sp1),
                       [spsr] "r"(spsr), [ret] "r"(ret), [sctlr_or] "r"(sctlr_el2_or)
                     : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                       "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30", "memory", "cc");
}

static uint64_t with_return_path(uint64_t hcr)
{
    use_smc = hcr & HCR_HCD;
    return hcr | HCR_RW | (use_smc ? HCR_TSC : 0);
}

struct lower_result run_at_el1(void (*fn)(void), uint64_t hcr)
{
    hcr = with_return_path(hcr);
    return run(fn, hcr, 0x3c5, use_smc ? lower_el_return_smc : lower_el_return_hvc);
}

struct lower_result run_at_el0(void (*fn)(void), uint64_t hcr)
{
    hcr = with_return_path(hcr);
    return run(fn, hcr, 0x3c0, lower_el0_done);
}
