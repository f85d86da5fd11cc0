/*
 * Self-hosted debug exceptions at EL2 with MDCR_EL2.TDE = 1 (debug target EL2),
 * MDSCR_EL1.KDE = 1 and PSTATE.D = 0: a hardware breakpoint, a store
 * watchpoint (loads pass), and a software step of one instruction.
 */
#include "test.h"

#define MDSCR_SS  (1ull << 0)
#define MDSCR_KDE (1ull << 13)
#define MDSCR_MDE (1ull << 15)
#define MDCR_TDE  (1ull << 8)
/* DBGBCR/DBGWCR: E, PMC/PAC = 0b11, HMC; BAS all bytes. */
#define BCR_ENABLE ((1ull << 0) | (3ull << 1) | (0xFull << 5) | (1ull << 13))
#define WCR_STORE  ((1ull << 0) | (3ull << 1) | (2ull << 3) | (0xFFull << 5) | (1ull << 13))

static struct exc_frame seen;
static volatile unsigned hits;

static void on_debug(struct exc_frame *f)
{
    seen = *f;
    hits++;
    /* Disarm, then resume: a breakpoint re-executes its instruction, a watchpoint its
     * access, a step continues after the stepped instruction. */
    write_sysreg(MDSCR_KDE, mdscr_el1);
    write_sysreg(0, dbgbcr0_el1);
    write_sysreg(0, dbgwcr0_el1);
    f->spsr &= ~(1ull << 21); /* SPSR.SS */
}

static volatile uint64_t watched = 5;

static void report(const char *what, uint64_t at)
{
    printf("%s: hits=%u EC=0x%02x ISS=0x%07x elr_off=%d far_ok=%d\n", what, hits,
           (unsigned)ESR_EC(seen.esr), (unsigned)ESR_ISS(seen.esr), (int)(seen.elr - at),
           seen.far == at);
}

int main(void)
{
    set_sync_handler(on_debug);
    write_sysreg(MDCR_TDE, mdcr_el2);
    write_sysreg(0, oslar_el1); /* clear the OS lock */
    __asm__ volatile("msr daifclr, #8" ::: "memory");
    isb();

    /* Breakpoint: taken before the instruction; it runs once disarmed. */
    uint64_t at, x = 0;
    write_sysreg(MDSCR_KDE | MDSCR_MDE, mdscr_el1);
    __asm__ volatile("adr %0, 1f" : "=r"(at));
    write_sysreg(at, dbgbvr0_el1);
    write_sysreg(BCR_ENABLE, dbgbcr0_el1);
    isb();
    __asm__ volatile("1: add %0, %0, #7" : "+r"(x));
    report("breakpoint", at);
    CHECK_EQ(hits, 1);
    CHECK_EQ(x, 7);

    /* Watchpoint on stores: the load passes, the store is stopped, then done once disarmed. */
    hits = 0;
    write_sysreg(MDSCR_KDE | MDSCR_MDE, mdscr_el1);
    write_sysreg((uint64_t)&watched, dbgwvr0_el1);
    write_sysreg(WCR_STORE, dbgwcr0_el1);
    isb();
    uint64_t v = watched;
    CHECK_EQ(hits, 0);
    watched = v + 1;
    report("watchpoint", (uint64_t)&watched);
    CHECK_EQ(hits, 1);
    CHECK_EQ(watched, 6);

    /* Software step: ERET with SPSR.SS = 1 runs one instruction, then the step exception.
     * PSTATE.D is set while MDSCR_EL1.SS is armed, else the step state would be
     * active-pending at once (Arm ARM D2.12). */
    hits = 0;
    __asm__ volatile("msr daifset, #8");
    write_sysreg(MDSCR_KDE | MDSCR_SS, mdscr_el1);
    isb();
    uint64_t y = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "mov %1, x9\n\t"
                     "msr elr_el2, x9\n\t"
                     "mov x9, #0x1c9\n\t" /* EL2h, D clear, A I F masked */
                     "orr x9, x9, #(1 << 21)\n\t"
                     "msr spsr_el2, x9\n\t"
                     "eret\n"
                     "2: add %0, %0, #1\n\t"
                     "add %0, %0, #2"
                     : "+r"(y), "=&r"(at)
                     :
                     : "x9", "memory");
    report("software step", at);
    CHECK_EQ(hits, 1);
    CHECK_EQ(y, 3);

    write_sysreg(0, mdscr_el1);
    write_sysreg(0, mdcr_el2);
    return test_summary();
}
