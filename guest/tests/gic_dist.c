/*
 * The GICv3 distributor and redistributor registers: GICD_CTLR (affinity routing
 * and the single Security state fixed on), GICD_TYPER, per-SPI group / enable /
 * pending / active / priority / trigger / routing, the INTID 0-31 registers RAZ/WI
 * in the distributor, GICR_WAKER, GICR_ICFGR0, an SPI routed to no CPU, group
 * enables, the PL011's level interrupt on SPI 1 (INTID 33), and an external abort
 * past the last redistributor.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"

#define SPI 72 /* INTID 72: SPI 40, unused on virt */

static volatile uint64_t *irouter(unsigned intid)
{
    return (volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * intid);
}

static uint32_t bitreg(unsigned base, unsigned intid)
{
    return (*gicd(base + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

static void set_bit(unsigned base, unsigned intid)
{
    *gicd(base + 4 * (intid / 32)) = 1u << (intid % 32);
    dsb(sy);
}

static void identification(void)
{
    uint32_t typer = *gicd(GICD_TYPER);
    printf("GICD_CTLR 0x%x, ITLinesNumber %u, IDbits %u, IIDR 0x%x, PIDR2.ArchRev %u\n",
           *gicd(GICD_CTLR), typer & 0x1F, (typer >> 19) & 0x1F, *gicd(0x8),
           (*gicd(0xFFE8) >> 4) & 0xF);
    *gicd(GICD_CTLR) = ~0u;
    CHECK_EQ(*gicd(GICD_CTLR), 0x53); /* EnableGrp0/1 writable; ARE and DS read as one */
    /* With affinity routing, the distributor's INTID 0-31 registers are RAZ/WI. */
    *gicd(GICD_ISENABLER) = ~0u;
    *gicd(GICD_IGROUPR) = ~0u;
    CHECK_EQ(*gicd(GICD_ISENABLER), 0);
    CHECK_EQ(*gicd(GICD_IGROUPR), 0);
    unsigned cpu = this_cpu();
    *gicr(cpu, GICR_WAKER) = 2;
    CHECK_EQ(*gicr(cpu, GICR_WAKER), 6); /* ChildrenAsleep follows ProcessorSleep */
    *gicr(cpu, GICR_WAKER) = 0;
    CHECK_EQ(*gicr(cpu, GICR_WAKER), 0);
    *gicr_sgi(cpu, 0xC00) = 0;
    CHECK_EQ(*gicr_sgi(cpu, 0xC00), 0xAAAAAAAA); /* SGIs are always edge-triggered */
}

static void spi_registers(void)
{
    *gicd(GICD_IGROUPR + 8) = 0x12345678;
    CHECK_EQ(*gicd(GICD_IGROUPR + 8), 0x12345678);
    *gicd(GICD_IGROUPR + 8) = ~0u;
    *gicd(GICD_ICFGR + 4 * (SPI / 16)) = ~0u;
    CHECK_EQ(*gicd(GICD_ICFGR + 4 * (SPI / 16)), 0xAAAAAAAA);
    *gicd(GICD_ICFGR + 4 * (SPI / 16)) = 0;
    *gicd(GICD_IPRIORITYR + SPI) = 0x11223344; /* word access, four INTIDs */
    CHECK_EQ(*(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + SPI + 2), 0x22);
    gicd_set_prio(SPI, 0x80);
    CHECK_EQ(*gicd(GICD_IPRIORITYR + SPI), 0x11223380);
    *irouter(SPI) = 0;
    CHECK_EQ(*irouter(SPI), 0);

    /* Software-pending, enabled SPI routed to this CPU: acknowledged. */
    set_bit(GICD_ISPENDR, SPI);
    CHECK(bitreg(GICD_ISPENDR, SPI));
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), GIC_SPURIOUS); /* not enabled yet */
    set_bit(GICD_ISENABLER, SPI);
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), SPI);
    /* Routed to an affinity with no CPU: stays pending, not forwarded. */
    *irouter(SPI) = 5;
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), GIC_SPURIOUS);
    CHECK(bitreg(GICD_ISPENDR, SPI));
    *irouter(SPI) = 0;
    /* Group 1 disabled in the distributor: not forwarded either. */
    *gicd(GICD_CTLR) = 1;
    dsb(sy);
    CHECK_EQ(read_sysreg(ICC_HPPIR1_EL1), GIC_SPURIOUS);
    *gicd(GICD_CTLR) = 3;
    dsb(sy);
    /* Active: not forwarded until ICACTIVER clears it. */
    set_bit(GICD_ISACTIVER, SPI);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), GIC_SPURIOUS);
    set_bit(GICD_ICACTIVER, SPI);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), SPI);
    CHECK(bitreg(GICD_ISACTIVER, SPI));
    CHECK(!bitreg(GICD_ISPENDR, SPI));
    write_sysreg(SPI, ICC_EOIR1_EL1);
    isb();
    CHECK(!bitreg(GICD_ISACTIVER, SPI));
    /* ICPENDR takes a software-pending state away. */
    set_bit(GICD_ISPENDR, SPI);
    set_bit(GICD_ICPENDR, SPI);
    CHECK_EQ(read_sysreg(ICC_IAR1_EL1), GIC_SPURIOUS);
    set_bit(GICD_ICENABLER, SPI);
    CHECK(!bitreg(GICD_ISENABLER, SPI));
    printf("SPI %u: group, enable, pending, active, priority, routing checked\n", SPI);
}

/* The PL011 drives SPI 1 (INTID 33) while a raw interrupt is unmasked (level). */
static void uart_interrupt(void)
{
    volatile uint32_t *uart = (volatile uint32_t *)0x09000000;
    const unsigned intid = 33;
    printf("UART TX interrupt:\n"); /* the transmitter has just sent: RIS.TX is set */
    gicd_set_prio(intid, 0x80);
    *gicd(GICD_IGROUPR + 4) = 1u << (intid % 32); /* Group 1 */
    *irouter(intid) = 0;
    set_bit(GICD_ISENABLER, intid);
    uart[0x38 / 4] = 1u << 5; /* UARTIMSC: TX */
    dsb(sy);
    unsigned pending = bitreg(GICD_ISPENDR, intid);
    uint64_t acked = read_sysreg(ICC_IAR1_EL1);
    uart[0x38 / 4] = 0;
    dsb(sy);
    write_sysreg(acked, ICC_EOIR1_EL1);
    isb();
    printf("  pending %u, acknowledged INTID %lu, pending after masking %u\n", pending, acked,
           bitreg(GICD_ISPENDR, intid));
    CHECK_EQ(acked, intid);
    CHECK_EQ(bitreg(GICD_ISPENDR, intid), 0);
    set_bit(GICD_ICENABLER, intid);
}

static void past_the_last_redistributor(void)
{
    unsigned n = 0;
    while (!(*gicr(n, GICR_TYPER) & (1u << 4)))
        n++;
    struct exc_frame f;
    exc_catch_begin();
    (void)*gicr(n + 1, GICR_TYPER);
    unsigned caught = exc_catch_end(&f);
    printf("read past the last redistributor: %u exception, EC 0x%02lx DFSC 0x%02lx\n", caught,
           ESR_EC(f.esr), ESR_ISS(f.esr) & 0x3F);
    CHECK_EQ(caught, 1);
}

int main(void)
{
    identification();
    gic_dist_enable();
    gic_cpu_enable();
    spi_registers();
    uart_interrupt();
    past_the_last_redistributor();
    return test_summary();
}
