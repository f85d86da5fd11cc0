/* Branches: B, BL, B.cond (every condition), CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET. */
#include "test.h"

/* Takes B.<cond> with NZCV preset; returns 1 when taken. */
#define BCOND(cond, nzcv)                                                                          \
    ({                                                                                             \
        uint64_t taken_;                                                                           \
        __asm__ volatile("msr nzcv, %x1\n\t"                                                       \
                         "mov %x0, #1\n\t"                                                         \
                         "b." cond " 1f\n\t"                                                       \
                         "mov %x0, #0\n"                                                           \
                         "1:"                                                                      \
                         : "=&r"(taken_)                                                           \
                         : "r"((uint64_t)(nzcv))                                                   \
                         : "cc");                                                                  \
        taken_;                                                                                    \
    })

static void test_conditions(void)
{
    /* For each of the 16 NZCV values, every condition against its Arm ARM definition. */
    for (uint64_t f = 0; f < 16; f++) {
        uint64_t nzcv = f << 28;
        bool n = f & 8, z = f & 4, c = f & 2, v = f & 1;
        CHECK_EQ(BCOND("eq", nzcv), z);
        CHECK_EQ(BCOND("ne", nzcv), !z);
        CHECK_EQ(BCOND("cs", nzcv), c);
        CHECK_EQ(BCOND("cc", nzcv), !c);
        CHECK_EQ(BCOND("mi", nzcv), n);
        CHECK_EQ(BCOND("pl", nzcv), !n);
        CHECK_EQ(BCOND("vs", nzcv), v);
        CHECK_EQ(BCOND("vc", nzcv), !v);
        CHECK_EQ(BCOND("hi", nzcv), c && !z);
        CHECK_EQ(BCOND("ls", nzcv), !(c && !z));
        CHECK_EQ(BCOND("ge", nzcv), n == v);
        CHECK_EQ(BCOND("lt", nzcv), n != v);
        CHECK_EQ(BCOND("gt", nzcv), !z && n == v);
        CHECK_EQ(BCOND("le", nzcv), !(!z && n == v));
        CHECK_EQ(BCOND("al", nzcv), 1);
        CHECK_EQ(BCOND("nv", nzcv), 1); /* NV behaves as AL in A64 */
    }
}

#define CB(insn, reg, val)                                                                         \
    ({                                                                                             \
        uint64_t taken_;                                                                           \
        __asm__ volatile("mov %x0, #1\n\t" insn " %" reg "1, 1f\n\t"                               \
                         "mov %x0, #0\n"                                                           \
                         "1:"                                                                      \
                         : "=&r"(taken_)                                                           \
                         : "r"((uint64_t)(val)));                                                  \
        taken_;                                                                                    \
    })

#define TB(insn, bitno, val)                                                                       \
    ({                                                                                             \
        uint64_t taken_;                                                                           \
        __asm__ volatile("mov %x0, #1\n\t" insn " %x1, #" #bitno ", 1f\n\t"                        \
                         "mov %x0, #0\n"                                                           \
                         "1:"                                                                      \
                         : "=&r"(taken_)                                                           \
                         : "r"((uint64_t)(val)));                                                  \
        taken_;                                                                                    \
    })

static void test_compare_branches(void)
{
    CHECK_EQ(CB("cbz", "x", 0), 1);
    CHECK_EQ(CB("cbz", "x", 1ull << 63), 0);
    CHECK_EQ(CB("cbnz", "x", 1ull << 63), 1);
    CHECK_EQ(CB("cbnz", "x", 0), 0);
    /* The 32-bit forms look at the low word only. */
    CHECK_EQ(CB("cbz", "w", 0xFFFFFFFF00000000ull), 1);
    CHECK_EQ(CB("cbnz", "w", 0xFFFFFFFF00000000ull), 0);
    CHECK_EQ(CB("cbnz", "w", 0x80000000ull), 1);

    CHECK_EQ(TB("tbz", 0, 0), 1);
    CHECK_EQ(TB("tbz", 0, 1), 0);
    CHECK_EQ(TB("tbnz", 31, 0x80000000ull), 1);
    CHECK_EQ(TB("tbnz", 32, 0x80000000ull), 0);
    CHECK_EQ(TB("tbnz", 32, 0x100000000ull), 1);
    CHECK_EQ(TB("tbz", 63, 0x7FFFFFFFFFFFFFFFull), 1);
    CHECK_EQ(TB("tbnz", 63, 0x8000000000000000ull), 1);
}

static __attribute__((noinline)) uint64_t add_one(uint64_t x)
{
    return x + 1;
}

static void test_register_branches(void)
{
    uint64_t r, lr;
    /* BL writes the return address into X30; RET returns through it. */
    __asm__ volatile("mov x0, #41\n\t"
                     "bl 2f\n\t"
                     "b 3f\n"
                     "2: add x0, x0, #1\n\t"
                     "ret\n"
                     "3: mov %x0, x0"
                     : "=r"(r)
                     :
                     : "x0", "x30");
    CHECK_EQ(r, 42);

    /* BLR through a register, and BLR X30 (the target is read before X30 is written). */
    uint64_t (*fn)(uint64_t) = add_one;
    CHECK_EQ(fn(9), 10);
    uint64_t label;
    __asm__ volatile("adr x30, 4f\n\t"
                     "adr %x1, 4f\n\t"
                     "blr x30\n"
                     "4: mov %x0, x30"
                     : "=r"(lr), "=&r"(label)
                     :
                     : "x30");
    CHECK_EQ(lr, label);

    /* BR to a computed address; RET through a register other than X30. */
    __asm__ volatile("adr x9, 6f\n\t"
                     "mov %x0, #0\n\t"
                     "br x9\n\t"
                     "mov %x0, #99\n"
                     "6: add %x0, %x0, #7\n\t"
                     "adr x10, 7f\n\t"
                     "ret x10\n\t"
                     "mov %x0, #98\n"
                     "7:"
                     : "=&r"(r)
                     :
                     : "x9", "x10");
    CHECK_EQ(r, 7);
}

static void test_long_branch(void)
{
    /* A backward loop with B.cond and an unconditional B over a gap. */
    uint64_t n = 0;
    __asm__ volatile("mov x9, #100\n"
                     "1: add %x0, %x0, #3\n\t"
                     "subs x9, x9, #1\n\t"
                     "b.ne 1b\n\t"
                     "b 2f\n\t"
                     ".skip 4096\n"
                     "2:"
                     : "+r"(n)
                     :
                     : "x9", "cc");
    CHECK_EQ(n, 300);
}

int main(void)
{
    test_conditions();
    test_compare_branches();
    test_register_branches();
    test_long_branch();
    return test_summary();
}
