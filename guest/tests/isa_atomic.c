/*
 * Exclusives (LDXR/STXR and pairs, success and failure paths), load-acquire /
 * store-release (LDAR, STLR, LDAPR), and FEAT_LSE: CAS, CASP, SWP and every
 * LD<op>/ST<op> at every size; alignment faults; two CPUs updating shared
 * counters with exclusives, LDADD and CAS.
 *
 * guest-test-machine: virt,virtualization=on,gic-version=3 -smp 2
 * guest-test-variant: el1 virt,gic-version=3 -smp 2
 */
#include "test.h"

static uint64_t mem[8] __attribute__((aligned(64)));

/* mem[0] with the low `size` bytes replaced by v. */
static uint64_t merged(uint64_t before, unsigned size, uint64_t v)
{
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    return (before & ~mask) | (v & mask);
}

static void test_exclusive_success(void)
{
    uint64_t old, status;
    mem[0] = 0x1122334455667788;
    __asm__ volatile("ldxrb %w0, [%2]\n\tstxrb %w1, %w3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(0x1aa)
                     : "memory");
    CHECK_EQ(old, 0x88);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0x11223344556677aa);
    __asm__ volatile("ldaxrh %w0, [%2]\n\tstlxrh %w1, %w3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(0xbbbb)
                     : "memory");
    CHECK_EQ(old, 0x77aa);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0x112233445566bbbb);
    __asm__ volatile("ldxr %w0, [%2]\n\tstlxr %w1, %w3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(0xcccccccc)
                     : "memory");
    CHECK_EQ(old, 0x5566bbbb);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0x11223344cccccccc);
    __asm__ volatile("ldaxr %x0, [%2]\n\tstxr %w1, %x3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(0xdddddddddddddddd)
                     : "memory");
    CHECK_EQ(old, 0x11223344cccccccc);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0xdddddddddddddddd);
}

/* STXR with the monitor cleared, for another address, or after the value changed. */
static void test_exclusive_failure(void)
{
    uint64_t old, status;
    mem[0] = 1;
    mem[1] = 2;
    __asm__ volatile("ldxr %x0, [%2]\n\tclrex\n\tstxr %w1, %x3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(5ull)
                     : "memory");
    CHECK_EQ(status, 1);
    CHECK_EQ(mem[0], 1);

    __asm__ volatile("ldxr %x0, [%2]\n\tstxr %w1, %x3, [%4]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(5ull), "r"(mem + 1)
                     : "memory");
    CHECK_EQ(status, 1);
    CHECK_EQ(mem[1], 2);

    __asm__ volatile("ldxr %x0, [%2]\n\tstr %x3, [%2]\n\tstxr %w1, %x3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(7ull)
                     : "memory");
    printf("stxr after a store of another value: status %u\n", (unsigned)status);
    CHECK_EQ(status, 1);

    /* A successful STXR clears the monitor: a second one fails. */
    __asm__ volatile("ldxr %x0, [%2]\n\tstxr %w1, %x3, [%2]\n\tstxr %w1, xzr, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(8ull)
                     : "memory");
    CHECK_EQ(status, 1);
    CHECK_EQ(mem[0], 8);

    /* Size mismatch between LDXR and STXR is CONSTRAINED UNPREDICTABLE: not tested. */
}

/* An exception between LDXR and STXR. */
static void test_exclusive_exception(void)
{
    struct exc_frame f;
    uint64_t old, status;
    mem[0] = 3;
    exc_catch_begin();
    __asm__ volatile("ldxr %x0, [%2]\n\tbrk #1\n\tstxr %w1, %x3, [%2]"
                     : "=&r"(old), "=&r"(status)
                     : "r"(mem), "r"(4ull)
                     : "memory");
    CHECK_EQ(exc_catch_end(&f), 1);
    printf("stxr after an exception: status %u\n", (unsigned)status);
}

static void test_exclusive_pairs(void)
{
    uint64_t a, b, status;
    mem[0] = 0x1111111122222222;
    mem[1] = 0x3333333344444444;
    __asm__ volatile("ldxp %w0, %w1, [%3]\n\tstxp %w2, %w1, %w0, [%3]"
                     : "=&r"(a), "=&r"(b), "=&r"(status)
                     : "r"(mem)
                     : "memory");
    CHECK_EQ(a, 0x22222222);
    CHECK_EQ(b, 0x11111111);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0x2222222211111111);
    __asm__ volatile("ldaxp %x0, %x1, [%3]\n\tstlxp %w2, %x1, %x0, [%3]"
                     : "=&r"(a), "=&r"(b), "=&r"(status)
                     : "r"(mem)
                     : "memory");
    CHECK_EQ(a, 0x2222222211111111);
    CHECK_EQ(b, 0x3333333344444444);
    CHECK_EQ(status, 0);
    CHECK_EQ(mem[0], 0x3333333344444444);
    CHECK_EQ(mem[1], 0x2222222211111111);
    /* The second doubleword changed: the pair store fails. */
    __asm__ volatile("ldxp %x0, %x1, [%3]\n\tstr xzr, [%3, #8]\n\tstxp %w2, %x1, %x0, [%3]"
                     : "=&r"(a), "=&r"(b), "=&r"(status)
                     : "r"(mem)
                     : "memory");
    CHECK_EQ(status, 1);
    CHECK_EQ(mem[0], 0x3333333344444444);
}

struct pair {
    uint64_t a, b;
};

/*
 * Runs PRE then the instruction word WORD with fixed registers RA = in_a and
 * RB = in_b, and yields both registers afterwards.
 */
#define RUN2(pre, word, ra, rb, in_a, in_b)                                                        \
    ({                                                                                             \
        struct pair p_;                                                                            \
        __asm__ volatile("mov " ra ", %2\n\tmov " rb ", %3\n\t" pre ".inst " word "\n\t"           \
                         "mov %0, " ra "\n\tmov %1, " rb                                           \
                         : "=&r"(p_.a), "=&r"(p_.b)                                                \
                         : "r"((uint64_t)(in_a)), "r"((uint64_t)(in_b))                            \
                         : ra, rb, "memory");                                                      \
        p_;                                                                                        \
    })

/* CONSTRAINED UNPREDICTABLE overlaps, resolved as QEMU does (encoded with .inst). */
static void test_exclusive_overlaps(void)
{
    struct pair r;
    mem[0] = 0xaaaa;
    mem[1] = 0xbbbb;
    r = RUN2("", "0xc87f10a4", "x4", "x5", 0, mem); /* ldxp x4, x4, [x5] */
    CHECK_EQ(r.a, 0xbbbb);
    /* stxr w6, x6, [x7]: the old x6 is stored, then x6 = status. */
    r = RUN2("ldxr xzr, [x7]\n\t", "0xc8067ce6", "x6", "x7", 0x66, mem);
    CHECK_EQ(r.a, 0);
    CHECK_EQ(mem[0], 0x66);
    /* stxr w7, x6, [x7]: the store uses the old x7 as the address. */
    r = RUN2("ldxr xzr, [x7]\n\t", "0xc8077ce6", "x6", "x7", 0x77, mem);
    CHECK_EQ(r.b, 0);
    CHECK_EQ(mem[0], 0x77);
}

static void test_acquire_release(void)
{
    uint64_t v = ~0ull;
    mem[0] = 0xf1e2d3c4b5a69788;
    __asm__ volatile("ldarb %w0, [%1]" : "+r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0x88);
    __asm__ volatile("ldarh %w0, [%1]" : "=r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0x9788);
    v = ~0ull;
    __asm__ volatile("ldar %w0, [%1]" : "+r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0xb5a69788);
    __asm__ volatile("ldar %x0, [%1]" : "=r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0xf1e2d3c4b5a69788);
    __asm__ volatile(".arch_extension rcpc\n\t"
                     "ldaprb %w0, [%1]"
                     : "=r"(v)
                     : "r"((uint8_t *)mem + 1)
                     : "memory");
    CHECK_EQ(v, 0x97);
    __asm__ volatile(".arch_extension rcpc\n\tldaprh %w0, [%1]" : "=r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0x9788);
    __asm__ volatile(".arch_extension rcpc\n\tldapr %w0, [%1]" : "=r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0xb5a69788);
    __asm__ volatile(".arch_extension rcpc\n\tldapr %x0, [%1]" : "=r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 0xf1e2d3c4b5a69788);

    uint8_t *m = (uint8_t *)mem;
    __asm__ volatile("stlrb %w4, [%0]\n\t"
                     "stlrh %w4, [%1]\n\t"
                     "stlr %w4, [%2]\n\t"
                     "stlr %x4, [%3]"
                     :
                     : "r"(m + 1), "r"(m + 2), "r"(m + 4), "r"(m + 8), "r"(0x1122334455667788)
                     : "memory");
    CHECK_EQ(mem[0], 0x5566778877888888);
    CHECK_EQ(mem[1], 0x1122334455667788);
}

/* CAS: Rs gets the old value (zero-extended); only the low `size` bytes of Rs are compared. */
static void test_cas(void)
{
    uint64_t s;
    mem[0] = 0x1122334455667788;
    s = 0xffffff88;
    __asm__ volatile("casb %w0, %w2, [%1]" : "+r"(s) : "r"(mem), "r"(0x99) : "memory");
    CHECK_EQ(s, 0x88);
    CHECK_EQ(mem[0], 0x1122334455667799);
    s = 0x1234;
    __asm__ volatile("casah %w0, %w2, [%1]" : "+r"(s) : "r"(mem), "r"(0xabcd) : "memory");
    CHECK_EQ(s, 0x7799);
    CHECK_EQ(mem[0], 0x1122334455667799);
    s = 0x55667799;
    __asm__ volatile("casl %w0, %w2, [%1]" : "+r"(s) : "r"(mem), "r"(0xcafef00d) : "memory");
    CHECK_EQ(s, 0x55667799);
    CHECK_EQ(mem[0], 0x11223344cafef00d);
    s = 0x11223344cafef00d;
    __asm__ volatile("casal %x0, %x2, [%1]"
                     : "+r"(s)
                     : "r"(mem), "r"(0x0123456789abcdefull)
                     : "memory");
    CHECK_EQ(s, 0x11223344cafef00d);
    CHECK_EQ(mem[0], 0x0123456789abcdef);
    s = 0;
    __asm__ volatile("casa %x0, %x2, [%1]" : "+r"(s) : "r"(mem), "r"(1ull) : "memory");
    CHECK_EQ(s, 0x0123456789abcdef);
    CHECK_EQ(mem[0], 0x0123456789abcdef);
    /* XZR as the compare register: compares with 0, result discarded. */
    mem[0] = 0;
    __asm__ volatile("cas xzr, %x1, [%0]" : : "r"(mem), "r"(42ull) : "memory");
    CHECK_EQ(mem[0], 42);
}

/* CASP with x0:x1 = compare value c0:c1 and x2:x3 = new value n0:n1; yields x0:x1 after. */
#define CASP(insn, c0, c1, n0, n1, addr)                                                           \
    ({                                                                                             \
        struct pair p_;                                                                            \
        __asm__ volatile("mov x0, %2\n\tmov x1, %3\n\tmov x2, %4\n\tmov x3, %5\n\t" insn           \
                         ", [%6]\n\tmov %0, x0\n\tmov %1, x1"                                      \
                         : "=&r"(p_.a), "=&r"(p_.b)                                                \
                         : "r"((uint64_t)(c0)), "r"((uint64_t)(c1)), "r"((uint64_t)(n0)),          \
                           "r"((uint64_t)(n1)), "r"(addr)                                          \
                         : "x0", "x1", "x2", "x3", "memory");                                      \
        p_;                                                                                        \
    })

static void test_casp(void)
{
    struct pair r;
    mem[0] = 0x1111111122222222;
    mem[1] = 0x3333333344444444;
    r = CASP("casp w0, w1, w2, w3", 0xffffffff22222222, 0x11111111, 0xaaaa, 0xbbbb, mem);
    CHECK_EQ(r.a, 0x22222222);
    CHECK_EQ(r.b, 0x11111111);
    CHECK_EQ(mem[0], 0x0000bbbb0000aaaa);
    r = CASP("caspal x0, x1, x2, x3", 0x0000bbbb0000aaaa, 0, 0xaaaa, 0xbbbb, mem);
    CHECK_EQ(r.a, 0x0000bbbb0000aaaa);
    CHECK_EQ(r.b, 0x3333333344444444);
    CHECK_EQ(mem[0], 0x0000bbbb0000aaaa); /* no change: the second doubleword differed */
    r = CASP("caspa x0, x1, x2, x3", 0x0000bbbb0000aaaa, 0x3333333344444444, 0xaaaa, 0xbbbb, mem);
    CHECK_EQ(mem[0], 0xaaaa);
    CHECK_EQ(mem[1], 0xbbbb);
    /* A failing word pair: x0:x1 get the old words, zero-extended. */
    r = CASP("caspl w0, w1, w2, w3", 1, 2, 3, 4, mem);
    CHECK_EQ(r.a, 0xaaaa);
    CHECK_EQ(r.b, 0);
    CHECK_EQ(mem[0], 0xaaaa);

    /* Odd Rs or Rt: UNDEFINED. */
    struct exc_frame f;
    exc_catch_begin();
    __asm__ volatile(".inst 0x48217c64" ::: "memory"); /* casp x1, x2, x4, x5, [x3] */
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_UNKNOWN);
}

/* Reference results of the LSE operations on the low `size` bytes. */
enum { ADD, CLR, EOR, SET, SMAX, SMIN, UMAX, UMIN, SWP };

static uint64_t reference(unsigned op, unsigned size, uint64_t m, uint64_t s)
{
    unsigned shift = 64 - 8 * size;
    uint64_t mu = m << shift >> shift, su = s << shift >> shift;
    int64_t ms = (int64_t)(m << shift) >> shift, ss = (int64_t)(s << shift) >> shift;
    switch (op) {
    case ADD: return mu + su;
    case CLR: return mu & ~su;
    case EOR: return mu ^ su;
    case SET: return mu | su;
    case SMAX: return ms > ss ? mu : su;
    case SMIN: return ms < ss ? mu : su;
    case UMAX: return mu > su ? mu : su;
    case UMIN: return mu < su ? mu : su;
    default: return su;
    }
}

#define M_INIT 0xf0e1d2c3b4a59687ull /* negative at every size */
#define S_INIT 0x0f1e2d3c4b5a6978ull /* positive at every size */

static void check_rmw(const char *name, unsigned op, unsigned size, uint64_t old)
{
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    bool ok = CHECK_EQ(old, M_INIT & mask);
    ok &= CHECK_EQ(mem[0], merged(M_INIT, size, reference(op, size, M_INIT, S_INIT)));
    ok &= CHECK_EQ(mem[1], 0);
    if (!ok) printf("  (%s, %u bytes)\n", name, size);
}

/* Runs "OP Rs, Rt, [Xn]" at the four sizes, Rt preset to all ones. */
#define RMW_ONE(op, insn, reg, size)                                                               \
    do {                                                                                           \
        uint64_t old_ = ~0ull;                                                                     \
        mem[0] = M_INIT;                                                                           \
        mem[1] = 0;                                                                                \
        __asm__ volatile(insn " %" reg "2, %" reg "0, [%1]"                                        \
                         : "+r"(old_)                                                              \
                         : "r"(mem), "r"(S_INIT)                                                   \
                         : "memory");                                                              \
        check_rmw(insn, op, size, old_);                                                           \
    } while (0)
#define RMW_ALL(op, name, order)                                                                   \
    do {                                                                                           \
        RMW_ONE(op, name order "b", "w", 1);                                                       \
        RMW_ONE(op, name order "h", "w", 2);                                                       \
        RMW_ONE(op, name order, "w", 4);                                                           \
        RMW_ONE(op, name order, "x", 8);                                                           \
    } while (0)

static void test_rmw(void)
{
    RMW_ALL(ADD, "ldadd", "");
    RMW_ALL(CLR, "ldclr", "a");
    RMW_ALL(EOR, "ldeor", "l");
    RMW_ALL(SET, "ldset", "al");
    RMW_ALL(SMAX, "ldsmax", "");
    RMW_ALL(SMIN, "ldsmin", "a");
    RMW_ALL(UMAX, "ldumax", "l");
    RMW_ALL(UMIN, "ldumin", "al");
    RMW_ALL(SWP, "swp", "");
    RMW_ALL(SWP, "swp", "al");
    RMW_ALL(ADD, "ldadd", "al");

    /* ST<op>: LD<op> with Rt = ZR. */
    mem[0] = 5;
    __asm__ volatile("stadd %x1, [%0]\n\t"
                     "stsmaxh %w2, [%0]\n\t"
                     "steorlb %w3, [%0]"
                     :
                     : "r"(mem), "r"(10ull), "r"(0x8000), "r"(0xff)
                     : "memory");
    CHECK_EQ(mem[0], 0xf0);

    /* Rs == Rt: the operand is read before the old value is written. */
    uint64_t v = 3;
    mem[0] = 40;
    __asm__ volatile("ldadd %x0, %x0, [%1]" : "+r"(v) : "r"(mem) : "memory");
    CHECK_EQ(v, 40);
    CHECK_EQ(mem[0], 43);
}

/*
 * WnR of an Alignment fault on an atomic read-modify-write (LD<op>, SWP, CAS, CASP) is 0 by the
 * Arm ARM (a read would fault the same); QEMU 10 reports 1 for some of them and 0 for others, so
 * it is masked here for those, and checked on avsim alone by guest.atomic_align_wnr.
 */
static void show_abort(const char *what, const struct exc_frame *f, uint64_t addr)
{
    bool rmw = !strncmp(what, "ld", 2) ? strncmp(what, "ldx", 3) && strncmp(what, "ldax", 4) &&
                                             strncmp(what, "ldar", 4) && strncmp(what, "ldap", 4)
                                       : !strncmp(what, "swp", 3) || !strncmp(what, "stclr", 5) ||
                                             !strncmp(what, "cas", 3);
    uint32_t iss = (uint32_t)ESR_ISS(f->esr) & (rmw ? ~(1u << 6) : ~0u);
    printf("%s: EC=0x%02x ISS=0x%07x far_ok=%d\n", what, (unsigned)ESR_EC(f->esr), iss,
           f->far == addr);
}

/* Exclusives, atomics and acquire/release need natural alignment; exclusive pairs the pair's. */
static void test_alignment(void)
{
    struct exc_frame f;
    uint64_t v = 0x5a, s = 0, m = (uint64_t)mem;
    mem[0] = mem[1] = mem[2] = 0;

#define FAULT(what, insn, addr)                                                                    \
    do {                                                                                           \
        exc_catch_begin();                                                                         \
        __asm__ volatile(insn : "+r"(v), "+r"(s) : "r"(addr) : "memory");                          \
        CHECK_EQ(exc_catch_end(&f), 1);                                                            \
        show_abort(what, &f, addr);                                                                \
        CHECK_EQ(v, 0x5a);                                                                         \
    } while (0)

    FAULT("ldxrh", "ldxrh %w0, [%2]", m + 1);
    FAULT("ldaxr w", "ldaxr %w0, [%2]", m + 2);
    FAULT("ldxp w", "ldxp %w0, %w1, [%2]", m + 4);
    FAULT("ldxp x", "ldxp %x0, %x1, [%2]", m + 8);
    FAULT("ldar x", "ldar %x0, [%2]", m + 4);
    FAULT("stlrh", "stlrh %w0, [%2]", m + 3);
    FAULT("ldapr w", ".arch_extension rcpc\n\tldapr %w0, [%2]", m + 2);
    FAULT("ldaddh", "ldaddh %w1, %w0, [%2]", m + 1);
    FAULT("swp x", "swp %x1, %x0, [%2]", m + 4);
    FAULT("stclr w", "stclr %w1, [%2]", m + 6);
    FAULT("cas x", "cas %x1, %x0, [%2]", m + 4);
    FAULT("casp w", "casp x0, x1, x2, x3, [%2]", m + 4);
    FAULT("casp x", "casp x0, x1, x2, x3, [%2]", m + 8);
    CHECK_EQ(mem[0] | mem[1] | mem[2], 0);

    /* STXR at an unaligned address without a matching LDXR. */
    __asm__ volatile("clrex");
    exc_catch_begin();
    __asm__ volatile("stxr %w1, %x0, [%2]" : "+r"(v), "=&r"(s) : "r"(m + 4) : "memory");
    unsigned n = exc_catch_end(&f);
    printf("unaligned stxr, no monitor: %u exceptions\n", n);
}

/* ---- Two CPUs ---- */

#define ROUNDS 20000

static volatile uint64_t count_excl, count_ldadd, count_cas, secondary_done;

static void increment_all(void)
{
    for (unsigned i = 0; i < ROUNDS; i++) {
        uint64_t tmp, status;
        __asm__ volatile("1: ldaxr %x0, [%2]\n\t"
                         "add %x0, %x0, #1\n\t"
                         "stlxr %w1, %x0, [%2]\n\t"
                         "cbnz %w1, 1b"
                         : "=&r"(tmp), "=&r"(status)
                         : "r"(&count_excl)
                         : "memory");
        __asm__ volatile("staddl %x1, [%0]" : : "r"(&count_ldadd), "r"(1ull) : "memory");
        uint64_t seen = count_cas, want;
        do {
            want = seen;
            __asm__ volatile("casal %x0, %x2, [%1]"
                             : "+r"(seen)
                             : "r"(&count_cas), "r"(want + 1)
                             : "memory");
        } while (seen != want);
    }
}

static void secondary(uint64_t arg)
{
    (void)arg;
    increment_all();
    __asm__ volatile("stlr %x1, [%0]" : : "r"(&secondary_done), "r"(1ull) : "memory");
}

/* Another CPU's store between LDXR and STXR makes the STXR fail. */
static volatile uint64_t shared_word, poke_request, poke_done;

static void poker(uint64_t arg)
{
    (void)arg;
    while (!poke_request)
        ;
    shared_word = 99;
    dsb(sy);
    poke_done = 1;
}

static void test_two_cpus(void)
{
    CHECK_EQ(cpu_start(1, secondary, 0), PSCI_SUCCESS);
    increment_all();
    for (unsigned i = 0; i < 200000000 && !secondary_done; i++)
        ;
    CHECK_EQ(secondary_done, 1);
    CHECK_EQ(count_excl, 2 * ROUNDS);
    CHECK_EQ(count_ldadd, 2 * ROUNDS);
    CHECK_EQ(count_cas, 2 * ROUNDS);

    /* Wait for CPU 1 to be off before reusing it. */
    for (unsigned i = 0; i < 1000000 && psci_call(PSCI_AFFINITY_INFO, 1, 0, 0) != 1; i++)
        ;
    uint64_t old, status;
    shared_word = 1;
    CHECK_EQ(cpu_start(1, poker, 0), PSCI_SUCCESS);
    __asm__ volatile("ldxr %x0, [%1]" : "=r"(old) : "r"(&shared_word) : "memory");
    poke_request = 1;
    for (unsigned i = 0; i < 200000000 && !poke_done; i++)
        ;
    __asm__ volatile("stxr %w0, %x2, [%1]"
                     : "=&r"(status)
                     : "r"(&shared_word), "r"(5ull)
                     : "memory");
    CHECK_EQ(poke_done, 1);
    CHECK_EQ(status, 1);
    CHECK_EQ(shared_word, 99);
}

int main(void)
{
    test_exclusive_success();
    test_exclusive_failure();
    test_exclusive_exception();
    test_exclusive_pairs();
    test_exclusive_overlaps();
    test_acquire_release();
    test_cas();
    test_casp();
    test_rmw();
    test_alignment();
    test_two_cpus();
    return test_summary();
}
