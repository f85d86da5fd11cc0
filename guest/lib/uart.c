/* Console output on the virt board's PL011 UART. */
#include "libc.h"

#define PL011_BASE    0x09000000ul
#define PL011_DR      0x00
#define PL011_FR      0x18
#define PL011_FR_TXFF (1u << 5) /* transmit FIFO full */

static inline volatile uint32_t *pl011_reg(unsigned offset)
{
    return (volatile uint32_t *)(PL011_BASE + offset);
}

void uart_write_byte(uint8_t byte)
{
    while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
        ;
    *pl011_reg(PL011_DR) = byte;
}

int putchar(int c)
{
    if (c == '\n') uart_write_byte('\r');
    uart_write_byte((uint8_t)c);
    return (unsigned char)c;
}

int puts(const char *s)
{
    while (*s)
        putchar(*s++);
    putchar('\n');
    return 0;
}
