/*
 * Code placed where avsim's threaded dispatch (src/cpu/cpu.h, exec_chain) changes how the next
 * instruction is reached: straight-line code and loops that cross a page boundary, an in-page
 * loop far longer than one chain (CHAIN_MAX), a conditional branch in a page's last slot (taken
 * within the page, or not taken into the next page), and a data abort in the middle of
 * straight-line code. The code is written at run time into four pages, with the maintenance the
 * architecture asks for (Arm ARM B2.4.4), and its results compared with the expected sums (and on
 * QEMU 10 with the same program).
 */
#include "test.h"

#define PAGE_SLOTS 1024u /* instructions in a 4 KiB page */

#define INSN_ADD_X0_1 0x91000400u /* ADD X0, X0, #1 */
#define INSN_ADD_X0_3 0x91000c00u /* ADD X0, X0, #3 */
#define INSN_ADD_X0_5 0x91001400u /* ADD X0, X0, #5 */
#define INSN_SUBS_X1  0xf1000421u /* SUBS X1, X1, #1 */
#define INSN_CMP_X0   0xeb00001fu /* CMP X0, X0 (Z = 1) */
#define INSN_MOVZ_X1  0xd2800001u /* MOVZ X1, #imm16 */
#define INSN_MOVZ_X3  0xd2800003u /* MOVZ X3, #imm16 */
#define INSN_LDXR     0xc85f7c62u /* LDXR X2, [X3] */
#define INSN_RET      0xd65f03c0u
#define COND_EQ       0x0u
#define COND_NE       0x1u

static uint32_t code[4 * PAGE_SLOTS] __attribute__((aligned(4096)));

static uint32_t movz(uint32_t insn, unsigned imm16)
{
    return insn | imm16 << 5;
}

/* B.cond from slot `from` to slot `to`. */
static uint32_t bcond(unsigned cond, unsigned from, unsigned to)
{
    return 0x54000000u | ((uint32_t)(to - from) & 0x7ffffu) << 5 | cond;
}

/* Makes the instructions in slots [first, first + n) visible to instruction fetch. */
static void sync_code(unsigned first, unsigned n)
{
    for (unsigned i = first & ~15u; i < first + n; i += 16)
        __asm__ volatile("dc cvau, %0" ::"r"(&code[i]) : "memory");
    dsb(ish);
    for (unsigned i = first & ~15u; i < first + n; i += 16)
        __asm__ volatile("ic ivau, %0" ::"r"(&code[i]) : "memory");
    dsb(ish);
    isb();
}

/* Runs the code at slot `entry` with X0 = x0; returns its X0. */
static uint64_t run(unsigned entry, uint64_t x0)
{
    register uint64_t r0 __asm__("x0") = x0;
    __asm__ volatile("blr %1"
                     : "+r"(r0)
                     : "r"(&code[entry])
                     : "x1", "x2", "x3", "x30", "cc", "memory");
    return r0;
}

/* n ADD X0, X0, #1 from slot first, then RET. */
static void emit_adds(unsigned first, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        code[first + i] = INSN_ADD_X0_1;
    code[first + n] = INSN_RET;
    sync_code(first, n + 1);
}

static void straight_line_across_pages(void)
{
    emit_adds(PAGE_SLOTS - 50, 100);
    CHECK_EQ(run(PAGE_SLOTS - 50, 7), 107);
    /* Entering in the last slot of a page, and in the first of the next. */
    CHECK_EQ(run(PAGE_SLOTS - 1, 0), 51);
    CHECK_EQ(run(PAGE_SLOTS, 0), 50);
    /* Three pages long: 2100 instructions. */
    emit_adds(PAGE_SLOTS - 10, 2100);
    CHECK_EQ(run(PAGE_SLOTS - 10, 0), 2100);
}

/* MOVZ X1, #count; loop: ADD X0, X0, #3; SUBS X1, X1, #1; B.NE loop; RET — at slot first. */
static void emit_loop(unsigned first, unsigned count)
{
    code[first] = movz(INSN_MOVZ_X1, count);
    code[first + 1] = INSN_ADD_X0_3;
    code[first + 2] = INSN_SUBS_X1;
    code[first + 3] = bcond(COND_NE, first + 3, first + 1);
    code[first + 4] = INSN_RET;
    sync_code(first, 5);
}

static void loops(void)
{
    /* 15000 instructions in one page: many chains' worth. */
    emit_loop(2 * PAGE_SLOTS + 100, 5000);
    CHECK_EQ(run(2 * PAGE_SLOTS + 100, 1), 15001);
    /* The body spans a page boundary: the backward branch goes to the previous page. */
    emit_loop(PAGE_SLOTS - 2, 300);
    CHECK_EQ(run(PAGE_SLOTS - 2, 0), 900);
    emit_loop(PAGE_SLOTS - 3, 300);
    CHECK_EQ(run(PAGE_SLOTS - 3, 0), 900);
}

static void branch_in_last_slot(void)
{
    const unsigned last = 3 * PAGE_SLOTS - 1;
    /* Not taken: on into the next page. */
    code[last - 1] = INSN_CMP_X0;
    code[last] = bcond(COND_NE, last, last + 2);
    code[last + 1] = INSN_ADD_X0_1;
    code[last + 2] = INSN_RET;
    sync_code(last - 1, 4);
    CHECK_EQ(run(last - 1, 10), 11);
    /* Taken: back into the same page. */
    code[last - 8] = INSN_ADD_X0_5;
    code[last - 7] = INSN_RET;
    code[last] = bcond(COND_EQ, last, last - 8);
    sync_code(last - 8, 10);
    CHECK_EQ(run(last - 1, 10), 15);
    /* Taken: forward into the next page. */
    code[last] = bcond(COND_EQ, last, last + 1);
    sync_code(last, 1);
    CHECK_EQ(run(last - 1, 10), 11);
}

static uint64_t aborts, abort_elr, abort_far;

/* The misaligned LDXR: note it and resume after it. */
static void abort_handler(struct exc_frame *f)
{
    aborts++;
    abort_elr = f->elr;
    abort_far = f->far;
    CHECK_EQ(ESR_EC(f->esr), EC_DABT_CURRENT);
    f->elr += 4;
}

static void abort_mid_chain(void)
{
    /* 10 ADDs, MOVZ X3, #0x1001, LDXR X2, [X3] (an alignment fault), 10 ADDs, RET: across a
     * page boundary. */
    const unsigned first = 2 * PAGE_SLOTS - 11;
    for (unsigned i = 0; i < 10; i++)
        code[first + i] = INSN_ADD_X0_1;
    code[first + 10] = movz(INSN_MOVZ_X3, 0x1001);
    code[first + 11] = INSN_LDXR;
    emit_adds(first + 12, 10);
    sync_code(first, 12);
    exc_handler_t old = set_sync_handler(abort_handler);
    CHECK_EQ(run(first, 0), 20);
    set_sync_handler(old);
    CHECK_EQ(aborts, 1);
    CHECK_EQ(abort_elr, (uint64_t)(uintptr_t)&code[first + 11]);
    CHECK_EQ(abort_far, 0x1001);
}

int main(void)
{
    straight_line_across_pages();
    loops();
    branch_in_last_slot();
    abort_mid_chain();
    return test_summary();
}
