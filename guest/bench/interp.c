/*
 * A register-machine bytecode interpreter with switch dispatch: indirect
 * branches and data-dependent conditional branches. Its program sums the
 * Collatz sequence lengths of 1..n.
 */
#include "kernels.h"

enum op {
    OP_LI,
    OP_MOV,
    OP_ADDI,
    OP_ANDI,
    OP_SHR1,
    OP_MUL3P1,
    OP_BEQ,
    OP_BEQZ,
    OP_BLE,
    OP_JMP,
    OP_HALT
};

struct insn {
    uint8_t op, a, b;
    int8_t c; /* immediate or jump target */
};

/* r0 = n, r1 = i, r2 = x, r3 = total steps, r4 = scratch, r5 = 1. */
static const struct insn collatz_program[] = {
    /* 0 */ {OP_LI, 1, 0, 1},
    /* 1 */ {OP_LI, 3, 0, 0},
    /* 2 */ {OP_LI, 5, 0, 1},
    /* 3 */ {OP_MOV, 2, 1, 0},  /* for (i = 1; i <= n; i++) { x = i */
    /* 4 */ {OP_BEQ, 2, 5, 12}, /* while (x != 1) { */
    /* 5 */ {OP_ADDI, 3, 0, 1}, /* total++ */
    /* 6 */ {OP_ANDI, 4, 2, 1},
    /* 7 */ {OP_BEQZ, 4, 0, 10},
    /* 8 */ {OP_MUL3P1, 2, 0, 0}, /* odd: x = 3x + 1 */
    /* 9 */ {OP_JMP, 0, 0, 4},
    /* 10 */ {OP_SHR1, 2, 0, 0}, /* even: x /= 2 */
    /* 11 */ {OP_JMP, 0, 0, 4},  /* } */
    /* 12 */ {OP_ADDI, 1, 0, 1},
    /* 13 */ {OP_BLE, 1, 0, 3}, /* } */
    /* 14 */ {OP_HALT, 0, 0, 0},
};

static uint64_t run(const struct insn *program, uint64_t n)
{
    uint64_t r[8] = {n};

    for (const struct insn *pc = program;; pc++) {
        switch (pc->op) {
        case OP_LI: r[pc->a] = (uint64_t)pc->c; break;
        case OP_MOV: r[pc->a] = r[pc->b]; break;
        case OP_ADDI: r[pc->a] += (uint64_t)pc->c; break;
        case OP_ANDI: r[pc->a] = r[pc->b] & (uint64_t)pc->c; break;
        case OP_SHR1: r[pc->a] >>= 1; break;
        case OP_MUL3P1: r[pc->a] = 3 * r[pc->a] + 1; break;
        case OP_BEQ:
            if (r[pc->a] == r[pc->b]) pc = program + pc->c - 1;
            break;
        case OP_BEQZ:
            if (r[pc->a] == 0) pc = program + pc->c - 1;
            break;
        case OP_BLE:
            if (r[pc->a] <= r[pc->b]) pc = program + pc->c - 1;
            break;
        case OP_JMP: pc = program + pc->c - 1; break;
        case OP_HALT: return r[3];
        }
    }
}

uint64_t bench_interp(uint64_t iterations)
{
    uint64_t sum = 0;

    for (uint64_t it = 0; it < iterations; it++)
        sum = sum * 3 + run(collatz_program, 100 + (it & 63));
    return sum;
}
