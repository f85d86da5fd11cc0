/*
 * PL011 receive interrupt (SPI 1, INTID 33) raised by input that arrives while
 * the guest does not touch the UART: the IRQ handler drains the receive FIFO and
 * the program echoes each line. The harness feeds three lines, one after each
 * delay (guest-test-input below), and the program waits for each in a different
 * way:
 *   1. WFI with no other interrupt source (nothing but input can wake the CPU);
 *   2. WFI with a periodic timer interrupt (idle time passes between ticks);
 *   3. busy, polling the counter, without WFI.
 * In icount mode (avsim's default) guest time skips idle time, as QEMU's
 * -icount sleep=off: during wait 1 it stands still, during wait 2 it runs ahead
 * from tick to tick at host speed, so no timing is printed.
 *
 * guest-test-input: sleep 1 && echo one && sleep .5 && echo two && sleep .5 && echo three
 * guest-test-variant: el1 virt,gic-version=3
 * guest-test-variant: hostclock virt,virtualization=on,gic-version=3 -icount shift=auto
 */
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
#define VTIMER_PPI 27

static volatile unsigned lines, uart_irqs, bad_mis, ticks;
static char text[128];
static volatile unsigned text_len;
static uint64_t tick_period;
static volatile bool ticking;

static volatile uint32_t *uart(unsigned off)
{
    return (volatile uint32_t *)(UART_BASE + off);
}

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid == UART_INTID) {
        uart_irqs++;
        if (!(*uart(UARTMIS) & (INT_RX | INT_RT))) bad_mis++;
        while (!(*uart(UARTFR) & FR_RXFE)) {
            char c = (char)(*uart(UARTDR) & 0xFF);
            if (text_len < sizeof text - 1) text[text_len++] = c;
            if (c == '\n') lines++;
        }
        *uart(UARTICR) = INT_RX | INT_RT;
    } else if (intid == VTIMER_PPI) {
        ticks++;
        if (ticking)
            write_sysreg(tick_period, cntv_tval_el0);
        else
            write_sysreg(0, cntv_ctl_el0);
        isb();
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

/* Prints the lines received since the last call. */
static void echo(const char *how)
{
    static unsigned printed;
    text[text_len] = '\0';
    printf("%s: %s", how, text + printed);
    printed = text_len;
}

/* Sleeps with IRQs masked until `want` lines arrived, taking interrupts between WFIs. */
static void wfi_until(unsigned want)
{
    while (lines < want) {
        wfi();
        irq_enable();
        isb();
        irq_disable();
    }
}

int main(void)
{
    set_irq_handler(irq_handler);
    gic_dist_enable();
    gic_cpu_enable();
    /* SPI 33 in Group 1, to this CPU, enabled; the virtual timer's PPI enabled. */
    *gicd(GICD_IGROUPR + 4) |= 1u << (UART_INTID - 32);
    gicd_set_prio(UART_INTID, 0x80);
    *(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * UART_INTID) = 0;
    *gicd(GICD_ISENABLER + 4) = 1u << (UART_INTID - 32);
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << VTIMER_PPI;
    dsb(sy);
    *uart(UARTICR) = 0x7FF;
    *uart(UARTIMSC) = INT_RX | INT_RT;
    dsb(sy);

    /* 1: nothing but input can wake this CPU. */
    wfi_until(1);
    echo("WFI");

    /* 2: a timer ticks every millisecond meanwhile. */
    tick_period = read_sysreg(cntfrq_el0) / 1000;
    ticking = true;
    write_sysreg(tick_period, cntv_tval_el0);
    write_sysreg(1, cntv_ctl_el0);
    isb();
    wfi_until(2);
    ticking = false;
    echo("WFI with a timer");
    CHECK(ticks > 0);

    /* 3: busy with another device (the counter), interrupts unmasked. */
    irq_enable();
    uint64_t polls = 0;
    while (lines < 3) {
        (void)read_sysreg(cntvct_el0);
        polls++;
    }
    irq_disable();
    echo("busy");
    CHECK(polls > 0);
    CHECK(uart_irqs >= 3);
    CHECK_EQ(bad_mis, 0); /* each UART interrupt was a receive (or receive timeout) one */
    return test_summary();
}
