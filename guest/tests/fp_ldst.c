/*
 * SIMD&FP loads and stores: LDR/STR of B, H, S, D, Q registers in every
 * addressing mode (zeroing the rest of the register), literal loads, LDP/STP/
 * LDNP/STNP, LD1-LD4 and ST1-ST4 (multiple structures, one lane, replicate)
 * with their post-index forms, and alignment: the MMU is off, so data is
 * Device memory and each element must be aligned to its size (a Q register to
 * 16 bytes).
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static uint8_t buf[256] __attribute__((aligned(64)));
static uint8_t out[256] __attribute__((aligned(64)));

struct q {
    uint64_t lo, hi;
};

static void fill(void)
{
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)i;
    memset(out, 0xEE, sizeof out);
}

/* 8 bytes of buf from offset i, as the little-endian loads see them. */
static uint64_t bytes_at(unsigned i)
{
    uint64_t v = 0;
    for (unsigned k = 0; k < 8; k++)
        v |= (uint64_t)(uint8_t)(i + k) << (8 * k);
    return v;
}

/* V0 as two doublewords after INSN; V0 starts as all ones. */
#define LOADQ(insn, base)                                                                          \
    ({                                                                                             \
        struct q q_;                                                                               \
        uint64_t b_ = (uint64_t)(uintptr_t)(base);                                                 \
        __asm__ volatile("movi v0.2d, #-1\n\t" insn "\n\tmov %0, v0.d[0]\n\tmov %1, v0.d[1]"       \
                         : "=r"(q_.lo), "=r"(q_.hi), "+r"(b_)                                      \
                         :                                                                         \
                         : "v0", "memory");                                                        \
        q_;                                                                                        \
    })

static void test_single_register(void)
{
    fill();
    struct q r = LOADQ("ldr b0, [%2, #5]", buf);
    CHECK_EQ(r.lo, 5);
    CHECK_EQ(r.hi, 0);
    r = LOADQ("ldr h0, [%2, #6]", buf);
    CHECK_EQ(r.lo, 0x0706);
    r = LOADQ("ldr s0, [%2, #8]", buf);
    CHECK_EQ(r.lo, 0x0B0A0908);
    CHECK_EQ(r.hi, 0);
    r = LOADQ("ldr d0, [%2, #16]", buf);
    CHECK_EQ(r.lo, bytes_at(16));
    CHECK_EQ(r.hi, 0);
    r = LOADQ("ldr q0, [%2, #32]", buf);
    CHECK_EQ(r.lo, bytes_at(32));
    CHECK_EQ(r.hi, bytes_at(40));
    r = LOADQ("ldur s0, [%2, #-4]", buf + 8);
    CHECK_EQ(r.lo, 0x07060504);
    r = LOADQ("ldur q0, [%2, #-16]", buf + 64);
    CHECK_EQ(r.lo, bytes_at(48));

    /* pre- and post-index write back the base */
    uint64_t base = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("ldr d0, [%0, #8]!" : "+r"(base) : : "v0", "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 8);
    __asm__ volatile("ldr d0, [%0], #-8" : "+r"(base) : : "v0", "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 0);
    __asm__ volatile("str s0, [%0, #4]!" : "+r"(base) : : "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 4);

    /* register offset, with extension and scaling */
    uint64_t idx = 3, neg = (uint64_t)-2;
    struct q q1, q2;
    __asm__ volatile("ldr d0, [%2, %3, lsl #3]\n\tmov %0, v0.d[0]\n\t"
                     "ldr h0, [%2, %w4, sxtw #1]\n\tmov %1, v0.d[0]"
                     : "=&r"(q1.lo), "=&r"(q2.lo)
                     : "r"(buf + 64), "r"(idx), "r"(neg)
                     : "v0", "memory");
    CHECK_EQ(q1.lo, bytes_at(88));
    CHECK_EQ(q2.lo, 0x3D3C);
    __asm__ volatile("ldr q0, [%1, %2, lsl #4]\n\tmov %0, v0.d[1]"
                     : "=&r"(q1.hi)
                     : "r"(buf), "r"(idx)
                     : "v0", "memory");
    CHECK_EQ(q1.hi, bytes_at(56));
}

static void test_stores(void)
{
    fill();
    __asm__ volatile("ldr q1, [%0]\n\t"
                     "str b1, [%1]\n\t"
                     "str h1, [%1, #2]\n\t"
                     "str s1, [%1, #4]\n\t"
                     "str d1, [%1, #8]\n\t"
                     "str q1, [%1, #16]\n\t"
                     "stur d1, [%1, #40]"
                     :
                     : "r"(buf + 0x40), "r"(out)
                     : "v1", "memory");
    static const uint8_t expect[48] = {0x40, 0xEE, 0x40, 0x41, 0x40, 0x41, 0x42, 0x43, 0x40, 0x41,
                                       0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x40, 0x41, 0x42, 0x43,
                                       0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D,
                                       0x4E, 0x4F, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE,
                                       0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47};
    CHECK(!memcmp(out, expect, sizeof expect));
}

/* LDR (literal) of S, D and Q. */
static void test_literal(void)
{
    uint64_t s, d, qlo, qhi;
    __asm__ volatile("ldr s0, 1f\n\tfmov %w0, s0\n\t"
                     "ldr d0, 2f\n\tfmov %1, d0\n\t"
                     "ldr q0, 3f\n\tmov %2, v0.d[0]\n\tmov %3, v0.d[1]\n\t"
                     "b 4f\n"
                     ".balign 16\n"
                     "3: .quad 0x1111111122222222, 0x3333333344444444\n"
                     "2: .quad 0x5555555566666666\n"
                     "1: .word 0x77777777\n"
                     "4:"
                     : "=&r"(s), "=&r"(d), "=&r"(qlo), "=&r"(qhi)
                     :
                     : "v0");
    CHECK_EQ(s, 0x77777777);
    CHECK_EQ(d, 0x5555555566666666ull);
    CHECK_EQ(qlo, 0x1111111122222222ull);
    CHECK_EQ(qhi, 0x3333333344444444ull);
}

static void test_pairs(void)
{
    fill();
    uint64_t a, b, c, d, base = (uint64_t)(uintptr_t)buf;
    __asm__ volatile("ldp q0, q1, [%4, #32]!\n\t"
                     "mov %0, v0.d[0]\n\tmov %1, v1.d[1]\n\t"
                     "ldp s2, s3, [%4], #-8\n\t"
                     "fmov %w2, s2\n\tfmov %w3, s3"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "+r"(base)
                     :
                     : "v0", "v1", "v2", "v3", "memory");
    CHECK_EQ(a, bytes_at(32));
    CHECK_EQ(b, bytes_at(56));
    CHECK_EQ(c, 0x23222120);
    CHECK_EQ(d, 0x27262524);
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 24);
    __asm__ volatile("ldnp d4, d5, [%2, #-16]\n\tfmov %0, d4\n\tfmov %1, d5"
                     : "=&r"(a), "=&r"(b)
                     : "r"(buf + 128)
                     : "v4", "v5", "memory");
    CHECK_EQ(a, bytes_at(112));
    CHECK_EQ(b, bytes_at(120));
    __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%0, #16]\n\t"
                     "stp q1, q0, [%1]\n\tstnp d0, d1, [%1, #32]\n\tstp s1, s0, [%1, #48]"
                     :
                     : "r"(buf + 0x80), "r"(out)
                     : "v0", "v1", "memory");
    uint64_t w[8];
    memcpy(w, out, sizeof w);
    CHECK_EQ(w[0], bytes_at(0x90));
    CHECK_EQ(w[2], bytes_at(0x80));
    CHECK_EQ(w[4], bytes_at(0x80));
    CHECK_EQ(w[5], bytes_at(0x90));
    CHECK_EQ(w[6], 0x8382818093929190ull);
}

static void test_structures(void)
{
    fill();
    uint64_t r[8];
    /* LD1 with four registers, then LD2/LD3/LD4 de-interleave */
    __asm__ volatile("ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [%1]\n\t"
                     "mov %0, v3.d[1]\n\t"
                     : "=r"(r[0])
                     : "r"(buf)
                     : "v0", "v1", "v2", "v3", "memory");
    CHECK_EQ(r[0], bytes_at(56));
    __asm__ volatile("ld2 {v0.8h, v1.8h}, [%2]\n\tmov %0, v0.d[0]\n\tmov %1, v1.d[1]"
                     : "=&r"(r[0]), "=&r"(r[1])
                     : "r"(buf)
                     : "v0", "v1", "memory");
    CHECK_EQ(r[0], 0x0D0C090805040100ull);
    CHECK_EQ(r[1], 0x1F1E1B1A17161312ull);
    __asm__ volatile("ld3 {v0.8b, v1.8b, v2.8b}, [%3]\n\t"
                     "fmov %0, d0\n\tfmov %1, d2\n\tmov %2, v2.d[1]"
                     : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2])
                     : "r"(buf)
                     : "v0", "v1", "v2", "memory");
    CHECK_EQ(r[0], 0x15120F0C09060300ull);
    CHECK_EQ(r[1], 0x1714110E0B080502ull);
    CHECK_EQ(r[2], 0);
    __asm__ volatile("ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [%2]\n\tmov %0, v4.d[1]\n\tmov %1, v7.d[0]"
                     : "=&r"(r[0]), "=&r"(r[1])
                     : "r"(buf)
                     : "v4", "v5", "v6", "v7", "memory");
    CHECK_EQ(r[0], 0x3332313023222120ull);
    CHECK_EQ(r[1], 0x1F1E1D1C0F0E0D0Cull);
    /* ST2 interleaves back; ST1 of three registers */
    __asm__ volatile("ld2 {v0.4s, v1.4s}, [%0]\n\tst2 {v0.4s, v1.4s}, [%1]\n\t"
                     "ld1 {v2.2d, v3.2d, v4.2d}, [%0]\n\tst1 {v2.2d, v3.2d, v4.2d}, [%2]"
                     :
                     : "r"(buf), "r"(out), "r"(out + 64)
                     : "v0", "v1", "v2", "v3", "v4", "memory");
    CHECK(!memcmp(out, buf, 32));
    CHECK(!memcmp(out + 64, buf, 48));
    /* ST3 / ST4 of 64-bit vectors */
    fill();
    __asm__ volatile("ld3 {v0.4h, v1.4h, v2.4h}, [%0]\n\tst3 {v0.4h, v1.4h, v2.4h}, [%1]\n\t"
                     "ld4 {v0.8b, v1.8b, v2.8b, v3.8b}, [%0]\n\tst4 {v0.8b, v1.8b, v2.8b, v3.8b}, "
                     "[%2]"
                     :
                     : "r"(buf), "r"(out), "r"(out + 64)
                     : "v0", "v1", "v2", "v3", "memory");
    CHECK(!memcmp(out, buf, 24));
    CHECK(!memcmp(out + 64, buf, 32));
    CHECK_EQ(out[24], 0xEE);
    CHECK_EQ(out[96], 0xEE);
}

static void test_lanes_and_replicate(void)
{
    fill();
    uint64_t r[2];
    __asm__ volatile("movi v0.2d, #0\n\tmovi v1.2d, #0\n\t"
                     "ld1 {v0.s}[3], [%2]\n\t"
                     "ld2 {v0.b, v1.b}[5], [%3]\n\t"
                     "mov %0, v0.d[1]\n\tmov %1, v1.d[0]"
                     : "=&r"(r[0]), "=&r"(r[1])
                     : "r"(buf + 16), "r"(buf + 0x30)
                     : "v0", "v1", "memory");
    CHECK_EQ(r[0], 0x1312111000000000ull);
    CHECK_EQ(r[1], 0x0000310000000000ull);
    uint64_t rep_hi, r7_lo, r7_hi;
    __asm__ volatile("ld1r {v0.8h}, [%3]\n\tld4r {v4.2s, v5.2s, v6.2s, v7.2s}, [%4]\n\t"
                     "mov %0, v0.d[1]\n\tmov %1, v7.d[0]\n\tmov %2, v7.d[1]"
                     : "=&r"(rep_hi), "=&r"(r7_lo), "=&r"(r7_hi)
                     : "r"(buf + 0x22), "r"(buf + 0x40)
                     : "v0", "v4", "v5", "v6", "v7", "memory");
    CHECK_EQ(rep_hi, 0x2322232223222322ull);
    CHECK_EQ(r7_lo, 0x4F4E4D4C4F4E4D4Cull);
    CHECK_EQ(r7_hi, 0);
    /* ST1 / ST3 of one lane */
    __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%0, #16]\n\tldr q2, [%0, #32]\n\t"
                     "st1 {v0.d}[1], [%1]\n\tst3 {v0.h, v1.h, v2.h}[7], [%2]"
                     :
                     : "r"(buf), "r"(out), "r"(out + 16)
                     : "v0", "v1", "v2", "memory");
    CHECK_EQ(*(uint64_t *)out, bytes_at(8));
    CHECK_EQ(*(uint32_t *)(out + 16), 0x1F1E0F0E);
    CHECK_EQ(*(uint16_t *)(out + 20), 0x2F2E);
    CHECK_EQ(out[22], 0xEE);
}

static void test_post_index(void)
{
    fill();
    uint64_t base = (uint64_t)(uintptr_t)buf, step = 5, v;
    __asm__ volatile("ld1 {v0.16b, v1.16b}, [%0], #32" : "+r"(base) : : "v0", "v1", "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 32);
    __asm__ volatile("ld3 {v0.8b, v1.8b, v2.8b}, [%0], %1"
                     : "+r"(base)
                     : "r"(step)
                     : "v0", "v1", "v2", "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 37);
    __asm__ volatile("ld1 {v0.b}[0], [%0], #1\n\tld4r {v0.4h, v1.4h, v2.4h, v3.4h}, [%0], #8\n\t"
                     "umov %w1, v3.h[3]"
                     : "+r"(base), "=r"(v)
                     :
                     : "v0", "v1", "v2", "v3", "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 46);
    CHECK_EQ(v, 0x2D2C);
    __asm__ volatile("st2 {v0.h, v1.h}[1], [%0], #4" : "+r"(base) : : "memory");
    CHECK_EQ(base - (uint64_t)(uintptr_t)buf, 50);
}

/* Device memory: each element aligned to its own size, a Q register to 16 bytes. */
static void test_alignment(void)
{
    struct exc_frame f;
    fill();
    exc_catch_begin();
    __asm__ volatile("ldr q0, [%0]" ::"r"(buf + 8) : "v0", "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_DABT_CURRENT);
    CHECK_EQ(ESR_ISS(f.esr) & 0x3F, 0x21); /* alignment fault */
    CHECK_EQ(f.far, (uint64_t)(uintptr_t)(buf + 8));

    exc_catch_begin();
    __asm__ volatile("ld1 {v0.4s}, [%0]\n\t"  /* elements aligned: fine */
                     "ld1 {v0.8h}, [%1]\n\t"  /* 2-byte elements at an odd address */
                     "ldr d0, [%2]\n\t"       /* 8 bytes at 4 */
                     "ld1r {v0.4s}, [%3]\n\t" /* fine */
                     "stp s0, s1, [%3]"       /* fine */
                     ::"r"(buf + 4),
                     "r"(buf + 1), "r"(buf + 4), "r"(buf + 12)
                     : "v0", "v1", "memory");
    CHECK_EQ(exc_catch_end(&f), 2);
    CHECK_EQ(f.far, (uint64_t)(uintptr_t)(buf + 4));

    /* a faulting store leaves memory unchanged */
    memset(out, 0xEE, sizeof out);
    exc_catch_begin();
    __asm__ volatile("movi v0.16b, #1\n\tst1 {v0.8h}, [%0]" ::"r"(out + 3) : "v0", "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(out[3], 0xEE);
}

int main(void)
{
    test_single_register();
    test_stores();
    test_literal();
    test_pairs();
    test_structures();
    test_lanes_and_replicate();
    test_post_index();
    test_alignment();
    return test_summary();
}
