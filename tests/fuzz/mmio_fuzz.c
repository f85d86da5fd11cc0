/*
 * Robustness of the device boundary: every MMIO region of the virt machine (GIC
 * distributor, redistributors, PL011) takes random loads and stores of every size
 * (1, 2, 4, 8) at random, mostly unaligned, offsets through bus_mmio_access, the
 * path of guest loads and stores to devices (Normal memory lets them be unaligned).
 * Nothing may crash or trip a sanitizer (the ASan/UBSan build runs it too), and after
 * every access the devices must hold only states they can reach:
 *  - a load returns no bits beyond its size;
 *  - the GIC's unused slots (the INTID 0-31 entries of the distributor's arrays, the
 *    redistributors of absent CPUs) stay zero, GICR_WAKER is 0 or 6, GICD_CTLR keeps
 *    only its enable bits, SGIs stay edge-triggered, and no input line but the UART's
 *    is raised;
 *  - a store to the priority registers (GICD_IPRIORITYR<n>, GICR_IPRIORITYR<n>) or to
 *    GICD_IROUTER<n> changes no byte of the GIC's state but those it addresses;
 *  - the PL011's receive FIFO indices and registers stay in range (its input is a
 *    pipe of random bytes, then end of file).
 *
 * usage: mmio_fuzz COUNT SEED
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/gic_internal.h"
#include "devices/pl011.h"
#include "machine/machine.h"

#define NCPUS    3 /* fewer than AVSIM_MAX_CPUS: the other redistributors must stay unused */
#define RAM_SIZE (1ull << 20)

enum { SGI_BASE = 0x10000, IPRIORITYR = 0x400, IROUTER = 0x6000 };

static uint64_t rng_state;
static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static unsigned failures;
static char current[96]; /* the access being checked */

#define EXPECT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond) && failures++ < 20)                                                            \
            fprintf(stderr, "mmio_fuzz: %s: %s (line %d)\n", current, #cond, __LINE__);            \
    } while (0)

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i]) return false;
    return true;
}

static void check_gic(const gic_t *g)
{
    EXPECT((g->ctlr & ~(uint32_t)(GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1)) == 0);
    EXPECT(all_zero(&g->spi[0], sizeof g->spi[0]));
    EXPECT(all_zero(g->spi_prio, 32));
    EXPECT(all_zero(g->irouter, 32 * sizeof g->irouter[0]));
    for (unsigned i = 0; i < NCPUS; i++) {
        EXPECT(g->rd[i].waker == 0 || g->rd[i].waker == 6);
        EXPECT((g->rd[i].bank.edge & 0xFFFF) == 0xFFFF);
        EXPECT(g->rd[i].bank.level == 0);
    }
    for (unsigned i = NCPUS; i < AVSIM_MAX_CPUS; i++)
        EXPECT(all_zero(&g->rd[i], sizeof g->rd[i]));
    unsigned uart_spi = 32 + (unsigned)virt_memmap[VIRT_UART].spi;
    for (unsigned w = 1; w < GIC_NUM_IRQS / 32; w++)
        EXPECT((g->spi[w].level & ~(w == uart_spi / 32 ? gic_bit(uart_spi) : 0)) == 0);
}

static void check_uart(const pl011_t *u)
{
    EXPECT(u->rx_count <= sizeof u->rx_fifo && u->rx_head < sizeof u->rx_fifo);
    EXPECT(u->ibrd <= 0xFFFF && u->fbrd <= 0x3F && u->lcr_h <= 0xFF && u->cr <= 0xFFFF);
    EXPECT(u->ifls <= 0x3F && u->imsc <= 0x7FF && u->ris <= 0x7FF && u->dmacr <= 7);
}

/*
 * The bytes of the GIC's state that a store to [off, off + size) of region r may change,
 * when the store reaches a priority or routing register: [*lo, *hi) of the gic_t. A store
 * starting just before such an array reaches what precedes it only with pieces that are
 * ignored there (narrower than a word before the priorities, reserved space before
 * GICD_IROUTER<n>). Returns false for other stores.
 */
static bool store_window(gic_t *g, const mmio_region_t *r, uint64_t off, unsigned size,
                         uint8_t **lo, uint8_t **hi)
{
    uint8_t *base;
    uint64_t first, end;
    if (r->read == gic_dist_read) {
        if (off + 3 >= IPRIORITYR && off < IPRIORITYR + GIC_NUM_IRQS) {
            base = g->spi_prio;
            first = IPRIORITYR;
            end = IPRIORITYR + GIC_NUM_IRQS;
        } else if (off + 7 >= IROUTER && off < IROUTER + GIC_NUM_IRQS * 8) {
            base = (uint8_t *)g->irouter; /* little-endian host, as avsim requires */
            first = IROUTER;
            end = IROUTER + GIC_NUM_IRQS * 8;
        } else {
            return false;
        }
    } else if (r->read == gic_redist_read) {
        uint64_t frame = off / VIRT_REDIST_STRIDE * VIRT_REDIST_STRIDE;
        first = frame + SGI_BASE + IPRIORITYR;
        end = first + 32;
        if (off + 3 < first || off >= end) return false;
        base = g->rd[off / VIRT_REDIST_STRIDE].prio;
    } else {
        return false;
    }
    uint64_t a = off > first ? off : first, b = off + size < end ? off + size : end;
    *lo = base + (a - first);
    *hi = base + (b > a ? b - first : a - first);
    return true;
}

static uint64_t random_offset(const mmio_region_t *r)
{
    uint64_t any = rnd() % r->size;
    switch (rnd() % 4) {
    case 0: return any;
    case 1: return (any & ~0xFFFFull) | (rnd() & 0xFFF);         /* a frame's registers */
    case 2: return (any | 0xFFFF) - (rnd() & 0x3F);              /* ID registers */
    default: return r->size - 1 - (rnd() & 0xF) + (rnd() & 0x7); /* across the region's end */
    }
}

static uint64_t random_value(void)
{
    switch (rnd() % 4) {
    case 0: return 0;
    case 1: return ~0ull;
    default: return rnd();
    }
}

static int run(uint64_t count, uint64_t seed)
{
    /* The UART reads a pipe of random bytes (then end of file) as its input. */
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    rng_state = seed * 2654435761u + 1;
    uint8_t input[4096];
    for (size_t i = 0; i < sizeof input; i++)
        input[i] = (uint8_t)rnd();
    if (write(fds[1], input, sizeof input) != (ssize_t)sizeof input || close(fds[1]) != 0 ||
        dup2(fds[0], STDIN_FILENO) < 0) {
        perror("mmio_fuzz: input pipe");
        return 1;
    }
    char err[128];
    machine_t *m = machine_create(RAM_SIZE, NCPUS, true, err, sizeof err);
    if (!m) {
        fprintf(stderr, "machine_create: %s\n", err);
        return 1;
    }
    static gic_t before;
    uint64_t aborts = 0, per_region[BUS_MAX_MMIO] = {0};
    for (uint64_t n = 0; n < count && failures == 0; n++) {
        const mmio_region_t *r = &m->bus.mmio[rnd() % m->bus.n_mmio];
        uint64_t off = random_offset(r);
        unsigned size = 1u << (rnd() % 4);
        bool write = rnd() & 1;
        uint64_t val = random_value();
        snprintf(current, sizeof current, "%s of %u bytes at %s+0x%" PRIx64 " (access %" PRIu64 ")",
                 write ? "store" : "load", size, r->name, off, n);
        uint8_t *lo = NULL, *hi = NULL;
        bool windowed = write && store_window(m->gic, r, off, size, &lo, &hi);
        if (windowed) before = *m->gic;
        if (!bus_mmio_access(&m->bus, m->cpus[0], r->base + off, size, write, &val)) {
            EXPECT(off + size > r->size); /* the devices refuse no access */
            aborts++;
        } else if (!write && size < 8) {
            EXPECT(val >> (8 * size) == 0);
        }
        per_region[r - m->bus.mmio]++;
        if (windowed) {
            const uint8_t *now = (const uint8_t *)m->gic, *old = (const uint8_t *)&before;
            for (size_t i = 0; i < sizeof before; i++)
                if (now[i] != old[i]) EXPECT(now + i >= lo && now + i < hi);
        }
        check_gic(m->gic);
        check_uart(m->uart);
    }
    for (unsigned i = 0; i < m->bus.n_mmio; i++)
        fprintf(stderr, "mmio_fuzz: %s: %" PRIu64 " accesses\n", m->bus.mmio[i].name,
                per_region[i]);
    fprintf(stderr, "mmio_fuzz: %" PRIu64 " external aborts (accesses past a region's end)\n",
            aborts);
    machine_destroy(m);
    return failures != 0;
}

int main(int argc, char **argv)
{
    uint64_t count = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
    /* Stores to UARTDR print: keep them out of the test's output. */
    if (!freopen("/dev/null", "w", stdout)) {
        perror("mmio_fuzz: /dev/null");
        return 1;
    }
    int rc = run(count, seed);
    fprintf(stderr, "%d passed, %d failed\n", rc ? 0 : 1, rc ? 1 : 0);
    return rc;
}
