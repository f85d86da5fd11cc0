/* Load/store-heavy kernels: heap sort, and block copies with a byte translation. */
#include "kernels.h"

#define SORT_N     1024
#define COPY_BYTES 4096

static uint32_t sort_array[SORT_N];
static uint64_t copy_src[COPY_BYTES / 8], copy_dst[COPY_BYTES / 8];
static uint8_t translate_table[256];

static void sift_down(uint32_t *a, unsigned root, unsigned n)
{
    uint32_t value = a[root];

    for (;;) {
        unsigned child = 2 * root + 1;
        if (child >= n) break;
        if (child + 1 < n && a[child + 1] > a[child]) child++;
        if (a[child] <= value) break;
        a[root] = a[child];
        root = child;
    }
    a[root] = value;
}

static void heap_sort(uint32_t *a, unsigned n)
{
    for (unsigned i = n / 2; i-- > 0;)
        sift_down(a, i, n);
    for (unsigned end = n - 1; end > 0; end--) {
        uint32_t top = a[0];
        a[0] = a[end];
        a[end] = top;
        sift_down(a, 0, end);
    }
}

uint64_t bench_sort(uint64_t iterations)
{
    uint64_t seed = 0x1234567887654321ull, sum = 0;

    for (uint64_t it = 0; it < iterations; it++) {
        for (unsigned i = 0; i < SORT_N; i++)
            sort_array[i] = (uint32_t)bench_random(&seed);
        heap_sort(sort_array, SORT_N);
        for (unsigned i = 0; i < SORT_N; i += 61)
            sum = sum * 31 + sort_array[i];
    }
    return sum;
}

/* Copies 16 bytes per step, as a memcpy would with LDP/STP. */
static void copy_words(uint64_t *dst, const uint64_t *src, unsigned words)
{
    for (unsigned i = 0; i < words; i += 2) {
        uint64_t a = src[i], b = src[i + 1];
        dst[i] = a;
        dst[i + 1] = b;
    }
}

static void translate_bytes(uint8_t *buf, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        buf[i] = translate_table[buf[i]];
}

uint64_t bench_copy(uint64_t iterations)
{
    uint64_t seed = 0xfeedfacecafebeefull, sum = 0;

    for (unsigned i = 0; i < 256; i++)
        translate_table[i] = (uint8_t)(i * 167 + 13);
    for (unsigned i = 0; i < COPY_BYTES / 8; i++)
        copy_src[i] = bench_random(&seed);
    for (uint64_t it = 0; it < iterations; it++) {
        copy_words(copy_dst, copy_src, COPY_BYTES / 8);
        translate_bytes((uint8_t *)copy_dst, COPY_BYTES);
        copy_words(copy_src, copy_dst, COPY_BYTES / 8);
        sum += copy_src[it % (COPY_BYTES / 8)];
    }
    return sum;
}
