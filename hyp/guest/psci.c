/*
 * PSCI under the hypervisor with two vCPUs (CTest hyp.psci, -smp 2, compared with QEMU): CPU_ON
 * and its argument checks, AFFINITY_INFO, an SGI from one vCPU to the other (the hypervisor kicks
 * the target's physical CPU), CPU_OFF and a second CPU_ON of the same vCPU, then SYSTEM_RESET
 * twice: first from vCPU 1 (the hypervisor stops vCPU 0, reloads the image and starts vCPU 0
 * afresh), then from vCPU 0; finally SYSTEM_OFF. After each reset the VMM has reloaded the image:
 * initialised data is back to its value, while RAM outside the image keeps what was written.
 */
#include "vgic.h"

#define SGI_WAKE   7
#define OUTSIDE    (0x40000000ul + (16ul << 20)) /* guest RAM beyond the image */
#define PSCI_OK    0
#define ALREADY_ON ((uint64_t)-4)
#define BAD_PARAM  ((uint64_t)-2)
#define BAD_ADDR   ((uint64_t)-9)
#define STATE_ON   0
#define STATE_OFF  1

static volatile uint64_t marker = 0x1234; /* in the image's .data */
static volatile unsigned sgis, secondary_ran;
static volatile uint64_t secondary_mpidr, secondary_el, secondary_arg;
static volatile bool primary_go;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
    if (intid == SGI_WAKE) sgis++;
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

static void secondary(uint64_t arg)
{
    secondary_mpidr = read_sysreg(mpidr_el1);
    secondary_el = current_el();
    secondary_arg = arg;
    vgic_cpu_setup();
    while (!primary_go)
        ;
    vgic_send_sgi(SGI_WAKE, 1); /* to vCPU 0 */
    secondary_ran++;
}

static void secondary_reset(uint64_t arg)
{
    (void)arg;
    printf("vCPU 1: SYSTEM_RESET\n");
    psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
    printf("vCPU 1: SYSTEM_RESET returned\n");
}

static uint64_t affinity(unsigned cpu)
{
    return (uint64_t)psci_call(PSCI_AFFINITY_INFO, cpu, 0, 0);
}

static void first_boot(void)
{
    set_irq_handler(irq_handler);
    vgic_cpu_setup();
    mmio_write32(gicr_base(0) + GICR_SGI + GICR_ISENABLER0, 1u << SGI_WAKE);
    CHECK_EQ(affinity(1), STATE_OFF);
    CHECK_EQ(psci_call(PSCI_CPU_ON, 1, 0x40100002, 0), BAD_ADDR);
    CHECK_EQ(psci_call(PSCI_CPU_ON, 0x100, 0x40100000, 0), BAD_PARAM);
    CHECK_EQ(psci_call(PSCI_CPU_ON, 2, 0x40100000, 0), BAD_PARAM);
    CHECK_EQ(cpu_start(1, secondary, 0x55), PSCI_OK);
    while (affinity(1) != STATE_ON)
        ;
    CHECK_EQ(psci_call(PSCI_CPU_ON, 1, 0x40100000, 0), ALREADY_ON);
    primary_go = true;
    CHECK(wait_irqs(&sgis, 1, 100000));
    while (affinity(1) != STATE_OFF) /* the secondary returns, then CPU_OFF */
        ;
    CHECK_EQ(secondary_ran, 1);
    CHECK_EQ(secondary_mpidr, 0x80000001ull);
    CHECK_EQ(secondary_el, 1);
    CHECK_EQ(secondary_arg, 0x55);
    /* A second life for vCPU 1. */
    primary_go = false;
    CHECK_EQ(cpu_start(1, secondary, 0x66), PSCI_OK);
    primary_go = true;
    CHECK(wait_irqs(&sgis, 2, 100000));
    while (affinity(1) != STATE_OFF)
        ;
    CHECK_EQ(secondary_ran, 2);
    CHECK_EQ(secondary_arg, 0x66);
    marker = 0xdead;
    *(volatile uint64_t *)OUTSIDE = 0xfeed;
    test_summary();
    /* vCPU 1 resets the VM; this vCPU is stopped meanwhile. */
    CHECK_EQ(cpu_start(1, secondary_reset, 0), PSCI_OK);
    for (;;)
        wfi();
}

int main(void)
{
    printf("boot %lu on vCPU %lu\n", rt_boots, read_sysreg(mpidr_el1) & 0xff);
    if (rt_boots == 0) first_boot();
    CHECK_EQ(this_cpu(), 0);
    CHECK_EQ(hvc_call(HYP_CALL_BOOTS, 0, 0, 0), rt_boots);
    CHECK_EQ(marker, 0x1234);                        /* reloaded with the image */
    CHECK_EQ(*(volatile uint64_t *)OUTSIDE, 0xfeed); /* not part of the image */
    CHECK_EQ(affinity(1), STATE_OFF);                /* a reset leaves only vCPU 0 on */
    marker = 0xbeef;
    if (rt_boots == 1) {
        test_summary();
        psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
        printf("SYSTEM_RESET returned\n");
        return 1;
    }
    CHECK_EQ(rt_boots, 2);
    test_summary();
    psci_system_off();
}
