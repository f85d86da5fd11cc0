/*
 * Generates tests/unit/fpu_vectors_{arith,compare,convert}.h: floating-point
 * corner cases with the results QEMU user mode (qemu-aarch64 10+, -cpu max)
 * gives for them, one file per group of instructions.
 *
 *   gen-fpu-vectors QEMU_USER HARNESS OUTDIR      (OUTDIR: tests/unit)
 *
 * Each vector is one instruction with Vd = V0, Vn = V1, Vm = V2, Va = V3
 * (general registers: Rd = X0, Rn = X1) and the inputs a, b, c in the low
 * lanes of V1-V3 and x in X1, under a given FPCR; the results are V0, X0,
 * FPSR and NZCV. The cases: NaN propagation with and without FPCR.DN,
 * infinities, signed zeros, denormals with and without FZ / FZ16, every
 * rounding mode on inexact, tie, overflow and underflow results, conversions
 * at the limits of each integer type, the alternative half-precision format.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fpc_state.h"

#define V0_INIT 0x5A5A5A5A5A5A5A5Aull
#define X0_INIT 0xA5A5A5A5A5A5A5A5ull

/* FPCR values */
#define RN   0u
#define RP   (1u << 22)
#define RM   (2u << 22)
#define RZ   (3u << 22)
#define FZ   (1u << 24)
#define DN   (1u << 25)
#define AHP  (1u << 26)
#define FZ16 (1u << 19)

static struct fpc_state cases[1 << 16];
static const char *labels[1 << 16];
static unsigned ncases;

static void add(const char *label, uint32_t insn, uint32_t fpcr, uint64_t a, uint64_t b, uint64_t c,
                uint64_t x)
{
    struct fpc_state *s = &cases[ncases];
    if (ncases >= sizeof cases / sizeof cases[0]) {
        fprintf(stderr, "too many cases\n");
        exit(2);
    }
    memset(s, 0, sizeof *s);
    s->insn = insn;
    s->fpcr = fpcr;
    s->x[0] = X0_INIT;
    s->x[1] = x;
    uint64_t lanes[4] = {V0_INIT, a, b, c};
    for (unsigned i = 0; i < 4; i++) {
        memcpy(s->v[i], &lanes[i], 8);
        memcpy(s->v[i] + 8, &lanes[0], 8);
    }
    labels[ncases++] = label;
}

/* ---- Values of each width: index 0 half, 1 single, 2 double ---- */

enum {
    PZERO,
    NZERO,
    PINF,
    NINF,
    QNAN,
    NQNAN,
    SNAN,
    ONE,
    MONE_5,
    TWO_5,
    HALF,
    THREE,
    MIN_DEN,
    NMAX_DEN,
    MIN_NORM,
    MAX_NORM,
    NMAX_NORM,
    ONE_ULP,
    THIRD,
    BIG_INT,
    NVALUES
};
static const uint64_t values[3][NVALUES] = {
    {0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E01, 0xFE02, 0x7D03, 0x3C00, 0xBE00, 0x4100,
     0x3800, 0x4200, 0x0001, 0x83FF, 0x0400, 0x7BFF, 0xFBFF, 0x3C01, 0x3555, 0x7800},
    {0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00001, 0xFFC00002, 0x7F800003,
     0x3F800000, 0xBFC00000, 0x40200000, 0x3F000000, 0x40400000, 0x00000001, 0x807FFFFF,
     0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F800001, 0x3EAAAAAB, 0x5F000000},
    {0x0000000000000000, 0x8000000000000000, 0x7FF0000000000000, 0xFFF0000000000000,
     0x7FF8000000000001, 0xFFF8000000000002, 0x7FF0000000000003, 0x3FF0000000000000,
     0xBFF8000000000000, 0x4004000000000000, 0x3FE0000000000000, 0x4008000000000000,
     0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF,
     0xFFEFFFFFFFFFFFFF, 0x3FF0000000000001, 0x3FD5555555555555, 0x43E0000000000000},
};
static const uint32_t ptype[3] = {3u << 22, 0, 1u << 22};

/* The special-value grid of the binary operations. */
static const unsigned grid[] = {NZERO, NINF, QNAN, SNAN, MONE_5, MIN_DEN};
/* Pairs with inexact, tie, overflow and underflow results (a, b) for each operation kind. */
static const unsigned rounding_pairs[][2] = {
    {ONE, ONE_ULP},  {ONE, THIRD},       {MAX_NORM, MAX_NORM}, {MIN_NORM, THIRD},
    {MIN_DEN, HALF}, {NMAX_NORM, THREE}, {TWO_5, MIN_NORM},    {MIN_NORM, NMAX_DEN},
};
static const uint32_t modes[] = {RN, RP, RM, RZ};

static void binary_ops(void)
{
    static const struct {
        const char *name;
        uint32_t insn;
    } ops[] = {
        {"fmul", 0x1E200820},   {"fdiv", 0x1E201820},   {"fadd", 0x1E202820},
        {"fsub", 0x1E203820},   {"fmax", 0x1E204820},   {"fmin", 0x1E205820},
        {"fmaxnm", 0x1E206820}, {"fminnm", 0x1E207820}, {"fnmul", 0x1E208820},
    };
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        for (unsigned w = 0; w < 3; w++) {
            uint32_t insn = (ops[o].insn | ptype[w]) + (2u << 16);
            const uint64_t *v = values[w];
            for (unsigned i = 0; i < 6; i++)
                for (unsigned j = 0; j < 6; j++) {
                    add(ops[o].name, insn, RN, v[grid[i]], v[grid[j]], 0, 0);
                    if ((i + j) % 4 == 0)
                        add(ops[o].name, insn, DN | FZ | FZ16, v[grid[i]], v[grid[j]], 0, 0);
                }
            bool min_max = o >= 4 && o <= 7; /* exact results: no rounding cases */
            for (unsigned p = 0; p < (min_max ? 2u : 8u); p++)
                for (unsigned m = p % 2; m < 4; m += 2)
                    add(ops[o].name, insn, modes[m] | (p & 2 ? FZ | FZ16 : 0),
                        v[rounding_pairs[p][0]], v[rounding_pairs[p][1]], 0, 0);
        }
    }
}

static void fused_ops(void)
{
    static const struct {
        const char *name;
        uint32_t insn;
    } ops[] = {{"fmadd", 0x1F020C20},
               {"fmsub", 0x1F028C20},
               {"fnmadd", 0x1F220C20},
               {"fnmsub", 0x1F228C20}};
    /* (addend, a, b): NaN order, infinity times zero with a quiet NaN addend, exact zeros,
     * cancellation, rounding */
    static const unsigned triples[][3] = {
        {QNAN, SNAN, NQNAN},        {NQNAN, QNAN, SNAN},         {QNAN, NQNAN, QNAN},
        {SNAN, QNAN, SNAN},         {QNAN, PINF, PZERO},         {NQNAN, NZERO, NINF},
        {PINF, NINF, ONE},          {NINF, PINF, ONE},           {PZERO, NZERO, ONE},
        {NZERO, NZERO, ONE},        {MONE_5, ONE, MONE_5},       {ONE, ONE_ULP, ONE_ULP},
        {MIN_DEN, MIN_NORM, THIRD}, {MAX_NORM, MAX_NORM, TWO_5}, {THIRD, THREE, NZERO},
        {MIN_NORM, NMAX_DEN, HALF},
    };
    for (unsigned o = 0; o < 4; o++)
        for (unsigned w = 0; w < 3; w++) {
            uint32_t insn = ops[o].insn | ptype[w] | (3u << 10);
            const uint64_t *v = values[w];
            for (unsigned t = 0; t < sizeof triples / sizeof triples[0]; t++) {
                uint32_t fpcr = modes[t % 4] | (t % 3 == 0 ? DN : 0) | (t % 5 == 0 ? FZ | FZ16 : 0);
                add(ops[o].name, insn, fpcr, v[triples[t][1]], v[triples[t][2]], v[triples[t][0]],
                    0);
                add(ops[o].name, insn, fpcr ^ RM, v[triples[t][1]], v[triples[t][2]],
                    v[triples[t][0]], 0);
            }
        }
}

static const unsigned unary_values[] = {NZERO, NINF, SNAN,    MONE_5,   TWO_5,
                                        THIRD, HALF, MIN_DEN, NMAX_DEN, BIG_INT};

static void unary_ops(void)
{
    static const struct {
        const char *name;
        uint32_t opcode;
    } ops[] = {{"fmov", 0},      {"fabs", 1},      {"fneg", 2},     {"fsqrt", 3},
               {"frintn", 8},    {"frintp", 9},    {"frintm", 10},  {"frintz", 11},
               {"frinta", 12},   {"frintx", 14},   {"frinti", 15},  {"frint32z", 16},
               {"frint32x", 17}, {"frint64z", 18}, {"frint64x", 19}};
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (unsigned w = 0; w < 3; w++) {
            if (ops[o].opcode >= 16 && w == 0) continue; /* FRINT32/64: S and D only */
            uint32_t insn = 0x1E204020 | ptype[w] | (ops[o].opcode << 15);
            for (unsigned i = 0; i < sizeof unary_values / sizeof unary_values[0]; i++) {
                uint64_t a = values[w][unary_values[i]];
                add(ops[o].name, insn, modes[i % 4] | (i % 3 ? 0 : FZ | FZ16 | DN), a, 0, 0, 0);
                if (ops[o].opcode >= 14) add(ops[o].name, insn, modes[(i + 1) % 4], a, 0, 0, 0);
            }
        }
}

static void compares(void)
{
    static const unsigned cmp_values[] = {PZERO, NZERO, ONE, NINF, QNAN, SNAN, MIN_DEN};
    for (unsigned w = 0; w < 3; w++)
        for (unsigned e = 0; e < 2; e++) {
            uint32_t fcmp = 0x1E202020 | ptype[w] | (2u << 16) | (e << 4);
            for (unsigned i = 0; i < 7; i++) {
                for (unsigned j = 0; j < 7; j++)
                    add(e ? "fcmpe" : "fcmp", fcmp, (i + j) % 2 ? FZ | FZ16 : 0,
                        values[w][cmp_values[i]], values[w][cmp_values[j]], 0, 0);
                add(e ? "fcmpe #0" : "fcmp #0", fcmp | 8, 0, values[w][cmp_values[i]], 0, 0, 0);
            }
            /* FCCMP(E) with condition EQ against NZCV = Z set / clear, fallback #0b1010 */
            uint32_t fccmp = 0x1E20042A | ptype[w] | (2u << 16) | (e << 4);
            for (unsigned i = 0; i < 4; i++) {
                add(e ? "fccmpe" : "fccmp", fccmp, 0, values[w][cmp_values[i + 2]], values[w][QNAN],
                    0, 0);
                cases[ncases - 1].nzcv = i % 2 ? 0x40000000u : 0;
            }
            /* FCSEL with NE */
            for (unsigned z = 0; z < 2; z++) {
                add("fcsel", 0x1E201C20 | ptype[w] | (2u << 16), 0, values[w][ONE], values[w][SNAN],
                    0, 0);
                cases[ncases - 1].nzcv = z ? 0x40000000u : 0;
            }
        }
}

static void precision_conversions(void)
{
    static const unsigned cvt_values[] = {NZERO, NINF,    QNAN,     SNAN,     NQNAN,    MONE_5,
                                          THIRD, MIN_DEN, NMAX_DEN, MIN_NORM, MAX_NORM, BIG_INT};
    static const uint32_t opc[3] = {3, 0, 1}; /* destination type field of FCVT */
    static const uint32_t fpcrs[] = {RN, FZ | FZ16, DN, AHP, RZ | AHP | DN, RP};
    for (unsigned from = 0; from < 3; from++)
        for (unsigned to = 0; to < 3; to++) {
            if (from == to) continue;
            uint32_t insn = 0x1E224020 | ptype[from] | (opc[to] << 15);
            for (unsigned i = 0; i < sizeof cvt_values / sizeof cvt_values[0]; i++)
                for (unsigned f = 0; f < 6; f++)
                    if ((i + f) % 2 == 0 || f == 3)
                        add("fcvt", insn, fpcrs[f], values[from][cvt_values[i]], 0, 0, 0);
        }
    /* alternative half precision inputs: exponent 31 is a number */
    for (unsigned to = 1; to < 3; to++) {
        uint32_t insn = 0x1E224020 | ptype[0] | (opc[to] << 15);
        add("fcvt ahp", insn, AHP, 0x7FFF, 0, 0, 0);
        add("fcvt ahp", insn, AHP, 0xFC01, 0, 0, 0);
        add("fcvt ahp", insn, 0, 0xFC01, 0, 0, 0);
    }
    /* round to odd: FCVTXN Sd, Dn */
    for (unsigned i = 0; i < sizeof cvt_values / sizeof cvt_values[0]; i++)
        add("fcvtxn", 0x7E616820, i % 2 ? FZ : RP, values[2][cvt_values[i]], 0, 0, 0);
    add("fcvtxn", 0x7E616820, RN, 0x3FF0000010000000, 0, 0, 0);
    add("fcvtxn", 0x7E616820, RN, 0x3FF0000030000001, 0, 0, 0);
}

static void integer_conversions(void)
{
    /* to integer: rmode:opcode of FCVTNS..FCVTZU */
    static const struct {
        const char *name;
        uint32_t rmode_opcode;
    } ops[] = {{"fcvtns", 0x00}, {"fcvtnu", 0x01}, {"fcvtas", 0x04}, {"fcvtau", 0x05},
               {"fcvtps", 0x08}, {"fcvtpu", 0x09}, {"fcvtms", 0x10}, {"fcvtmu", 0x11},
               {"fcvtzs", 0x18}, {"fcvtzu", 0x19}};
    static const uint64_t limits[3][8] = {
        /* -2.5, 65504, -0.5, 0.5 + ulp, 2^15 - 0.5, -2^15 - 1, 1.5, 2^11 - 1 */
        {0xC100, 0x7BFF, 0xB800, 0x3801, 0x7800, 0xF801, 0x3E00, 0x67FF},
        /* -2.5, 2^31, -2^31, -2^31 - 256, 2^32, 2^32 - 256, 0.5, -0.5 */
        {0xC0200000, 0x4F000000, 0xCF000000, 0xCF000001, 0x4F800000, 0x4F7FFFFF, 0x3F000000,
         0xBF000000},
        /* -2.5, 2^31 - 0.5, -2^31 - 0.5, 2^63, -2^63, 2^64 - 2048, 4294967295.5, -0.5 */
        {0xC004000000000000, 0x41DFFFFFFFE00000, 0xC1E0000000100000, 0x43E0000000000000,
         0xC3E0000000000000, 0x43EFFFFFFFFFFFFF, 0x41EFFFFFFFF00000, 0xBFE0000000000000},
    };
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (unsigned w = 0; w < 3; w++)
            for (unsigned sf = 0; sf < 2; sf++) {
                uint32_t insn = 0x1E200020 | (sf << 31) | ptype[w] | (ops[o].rmode_opcode << 16);
                for (unsigned i = 0; i < 8; i++)
                    add(ops[o].name, insn, i % 3 == 0 ? FZ | FZ16 : 0, limits[w][i], 0, 0, 0);
                for (unsigned i = 0; sf && i < 4; i++)
                    add(ops[o].name, insn, 0,
                        values[w][(unsigned[]){QNAN, NINF, MIN_DEN, TWO_5}[i]], 0, 0, 0);
            }
    /* to integer, fixed point: FCVTZS/FCVTZU with 1, 16, 32 (and 64) fraction bits */
    for (unsigned u = 0; u < 2; u++)
        for (unsigned w = 0; w < 3; w++)
            for (unsigned sf = 0; sf < 2; sf++) {
                static const unsigned fbits[] = {1, 16, 32, 64};
                for (unsigned f = 0; f < (sf ? 4u : 3u); f++) {
                    uint32_t insn =
                        0x1E180020 | (sf << 31) | ptype[w] | (u << 16) | ((64 - fbits[f]) << 10);
                    for (unsigned i = 0; i < 8; i += 2)
                        add(u ? "fcvtzu fixed" : "fcvtzs fixed", insn, 0, limits[w][i], 0, 0, 0);
                }
            }
    /* from integer: SCVTF / UCVTF, integer and fixed point, every rounding mode */
    static const uint64_t ints[] = {0,
                                    1,
                                    ~0ull,
                                    0x7FFFFFFF,
                                    0x80000000,
                                    0x8000000000000000ull,
                                    0x20000000000001ull,
                                    0x1000001,
                                    0xFFFFFFFFFFFFFFF7ull,
                                    0x1001};
    for (unsigned u = 0; u < 2; u++)
        for (unsigned w = 0; w < 3; w++)
            for (unsigned sf = 0; sf < 2; sf++) {
                uint32_t insn = 0x1E220020 | (sf << 31) | ptype[w] | (u << 16);
                for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++)
                    add(u ? "ucvtf" : "scvtf", insn, modes[i % 4] | (i % 5 == 0 ? FZ16 : 0), 0, 0,
                        0, ints[i]);
                uint32_t fixed = 0x1E020020 | (sf << 31) | ptype[w] | (u << 16) | ((64 - 32) << 10);
                for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i += 3)
                    add(u ? "ucvtf fixed" : "scvtf fixed", fixed, modes[i % 4] | FZ | FZ16, 0, 0, 0,
                        ints[i]);
            }
    /* FJCVTZS */
    static const uint64_t js[] = {0x0000000000000000, 0x8000000000000000, 0x41E0000000000000,
                                  0xC1E0000000000000, 0x4330000000000001, 0x7FF8000000000000,
                                  0xFFF0000000000000, 0xC00C000000000000, 0x000FFFFFFFFFFFFF,
                                  0x45F0000000000000, 0x41F0000000000001};
    for (unsigned i = 0; i < sizeof js / sizeof js[0]; i++)
        add("fjcvtzs", 0x1E7E0020, i == 8 ? FZ : 0, js[i], 0, 0, 0);
}

static void moves(void)
{
    static const uint32_t words[] = {
        0x1E201000 | (0x70 << 13), /* fmov s0, #1.0 */
        0x1E601000 | (0xF1 << 13), /* fmov d0, #-17.0 */
        0x1EE01000 | (0x00 << 13), /* fmov h0, #2.0 */
        0x1E270020,
        0x9E670020,
        0x1EE70020,
        0x9EE70020, /* fmov s/d/h from w/x */
        0x1E260020,
        0x9E660020,
        0x1EE60020,
        0x9EE60020, /* fmov w/x from s/d/h */
        0x9EAF0020,
        0x9EAE0020, /* fmov v0.d[1], x1; fmov x0, v1.d[1] */
    };
    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
        add("fmov", words[i], 0, 0x1122334455667788ull, 0, 0, 0x99AABBCCDDEEFF00ull);
}

static void estimates(void)
{
    static const struct {
        const char *name;
        uint32_t s, h; /* single (double: | 1 << 22) and half words */
    } ops[] = {{"frecpe", 0x5EA1D820, 0x5EF9D820},  {"frsqrte", 0x7EA1D820, 0x7EF9D820},
               {"frecpx", 0x5EA1F820, 0x5EF9F820},  {"frecps", 0x5E22FC20, 0x5E423C20},
               {"frsqrts", 0x5EA2FC20, 0x5EC23C20}, {"fmulx", 0x5E22DC20, 0x5E421C20}};
    static const unsigned est_values[] = {PZERO,  NINF,  QNAN,    SNAN,     ONE,
                                          MONE_5, THIRD, MIN_DEN, MIN_NORM, MAX_NORM};
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (unsigned w = 0; w < 3; w++) {
            uint32_t insn = w == 0 ? ops[o].h : ops[o].s | (w == 2 ? 1u << 22 : 0);
            for (unsigned i = 0; i < sizeof est_values / sizeof est_values[0]; i++)
                add(ops[o].name, insn, modes[i % 4] | (i % 3 == 0 ? FZ | FZ16 : 0),
                    values[w][est_values[i]], values[w][est_values[(i * 7 + 3) % 10]], 0, 0);
        }
}

/* A number as C source: 0, or hexadecimal (each call uses its own buffer of a ring). */
static const char *hex(uint64_t v)
{
    static char ring[16][24];
    static unsigned next;
    char *buf = ring[next++ % 16];
    snprintf(buf, sizeof ring[0], v ? "0x%llx" : "0", (unsigned long long)v);
    return buf;
}

/* ---- QEMU ---- */

static void run_qemu(const char *qemu, const char *harness)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out)) exit(2);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execlp(qemu, qemu, "-cpu", "max", harness, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", qemu, strerror(errno));
        _exit(2);
    }
    close(in[0]);
    close(out[1]);
    FILE *to = fdopen(in[1], "wb"), *from = fdopen(out[0], "rb");
    for (unsigned done = 0; done < ncases;) {
        uint32_t n = ncases - done < FPC_BATCH ? ncases - done : FPC_BATCH;
        if (fwrite(&n, 4, 1, to) != 1 || fwrite(&cases[done], sizeof cases[0], n, to) != n ||
            fflush(to) || fread(&cases[done], sizeof cases[0], n, from) != n) {
            fprintf(stderr, "the QEMU harness failed\n");
            exit(2);
        }
        done += n;
    }
    fclose(to);
    waitpid(pid, NULL, 0);
}

/* One output file: the vectors [first, end) of a group of instructions. */
static void write_group(const char *dir, const char *name, const char *title,
                        const struct fpc_state *inputs, unsigned first, unsigned end)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fpu_vectors_%s.h", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fprintf(f, "/* Generated by tests/fpu-check/gen_fpu_vectors.c from QEMU (user mode, -cpu max). "
               "*/\n");
    fprintf(f, "/* Do not edit: change the generator and run it again. */\n");
    fprintf(f, "/* clang-format off */\n\n");
    fprintf(f, "#define FPU_V0_INIT 0x%016llxull\n#define FPU_X0_INIT 0x%016llxull\n\n",
            (unsigned long long)V0_INIT, (unsigned long long)X0_INIT);
    fprintf(f, "/* %s */\n", title);
    fprintf(f,
            "/* {insn, fpcr, nzcv in, a, b, c, x, v0 lo, v0 hi, x0 ^ FPU_X0_INIT, fpsr, nzcv out,\n"
            " * undefined}; V0 starts as FPU_V0_INIT in both halves */\n");
    fprintf(f, "static const struct fpu_vector fpu_%s_vectors[] = {\n", name);
    const char *last = NULL;
    for (unsigned i = first; i < end; i++) {
        const struct fpc_state *in = &inputs[i], *out = &cases[i];
        uint64_t a, b, c, lo, hi;
        memcpy(&a, in->v[1], 8);
        memcpy(&b, in->v[2], 8);
        memcpy(&c, in->v[3], 8);
        memcpy(&lo, out->v[0], 8);
        memcpy(&hi, out->v[0] + 8, 8);
        if (!last || strcmp(last, labels[i])) fprintf(f, "    /* %s */\n", labels[i]);
        last = labels[i];
        fprintf(f, "    {0x%08x, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %u},\n", in->insn,
                hex(in->fpcr), hex(in->nzcv >> 28), hex(a), hex(b), hex(c), hex(in->x[1]), hex(lo),
                hex(hi), hex(out->x[0] ^ X0_INIT), hex(out->fpsr), hex(out->nzcv >> 28),
                out->undef);
    }
    fprintf(f, "};\n/* clang-format on */\n");
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s QEMU_USER HARNESS OUTDIR\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    binary_ops();
    fused_ops();
    unary_ops();
    unsigned end_arith = ncases;
    compares();
    unsigned end_compare = ncases;
    precision_conversions();
    integer_conversions();
    moves();
    estimates();
    /* inputs, recorded before QEMU overwrites them */
    static struct fpc_state inputs[1 << 16];
    memcpy(inputs, cases, ncases * sizeof cases[0]);
    run_qemu(argv[1], argv[2]);

    write_group(argv[3], "arith", "Arithmetic: binary, fused multiply-add, unary and rounding",
                inputs, 0, end_arith);
    write_group(argv[3], "compare", "Compares and conditional selects", inputs, end_arith,
                end_compare);
    write_group(argv[3], "convert", "Conversions, moves and estimates", inputs, end_compare,
                ncases);
    fprintf(stderr, "%u vectors\n", ncases);
    return 0;
}
