/* PL011 register behaviour from the PrimeCell PL011 TRM (offsets: virt-board.md section 8). */
#define _GNU_SOURCE /* ppoll */
#include "devices/pl011.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
    UARTDR = 0x000,
    UARTRSR = 0x004,
    UARTFR = 0x018,
    UARTILPR = 0x020,
    UARTIBRD = 0x024,
    UARTFBRD = 0x028,
    UARTLCR_H = 0x02C,
    UARTCR = 0x030,
    UARTIFLS = 0x034,
    UARTIMSC = 0x038,
    UARTRIS = 0x03C,
    UARTMIS = 0x040,
    UARTICR = 0x044,
    UARTDMACR = 0x048,
};

enum { FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7 };
enum { INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6 };

/* PeriphID0-3 and PCellID0-3 at 0xFE0-0xFFC. */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};

void pl011_init(pl011_t *u, int in_fd)
{
    memset(u, 0, sizeof *u);
    u->in_fd = in_fd;
    u->cr = 0x300; /* TXE | RXE */
    u->ifls = 0x12;
    u->ris = INT_TX; /* the transmitter is always ready */
}

static void update_irq(pl011_t *u)
{
    if (u->set_irq) u->set_irq(u->irq_opaque, (u->ris & u->imsc) != 0);
}

/* Whether the receiver can take bytes from the input now. */
static bool can_receive(const pl011_t *u)
{
    return u->in_fd >= 0 && !u->rx_eof && u->rx_count < sizeof u->rx_fifo;
}

/* Takes the bytes available on the input, up to the FIFO's free space, without blocking. */
static void poll_input(pl011_t *u)
{
    if (!can_receive(u)) return;
    struct pollfd p = {.fd = u->in_fd, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0 || !p.revents) return;
    uint8_t buf[sizeof u->rx_fifo];
    ssize_t n = read(u->in_fd, buf, sizeof u->rx_fifo - u->rx_count);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) { /* end of input, or an error (POLLERR, POLLNVAL): no more input */
        u->rx_eof = true;
        return;
    }
    for (ssize_t i = 0; i < n; i++)
        u->rx_fifo[(u->rx_head + u->rx_count++) % sizeof u->rx_fifo] = buf[i];
    u->ris |= INT_RX | INT_RT;
    update_irq(u);
}

void pl011_poll(pl011_t *u)
{
    fflush(stdout);
    poll_input(u);
}

bool pl011_input_can_interrupt(const pl011_t *u)
{
    return can_receive(u) && (u->imsc & (INT_RX | INT_RT));
}

bool pl011_wait_input(pl011_t *u, uint64_t timeout_ns)
{
    fflush(stdout);
    if (!can_receive(u)) return false;
    struct pollfd p = {.fd = u->in_fd, .events = POLLIN};
    struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
    if (ppoll(&p, 1, &ts, NULL) > 0) poll_input(u);
    return true;
}

bool pl011_read(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t *val)
{
    pl011_t *u = opaque;
    (void)cpu;
    if (size > 4) return false;
    switch (offset) {
    case UARTDR:
        poll_input(u);
        if (u->rx_count) {
            *val = u->rx_fifo[u->rx_head];
            u->rx_head = (u->rx_head + 1) % sizeof u->rx_fifo;
            if (--u->rx_count == 0) u->ris &= ~(INT_RX | INT_RT);
            update_irq(u);
        } else {
            *val = 0;
        }
        return true;
    case UARTRSR: *val = u->rsr; return true;
    case UARTFR:
        poll_input(u);
        *val = FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
               (u->rx_count == sizeof u->rx_fifo ? FR_RXFF : 0);
        return true;
    case UARTILPR: *val = u->ilpr; return true;
    case UARTIBRD: *val = u->ibrd; return true;
    case UARTFBRD: *val = u->fbrd; return true;
    case UARTLCR_H: *val = u->lcr_h; return true;
    case UARTCR: *val = u->cr; return true;
    case UARTIFLS: *val = u->ifls; return true;
    case UARTIMSC: *val = u->imsc; return true;
    case UARTRIS: *val = u->ris; return true;
    case UARTMIS: *val = u->ris & u->imsc; return true;
    case UARTDMACR: *val = u->dmacr; return true;
    default:
        if (offset >= 0xFE0 && offset <= 0xFFC && !(offset & 3)) {
            *val = pl011_id[(offset - 0xFE0) / 4];
            return true;
        }
        *val = 0; /* reserved offsets read as zero */
        return true;
    }
}

bool pl011_write(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t val)
{
    pl011_t *u = opaque;
    (void)cpu;
    if (size > 4) return false;
    switch (offset) {
    case UARTDR: {
        char c = (char)(val & 0xFF);
        fputc(c, stdout);
        if (c == '\n') fflush(stdout);
        u->ris |= INT_TX;
        update_irq(u);
        return true;
    }
    case UARTRSR: u->rsr = 0; return true; /* ECR: clears the error flags */
    case UARTILPR: u->ilpr = val & 0xFF; return true;
    case UARTIBRD: u->ibrd = val & 0xFFFF; return true;
    case UARTFBRD: u->fbrd = val & 0x3F; return true;
    case UARTLCR_H: u->lcr_h = val & 0xFF; return true;
    case UARTCR: u->cr = val & 0xFFFF; return true;
    case UARTIFLS: u->ifls = val & 0x3F; return true;
    case UARTIMSC:
        u->imsc = val & 0x7FF;
        update_irq(u);
        return true;
    case UARTICR:
        u->ris &= ~(uint32_t)val;
        update_irq(u);
        return true;
    case UARTDMACR: u->dmacr = val & 7; return true;
    default: return true; /* read-only and reserved offsets ignore writes */
    }
}
