/*
 * Cryptographic extension (Arm ARM C4.1.95 "Cryptographic AES", "two-register
 * SHA", "three-register SHA", "three register SHA512", "two-register SHA512",
 * "four-register", "XAR"): AESE, AESD, AESMC, AESIMC (FEAT_AES; PMULL of 64-bit
 * elements, FEAT_PMULL, is in exec_simd_3diff.c), SHA1C/P/M/H/SU0/SU1 (FEAT_SHA1),
 * SHA256H/H2/SU0/SU1 (FEAT_SHA256), SHA512H/H2/SU0/SU1 (FEAT_SHA512) and EOR3,
 * BCAX, RAX1, XAR (FEAT_SHA3). SM3 and SM4 are not implemented.
 *
 * decoded_t: rd, rn, rm, ra (EOR3, BCAX); op: AESD, AESIMC, SHA256H2, or the SHA-1
 * function (0 choose, 1 parity, 2 majority); imm: XAR's rotation.
 */
#include "cpu/simd.h"

/* ---- AES (FIPS-197): the state is column-major, byte i = row i % 4, column i / 4 ---- */

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1) r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1B : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, unsigned n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static uint8_t sbox[256], inv_sbox[256];

/* The S-box: the multiplicative inverse (through powers of the generator 3) followed by the
 * affine transformation. */
static void __attribute__((constructor)) aes_tables_init(void)
{
    uint8_t power[255], log[256] = {0};
    uint8_t p = 1;
    for (unsigned i = 0; i < 255; i++) {
        power[i] = p;
        log[p] = (uint8_t)i;
        p = gf_mul(p, 3);
    }
    for (unsigned x = 0; x < 256; x++) {
        uint8_t inv = x ? power[(255 - log[x]) % 255] : 0;
        uint8_t s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
        sbox[x] = s;
        inv_sbox[s] = (uint8_t)x;
    }
}

/* AESE: SubBytes(ShiftRows(Vd ^ Vn)); AESD: InvSubBytes(InvShiftRows(Vd ^ Vn)). */
static void exec_aes_round(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const bool decrypt = d->op;
    vreg_t x, r;
    x.d[0] = cpu->v[d->rd].d[0] ^ cpu->v[d->rn].d[0];
    x.d[1] = cpu->v[d->rd].d[1] ^ cpu->v[d->rn].d[1];
    for (unsigned row = 0; row < 4; row++)
        for (unsigned col = 0; col < 4; col++) {
            unsigned from = decrypt ? (col + 4 - row) % 4 : (col + row) % 4;
            uint8_t b = x.b[row + 4 * from];
            r.b[row + 4 * col] = decrypt ? inv_sbox[b] : sbox[b];
        }
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* AESMC / AESIMC: (Inv)MixColumns of Vn. */
static void exec_aes_mix(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    static const uint8_t forward[4] = {2, 3, 1, 1}, inverse[4] = {14, 11, 13, 9};
    const uint8_t *k = d->op ? inverse : forward;
    const vreg_t x = cpu->v[d->rn];
    vreg_t r;
    for (unsigned col = 0; col < 4; col++)
        for (unsigned row = 0; row < 4; row++) {
            uint8_t sum = 0;
            for (unsigned i = 0; i < 4; i++)
                sum ^= gf_mul(k[(i + 4 - row) % 4], x.b[4 * col + i]);
            r.b[4 * col + row] = sum;
        }
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_aes(decoded_t *d, uint32_t insn)
{
    unsigned opcode = bits32(insn, 16, 12);
    if (bits32(insn, 23, 22) != 0 || opcode < 4 || opcode > 7) return false;
    d->fn = opcode < 6 ? exec_aes_round : exec_aes_mix;
    d->op = opcode & 1; /* AESD, AESIMC */
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    return true;
}

/* ---- SHA-1 and SHA-256 (FIPS 180-4) on 32-bit lanes ---- */

static uint32_t ror32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << ((32 - n) & 31));
}
static uint32_t rol32(uint32_t x, unsigned n)
{
    return ror32(x, (32 - n) & 31);
}
static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}
static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}
static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

/* SHA1C/P/M: four rounds on the state X (a, b, c, d in lanes 0-3) and Y (e = Sn), with the
 * schedule words of Vm; after each round Y:X rotates left by 32 bits. */
static void exec_sha1_hash(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    static uint32_t (*const fns[3])(uint32_t, uint32_t, uint32_t) = {sha_choose, sha_parity,
                                                                     sha_majority};
    uint32_t (*f)(uint32_t, uint32_t, uint32_t) = fns[d->op];
    vreg_t x = cpu->v[d->rd];
    const vreg_t w = cpu->v[d->rm];
    uint32_t y = cpu->v[d->rn].s[0];
    for (unsigned e = 0; e < 4; e++) {
        y += rol32(x.s[0], 5) + f(x.s[1], x.s[2], x.s[3]) + w.s[e];
        x.s[1] = rol32(x.s[1], 30);
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    cpu->v[d->rd] = x;
    exec_next(cpu, d);
}

static uint32_t sigma0_256(uint32_t x)
{
    return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22);
}
static uint32_t sigma1_256(uint32_t x)
{
    return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25);
}

/* SHA256H (op 0: the new X) and SHA256H2 (op 1: the new Y): four rounds on X = a..d,
 * Y = e..h (lane 0 first) with the schedule words of Vm. */
static void exec_sha256_hash(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const bool part2 = d->op;
    vreg_t x = part2 ? cpu->v[d->rn] : cpu->v[d->rd], y = part2 ? cpu->v[d->rd] : cpu->v[d->rn];
    const vreg_t w = cpu->v[d->rm];
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = sha_majority(x.s[0], x.s[1], x.s[2]);
        uint32_t t = y.s[3] + sigma1_256(y.s[0]) + chs + w.s[e];
        x.s[3] += t;
        y.s[3] = t + sigma0_256(x.s[0]) + maj;
        /* Y:X rotated left by 32 bits. */
        uint32_t x_top = x.s[3], y_top = y.s[3];
        for (unsigned i = 3; i > 0; i--) {
            x.s[i] = x.s[i - 1];
            y.s[i] = y.s[i - 1];
        }
        x.s[0] = y_top;
        y.s[0] = x_top;
    }
    cpu->v[d->rd] = part2 ? y : x;
    exec_next(cpu, d);
}

/* SHA1SU0: (Vn<63:0> : Vd<127:64>) ^ Vd ^ Vm. */
static void exec_sha1su0(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t a = cpu->v[d->rd], b = cpu->v[d->rn], c = cpu->v[d->rm];
    cpu->v[d->rd] = (vreg_t){.d = {a.d[1] ^ a.d[0] ^ c.d[0], b.d[0] ^ a.d[1] ^ c.d[1]}};
    exec_next(cpu, d);
}

/* SHA256SU1: the second half of the SHA-256 message schedule update. */
static uint32_t small_sigma1_256(uint32_t x)
{
    return ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
}
static void exec_sha256su1(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t a = cpu->v[d->rd], b = cpu->v[d->rn], c = cpu->v[d->rm];
    const uint32_t t0[4] = {b.s[1], b.s[2], b.s[3], c.s[0]}; /* Vm<31:0> : Vn<127:32> */
    vreg_t r;
    r.s[0] = small_sigma1_256(c.s[2]) + a.s[0] + t0[0];
    r.s[1] = small_sigma1_256(c.s[3]) + a.s[1] + t0[1];
    r.s[2] = small_sigma1_256(r.s[0]) + a.s[2] + t0[2];
    r.s[3] = small_sigma1_256(r.s[1]) + a.s[3] + t0[3];
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_sha_3reg(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[7] = {exec_sha1_hash,   exec_sha1_hash,   exec_sha1_hash, exec_sha1su0,
                                   exec_sha256_hash, exec_sha256_hash, exec_sha256su1};
    unsigned opcode = bits32(insn, 14, 12);
    if (bits32(insn, 23, 22) != 0 || opcode == 7) return false;
    d->fn = fns[opcode];
    d->op = (uint8_t)(opcode < 3 ? opcode : opcode & 1); /* SHA1 function; SHA256H2 */
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    return true;
}

/* SHA1H: Sn rotated left by 30. */
static void exec_sha1h(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    cpu->v[d->rd] = vreg_low64(rol32(cpu->v[d->rn].s[0], 30));
    exec_next(cpu, d);
}

/* SHA1SU1: the second half of the SHA-1 message schedule update. */
static void exec_sha1su1(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t x = cpu->v[d->rd], y = cpu->v[d->rn];
    const uint32_t t[4] = {x.s[0] ^ y.s[1], x.s[1] ^ y.s[2], x.s[2] ^ y.s[3], x.s[3]};
    vreg_t r;
    r.s[0] = rol32(t[0], 1);
    r.s[1] = rol32(t[1], 1);
    r.s[2] = rol32(t[2], 1);
    r.s[3] = rol32(t[3], 1) ^ rol32(t[0], 2);
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* SHA256SU0: the first half of the SHA-256 message schedule update. */
static void exec_sha256su0(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t a = cpu->v[d->rd], b = cpu->v[d->rn];
    const uint32_t t[4] = {a.s[1], a.s[2], a.s[3], b.s[0]}; /* Vn<31:0> : Vd<127:32> */
    vreg_t r;
    for (unsigned e = 0; e < 4; e++)
        r.s[e] = (ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3)) + a.s[e];
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

static bool dec_sha_2reg(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = {exec_sha1h, exec_sha1su1, exec_sha256su0};
    unsigned opcode = bits32(insn, 16, 12);
    if (bits32(insn, 23, 22) != 0 || opcode > 2) return false;
    d->fn = fns[opcode];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    return true;
}

/* ---- SHA-512 and SHA-3 on 64-bit lanes ---- */

static uint64_t ror64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << ((64 - n) & 63));
}
static uint64_t sum1_512(uint64_t x)
{
    return ror64(x, 14) ^ ror64(x, 18) ^ ror64(x, 41);
}
static uint64_t sum0_512(uint64_t x)
{
    return ror64(x, 28) ^ ror64(x, 34) ^ ror64(x, 39);
}

/* SHA512H: two rounds' Ch and Sigma1 part; X = Vn, Y = Vm, W = Vd. */
static void exec_sha512h(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t x = cpu->v[d->rn], y = cpu->v[d->rm], w = cpu->v[d->rd];
    vreg_t r;
    r.d[1] = ((y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1])) + sum1_512(y.d[1]) + w.d[1];
    uint64_t tmp = r.d[1] + y.d[0];
    r.d[0] = ((tmp & y.d[1]) ^ (~tmp & x.d[0])) + sum1_512(tmp) + w.d[0];
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* SHA512H2: two rounds' Maj and Sigma0 part; X = Vn, Y = Vm, W = Vd. */
static void exec_sha512h2(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t x = cpu->v[d->rn], y = cpu->v[d->rm], w = cpu->v[d->rd];
    vreg_t r;
    r.d[1] =
        ((x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0])) + sum0_512(y.d[0]) + w.d[1];
    r.d[0] =
        ((r.d[1] & y.d[0]) ^ (r.d[1] & y.d[1]) ^ (y.d[1] & y.d[0])) + sum0_512(r.d[1]) + w.d[0];
    cpu->v[d->rd] = r;
    exec_next(cpu, d);
}

/* SHA512SU0 and SHA512SU1: the message schedule update. */
static uint64_t small_sigma0_512(uint64_t x)
{
    return ror64(x, 1) ^ ror64(x, 8) ^ (x >> 7);
}
static uint64_t small_sigma1_512(uint64_t x)
{
    return ror64(x, 19) ^ ror64(x, 61) ^ (x >> 6);
}
static void exec_sha512su0(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t w = cpu->v[d->rd], x = cpu->v[d->rn];
    cpu->v[d->rd] =
        (vreg_t){.d = {w.d[0] + small_sigma0_512(w.d[1]), w.d[1] + small_sigma0_512(x.d[0])}};
    exec_next(cpu, d);
}
static void exec_sha512su1(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t w = cpu->v[d->rd], x = cpu->v[d->rn], y = cpu->v[d->rm];
    cpu->v[d->rd] = (vreg_t){.d = {w.d[0] + small_sigma1_512(x.d[0]) + y.d[0],
                                   w.d[1] + small_sigma1_512(x.d[1]) + y.d[1]}};
    exec_next(cpu, d);
}

/* RAX1: Vn ^ (Vm rotated left by 1), per 64-bit lane. */
static void exec_rax1(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm];
    cpu->v[d->rd] = (vreg_t){.d = {n.d[0] ^ ror64(m.d[0], 63), n.d[1] ^ ror64(m.d[1], 63)}};
    exec_next(cpu, d);
}

static bool dec_sha512_3reg(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[4] = {exec_sha512h, exec_sha512h2, exec_sha512su1, exec_rax1};
    if (bit(insn, 14)) return false; /* SM3PARTW1/2, SM4EKEY (FEAT_SM3, FEAT_SM4) */
    d->fn = fns[bits32(insn, 11, 10)];
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    return true;
}

static bool dec_sha512_2reg(decoded_t *d, uint32_t insn)
{
    if (bits32(insn, 11, 10) != 0) return false; /* SM4E (FEAT_SM4) and unallocated */
    d->fn = exec_sha512su0;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    return true;
}

/* EOR3: Vn ^ Vm ^ Va; BCAX: Vn ^ (Vm & ~Va). */
static void exec_eor3(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], a = cpu->v[d->ra];
    cpu->v[d->rd] = (vreg_t){.d = {n.d[0] ^ m.d[0] ^ a.d[0], n.d[1] ^ m.d[1] ^ a.d[1]}};
    exec_next(cpu, d);
}
static void exec_bcax(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm], a = cpu->v[d->ra];
    cpu->v[d->rd] = (vreg_t){.d = {n.d[0] ^ (m.d[0] & ~a.d[0]), n.d[1] ^ (m.d[1] & ~a.d[1])}};
    exec_next(cpu, d);
}

static bool dec_4reg(decoded_t *d, uint32_t insn)
{
    unsigned op0 = bits32(insn, 22, 21);
    if (op0 > 1) return false; /* SM3SS1 (FEAT_SM3) and unallocated */
    d->fn = op0 ? exec_bcax : exec_eor3;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->ra = (uint8_t)bits32(insn, 14, 10);
    return true;
}

/* XAR: (Vn ^ Vm) rotated right by imm6, per 64-bit lane. */
static void exec_xar(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return;
    const vreg_t n = cpu->v[d->rn], m = cpu->v[d->rm];
    unsigned rot = (unsigned)d->imm;
    cpu->v[d->rd] = (vreg_t){.d = {ror64(n.d[0] ^ m.d[0], rot), ror64(n.d[1] ^ m.d[1], rot)}};
    exec_next(cpu, d);
}

static bool dec_xar(decoded_t *d, uint32_t insn)
{
    d->fn = exec_xar;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    d->rm = (uint8_t)bits32(insn, 20, 16);
    d->imm = bits32(insn, 15, 10);
    return true;
}

const insn_pattern_t simd_crypto_patterns[] = {
    {0xFF3E0C00, 0x4E280800, "Crypto AES", dec_aes},
    {0xFF208C00, 0x5E000000, "Crypto three-register SHA", dec_sha_3reg},
    {0xFF3E0C00, 0x5E280800, "Crypto two-register SHA", dec_sha_2reg},
    {0xFFE0B000, 0xCE608000, "Crypto three-register SHA512", dec_sha512_3reg},
    {0xFFFFF000, 0xCEC08000, "Crypto two-register SHA512", dec_sha512_2reg},
    {0xFF808000, 0xCE000000, "Crypto four-register", dec_4reg},
    {0xFFE00000, 0xCE800000, "XAR", dec_xar},
    PATTERN_END,
};
