/* Hashing a buffer: table-driven CRC-32 (IEEE, reflected) and FNV-1a. */
#include "kernels.h"

#define HASH_BYTES 2048

static uint32_t crc_table[256];
static uint8_t hash_buffer[HASH_BYTES];

static void crc_table_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int bit = 0; bit < 8; bit++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, unsigned n, uint32_t crc)
{
    crc = ~crc;
    for (unsigned i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint64_t fnv1a(const uint8_t *p, unsigned n, uint64_t h)
{
    for (unsigned i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

uint64_t bench_hash(uint64_t iterations)
{
    uint64_t seed = 0x0badc0de12345678ull, sum = 0;
    uint32_t crc = 0;

    crc_table_init();
    for (unsigned i = 0; i < HASH_BYTES; i++)
        hash_buffer[i] = (uint8_t)bench_random(&seed);
    for (uint64_t it = 0; it < iterations; it++) {
        crc = crc32(hash_buffer, HASH_BYTES, crc);
        sum ^= fnv1a(hash_buffer, HASH_BYTES, 0xcbf29ce484222325ull + crc);
        hash_buffer[it % HASH_BYTES] ^= (uint8_t)crc;
    }
    return sum ^ crc;
}
