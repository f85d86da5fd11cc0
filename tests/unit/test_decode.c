/*
 * Decoder: the class tables never overlap, known encodings reach the right
 * class, and reserved encodings are UNDEFINED.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/decode.h"

static int passed, failed;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
        }                                                                                          \
    } while (0)

static const insn_pattern_t *const tables[] = {
    dp_imm_patterns,    branch_patterns,      system_patterns,        ldst_patterns,
    atomic_patterns,    dp_reg_patterns,      simd_3same_patterns,    simd_fp_patterns,
    simd_misc_patterns, simd_fpmisc_patterns, simd_3diff_patterns,    simd_shift_patterns,
    simd_imm_patterns,  simd_across_patterns, simd_fpacross_patterns, simd_perm_patterns,
    simd_copy_patterns, simd_elem_patterns,   simd_extra_patterns,    fp_patterns,
    ldst_simd_patterns, simd_crypto_patterns};
static const char *const table_names[] = {
    "dp_imm",     "branch",      "system",        "ldst",        "atomic",     "dp_reg",
    "simd_3same", "simd_fp",     "simd_misc",     "simd_fpmisc", "simd_3diff", "simd_shift",
    "simd_imm",   "simd_across", "simd_fpacross", "simd_perm",   "simd_copy",  "simd_elem",
    "simd_extra", "fp",          "ldst_simd",     "simd_crypto"};

/* Number of class tables with a row matching insn; *which receives the last one. */
static int matches(uint32_t insn, int *which)
{
    int n = 0;
    for (unsigned t = 0; t < ARRAY_SIZE(tables); t++)
        for (const insn_pattern_t *p = tables[t]; p->decode; p++)
            if ((insn & p->mask) == p->value) {
                n++;
                *which = (int)t;
                break;
            }
    return n;
}

static void test_no_overlap(void)
{
    uint64_t s = 0x9E3779B97F4A7C15ull;
    unsigned overlaps = 0;
    for (unsigned i = 0; i < 2000000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        uint32_t insn = (uint32_t)s;
        int which = -1, n = matches(insn, &which);
        if (n > 1 && overlaps++ < 10) {
            printf("overlap: 0x%08x matches %d classes:", insn, n);
            for (unsigned t = 0; t < ARRAY_SIZE(tables); t++)
                for (const insn_pattern_t *p = tables[t]; p->decode; p++)
                    if ((insn & p->mask) == p->value) printf(" %s/%s", table_names[t], p->name);
            printf("\n");
        }
    }
    CHECK(overlaps == 0);
}

static const char *class_of(uint32_t insn)
{
    int which = -1;
    return matches(insn, &which) ? table_names[which] : "none";
}

static void test_known_encodings(void)
{
    /* Words from aarch64-linux-gnu-as. */
    CHECK(!strcmp(class_of(0x14000001), "branch")); /* b .+4 */
    CHECK(!strcmp(class_of(0x97ffffff), "branch")); /* bl .-4 */
    CHECK(!strcmp(class_of(0x54000040), "branch")); /* b.eq .+8 */
    CHECK(!strcmp(class_of(0xb4000040), "branch")); /* cbz x0, .+8 */
    CHECK(!strcmp(class_of(0x37f80040), "branch")); /* tbnz w0, #31, .+8 */
    CHECK(!strcmp(class_of(0xd61f0120), "branch")); /* br x9 */
    CHECK(!strcmp(class_of(0xd63f0120), "branch")); /* blr x9 */
    CHECK(!strcmp(class_of(0xd65f03c0), "branch")); /* ret */
    CHECK(!strcmp(class_of(0xd69f03e0), "branch")); /* eret */
    CHECK(!strcmp(class_of(0xd4000001), "system")); /* svc #0 */
    CHECK(!strcmp(class_of(0xd503201f), "system")); /* nop */
    CHECK(!strcmp(class_of(0xd5033fdf), "system")); /* isb */
    CHECK(!strcmp(class_of(0xd53b4200), "system")); /* mrs x0, nzcv */
    CHECK(!strcmp(class_of(0xd508751f), "system")); /* ic iallu */
    CHECK(!strcmp(class_of(0xd50343df), "system")); /* msr daifset, #3 */
    CHECK(!strcmp(class_of(0x91000420), "dp_imm")); /* add x0, x1, #1 */
    CHECK(!strcmp(class_of(0x8b020020), "dp_reg")); /* add x0, x1, x2 */
    CHECK(!strcmp(class_of(0xf9400020), "ldst"));   /* ldr x0, [x1] */
    CHECK(!strcmp(class_of(0xc85f7c20), "atomic")); /* ldxr x0, [x1] */
    CHECK(!strcmp(class_of(0xf8200020), "atomic")); /* ldadd x0, x0, [x1] */
}

static void test_undefined(void)
{
    decoded_t d;
    /* UDF #0, an SVE/SME-space word, DCPS1, B.cond with bit 4 set (BC.cond: FEAT_HBC). */
    static const uint32_t words[] = {0x00000000, 0x04200000, 0xd4a00001, 0x54000010};
    for (unsigned i = 0; i < ARRAY_SIZE(words); i++) {
        decode_insn(&d, words[i]);
        CHECK(d.fn == exec_undefined);
    }
    /* MSR PAN, #1 (FEAT_PAN is not advertised). */
    decode_insn(&d, 0xd500419f);
    CHECK(d.fn == exec_undefined);
}

int main(void)
{
    test_no_overlap();
    test_known_encodings();
    test_undefined();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
