/*
 * The Advanced SIMD and crypto features the ID registers advertise are exactly
 * the implemented ones: FP = AdvSIMD = 1 (with FP16), AES = 2 (with PMULL),
 * SHA1, SHA2 = 2 (SHA512), SHA3, RDM, DotProd, FRINTTS; FHM, FCMA, I8MM, BF16,
 * SM3 and SM4 are not advertised and their encodings are UNDEFINED.
 * guest-test-qemu: skip QEMU -cpu max implements FHM, FCMA, I8MM, BF16, SM3 and SM4
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "exception.h"
#include "sysreg.h"
#include "test.h"

#define FIELD(reg, lsb) (((reg) >> (lsb)) & 0xF)

/* One exception, EC 0 (UNDEFINED), at the word. */
#define CHECK_UNDEFINED(word)                                                                      \
    do {                                                                                           \
        struct exc_frame f_;                                                                       \
        uint64_t at_;                                                                              \
        exc_catch_begin();                                                                         \
        __asm__ volatile("adr %x0, 1f\n1: .inst " #word : "=r"(at_) : : "v0", "memory");           \
        CHECK_EQ(exc_catch_end(&f_), 1);                                                           \
        CHECK_EQ(ESR_EC(f_.esr), EC_UNKNOWN);                                                      \
        CHECK_EQ(f_.elr, at_);                                                                     \
    } while (0)

static void test_id_fields(void)
{
    uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
    uint64_t isar0 = read_sysreg(id_aa64isar0_el1), isar1 = read_sysreg(id_aa64isar1_el1);

    CHECK_EQ(FIELD(pfr0, 16), 1);  /* FP, with half precision */
    CHECK_EQ(FIELD(pfr0, 20), 1);  /* AdvSIMD, with half precision */
    CHECK_EQ(FIELD(isar0, 4), 2);  /* AES and PMULL */
    CHECK_EQ(FIELD(isar0, 8), 1);  /* SHA1 */
    CHECK_EQ(FIELD(isar0, 12), 2); /* SHA256 and SHA512 */
    CHECK_EQ(FIELD(isar0, 28), 1); /* RDM */
    CHECK_EQ(FIELD(isar0, 32), 1); /* SHA3 */
    CHECK_EQ(FIELD(isar0, 36), 0); /* SM3 */
    CHECK_EQ(FIELD(isar0, 40), 0); /* SM4 */
    CHECK_EQ(FIELD(isar0, 44), 1); /* DotProd */
    CHECK_EQ(FIELD(isar0, 48), 0); /* FHM */
    CHECK_EQ(FIELD(isar1, 16), 0); /* FCMA */
    CHECK_EQ(FIELD(isar1, 32), 1); /* FRINTTS */
    CHECK_EQ(FIELD(isar1, 44), 0); /* BF16 */
    CHECK_EQ(FIELD(isar1, 52), 0); /* I8MM */
}

static void test_not_advertised(void)
{
    CHECK_UNDEFINED(0x0e22ec20); /* fmlal v0.2s, v1.2h, v2.2h (FHM) */
    CHECK_UNDEFINED(0x6fb2c020); /* fmlsl2 v0.4s, v1.4h, v2.h[3] (FHM) */
    CHECK_UNDEFINED(0x6e82cc20); /* fcmla v0.4s, v1.4s, v2.4s, #90 (FCMA) */
    CHECK_UNDEFINED(0x6e82f420); /* fcadd v0.4s, v1.4s, v2.4s, #270 (FCMA) */
    CHECK_UNDEFINED(0x6f821820); /* fcmla v0.4s, v1.4s, v2.s[1], #0 (FCMA) */
    CHECK_UNDEFINED(0x4e829c20); /* usdot v0.4s, v1.16b, v2.16b (I8MM) */
    CHECK_UNDEFINED(0x4f22f020); /* sudot v0.4s, v1.16b, v2.4b[1] (I8MM) */
    CHECK_UNDEFINED(0x4e82a420); /* smmla v0.4s, v1.16b, v2.16b (I8MM) */
    CHECK_UNDEFINED(0x6e42fc20); /* bfdot v0.4s, v1.8h, v2.8h (BF16) */
    CHECK_UNDEFINED(0x0ea16820); /* bfcvtn v0.4h, v1.4s (BF16) */
    CHECK_UNDEFINED(0x6e42ec20); /* bfmmla v0.4s, v1.8h, v2.8h (BF16) */
    CHECK_UNDEFINED(0xce62c020); /* sm3partw1 v0.4s, v1.4s, v2.4s (SM3) */
    CHECK_UNDEFINED(0xce420c20); /* sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s (SM3) */
    CHECK_UNDEFINED(0xce428020); /* sm3tt1a v0.4s, v1.4s, v2.s[0] (SM3) */
    CHECK_UNDEFINED(0xcec08420); /* sm4e v0.4s, v1.4s (SM4) */
    CHECK_UNDEFINED(0xce62c820); /* sm4ekey v0.4s, v1.4s, v2.4s (SM4) */
}

int main(void)
{
    test_id_fields();
    test_not_advertised();
    return test_summary();
}
