/*
 * Interrupts and the virtual timer under the hypervisor (CTest hyp.irq, compared with QEMU).
 * The guest brings up its GIC as on bare metal (vgic.h: the distributor and redistributor
 * are emulated by the hypervisor from trapped MMIO, the CPU interface is the hardware's virtual
 * one) and takes:
 *   - its virtual timer (PPI 27), five times: the hypervisor injects it through a hardware list
 *     register, so it fires again only after the guest has ended it (it re-arms it each time);
 *   - a timer that expired while the guest masked interrupts, taken once it unmasks them;
 *   - SGIs it sends itself (ICC_SGI1R_EL1 traps to the hypervisor), in priority order;
 *   - a PPI the hypervisor raises on request (HYP_CALL_INJECT), delivered only once the guest
 *     enables it in its redistributor.
 */
#include "vgic.h"

#define PPI_VTIMER 27
#define PPI_INJECT 20
#define TICKS_1MS  (read_sysreg(cntfrq_el0) / 1000)

static volatile unsigned irqs, order[8], timer_rearms;
static volatile uint64_t timer_ctl_at_irq;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
    if (intid == GIC_SPURIOUS) return;
    if (irqs < 8) order[irqs] = intid;
    irqs++;
    if (intid == PPI_VTIMER) {
        timer_ctl_at_irq = read_sysreg(cntv_ctl_el0);
        if (timer_rearms) {
            timer_rearms--;
            write_sysreg(TICKS_1MS / 4, cntv_tval_el0); /* fires again after the EOI */
        } else {
            write_sysreg(0, cntv_ctl_el0);
        }
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

static void gic_setup(void)
{
    uint64_t sgi = gicr_base(0) + GICR_SGI;

    CHECK_EQ(mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f, 0);    /* 32 INTIDs: SGIs and PPIs only */
    CHECK_EQ(mmio_read64(GICR_BASE + GICR_TYPER) & 0x10, 0x10); /* Last: one vCPU */
    CHECK_EQ(mmio_read32(GICR_BASE + GICR_WAKER) & 6, 6);       /* asleep at reset */
    vgic_cpu_setup();
    CHECK_EQ(mmio_read32(GICR_BASE + GICR_WAKER) & 6, 0);
    vgic_set_prio(0, PPI_VTIMER, 0x40);
    CHECK_EQ(mmio_read8(sgi + GICR_IPRIORITYR + PPI_VTIMER), 0x40);
    mmio_write32(sgi + GICR_ISENABLER0, 1u << PPI_VTIMER | 0xffff);
    CHECK_EQ(mmio_read32(sgi + GICR_ISENABLER0), 1u << PPI_VTIMER | 0xffff);
}

static void check_timer(void)
{
    uint64_t start = read_sysreg(cntvct_el0);

    irqs = 0;
    timer_rearms = 4;
    write_sysreg(TICKS_1MS, cntv_tval_el0);
    write_sysreg(1, cntv_ctl_el0);
    isb();
    CHECK(wait_irqs(&irqs, 1, 1000));
    CHECK(wait_irqs(&irqs, 5, 1000));
    CHECK(read_sysreg(cntvct_el0) - start >= 2 * TICKS_1MS); /* 1 ms, then four times 0.25 ms */
    CHECK_EQ(timer_ctl_at_irq, 5);                           /* ENABLE | ISTATUS, not masked */
    for (unsigned i = 0; i < 5; i++)
        CHECK_EQ(order[i], PPI_VTIMER);
    CHECK_EQ(read_sysreg(cntv_ctl_el0), 0);

    /* Expires while IRQs are masked: pending in the list register until the guest unmasks. */
    irqs = 0;
    write_sysreg(TICKS_1MS / 10, cntv_tval_el0);
    write_sysreg(1, cntv_ctl_el0);
    isb();
    while (!(read_sysreg(cntv_ctl_el0) & 4))
        ;
    for (volatile unsigned i = 0; i < 1000; i++)
        ;
    CHECK_EQ(irqs, 0);
    irq_window();
    CHECK_EQ(irqs, 1);
}

static void check_sgis(void)
{
    /* Three SGIs at once, SGI 5 the most urgent: taken in priority order. */
    vgic_set_prio(0, 3, 0xa0);
    vgic_set_prio(0, 4, 0x90);
    vgic_set_prio(0, 5, 0x20);
    irqs = 0;
    vgic_send_sgi(3, 1);
    vgic_send_sgi(4, 1);
    vgic_send_sgi(5, 1);
    irq_window();
    CHECK_EQ(irqs, 3);
    CHECK_EQ(order[0], 5);
    CHECK_EQ(order[1], 4);
    CHECK_EQ(order[2], 3);
    /* IRM = 1: every vCPU but this one, i.e. none here. */
    irqs = 0;
    write_sysreg(1ull << 40 | 6ull << 24, ICC_SGI1R_EL1);
    isb();
    irq_window();
    CHECK_EQ(irqs, 0);
}

static void check_inject(void)
{
    irqs = 0;
    CHECK_EQ(hvc_call(HYP_CALL_INJECT, PPI_INJECT, 0, 0), 0);
    CHECK_EQ(hvc_call(HYP_CALL_INJECT, 32, 0, 0), (uint64_t)-2);
    irq_window();
    CHECK_EQ(irqs, 0); /* not enabled yet: pending in the redistributor */
    uint64_t sgi = gicr_base(0) + GICR_SGI;
    CHECK_EQ(mmio_read32(sgi + GICR_ISPENDR0), 1u << PPI_INJECT);
    mmio_write32(sgi + GICR_ISENABLER0, 1u << PPI_INJECT);
    irq_window();
    CHECK_EQ(irqs, 1);
    CHECK_EQ(order[0], PPI_INJECT);
    CHECK_EQ(mmio_read32(sgi + GICR_ISPENDR0), 0);
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_setup();
    check_timer();
    check_sgis();
    check_inject();
    return test_summary();
}
