/*
 * A known number of the events -stats-file and -trace-file report (docs/stats.md,
 * docs/tracing.md): EL2 sends itself SGI 1 three times and takes each (IRQ to EL2, ICC_IAR1);
 * executes TLBI VAE2 four times and TLBI ALLE1 twice; injects vINTIDs 42 and 43 through
 * ICH_LR0/1_EL2 and runs an EL1 guest (ERET: a world switch) that executes TLBI VMALLE1 three
 * times and TLBI VAE1IS once, then takes both virtual interrupts (ICV_IAR1 acknowledges 42,
 * then 43) and returns with HVC; injects a virtual IRQ with HCR_EL2.VI, which the guest takes
 * (ICV_IAR1 reads 1023: no list register); finally turns its MMU on (one TLBI ALLE2) and reads
 * 16 pages, each translated afresh. The "expect:" lines state those counts;
 * tests/trace/check-events.sh compares them with the JSON of -stats-file and pins the order
 * of the trace's events.
 */
#include "gic_util.h"
#include "lower_el.h"
#include "mmu.h"

#define LR_PENDING   (1ull << 62)
#define LR_GROUP1    (1ull << 60)
#define LR_PRIO(p)   ((uint64_t)(p) << 48)
#define ICH_HCR_EN   1u
#define VMCR_VENG1   2u
#define VMCR_VPMR(p) ((uint64_t)(p) << 24)
#define HCR_IMO      (1ull << 4)
#define HCR_FMO      (1ull << 3)
#define HCR_VI       (1ull << 7)

#define SGIS  3
#define PAGES 16

static volatile unsigned el2_irqs, el2_intid, el1_irqs, el1_intids[4];
static volatile uint8_t pages[PAGES][4096] __attribute__((aligned(4096)));

static void irq_handler(struct exc_frame *f)
{
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF; /* ICV_IAR1_EL1 at EL1 */
    if (f->el == 2) {
        el2_intid = intid;
        el2_irqs++;
        write_sysreg(intid, ICC_EOIR1_EL1);
    } else {
        if (el1_irqs < 4) el1_intids[el1_irqs] = intid;
        el1_irqs++;
        if (intid == 1023)
            f->spsr |= 1u << 7; /* HCR_EL2.VI stays set: return with IRQs masked */
        else
            write_sysreg(intid, ICC_EOIR1_EL1);
    }
    isb();
}

static void el1_guest(void)
{
    for (int i = 0; i < 3; i++)
        __asm__ volatile("tlbi vmalle1" ::: "memory");
    __asm__ volatile("tlbi vae1is, %0\n\tdsb ish\n\tisb" ::"r"(0x1000ull >> 12) : "memory");
    __asm__ volatile("msr daifclr, #2\n\tisb\n\tnop\n\tnop\n\tmsr daifset, #2" ::: "memory");
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable(); /* physical IRQs to EL2 (HCR_EL2.IMO) */
    *gicr_sgi(0, GICR_ISENABLER0) = 1u << 1;
    dsb(sy);

    for (int i = 0; i < SGIS; i++) {
        el2_irqs = 0;
        gic_send_sgi1(1, 1);
        CHECK(wait_for_irq(&el2_irqs, 10));
        CHECK_EQ(el2_intid, 1);
    }

    for (uint64_t i = 0; i < 4; i++)
        __asm__ volatile("tlbi vae2, %0" ::"r"(0x40000ull + i) : "memory");
    __asm__ volatile("tlbi alle1\n\ttlbi alle1\n\tdsb ish\n\tisb" ::: "memory");

    write_sysreg(VMCR_VENG1 | VMCR_VPMR(0xF8), ICH_VMCR_EL2);
    write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_PRIO(0x90) | 42, ICH_LR0_EL2);
    write_sysreg(LR_PENDING | LR_GROUP1 | LR_PRIO(0xA0) | 43, ICH_LR1_EL2);
    isb();
    struct lower_result r = run_at_el1(el1_guest, HCR_IMO | HCR_FMO);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el1_irqs, 2);
    CHECK_EQ(el1_intids[0], 42);
    CHECK_EQ(el1_intids[1], 43);
    write_sysreg(0, ICH_LR0_EL2);
    write_sysreg(0, ICH_LR1_EL2);
    write_sysreg(0, ICH_HCR_EL2);
    isb();

    r = run_at_el1(el1_guest, HCR_IMO | HCR_VI);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(el1_irqs, 3);
    CHECK_EQ(el1_intids[2], 1023);
    printf("EL2 took %u SGIs; EL1 took vINTIDs %u %u and %u (HCR_EL2.VI)\n", SGIS, el1_intids[0],
           el1_intids[1], el1_intids[2]);

    mmu_enable_identity();
    unsigned sum = 0;
    for (int i = 0; i < PAGES; i++)
        sum += pages[i][i];
    CHECK_EQ(sum, 0);

    printf("expect: tlbi VAE2 4 ALLE1 2 VMALLE1 6 VAE1IS 2 ALLE2 1\n");
    printf("expect: irq asserted sgi %u acknowledged sgi %u\n", SGIS, SGIS);
    printf("expect: irq virtual_acknowledged spi 2 other 1\n");
    printf("expect: irq injected list_register 2 hcr_vi 1\n");
    printf("expect: interrupts el1 3 el2 %u\n", SGIS);
    printf("expect: tlb miss el2 at least %u\n", PAGES);
    return test_summary();
}
