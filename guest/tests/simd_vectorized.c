/*
 * Auto-vectorised code: memcpy, strlen, checksum and arithmetic kernels
 * compiled with -O3 (GCC's vectoriser emits Advanced SIMD loads, stores,
 * arithmetic, widening, reductions and permutes). Each kernel's result is
 * compared with the same loop compiled without vectorisation, and printed so
 * that the output is compared with QEMU's. The MMU is on, so RAM is Normal
 * memory and unaligned vector accesses are allowed.
 * guest-test-cflags: -O3 -ftree-vectorize -fno-tree-loop-distribute-patterns -mno-strict-align
 * -march=armv8.2-a+dotprod
 */
#include "libc.h"
#include "mmu.h"
#include "test.h"

#define SCALAR __attribute__((noinline, optimize("no-tree-vectorize")))
#define VECTOR __attribute__((noinline))

#define N 4099 /* not a multiple of any vector length: the epilogues run too */

static uint8_t src[N + 64], dst[N + 64], ref[N + 64];
static int16_t h1[N], h2[N];
static int32_t w1[N];
static float f1[N], f2[N], f3[N];

static uint32_t seed = 0x12345678;
static uint32_t next_random(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

/* Both versions of a kernel come from one body. */
#define KERNEL(ret, name, params, ...)                                                             \
    static VECTOR ret name params __VA_ARGS__ static SCALAR ret name##_ref params __VA_ARGS__

KERNEL(void, copy_bytes, (uint8_t * d, const uint8_t *s, unsigned n), {
    for (unsigned i = 0; i < n; i++)
        d[i] = s[i];
})

/* strlen in 16-byte blocks: the inner "any zero byte" test vectorises. */
KERNEL(unsigned, string_length, (const uint8_t *s), {
    unsigned i = 0;
    for (;; i += 16) {
        unsigned zero = 0;
        for (unsigned j = 0; j < 16; j++)
            zero |= s[i + j] == 0;
        if (zero) break;
    }
    while (s[i])
        i++;
    return i;
})

/* Fletcher-style sums over bytes (widening adds). */
KERNEL(uint64_t, byte_checksum, (const uint8_t *s, unsigned n), {
    uint32_t a = 0, b = 0;
    for (unsigned i = 0; i < n; i++) {
        a += s[i];
        b += s[i] * (uint32_t)(i & 7);
    }
    return ((uint64_t)b << 32) | a;
})

KERNEL(uint32_t, sum_abs_diff, (const uint8_t *x, const uint8_t *y, unsigned n), {
    uint32_t sum = 0;
    for (unsigned i = 0; i < n; i++)
        sum += x[i] > y[i] ? x[i] - y[i] : y[i] - x[i];
    return sum;
})

KERNEL(int64_t, dot16, (const int16_t *x, const int16_t *y, unsigned n), {
    int64_t sum = 0;
    for (unsigned i = 0; i < n; i++)
        sum += (int32_t)x[i] * y[i];
    return sum;
})

KERNEL(uint32_t, xor_shift_mix, (const uint8_t *s, unsigned n), {
    uint32_t h = 0;
    for (unsigned i = 0; i + 4 <= n; i += 4) {
        uint32_t w = s[i] | (s[i + 1] << 8) | (s[i + 2] << 16) | ((uint32_t)s[i + 3] << 24);
        h ^= (w << 5) ^ (w >> 3) ^ (w * 0x9E3779B1u);
    }
    return h;
})

KERNEL(int32_t, max_min_spread, (const int32_t *x, unsigned n), {
    int32_t hi = x[0], lo = x[0];
    for (unsigned i = 1; i < n; i++) {
        hi = x[i] > hi ? x[i] : hi;
        lo = x[i] < lo ? x[i] : lo;
    }
    return hi - lo;
})

/* Saturating narrowing and byte arithmetic. */
KERNEL(void, clamp_bytes, (uint8_t * d, const int16_t *x, unsigned n), {
    for (unsigned i = 0; i < n; i++) {
        int v = x[i] >> 2;
        d[i] = v < 0 ? 0 : v > 255 ? 255 : (uint8_t)v;
    }
})

KERNEL(void, saxpy, (float *y, const float *x, float a, unsigned n), {
    for (unsigned i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
})

KERNEL(void, int_to_float_scale, (float *y, const int32_t *x, unsigned n), {
    for (unsigned i = 0; i < n; i++)
        y[i] = (float)x[i] * 0.125f - 3.0f;
})

KERNEL(void, float_to_int, (int32_t * y, const float *x, unsigned n), {
    for (unsigned i = 0; i < n; i++)
        y[i] = (int32_t)(x[i] * 64.0f);
})

static uint64_t bits_hash(const void *p, unsigned bytes)
{
    const uint8_t *b = p;
    uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned i = 0; i < bytes; i++) {
        h ^= b[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

static void fill(void)
{
    for (unsigned i = 0; i < N + 64; i++)
        src[i] = (uint8_t)(next_random() | 1);
    for (unsigned i = 0; i < N; i++) {
        h1[i] = (int16_t)next_random();
        h2[i] = (int16_t)next_random();
        w1[i] = (int32_t)(next_random() << 8) >> 4;
        f1[i] = (float)(int32_t)(next_random() - (1u << 23)) / 1024.0f;
        f2[i] = (float)(int32_t)next_random() / 4096.0f;
    }
}

static void test_memcpy(void)
{
    uint64_t total = 0;
    for (unsigned off = 0; off < 16; off += 3)
        for (unsigned len = 0; len < 300; len += 37) {
            memset(dst, 0xEE, sizeof(dst));
            memset(ref, 0xEE, sizeof(ref));
            copy_bytes(dst + off, src + 5, len);
            copy_bytes_ref(ref + off, src + 5, len);
            CHECK(memcmp(dst, ref, sizeof(dst)) == 0);
            total += bits_hash(dst, sizeof(dst));
        }
    copy_bytes(dst, src, N);
    CHECK(memcmp(dst, src, N) == 0);
    printf("memcpy: %llx\n", (unsigned long long)total);
}

static void test_strlen(void)
{
    unsigned sum = 0;
    for (unsigned len = 0; len < 700; len += 29) {
        src[len] = 0;
        unsigned v = string_length(src), s = string_length_ref(src);
        CHECK_EQ(v, len);
        CHECK_EQ(s, len);
        sum += v;
        src[len] = (uint8_t)(len | 1);
    }
    printf("strlen: %u\n", sum);
}

static void test_checksums(void)
{
    uint64_t c = byte_checksum(src, N);
    CHECK_EQ(c, byte_checksum_ref(src, N));
    uint32_t sad = sum_abs_diff(src, src + 17, N);
    CHECK_EQ(sad, sum_abs_diff_ref(src, src + 17, N));
    int64_t dot = dot16(h1, h2, N);
    CHECK_EQ(dot, dot16_ref(h1, h2, N));
    uint32_t mix = xor_shift_mix(src + 3, N);
    CHECK_EQ(mix, xor_shift_mix_ref(src + 3, N));
    int32_t spread = max_min_spread(w1, N);
    CHECK_EQ(spread, max_min_spread_ref(w1, N));
    printf("checksum: %llx sad: %u dot: %lld mix: %x spread: %d\n", (unsigned long long)c, sad,
           (long long)dot, mix, spread);
}

static void test_arrays(void)
{
    clamp_bytes(dst, h1, N);
    clamp_bytes_ref(ref, h1, N);
    CHECK(memcmp(dst, ref, N) == 0);
    printf("clamp: %llx\n", (unsigned long long)bits_hash(dst, N));

    memcpy(f3, f2, sizeof(f3));
    saxpy(f2, f1, 1.75f, N);
    saxpy_ref(f3, f1, 1.75f, N);
    CHECK(memcmp(f2, f3, sizeof(f2)) == 0);
    printf("saxpy: %llx\n", (unsigned long long)bits_hash(f2, sizeof(f2)));

    int_to_float_scale(f2, w1, N);
    int_to_float_scale_ref(f3, w1, N);
    CHECK(memcmp(f2, f3, sizeof(f2)) == 0);
    printf("int to float: %llx\n", (unsigned long long)bits_hash(f2, sizeof(f2)));

    static int32_t i1[N], i2[N];
    float_to_int(i1, f1, N);
    float_to_int_ref(i2, f1, N);
    CHECK(memcmp(i1, i2, sizeof(i1)) == 0);
    printf("float to int: %llx\n", (unsigned long long)bits_hash(i1, sizeof(i1)));
}

int main(void)
{
    mmu_enable_identity();
    fill();
    test_memcpy();
    test_strlen();
    test_checksums();
    test_arrays();
    return test_summary();
}
