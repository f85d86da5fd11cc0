/*
 * Data processing (immediate): ADR/ADRP, ADD/SUB (immediate) with the SP
 * forms, logical (immediate), MOVN/MOVZ/MOVK, SBFM/BFM/UBFM and their
 * aliases, EXTR; reserved encodings are UNDEFINED. Expected values were
 * recorded on QEMU.
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "dp_run.h"

static void test_add_sub_immediate(void)
{
    T("add x0, x1, #0x123", G, 0x1000, 0, 0, 0, 0x1123, "nzcv");
    T("add x0, x1, #0xfff, lsl #12", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0xFFEFFF, "nzcv");
    T("add w0, w1, #1", G, 0x12345678FFFFFFFF, 0, 0, 0, 0, "nzcv");
    T("sub x0, x1, #1", G, 0, 0, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("sub w0, w1, #0x800, lsl #12", G, 0xFFFFFFFF00000000, 0, 0, 0, 0xFF800000, "nzcv");
    T("adds x0, x1, #1", G, 0x7FFFFFFFFFFFFFFF, 0, 0, 0, 0x8000000000000000, "NzcV");
    T("adds x0, x1, #1", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0, "nZCv");
    T("adds x0, x1, #0", G, 0, 0, 0, 0xF0000000, 0, "nZcv");
    T("adds w0, w1, #1", G, 0x7FFFFFFF, 0, 0, 0, 0x80000000, "NzcV");
    T("adds w0, w1, #1", G, 0xAAAAAAAAFFFFFFFF, 0, 0, 0, 0, "nZCv");
    T("adds w0, w1, #0xfff, lsl #12", G, 0x80000000, 0, 0, 0, 0x80FFF000, "Nzcv");
    T("subs x0, x1, #1", G, 0, 0, 0, 0, 0xFFFFFFFFFFFFFFFF, "Nzcv");
    T("subs x0, x1, #1", G, 0x8000000000000000, 0, 0, 0, 0x7FFFFFFFFFFFFFFF, "nzCV");
    T("subs x0, x1, #1", G, 1, 0, 0, 0, 0, "nZCv");
    T("subs w0, w1, #0xfff", G, 0xFFF, 0, 0, 0, 0, "nZCv");
    T("subs w0, w1, #1", G, 0xFFFFFFFF80000000, 0, 0, 0, 0x7FFFFFFF, "nzCV");
    T("cmp x1, #0x800, lsl #12", G, 0x800000, 0, 0, 0xF0000000, G, "nZCv");
    T("cmp x1, #4", G, 3, 0, 0, 0, G, "Nzcv");
    T("cmn w1, #1", G, 0xFFFFFFFF, 0, 0, 0, G, "nZCv");
    T("cmn x1, #5", G, 0xFFFFFFFFFFFFFFFB, 0, 0, 0, G, "nZCv");
}

static void test_logical_immediate(void)
{
    T("and x0, x1, #0xff", G, 0x123456789ABCDEF0, 0, 0, 0, 0xF0, "nzcv");
    T("and x0, x1, #0xaaaaaaaaaaaaaaaa", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0xAAAAAAAAAAAAAAAA,
      "nzcv");
    T("orr x0, x1, #0x5555555555555555", G, 0x8000000000000000, 0, 0, 0, 0xD555555555555555,
      "nzcv");
    T("eor x0, x1, #0xfffffffffffffffe", G, 0xF, 0, 0, 0, 0xFFFFFFFFFFFFFFF1, "nzcv");
    T("and x0, x1, #0x7e", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0x7E, "nzcv");
    T("eor x0, x1, #0xc000000000000001", G, 0, 0, 0, 0, 0xC000000000000001, "nzcv");
    T("orr x0, x1, #0x0003000300030003", G, 0x100, 0, 0, 0, 0x3000300030103, "nzcv");
    T("eor x0, x1, #0x0101010101010101", G, 0x1234, 0, 0, 0, 0x101010101011335, "nzcv");
    T("orr x0, x1, #0x0000ffff0000ffff", G, 0x1000000000000, 0, 0, 0, 0x1FFFF0000FFFF, "nzcv");
    T("orr x0, x1, #0x1ffffffff", G, 0x8000000000000000, 0, 0, 0, 0x80000001FFFFFFFF, "nzcv");
    T("and x0, x1, #0xfffffffffffffffe", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0xFFFFFFFFFFFFFFFE,
      "nzcv");
    T("orr x0, x1, #0x7fffffffffffffff", G, 0, 0, 0, 0, 0x7FFFFFFFFFFFFFFF, "nzcv");
    T("and w0, w1, #0x0f0f0f0f", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0xF0F0F0F, "nzcv");
    T("orr w0, w1, #0xf000000f", G, 0xFFFFFFFF00000000, 0, 0, 0, 0xF000000F, "nzcv");
    T("eor w0, w1, #0x3", G, 0xFFFFFFFF00000001, 0, 0, 0, 2, "nzcv");
    T("and w0, w1, #0x55555555", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0x55555555, "nzcv");
    T("eor w0, w1, #0x80000001", G, 0x7FFFFFFF, 0, 0, 0, 0xFFFFFFFE, "nzcv");
    T("mov x0, #0x00ff00ff00ff00ff", G, 0, 0, 0, 0, 0xFF00FF00FF00FF, "nzcv");
    T("mov w0, #0xffff0000", G, 0, 0, 0, 0, 0xFFFF0000, "nzcv");
    T("mov x0, #0xfffffffffffffff0", G, 0, 0, 0, 0, 0xFFFFFFFFFFFFFFF0, "nzcv");
    T("ands x0, x1, #0x8000000000000000", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0x30000000,
      0x8000000000000000, "Nzcv");
    T("ands x0, x1, #0x7ffffffffffffffe", G, 0x8000000000000001, 0, 0, 0xF0000000, 0, "nZcv");
    T("ands w0, w1, #0x80000000", G, 0x80000000, 0, 0, 0x70000000, 0x80000000, "Nzcv");
    T("ands w0, w1, #0xffff", G, 0xFFFFFFFF00010000, 0, 0, 0, 0, "nZcv");
    T("tst x1, #0x1", G, 3, 0, 0, 0x40000000, G, "nzcv");
    T("tst w1, #0xc0000000", G, 0x40000000, 0, 0, 0x60000000, G, "nzcv");
}

static void test_move_wide(void)
{
    T("movz x0, #0x1234, lsl #48", G, 0, 0, 0, 0, 0x1234000000000000, "nzcv");
    T("movz x0, #0xffff", G, 0, 0, 0, 0, 0xFFFF, "nzcv");
    T("movz w0, #0xffff, lsl #16", G, 0, 0, 0, 0, 0xFFFF0000, "nzcv");
    T("movn x0, #0", G, 0, 0, 0, 0, 0xFFFFFFFFFFFFFFFF, "nzcv");
    T("movn x0, #0x1234, lsl #32", G, 0, 0, 0, 0, 0xFFFFEDCBFFFFFFFF, "nzcv");
    T("movn w0, #0x1234", G, 0, 0, 0, 0, 0xFFFFEDCB, "nzcv");
    T("movn w0, #0xffff, lsl #16", G, 0, 0, 0, 0, 0xFFFF, "nzcv");
    T("movk x0, #0xbeef, lsl #16", 0x1111222233334444, 0, 0, 0, 0, 0x11112222BEEF4444, "nzcv");
    T("movk x0, #0x1, lsl #48", 0x1111222233334444, 0, 0, 0, 0, 0x1222233334444, "nzcv");
    T("movk x0, #0x5a5a", 0x1111222233334444, 0, 0, 0, 0, 0x1111222233335A5A, "nzcv");
    T("movk w0, #0xbeef, lsl #16", 0x1111222233334444, 0, 0, 0, 0, 0xBEEF4444, "nzcv");
    T("movk w0, #0x5a5a", 0x1111222233334444, 0, 0, 0, 0, 0x33335A5A, "nzcv");
}

static void test_bitfield(void)
{
    T("lsl x0, x1, #4", G, 0xF00000000000000F, 0, 0, 0, 0xF0, "nzcv");
    T("lsl w0, w1, #31", G, 0xFFFFFFFF00000003, 0, 0, 0, 0x80000000, "nzcv");
    T("lsr x0, x1, #63", G, 0x8000000000000000, 0, 0, 0, 1, "nzcv");
    T("lsr w0, w1, #1", G, 0xFFFFFFFF80000000, 0, 0, 0, 0x40000000, "nzcv");
    T("asr x0, x1, #7", G, 0x8000000000000000, 0, 0, 0, 0xFF00000000000000, "nzcv");
    T("asr x0, x1, #63", G, 0x7FFFFFFFFFFFFFFF, 0, 0, 0, 0, "nzcv");
    T("asr w0, w1, #31", G, 0x80000000, 0, 0, 0, 0xFFFFFFFF, "nzcv");
    T("asr w0, w1, #4", G, 0xFFFFFFFF7FFFFFF0, 0, 0, 0, 0x7FFFFFF, "nzcv");
    T("ubfx x0, x1, #8, #16", G, 0x123456789ABCDEF0, 0, 0, 0, 0xBCDE, "nzcv");
    T("ubfx w0, w1, #28, #4", G, 0xFFFFFFFF9FFFFFFF, 0, 0, 0, 9, "nzcv");
    T("sbfx x0, x1, #4, #8", G, 0xF80, 0, 0, 0, 0xFFFFFFFFFFFFFFF8, "nzcv");
    T("sbfx x0, x1, #31, #33", G, 0x8000000000000000, 0, 0, 0, 0xFFFFFFFF00000000, "nzcv");
    T("sbfx w0, w1, #0, #12", G, 0x800, 0, 0, 0, 0xFFFFF800, "nzcv");
    T("ubfiz x0, x1, #60, #4", G, 0xFF, 0, 0, 0, 0xF000000000000000, "nzcv");
    T("ubfiz w0, w1, #1, #31", G, 0xFFFFFFFFFFFFFFFF, 0, 0, 0, 0xFFFFFFFE, "nzcv");
    T("sbfiz x0, x1, #8, #4", G, 8, 0, 0, 0, 0xFFFFFFFFFFFFF800, "nzcv");
    T("sbfiz w0, w1, #30, #2", G, 3, 0, 0, 0, 0xC0000000, "nzcv");
    T("bfi x0, x1, #8, #16", 0x1111222233334444, 0xABCDEF, 0, 0, 0, 0x1111222233CDEF44, "nzcv");
    T("bfi w0, w1, #24, #8", 0x1111222233334444, 0xAB, 0, 0, 0, 0xAB334444, "nzcv");
    T("bfxil x0, x1, #60, #4", 0x1111222233334444, 0xA000000000000000, 0, 0, 0, 0x111122223333444A,
      "nzcv");
    T("bfxil w0, w1, #0, #32", 0x1111222233334444, 0x5555555587654321, 0, 0, 0, 0x87654321, "nzcv");
    T("bfxil w0, w1, #4, #8", 0x1111222233334444, 0xABC, 0, 0, 0, 0x333344AB, "nzcv");
    T("bfm x0, xzr, #60, #7", 0x1111222233334444, 0, 0, 0, 0, 0x1111222233334004, "nzcv");
    T("bfm w0, wzr, #31, #0", 0x1111222233334445, 0, 0, 0, 0, 0x33334445, "nzcv");
    T("bfm x0, x1, #63, #0", 0x1111222233334444, 1, 0, 0, 0, 0x1111222233334446, "nzcv");
    T("sxtb x0, w1", G, 0x80, 0, 0, 0, 0xFFFFFFFFFFFFFF80, "nzcv");
    T("sxth w0, w1", G, 0x12348000, 0, 0, 0, 0xFFFF8000, "nzcv");
    T("sxtw x0, w1", G, 0x1234567880000000, 0, 0, 0, 0xFFFFFFFF80000000, "nzcv");
    T("uxtb w0, w1", G, 0x1FF, 0, 0, 0, 0xFF, "nzcv");
    T("uxth w0, w1", G, 0xFFFFFFFFFFFF8001, 0, 0, 0, 0x8001, "nzcv");
    T("sbfm x0, x1, #10, #5", G, 0x20, 0, 0, 0, 0xF800000000000000, "nzcv");
    T("ubfm w0, w1, #31, #30", G, 0xC0000001, 0, 0, 0, 0x80000002, "nzcv");
    T("sbfm w0, w1, #31, #31", G, 0x80000000, 0, 0, 0, 0xFFFFFFFF, "nzcv");
}

static void test_extract(void)
{
    T("extr x0, x1, x2, #0", G, 0x1111111111111111, 0x2222222222222222, 0, 0, 0x2222222222222222,
      "nzcv");
    T("extr x0, x1, x2, #4", G, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0, 0, 0xFEDCBA987654321,
      "nzcv");
    T("extr x0, x1, x2, #63", G, 0x123456789ABCDEF0, 0x8000000000000000, 0, 0, 0x2468ACF13579BDE1,
      "nzcv");
    T("extr w0, w1, w2, #0", G, 0xAAAAAAAA11111111, 0xBBBBBBBB22222222, 0, 0, 0x22222222, "nzcv");
    T("extr w0, w1, w2, #8", G, 0xAAAAAAAA12345678, 0xBBBBBBBB9ABCDEF0, 0, 0, 0x789ABCDE, "nzcv");
    T("extr w0, w1, w2, #31", G, 1, 0x80000000, 0, 0, 3, "nzcv");
    T("ror x0, x1, #13", G, 0x123456789ABCDEF0, 0, 0, 0, 0xF78091A2B3C4D5E6, "nzcv");
    T("ror w0, w1, #5", G, 0xFFFFFFFF0000001F, 0, 0, 0, 0xF8000000, "nzcv");
}

static void test_pc_relative(void)
{
    uint64_t a, b;

    /* ADR of the next instruction, and ADR of itself. */
    __asm__ volatile("adr %x0, 1f\n1: adr %x1, ." : "=&r"(a), "=r"(b));
    CHECK_EQ(a, b);
    /* The largest offsets: +0xFFFFF from one instruction, -0x100000 from the next. */
    __asm__ volatile("adr %x0, . + 0xfffff\n\tadr %x1, . - 0x100000" : "=&r"(a), "=r"(b));
    CHECK_EQ(a - b, 0xFFFFF + 0x100000 - 4);

    /* ADRP: the 4 KiB page of the instruction plus imm * 4096, also below it. */
    __asm__ volatile("1: adrp %x0, 1b + 0x12345000\n\tadr %x1, 1b" : "=&r"(a), "=r"(b));
    CHECK_EQ(a, (b & ~0xFFFull) + 0x12345000);
    __asm__ volatile("1: adrp %x0, 1b - 0x40000000\n\tadr %x1, 1b" : "=&r"(a), "=r"(b));
    CHECK_EQ(a, (b & ~0xFFFull) - 0x40000000);

    /* ADRP + ADD :lo12: reaches a symbol. */
    static const uint32_t anchor = 0x600DF00D;
    __asm__ volatile("adrp %x0, %1\n\tadd %x0, %x0, :lo12:%1" : "=r"(a) : "S"(&anchor));
    CHECK_EQ(*(const uint32_t *)a, 0x600DF00D);
}

/* Register 31 is SP for ADD/SUB (immediate) Rd and Rn and for AND/ORR/EOR Rd; ZR elsewhere. */
static void test_sp_forms(void)
{
    struct sp_result r;

    r = SP_RUN("add sp, x1, #0x10", 0x1000, 0x12345670, 0, 0);
    CHECK_EQ(r.sp, 0x12345680);
    r = SP_RUN("add x0, sp, #16", 0x1000, 0, 0, 0);
    CHECK_EQ(r.x0, 0x1010);
    r = SP_RUN("mov x0, sp", 0xFFFF800000001230ull, 0, 0, 0);
    CHECK_EQ(r.x0, 0xFFFF800000001230ull);
    r = SP_RUN("mov sp, x1", 0x1000, 0x40001230, 0, 0);
    CHECK_EQ(r.sp, 0x40001230);
    r = SP_RUN("adds x0, sp, #0x10", 0xFFFFFFFFFFFFFFF0ull, 0, 0, 0);
    CHECK_EQ(r.x0, 0);
    CHECK_FLAGS(r.nzcv, "nZCv");
    r = SP_RUN("subs x0, sp, #0x10", 0x10, 0, 0, 0);
    CHECK_EQ(r.x0, 0);
    CHECK_FLAGS(r.nzcv, "nZCv");
    r = SP_RUN("cmp sp, #0x20", 0x10, 0, 0, 0);
    CHECK_EQ(r.sp, 0x10);
    CHECK_FLAGS(r.nzcv, "Nzcv");
    r = SP_RUN("add w0, wsp, #4", 0x12345678FFFFFFFEull, 0, 0, 0);
    CHECK_EQ(r.x0, 2);
    r = SP_RUN("add wsp, w1, #4", 0x1000, 0xAAAAAAAA00001000ull, 0, 0);
    CHECK_EQ(r.sp, 0x1004);
    r = SP_RUN("and sp, x1, #0xfffffffffffffff0", 0x1000, 0x123456789, 0, 0);
    CHECK_EQ(r.sp, 0x123456780);
    r = SP_RUN("orr sp, xzr, #0xff00", 0x1000, 0, 0, 0);
    CHECK_EQ(r.sp, 0xFF00);
    r = SP_RUN("eor wsp, w1, #0xff", 0x1000, 0xFFFFFFFF000000F0ull, 0, 0);
    CHECK_EQ(r.sp, 0x0F);
    /* ANDS and MOVZ write ZR, not SP. */
    r = SP_RUN("ands xzr, x1, #0xff", 0x5550, 0x80, 0, 0);
    CHECK_EQ(r.sp, 0x5550);
    CHECK_FLAGS(r.nzcv, "nzcv");
    r = SP_RUN("movz xzr, #5", 0x5550, 0, 0, 0);
    CHECK_EQ(r.sp, 0x5550);
    r = SP_RUN("lsl xzr, x1, #4", 0x5550, 1, 0, 0);
    CHECK_EQ(r.sp, 0x5550);
}

static void test_reserved(void)
{
    CHECK_UNDEFINED(0x12400020); /* AND (immediate, 32-bit) with N = 1 */
    CHECK_UNDEFINED(0x9240FC20); /* AND (immediate): all-ones 64-bit element */
    CHECK_UNDEFINED(0x9200FC20); /* AND (immediate): N:NOT(imms) = 0 */
    CHECK_UNDEFINED(0x1200EC20); /* AND (immediate, 32-bit): all-ones 4-bit element */
    CHECK_UNDEFINED(0xB2800000); /* move wide, opc = 01 */
    CHECK_UNDEFINED(0x52C00000); /* MOVZ (32-bit), hw = 2 */
    CHECK_UNDEFINED(0x93000020); /* SBFM, sf = 1 with N = 0 */
    CHECK_UNDEFINED(0x53200020); /* UBFM (32-bit), immr = 32 */
    CHECK_UNDEFINED(0x33008020); /* BFM (32-bit), imms = 32 */
    CHECK_UNDEFINED(0x73000020); /* bitfield, opc = 11 */
    CHECK_UNDEFINED(0x13828020); /* EXTR (32-bit), imms = 32 */
    CHECK_UNDEFINED(0x93820420); /* EXTR, sf = 1 with N = 0 */
}

int main(void)
{
    test_pc_relative();
    test_add_sub_immediate();
    test_sp_forms();
    test_logical_immediate();
    test_move_wide();
    test_bitfield();
    test_extract();
    test_reserved();
    return test_summary();
}
