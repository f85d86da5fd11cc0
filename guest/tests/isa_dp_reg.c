/*
 * Data processing (register): logical and add/subtract (shifted register),
 * add/subtract (extended register) with the SP forms, ADC/SBC, CCMN/CCMP,
 * conditional select, 1-source (RBIT, REV*, CLZ, CLS), 2-source (divides,
 * shifts by register, CRC32*), 3-source (multiplies); reserved encodings are
 * UNDEFINED. Expected values were recorded on QEMU.
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "dp_run.h"

static void test_logical_shifted(void)
{
    T("and x0, x1, x2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x1214121812141210,
      "nzcv");
    T("and w0, w1, w2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x12141210, "nzcv");
    T("bic x0, x1, x2, lsl #3", G, 0xFFFFFFFFFFFFFFFF, 1, 0, 0, 0xFFFFFFFFFFFFFFF7, "nzcv");
    T("orr x0, x1, x2, lsr #63", G, 0x10, 0x8000000000000000, 0, 0, 0x11, "nzcv");
    T("orn w0, w1, w2, asr #31", G, 1, 0x80000000, 0, 0, 1, "nzcv");
    T("eor x0, x1, x2, ror #17", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0xB3C2916C7F0E5DA,
      "nzcv");
    T("eon w0, w1, w2, ror #31", G, 0, 0x80000001, 0, 0, 0xFFFFFFFC, "nzcv");
    T("eon x0, x1, x2", G, 0x123456789ABCDEF0, 0x123456789ABCDEF0, 0, 0, 0xFFFFFFFFFFFFFFFF,
      "nzcv");
    T("orr x0, x1, x2, asr #32", G, 0, 0x8000000000000000, 0, 0, 0xFFFFFFFF80000000, "nzcv");
    T("eor w0, w1, w2, lsr #16", G, 0xFFFFFFFF00000000, 0xFFFF0000, 0, 0, 0xFFFF, "nzcv");
    T("bic w0, w1, w2, lsr #31", G, 0xFFFFFFFFFFFFFFFF, 0x80000000, 0, 0, 0xFFFFFFFE, "nzcv");
    T("mov x0, x2", G, 0, 0xFEDCBA9876543210, 0, 0, 0xFEDCBA9876543210, "nzcv");
    T("mov w0, w2", G, 0, 0xFEDCBA9876543210, 0, 0, 0x76543210, "nzcv");
    T("mvn x0, x2", G, 0, 0x123456789ABCDEF0, 0, 0, 0xEDCBA9876543210F, "nzcv");
    T("mvn w0, w2, ror #4", G, 0, 0x1234567F, 0, 0, 0xEDCBA98, "nzcv");
    T("ands x0, x1, x2", G, 0x8000000000000001, 0x8000000000000000, 0, 0x30000000,
      0x8000000000000000, "Nzcv");
    T("ands x0, x1, x2", G, 0xF0, 0xF, 0, 0xF0000000, 0, "nZcv");
    T("ands w0, w1, w2, lsl #1", G, 0x80000000, 0x40000000, 0, 0, 0x80000000, "Nzcv");
    T("bics x0, x1, x2, asr #63", G, 0x123456789ABCDEF0, 0x8000000000000000, 0, 0x70000000, 0,
      "nZcv");
    T("bics w0, w1, w2", G, 0x7FFFFFFF, 0xFFFFFFFF00000001, 0, 0x20000000, 0x7FFFFFFE, "nzcv");
    T("tst x1, x2", G, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0, 0, G, "Nzcv");
    T("tst w1, w2, ror #1", G, 1, 1, 0, 0x40000000, G, "nZcv");
}

static void test_add_sub_shifted(void)
{
    T("add x0, x1, x2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x1111111111111100,
      "nzcv");
    T("add w0, w1, w2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x11111100, "nzcv");
    T("add x0, x1, x2, lsl #63", G, 1, 1, 0, 0, 0x8000000000000001, "nzcv");
    T("add w0, w1, w2, asr #31", G, 5, 0x80000000, 0, 0, 4, "nzcv");
    T("sub x0, x1, x2, lsr #5", G, 0, 0x100, 0, 0, 0xFFFFFFFFFFFFFFF8, "nzcv");
    T("sub w0, w1, w2, lsl #16", G, 0, 1, 0, 0, 0xFFFF0000, "nzcv");
    T("neg x0, x2", G, 0, 1, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("adds x0, x1, x2", G, 0x7FFFFFFFFFFFFFFF, 1, 0, 0, 0x8000000000000000, "NzcV");
    T("adds x0, x1, x2", G, 0x8000000000000000, 0x8000000000000000, 0, 0, 0, "nZCV");
    T("adds x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 1, 0, 0, 0, "nZCv");
    T("adds w0, w1, w2", G, 0x7FFFFFFF, 1, 0, 0, 0x80000000, "NzcV");
    T("adds w0, w1, w2", G, 0xAAAAAAAA80000000, 0xBBBBBBBB80000000, 0, 0, 0, "nZCV");
    T("subs x0, x1, x2", G, 0, 1, 0, 0, 0xFFFFFFFFFFFFFFFF, "Nzcv");
    T("subs x0, x1, x2", G, 0x8000000000000000, 1, 0, 0, 0x7FFFFFFFFFFFFFFF, "nzCV");
    T("subs x0, x1, x2", G, 5, 5, 0, 0, 0, "nZCv");
    T("subs w0, w1, w2", G, 0x80000000, 1, 0, 0, 0x7FFFFFFF, "nzCV");
    T("subs w0, w1, w2", G, 1, 0xFFFFFFFF00000002, 0, 0, 0xFFFFFFFF, "Nzcv");
    T("cmp x1, x2, asr #1", G, 0, 0x8000000000000000, 0, 0, G, "nzcv");
    T("cmn w1, w2, lsl #4", G, 0xFFFFFFF0, 1, 0, 0, G, "nZCv");
    T("negs w0, w2", G, 0, 0x80000000, 0, 0, 0x80000000, "NzcV");
    T("negs x0, x2", G, 0, 0, 0, 0, 0, "nZCv");
    T("adds x0, x1, x2, lsr #32", G, 0xFFFFFFFF, 0xFFFFFFFF00000000, 0, 0, 0x1FFFFFFFE, "nzcv");
    T("subs w0, w1, w2, asr #3", G, 0, 0x80000000, 0, 0, 0x10000000, "nzcv");
}

static void test_add_sub_extended(void)
{
    T("add x0, x1, w2, uxtb", G, 0x1000, 0xFFFFFFFFFFFFFF80, 0, 0, 0x1080, "nzcv");
    T("add x0, x1, w2, uxth #2", G, 0x1000, 0xFFFFFFFFFFFF8001, 0, 0, 0x21004, "nzcv");
    T("add x0, x1, w2, uxtw #4", G, 0, 0xFFFFFFFFFFFFFFFF, 0, 0, 0xFFFFFFFF0, "nzcv");
    T("add x0, x1, x2, uxtx #3", G, 1, 0x2000000000000001, 0, 0, 9, "nzcv");
    T("add x0, x1, w2, sxtb", G, 0x1000, 0x80, 0, 0, 0xF80, "nzcv");
    T("add x0, x1, w2, sxth #1", G, 0, 0x8000, 0, 0, 0xFFFFFFFFFFFF0000, "nzcv");
    T("add x0, x1, w2, sxtw", G, 0, 0x80000000, 0, 0, 0xFFFFFFFF80000000, "nzcv");
    T("add x0, x1, x2, sxtx #4", G, 0, 0x8000000000000001, 0, 0, 0x10, "nzcv");
    T("add w0, w1, w2, uxtb #1", G, 0xFFFFFFFF, 0xFF, 0, 0, 0x1FD, "nzcv");
    T("add w0, w1, w2, sxth #4", G, 0, 0x8000, 0, 0, 0xFFF80000, "nzcv");
    T("add w0, w1, w2, uxtx #2", G, 0, 0xC0000001, 0, 0, 4, "nzcv");
    T("sub x0, x1, w2, sxtw #2", G, 0, 0xFFFFFFFF, 0, 0, 4, "nzcv");
    T("adds x0, x1, w2, sxtb", G, 0x80, 0x80, 0, 0, 0, "nZCv");
    T("subs x0, x1, w2, uxtw", G, 0x100000000, 0xFFFFFFFF00000001, 0, 0, 0xFFFFFFFF, "nzCv");
    T("cmp w1, w2, sxtb", G, 0xFFFFFF80, 0x80, 0, 0, G, "nZCv");
    T("subs w0, w1, w2, uxth #3", G, 0x40000, 0x8000, 0, 0, 0, "nZCv");
    T("cmn x1, w2, uxtw #1", G, 0xFFFFFFFE00000002, 0xFFFFFFFF, 0, 0, G, "nZCv");
}

static void test_add_sub_carry(void)
{
    T("adc x0, x1, x2", G, 1, 2, 0, 0x20000000, 4, "nzCv");
    T("adc x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0x20000000, 0, "nzCv");
    T("adc w0, w1, w2", G, 0xFFFFFFFF, 0, 0, 0x20000000, 0, "nzCv");
    T("adcs x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0x20000000, 0, "nZCv");
    T("adcs x0, x1, x2", G, 0x7FFFFFFFFFFFFFFF, 0, 0, 0x20000000, 0x8000000000000000, "NzcV");
    T("adcs x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0, 0x20000000,
      0xFFFFFFFFFFFFFFFF, "NzCv");
    T("adcs w0, w1, w2", G, 0x7FFFFFFF, 0, 0, 0x20000000, 0x80000000, "NzcV");
    T("adcs w0, w1, w2", G, 0xFFFFFFFF, 0, 0, 0, 0xFFFFFFFF, "Nzcv");
    T("sbc x0, x1, x2", G, 5, 3, 0, 0, 1, "nzcv");
    T("sbc w0, w1, w2", G, 0, 0, 0, 0, 0xFFFFFFFF, "nzcv");
    T("sbcs x0, x1, x2", G, 5, 5, 0, 0, 0xFFFFFFFFFFFFFFFF, "Nzcv");
    T("sbcs x0, x1, x2", G, 5, 5, 0, 0x20000000, 0, "nZCv");
    T("sbcs x0, x1, x2", G, 0x8000000000000000, 0, 0, 0, 0x7FFFFFFFFFFFFFFF, "nzCV");
    T("sbcs w0, w1, w2", G, 0, 0, 0, 0x20000000, 0, "nZCv");
    T("sbcs w0, w1, w2", G, 0x80000000, 0x7FFFFFFF, 0, 0x20000000, 1, "nzCV");
    T("ngc x0, x2", G, 0, 0, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("ngcs w0, w2", G, 0, 0, 0, 0x20000000, 0, "nZCv");
}

static void test_conditional_compare(void)
{
    T("ccmp x1, x2, #0b1010, eq", G, 5, 5, 0, 0x40000000, G, "nZCv");
    T("ccmp x1, x2, #0b1010, eq", G, 5, 5, 0, 0, G, "NzCv");
    T("ccmp w1, w2, #15, ne", G, 0x80000000, 1, 0, 0, G, "nzCV");
    T("ccmn x1, x2, #0, ge", G, 0xFFFFFFFFFFFFFFFF, 1, 0, 0x90000000, G, "nZCv");
    T("ccmn w1, w2, #8, lt", G, 0x7FFFFFFF, 1, 0, 0x80000000, G, "NzcV");
    T("ccmp x1, #31, #2, hi", G, 0x1F, 0, 0, 0x20000000, G, "nZCv");
    T("ccmp x1, #31, #2, hi", G, 0x1F, 0, 0, 0x60000000, G, "nzCv");
    T("ccmp w1, #0, #4, ls", G, 0, 0, 0, 0x40000000, G, "nZCv");
    T("ccmn x1, #1, #1, al", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, G, "nZCv");
    T("ccmn w1, #5, #0, vs", G, 0xFFFFFFFB, 0, 0, 0x10000000, G, "nZCv");
    T("ccmp x1, x2, #5, nv", G, 1, 2, 0, 0, G, "Nzcv");
    T("ccmp x1, #1, #9, cs", G, 0x8000000000000000, 0, 0, 0x20000000, G, "nzCV");
    T("ccmn w1, w2, #3, gt", G, 1, 1, 0, 0x40000000, G, "nzCV");
    T("ccmp w1, w2, #6, le", G, 1, 2, 0, 0x40000000, G, "Nzcv");
}

static void test_conditional_select(void)
{
    T("csel x0, x1, x2, eq", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0x40000000,
      0x123456789ABCDEF0, "nZcv");
    T("csel x0, x1, x2, eq", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0xFEDCBA9876543210,
      "nzcv");
    T("csel w0, w1, w2, hi", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0x20000000, 0x9ABCDEF0,
      "nzCv");
    T("csel w0, w1, w2, hi", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0x60000000, 0x76543210,
      "nZCv");
    T("csinc x0, x1, x2, ge", G, 0x123456789ABCDEF0, 0xFFFFFFFFFFFFFFFF, 0, 0x80000000, 0, "Nzcv");
    T("csinc w0, w1, w2, lt", G, 0x123456789ABCDEF0, 0xFFFFFFFF, 0, 0x90000000, 0, "NzcV");
    T("csinv x0, x1, x2, gt", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0x40000000,
      0x123456789ABCDEF, "nZcv");
    T("csinv w0, w1, w2, le", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x89ABCDEF, "nzcv");
    T("csneg x0, x1, x2, mi", G, 0x123456789ABCDEF0, 1, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("csneg w0, w1, w2, pl", G, 0x123456789ABCDEF0, 0x80000000, 0, 0x80000000, 0x80000000, "Nzcv");
    T("cset x0, cc", G, 0, 0, 0, 0, 1, "nzcv");
    T("csetm w0, cs", G, 0, 0, 0, 0x20000000, 0xFFFFFFFF, "nzCv");
    T("cinc x0, x1, vc", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0, "nzcv");
    T("cneg w0, w1, vs", G, 5, 0, 0, 0x10000000, 0xFFFFFFFB, "nzcV");
    T("csel x0, x1, x2, al", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x123456789ABCDEF0,
      "nzcv");
    T("csel x0, x1, x2, nv", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x123456789ABCDEF0,
      "nzcv");
}

static void test_one_source(void)
{
    T("rbit x0, x1", G, 1, 0, 0, 0, 0x8000000000000000, "nzcv");
    T("rbit x0, x1", G, 0x123456789ABCDEF0, 0, 0, 0, 0xF7B3D591E6A2C48, "nzcv");
    T("rbit w0, w1", G, 0xFFFFFFFF00000001, 0, 0, 0, 0x80000000, "nzcv");
    T("rev16 x0, x1", G, 0x123456789ABCDEF0, 0, 0, 0, 0x34127856BC9AF0DE, "nzcv");
    T("rev16 w0, w1", G, 0x123456789ABCDEF0, 0, 0, 0, 0xBC9AF0DE, "nzcv");
    T("rev32 x0, x1", G, 0x123456789ABCDEF0, 0, 0, 0, 0x78563412F0DEBC9A, "nzcv");
    T("rev x0, x1", G, 0x123456789ABCDEF0, 0, 0, 0, 0xF0DEBC9A78563412, "nzcv");
    T("rev w0, w1", G, 0x123456789ABCDEF0, 0, 0, 0, 0xF0DEBC9A, "nzcv");
    T("clz x0, x1", G, 0, 0, 0, 0, 0x40, "nzcv");
    T("clz x0, x1", G, 0x100000000000, 0, 0, 0, 0x13, "nzcv");
    T("clz w0, w1", G, 0xFFFFFFFF00000000, 0, 0, 0, 0x20, "nzcv");
    T("clz w0, w1", G, 0x8000, 0, 0, 0, 0x10, "nzcv");
    T("cls x0, x1", G, 0, 0, 0, 0, 0x3F, "nzcv");
    T("cls x0, x1", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0x3F, "nzcv");
    T("cls x0, x1", G, 0xFFF0000000000000, 0, 0, 0, 0xB, "nzcv");
    T("cls w0, w1", G, 0xFFFFFFFF, 0, 0, 0, 0x1F, "nzcv");
    T("cls w0, w1", G, 0xFFFF00001000, 0, 0, 0, 0x12, "nzcv");
}

static void test_two_source(void)
{
    T("udiv x0, x1, x2", G, 0x64, 7, 0, 0, 0xE, "nzcv");
    T("udiv x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0, "nzcv");
    T("udiv w0, w1, w2", G, 0xFFFFFFFF00000064, 0x100000007, 0, 0, 0xE, "nzcv");
    T("udiv w0, w1, w2", G, 5, 0xFFFFFFFF00000000, 0, 0, 0, "nzcv");
    T("sdiv x0, x1, x2", G, 0xFFFFFFFFFFFFFF9C, 7, 0, 0, 0xFFFFFFFFFFFFFFF2, "nzcv");
    T("sdiv x0, x1, x2", G, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0, 0, 0x8000000000000000,
      "nzcv");
    T("sdiv x0, x1, x2", G, 5, 0, 0, 0, 0, "nzcv");
    T("sdiv w0, w1, w2", G, 0x80000000, 0xFFFFFFFF, 0, 0, 0x80000000, "nzcv");
    T("sdiv w0, w1, w2", G, 0x64, 0xFFFFFFF9, 0, 0, 0xFFFFFFF2, "nzcv");
    T("sdiv w0, w1, w2", G, 0x64, 0xFFFFFFFF00000000, 0, 0, 0, "nzcv");
    T("lsl x0, x1, x2", G, 0x123456789ABCDEF0, 0x44, 0, 0, 0x23456789ABCDEF00, "nzcv");
    T("lsl w0, w1, w2", G, 0x123456789ABCDEF0, 0x21, 0, 0, 0x3579BDE0, "nzcv");
    T("lsr x0, x1, x2", G, 0xFEDCBA9876543210, 0x7F, 0, 0, 1, "nzcv");
    T("lsr w0, w1, w2", G, 0xFEDCBA9876543210, 0xFFFFFFFFFFFFFFE4, 0, 0, 0x7654321, "nzcv");
    T("asr x0, x1, x2", G, 0xFEDCBA9876543210, 0x3F, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("asr w0, w1, w2", G, 0x80000000, 0x3F, 0, 0, 0xFFFFFFFF, "nzcv");
    T("ror x0, x1, x2", G, 0x123456789ABCDEF0, 0x104, 0, 0, 0x123456789ABCDEF, "nzcv");
    T("ror w0, w1, w2", G, 0x123456789ABCDEF0, 0x24, 0, 0, 0x9ABCDEF, "nzcv");
    T("crc32b w0, w1, w2", G, 0xFFFFFFFF, 0x61, 0, 0, 0x174841BC, "nzcv");
    T("crc32h w0, w1, w2", G, 0, 0x1234, 0, 0, 0x489382BF, "nzcv");
    T("crc32w w0, w1, w2", G, 0xFFFFFFFF, 0x64636261, 0, 0, 0x127D32EE, "nzcv");
    T("crc32x w0, w1, x2", G, 0xFFFFFFFF, 0x3837363534333231, 0, 0, 0x651F2550, "nzcv");
    T("crc32cb w0, w1, w2", G, 0xFFFFFFFF, 0x61, 0, 0, 0x3E2FBCCF, "nzcv");
    T("crc32ch w0, w1, w2", G, 0x12345678, 0xABCD, 0, 0, 0xAAE32043, "nzcv");
    T("crc32cw w0, w1, w2", G, 0xFFFFFFFF, 0x64636261, 0, 0, 0x6D37F5CE, "nzcv");
    T("crc32cx w0, w1, x2", G, 0xFFFFFFFF, 0x3837363534333231, 0, 0, 0x9F787F65, "nzcv");
}

static void test_three_source(void)
{
    T("madd x0, x1, x2, x3", G, 3, 5, 7, 0, 0x16, "nzcv");
    T("madd x0, x1, x2, x3", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0xFFFFFFFFFFFFFFFF, 0,
      0x236D88FE5618CEFF, "nzcv");
    T("madd w0, w1, w2, w3", G, 0x100010000, 0x10000, 5, 0, 5, "nzcv");
    T("msub x0, x1, x2, x3", G, 3, 5, 7, 0, 0xFFFFFFFFFFFFFFF8, "nzcv");
    T("msub w0, w1, w2, w3", G, 3, 5, 0xFFFFFFFF00000007, 0, 0xFFFFFFF8, "nzcv");
    T("mul x0, x1, x2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x236D88FE5618CF00,
      "nzcv");
    T("mul w0, w1, w2", G, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0, 1, "nzcv");
    T("mneg x0, x1, x2", G, 3, 5, 0, 0, 0xFFFFFFFFFFFFFFF1, "nzcv");
    T("smaddl x0, w1, w2, x3", G, 0xFFFFFFFF, 0x7FFFFFFF, 1, 0, 0xFFFFFFFF80000002, "nzcv");
    T("smsubl x0, w1, w2, x3", G, 0x80000000, 0x80000000, 0, 0, 0xC000000000000000, "nzcv");
    T("umaddl x0, w1, w2, x3", G, 0xFFFFFFFF, 0xFFFFFFFF, 1, 0, 0xFFFFFFFE00000002, "nzcv");
    T("umsubl x0, w1, w2, x3", G, 0x1FFFFFFFF, 2, 0, 0, 0xFFFFFFFE00000002, "nzcv");
    T("smull x0, w1, w2", G, 0xFFFFFFFE, 3, 0, 0, 0xFFFFFFFFFFFFFFFA, "nzcv");
    T("umull x0, w1, w2", G, 0xFFFFFFFE, 3, 0, 0, 0x2FFFFFFFA, "nzcv");
    T("smulh x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, "nzcv");
    T("smulh x0, x1, x2", G, 0x8000000000000000, 0x8000000000000000, 0, 0, 0x4000000000000000,
      "nzcv");
    T("smulh x0, x1, x2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0xFFEB49923CC09532,
      "nzcv");
    T("umulh x0, x1, x2", G, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0, 0, 0xFFFFFFFFFFFFFFFE,
      "nzcv");
    T("umulh x0, x1, x2", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0x121FA00AD77D7422,
      "nzcv");
}

/* Shifted-register forms read register 31 as ZR; extended-register forms use SP for Rd and Rn. */
static void test_sp_forms(void)
{
    struct sp_result r;

    r = SP_RUN("add sp, x1, x2", 0x1000, 0x1000, 0x20, 0);
    CHECK_EQ(r.sp, 0x1020);
    r = SP_RUN("add x0, sp, x2", 0x8000, 0, 0x10, 0);
    CHECK_EQ(r.x0, 0x8010);
    r = SP_RUN("add sp, sp, w2, uxth", 0x10000, 0, 0xFFFF0001, 0);
    CHECK_EQ(r.sp, 0x10001);
    r = SP_RUN("sub x0, sp, w2, sxtw #2", 0x1000, 0, 0xFFFFFFFF, 0);
    CHECK_EQ(r.x0, 0x1004);
    r = SP_RUN("cmp sp, x2", 0x10, 0, 0x10, 0);
    CHECK_FLAGS(r.nzcv, "nZCv");
    r = SP_RUN("adds w0, wsp, w2, sxtw", 0x7FFFFFFF, 0, 1, 0);
    CHECK_EQ(r.x0, 0x80000000);
    CHECK_FLAGS(r.nzcv, "NzcV");
    r = SP_RUN("add xzr, x1, x2", 0x5550, 1, 2, 0);
    CHECK_EQ(r.sp, 0x5550);
    r = SP_RUN("add x0, xzr, x1", 0x5550, 7, 0, 0);
    CHECK_EQ(r.x0, 7);
    r = SP_RUN("orr x0, xzr, x1", 0x5550, 9, 0, 0);
    CHECK_EQ(r.x0, 9);
    r = SP_RUN("csinc x0, xzr, xzr, ne", 0x5550, 0, 0, 0);
    CHECK_EQ(r.x0, 0);
    r = SP_RUN("madd xzr, x1, x2, xzr", 0x5550, 3, 4, 0);
    CHECK_EQ(r.sp, 0x5550);
}

static void test_reserved(void)
{
    CHECK_UNDEFINED(0x0A028020); /* AND (shifted, 32-bit), imm6 = 32 */
    CHECK_UNDEFINED(0x8BC20020); /* ADD (shifted), ROR */
    CHECK_UNDEFINED(0x0B028020); /* ADD (shifted, 32-bit), imm6 = 32 */
    CHECK_UNDEFINED(0x8B620020); /* ADD (extended), opt = 01 */
    CHECK_UNDEFINED(0x8B221420); /* ADD (extended), shift = 5 */
    CHECK_UNDEFINED(0xDA420020); /* CCMP (register), S = 0 */
    CHECK_UNDEFINED(0xFA420420); /* CCMP (register), o2 = 1 */
    CHECK_UNDEFINED(0xBA820020); /* CSEL, S = 1 */
    CHECK_UNDEFINED(0x9A820820); /* CSEL, op2 = 10 */
    CHECK_UNDEFINED(0x5AC00C20); /* REV, sf = 0 with opc = 11 */
    CHECK_UNDEFINED(0x9AC20420); /* 2 source, opcode = 000001 */
    CHECK_UNDEFINED(0x1AC24C20); /* CRC32X, sf = 0 */
    CHECK_UNDEFINED(0x9AC24020); /* CRC32B, sf = 1 */
    CHECK_UNDEFINED(0x1B220C20); /* SMADDL, sf = 0 */
    CHECK_UNDEFINED(0x9B42FC20); /* SMULH, o0 = 1 */
    CHECK_UNDEFINED(0x9A220020); /* op1 = 1, op2 = 0001 */
}

int main(void)
{
    test_logical_shifted();
    test_add_sub_shifted();
    test_add_sub_extended();
    test_sp_forms();
    test_add_sub_carry();
    test_conditional_compare();
    test_conditional_select();
    test_one_source();
    test_two_source();
    test_three_source();
    test_reserved();
    return test_summary();
}
