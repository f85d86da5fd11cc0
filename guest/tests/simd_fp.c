/*
 * Advanced SIMD floating point, half (FEAT_FP16), single and double precision,
 * vector and scalar forms: NaN propagation (signalling NaNs first, then the
 * first operand), default NaN (FPCR.DN), flush to zero of inputs and outputs
 * (FPCR.FZ, FZ16), every rounding mode, the cumulative FPSR flags, compares,
 * FRINT*, conversions with saturation and fixed point, precision changes
 * (FCVTL, FCVTN, FCVTXN, FPCR.AHP), estimates and steps, pairwise and across
 * lanes reductions, by element. Expected values were recorded on QEMU.
 * guest-test-cflags: -march=armv8.5-a+fp16
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "simd_run.h"

/* Single precision: lanes 0..3 low to high. */
#define S4(a, b, c, d) V(((uint64_t)(b) << 32) | (a), ((uint64_t)(d) << 32) | (c))
#define ONE            0x3F800000u
#define TWO            0x40000000u
#define THREE          0x40400000u
#define TENTH          0x3DCCCCCDu
#define NZERO          0x80000000u
#define INF            0x7F800000u
#define NINF           0xFF800000u
#define QNAN           0x7FC00000u
#define QNAN_P         0x7FC12345u
#define SNAN           0x7FA00000u
#define SNAN_P         0xFF812345u
#define DENORM         0x00000001u
#define DENORM_M       0x007FFFFFu
#define MIN_NORM       0x00800000u
#define MAX            0x7F7FFFFFu
#define HALF_ULP       0x33800000u /* 2^-24 */
#define Z4             V(0, 0)

/* Double precision. */
#define D_ONE    0x3FF0000000000000ull
#define D_QNAN   0x7FF8000000000000ull
#define D_SNAN   0x7FF4000000000001ull
#define D_DENORM 0x0000000000000001ull
#define D_MAX    0x7FEFFFFFFFFFFFFFull
#define D_3_5    0x400C000000000000ull
#define D_M2_5   0xC004000000000000ull

/* Half precision: lanes 0..3 of one 64-bit half. */
#define H4(a, b, c, d) (((uint64_t)(d) << 48) | ((uint64_t)(c) << 32) | ((uint64_t)(b) << 16) | (a))

#define SP_ARITH   S4(ONE, SNAN_P, QNAN_P, INF)
#define SP_ARITH2  S4(TWO, QNAN, SNAN, NINF)
#define SP_SPECIAL S4(DENORM, MAX, NZERO, TENTH)
#define SP_ROUND   S4(0x3FC00000, 0x40200000, 0xBF000000, 0x4B000001) /* 1.5 2.5 -0.5 2^23+1 */
#define SP_ROUND2  S4(0xBFC00000, 0x3F000001, 0x4EFFFFFF, 0xCF000001)

static void test_arithmetic(void)
{
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, SP_ARITH, SP_ARITH2, 0, 0xffc1234540400000,
       0x7fc000007fe00000, 0x1);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, SP_ARITH, SP_ARITH2, FPCR_DN, 0x7fc0000040400000,
       0x7fc000007fc00000, 0x1);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, SP_ARITH2, SP_ARITH, 0, 0xffc1234540400000,
       0x7fc000007fe00000, 0x1);
    VT("fsub v0.4s, v1.4s, v2.4s", Z4, S4(INF, ONE, MAX, NZERO), S4(INF, ONE, NZERO, 0), 0,
       0x7fc00000, 0x800000007f7fffff, 0x1);
    VT("fmul v0.4s, v1.4s, v2.4s", Z4, S4(0, MAX, MIN_NORM, DENORM_M),
       S4(INF, TWO, 0x3E800000, TWO), 0, 0x7f8000007fc00000, 0xfffffe00200000, 0x15);
    VT("fmul v0.4s, v1.4s, v2.4s", Z4, S4(0, MAX, MIN_NORM, DENORM_M),
       S4(INF, TWO, 0x3E800000, TWO), FPCR_FZ, 0x7f8000007fc00000, 0x0, 0x9d);
    VT("fdiv v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, NINF, ONE), S4(0, 0, INF, THREE), 0,
       0x7fc000007f800000, 0x3eaaaaab7fc00000, 0x13);
    VT("fdiv v0.2d, v1.2d, v2.2d", Z4, V(D_ONE, D_DENORM), V(0x4008000000000000, D_MAX), 0,
       0x3fd5555555555555, 0x0, 0x18);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, S4(ONE, ONE, 0xBF800000, ONE),
       S4(HALF_ULP, 0x33800001, 0xB3800000, 0x34000000), 0, 0x3f8000013f800000, 0x3f800001bf800000,
       0x10);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, S4(ONE, ONE, 0xBF800000, ONE),
       S4(HALF_ULP, 0x33800001, 0xB3800000, 0x34000000), FPCR_RP, 0x3f8000013f800001,
       0x3f800001bf800000, 0x10);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, S4(ONE, ONE, 0xBF800000, ONE),
       S4(HALF_ULP, 0x33800001, 0xB3800000, 0x34000000), FPCR_RM, 0x3f8000003f800000,
       0x3f800001bf800001, 0x10);
    VT("fadd v0.4s, v1.4s, v2.4s", Z4, S4(ONE, ONE, 0xBF800000, ONE),
       S4(HALF_ULP, 0x33800001, 0xB3800000, 0x34000000), FPCR_RZ, 0x3f8000003f800000,
       0x3f800001bf800000, 0x10);
    VT("fadd v0.2d, v1.2d, v2.2d", Z4, V(D_SNAN, D_DENORM), V(D_QNAN, D_DENORM), FPCR_FZ,
       0x7ffc000000000001, 0x0, 0x81);
    VT("fadd v0.2d, v1.2d, v2.2d", Z4, V(D_SNAN, D_DENORM), V(D_QNAN, D_DENORM), FPCR_FZ | FPCR_DN,
       0x7ff8000000000000, 0x0, 0x81);
    VT("fmla v0.4s, v1.4s, v2.4s", S4(ONE, 0xBF800000, QNAN, INF), S4(0x3F800001, TWO, SNAN, 0),
       S4(0x3F7FFFFF, 0x3F000000, ONE, INF), 0, 0x40000000, 0x7fc000007fe00000, 0x11);
    VT("fmls v0.2d, v1.2d, v2.2d", V(D_ONE, D_3_5), V(D_3_5, D_M2_5), V(D_M2_5, D_QNAN), 0,
       0x4023800000000000, 0x7ff8000000000000, 0x0);
    VT("fabd v0.4s, v1.4s, v2.4s", Z4, S4(ONE, NZERO, SNAN_P, TENTH), S4(THREE, 0, ONE, ONE), 0,
       0x40000000, 0x3f6666667fc12345, 0x11);
    VT("fabs v0.4s, v1.4s", Z4, S4(NZERO, SNAN_P, NINF, 0xBF800000), Z4, 0, 0x7f81234500000000,
       0x3f8000007f800000, 0x0);
    VT("fneg v0.2d, v1.2d", Z4, V(D_SNAN, 0), Z4, 0, 0xfff4000000000001, 0x8000000000000000, 0x0);
    VT("fsqrt v0.4s, v1.4s", Z4, S4(0x40800000, 0xBF800000, NZERO, TWO), Z4, 0, 0x7fc0000040000000,
       0x3fb504f380000000, 0x11);
    VT("fmulx v0.4s, v1.4s, v2.4s", Z4, S4(0, NZERO, INF, TWO), S4(INF, INF, 0, THREE), 0,
       0xc000000040000000, 0x40c0000040000000, 0x0);
    VT("fmulx d0, d1, d2", Z4, V(0x8000000000000000, 0), V(0xFFF0000000000000, 0), 0,
       0x4000000000000000, 0x0, 0x0);
    VT("fabd s0, s1, s2", Z4, S4(ONE, 1, 1, 1), S4(THREE, 2, 2, 2), 0, 0x40000000, 0x0, 0x0);
}

static void test_min_max(void)
{
    VT("fmax v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, QNAN_P, SNAN), S4(TWO, NZERO, ONE, QNAN), 0,
       0x40000000, 0x7fe000007fc12345, 0x1);
    VT("fmin v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, QNAN_P, SNAN), S4(TWO, NZERO, ONE, QNAN), 0,
       0x800000003f800000, 0x7fe000007fc12345, 0x1);
    VT("fmaxnm v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, QNAN_P, SNAN), S4(TWO, NZERO, ONE, QNAN), 0,
       0x40000000, 0x7fe000003f800000, 0x1);
    VT("fminnm v0.4s, v1.4s, v2.4s", Z4, S4(QNAN, NZERO, QNAN_P, SNAN), S4(TWO, 0, QNAN, ONE), 0,
       0x8000000040000000, 0x7fe000007fc12345, 0x1);
    VT("fmaxp v0.4s, v1.4s, v2.4s", Z4, S4(ONE, TWO, QNAN, THREE), S4(0, NZERO, INF, SNAN), 0,
       0x7fc0000040000000, 0x7fe0000000000000, 0x1);
    VT("fminnmp v0.2d, v1.2d, v2.2d", Z4, V(D_QNAN, D_ONE), V(D_3_5, D_M2_5), 0, 0x3ff0000000000000,
       0xc004000000000000, 0x0);
    VT("faddp v0.4s, v1.4s, v2.4s", Z4, S4(ONE, TWO, INF, NINF), S4(TENTH, TENTH, SNAN, ONE), 0,
       0x7fc0000040400000, 0x7fe000003e4ccccd, 0x1);
    VT("faddp s0, v1.2s", Z4, S4(ONE, TENTH, 7, 7), Z4, 0, 0x3f8ccccd, 0x0, 0x10);
    VT("fmaxnmp d0, v1.2d", Z4, V(D_QNAN, D_M2_5), Z4, 0, 0xc004000000000000, 0x0, 0x0);
    VT("fmaxv s0, v1.4s", Z4, S4(ONE, QNAN, THREE, SNAN_P), Z4, 0, 0x7fc00000, 0x0, 0x1);
    VT("fminnmv s0, v1.4s", Z4, S4(QNAN, THREE, NZERO, 0), Z4, 0, 0x80000000, 0x0, 0x0);
    VT("fmaxnmv h0, v1.8h", Z4,
       V(H4(0x3C00, 0x7E00, 0x4000, 0xBC00), H4(0x7D00, 0, 0x4200, 0x3800)), Z4, 0, 0x4200, 0x0,
       0x1);
}

static void test_compare(void)
{
    VT("fcmeq v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, QNAN, SNAN), S4(ONE, NZERO, QNAN, ONE), 0,
       0xffffffffffffffff, 0x0, 0x1);
    VT("fcmge v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, QNAN, TWO), S4(TWO, NZERO, ONE, ONE), 0,
       0xffffffff00000000, 0xffffffff00000000, 0x1);
    VT("fcmgt v0.2d, v1.2d, v2.2d", Z4, V(D_3_5, D_ONE), V(D_M2_5, D_ONE), 0, 0xffffffffffffffff,
       0x0, 0x0);
    VT("facge v0.4s, v1.4s, v2.4s", Z4, S4(0xC0000000, ONE, INF, 0),
       S4(TWO, 0xC0000000, NINF, NZERO), 0, 0xffffffff, 0xffffffffffffffff, 0x0);
    VT("facgt v0.4s, v1.4s, v2.4s", Z4, S4(0xC0000000, ONE, INF, QNAN),
       S4(TWO, 0xC0000000, NINF, 0), 0, 0x0, 0x0, 0x1);
    VT("fcmeq v0.4s, v1.4s, #0.0", Z4, S4(NZERO, DENORM, QNAN, 0), Z4, 0, 0xffffffff,
       0xffffffff00000000, 0x0);
    VT("fcmeq v0.4s, v1.4s, #0.0", Z4, S4(NZERO, DENORM, QNAN, 0), Z4, FPCR_FZ, 0xffffffffffffffff,
       0xffffffff00000000, 0x80);
    VT("fcmlt v0.4s, v1.4s, #0.0", Z4, S4(NZERO, 0xBF800000, QNAN, ONE), Z4, 0, 0xffffffff00000000,
       0x0, 0x1);
    VT("fcmle v0.2d, v1.2d, #0.0", Z4, V(D_M2_5, D_SNAN), Z4, 0, 0xffffffffffffffff, 0x0, 0x1);
    VT("fcmgt s0, s1, #0.0", Z4, S4(DENORM, 0, 0, 0), Z4, 0, 0xffffffff, 0x0, 0x0);
    VT("fcmge d0, d1, d2", Z4, V(D_ONE, 0), V(D_ONE, 0), 0, 0xffffffffffffffff, 0x0, 0x0);
}

static void test_round_convert(void)
{
    VT("frintn v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x4000000040000000, 0x4b00000180000000, 0x0);
    VT("frinta v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x4040000040000000, 0x4b000001bf800000, 0x0);
    VT("frintp v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x4040000040000000, 0x4b00000180000000, 0x0);
    VT("frintm v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x400000003f800000, 0x4b000001bf800000, 0x0);
    VT("frintz v0.4s, v1.4s", Z4, SP_ROUND2, Z4, 0, 0xbf800000, 0xcf0000014effffff, 0x0);
    VT("frintx v0.4s, v1.4s", Z4, SP_ROUND2, Z4, FPCR_RM, 0xc0000000, 0xcf0000014effffff, 0x10);
    VT("frinti v0.4s, v1.4s", Z4, SP_ROUND, Z4, FPCR_RP, 0x4040000040000000, 0x4b00000180000000,
       0x0);
    VT("frintz v0.4s, v1.4s", Z4, S4(DENORM, SNAN, 0x807FFFFF, INF), Z4, FPCR_FZ,
       0x7fe0000000000000, 0x7f80000080000000, 0x81);
    VT("frint32z v0.4s, v1.4s", Z4, SP_ROUND2, Z4, 0, 0xbf800000, 0xcf0000004effffff, 0x11);
    VT("frint64x v0.2d, v1.2d", Z4, V(0x43E0000000000000, 0xC3E0000000000001), Z4, 0,
       0xc3e0000000000000, 0xc3e0000000000000, 0x1);
    VT("fcvtzs v0.4s, v1.4s", Z4, SP_ROUND2, Z4, 0, 0xffffffff, 0x800000007fffff80, 0x11);
    VT("fcvtzu v0.4s, v1.4s", Z4, S4(0xBF800000, 0x4F800000, QNAN, 0x4F7FFFFF), Z4, 0,
       0xffffffff00000000, 0xffffff0000000000, 0x1);
    VT("fcvtns v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x200000002, 0x80000100000000, 0x10);
    VT("fcvtas v0.4s, v1.4s", Z4, SP_ROUND, Z4, 0, 0x300000002, 0x800001ffffffff, 0x10);
    VT("fcvtms v0.2d, v1.2d", Z4, V(D_M2_5, D_SNAN), Z4, 0, 0xfffffffffffffffd, 0x0, 0x11);
    VT("fcvtpu v0.2d, v1.2d", Z4, V(D_M2_5, D_3_5), Z4, 0, 0x0, 0x4, 0x11);
    VT("fcvtzs v0.4s, v1.4s, #8", Z4, SP_ROUND, Z4, 0, 0x28000000180, 0x7fffffffffffff80, 0x1);
    VT("fcvtzu d0, d1, #60", Z4, V(D_3_5, 0), Z4, 0, 0x3800000000000000, 0x0, 0x0);
    VT("scvtf v0.4s, v1.4s", Z4, S4(0x7FFFFFFF, 0x80000000, 0x01000001, 3), Z4, 0,
       0xcf0000004f000000, 0x404000004b800000, 0x10);
    VT("scvtf v0.4s, v1.4s", Z4, S4(0x7FFFFFFF, 0x80000000, 0x01000001, 3), Z4, FPCR_RZ,
       0xcf0000004effffff, 0x404000004b800000, 0x10);
    VT("ucvtf v0.2d, v1.2d, #4", Z4, V(0xFFFFFFFFFFFFFFFF, 0x18), Z4, 0, 0x43b0000000000000,
       0x3ff8000000000000, 0x10);
    VT("scvtf s0, s1, #31", Z4, S4(0x80000000, 0, 0, 0), Z4, 0, 0xbf800000, 0x0, 0x0);
    VT("fcvtl v0.2d, v1.2s", Z4, S4(SNAN_P, DENORM, 7, 7), Z4, 0, 0xfff82468a0000000,
       0x36a0000000000000, 0x1);
    VT("fcvtl2 v0.4s, v1.8h", Z4, V(0, H4(0x7D00, 0x0001, 0xFC00, 0x3555)), Z4, 0,
       0x338000007fe00000, 0x3eaaa000ff800000, 0x1);
    VT("fcvtl v0.4s, v1.4h", Z4, V(H4(0x7C00, 0x7E01, 0xFBFF, 0x0400), 0), Z4, FPCR_AHP,
       0x47c0200047800000, 0x38800000c77fe000, 0x0);
    VT("fcvtn v0.4h, v1.4s", S4(7, 7, 7, 7), S4(0x477FF000, 0x33000001, SNAN_P, 0x3F801000), Z4, 0,
       0x3c00fe0900017c00, 0x0, 0x1d);
    VT("fcvtn2 v0.8h, v1.4s", S4(7, 7, 7, 7), S4(0x477FF000, 0x33000001, INF, 0x3F801000), Z4,
       FPCR_AHP, 0x700000007, 0x3c007fff00017c00, 0x19);
    VT("fcvtn2 v0.4s, v1.2d", S4(7, 7, 7, 7), V(D_MAX, 0x3FF0000010000000), Z4, FPCR_RM,
       0x700000007, 0x3f8000007f7fffff, 0x14);
    VT("fcvtxn v0.2s, v1.2d", S4(7, 7, 7, 7), V(0x3FF0000010000000, 0x3FF0000008000000), Z4, 0,
       0x3f8000013f800001, 0x0, 0x10);
    VT("fcvtxn s0, d1", Z4, V(D_MAX, 0), Z4, 0, 0x7f7fffff, 0x0, 0x14);
}

static void test_estimates(void)
{
    VT("frecpe v0.4s, v1.4s", Z4, S4(ONE, THREE, 0, DENORM), Z4, 0, 0x3eaa80003f7f8000,
       0x7f8000007f800000, 0x16);
    VT("frecpe v0.2d, v1.2d", Z4, V(D_3_5, 0x0008000000000000), Z4, 0, 0x3fd2400000000000,
       0x7fdff00000000000, 0x0);
    VT("frsqrte v0.4s, v1.4s", Z4, S4(ONE, THREE, 0xBF800000, INF), Z4, 0, 0x3f1380003f7f8000,
       0x7fc00000, 0x1);
    VT("frsqrte d0, d1", Z4, V(D_3_5, 0), Z4, 0, 0x3fe1100000000000, 0x0, 0x0);
    VT("frecps v0.4s, v1.4s, v2.4s", Z4, S4(ONE, 0, TWO, QNAN), S4(THREE, INF, TENTH, ONE), 0,
       0x40000000bf800000, 0xffc000003fe66666, 0x10);
    VT("frsqrts v0.2d, v1.2d, v2.2d", Z4, V(D_ONE, 0), V(D_3_5, 0xFFF0000000000000), 0,
       0xbfd0000000000000, 0x3ff8000000000000, 0x0);
    VT("frecpx s0, s1", Z4, S4(0x40490FDB, 0, 0, 0), Z4, 0, 0x3f800000, 0x0, 0x0);
    VT("frecpx d0, d1", Z4, V(D_DENORM, 0), Z4, 0, 0x7fe0000000000000, 0x0, 0x0);
    VT("urecpe v0.4s, v1.4s", Z4, S4(0x7FFFFFFF, 0x80000000, 0xC0000000, 0xFFFFFFFF), Z4, 0,
       0xff800000ffffffff, 0x80000000aa800000, 0x0);
    VT("ursqrte v0.4s, v1.4s", Z4, S4(0x3FFFFFFF, 0x40000000, 0x80000000, 0xFFFFFFFF), Z4, 0,
       0xff800000ffffffff, 0x80000000b4800000, 0x0);
}

static void test_by_element(void)
{
    VT("fmul v0.4s, v1.4s, v2.s[2]", Z4, S4(ONE, TWO, QNAN, INF), S4(0, 0, THREE, 0), 0,
       0x40c0000040400000, 0x7f8000007fc00000, 0x0);
    VT("fmla v0.2d, v1.2d, v2.d[1]", V(D_ONE, D_QNAN), V(D_3_5, D_ONE), V(0, D_M2_5), 0,
       0xc01f000000000000, 0x7ff8000000000000, 0x0);
    VT("fmls s0, s1, v2.s[3]", S4(ONE, 9, 9, 9), S4(TWO, 9, 9, 9), S4(0, 0, 0, THREE), 0,
       0xc0a00000, 0x0, 0x0);
    VT("fmulx v0.2s, v1.2s, v2.s[1]", Z4, S4(0, NZERO, 0, 0), S4(0, NINF, 0, 0), 0,
       0x40000000c0000000, 0x0, 0x0);
    VT("fmul v0.8h, v1.8h, v2.h[7]", Z4,
       V(H4(0x3C00, 0x7BFF, 0x0001, 0x7D00), H4(0, 0x8000, 0x4000, 1)), V(0, H4(0, 0, 0, 0x4000)),
       0, 0x7f0000027c004000, 0x2440080000000, 0x15);
}

static void test_half_precision(void)
{
#define HA V(H4(0x3C00, 0x7D00, 0x7BFF, 0x0001), H4(0x3555, 0xFC00, 0x8000, 0x0400))
#define HB V(H4(0x4000, 0x7E00, 0x7BFF, 0x0001), H4(0x3C00, 0x7C00, 0x0000, 0x8400))
    VT("fadd v0.8h, v1.8h, v2.8h", Z4, HA, HB, 0, 0x27c007f004200, 0x7e003d55, 0x15);
    VT("fadd v0.8h, v1.8h, v2.8h", Z4, HA, HB, FPCR_FZ16 | FPCR_DN, 0x7c007e004200, 0x7e003d55,
       0x15);
    VT("fmul v0.4h, v1.4h, v2.4h", Z4, HA, HB, FPCR_RZ, 0x7bff7f004000, 0x0, 0x1d);
    VT("fdiv v0.8h, v1.8h, v2.8h", Z4, HA, HB, 0, 0x3c003c007f003800, 0xbc007e007e003555, 0x1);
    VT("fmla v0.8h, v1.8h, v2.8h", HB, HA, HB, 0, 0x17c007f004400, 0x840000007e003d55, 0x1d);
    VT("fcmgt v0.8h, v1.8h, v2.8h", Z4, HA, HB, 0, 0x0, 0xffff000000000000, 0x1);
    VT("fcvtzs v0.8h, v1.8h", Z4, HA, Z4, 0, 0x7fff00000001, 0x80000000, 0x11);
    VT("fcvtzu h0, h1, #4", Z4, V(0x5640, 0), Z4, 0, 0x640, 0x0, 0x0);
    VT("scvtf v0.4h, v1.4h", Z4, V(H4(0x7FFF, 0x8000, 0x0801, 3), 0), Z4, 0, 0x42006800f8007800,
       0x0, 0x10);
    VT("frintx v0.8h, v1.8h", Z4, V(H4(0x3E00, 0x4100, 0xB800, 0x6BFF), H4(0x0001, 0x7D00, 0, 0)),
       Z4, 0, 0x6bff800040004000, 0x7f000000, 0x11);
    VT("frecpe h0, h1", Z4, V(0x4200, 0), Z4, 0, 0x3554, 0x0, 0x0);
    VT("fsqrt v0.4h, v1.4h", Z4, V(H4(0x4400, 0xBC00, 0x0001, 0x7C00), 0), Z4, FPCR_FZ16,
       0x7c0000007e004000, 0x0, 0x1);
    VT("fabd h0, h1, h2", Z4, V(0x3C00, 0), V(0x4200, 0), 0, 0x4000, 0x0, 0x0);
    VT("fmaxv h0, v1.4h", Z4, HA, Z4, 0, 0x7f00, 0x0, 0x1);
    VT("faddp h0, v1.2h", Z4, V(H4(0x3C00, 0x3C00, 0, 0), 0), Z4, 0, 0x4000, 0x0, 0x0);
    VT("fmov v0.8h, #-2.0", Z4, Z4, Z4, 0, 0xc000c000c000c000, 0xc000c000c000c000, 0x0);
}

int main(void)
{
    test_arithmetic();
    test_min_max();
    test_compare();
    test_round_convert();
    test_estimates();
    test_by_element();
    test_half_precision();
    return test_summary();
}
