/*
 * The virt board's PL011 receiving with its interrupt (SPI 1, INTID 33), for
 * the uart_rx_* tests: registers, set-up, and reading the receive FIFO.
 */
#ifndef UART_UTIL_H
#define UART_UTIL_H

#include "gic_util.h"

#define UART_BASE  0x09000000ul
#define UARTDR     0x000
#define UARTFR     0x018
#define UARTIMSC   0x038
#define UARTMIS    0x040
#define UARTICR    0x044
#define FR_RXFE    (1u << 4)
#define INT_RX     (1u << 4)
#define INT_RT     (1u << 6)
#define UART_INTID 33

static inline volatile uint32_t *uart(unsigned off)
{
    return (volatile uint32_t *)(UART_BASE + off);
}

/*
 * The GIC on, INTID 33 in Group 1 at priority 0x80 routed to CPU 0 and
 * enabled, the UART's receive and receive-timeout interrupts unmasked.
 */
static inline void uart_rx_irq_setup(void)
{
    gic_dist_enable();
    gic_cpu_enable();
    *gicd(GICD_IGROUPR + 4) |= 1u << (UART_INTID - 32);
    gicd_set_prio(UART_INTID, 0x80);
    *(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * UART_INTID) = 0;
    *gicd(GICD_ISENABLER + 4) = 1u << (UART_INTID - 32);
    dsb(sy);
    *uart(UARTICR) = 0x7FF;
    *uart(UARTIMSC) = INT_RX | INT_RT;
    dsb(sy);
}

/* The next received byte, or -1 when the receive FIFO is empty. */
static inline int uart_rx_byte(void)
{
    if (*uart(UARTFR) & FR_RXFE) return -1;
    return (int)(*uart(UARTDR) & 0xFF);
}

/* Sleeps with IRQs masked until *count reaches n, taking interrupts between WFIs. */
static inline void wait_count(volatile unsigned *count, unsigned n)
{
    while (*count < n) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
}

#endif
