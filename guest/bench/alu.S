/*
 * uint64_t bench_alu(uint64_t iterations): a register-only loop of 16
 * instructions per iteration mixing shifts, logic, multiplies, divides,
 * conditional selects and bit operations.
 */
    .text
    .global bench_alu
    .balign 64
bench_alu:
    movz    x2, #0x2545
    movk    x2, #0xf491, lsl #16
    movk    x2, #0x4f6c, lsl #32
    movk    x2, #0xdd1d, lsl #48    /* x2: xorshift state */
    mov     x3, #0x9e37
    movk    x3, #0x79b9, lsl #16    /* x3: odd multiplier */
    mov     x6, #0                  /* x6, x7: accumulators */
    mov     x7, #1
    cbz     x0, 2f
    .balign 64
1:  eor     x2, x2, x2, lsl #13
    eor     x2, x2, x2, lsr #7
    eor     x2, x2, x2, lsl #17
    mul     x4, x2, x3
    umulh   x5, x2, x3
    eor     x6, x4, x6, ror #11
    orr     x8, x5, #1
    udiv    x9, x6, x8
    msub    x10, x9, x8, x6         /* x10 = x6 mod x8 */
    eor     x7, x7, x10
    cmp     x4, x5
    csel    x11, x4, x5, hi
    clz     x12, x11
    add     x7, x7, x12, lsl #3
    subs    x0, x0, #1
    b.ne    1b
2:  eor     x0, x6, x7
    ret
