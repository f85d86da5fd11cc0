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
#include "uart_util.h"

static volatile unsigned nkeys;
static volatile uint8_t keys[8];

static void irq_handler(struct exc_frame *f)
{
    (void)f;
    unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xFFFFFF;
    if (intid == UART_INTID) {
        for (int c; (c = uart_rx_byte()) >= 0;) {
            if (nkeys < sizeof keys) keys[nkeys++] = (uint8_t)c;
        }
        *uart(UARTICR) = INT_RX | INT_RT;
    }
    write_sysreg(intid, ICC_EOIR1_EL1);
    isb();
}

int main(void)
{
    set_irq_handler(irq_handler);
    uart_rx_irq_setup();

    printf("keys? "); /* a prompt without a newline: must appear before any input */
    wait_count(&nkeys, 2);
    printf("before Enter: %02x %02x\n", keys[0], keys[1]);
    CHECK_EQ(keys[0], 'a');
    CHECK_EQ(keys[1], 'b');
    wait_count(&nkeys, 3);
    printf("Enter: %02x\n", keys[2]);
    CHECK_EQ(keys[2], '\r');
    CHECK_EQ(nkeys, 3);
    return test_summary();
}
