/*
 * fpu-check: random scalar floating-point instructions on avsim and on QEMU
 * user mode, compared register by register.
 *
 *   fpu-check [-n COUNT] [-s SEED] [-c CLASS] [-v] QEMU_USER HARNESS
 *
 * Each test is one instruction word from a class template (register fields
 * 0-3, other fields random, so reserved encodings are covered too) with random
 * X0-X3, V0-V3, FPCR, FPSR and NZCV, biased towards floating-point corner
 * cases (zeros, infinities, NaNs, denormals, rounding ties, conversion limits,
 * near cancellation). avsim executes it with decode_insn() on a bare CPU at
 * EL1; HARNESS (harness.c) executes it under QEMU_USER -cpu max. Every
 * mismatch is printed with the seed that replays it. Exit status 0 when all
 * tests agree.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu/decode.h"
#include "fpc_state.h"
#include "machine/machine.h"

/* Register fields a template may hold (bit position of a 5-bit field). */
enum { F_RD = 1, F_RN = 2, F_RM = 4, F_RA = 8, F_LDST = 16, F_STRUCT = 32 };
/* Operand biases: V0-V3 each zero half the time (zero products, sums, addends); Vn an exact
 * square or a neighbour of one half the time (exact and nearly exact roots). */
enum { F_ZEROS = 64, F_SQUARE = 128 };

typedef struct {
    const char *name;
    uint32_t mask, value; /* fixed bits */
    unsigned regs;        /* F_* */
    unsigned width;       /* operand width: 0 by ptype (insn[23:22]), 1 by sz (insn[22]), or 16 */
    uint64_t tests, mismatches, skipped;
} template_t;

/* Scalar FP encoding groups (Arm ARM C4.1.x); register fields are set separately. */
static template_t templates[] = {
    {"fp 3-source", 0xFF000000, 0x1F000000, F_RD | F_RN | F_RM | F_RA, 0, 0, 0, 0},
    {"fp 2-source", 0xFF200C00, 0x1E200800, F_RD | F_RN | F_RM, 0, 0, 0, 0},
    {"fp 1-source", 0xFF207C00, 0x1E204000, F_RD | F_RN, 0, 0, 0, 0},
    {"fp compare", 0xFF20FC07, 0x1E202000, F_RN | F_RM, 0, 0, 0, 0},
    {"fp cond compare", 0xFF200C00, 0x1E200400, F_RN | F_RM, 0, 0, 0, 0},
    {"fp cond select", 0xFF200C00, 0x1E200C00, F_RD | F_RN | F_RM, 0, 0, 0, 0},
    {"fp immediate", 0xFF201FE0, 0x1E201000, F_RD, 0, 0, 0, 0},
    {"fp <-> int", 0x7F20FC00, 0x1E200000, 0, 0, 0, 0, 0},
    {"fp <-> fixed", 0x7F200000, 0x1E000000, 0, 0, 0, 0, 0},
    {"fp any (M, S random)", 0x5F000000, 0x1E000000, F_RD | F_RN | F_RM, 0, 0, 0, 0},
    {"fp 3-source zeros", 0xFF000000, 0x1F000000, F_RD | F_RN | F_RM | F_RA | F_ZEROS, 0, 0, 0, 0},
    {"fp 2-source zeros", 0xFF200C00, 0x1E200800, F_RD | F_RN | F_RM | F_ZEROS, 0, 0, 0, 0},
    {"fp sqrt", 0xFF3FFC00, 0x1E21C000, F_RD | F_RN | F_SQUARE, 0, 0, 0, 0},
    /* Advanced SIMD scalar forms built on the shared core (estimates, steps, FMULX, FCVTXN) */
    {"simd frecpe/frsqrte/frecpx", 0xDFBFEC00, 0x5EA1C800, F_RD | F_RN, 1, 0, 0, 0},
    {"simd frecpe/frsqrte/frecpx h", 0xDFFFEC00, 0x5EF9C800, F_RD | F_RN, 16, 0, 0, 0},
    {"simd frecps/frsqrts/fmulx", 0xFF20DC00, 0x5E20DC00, F_RD | F_RN | F_RM, 1, 0, 0, 0},
    {"simd frecps/frsqrts/fmulx h", 0xFF60DC00, 0x5E401C00, F_RD | F_RN | F_RM, 16, 0, 0, 0},
    {"simd fcvtxn", 0xFFFFFC00, 0x7E616800, F_RD | F_RN, 64, 0, 0, 0},
    /* SIMD&FP loads and stores: Rn = X1 points into the memory buffer, Rm = X2 */
    {"ldst unsigned offset", 0x3F000000, 0x3D000000, F_LDST, 0, 0, 0, 0},
    {"ldst imm9", 0x3F200000, 0x3C000000, F_LDST, 0, 0, 0, 0},
    {"ldst register", 0x3F200C00, 0x3C200800, F_LDST, 0, 0, 0, 0},
    {"ldst pair", 0x3E000000, 0x2C000000, F_LDST, 0, 0, 0, 0},
    {"ldst multiple", 0xBFBF0000, 0x0C000000, F_LDST | F_STRUCT, 0, 0, 0, 0},
    {"ldst multiple post", 0xBFA00000, 0x0C800000, F_LDST | F_STRUCT, 0, 0, 0, 0},
    {"ldst single", 0xBF9F0000, 0x0D000000, F_LDST | F_STRUCT, 0, 0, 0, 0},
    {"ldst single post", 0xBF800000, 0x0D800000, F_LDST | F_STRUCT, 0, 0, 0, 0},
};

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static unsigned rnd_below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* A random value of width n (16, 32, 64), mostly special or near an edge. */
static uint64_t gen_fp(unsigned n)
{
    const unsigned f = n == 16 ? 10 : n == 32 ? 23 : 52, e = n - f - 1;
    const uint64_t emax = (1u << e) - 1, bias = emax >> 1, fmask = (1ull << f) - 1;
    uint64_t sign = (uint64_t)(rnd() & 1) << (n - 1), frac = rnd() & fmask, exp;

    switch (rnd_below(18)) {
    case 0: return sign;
    case 1: return sign | (emax << f);
    case 2: return sign | (emax << f) | (1ull << (f - 1)) | frac;    /* quiet NaN */
    case 3: return sign | (emax << f) | ((frac & (fmask >> 1)) | 1); /* signalling NaN */
    case 4: return sign | (frac ? frac : 1);                         /* denormal */
    case 5: return sign | (rnd() & 1 ? 1 : fmask);
    case 6: exp = 1 + rnd_below(3); break; /* near the smallest normal */
    case 7: exp = emax - 1 - rnd_below(3); break;
    case 8: exp = bias - 2 + rnd_below(5); break; /* around 1.0 */
    case 9:                                       /* integers, halves, rounding ties */
        exp = bias + rnd_below(f + 2);
        frac &= ~(fmask >> (exp - bias + 1 < f ? exp - bias + 1 : f));
        break;
    case 10: { /* near the limits of 16/32/64-bit integers */
        static const unsigned edges[] = {14, 15, 16, 30, 31, 32, 62, 63, 64};
        exp = bias + edges[rnd_below(9)];
        if (exp >= emax) exp = emax - 1;
        if (rnd() & 1) frac = rnd() & 1 ? 0 : fmask;
        break;
    }
    case 11: return rnd() & ((n == 64 ? 0 : 1ull << n) - 1);
    case 12: exp = rnd_below(2) ? 0 : 1; break;
    default: exp = rnd_below((unsigned)emax); break;
    }
    if (rnd_below(4) == 0) frac &= ~((1ull << rnd_below(f)) - 1); /* short fractions */
    return sign | (exp << f) | frac;
}

/* b near a: equal, negated, or differing in the last bits (cancellation). */
static uint64_t gen_near(unsigned n, uint64_t a)
{
    uint64_t mask = n == 64 ? ~0ull : (1ull << n) - 1;
    switch (rnd_below(4)) {
    case 0: return a;
    case 1: return (a ^ (1ull << (n - 1))) & mask;
    case 2: return (a ^ (1ull << (n - 1)) ^ (rnd() & 0xF)) & mask;
    default: return (a + (rnd() & 3) - 1) & mask;
    }
}

/* A positive normal k^2 * 2^(2j) of width n (an exact square), or its neighbour below or above. */
static uint64_t gen_square(unsigned n)
{
    const unsigned f = n == 16 ? 10 : n == 32 ? 23 : 52, e = n - f - 1;
    const int emax = (1 << e) - 1, bias = emax >> 1;
    uint64_t k = 1 + rnd() % ((1ull << (f + 1) / 2) - 1), m = k * k; /* m < 2^(f + 1) */
    int top = 63 - __builtin_clzll(m);
    /* biased exponent top + 2j + bias in [1, emax - 1] */
    int lo = 1 - bias - top, hi = emax - 1 - bias - top, two_j = lo + (int)rnd_below(hi - lo + 1);
    if (two_j & 1) two_j += two_j < hi ? 1 : -1;
    uint64_t bits = ((uint64_t)(top + two_j + bias) << f) | ((m << (f - top)) & ((1ull << f) - 1));
    return bits + rnd_below(3) - 1;
}

static uint64_t gen_int(void)
{
    static const uint64_t edges[] = {0,
                                     1,
                                     ~0ull,
                                     0x7FFFFFFF,
                                     0x80000000,
                                     0xFFFFFFFF,
                                     0x7FFFFFFFFFFFFFFFull,
                                     0x8000000000000000ull,
                                     0x1000001,
                                     0x20000000000001ull,
                                     0xFFFFFFFFFFFFF800ull,
                                     0x7FF,
                                     0xFFFF8001};
    switch (rnd_below(4)) {
    case 0: return edges[rnd_below(sizeof edges / sizeof edges[0])];
    case 1: return rnd() >> rnd_below(64);
    case 2: return -(rnd() >> rnd_below(64));
    default: return rnd();
    }
}

/* Width of the FP operands of a word of template t. */
static unsigned fp_width(const template_t *t, uint32_t insn)
{
    static const unsigned w[4] = {32, 64, 32, 16};
    if (t->width == 0) return w[(insn >> 22) & 3];
    if (t->width == 1) return (insn >> 22) & 1 ? 64 : 32;
    return t->width;
}

static void set_lane(uint8_t v[16], unsigned n, uint64_t x)
{
    memcpy(v, &x, n / 8);
}

static uint32_t gen_fpcr(void)
{
    uint32_t fpcr = (uint32_t)rnd_below(4) << 22;
    if (rnd_below(3) == 0) fpcr |= 1u << 24; /* FZ */
    if (rnd_below(3) == 0) fpcr |= 1u << 25; /* DN */
    if (rnd_below(4) == 0) fpcr |= 1u << 26; /* AHP */
    if (rnd_below(3) == 0) fpcr |= 1u << 19; /* FZ16 */
    return fpcr;
}

static void gen_state(struct fpc_state *s, const template_t *t, uint32_t insn)
{
    unsigned n = fp_width(t, insn);
    memset(s, 0, sizeof *s);
    s->insn = insn;
    s->fpcr = gen_fpcr();
    s->fpsr = rnd_below(4) == 0 ? (uint32_t)(rnd() & 0x9F) : 0;
    if (rnd() & 1) s->fpsr |= 0x10; /* IXC already set: avsim's host fast paths apply */
    s->nzcv = (uint32_t)(rnd() & 0xF) << 28;
    for (unsigned i = 0; i < 4; i++) {
        s->x[i] = gen_int();
        for (unsigned j = 0; j < 16; j += 8) {
            uint64_t r = rnd();
            memcpy(&s->v[i][j], &r, 8);
        }
        set_lane(s->v[i], n, gen_fp(n));
    }
    for (unsigned i = 0; i < FPC_MEM; i += 8) {
        uint64_t r = rnd();
        memcpy(&s->mem[i], &r, 8);
    }
    if (t->regs & F_LDST) { /* X1: an offset into the buffer, X2 a small offset */
        s->reloc = 1;
        s->x[1] = 192 + 16 * rnd_below(4) + (rnd_below(8) == 0 ? rnd_below(16) : 0);
        /* register offset: negative only when sign-extended; UXTW/SXTW ignore bits [63:32] */
        unsigned option = (insn >> 13) & 7;
        s->x[2] = option & 4 ? (uint64_t)(int64_t)((int)rnd_below(16) - 8) : rnd_below(8);
        if (!(option & 1)) s->x[2] = (uint32_t)s->x[2] | (rnd() << 32);
        return;
    }
    if (rnd() & 1) { /* second operand near the first */
        uint64_t a = 0;
        memcpy(&a, s->v[1], n / 8);
        set_lane(s->v[2], n, gen_near(n, a));
    }
    if (n == 64 && rnd_below(3) == 0) { /* addend near minus the product: FMA cancellation */
        double a, b, p;
        memcpy(&a, s->v[1], 8);
        memcpy(&b, s->v[2], 8);
        p = -(a * b);
        uint64_t bits;
        memcpy(&bits, &p, 8);
        set_lane(s->v[3], 64, bits + (rnd() & 3) - 1);
    }
    for (unsigned i = 0; i < 4 && (t->regs & F_ZEROS); i++)
        if (rnd() & 1) set_lane(s->v[i], n, (uint64_t)(rnd() & 1) << (n - 1));
    if ((t->regs & F_SQUARE) && (rnd() & 1)) set_lane(s->v[(insn >> 5) & 31], n, gen_square(n));
}

/* Encodings of features QEMU -cpu max has and avsim does not advertise (they UNDEF on avsim). */
static const struct {
    uint32_t mask, value;
} not_advertised[] = {
    {0xFFFFFC00, 0x1E634000}, /* BFCVT (FEAT_BF16) */
};

static bool advertised(uint32_t insn)
{
    for (unsigned i = 0; i < sizeof not_advertised / sizeof not_advertised[0]; i++)
        if ((insn & not_advertised[i].mask) == not_advertised[i].value) return false;
    return true;
}

/* Register and offset fields of a load/store word: Rt 0-3 (structures: V0), Rn = X1, Rm = X2
 * (structure post-index: X2 or 31), immediates small enough to stay in the buffer. */
static uint32_t ldst_fields(const template_t *t, uint32_t insn)
{
    uint32_t rt = t->regs & F_STRUCT ? 0 : rnd_below(4);
    insn = (insn & ~0x3FFu) | (1u << 5) | rt;
    if ((t->value & 0x3F000000) == 0x3D000000) /* imm12 */
        insn = (insn & ~(0xFFFu << 10)) | (rnd_below(8) << 10);
    if ((t->value & 0x3F200000) == 0x3C000000) /* imm9 */
        insn = (insn & ~(0x1FFu << 12)) | (((rnd_below(64) - 32) & 0x1FF) << 12);
    if ((t->value & 0x3E000000) == 0x2C000000) /* imm7, Rt2 */
        insn = (insn & ~(0x7Fu << 15) & ~(31u << 10)) | (((rnd_below(8) - 4) & 0x7F) << 15) |
               (rnd_below(4) << 10);
    if (t->value == 0x3C200800 || (t->regs & F_STRUCT && (t->value & 0x00800000)))
        insn = (insn & ~(31u << 16)) | ((t->regs & F_STRUCT) && (rnd() & 1) ? 31u << 16 : 2u << 16);
    return insn;
}

static uint32_t gen_insn(const template_t *t)
{
    uint32_t insn = t->value | ((uint32_t)rnd() & ~t->mask);
    if (t->regs & F_LDST) return ldst_fields(t, insn);
    static const struct {
        unsigned flag, shift;
    } fields[] = {{F_RD, 0}, {F_RN, 5}, {F_RM, 16}, {F_RA, 10}};
    for (unsigned i = 0; i < 4; i++)
        if (t->regs & fields[i].flag)
            insn = (insn & ~(31u << fields[i].shift)) | ((uint32_t)rnd_below(4) << fields[i].shift);
    if (!t->regs) { /* conversions: Rd and Rn are V or X registers; 31 is XZR */
        unsigned rd = rnd_below(8) == 0 ? 31 : rnd_below(4),
                 rn = rnd_below(8) == 0 ? 31 : rnd_below(4);
        insn = (insn & ~0x3FFu) | (rn << 5) | rd;
    }
    return insn;
}

/* ---- avsim side ---- */

static cpu_t *cpu;
static uint8_t *guest_mem; /* the buffer at AVSIM_MEM_PA */
#define AVSIM_MEM_PA 0x40100000ull

static void run_avsim(struct fpc_state *s)
{
    decoded_t d;
    cpu->fpcr = s->fpcr;
    cpu->fpsr = s->fpsr;
    cpu->nzcv = s->nzcv;
    memcpy(cpu->x, s->x, sizeof s->x);
    for (unsigned i = 0; i < 4; i++)
        memcpy(&cpu->v[i], s->v[i], 16);
    s->undef = 1;
    if (s->reloc) cpu->x[1] += AVSIM_MEM_PA;
    memcpy(guest_mem, s->mem, FPC_MEM);
    if (!decode_insn(&d, s->insn)) return;
    cpu->pc = 0x40001000;
    cpu->next_pc = cpu->pc + 4;
    cpu->el = 1;
    d.fn(cpu, &d);
    if (cpu->next_pc != cpu->pc + 4 || cpu->el != 1) { /* an exception was taken */
        /* Data aborts (alignment: avsim's memory is Device memory, QEMU's is Normal) are
         * not compared. */
        if ((cpu->sr[SR_ESR_EL1] >> 26) == 0x25) s->undef = 2;
        cpu_set_pstate(cpu, 0x3C5);
        return;
    }
    s->undef = 0;
    s->fpcr = cpu->fpcr;
    s->fpsr = cpu->fpsr;
    s->nzcv = cpu->nzcv;
    memcpy(s->x, cpu->x, sizeof s->x);
    for (unsigned i = 0; i < 4; i++)
        memcpy(s->v[i], &cpu->v[i], 16);
    if (s->reloc) s->x[1] -= AVSIM_MEM_PA;
    memcpy(s->mem, guest_mem, FPC_MEM);
}

/* ---- QEMU side ---- */

static FILE *to_qemu, *from_qemu;

static void start_qemu(const char *qemu, const char *harness)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out)) {
        perror("pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execlp(qemu, qemu, "-cpu", "max", harness, (char *)NULL);
        fprintf(stderr, "fpu-check: cannot run %s: %s\n", qemu, strerror(errno));
        _exit(2);
    }
    close(in[0]);
    close(out[1]);
    to_qemu = fdopen(in[1], "wb");
    from_qemu = fdopen(out[0], "rb");
}

static void run_qemu(struct fpc_state *batch, uint32_t count)
{
    if (fwrite(&count, 4, 1, to_qemu) != 1 ||
        fwrite(batch, sizeof *batch, count, to_qemu) != count || fflush(to_qemu) ||
        fread(batch, sizeof *batch, count, from_qemu) != count) {
        fprintf(stderr, "fpu-check: the QEMU harness failed\n");
        exit(2);
    }
}

/* ---- comparison ---- */

static void print_state(const char *who, const struct fpc_state *s)
{
    if (s->undef) {
        printf("  %-6s UNDEFINED\n", who);
        return;
    }
    printf("  %-6s fpcr %08x fpsr %08x nzcv %x\n", who, s->fpcr, s->fpsr, s->nzcv >> 28);
    for (unsigned i = 0; i < 4; i++) {
        uint64_t lo, hi;
        memcpy(&lo, s->v[i], 8);
        memcpy(&hi, s->v[i] + 8, 8);
        printf("         x%u %016" PRIx64 "  v%u %016" PRIx64 ":%016" PRIx64 "\n", i, s->x[i], i,
               hi, lo);
    }
}

static bool same(const struct fpc_state *a, const struct fpc_state *b)
{
    if (a->undef || b->undef) return a->undef == b->undef;
    return a->fpsr == b->fpsr && a->nzcv == b->nzcv && !memcmp(a->x, b->x, sizeof a->x) &&
           !memcmp(a->v, b->v, sizeof a->v) && !memcmp(a->mem, b->mem, sizeof a->mem);
}

int main(int argc, char **argv)
{
    uint64_t count = 100000, seed = 1;
    const char *only = NULL;
    int verbose = 0, opt;
    while ((opt = getopt(argc, argv, "n:s:c:v")) != -1) {
        switch (opt) {
        case 'n': count = strtoull(optarg, NULL, 0); break;
        case 's': seed = strtoull(optarg, NULL, 0); break;
        case 'c': only = optarg; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: %s [-n COUNT] [-s SEED] [-c CLASS] [-v] QEMU_USER HARNESS\n",
                    argv[0]);
            return 2;
        }
    }
    if (optind + 2 != argc) {
        fprintf(stderr, "usage: %s [-n COUNT] [-s SEED] [-c CLASS] [-v] QEMU_USER HARNESS\n",
                argv[0]);
        return 2;
    }
    char err[256];
    machine_t *m = machine_create(16 << 20, 1, false, err, sizeof err);
    if (!m) {
        fprintf(stderr, "machine_create: %s\n", err);
        return 2;
    }
    cpu = m->cpus[0];
    cpu->sr[SR_CPACR_EL1] = 3u << 20;
    guest_mem = bus_ram_ptr(&m->bus, AVSIM_MEM_PA, FPC_MEM);
    signal(SIGPIPE, SIG_IGN);
    start_qemu(argv[optind], argv[optind + 1]);

    static struct fpc_state in[FPC_BATCH], ours[FPC_BATCH];
    static uint64_t seeds[FPC_BATCH];
    static uint8_t which[FPC_BATCH];
    uint64_t done = 0, bad = 0, printed = 0;
    const unsigned ntemplates = sizeof templates / sizeof templates[0];
    printf("fpu-check: seed %" PRIu64 ", %" PRIu64 " tests\n", seed, count);
    while (done < count) {
        uint32_t n = 0;
        while (n < FPC_BATCH && done + n < count) {
            unsigned t;
            /* one word, several operand sets (QEMU translates each new word once) */
            rng_state = seed * 0x9E3779B97F4A7C15ull + done + n + 1;
            do {
                t = rnd_below(ntemplates);
            } while (only && !strstr(templates[t].name, only));
            uint32_t insn;
            do {
                insn = gen_insn(&templates[t]);
            } while (!advertised(insn));
            for (unsigned k = 0; k < 8 && n < FPC_BATCH && done + n < count; k++, n++) {
                seeds[n] = seed * 0x9E3779B97F4A7C15ull + done + n + 1;
                rng_state = seeds[n];
                which[n] = (uint8_t)t;
                gen_state(&in[n], &templates[t], insn);
                ours[n] = in[n];
                run_avsim(&ours[n]);
            }
        }
        static struct fpc_state theirs[FPC_BATCH];
        memcpy(theirs, in, n * sizeof in[0]);
        run_qemu(theirs, n);
        for (uint32_t i = 0; i < n; i++) {
            template_t *t = &templates[which[i]];
            if (ours[i].undef == 2) { /* an alignment fault on avsim only: not comparable */
                t->skipped++;
                continue;
            }
            t->tests++;
            if (same(&ours[i], &theirs[i])) continue;
            t->mismatches++;
            bad++;
            if (printed++ < 20 || verbose) {
                printf("MISMATCH %s insn %08x (state seed %" PRIu64 ")\n", t->name, in[i].insn,
                       seeds[i]);
                print_state("input", &in[i]);
                print_state("avsim", &ours[i]);
                print_state("qemu", &theirs[i]);
                for (unsigned b = 0; b < FPC_MEM; b++)
                    if (ours[i].mem[b] != theirs[i].mem[b])
                        printf("  mem[%u]: input %02x avsim %02x qemu %02x\n", b, in[i].mem[b],
                               ours[i].mem[b], theirs[i].mem[b]);
            }
        }
        done += n;
    }
    for (unsigned t = 0; t < ntemplates; t++)
        printf("  %-30s %10" PRIu64 " tests %8" PRIu64 " mismatches %8" PRIu64 " skipped\n",
               templates[t].name, templates[t].tests, templates[t].mismatches,
               templates[t].skipped);
    printf("fpu-check: %" PRIu64 " tests, %" PRIu64 " mismatches\n", done, bad);
    fclose(to_qemu);
    wait(NULL);
    machine_destroy(m);
    return bad != 0;
}
