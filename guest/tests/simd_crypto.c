/*
 * Cryptographic extension: AES-128 encryption and decryption of the FIPS-197
 * appendix C.1 example with AESE/AESMC/AESD/AESIMC (the key schedule's SubWord
 * also uses AESE), and SHA-1 and SHA-256 of "abc" (FIPS 180-4 examples) with
 * the SHA1* and SHA256* instructions. The expected values are the standards'.
 * guest-test-cflags: -march=armv8.2-a+aes+sha2
 * guest-test-variant: el1 virt,gic-version=3
 */
#include "simd_run.h"

typedef union {
    uint64_t d[2];
    uint32_t s[4];
    uint8_t b[16];
} v128;

/* Runs a two- or three-operand instruction on V0 (destination), V1, V2. */
#define OP(insn, vd, vn, vm)                                                                       \
    ({                                                                                             \
        struct vres r_ =                                                                           \
            VRUN_(insn, (vd).d[0], (vd).d[1], (vn).d[0], (vn).d[1], (vm).d[0], (vm).d[1], 0, 0);   \
        (v128){.d = {r_.lo, r_.hi}};                                                               \
    })

static const v128 zero;

static v128 from_words(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3)
{
    return (v128){.s = {w0, w1, w2, w3}};
}

static v128 add32(v128 a, v128 b)
{
    for (int i = 0; i < 4; i++)
        a.s[i] += b.s[i];
    return a;
}

/* ---- AES-128 ---- */

/* SubWord through AESE: with four equal columns ShiftRows changes nothing. */
static uint32_t sub_word(uint32_t w)
{
    return OP("aese v0.16b, v1.16b", from_words(w, w, w, w), zero, zero).s[0];
}

static void aes128_key_schedule(const uint8_t key[16], v128 rk[11])
{
    uint32_t w[44], rcon = 1;
    for (int i = 0; i < 4; i++)
        w[i] = key[4 * i] | key[4 * i + 1] << 8 | key[4 * i + 2] << 16 |
               (uint32_t)key[4 * i + 3] << 24;
    for (int i = 4; i < 44; i++) {
        uint32_t t = w[i - 1];
        if (i % 4 == 0) {
            t = sub_word((t >> 8) | (t << 24)) ^ rcon; /* RotWord on little-endian bytes */
            rcon = (rcon << 1) ^ ((rcon & 0x80) ? 0x11B : 0);
        }
        w[i] = w[i - 4] ^ t;
    }
    for (int r = 0; r < 11; r++)
        rk[r] = from_words(w[4 * r], w[4 * r + 1], w[4 * r + 2], w[4 * r + 3]);
}

static v128 xor128(v128 a, v128 b)
{
    return (v128){.d = {a.d[0] ^ b.d[0], a.d[1] ^ b.d[1]}};
}

static void test_aes(void)
{
    v128 rk[11], dk[11], block;
    uint8_t key[16];
    for (int i = 0; i < 16; i++) {
        key[i] = (uint8_t)i;
        block.b[i] = (uint8_t)(0x11 * i);
    }
    aes128_key_schedule(key, rk);
    /* FIPS-197 C.1: round[10].k_sch = 13111d7fe3944a17f307a78b4d2b30c5. */
    CHECK_EQ(rk[10].d[0], 0x174A94E37F1D1113ull);
    CHECK_EQ(rk[10].d[1], 0xC5302B4D8BA707F3ull);

    for (int r = 0; r < 9; r++) {
        block = OP("aese v0.16b, v1.16b", block, rk[r], zero);
        block = OP("aesmc v0.16b, v1.16b", zero, block, zero);
    }
    block = xor128(OP("aese v0.16b, v1.16b", block, rk[9], zero), rk[10]);
    /* Ciphertext 69c4e0d86a7b0430d8cdb78070b4c55a. */
    CHECK_EQ(block.d[0], 0x30047B6AD8E0C469ull);
    CHECK_EQ(block.d[1], 0x5AC5B47080B7CDD8ull);

    /* The equivalent inverse cipher: round keys reversed, inner ones through InvMixColumns. */
    dk[0] = rk[10];
    dk[10] = rk[0];
    for (int r = 1; r < 10; r++)
        dk[r] = OP("aesimc v0.16b, v1.16b", zero, rk[10 - r], zero);
    for (int r = 0; r < 9; r++) {
        block = OP("aesd v0.16b, v1.16b", block, dk[r], zero);
        block = OP("aesimc v0.16b, v1.16b", zero, block, zero);
    }
    block = xor128(OP("aesd v0.16b, v1.16b", block, dk[9], zero), dk[10]);
    CHECK_EQ(block.d[0], 0x7766554433221100ull);
    CHECK_EQ(block.d[1], 0xFFEEDDCCBBAA9988ull);
}

/* ---- SHA-1 and SHA-256 of "abc": one padded block, words as integers ---- */

static void abc_block(v128 w[4])
{
    w[0] = from_words(0x61626380, 0, 0, 0);
    w[1] = w[2] = zero;
    w[3] = from_words(0, 0, 0, 0x18);
}

static void test_sha1(void)
{
    static const uint32_t k[4] = {0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xCA62C1D6};
    v128 w[4], abcd = from_words(0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476);
    v128 e = from_words(0xC3D2E1F0, 0, 0, 0);
    const v128 h0 = abcd, e0 = e;
    abc_block(w);
    for (int i = 0; i < 20; i++) {
        v128 kv = from_words(k[i / 5], k[i / 5], k[i / 5], k[i / 5]);
        v128 wk = add32(w[i % 4], kv);
        v128 e_next = OP("sha1h s0, s1", zero, abcd, zero);
        if (i < 5)
            abcd = OP("sha1c q0, s1, v2.4s", abcd, e, wk);
        else if (i < 10 || i >= 15)
            abcd = OP("sha1p q0, s1, v2.4s", abcd, e, wk);
        else
            abcd = OP("sha1m q0, s1, v2.4s", abcd, e, wk);
        e = e_next;
        if (i < 16) {
            v128 t = OP("sha1su0 v0.4s, v1.4s, v2.4s", w[i % 4], w[(i + 1) % 4], w[(i + 2) % 4]);
            w[i % 4] = OP("sha1su1 v0.4s, v1.4s", t, w[(i + 3) % 4], zero);
        }
    }
    abcd = add32(abcd, h0);
    e = add32(e, e0);
    /* a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d */
    CHECK_EQ(abcd.s[0], 0xA9993E36);
    CHECK_EQ(abcd.s[1], 0x4706816A);
    CHECK_EQ(abcd.s[2], 0xBA3E2571);
    CHECK_EQ(abcd.s[3], 0x7850C26C);
    CHECK_EQ(e.s[0], 0x9CD0D89D);
}

static void test_sha256(void)
{
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    v128 w[4], abcd = from_words(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a);
    v128 efgh = from_words(0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
    const v128 h0 = abcd, h1 = efgh;
    abc_block(w);
    for (int i = 0; i < 16; i++) {
        v128 wk = add32(w[i % 4], from_words(k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3]));
        v128 saved = abcd;
        abcd = OP("sha256h q0, q1, v2.4s", abcd, efgh, wk);
        efgh = OP("sha256h2 q0, q1, v2.4s", efgh, saved, wk);
        if (i < 12) {
            v128 t = OP("sha256su0 v0.4s, v1.4s", w[i % 4], w[(i + 1) % 4], zero);
            w[i % 4] = OP("sha256su1 v0.4s, v1.4s, v2.4s", t, w[(i + 2) % 4], w[(i + 3) % 4]);
        }
    }
    abcd = add32(abcd, h0);
    efgh = add32(efgh, h1);
    /* ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad */
    CHECK_EQ(abcd.s[0], 0xBA7816BF);
    CHECK_EQ(abcd.s[1], 0x8F01CFEA);
    CHECK_EQ(abcd.s[2], 0x414140DE);
    CHECK_EQ(abcd.s[3], 0x5DAE2223);
    CHECK_EQ(efgh.s[0], 0xB00361A3);
    CHECK_EQ(efgh.s[1], 0x96177A9C);
    CHECK_EQ(efgh.s[2], 0xB410FF61);
    CHECK_EQ(efgh.s[3], 0xF20015AD);
}

int main(void)
{
    test_aes();
    test_sha1();
    test_sha256();
    return test_summary();
}
