/*
 * The PL011 through a Normal alias (mmio_alias.h) with accesses at offsets that are
 * not a register's: avsim decodes the whole offset, so a byte or halfword inside a
 * register is a reserved location, RAZ/WI, and the registers around it keep their
 * values; an unaligned access is a sequence of naturally aligned pieces (as for every
 * device, mmio_unaligned), and a piece that starts at a register reaches it.
 *
 * guest-test-qemu: skip QEMU's PL011 ignores offset bits [1:0] (a byte at 0x25 is UARTIBRD's low
 * byte)
 */
#include "mmio_alias.h"

#define UART      0x09000000ull
#define UARTRSR   0x04
#define UARTILPR  0x20
#define UARTIBRD  0x24
#define UARTFBRD  0x28
#define UARTLCR_H 0x2C
#define UARTIMSC  0x38

static uint32_t reg(unsigned off)
{
    return *(volatile uint32_t *)(uintptr_t)(UART + off);
}
static void set(unsigned off, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)(UART + off) = v;
}

/* The registers around the accesses hold their values. */
static void check_neighbours(uint32_t ibrd, uint32_t fbrd, uint32_t imsc)
{
    CHECK_EQ(reg(UARTILPR), 0x11);
    CHECK_EQ(reg(UARTIBRD), ibrd);
    CHECK_EQ(reg(UARTFBRD), fbrd);
    CHECK_EQ(reg(UARTLCR_H), 0x70);
    CHECK_EQ(reg(UARTIMSC), imsc);
}

int main(void)
{
    set(UARTILPR, 0x11);
    set(UARTIBRD, 0x1234);
    set(UARTFBRD, 0x2A);
    set(UARTLCR_H, 0x70);
    set(UARTIMSC, 0);
    mmio_alias_enable();

    /* Bytes and halfwords inside registers: RAZ/WI. */
    CHECK_EQ(nload(UART + UARTIBRD + 1, 1), 0);
    CHECK_EQ(nload(UART + UARTIBRD + 2, 2), 0);
    nstore(UART + UARTIBRD + 1, 1, 0x55);
    nstore(UART + UARTIBRD + 2, 2, 0x7777);
    nstore(UART + UARTIMSC + 1, 2, 0xFFFF); /* two bytes */
    check_neighbours(0x1234, 0x2A, 0);

    /* A word at IBRD + 1: four bytes, the last one UARTFBRD's low byte. */
    CHECK_EQ(nload(UART + UARTIBRD + 1, 4), 0x2A000000);
    nstore(UART + UARTIBRD + 1, 4, 0x15FFFFFF);
    check_neighbours(0x1234, 0x15, 0);
    /* A doubleword at a word address: two words, UARTIBRD then UARTFBRD. */
    CHECK_EQ(nload(UART + UARTIBRD, 8), 0x0000001500001234ull);
    nstore(UART + UARTIBRD, 8, 0x0000002A00004321ull);
    check_neighbours(0x4321, 0x2A, 0);
    /* A doubleword at an odd address: eight bytes, none at a register. */
    nstore(UART + UARTRSR + 1, 8, ~0ull);
    CHECK_EQ(nload(UART + UARTRSR + 1, 8), 0);
    check_neighbours(0x4321, 0x2A, 0);

    printf("PL011 sub-word accesses: RAZ/WI\n");
    return test_summary();
}
