/*
 * Advanced SIMD: byte kernels written with arm_neon.h intrinsics (a [1 2 1]
 * blur built from EXT, a saturating add, a TBL byte shuffle, TBL hex encoding,
 * a strlen-style zero search, Adler-32 with widening multiply-accumulates), a
 * 4x4 transform of points with LD4/ST4, by-element FMLA, FSQRT and FDIV, and
 * loops the compiler vectorises (widening sums, a widening dot product,
 * multiply-add).
 *
 * The rest of the bench is built at -O2 without vectorising; this file is
 * optimised as -O3 with the vectoriser on. -mstrict-align still holds (the
 * mmu-off variant runs on Device memory), so the vector data are 16-byte aligned.
 */
#pragma GCC optimize("O3", "tree-vectorize")
#include <arm_neon.h>
#include "kernels.h"

#define IMG_BYTES  4096
#define HEX_SLICE  1024 /* bytes of the image hex-encoded per round */
#define POINTS     512
#define ADLER_MOD  65521
#define ALIGNED_16 __attribute__((aligned(16)))

/* The image, with zero bytes after it (never written) that end the last string. */
static uint8_t image[IMG_BYTES + 16] ALIGNED_16;
static uint8_t blurred[IMG_BYTES] ALIGNED_16, noise[IMG_BYTES] ALIGNED_16,
    key[IMG_BYTES] ALIGNED_16;
static uint8_t hex[2 * HEX_SLICE] ALIGNED_16;
/* Points as x, y, z, w; their quantised x, y, z, w in groups of 4 points; weights for those. */
static float points[4 * POINTS] ALIGNED_16, trail[4 * POINTS] ALIGNED_16;
static int16_t fixed[4 * POINTS] ALIGNED_16, weights[4 * POINTS] ALIGNED_16;

static const uint8_t hex_digits[16] ALIGNED_16 = "0123456789abcdef";
static const uint8_t adler_weights[16] ALIGNED_16 = {16, 15, 14, 13, 12, 11, 10, 9,
                                                     8,  7,  6,  5,  4,  3,  2,  1};
static const uint8_t key_shuffle[16] ALIGNED_16 = {3, 10, 1,  12, 7,  0, 13, 4,
                                                   9, 14, 11, 2,  15, 6, 5,  8};

/*
 * Rows of Rz * Rx with cos = 0.8 and sin = 0.6 for both rotations, plus a
 * small translation in the last column.
 */
static const float transform[4][4] ALIGNED_16 = {
    {0.8f, -0.48f, 0.36f, 0.01f},
    {0.6f, 0.64f, -0.48f, -0.02f},
    {0.0f, 0.6f, 0.8f, 0.03f},
    {0.0f, 0.0f, 0.0f, 1.0f},
};

/* dst[i] = (src[i-1] + 2 src[i] + src[i+1] + 2) / 4, the image taken as a ring. */
static void blur(uint8_t *dst, const uint8_t *src)
{
    uint8x16_t prev = vld1q_u8(src + IMG_BYTES - 16), cur = vld1q_u8(src);

    for (unsigned i = 0; i < IMG_BYTES; i += 16) {
        uint8x16_t next = vld1q_u8(src + (i + 16) % IMG_BYTES);
        uint8x16_t left = vextq_u8(prev, cur, 15), right = vextq_u8(cur, next, 1);
        uint16x8_t lo = vaddl_u8(vget_low_u8(left), vget_low_u8(right));
        uint16x8_t hi = vaddl_high_u8(left, right);
        lo = vaddq_u16(lo, vshll_n_u8(vget_low_u8(cur), 1));
        hi = vaddq_u16(hi, vshll_high_n_u8(cur, 1));
        vst1q_u8(dst + i, vrshrn_high_n_u16(vrshrn_n_u16(lo, 2), hi, 2));
        prev = cur;
        cur = next;
    }
}

/* image = saturate(blurred + noise) ^ key (UQADD, EOR). */
static void mix(void)
{
    for (unsigned i = 0; i < IMG_BYTES; i += 16) {
        uint8x16_t v = vqaddq_u8(vld1q_u8(blurred + i), vld1q_u8(noise + i));
        vst1q_u8(image + i, veorq_u8(v, vld1q_u8(key + i)));
    }
}

/* Vectorised: the sum of the image bytes (UXTL, UADDW). */
static uint32_t byte_sum(void)
{
    uint32_t sum = 0;

    for (unsigned i = 0; i < IMG_BYTES; i++)
        sum += image[i];
    return sum;
}

/* Each 16-byte block of the key is permuted with TBL and offset by the round. */
static void shuffle_key(uint8_t round)
{
    const uint8x16_t shuffle = vld1q_u8(key_shuffle), offset = vdupq_n_u8(round | 1);

    for (unsigned i = 0; i < IMG_BYTES; i += 16)
        vst1q_u8(key + i, vaddq_u8(vqtbl1q_u8(vld1q_u8(key + i), shuffle), offset));
}

/* 4 bits per byte of v, set where the byte is zero. */
static uint64_t zero_nibbles(uint8x16_t v)
{
    uint8x8_t narrowed = vshrn_n_u16(vreinterpretq_u16_u8(vceqzq_u8(v)), 4);
    return vget_lane_u64(vreinterpret_u64_u8(narrowed), 0);
}

/* strlen with aligned 16-byte loads (which never cross into another page). */
static unsigned vector_strlen(const uint8_t *s)
{
    const uint8_t *p = (const uint8_t *)((uintptr_t)s & ~(uintptr_t)15);
    uint64_t zeros = zero_nibbles(vld1q_u8(p)) >> ((s - p) * 4);

    if (zeros) return (unsigned)__builtin_ctzll(zeros) / 4;
    for (;;) {
        p += 16;
        uint8x16_t v = vld1q_u8(p);
        if (vmaxvq_u8(vceqzq_u8(v)))
            return (unsigned)(p - s) + (unsigned)__builtin_ctzll(zero_nibbles(v)) / 4;
    }
}

/* The image read as NUL-terminated strings: a hash of their lengths. */
static uint64_t string_lengths(void)
{
    uint64_t sum = 0;

    for (unsigned pos = 0; pos < IMG_BYTES;) {
        unsigned len = vector_strlen(image + pos);
        sum = sum * 31 + len;
        pos += len + 1;
    }
    return sum;
}

/* Two lower-case hex digits per byte: TBL looks the nibbles up, ZIP1/ZIP2 interleave them. */
static void hex_encode(uint8_t *out, const uint8_t *in, unsigned n)
{
    const uint8x16_t digits = vld1q_u8(hex_digits), low_nibble = vdupq_n_u8(15);

    for (unsigned i = 0; i < n; i += 16) {
        uint8x16_t v = vld1q_u8(in + i);
        uint8x16_t high = vqtbl1q_u8(digits, vshrq_n_u8(v, 4));
        uint8x16_t low = vqtbl1q_u8(digits, vandq_u8(v, low_nibble));
        vst1q_u8(out + 2 * i, vzip1q_u8(high, low));
        vst1q_u8(out + 2 * i + 16, vzip2q_u8(high, low));
    }
}

/*
 * Adler-32 of n bytes (a multiple of 16, at most 4096 so no lane overflows).
 * Over a block of 16 bytes b[k], a grows by the sum of b[k] and s by 16 times the
 * a before the block plus the sum of (16 - k) b[k].
 */
static uint32_t adler32(uint32_t adler, const uint8_t *p, unsigned n)
{
    const uint8x16_t w = vld1q_u8(adler_weights);
    uint32x4_t a_sum = vdupq_n_u32(0), a_before = a_sum, weighted = a_sum;

    for (unsigned i = 0; i < n; i += 16) {
        uint8x16_t v = vld1q_u8(p + i);
        a_before = vaddq_u32(a_before, a_sum);
        a_sum = vpadalq_u16(a_sum, vpaddlq_u8(v));
        uint16x8_t products = vmull_u8(vget_low_u8(v), vget_low_u8(w));
        products = vmlal_high_u8(products, v, w);
        weighted = vpadalq_u16(weighted, products);
    }
    uint64_t a = adler & 0xffff, s = adler >> 16;
    s += (uint64_t)n * a + 16 * (uint64_t)vaddvq_u32(a_before) + vaddvq_u32(weighted);
    a += vaddvq_u32(a_sum);
    return (uint32_t)(s % ADLER_MOD) << 16 | (uint32_t)(a % ADLER_MOD);
}

/*
 * points = transform x points with x, y, z renormalised (FSQRT, FDIV), four
 * points at a time; their fixed-point copies (FCVTZS, SQXTN) go to `fixed`.
 * Returns the sum of the new x + y + z.
 */
static float transform_points(void)
{
    float32x4_t r0 = vld1q_f32(transform[0]), r1 = vld1q_f32(transform[1]);
    float32x4_t r2 = vld1q_f32(transform[2]), r3 = vld1q_f32(transform[3]);
    float32x4_t total = vdupq_n_f32(0);

    for (unsigned i = 0; i < POINTS; i += 4) {
        float32x4x4_t p = vld4q_f32(points + 4 * i), q;
        for (unsigned row = 0; row < 4; row++) {
            float32x4_t m = row == 0 ? r0 : row == 1 ? r1 : row == 2 ? r2 : r3;
            float32x4_t v = vmulq_laneq_f32(p.val[0], m, 0);
            v = vfmaq_laneq_f32(v, p.val[1], m, 1);
            v = vfmaq_laneq_f32(v, p.val[2], m, 2);
            q.val[row] = vfmaq_laneq_f32(v, p.val[3], m, 3);
        }
        float32x4_t len2 = vmulq_f32(q.val[0], q.val[0]);
        len2 = vfmaq_f32(len2, q.val[1], q.val[1]);
        len2 = vfmaq_f32(len2, q.val[2], q.val[2]);
        float32x4_t inv = vdivq_f32(vdupq_n_f32(1.0f), vsqrtq_f32(len2));
        for (unsigned c = 0; c < 3; c++)
            q.val[c] = vmulq_f32(q.val[c], inv);
        vst4q_f32(points + 4 * i, q);
        total = vaddq_f32(total, vaddq_f32(q.val[0], vaddq_f32(q.val[1], q.val[2])));

        int16x8_t xy = vcombine_s16(vqmovn_s32(vcvtq_s32_f32(vmulq_n_f32(q.val[0], 32767.0f))),
                                    vqmovn_s32(vcvtq_s32_f32(vmulq_n_f32(q.val[1], 32767.0f))));
        int16x8_t zw = vcombine_s16(vqmovn_s32(vcvtq_s32_f32(vmulq_n_f32(q.val[2], 32767.0f))),
                                    vqmovn_s32(vcvtq_s32_f32(vmulq_n_f32(q.val[3], 32767.0f))));
        vst1q_s16(fixed + 4 * i, xy);
        vst1q_s16(fixed + 4 * i + 8, zw);
    }
    return vaddvq_f32(total);
}

/* Vectorised: a widening int16 dot product (|weights| < 32, so no overflow). */
static int32_t dot_fixed(void)
{
    int32_t sum = 0;

    for (unsigned i = 0; i < 4 * POINTS; i++)
        sum += fixed[i] * weights[i];
    return sum;
}

/* Vectorised: a decaying trail of the points (FMLA). */
static void update_trail(void)
{
    for (unsigned i = 0; i < 4 * POINTS; i++)
        trail[i] = trail[i] * 0.75f + points[i];
}

static uint32_t float_bits(float f)
{
    union {
        float f;
        uint32_t u;
    } v = {.f = f};
    return v.u;
}

static void simd_init(void)
{
    uint64_t seed = 0x51dd0c0ffee12345ull;

    for (unsigned i = 0; i < IMG_BYTES; i++) {
        uint64_t r = bench_random(&seed);
        image[i] = (uint8_t)r;
        noise[i] = (uint8_t)(r >> 8) & 0x3f;
        key[i] = (uint8_t)(r >> 16);
    }
    for (unsigned i = 0; i < 4 * POINTS; i++) {
        uint64_t r = bench_random(&seed);
        points[i] = (i % 4 == 3) ? 1.0f : (float)(int32_t)r * 0x1p-31f;
        weights[i] = (int16_t)((int32_t)(r >> 32) % 32);
    }
}

uint64_t bench_simd(uint64_t iterations)
{
    uint64_t sum = 0;
    uint32_t adler = 1;

    simd_init();
    for (uint64_t it = 0; it < iterations; it++) {
        blur(blurred, image);
        shuffle_key((uint8_t)it);
        mix();
        sum = sum * 31 + string_lengths() + byte_sum();
        hex_encode(hex, image + (it % (IMG_BYTES / HEX_SLICE)) * HEX_SLICE, HEX_SLICE);
        adler = adler32(adler, hex, sizeof hex);
        adler = adler32(adler, image, IMG_BYTES);
        sum ^= (uint64_t)adler << 32;
        sum += float_bits(transform_points());
        sum += (uint64_t)(int64_t)dot_fixed();
        update_trail();
    }
    for (unsigned i = 0; i < 4 * POINTS; i += 37)
        sum = sum * 31 + float_bits(trail[i]);
    return sum;
}
