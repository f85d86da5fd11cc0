/*
 * Floating point (fpu.c, exec_fp.c): every vector of fpu_vectors_*.h, recorded on
 * QEMU by tests/fpu-check/gen_fpu_vectors.c, is decoded and executed on a bare
 * CPU at EL1 and must give QEMU's V0, X0, FPSR and NZCV (or be UNDEFINED when
 * QEMU's was). The cases cover NaN propagation with and without DN,
 * infinities, signed zeros, denormals with and without FZ / FZ16, every
 * rounding mode, overflow and underflow, saturating conversions, AHP.
 * A few properties of the core that vectors cannot show are checked directly.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/fpu.h"
#include "machine/machine.h"
#include "unit.h"

struct fpu_vector {
    uint32_t insn, fpcr, nzcv_in;
    uint64_t a, b, c, x, v0_lo, v0_hi, x0_xor;
    uint32_t fpsr, nzcv, undef;
};

#include "fpu_vectors_arith.h"
#include "fpu_vectors_compare.h"
#include "fpu_vectors_convert.h"

static cpu_t *cpu;

static void run_vector(const struct fpu_vector *t)
{
    decoded_t d;
    cpu->fpcr = t->fpcr;
    cpu->fpsr = 0;
    cpu->nzcv = t->nzcv_in << 28;
    cpu->x[0] = FPU_X0_INIT;
    cpu->x[1] = t->x;
    cpu->v[0] = (vreg_t){.d = {FPU_V0_INIT, FPU_V0_INIT}};
    cpu->v[1] = (vreg_t){.d = {t->a, FPU_V0_INIT}};
    cpu->v[2] = (vreg_t){.d = {t->b, FPU_V0_INIT}};
    cpu->v[3] = (vreg_t){.d = {t->c, FPU_V0_INIT}};
    bool defined = decode_insn(&d, t->insn) != NULL;
    CHECK_EQ(!defined, t->undef);
    if (!defined || t->undef) return;
    cpu->pc = 0x40001000;
    cpu->next_pc = cpu->pc + 4;
    d.fn(cpu, &d);
    bool ok = cpu->v[0].d[0] == t->v0_lo && cpu->v[0].d[1] == t->v0_hi &&
              cpu->x[0] == (FPU_X0_INIT ^ t->x0_xor) && cpu->fpsr == t->fpsr &&
              cpu->nzcv == t->nzcv << 28;
    CHECK(ok);
    if (!ok)
        fprintf(stderr,
                "    insn %08x fpcr %08x a %llx b %llx c %llx x %llx:\n"
                "    got v0 %016llx:%016llx x0 %llx fpsr %x nzcv %x\n"
                "    qemu v0 %016llx:%016llx x0 %llx fpsr %x nzcv %x\n",
                t->insn, t->fpcr, (unsigned long long)t->a, (unsigned long long)t->b,
                (unsigned long long)t->c, (unsigned long long)t->x,
                (unsigned long long)cpu->v[0].d[1], (unsigned long long)cpu->v[0].d[0],
                (unsigned long long)cpu->x[0], cpu->fpsr, cpu->nzcv >> 28,
                (unsigned long long)t->v0_hi, (unsigned long long)t->v0_lo,
                (unsigned long long)(FPU_X0_INIT ^ t->x0_xor), t->fpsr, t->nzcv);
}

static void test_vectors(const struct fpu_vector *vectors, size_t n)
{
    for (size_t i = 0; i < n; i++)
        run_vector(&vectors[i]);
}

/* Flags accumulate: an operation never clears FPSR bits. */
static void test_cumulative_flags(void)
{
    uint32_t fpsr = FPSR_QC | FPSR_IDC;
    CHECK_EQ(fpu_add32(0x3F800000, 0x3F800000, 0, &fpsr), 0x40000000); /* exact */
    CHECK_EQ(fpsr, FPSR_QC | FPSR_IDC);
    fpu_div64(0x3FF0000000000000ull, 0, 0, &fpsr);                     /* 1 / 0 */
    fpu_div64(0x3FF0000000000000ull, 0x4008000000000000ull, 0, &fpsr); /* 1 / 3 */
    CHECK_EQ(fpsr, FPSR_QC | FPSR_IDC | FPSR_DZC | FPSR_IXC);
}

/* The 9-bit estimate tables at their ends (RecipEstimate, RecipSqrtEstimate). */
static void test_estimate_tables(void)
{
    CHECK_EQ(fpu_recip_estimate(256), 511);
    CHECK_EQ(fpu_recip_estimate(511), 256);
    CHECK_EQ(fpu_rsqrt_estimate(128), 511);
    CHECK_EQ(fpu_rsqrt_estimate(511), 256);
    for (unsigned a = 256; a < 512; a++)
        CHECK(fpu_recip_estimate(a) >= 256 && fpu_recip_estimate(a) < 512);
    for (unsigned a = 128; a < 512; a++)
        CHECK(fpu_rsqrt_estimate(a) >= 256 && fpu_rsqrt_estimate(a) < 512);
}

int main(void)
{
    char err[256];
    machine_t *m = machine_create(16 << 20, 1, false, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    cpu = m->cpus[0];
    cpu->sr[SR_CPACR_EL1] = 3u << 20; /* FP enabled at EL1 */
    test_vectors(fpu_arith_vectors, ARRAY_SIZE(fpu_arith_vectors));
    test_vectors(fpu_compare_vectors, ARRAY_SIZE(fpu_compare_vectors));
    test_vectors(fpu_convert_vectors, ARRAY_SIZE(fpu_convert_vectors));
    test_cumulative_flags();
    test_estimate_tables();
    machine_destroy(m);
    return unit_report();
}
