/*
 * Scalar floating-point corner cases, pinned: NaN propagation order with and
 * without FPCR.DN, the sign of NaNs through FNMUL / FMSUB / FSUB, infinities,
 * signed zeros, denormals with and without FZ and FZ16 (IDC, UFC), tininess
 * detected before rounding, every rounding mode on ties and overflow, FRINT*,
 * saturating conversions, FJCVTZS, the alternative half-precision format,
 * FCMP/FCMPE flags and half-precision arithmetic (FEAT_FP16).
 *
 * guest-test-cflags: -march=armv8.5-a+fp16
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "test.h"

/* FPCR values */
#define DN   (1ull << 25)
#define FZ   (1ull << 24)
#define RP   (1ull << 22)
#define RM   (2ull << 22)
#define RZ   (3ull << 22)
#define AHP  (1ull << 26)
#define FZ16 (1ull << 19)

/* FPSR flags */
#define IOC 0x01
#define DZC 0x02
#define OFC 0x04
#define UFC 0x08
#define IXC 0x10
#define IDC 0x80

struct fp_out {
    uint64_t v, x, fpsr, nzcv;
};

/* Runs INSN with D1 = a, D2 = b, D3 = c, X10 = xin under FPCR = fpcr, starting from D0 = 0,
 * X9 = 0, FPSR = 0, NZCV = 0; returns D0, X9, FPSR and NZCV. */
#define FP_RUN(insn, fpcr, in_a, in_b, in_c, in_x)                                                 \
    ({                                                                                             \
        struct fp_out o_;                                                                          \
        __asm__ volatile(                                                                          \
            "msr fpcr, %[fc]\n\tmsr fpsr, xzr\n\tmsr nzcv, xzr\n\t"                                \
            "fmov d0, xzr\n\tfmov d1, %[a]\n\tfmov d2, %[b]\n\tfmov d3, %[c]\n\t"                  \
            "mov x10, %[x]\n\tmov x9, xzr\n\t" insn "\n\t"                                         \
            "fmov %[v], d0\n\tmov %[xo], x9\n\tmrs %[s], fpsr\n\tmrs %[n], nzcv\n\t"               \
            "msr fpcr, xzr"                                                                        \
            : [v] "=&r"(o_.v), [xo] "=&r"(o_.x), [s] "=&r"(o_.fpsr), [n] "=&r"(o_.nzcv)            \
            : [a] "r"((uint64_t)(in_a)), [b] "r"((uint64_t)(in_b)), [c] "r"((uint64_t)(in_c)),     \
              [x] "r"((uint64_t)(in_x)), [fc] "r"((uint64_t)(fpcr))                                \
            : "v0", "v1", "v2", "v3", "x9", "x10", "cc");                                          \
        o_;                                                                                        \
    })

/* An FP result (D0) and the FPSR flags. */
#define T(insn, fpcr, a, b, c, value, flags)                                                       \
    do {                                                                                           \
        struct fp_out o = FP_RUN(insn, fpcr, a, b, c, 0);                                          \
        CHECK_EQ(o.v, value);                                                                      \
        CHECK_EQ(o.fpsr, flags);                                                                   \
    } while (0)
/* An integer result (X9) from D1. */
#define TI(insn, fpcr, a, value, flags)                                                            \
    do {                                                                                           \
        struct fp_out o = FP_RUN(insn, fpcr, a, 0, 0, 0);                                          \
        CHECK_EQ(o.x, value);                                                                      \
        CHECK_EQ(o.fpsr, flags);                                                                   \
    } while (0)
/* An FP result from the integer X10. */
#define TX(insn, fpcr, xin, value, flags)                                                          \
    do {                                                                                           \
        struct fp_out o = FP_RUN(insn, fpcr, 0, 0, 0, xin);                                        \
        CHECK_EQ(o.v, value);                                                                      \
        CHECK_EQ(o.fpsr, flags);                                                                   \
    } while (0)
/* Flags results: NZCV and FPSR. */
#define TF(insn, a, b, expect_nzcv, flags)                                                         \
    do {                                                                                           \
        struct fp_out o = FP_RUN(insn, 0, a, b, 0, 0);                                             \
        CHECK_EQ(o.nzcv >> 28, expect_nzcv);                                                       \
        CHECK_EQ(o.fpsr, flags);                                                                   \
    } while (0)

#define D_ONE     0x3FF0000000000000ull
#define D_MONE    0xBFF0000000000000ull
#define D_HALF    0x3FE0000000000000ull
#define D_TWO_5   0x4004000000000000ull
#define D_INF     0x7FF0000000000000ull
#define D_NINF    0xFFF0000000000000ull
#define D_NZERO   0x8000000000000000ull
#define D_MAX     0x7FEFFFFFFFFFFFFFull
#define D_MIN     0x0010000000000000ull
#define D_DEFNAN  0x7FF8000000000000ull
#define D_QNAN1   0x7FF8000000000001ull
#define D_QNAN3   0x7FF8000000000003ull
#define D_SNAN2   0x7FF0000000000002ull
#define D_SNAN2_Q 0x7FF8000000000002ull

static void test_nans(void)
{
    T("fadd d0, d1, d2", 0, D_QNAN1, D_SNAN2, 0, D_SNAN2_Q, IOC); /* SNaN before QNaN */
    T("fadd d0, d1, d2", 0, D_QNAN1, D_QNAN3, 0, D_QNAN1, 0);     /* first QNaN */
    T("fadd d0, d1, d2", DN, D_ONE, D_SNAN2, 0, D_DEFNAN, IOC);
    T("fadd d0, d1, d2", DN, D_QNAN1, D_ONE, 0, D_DEFNAN, 0);
    /* FMADD: SNaN addend, a, b, then QNaN addend, a, b; QNaN addend with inf * 0 */
    T("fmadd d0, d1, d2, d3", 0, D_INF, 0, D_QNAN1, D_DEFNAN, IOC);
    T("fmadd d0, d1, d2, d3", 0, D_SNAN2, D_ONE, D_QNAN1, D_SNAN2_Q, IOC);
    T("fmadd d0, d1, d2, d3", 0, D_QNAN3, D_ONE, D_QNAN1, D_QNAN1, 0);
    /* NaN signs: FSUB keeps the second operand's, FMSUB / FNMUL negate */
    T("fsub s0, s1, s2", 0, 0x3F800000, 0xFFC00002, 0, 0xFFC00002, 0);
    T("fmsub d0, d1, d2, d3", 0, D_QNAN1, D_ONE, D_ONE, 0xFFF8000000000001ull, 0);
    T("fnmul d0, d1, d2", 0, D_QNAN1, D_ONE, 0, 0xFFF8000000000001ull, 0);
    T("fnmul d0, d1, d2", DN, D_QNAN1, D_ONE, 0, 0xFFF8000000000000ull, 0);
    /* minimum and maximum */
    T("fmaxnm d0, d1, d2", 0, D_QNAN1, D_ONE, 0, D_ONE, 0);
    T("fmaxnm d0, d1, d2", 0, D_SNAN2, D_ONE, 0, D_SNAN2_Q, IOC);
    T("fmax d0, d1, d2", 0, D_QNAN1, D_ONE, 0, D_QNAN1, 0);
    T("fminnm d0, d1, d2", 0, D_QNAN1, D_QNAN3, 0, D_QNAN1, 0);
    T("fmin d0, d1, d2", 0, D_NZERO, 0, 0, D_NZERO, 0);
    T("fmax d0, d1, d2", 0, D_NZERO, 0, 0, 0, 0);
    T("fmaxnm d0, d1, d2", 0, 0, D_NZERO, 0, 0, 0);
}

static void test_infinities(void)
{
    T("fsub d0, d1, d2", 0, D_INF, D_INF, 0, D_DEFNAN, IOC);
    T("fmul d0, d1, d2", 0, D_INF, D_NZERO, 0, D_DEFNAN, IOC);
    T("fdiv d0, d1, d2", 0, D_ONE, D_NZERO, 0, D_NINF, DZC);
    T("fdiv d0, d1, d2", 0, 0, 0, 0, D_DEFNAN, IOC);
    T("fdiv d0, d1, d2", 0, D_INF, 0, 0, D_INF, 0);
    T("fsqrt d0, d1", 0, D_MONE, 0, 0, D_DEFNAN, IOC);
    T("fsqrt d0, d1", 0, D_NZERO, 0, 0, D_NZERO, 0);
}

static void test_denormals(void)
{
    /* 2^-1075 is a tie between 0 and the smallest denormal */
    T("fmul d0, d1, d2", 0, 1, D_HALF, 0, 0, UFC | IXC);
    T("fmul d0, d1, d2", RP, 1, D_HALF, 0, 1, UFC | IXC);
    /* FZ: denormal inputs are zero (IDC), tiny results flush (UFC, no IXC) */
    T("fadd d0, d1, d2", FZ, 1, 0, 0, 0, IDC);
    T("fmul d0, d1, d2", FZ, 0x0020000000000000ull, 0x3FB0000000000000ull, 0, 0, UFC);
    /* tininess before rounding: rounds to the smallest normal, still underflows */
    T("fmul d0, d1, d2", 0, D_MIN, 0x3FEFFFFFFFFFFFFFull, 0, D_MIN, UFC | IXC);
    T("fmul d0, d1, d2", FZ, D_MIN, 0x3FEFFFFFFFFFFFFFull, 0, 0, UFC);
    /* half precision: FZ16 flushes without IDC; FZ alone does not apply */
    T("fadd h0, h1, h2", FZ16, 0x0001, 0, 0, 0, 0);
    T("fadd h0, h1, h2", FZ, 0x0001, 0x0001, 0, 0x0002, 0);
    T("fmul h0, h1, h2", FZ16, 0x0400, 0x3800, 0, 0, UFC);
    T("frintx d0, d1", FZ, 0x8000000000000001ull, 0, 0, D_NZERO, IDC);
}

static void test_rounding(void)
{
    const uint64_t half_ulp = 0x3CA0000000000000ull, three_quarter_ulp = 0x3CA8000000000000ull;
    T("fadd d0, d1, d2", 0, D_ONE, half_ulp, 0, D_ONE, IXC);
    T("fadd d0, d1, d2", RP, D_ONE, half_ulp, 0, D_ONE + 1, IXC);
    T("fadd d0, d1, d2", RM, D_MONE, half_ulp | D_NZERO, 0, D_MONE + 1, IXC);
    T("fadd d0, d1, d2", RZ, D_ONE, three_quarter_ulp, 0, D_ONE, IXC);
    T("fadd d0, d1, d2", 0, D_ONE, three_quarter_ulp, 0, D_ONE + 1, IXC);
    /* overflow: infinity or the largest normal depending on the mode and sign */
    T("fmul d0, d1, d2", 0, D_MAX, 0x4000000000000000ull, 0, D_INF, OFC | IXC);
    T("fmul d0, d1, d2", RZ, D_MAX, 0x4000000000000000ull, 0, D_MAX, OFC | IXC);
    T("fmul d0, d1, d2", RM, D_MAX, 0x4000000000000000ull, 0, D_MAX, OFC | IXC);
    T("fmul d0, d1, d2", RP, D_MAX | D_NZERO, 0x4000000000000000ull, 0, D_MAX | D_NZERO, OFC | IXC);
    /* round to integral */
    T("frinta d0, d1", 0, D_TWO_5, 0, 0, 0x4008000000000000ull, 0);
    T("frintn d0, d1", 0, D_TWO_5, 0, 0, 0x4000000000000000ull, 0);
    T("frintn d0, d1", 0, D_TWO_5 | D_NZERO, 0, 0, 0xC000000000000000ull, 0);
    T("frintm d0, d1", 0, D_HALF | D_NZERO, 0, 0, D_MONE, 0);
    T("frintp d0, d1", 0, D_HALF | D_NZERO, 0, 0, D_NZERO, 0);
    T("frintz d0, d1", 0, D_TWO_5 | D_NZERO, 0, 0, 0xC000000000000000ull, 0);
    T("frintx d0, d1", 0, D_TWO_5, 0, 0, 0x4000000000000000ull, IXC);
    T("frinti d0, d1", RP, D_TWO_5, 0, 0, 0x4008000000000000ull, 0);
    T("frint32z d0, d1", 0, 0x41E0000000000000ull, 0, 0, 0xC1E0000000000000ull, IOC);
    T("frint64x d0, d1", 0, D_QNAN1, 0, 0, 0xC3E0000000000000ull, IOC);
}

static void test_conversions(void)
{
    TI("fcvtzs w9, d1", 0, 0x4202A05F20000000ull, 0x7FFFFFFF, IOC); /* 1e10 */
    TI("fcvtzs w9, d1", 0, 0xC202A05F20000000ull, 0x80000000, IOC);
    TI("fcvtzu w9, d1", 0, D_MONE, 0, IOC);
    TI("fcvtzu w9, d1", 0, D_HALF | D_NZERO, 0, IXC);
    TI("fcvtzs x9, d1", 0, D_QNAN1, 0, IOC);
    TI("fcvtns w9, d1", 0, D_TWO_5, 2, IXC);
    TI("fcvtas w9, d1", 0, D_TWO_5 | D_NZERO, 0xFFFFFFFD, IXC);
    TI("fcvtms x9, d1", 0, D_HALF | D_NZERO, ~0ull, IXC);
    TI("fcvtps x9, d1", 0, D_HALF, 1, IXC);
    TI("fcvtzs x9, d1", 0, 0xC3E0000000000000ull, 0x8000000000000000ull, 0);
    TI("fcvtzu x9, d1", 0, 0x43F0000000000000ull, ~0ull, IOC);
    TI("fcvtzs w9, d1, #16", 0, 0x3FF8000000000000ull, 0x18000, 0);
    TX("scvtf d0, x10", 0, 0x20000000000001ull, 0x4340000000000000ull, IXC);
    TX("ucvtf s0, w10", 0, 0xFFFFFFFF, 0x4F800000, IXC);
    TX("scvtf s0, w10, #1", 0, (uint32_t)-3, 0xBFC00000, 0);
    TX("ucvtf h0, x10", RZ, 0x10000, 0x7BFF, OFC | IXC); /* 65536: largest half in RZ */
    /* FJCVTZS: modulo 2^32, Z set only when exact */
    struct fp_out o = FP_RUN("fjcvtzs w9, d1", 0, 0x41E0000000000000ull, 0, 0, 0);
    CHECK_EQ(o.x, 0x80000000);
    CHECK_EQ(o.fpsr, IOC);
    CHECK_EQ(o.nzcv >> 28, 0);
    o = FP_RUN("fjcvtzs w9, d1", 0, D_TWO_5 | D_NZERO, 0, 0, 0);
    CHECK_EQ(o.x, 0xFFFFFFFE);
    CHECK_EQ(o.fpsr, IXC);
    CHECK_EQ(o.nzcv >> 28, 0);
    o = FP_RUN("fjcvtzs w9, d1", 0, 0x4008000000000000ull, 0, 0, 0);
    CHECK_EQ(o.x, 3);
    CHECK_EQ(o.nzcv >> 28, 4);
    o = FP_RUN("fjcvtzs w9, d1", 0, 0x41F0000000500000ull, 0, 0, 0); /* 2^32 + 5 */
    CHECK_EQ(o.x, 5);
    CHECK_EQ(o.fpsr, IOC);
}

static void test_precisions(void)
{
    T("fcvt h0, s1", 0, 0x47800000, 0, 0, 0x7C00, OFC | IXC); /* 65536: too big for IEEE half */
    T("fcvt h0, s1", AHP, 0x47800000, 0, 0, 0x7C00, 0);       /* a number in the AHP format */
    T("fcvt h0, s1", AHP, 0x7FC00000, 0, 0, 0, IOC);
    T("fcvt s0, h1", AHP, 0x7C00, 0, 0, 0x47800000, 0);
    T("fcvt h0, d1", 0, 0x3FF0020000001000ull, 0, 0, 0x3C01, IXC); /* no double rounding */
    T("fcvt s0, d1", 0, D_SNAN2, 0, 0, 0x7FC00000, IOC);
    T("fcvt d0, s1", 0, 0x7F800003, 0, 0, 0x7FF8000060000000ull, IOC);
    T("fcvt s0, d1", FZ, 1, 0, 0, 0, IDC);
    T("fcvt d0, h1", FZ16, 0x0001, 0, 0, 0x3E70000000000000ull, 0);      /* FZ16 not for FCVT */
    T("fcvtxn s0, d1", 0, 0x3FF0000010000000ull, 0, 0, 0x3F800001, IXC); /* round to odd */
}

static void test_compares_and_half(void)
{
    TF("fcmp d1, d2", D_ONE, D_QNAN1, 3, 0);
    TF("fcmpe d1, d2", D_ONE, D_QNAN1, 3, IOC);
    TF("fcmp d1, #0.0", D_NZERO, 0, 6, 0);
    TF("fcmp d1, d2", D_SNAN2, D_ONE, 3, IOC);
    TF("fcmp d1, d2", D_MONE, D_ONE, 8, 0);
    TF("fccmp d1, d2, #0xa, eq", D_ONE, D_ONE, 0xA, 0); /* Z clear: the immediate */
    T("fadd h0, h1, h2", 0, 0x3C00, 0x1000, 0, 0x3C00, IXC);
    T("fmul h0, h1, h2", 0, 0x7BFF, 0x4000, 0, 0x7C00, OFC | IXC);
    T("fsqrt h0, h1", 0, 0x4400, 0, 0, 0x4000, 0);
    T("fmadd h0, h1, h2, h3", 0, 0x3C01, 0x3BFF, 0xBC00, 0x0FFE, 0); /* fused: exact */
}

/* MSR FPCR keeps AHP, DN, FZ, RMode, FZ16 and the AArch32 Len/Stride fields. */
static void test_control_registers(void)
{
    uint64_t fpcr, fpsr;
    __asm__ volatile("msr fpcr, %2\n\tmrs %0, fpcr\n\tmsr fpcr, xzr\n\t"
                     "msr fpsr, %2\n\tmrs %1, fpsr\n\tmsr fpsr, xzr"
                     : "=&r"(fpcr), "=&r"(fpsr)
                     : "r"(~0ull));
    CHECK_EQ(fpcr & 0x07FF0000, 0x07FF0000);
    CHECK_EQ(fpcr & 0xF800DFF8, 0); /* reserved bits and the (unsupported) trap enables */
    /* QC and the cumulative flags; NZCV [31:28] exist only with AArch32 (RES0 on avsim, stored by
     * QEMU, whose -cpu max has AArch32: unit.test_sysreg_masks checks avsim's) */
    CHECK_EQ(fpsr & 0x0FFFFFFF, 0x0800009F);
}

int main(void)
{
    test_nans();
    test_infinities();
    test_denormals();
    test_rounding();
    test_conversions();
    test_precisions();
    test_compares_and_half();
    test_control_registers();
    return test_summary();
}
