/* Arm PrimeCell PL011 UART: TX to stdout, RX from stdin. */
#ifndef AVSIM_PL011_H
#define AVSIM_PL011_H

#include "machine/bus.h"

typedef struct pl011 {
    uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, ris, dmacr, ilpr, rsr;
    uint8_t rx_fifo[32];
    unsigned rx_head, rx_count;
    bool rx_eof;
    int in_fd;
    void (*set_irq)(void *opaque, bool level); /* interrupt output, may be NULL */
    void *irq_opaque;
} pl011_t;

/* in_fd: file descriptor polled for input (-1: none). */
void pl011_init(pl011_t *u, int in_fd);
/*
 * Exchanges data with the host without blocking: writes out the transmitted
 * bytes still buffered (so prompts without a newline appear) and takes the
 * input available now, raising the receive interrupt.
 */
void pl011_poll(pl011_t *u);

/* Whether input arriving now would raise the UART's interrupt (RX or RT unmasked, room left). */
bool pl011_input_can_interrupt(const pl011_t *u);

/*
 * Writes out buffered output, then blocks until input arrives (and takes it, as
 * pl011_poll) or timeout_ns pass. Returns false at once, without waiting, if no
 * input can be taken (no input, end of input, or a full FIFO).
 */
bool pl011_wait_input(pl011_t *u, uint64_t timeout_ns);

bool pl011_read(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t *val);
bool pl011_write(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t val);

#endif
