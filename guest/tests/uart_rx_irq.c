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
 * guest-test-input: sleep 1 && echo one && sleep 1 && echo two && sleep 1 && echo three
 * guest-test-variant: el1 virt,gic-version=3
 * guest-test-variant: hostclock virt,virtualization=on,gic-version=3 -icount shift=auto
 */
#include "uart_util.h"

#define VTIMER_PPI 27

static volatile unsigned lines, uart_irqs, bad_mis, ticks;
static char text[128];
static volatile unsigned text_len;
static uint64_t tick_period;
static volatile bool ticking;

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid == UART_INTID) {
        uart_irqs++;
        if (!(*uart(UARTMIS) & (INT_RX | INT_RT))) bad_mis++;
        for (int c; (c = uart_rx_byte()) >= 0;) {
            if (text_len < sizeof text - 1) text[text_len++] = (char)c;
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

int main(void)
{
    set_irq_handler(irq_handler);
    uart_rx_irq_setup();
    /* The virtual timer's PPI enabled too. */
    *gicr_sgi(this_cpu(), GICR_ISENABLER0) = 1u << VTIMER_PPI;
    dsb(sy);

    /* 1: nothing but input can wake this CPU. */
    wait_count(&lines, 1);
    echo("WFI");

    /* 2: a timer ticks every millisecond meanwhile. */
    tick_period = read_sysreg(cntfrq_el0) / 1000;
    ticking = true;
    write_sysreg(tick_period, cntv_tval_el0);
    write_sysreg(1, cntv_ctl_el0);
    isb();
    wait_count(&lines, 2);
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
