/*
 * Keystrokes reach the guest one by one, as on a serial line: the PL011 receive
 * interrupt delivers "a" and "b" before any Enter, and Enter arrives as CR. On a
 * pipe (here) that holds trivially; tests/console runs this program with avsim's
 * stdin a terminal, where avsim must turn off the host's line editing, local
 * echo and CR-to-LF mapping (as QEMU's -nographic does) for the same output, and
 * must show the prompt, which has no newline, before the keys are typed.
 *
 * guest-test-input: sleep 1 && printf ab && sleep .5 && printf '\r' && sleep 1
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "gic_util.h"

#define UART_BASE  0x09000000ul
#define UARTDR     0x000
#define UARTFR     0x018
#define UARTIMSC   0x038
#define UARTICR    0x044
#define FR_RXFE    (1u << 4)
#define INT_RX     (1u << 4)
#define INT_RT     (1u << 6)
#define UART_INTID 33

static volatile unsigned nkeys;
static volatile uint8_t keys[8];

static volatile uint32_t *uart(unsigned off)
{
    return (volatile uint32_t *)(UART_BASE + off);
}

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid == UART_INTID) {
        while (!(*uart(UARTFR) & FR_RXFE)) {
            uint8_t c = (uint8_t)*uart(UARTDR);
            if (nkeys < sizeof keys) keys[nkeys++] = c;
        }
        *uart(UARTICR) = INT_RX | INT_RT;
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

/* Sleeps with IRQs masked until n keys arrived, taking interrupts between WFIs. */
static void wait_keys(unsigned n)
{
    while (nkeys < n) {
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
    *gicd(GICD_IGROUPR + 4) |= 1u << (UART_INTID - 32);
    gicd_set_prio(UART_INTID, 0x80);
    *(volatile uint64_t *)(GICD_BASE + GICD_IROUTER + 8 * UART_INTID) = 0;
    *gicd(GICD_ISENABLER + 4) = 1u << (UART_INTID - 32);
    dsb(sy);
    *uart(UARTICR) = 0x7FF;
    *uart(UARTIMSC) = INT_RX | INT_RT;
    dsb(sy);

    printf("keys? "); /* a prompt without a newline: must appear before any input */
    wait_keys(2);
    printf("before Enter: %02x %02x\n", keys[0], keys[1]);
    CHECK_EQ(keys[0], 'a');
    CHECK_EQ(keys[1], 'b');
    wait_keys(3);
    printf("Enter: %02x\n", keys[2]);
    CHECK_EQ(keys[2], '\r');
    CHECK_EQ(nkeys, 3);
    return test_summary();
}
