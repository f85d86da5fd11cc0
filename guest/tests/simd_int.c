/*
 * Advanced SIMD integer instructions: three same, two-register misc, three
 * different, shifts by immediate, modified immediate, across lanes, permutes,
 * table lookup, copy, by element, dot product and RDM, vector and scalar;
 * saturation sets FPSR.QC; the instructions trap when FP/SIMD is disabled.
 * Expected values were recorded on QEMU.
 * guest-test-cflags: -march=armv8.2-a+dotprod
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "exception.h"
#include "simd_run.h"
#include "sysreg.h"

#define A V(0x0123456789ABCDEF, 0xFEDCBA9876543210)
#define B V(0x8000000180FF7F01, 0x7FFFFFFF00010080)
#define C V(0xF0E1D2C3B4A59687, 0x78695A4B3C2D1E0F)
#define S V(0x01FF07F8090A7F80, 0x0040C13FE0200311) /* shift counts */
#define Z V(0, 0)

static void test_three_same(void)
{
    VT("add v0.16b, v1.16b, v2.16b", Z, A, B, 0, 0x8123456809aa4cf0, 0x7ddbb99776553290, 0x0);
    VT("sub v0.8h, v1.8h, v2.8h", Z, A, B, 0, 0x8123456608ac4eee, 0x7eddba9976533190, 0x0);
    VT("add d0, d1, d2", Z, A, B, 0, 0x812345690aab4cf0, 0x0, 0x0);
    VT("mul v0.4s, v1.4s, v2.4s", Z, A, C, 0, 0x5c535b750b4ea309, 0xc9c1a88599ccef0, 0x0);
    VT("mla v0.8h, v1.8h, v2.8h", C, A, B, 0, 0x70e1182a55faf576, 0x798d9fb3b281260f, 0x0);
    VT("mls v0.2s, v1.2s, v2.2s", C, A, B, 0, 0x6fbe8d5c4ebf3798, 0x0, 0x0);
    VT("pmul v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xf0031ae914e7fe0d, 0x50bc8468c8241cf0, 0x0);
    VT("sqadd v0.16b, v1.16b, v2.16b", Z, B, B, 0, 0x8000000280fe7f02, 0x7ffefefe00020080,
       0x8000000);
    VT("uqadd v0.8h, v1.8h, v2.8h", Z, A, C, 0, 0xf204ffffffffffff, 0xffffffffb281501f, 0x8000000);
    VT("sqsub v0.4s, v1.4s, v2.4s", Z, B, A, 0, 0x80000000f753b112, 0x7fffffff89acce70, 0x8000000);
    VT("uqsub v0.2d, v1.2d, v2.2d", Z, A, B, 0, 0x0, 0x7edcba9976533190, 0x8000000);
    VT("sqadd b0, b1, b2", Z, B, B, 0, 0x2, 0x0, 0x0);
    VT("uqsub h0, h1, h2", Z, A, B, 0, 0x4eee, 0x0, 0x0);
    VT("shadd v0.16b, v1.16b, v2.16b", Z, A, B, 0, 0xc011223484d526f8, 0x3eeddccb3b2a19c8, 0x0);
    VT("urhadd v0.8h, v1.8h, v2.8h", Z, A, C, 0, 0x79028c159f28b23b, 0xbba38a7259412810, 0x0);
    VT("shsub v0.4s, v1.4s, v2.4s", Z, B, C, 0, 0xc78f169fe62cf43d, 0x3cb52dae1e9f138, 0x0);
    VT("cmgt v0.16b, v1.16b, v2.16b", Z, A, B, 0, 0xffffffffff000000, 0xffffffff, 0x0);
    VT("cmhi v0.8h, v1.8h, v2.8h", Z, A, B, 0, 0xffffffffffff, 0xffff0000ffffffff, 0x0);
    VT("cmge v0.4s, v1.4s, v2.4s", Z, B, C, 0, 0x0, 0xffffffff00000000, 0x0);
    VT("cmhs v0.2d, v1.2d, v2.2d", Z, A, C, 0, 0x0, 0xffffffffffffffff, 0x0);
    VT("cmeq v0.16b, v1.16b, v2.16b", Z, A, A, 0, 0xffffffffffffffff, 0xffffffffffffffff, 0x0);
    VT("cmtst v0.8h, v1.8h, v2.8h", Z, A, B, 0, 0xffffffffffff, 0xffffffff00000000, 0x0);
    VT("cmgt d0, d1, d2", Z, A, B, 0, 0xffffffffffffffff, 0x0, 0x0);
    VT("sshl v0.16b, v1.16b, v2.16b", Z, A, S, 0, 0x2118000000000ff, 0xfe00ff0000009000, 0x0);
    VT("ushl v0.8h, v1.8h, v2.8h", Z, C, S, 0, 0x787000d294000000, 0x0, 0x0);
    VT("srshl v0.4s, v1.4s, v2.4s", Z, C, S, 0, 0xfff0e1d300000000, 0x3c1e0000, 0x0);
    VT("urshl v0.2d, v1.2d, v2.2d", Z, C, S, 0, 0x0, 0xb496785a3c1e0000, 0x0);
    VT("sqshl v0.16b, v1.16b, v2.16b", Z, A, S, 0, 0x2117f00808080ff, 0xfe80ff80007f7f7f,
       0x8000000);
    VT("uqshl v0.8h, v1.8h, v2.8h", Z, C, S, 0, 0x787000d2ffff0000, 0xffffffffffffffff, 0x8000000);
    VT("sqrshl v0.4s, v1.4s, v2.4s", Z, C, S, 0, 0xfff0e1d300000000, 0x7fffffff7fffffff, 0x8000000);
    VT("uqrshl v0.16b, v1.16b, v2.16b", Z, C, S, 0, 0xff71ff01ffffff00, 0x78ff00ff00fff0ff,
       0x8000000);
    VT("sqshl d0, d1, d2", Z, A, S, 0, 0x0, 0x0, 0x0);
    VT("smax v0.16b, v1.16b, v2.16b", Z, A, B, 0, 0x123456789ff7f01, 0x7fffffff76543210, 0x0);
    VT("umin v0.8h, v1.8h, v2.8h", Z, A, B, 0, 0x123000180ff7f01, 0x7fffba9800010080, 0x0);
    VT("sabd v0.4s, v1.4s, v2.4s", Z, B, C, 0, 0x70e1d2c233a61786, 0x796a5b43c2c1d8f, 0x0);
    VT("uaba v0.16b, v1.16b, v2.16b", A, B, C, 0, 0x71041729bd05e475, 0x5725f4cb2805081, 0x0);
    VT("smaxp v0.8h, v1.8h, v2.8h", Z, A, B, 0, 0xfedc76544567cdef, 0x7fff008000017f01, 0x0);
    VT("uminp v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xdc985410014589cd, 0x694b2d0fe1c3a587, 0x0);
    VT("addp v0.2d, v1.2d, v2.2d", Z, A, B, 0, 0xffffffffffffffff, 0x81007f81, 0x0);
    VT("sqdmulh v0.8h, v1.8h, v2.8h", Z, B, B, 0, 0x7fff00007e037e03, 0x7ffe000000000000,
       0x8000000);
    VT("sqrdmulh v0.4s, v1.4s, v2.4s", Z, B, C, 0, 0xf1e2d3d4ac40097, 0x78695a4a00007896, 0x0);
    VT("sqdmulh s0, s1, s2", Z, B, B, 0, 0x7e02fffa, 0x0, 0x0);
    VT("and v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0x21404380a18487, 0x78481a0834041200, 0x0);
    VT("bic v0.8b, v1.8b, v2.8b", Z, A, C, 0, 0x1020524090a4968, 0x0, 0x0);
    VT("orr v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xf1e3d7e7bdafdfef, 0xfefdfadb7e7d3e1f, 0x0);
    VT("orn v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xf3f6d7fcbfbedff, 0xffdebfbcf7d6f3f0, 0x0);
    VT("eor v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xf1c297a43d0e5b68, 0x86b5e0d34a792c1f, 0x0);
    VT("bsl v0.16b, v1.16b, v2.16b", B, A, C, 0, 0x70e1d2c3b4abcd87, 0x7edcba983c2c1e0f, 0x0);
    VT("bit v0.16b, v1.16b, v2.16b", B, A, C, 0, 0x21404380fbed87, 0x7fdebfbc34041280, 0x0);
    VT("bif v0.8b, v1.8b, v2.8b", B, A, C, 0, 0x8102052589af5f69, 0x0, 0x0);
}

static void test_two_reg_misc(void)
{
    VT("rev16 v0.16b, v1.16b", Z, A, Z, 0, 0x23016745ab89efcd, 0xdcfe98ba54761032, 0x0);
    VT("rev32 v0.8h, v1.8h", Z, A, Z, 0, 0x45670123cdef89ab, 0xba98fedc32107654, 0x0);
    VT("rev64 v0.4s, v1.4s", Z, A, Z, 0, 0x89abcdef01234567, 0x76543210fedcba98, 0x0);
    VT("cnt v0.16b, v1.16b", Z, C, Z, 0, 0x404040404040404, 0x404040404040404, 0x0);
    VT("not v0.16b, v1.16b", Z, A, Z, 0, 0xfedcba9876543210, 0x123456789abcdef, 0x0);
    VT("rbit v0.8b, v1.8b", Z, A, Z, 0, 0x80c4a2e691d5b3f7, 0x0, 0x0);
    VT("cls v0.8h, v1.8h", Z, B, Z, 0, 0xe00000000, 0xf000e0007, 0x0);
    VT("clz v0.4s, v1.4s", Z, B, Z, 0, 0x0, 0x10000000f, 0x0);
    VT("abs v0.16b, v1.16b", Z, B, Z, 0, 0x8000000180017f01, 0x7f01010100010080, 0x0);
    VT("neg v0.2d, v1.2d", Z, B, Z, 0, 0x7ffffffe7f0080ff, 0x80000000fffeff80, 0x0);
    VT("sqabs v0.4s, v1.4s", Z, B, Z, 0, 0x7fffffff7f0080ff, 0x7fffffff00010080, 0x0);
    VT("sqneg v0.8h, v1.8h", Z, B, Z, 0, 0x7fffffff7f0180ff, 0x80010001ffffff80, 0x8000000);
    VT("sqabs b0, b1", Z, V(0x80, 0), Z, 0, 0x7f, 0x0, 0x8000000);
    VT("cmgt v0.16b, v1.16b, #0", Z, B, Z, 0, 0xff0000ffff, 0xff00000000ff0000, 0x0);
    VT("cmeq v0.8h, v1.8h, #0", Z, B, Z, 0, 0x0, 0x0, 0x0);
    VT("cmlt v0.4s, v1.4s, #0", Z, B, Z, 0, 0xffffffffffffffff, 0x0, 0x0);
    VT("cmge v0.2d, v1.2d, #0", Z, B, Z, 0, 0x0, 0xffffffffffffffff, 0x0);
    VT("cmle d0, d1, #0", Z, B, Z, 0, 0xffffffffffffffff, 0x0, 0x0);
    VT("xtn v0.8b, v1.8h", C, A, Z, 0, 0xdc9854102367abef, 0x0, 0x0);
    VT("xtn2 v0.16b, v1.8h", C, A, Z, 0, 0xf0e1d2c3b4a59687, 0xdc9854102367abef, 0x0);
    VT("sqxtn v0.4h, v1.4s", C, B, Z, 0, 0x7fff7fff80008000, 0x0, 0x8000000);
    VT("uqxtn2 v0.4s, v1.2d", C, A, Z, 0, 0xf0e1d2c3b4a59687, 0xffffffffffffffff, 0x8000000);
    VT("sqxtun v0.8b, v1.8h", C, B, Z, 0, 0xff000180000100ff, 0x0, 0x8000000);
    VT("sqxtn s0, d1", C, B, Z, 0, 0x80000000, 0x0, 0x8000000);
    VT("saddlp v0.8h, v1.16b", Z, B, Z, 0, 0xff800001ff7f0080, 0x7efffe0001ff80, 0x0);
    VT("uadalp v0.2d, v1.4s", C, B, Z, 0, 0xf0e1d2c4b5a51589, 0x78695a4bbc2e1e8e, 0x0);
    VT("shll v0.8h, v1.8b, #8", Z, A, Z, 0, 0x8900ab00cd00ef00, 0x100230045006700, 0x0);
    VT("shll2 v0.2d, v1.4s, #32", Z, A, Z, 0, 0x7654321000000000, 0xfedcba9800000000, 0x0);
    VT("suqadd v0.16b, v1.16b", B, C, Z, 0, 0x707f7f7f347f7f7f, 0x7f68594a3c2e1e8f, 0x8000000);
    VT("usqadd v0.8h, v1.8h", B, C, Z, 0, 0x70e1000035a41588, 0xf868ffff3c2e1e8f, 0x8000000);
}

static void test_three_different(void)
{
    VT("saddl v0.8h, v1.8b, v2.8b", Z, A, B, 0, 0xff09ffaa004cfff0, 0xff81002300450068, 0x0);
    VT("uaddl2 v0.4s, v1.8h, v2.8h", Z, A, B, 0, 0x765500003290, 0x17edb0001ba97, 0x0);
    VT("ssubw v0.2d, v1.2d, v2.2s", Z, A, B, 0, 0x123456808ac4eee, 0xfedcba98f654320f, 0x0);
    VT("usubw2 v0.8h, v1.8h, v2.16b", Z, A, B, 0, 0x123456689abcd6f, 0xfe5db99975553111, 0x0);
    VT("addhn v0.8b, v1.8h, v2.8h", C, A, B, 0, 0x7eba763281450a4c, 0x0, 0x0);
    VT("raddhn2 v0.16b, v1.8h, v2.8h", C, A, B, 0, 0xf0e1d2c3b4a59687, 0x7fbb763381450b4d, 0x0);
    VT("subhn v0.4h, v1.4s, v2.4s", C, A, B, 0, 0x7edc7653812308ac, 0x0, 0x0);
    VT("rsubhn2 v0.4s, v1.2d, v2.2d", C, A, B, 0, 0xf0e1d2c3b4a59687, 0x7edcba9981234566, 0x0);
    VT("sabal v0.8h, v1.8b, v2.8b", C, A, B, 0, 0xf0ead317b5579699, 0x78ea5a6e3c721e75, 0x0);
    VT("uabdl2 v0.2d, v1.4s, v2.4s", Z, A, B, 0, 0x76533190, 0x7edcba99, 0x0);
    VT("smlal v0.4s, v1.4h, v2.4h", C, A, B, 0, 0x2b9674189bcef576, 0x77d7da4b3c2d6376, 0x0);
    VT("umlsl2 v0.8h, v1.16b, v2.16b", C, A, B, 0, 0xf0e1d26fb4a58e87, 0xfa677f2782e786a7, 0x0);
    VT("smull v0.2d, v1.2s, v2.2s", Z, A, B, 0, 0x3ab4007665e65eef, 0xff6e5d4c81234567, 0x0);
    VT("umull2 v0.4s, v1.8h, v2.8h", Z, A, B, 0, 0x765400190800, 0x7f6d0124ba974568, 0x0);
    VT("sqdmull v0.4s, v1.4h, v2.4h", Z, B, B, 0, 0x7e03fc027e03fc02, 0x7fffffff00000002,
       0x8000000);
    VT("sqdmlal2 v0.2d, v1.4s, v2.4s", C, B, C, 0, 0xf0e24b5a1de1a587, 0x7fffffffffffffff,
       0x8000000);
    VT("sqdmlsl v0.4s, v1.4h, v2.4h", C, B, B, 0, 0x8000000080000000, 0xf8695a4c3c2d1e0d,
       0x8000000);
    VT("sqdmull d0, s1, s2", Z, B, B, 0, 0x7e02fffa85fffc02, 0x0, 0x0);
    VT("pmull v0.8h, v1.8b, v2.8b", Z, A, C, 0, 0x5f1442e768fe750d, 0xf01d03371a2ae9, 0x0);
    VT("pmull2 v0.8h, v1.16b, v2.16b", Z, A, C, 0, 0xbc80924021c00f0, 0x28502abc21842368, 0x0);
}

static void test_shift_immediate(void)
{
    VT("sshr v0.16b, v1.16b, #3", Z, B, Z, 0, 0xf0000000f0ff0f00, 0xfffffff000000f0, 0x0);
    VT("ushr v0.8h, v1.8h, #16", Z, B, Z, 0, 0x0, 0x0, 0x0);
    VT("ssra v0.4s, v1.4s, #31", C, B, Z, 0, 0xf0e1d2c2b4a59686, 0x78695a4b3c2d1e0f, 0x0);
    VT("usra v0.2d, v1.2d, #1", C, A, Z, 0, 0xf1737577797b7d7e, 0xf7d7b79777573717, 0x0);
    VT("srshr v0.16b, v1.16b, #1", Z, B, Z, 0, 0xc0000001c0004001, 0x40000000000100c0, 0x0);
    VT("urshr v0.8h, v1.8h, #4", Z, A, Z, 0, 0x120456089b0cdf, 0xfee0baa07650321, 0x0);
    VT("srsra v0.4s, v1.4s, #7", C, B, Z, 0, 0xefe1d2c3b3a79585, 0x79695a4b3c2d2010, 0x0);
    VT("ursra d0, d1, #64", C, A, Z, 0, 0xf0e1d2c3b4a59687, 0x0, 0x0);
    VT("sri v0.8h, v1.8h, #5", C, A, Z, 0, 0xf009d22bb44d966f, 0x7ff65dd43bb21990, 0x0);
    VT("shl v0.4s, v1.4s, #31", Z, A, Z, 0, 0x8000000080000000, 0x0, 0x0);
    VT("sli v0.16b, v1.16b, #3", C, A, Z, 0, 0x8192a3b4c5d6e7f, 0xf0e1d2c3b4a59687, 0x0);
    VT("sqshlu v0.8h, v1.8h, #3", Z, B, Z, 0, 0x80000ffff, 0xffff000000080400, 0x8000000);
    VT("sqshl v0.4s, v1.4s, #4", Z, B, Z, 0, 0x8000000080000000, 0x7fffffff00100800, 0x8000000);
    VT("uqshl v0.16b, v1.16b, #7", Z, A, Z, 0, 0x80ffffffffffffff, 0xffffffffffffffff, 0x8000000);
    VT("uqshl s0, s1, #2", Z, B, Z, 0, 0xffffffff, 0x0, 0x8000000);
    VT("shrn v0.8b, v1.8h, #4", C, A, Z, 0, 0xeda9652112569ade, 0x0, 0x0);
    VT("rshrn2 v0.8h, v1.4s, #16", C, A, Z, 0, 0xf0e1d2c3b4a59687, 0xfedd7654012389ac, 0x0);
    VT("sqshrn v0.2s, v1.2d, #8", C, B, Z, 0, 0x7fffffff80000000, 0x0, 0x8000000);
    VT("uqrshrn v0.8b, v1.8h, #1", C, A, Z, 0, 0xffffffff92ffffff, 0x0, 0x8000000);
    VT("sqrshrun2 v0.8h, v1.4s, #3", C, B, Z, 0, 0xf0e1d2c3b4a59687, 0xffff201000000000, 0x8000000);
    VT("sqshrn h0, s1, #2", C, B, Z, 0, 0x8000, 0x0, 0x8000000);
    VT("sshll v0.8h, v1.8b, #3", Z, B, Z, 0, 0xfc00fff803f80008, 0xfc00000000000008, 0x0);
    VT("ushll2 v0.2d, v1.4s, #31", Z, B, Z, 0, 0x804000000000, 0x3fffffff80000000, 0x0);
    VT("sxtl v0.4s, v1.4h", Z, B, Z, 0, 0xffff80ff00007f01, 0xffff800000000001, 0x0);
}

static void test_modified_immediate(void)
{
    VT("movi v0.16b, #0xa5", C, Z, Z, 0, 0xa5a5a5a5a5a5a5a5, 0xa5a5a5a5a5a5a5a5, 0x0);
    VT("movi v0.4h, #0x12, lsl #8", C, Z, Z, 0, 0x1200120012001200, 0x0, 0x0);
    VT("movi v0.4s, #0x34, msl #16", C, Z, Z, 0, 0x34ffff0034ffff, 0x34ffff0034ffff, 0x0);
    VT("movi d0, #0xff00ff0000ffff00", C, Z, Z, 0, 0xff00ff0000ffff00, 0x0, 0x0);
    VT("movi v0.2d, #0x00ff00ff00ff00ff", C, Z, Z, 0, 0xff00ff00ff00ff, 0xff00ff00ff00ff, 0x0);
    VT("mvni v0.2s, #0x56, lsl #24", C, Z, Z, 0, 0xa9ffffffa9ffffff, 0x0, 0x0);
    VT("mvni v0.8h, #0x78", C, Z, Z, 0, 0xff87ff87ff87ff87, 0xff87ff87ff87ff87, 0x0);
    VT("orr v0.4s, #0x9a, lsl #8", C, Z, Z, 0, 0xf0e1dac3b4a59e87, 0x7869da4b3c2d9e0f, 0x0);
    VT("bic v0.8h, #0xff", C, Z, Z, 0, 0xf000d200b4009600, 0x78005a003c001e00, 0x0);
    VT("bic v0.2s, #0xf0, lsl #16", C, Z, Z, 0, 0xf001d2c3b4059687, 0x0, 0x0);
    VT("fmov v0.4s, #-1.25", C, Z, Z, 0, 0xbfa00000bfa00000, 0xbfa00000bfa00000, 0x0);
    VT("fmov v0.2d, #31.0", C, Z, Z, 0, 0x403f000000000000, 0x403f000000000000, 0x0);
}

static void test_across_lanes(void)
{
    VT("addv b0, v1.16b", C, A, Z, 0, 0xf8, 0x0, 0x0);
    VT("addv h0, v1.4h", C, B, Z, 0, 0x8001, 0x0, 0x0);
    VT("saddlv h0, v1.16b", C, B, Z, 0, 0xff7d, 0x0, 0x0);
    VT("uaddlv d0, v1.4s", C, B, Z, 0, 0x181007f81, 0x0, 0x0);
    VT("smaxv b0, v1.8b", C, B, Z, 0, 0x7f, 0x0, 0x0);
    VT("umaxv h0, v1.8h", C, B, Z, 0, 0xffff, 0x0, 0x0);
    VT("sminv s0, v1.4s", C, B, Z, 0, 0x80000001, 0x0, 0x0);
    VT("uminv b0, v1.16b", C, A, Z, 0, 0x1, 0x0, 0x0);
    VT("addp d0, v1.2d", C, A, Z, 0, 0xffffffffffffffff, 0x0, 0x0);
}

static void test_permute(void)
{
    VT("zip1 v0.16b, v1.16b, v2.16b", Z, A, C, 0, 0xb489a5ab96cd87ef, 0xf001e123d245c367, 0x0);
    VT("zip2 v0.8h, v1.8h, v2.8h", Z, A, C, 0, 0x3c2d76541e0f3210, 0x7869fedc5a4bba98, 0x0);
    VT("uzp1 v0.4s, v1.4s, v2.4s", Z, A, C, 0, 0x7654321089abcdef, 0x3c2d1e0fb4a59687, 0x0);
    VT("uzp2 v0.8b, v1.8b, v2.8b", Z, A, C, 0, 0xf0d2b496014589cd, 0x0, 0x0);
    VT("trn1 v0.2d, v1.2d, v2.2d", Z, A, C, 0, 0x123456789abcdef, 0xf0e1d2c3b4a59687, 0x0);
    VT("trn2 v0.4h, v1.4h, v2.4h", Z, A, C, 0, 0xf0e10123b4a589ab, 0x0, 0x0);
    VT("ext v0.16b, v1.16b, v2.16b, #5", Z, A, C, 0, 0x9876543210012345, 0xc3b4a59687fedcba, 0x0);
    VT("ext v0.8b, v1.8b, v2.8b, #7", Z, A, C, 0, 0xe1d2c3b4a5968701, 0x0, 0x0);
    VT("tbl v0.16b, {v1.16b}, v2.16b", Z, A, V(0x0F00100201FF0E03, 0x0807060504030201), 0,
       0xfeef00abcd00dc89, 0x100123456789abcd, 0x0);
    VT("tbx v0.8b, {v1.16b}, v2.8b", C, A, V(0x0F00100201FF0E03, 0), 0, 0xfeefd2abcda5dc89, 0x0,
       0x0);
    VT("movi v3.16b, #0x33\n\tmovi v4.16b, #0x44\n\ttbl v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, "
       "v1.16b",
       Z, V(0x3F3020100F05FF01, 0x4140302F201F100E), V(0x1716151413121110, 0x1F1E1D1C1B1A1918), 0,
       0x44443310412000ff, 0x4433331f1040, 0x0);
    VT("movi v3.16b, #0x33\n\ttbx v0.16b, {v1.16b, v2.16b, v3.16b}, v2.16b", C,
       V(0x0706050403020100, 0x0F0E0D0C0B0A0908), V(0x302F20100F05FF01, 0x4140312F201F100E), 0,
       0xf03333010f059601, 0x78695a333341010e, 0x0);
}

static void test_copy(void)
{
    XT("dup v0.16b, v1.b[5]", C, A, 0, 0x0, 0x4545454545454545, 0x4545454545454545);
    XT("dup v0.4s, v1.s[3]", C, A, 0, 0x0, 0xfedcba98fedcba98, 0xfedcba98fedcba98);
    XT("dup v0.8h, w1", C, A, 0x12345678ABCD, 0x0, 0xabcdabcdabcdabcd, 0xabcdabcdabcdabcd);
    XT("dup v0.2d, x1", C, A, 0x12345678ABCD, 0x0, 0x12345678abcd, 0x12345678abcd);
    XT("mov v0.s[2], w1", C, A, 0x12345678ABCD, 0x0, 0xf0e1d2c3b4a59687, 0x78695a4b5678abcd);
    XT("mov v0.b[15], v1.b[3]", C, A, 0, 0x0, 0xf0e1d2c3b4a59687, 0x89695a4b3c2d1e0f);
    XT("mov v0.d[1], v1.d[0]", C, A, 0, 0x0, 0xf0e1d2c3b4a59687, 0x123456789abcdef);
    XT("umov w0, v1.h[6]", C, A, 0, 0xba98, 0xf0e1d2c3b4a59687, 0x78695a4b3c2d1e0f);
    XT("mov x0, v1.d[1]", C, A, 0, 0xfedcba9876543210, 0xf0e1d2c3b4a59687, 0x78695a4b3c2d1e0f);
    XT("smov w0, v1.b[15]", C, A, 0, 0xfffffffe, 0xf0e1d2c3b4a59687, 0x78695a4b3c2d1e0f);
    XT("smov x0, v1.s[3]", C, A, 0, 0xfffffffffedcba98, 0xf0e1d2c3b4a59687, 0x78695a4b3c2d1e0f);
    XT("smov x0, v1.h[2]", C, B, 0, 0x1, 0xf0e1d2c3b4a59687, 0x78695a4b3c2d1e0f);
    XT("mov h0, v1.h[7]", C, A, 0, 0x0, 0xfedc, 0x0);
    XT("dup v0.8b, wzr", C, A, 0, 0x0, 0x0, 0x0);
}

static void test_by_element(void)
{
    VT("mul v0.8h, v1.8h, v2.h[5]", Z, A, C, 0, 0x6727571b470f3703, 0x5cac6cb87cc48cd0, 0x0);
    VT("mla v0.4s, v1.4s, v2.s[3]", C, A, B, 0, 0x6fbe8d5caaf9c898, 0x798c9fb3c5d8ebff, 0x0);
    VT("mls v0.4h, v1.4h, v2.h[7]", C, A, B, 0, 0x7204982abe50e476, 0x0, 0x0);
    VT("smull v0.4s, v1.4h, v2.h[1]", Z, A, B, 0, 0x3ab4a15518d6a111, 0xff6fa1dddd91a199, 0x0);
    VT("umlal2 v0.2d, v1.4s, v2.s[2]", C, A, B, 0, 0xf0e2495310ce9e87, 0x786a59a765226a0f, 0x0);
    VT("sqdmull2 v0.4s, v1.8h, v2.h[3]", Z, B, B, 0, 0xffff0000ff800000, 0x8001000000010000, 0x0);
    VT("sqdmlal s0, h1, v2.h[0]", C, B, B, 0, 0x32a99289, 0x0, 0x0);
    VT("sqdmulh v0.4s, v1.4s, v2.s[1]", Z, B, B, 0, 0x7ffffffe7f0080fe, 0x80000001fffeff80, 0x0);
    VT("sqrdmulh h0, h1, v2.h[4]", Z, C, A, 0, 0xd6c0, 0x0, 0x0);
    VT("sqrdmlah v0.8h, v1.8h, v2.h[2]", C, A, B, 0, 0xf0e1d2c4b4a49687, 0x78695a4a3c2e1e0f, 0x0);
    VT("sqrdmlsh s0, s1, v2.s[1]", C, B, B, 0, 0x80000000, 0x0, 0x8000000);
    VT("sdot v0.4s, v1.16b, v2.4b[3]", C, A, B, 0, 0xf0e1d273b4a55c17, 0x78695a1f3c2d5803, 0x0);
    VT("udot v0.2s, v1.8b, v2.4b[0]", C, A, B, 0, 0xf0e218c2b4a6ebfe, 0x0, 0x0);
}

static void test_dot_rdm(void)
{
    VT("sdot v0.4s, v1.16b, v2.16b", C, A, B, 0, 0xf0e1d2aab4a5b8fe, 0x78695a1f3c2d1663, 0x0);
    VT("udot v0.2s, v1.8b, v2.8b", C, A, B, 0, 0xf0e1d3aab4a6ebfe, 0x0, 0x0);
    VT("sqrdmlah v0.8h, v1.8h, v2.8h", C, B, B, 0, 0x70e1d2c332a9148b, 0x7fff5a4b3c2d1e10,
       0x8000000);
    VT("sqrdmlsh v0.4s, v1.4s, v2.4s", C, A, B, 0, 0xf205182a80000000, 0x798c9fb33c2c30f0,
       0x8000000);
    VT("sqrdmlah h0, h1, h2", V(0x7FFF, 0), V(0x7FFF, 0), V(0x7FFF, 0), 0, 0x7fff, 0x0, 0x8000000);
}

/* QC is sticky: it stays set until software clears FPSR. */
static void test_qc_sticky(void)
{
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "movi v1.16b, #0x7f\n\t"
                     "sqadd v0.16b, v1.16b, v1.16b\n\t"
                     "add v0.16b, v1.16b, v1.16b\n\t"
                     "mrs %0, fpsr"
                     : "=r"(fpsr)
                     :
                     : "v0", "v1");
    CHECK_EQ(fpsr, QC);
    __asm__ volatile("msr fpsr, xzr\n\tmrs %0, fpsr" : "=r"(fpsr));
    CHECK_EQ(fpsr, 0);
}

/* With FP/SIMD disabled (CPTR_EL2.TFP, CPTR_EL2.FPEN with E2H, or CPACR_EL1.FPEN), an
 * Advanced SIMD data-processing instruction traps with EC 0x07 at its own address. */
static void test_access_trap(void)
{
    bool el2 = current_el() == 2, e2h = el2 && (read_sysreg(hcr_el2) & (1ull << 34));
    uint64_t saved = el2 ? read_sysreg(cptr_el2) : read_sysreg(cpacr_el1);
    uint64_t disabled = el2 && !e2h ? saved | (1ull << 10) : saved & ~(3ull << 20);
    struct exc_frame f;
    uint64_t at;

    exc_catch_begin();
    if (el2)
        write_sysreg(disabled, cptr_el2);
    else
        write_sysreg(disabled, cpacr_el1);
    isb();
    __asm__ volatile("adr %0, 1f\n1: add v0.16b, v1.16b, v2.16b" : "=r"(at) : : "v0");
    if (el2)
        write_sysreg(saved, cptr_el2);
    else
        write_sysreg(saved, cpacr_el1);
    isb();
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_FP_ACCESS);
    CHECK_EQ(f.elr, at);
}

int main(void)
{
    test_three_same();
    test_two_reg_misc();
    test_three_different();
    test_shift_immediate();
    test_modified_immediate();
    test_across_lanes();
    test_permute();
    test_copy();
    test_by_element();
    test_dot_rdm();
    test_qc_sticky();
    test_access_trap();
    return test_summary();
}
