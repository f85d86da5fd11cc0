/*
 * FEAT_NV2: with HCR_EL2.{NV, NV2}, an EL1 access to an EL2 register that has a
 * VNCR slot is a 64-bit load or store at VNCR_EL2 + the slot's offset, through the
 * same device boundary as any other access. With VNCR_EL2 at the PL011, the slot of
 * VTTBR_EL2 (0x020) covers UARTILPR and UARTIBRD, 32-bit registers that each see one
 * word (as on QEMU), instead of an External abort.
 */
#include "lower_el.h"
#include "test.h"

#define HCR_NV   (1ull << 42)
#define HCR_NV2  (1ull << 45)
#define VNCR_EL2 SYS_REG(3, 4, 2, 2, 0)
#define UART     0x09000000ul
#define UARTILPR 0x20
#define UARTIBRD 0x24

static uint64_t value;

static volatile uint32_t *uart(unsigned off)
{
    return (volatile uint32_t *)(UART + off);
}

static void el1_read(void)
{
    __asm__ volatile("mrs %0, vttbr_el2" : "=r"(value));
}

static void el1_write(void)
{
    __asm__ volatile("msr vttbr_el2, %0" : : "r"(0x0000432100000022ull));
}

int main(void)
{
    if (current_el() != 2) {
        printf("needs EL2\n");
        return 1;
    }
    *uart(UARTILPR) = 0x11;
    *uart(UARTIBRD) = 0x1234;
    write_sysreg(UART, VNCR_EL2);
    isb();

    struct lower_result r = run_at_el1(el1_read, HCR_NV | HCR_NV2);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(value, 0x0000123400000011ull);
    r = run_at_el1(el1_write, HCR_NV | HCR_NV2);
    CHECK_EQ(r.taken, 0);
    CHECK_EQ(*uart(UARTILPR), 0x22);
    CHECK_EQ(*uart(UARTIBRD), 0x4321);
    printf("VTTBR_EL2 slot in the PL011: 0x%lx\n", (unsigned long)value);
    return test_summary();
}
