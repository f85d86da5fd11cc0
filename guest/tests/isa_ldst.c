/*
 * Loads and stores of general-purpose registers: every size and extension,
 * unsigned offset, unscaled, pre/post-index, register offset (each extend),
 * literal, PRFM, LDP/STP/LDPSW/LDNP/STNP, LDTR/STTR, the CONSTRAINED
 * UNPREDICTABLE writeback cases (as QEMU resolves them), and alignment faults:
 * the MMU is off, so data accesses are Device-nGnRnE and must be aligned.
 *
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

static uint8_t buf[64] __attribute__((aligned(64)));
static const uint8_t pattern[16] = {0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8,
                                    0x09, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70};

/* buf + off as an integer: some tests point the base register outside buf. */
#define BUF(off) ((uint64_t)(uintptr_t)buf + (uint64_t)(off))

static void fill(void)
{
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = pattern[i % 16];
}

static uint64_t rd64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* A load "INSN %0, [%1...]" with the destination preset to all ones. */
#define LOAD(insn, base)                                                                           \
    ({                                                                                             \
        uint64_t v_ = ~0ull;                                                                       \
        __asm__ volatile(insn : "+r"(v_) : "r"(base) : "memory");                                  \
        v_;                                                                                        \
    })

static void test_unsigned_offset(void)
{
    fill();
    CHECK_EQ(LOAD("ldrb %w0, [%1, #1]", buf), 0x92);
    CHECK_EQ(LOAD("ldrh %w0, [%1, #2]", buf), 0xb4a3);
    CHECK_EQ(LOAD("ldr %w0, [%1, #4]", buf), 0xf8e7d6c5);
    CHECK_EQ(LOAD("ldr %x0, [%1, #8]", buf), 0x706f5e4d3c2b1a09);
    CHECK_EQ(LOAD("ldrsb %x0, [%1]", buf), 0xffffffffffffff81);
    CHECK_EQ(LOAD("ldrsb %w0, [%1]", buf), 0xffffff81);
    CHECK_EQ(LOAD("ldrsb %x0, [%1, #8]", buf), 0x09);
    CHECK_EQ(LOAD("ldrsh %x0, [%1, #2]", buf), 0xffffffffffffb4a3);
    CHECK_EQ(LOAD("ldrsh %w0, [%1, #2]", buf), 0xb4a3 | 0xffff0000);
    CHECK_EQ(LOAD("ldrsw %x0, [%1, #4]", buf), 0xfffffffff8e7d6c5);
    CHECK_EQ(LOAD("ldrsw %x0, [%1, #12]", buf), 0x706f5e4d);
    CHECK_EQ(LOAD("ldr %x0, [%1, #32760]", BUF(8 - 32760)), 0x706f5e4d3c2b1a09); /* max imm12 */

    memset(buf, 0, sizeof buf);
    __asm__ volatile("strb %w1, [%0, #1]\n\t"
                     "strh %w1, [%0, #2]\n\t"
                     "str %w1, [%0, #4]\n\t"
                     "str %x1, [%0, #8]"
                     :
                     : "r"(buf), "r"(0x1122334455667788ull)
                     : "memory");
    CHECK_EQ(rd64(buf), 0x5566778877888800);
    CHECK_EQ(rd64(buf + 8), 0x1122334455667788);
    /* Stores of XZR/WZR. */
    __asm__ volatile("str xzr, [%0, #8]\n\tstrb wzr, [%0, #7]" : : "r"(buf) : "memory");
    CHECK_EQ(rd64(buf + 8), 0);
    CHECK_EQ(rd64(buf), 0x0066778877888800);
}

static void test_unscaled(void)
{
    fill();
    CHECK_EQ(LOAD("ldur %x0, [%1, #-8]", buf + 16), 0x706f5e4d3c2b1a09);
    CHECK_EQ(LOAD("ldurb %w0, [%1, #-1]", buf + 16), 0x70);
    CHECK_EQ(LOAD("ldursh %x0, [%1, #-256]", BUF(256 + 2)), 0xffffffffffffb4a3);
    CHECK_EQ(LOAD("ldursw %x0, [%1, #255]", BUF(4 - 255)), 0xfffffffff8e7d6c5);
    __asm__ volatile("sturh %w1, [%0, #-2]" : : "r"(buf + 16), "r"(0xabcd) : "memory");
    CHECK_EQ(rd64(buf + 8), 0xabcd5e4d3c2b1a09);
}

static void test_pre_post_index(void)
{
    uint64_t v, p;
    fill();
    p = (uint64_t)buf;
    __asm__ volatile("ldr %x0, [%1, #8]!" : "=r"(v), "+r"(p) : : "memory");
    CHECK_EQ(v, 0x706f5e4d3c2b1a09);
    CHECK_EQ(p, (uint64_t)buf + 8);
    __asm__ volatile("ldrsh %w0, [%1], #-6" : "=r"(v), "+r"(p) : : "memory");
    CHECK_EQ(v, 0x1a09);
    CHECK_EQ(p, (uint64_t)buf + 2);
    __asm__ volatile("ldrb %w0, [%1, #-1]!" : "=r"(v), "+r"(p) : : "memory");
    CHECK_EQ(v, 0x92);
    CHECK_EQ(p, (uint64_t)buf + 1);
    __asm__ volatile("str %x2, [%1, #-1]!\n\t"
                     "str %w2, [%1], #255\n\t"
                     "mov %0, %1"
                     : "=r"(v), "+r"(p)
                     : "r"(0x0102030405060708ull)
                     : "memory");
    CHECK_EQ(p, (uint64_t)buf + 255);
    CHECK_EQ(rd64(buf), 0x0102030405060708);
}

/* A load "INSN %0, [%1, %2...]" with the destination preset to all ones. */
#define LOAD2(insn, base, index)                                                                   \
    ({                                                                                             \
        uint64_t v_ = ~0ull;                                                                       \
        __asm__ volatile(insn : "+r"(v_) : "r"(base), "r"(index) : "memory");                      \
        v_;                                                                                        \
    })

static void test_register_offset(void)
{
    fill();
    CHECK_EQ(LOAD2("ldr %x0, [%1, %x2]", buf + 32, -24l), 0x706f5e4d3c2b1a09);
    CHECK_EQ(LOAD2("ldr %x0, [%1, %x2, lsl #3]", buf, 1), 0x706f5e4d3c2b1a09);
    CHECK_EQ(LOAD2("ldr %w0, [%1, %w2, uxtw #2]", buf, 0xffffffff00000001ull), 0xf8e7d6c5);
    CHECK_EQ(LOAD2("ldr %w0, [%1, %w2, uxtw]", buf, 0xffffffff00000004ull), 0xf8e7d6c5);
    CHECK_EQ(LOAD2("ldrsw %x0, [%1, %w2, sxtw #2]", buf + 8, 0xffffffffull), 0xfffffffff8e7d6c5);
    CHECK_EQ(LOAD2("ldrsw %x0, [%1, %w2, sxtw]", buf + 8, 0x1fffffffcull), 0xfffffffff8e7d6c5);
    CHECK_EQ(LOAD2("ldrh %w0, [%1, %x2, sxtx #1]", buf + 4, -1l), 0xb4a3);
    CHECK_EQ(LOAD2("ldrsh %x0, [%1, %x2, sxtx]", buf + 4, -2l), 0xffffffffffffb4a3);
    CHECK_EQ(LOAD2("ldrb %w0, [%1, %x2, lsl #0]", buf, 9), 0x1a);
    CHECK_EQ(LOAD2("ldrsb %w0, [%1, %w2, sxtw]", buf + 8, 0xfffffff9u), 0xffffff92);
    CHECK_EQ(LOAD2("ldr %x0, [%1, xzr]", buf, 0), 0xf8e7d6c5b4a39281);
    __asm__ volatile("str %x2, [%0, %x1, lsl #3]\n\t"
                     "strh %w2, [%0, %w1, uxtw #1]"
                     :
                     : "r"(buf), "r"(2), "r"(0x1122334455667788ull)
                     : "memory");
    CHECK_EQ(rd64(buf + 16), 0x1122334455667788);
    CHECK_EQ(rd64(buf), 0xf8e77788b4a39281);
}

static void test_literal(void)
{
    uint64_t x, w = ~0ull, sw, wn;
    __asm__ volatile("ldr %x0, 1f\n\t"
                     "ldr %w1, 1f\n\t"
                     "ldrsw %x2, 2f\n\t"
                     "ldrsw %x3, 1f\n\t"
                     "prfm pldl1keep, 1f\n\t"
                     "b 3f\n\t"
                     ".balign 8\n"
                     "1: .quad 0x8877665544332211\n"
                     "2: .word 0x80000000\n"
                     "3:"
                     : "=r"(x), "+r"(w), "=r"(sw), "=r"(wn));
    CHECK_EQ(x, 0x8877665544332211);
    CHECK_EQ(w, 0x44332211);
    CHECK_EQ(sw, 0xffffffff80000000);
    CHECK_EQ(wn, 0x44332211);
}

/* Prefetches never fault, whatever the address. */
static void test_prefetch(void)
{
    struct exc_frame f;
    exc_catch_begin();
    __asm__ volatile("prfm pldl1keep, [%0]\n\t"
                     "prfm pstl2strm, [%0, #8]\n\t"
                     "prfum plil3keep, [%0, #-3]\n\t"
                     "prfm pldl1keep, [%0, %1, lsl #3]\n\t"
                     "prfm #0x1f, [%0, %w1, sxtw]"
                     :
                     : "r"(0xdead0001ull), "r"(5));
    CHECK_EQ(exc_catch_end(&f), 0);
}

static void test_pairs(void)
{
    uint64_t a, b, p;
    fill();
    __asm__ volatile("ldp %w0, %w1, [%2, #4]" : "=r"(a), "=r"(b) : "r"(buf) : "memory");
    CHECK_EQ(a, 0xf8e7d6c5);
    CHECK_EQ(b, 0x3c2b1a09);
    __asm__ volatile("ldp %x0, %x1, [%2, #-16]" : "=r"(a), "=r"(b) : "r"(buf + 32) : "memory");
    CHECK_EQ(a, 0xf8e7d6c5b4a39281);
    CHECK_EQ(b, 0x706f5e4d3c2b1a09);
    __asm__ volatile("ldpsw %x0, %x1, [%2]" : "=r"(a), "=r"(b) : "r"(buf + 4) : "memory");
    CHECK_EQ(a, 0xfffffffff8e7d6c5);
    CHECK_EQ(b, 0x3c2b1a09);
    __asm__ volatile("ldnp %x0, %x1, [%2, #8]" : "=r"(a), "=r"(b) : "r"(buf) : "memory");
    CHECK_EQ(a, 0x706f5e4d3c2b1a09);
    CHECK_EQ(b, 0xf8e7d6c5b4a39281);

    /* Elements aligned, pair not aligned to its size: fine on Device memory. */
    __asm__ volatile("ldp %x0, %x1, [%2, #8]" : "=r"(a), "=r"(b) : "r"(buf) : "memory");
    CHECK_EQ(a, 0x706f5e4d3c2b1a09);
    CHECK_EQ(b, 0xf8e7d6c5b4a39281);

    p = (uint64_t)buf + 32;
    __asm__ volatile("stp %x1, %x2, [%0, #-16]!\n\t"
                     "stp %w2, %w1, [%0], #-8\n\t"
                     "stnp %w1, %w2, [%0, #-8]"
                     : "+r"(p)
                     : "r"(0x1111111122222222ull), "r"(0x3333333344444444ull)
                     : "memory");
    CHECK_EQ(p, (uint64_t)buf + 8);
    CHECK_EQ(rd64(buf + 16), 0x2222222244444444);
    CHECK_EQ(rd64(buf + 24), 0x3333333344444444);
    CHECK_EQ(rd64(buf), 0x4444444422222222);

    p = (uint64_t)buf;
    __asm__ volatile("ldp %x1, %x2, [%0, #16]!\n\t" : "+r"(p), "=r"(a), "=r"(b) : : "memory");
    CHECK_EQ(p, (uint64_t)buf + 16);
    CHECK_EQ(a, 0x2222222244444444);
    __asm__ volatile("ldpsw %x1, %x2, [%0], #-8\n\t" : "+r"(p), "=r"(a), "=r"(b) : : "memory");
    CHECK_EQ(p, (uint64_t)buf + 8);
    CHECK_EQ(a, 0x44444444);
    CHECK_EQ(b, 0x22222222);

    /* SP as the base, as in a function prologue and epilogue. */
    __asm__ volatile("stp %x2, %x3, [sp, #-32]!\n\t"
                     "str %x3, [sp, #16]\n\t"
                     "ldr %x0, [sp, #8]\n\t"
                     "ldp %x1, xzr, [sp], #32"
                     : "=&r"(a), "=&r"(b)
                     : "r"(0x5555ull), "r"(0x6666ull)
                     : "memory");
    CHECK_EQ(a, 0x6666);
    CHECK_EQ(b, 0x5555);
}

static uint8_t pages[2 * 4096] __attribute__((aligned(4096)));

/*
 * A pair whose second element is on the next page. (Not tested for word pairs:
 * QEMU gives an Alignment fault for a word pair at 0xffc of a Device page,
 * though each element is aligned.)
 */
static void test_pair_across_pages(void)
{
    uint64_t a, b;
    uint8_t *p = pages + 4096 - 8;
    __asm__ volatile("stp %x1, %x2, [%0]" : : "r"(p), "r"(0xaaull), "r"(0xbbull) : "memory");
    CHECK_EQ(rd64(p), 0xaa);
    CHECK_EQ(rd64(pages + 4096), 0xbb);
    __asm__ volatile("ldp %x0, %x1, [%2]" : "=r"(a), "=r"(b) : "r"(p) : "memory");
    CHECK_EQ(a, 0xaa);
    CHECK_EQ(b, 0xbb);
}

/* With the MMU off there are no permissions to check: LDTR/STTR behave as LDR/STR. */
static void test_unprivileged(void)
{
    fill();
    CHECK_EQ(LOAD("ldtr %x0, [%1, #8]", buf), 0x706f5e4d3c2b1a09);
    CHECK_EQ(LOAD("ldtrsh %w0, [%1, #-254]", BUF(256)), 0xffffb4a3);
    CHECK_EQ(LOAD("ldtrsw %x0, [%1, #4]", buf), 0xfffffffff8e7d6c5);
    CHECK_EQ(LOAD("ldtrb %w0, [%1, #255]", BUF(-254)), 0x92);
    __asm__ volatile("sttrh %w1, [%0, #2]\n\tsttr %x1, [%0, #8]"
                     :
                     : "r"(buf), "r"(0x1234ull)
                     : "memory");
    CHECK_EQ(rd64(buf), 0xf8e7d6c512349281);
    CHECK_EQ(rd64(buf + 8), 0x1234);
}

struct pair {
    uint64_t a, b;
};

/*
 * Runs the instruction word WORD with fixed registers RA = in_a and RB = in_b, and
 * yields both registers afterwards.
 */
#define RUN2(word, ra, rb, in_a, in_b)                                                             \
    ({                                                                                             \
        struct pair p_;                                                                            \
        __asm__ volatile("mov " ra ", %2\n\tmov " rb ", %3\n\t.inst " word "\n\t"                  \
                         "mov %0, " ra "\n\tmov %1, " rb                                           \
                         : "=&r"(p_.a), "=&r"(p_.b)                                                \
                         : "r"((uint64_t)(in_a)), "r"((uint64_t)(in_b))                            \
                         : ra, rb, "memory");                                                      \
        p_;                                                                                        \
    })

/*
 * CONSTRAINED UNPREDICTABLE register overlaps (encoded with .inst: the
 * assembler warns about them), resolved as QEMU does: a load writes the
 * register, then the base writeback; a store stores the old register value.
 */
static void test_overlaps(void)
{
    struct pair r;
    fill();
    r = RUN2("0xf8408400", "x0", "x1", BUF(0), 0); /* ldr x0, [x0], #8 */
    CHECK_EQ(r.a, BUF(8));
    r = RUN2("0xf8408c21", "x1", "x2", BUF(0), 0); /* ldr x1, [x1, #8]! */
    CHECK_EQ(r.a, BUF(8));
    r = RUN2("0xf81f8c42", "x2", "x3", BUF(16), 0); /* str x2, [x2, #-8]! */
    CHECK_EQ(r.a, BUF(8));
    CHECK_EQ(rd64(buf + 8), BUF(16));
    r = RUN2("0xf8008463", "x3", "x4", BUF(24), 0); /* str x3, [x3], #8 */
    CHECK_EQ(r.a, BUF(32));
    CHECK_EQ(rd64(buf + 24), BUF(24));

    fill();
    r = RUN2("0xa94010a4", "x4", "x5", 0, BUF(0)); /* ldp x4, x4, [x5] */
    printf("ldp x4, x4: x4 = 0x%016llx\n", (unsigned long long)r.a);
    CHECK_EQ(r.a, 0x706f5e4d3c2b1a09);             /* the second element */
    r = RUN2("0xa8c11cc6", "x6", "x7", BUF(0), 0); /* ldp x6, x7, [x6], #16 */
    printf("ldp x6, x7, [x6], #16: x6 = buf%+lld x7 = 0x%016llx\n", (long long)(r.a - BUF(0)),
           (unsigned long long)r.b);
    CHECK_EQ(r.a, BUF(16));                        /* the written-back address */
    r = RUN2("0xa9c12528", "x8", "x9", 0, BUF(0)); /* ldp x8, x9, [x9, #16]! */
    printf("ldp x8, x9, [x9, #16]!: x8 = 0x%016llx x9 = buf%+lld\n", (unsigned long long)r.a,
           (long long)(r.b - BUF(0)));
    CHECK_EQ(r.b, BUF(16));
    r = RUN2("0xa9bf2d4a", "x10", "x11", BUF(48), 0x1111); /* stp x10, x11, [x10, #-16]! */
    CHECK_EQ(r.a, BUF(32));
    CHECK_EQ(rd64(buf + 32), BUF(48));
    CHECK_EQ(rd64(buf + 40), 0x1111);
}

static void show_abort(const char *what, const struct exc_frame *f, uint64_t addr)
{
    printf("%s: EC=0x%02x ISS=0x%07x far_ok=%d\n", what, (unsigned)ESR_EC(f->esr),
           (unsigned)ESR_ISS(f->esr), f->far == addr);
}

/* Unaligned accesses to Device memory (the MMU is off) take Alignment faults (DFSC 0x21). */
static void test_alignment_faults(void)
{
    struct exc_frame f;
    uint64_t v = 0x5a, w = 0xa5, p;
    fill();

    exc_catch_begin();
    __asm__ volatile("ldr %x0, [%1]" : "+r"(v) : "r"(buf + 1) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldr x unaligned", &f, (uint64_t)buf + 1);
    CHECK_EQ(v, 0x5a);

    exc_catch_begin();
    __asm__ volatile("ldrh %w0, [%1, #3]" : "+r"(v) : "r"(buf) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldrh unaligned", &f, (uint64_t)buf + 3);

    exc_catch_begin();
    __asm__ volatile("str %w0, [%1, #2]" : : "r"(v), "r"(buf) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("str w unaligned", &f, (uint64_t)buf + 2);
    CHECK_EQ(rd64(buf), 0xf8e7d6c5b4a39281);

    p = (uint64_t)buf + 4;
    exc_catch_begin();
    __asm__ volatile("ldr %x0, [%1, #8]!" : "+r"(v), "+r"(p) : : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldr pre-index unaligned", &f, (uint64_t)buf + 12);
    CHECK_EQ(p, (uint64_t)buf + 4); /* no writeback */
    CHECK_EQ(v, 0x5a);

    exc_catch_begin();
    __asm__ volatile("ldp %x0, %x1, [%2]" : "+r"(v), "+r"(w) : "r"(buf + 4) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldp x unaligned", &f, (uint64_t)buf + 4);
    CHECK_EQ(v, 0x5a);
    CHECK_EQ(w, 0xa5);

    p = (uint64_t)buf + 2;
    exc_catch_begin();
    __asm__ volatile("stp %w1, %w1, [%0], #8" : "+r"(p) : "r"(v) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("stp w unaligned", &f, (uint64_t)buf + 2);
    CHECK_EQ(p, (uint64_t)buf + 2);
    CHECK_EQ(rd64(buf), 0xf8e7d6c5b4a39281);

    exc_catch_begin();
    __asm__ volatile("ldr %x0, [%1, %2]" : "+r"(v) : "r"(buf), "r"(7l) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldr register offset unaligned", &f, (uint64_t)buf + 7);
}

/* The second element of a pair beyond the end of RAM: an external abort; no register changes. */
static void test_pair_external_abort(void)
{
    struct exc_frame f;
    uint64_t v = 1, w = 2, end = 0x40000000ull + (128ull << 20);
    exc_catch_begin();
    __asm__ volatile("ldp %x0, %x1, [%2]" : "+r"(v), "+r"(w) : "r"(end - 8) : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    show_abort("ldp across end of RAM", &f, end);
    CHECK_EQ(v, 1);
    CHECK_EQ(w, 2);
}

/* Register offset with option<1> = 0 is reserved: UNDEFINED, also for PRFM. */
static void test_reserved_extend(void)
{
    struct exc_frame f;
    exc_catch_begin();
    __asm__ volatile(".inst 0xf8620820" ::: "x0", "memory"); /* ldr x0, [x1, w2, uxtb] */
    __asm__ volatile(".inst 0xf8a28820" ::: "memory");       /* prfm x0, [x1, w2, option 100] */
    CHECK_EQ(exc_catch_end(&f), 2);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
}

int main(void)
{
    test_unsigned_offset();
    test_unscaled();
    test_pre_post_index();
    test_register_offset();
    test_literal();
    test_prefetch();
    test_pairs();
    test_pair_across_pages();
    test_unprivileged();
    test_overlaps();
    test_alignment_faults();
    test_pair_external_abort();
    test_reserved_extend();
    return test_summary();
}
