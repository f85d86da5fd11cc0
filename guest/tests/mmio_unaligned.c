/*
 * Device registers through Normal memory, where loads and stores may be unaligned:
 * the GIC and the PL011 mapped by a Normal Non-cacheable alias. An unaligned access
 * (CONSTRAINED UNPREDICTABLE for the GIC, IHI 0069) reaches the device as naturally
 * aligned pieces, each the largest power of two dividing its address and the bytes
 * left (as QEMU 10); a piece of a size the register does not support is RAZ/WI, and
 * an access wider than the PL011's 32-bit registers is split into words. Checks the
 * registers around each access keep their values: GICR_WAKER and the reserved word
 * after the last SGI/PPI priority, the last SPI priority, the halves of
 * GICD_IROUTER<n>, GICD_CTLR. The PL011's sub-word offsets: mmio_unaligned_uart.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"
#include "mmio_alias.h"

#define UART       0x09000000ull
#define UARTFR     0x18
#define UARTIBRD   0x24
#define UARTCR     0x30
#define UARTIFLS   0x34
#define SGI_PRIO   (GICR_BASE + GICR_SGI + GICR_IPRIORITYR)
#define SPI_PRIO   (GICD_BASE + GICD_IPRIORITYR)
#define IROUTER(n) (GICD_BASE + GICD_IROUTER + (n)*8)

/* Device-memory reads of the registers around the accesses. */
static unsigned prio(uint64_t base, unsigned n)
{
    return *(volatile uint8_t *)(uintptr_t)(base + n);
}
static uint64_t irouter(unsigned n)
{
    return *(volatile uint64_t *)(uintptr_t)IROUTER(n);
}
static uint32_t uart(unsigned off)
{
    return *(volatile uint32_t *)(uintptr_t)(UART + off);
}

/* The SGI/PPI priorities of CPU 0: byte accesses, including the end of the array. */
static void redistributor(void)
{
    nstore(GICR_BASE + GICR_SGI + GICR_IPRIORITYR + 29, 4, 0xC8B8A898); /* 29-31, then reserved */
    printf("GICR prio 28-31: %02x %02x %02x %02x, WAKER %x\n", prio(SGI_PRIO, 28),
           prio(SGI_PRIO, 29), prio(SGI_PRIO, 30), prio(SGI_PRIO, 31), *gicr(0, GICR_WAKER));
    CHECK_EQ(prio(SGI_PRIO, 28), 0xE0);
    CHECK_EQ(prio(SGI_PRIO, 29), 0x98);
    CHECK_EQ(prio(SGI_PRIO, 31), 0xB8);
    CHECK_EQ(*gicr(0, GICR_WAKER), 0);
    CHECK_EQ(*gicr_sgi(0, GICR_IPRIORITYR + 32), 0); /* reserved */
    CHECK_EQ(nload(GICR_BASE + GICR_SGI + GICR_IPRIORITYR + 29, 4), 0x00B8A898);
    CHECK_EQ(nload(GICR_BASE + GICR_SGI + GICR_IPRIORITYR + 28, 8), 0xB8A898E0); /* word, RAZ */

    /* A halfword at an odd address is two bytes; an aligned halfword is ignored. */
    nstore(GICR_BASE + GICR_SGI + GICR_IPRIORITYR + 3, 2, 0x5850);
    nstore(GICR_BASE + GICR_SGI + GICR_IPRIORITYR + 6, 2, 0xF0F0);
    printf("GICR prio 2-7: %02x %02x %02x %02x %02x %02x\n", prio(SGI_PRIO, 2), prio(SGI_PRIO, 3),
           prio(SGI_PRIO, 4), prio(SGI_PRIO, 5), prio(SGI_PRIO, 6), prio(SGI_PRIO, 7));
    CHECK_EQ(*gicr_sgi(0, GICR_IPRIORITYR), 0x50100800);
    CHECK_EQ(*gicr_sgi(0, GICR_IPRIORITYR + 4), 0x38302858);

    /* GICR_WAKER is word-only: bytes of it are RAZ/WI. */
    nstore(GICR_BASE + GICR_WAKER - 1, 4, 0x02020202);
    CHECK_EQ(nload(GICR_BASE + GICR_WAKER - 1, 4), 0);
    CHECK_EQ(*gicr(0, GICR_WAKER), 0);
    /* A doubleword at a word address: GICR_IIDR, then the low half of GICR_TYPER. */
    uint64_t v = nload(GICR_BASE + 0x4, 8);
    printf("GICR_IIDR via a doubleword: 0x%x\n", (unsigned)v);
    CHECK_EQ(v >> 32, *gicr(0, GICR_TYPER));
    CHECK_EQ(nload(GICR_BASE + GICR_SGI + GICR_IPRIORITYR, 2), 0);
}

static void distributor(void)
{
    nstore(GICD_BASE + GICD_IPRIORITYR + 285, 4, 0xF8E8D8C8); /* 285-287, then INTID 288 */
    printf("GICD prio 284-287: %02x %02x %02x %02x\n", prio(SPI_PRIO, 284), prio(SPI_PRIO, 285),
           prio(SPI_PRIO, 286), prio(SPI_PRIO, 287));
    CHECK_EQ(*gicd(GICD_IPRIORITYR + 284), 0xE8D8C8A0);
    CHECK_EQ(*gicd(GICD_IPRIORITYR + 288), 0); /* no INTID 288 */
    CHECK_EQ(nload(GICD_BASE + GICD_IPRIORITYR + 285, 4), 0x00E8D8C8);
    CHECK_EQ(nload(GICD_BASE + GICD_IPRIORITYR + 33, 4), 0x60585048);

    /* GICD_IROUTER<n>: words and doublewords only. */
    CHECK_EQ(nload(IROUTER(33) + 4, 8), 0x000605040000000Aull);
    CHECK_EQ(nload(IROUTER(33) + 1, 8), 0); /* all bytes */
    CHECK_EQ(nload(IROUTER(33) + 2, 4), 0); /* two halfwords */
    nstore(IROUTER(33) + 4, 8, 0x000708090000000Cull);
    nstore(IROUTER(33) + 1, 8, ~0ull);
    printf("GICD_IROUTER33 %lx, 34 %lx\n", (unsigned long)irouter(33), (unsigned long)irouter(34));
    CHECK_EQ(irouter(33), 0x0C00030201ull);
    CHECK_EQ(irouter(34), 0x0B00070809ull);

    uint32_t ctlr = *gicd(GICD_CTLR);
    nstore(GICD_BASE + GICD_CTLR + 2, 4, 0);
    CHECK_EQ(*gicd(GICD_CTLR), ctlr);
    CHECK_EQ(nload(GICD_BASE + GICD_CTLR + 1, 4), 0);
    nstore(GICD_BASE + GICD_ISENABLER + 5, 2, 0xFFFF);
    CHECK_EQ(*gicd(GICD_ISENABLER + 4), 0);
    CHECK_EQ(nload(GICD_BASE + GICD_TYPER, 2), 0);
    CHECK_EQ(nload(GICD_BASE + GICD_CTLR, 8), 0);
}

/* PL011: 32-bit registers, so a doubleword is two words; a byte load is the low byte. */
static void pl011(void)
{
    *(volatile uint32_t *)(UART + UARTIBRD) = 0x1234;
    CHECK_EQ(nload(UART + UARTIBRD, 1), 0x34);
    CHECK_EQ(nload(UART + UARTIBRD, 2), 0x1234);
    CHECK_EQ(nload(UART + UARTFR, 8), uart(UARTFR));
    uint64_t id = nload(UART + 0xFE0, 8);
    printf("PL011 PeriphID0/1 via a doubleword: 0x%lx\n", (unsigned long)id);
    CHECK_EQ(id, 0x0000001000000011ull);
    uint32_t cr = uart(UARTCR);
    nstore(UART + UARTCR, 8, cr); /* UARTCR, then UARTIFLS = 0 */
    CHECK_EQ(uart(UARTCR), cr);
    CHECK_EQ(uart(UARTIFLS), 0);
}

int main(void)
{
    *gicr(0, GICR_WAKER) = 0;
    while (*gicr(0, GICR_WAKER) & 4) {
    }
    for (unsigned i = 0; i < 32; i++)
        gicr_set_prio(0, i, (uint8_t)(8 * i)); /* 5 priority bits: multiples of 8 */
    for (unsigned i = 32; i < 40; i++)
        gicd_set_prio(i, (uint8_t)(0x40 + 8 * (i - 32)));
    for (unsigned i = 280; i < 288; i++)
        gicd_set_prio(i, (uint8_t)(0x80 + 8 * (i - 280)));
    *(volatile uint64_t *)IROUTER(33) = 0x0A00030201ull; /* Aff3.Aff2.Aff1.Aff0 = 10.3.2.1 */
    *(volatile uint64_t *)IROUTER(34) = 0x0B00060504ull;
    gic_dist_enable();
    mmio_alias_enable();

    redistributor();
    distributor();
    pl011();
    return test_summary();
}
