/* The bus's device boundary: region checks when mapping, and how bus_mmio_access splits an
 * access into the naturally aligned pieces a device sees. */
#include "machine/bus.h"
#include "unit.h"

/* A device that records its accesses; reads return 0xA0 + offset in every byte of a
 * full 64-bit value (the bus must keep only the piece's bytes). */
#define MAX_LOG 16
static struct {
    uint64_t off, val;
    unsigned size;
    bool write;
} log_[MAX_LOG];
static unsigned n_log;
static uint64_t refuse_off = ~0ull; /* the device refuses an access at this offset */

static bool rec(uint64_t off, unsigned size, bool write, uint64_t val)
{
    if (n_log < MAX_LOG) log_[n_log++] = (typeof(log_[0])){off, val, size, write};
    return off != refuse_off;
}

static bool dev_read(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t *val)
{
    (void)opaque, (void)cpu;
    *val = 0x0101010101010101ull * (0xA0 + off);
    return rec(off, size, false, 0);
}

static bool dev_write(void *opaque, cpu_t *cpu, uint64_t off, unsigned size, uint64_t val)
{
    (void)opaque, (void)cpu;
    return rec(off, size, true, val);
}

static bus_t bus;

static void map(uint64_t base, unsigned max_access)
{
    memset(&bus, 0, sizeof bus);
    mmio_region_t r = {"dev", base, 0x100, NULL, dev_read, dev_write, max_access};
    CHECK(bus_map_mmio(&bus, &r));
}

/* Expects the last access to have reached the device as `pieces` accesses of `size` bytes
 * from offset `off`. */
static void check_pieces(unsigned pieces, uint64_t off, unsigned size, bool write)
{
    CHECK_EQ(n_log, pieces);
    for (unsigned i = 0; i < n_log && i < pieces; i++) {
        CHECK_EQ(log_[i].off, off + i * size);
        CHECK_EQ(log_[i].size, size);
        CHECK_EQ(log_[i].write, write);
    }
}

static uint64_t load(uint64_t pa, unsigned size, bool *ok)
{
    uint64_t v = 0x5A5A;
    n_log = 0;
    *ok = bus_mmio_access(&bus, NULL, pa, size, false, &v);
    return v;
}

static bool store(uint64_t pa, unsigned size, uint64_t v)
{
    n_log = 0;
    return bus_mmio_access(&bus, NULL, pa, size, true, &v);
}

static void test_map_checks(void)
{
    bus_t b = {0};
    for (unsigned w = 0; w <= 16; w++) {
        mmio_region_t r = {"dev", 0x1000 * (w + 1), 0x100, NULL, dev_read, dev_write, w};
        CHECK_EQ(bus_map_mmio(&b, &r), w == 1 || w == 2 || w == 4 || w == 8);
    }
    mmio_region_t misaligned = {"dev", 0x20004, 0x100, NULL, dev_read, dev_write, 8};
    CHECK(!bus_map_mmio(&b, &misaligned));
    misaligned.max_access = 4;
    CHECK(bus_map_mmio(&b, &misaligned));
}

static void test_split(void)
{
    bool ok;
    map(0x9000, 8);
    /* Aligned: one access; a byte load keeps only the low byte of the device's value. */
    CHECK_EQ(load(0x9010, 8, &ok), 0xB0B0B0B0B0B0B0B0ull);
    check_pieces(1, 0x10, 8, false);
    CHECK_EQ(load(0x9011, 1, &ok), 0xB1);
    check_pieces(1, 0x11, 1, false);
    CHECK_EQ(load(0x9012, 2, &ok), 0xB2B2);
    /* Unaligned: pieces of the largest power of two dividing the address. */
    CHECK_EQ(load(0x901D, 4, &ok), 0xC0BFBEBDull);
    check_pieces(4, 0x1D, 1, false);
    CHECK_EQ(load(0x901C, 8, &ok), 0xC0C0C0C0BCBCBCBCull);
    check_pieces(2, 0x1C, 4, false);
    CHECK_EQ(load(0x9002, 8, &ok), 0x0808060604040202ull + 0xA0A0A0A0A0A0A0A0ull);
    check_pieces(4, 0x2, 2, false);
    CHECK(ok);
    /* Stores: each piece gets its bytes of the value. */
    CHECK(store(0x9003, 4, 0x44332211));
    check_pieces(4, 0x3, 1, true);
    for (unsigned i = 0; i < 4; i++)
        CHECK_EQ(log_[i].val, 0x11u * (i + 1));
    CHECK(store(0x9004, 8, 0x8877665544332211ull));
    check_pieces(2, 0x4, 4, true);
    CHECK_EQ(log_[0].val, 0x44332211);
    CHECK_EQ(log_[1].val, 0x88776655);

    /* A device with 32-bit registers takes a doubleword as two words. */
    map(0x9000, 4);
    CHECK(store(0x9008, 8, 0x8877665544332211ull));
    check_pieces(2, 0x8, 4, true);
    CHECK_EQ(log_[1].val, 0x88776655);
    CHECK_EQ(load(0x9008, 8, &ok), 0xACACACACA8A8A8A8ull);
    check_pieces(2, 0x8, 4, false);
}

static void test_aborts(void)
{
    bool ok;
    map(0x9000, 8);
    /* Past the region's end (or before it): no device access at all. */
    CHECK_EQ(load(0x90FE, 4, &ok), 0x5A5A);
    CHECK(!ok);
    CHECK_EQ(n_log, 0);
    CHECK(!store(0x90FD, 8, 0));
    CHECK_EQ(n_log, 0);
    CHECK(!store(0x8FFF, 1, 0));
    CHECK(store(0x90FF, 1, 0));
    /* A refused piece aborts the access, and a load leaves its destination alone. */
    refuse_off = 0x22;
    CHECK(!store(0x9021, 4, ~0ull));
    CHECK_EQ(n_log, 2); /* 0x21 written, 0x22 refused, nothing after */
    CHECK_EQ(load(0x9021, 2, &ok), 0x5A5A);
    CHECK(!ok);
    refuse_off = ~0ull;
}

int main(void)
{
    test_map_checks();
    test_split();
    test_aborts();
    return unit_report();
}
