/*
 * The guest library's exception vectors: BRK (EC 0x3C) and SVC (EC 0x15)
 * reach the registered handler with the right syndrome and return address,
 * the handler can skip an instruction and change registers, other registers
 * survive, and exc_catch records an UNDEFINED instruction.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static struct exc_frame seen;
static unsigned taken;

static void record_and_skip(struct exc_frame *f)
{
    seen = *f;
    taken++;
    exc_skip_instruction(f);
}

static void brk_is_delivered_and_skipped(void)
{
    uint64_t at;

    taken = 0;
    __asm__ volatile("adr %0, 1f\n1:\tbrk #0x123" : "=r"(at) : : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(ESR_EC(seen.esr), EC_BRK64);
    CHECK_EQ(ESR_ISS(seen.esr), 0x123);
    CHECK(seen.esr & ESR_IL);
    CHECK_EQ(seen.elr, at); /* preferred return address: the BRK itself */
    CHECK_EQ(seen.el, current_el());
    CHECK_EQ(seen.vector, EXC_SOURCE_CURRENT_SPX * 4 + EXC_SYNC);
}

static void svc_is_delivered(void)
{
    uint64_t at;

    taken = 0;
    __asm__ volatile("adr %0, 1f\n1:\tsvc #0xabc" : "=r"(at) : : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(ESR_EC(seen.esr), EC_SVC64);
    CHECK_EQ(ESR_ISS(seen.esr), 0xabc);
    CHECK_EQ(seen.elr, at + 4); /* preferred return address: after the SVC */
}

static void set_x0_to_svc_immediate(struct exc_frame *f)
{
    f->x[0] = ESR_ISS(f->esr) + 1;
}

static void handler_changes_registers_others_survive(void)
{
    uint64_t x0, x9, x17, x30;

    set_sync_handler(set_x0_to_svc_immediate);
    __asm__ volatile("mov x0, #0\n\t"
                     "movz x9, #0x9999\n\t"
                     "movz x17, #0x1717\n\t"
                     "mov x30, #0x3030\n\t"
                     "svc #0x41\n\t"
                     "mov %0, x0\n\tmov %1, x9\n\tmov %2, x17\n\tmov %3, x30"
                     : "=r"(x0), "=r"(x9), "=r"(x17), "=r"(x30)
                     :
                     : "x0", "x9", "x17", "x30", "memory");
    CHECK_EQ(x0, 0x42);
    CHECK_EQ(x9, 0x9999);
    CHECK_EQ(x17, 0x1717);
    CHECK_EQ(x30, 0x3030);
    set_sync_handler(record_and_skip);
}

static void catch_records_undefined(void)
{
    struct exc_frame f;
    uint64_t at;

    exc_catch_begin();
    __asm__ volatile("adr %0, 1f\n1:\tudf #0x5a" : "=r"(at) : : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
    CHECK_EQ(f.elr, at);

    exc_catch_begin();
    CHECK_EQ(exc_catch_end(&f), 0);
}

int main(void)
{
    CHECK_EQ(set_sync_handler(record_and_skip), 0);
    brk_is_delivered_and_skipped();
    svc_is_delivered();
    handler_changes_registers_others_survive();
    catch_records_undefined();
    printf("exceptions handled at EL%u\n", current_el());
    return test_summary();
}
