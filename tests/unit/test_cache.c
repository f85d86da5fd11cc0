/*
 * The cache model (cache/cache.c) driven directly, with tiny caches so that lines are evicted
 * all the time: random Write-Back accesses from three CPUs mixed with cleans (by VA and by
 * set/way) always read the last value written (the data caches are coherent and cleaning never
 * loses data), and the model's invariants hold after every step, Non-cacheable and
 * Write-Through accesses and invalidations included. Then exact cases: the attributes decide
 * the path, DC IVAC loses a dirty line, the set/way operand decodes with the CCSIDR geometry.
 */
#include <stdlib.h>

#include "cache/cache.h"
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "unit.h"

#define RAM  (64 * 1024)
#define BASE 0x40000000ull
#define WB   0xFF
#define WT   0xAA
#define NC   0x44
#define DEV  0x00

static machine_t *make(unsigned ncpus, const char *props)
{
    char err[256];
    machine_t *m = machine_create(RAM, ncpus, true, err, sizeof err);
    if (!m) {
        fprintf(stderr, "machine_create: %s\n", err);
        exit(1);
    }
    if (cache_config_parse(&m->cache_cfg, props, err, sizeof err) ||
        cache_start(m, err, sizeof err)) {
        fprintf(stderr, "cache: %s\n", err);
        exit(1);
    }
    return m;
}

static uint64_t mem(machine_t *m, unsigned cpu, uint64_t off, unsigned size, uint8_t attr,
                    bool write, uint64_t val)
{
    translation_t t = {.pa = BASE + off, .attr = attr, .sh = SH_INNER};
    cache_ram_access(m->cpus[cpu], BASE + off, &t, size, write, &val);
    return val;
}

static bool invariants(machine_t *m)
{
    char err[256];
    if (cache_self_check(m, err, sizeof err) == 0) return true;
    fprintf(stderr, "    %s\n", err);
    return false;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Every set and way of a level, on one CPU. */
static void setway_all(machine_t *m, unsigned cpu, unsigned cmo, unsigned level)
{
    const cache_config_t *c = &m->cache_cfg;
    const cache_geom_t *g = level == 1 ? &c->l1d : &c->l2;
    unsigned lb = (unsigned)__builtin_ctz(c->line), a = 0;
    while ((1u << a) < g->ways)
        a++;
    for (uint64_t way = 0; way < g->ways; way++)
        for (uint64_t set = 0; set < cache_geom_sets(g, c->line); set++)
            cache_dc_setway(m->cpus[cpu], cmo,
                            (a ? way << (32 - a) : 0) | set << lb | (level - 1) << 1);
}

static void test_random_coherent(void)
{
    /* L1D 512 B (8 lines), L2 2 KiB (32 lines): evictions at every level. */
    machine_t *m = make(3, "mode=on,l1d=512:2,l1i=512:2,l2=2K:4,line=64");
    static uint8_t ref[RAM];
    memcpy(ref, m->bus.ram, RAM);
    const unsigned span = 8192; /* 128 lines */
    unsigned bad_reads = 0, bad_invariants = 0;
    for (unsigned step = 0; step < 200000; step++) {
        uint64_t r = next();
        unsigned cpu = r % 3, size = 1u << ((r >> 2) & 3), op = (r >> 4) % 16;
        uint64_t off = ((r >> 8) % span) & ~(uint64_t)(size - 1);
        m->cpus[cpu]->el = (r >> 40) % 3;
        if (op < 6) {
            uint64_t v = next(), got;
            mem(m, cpu, off, size, WB, true, v);
            memcpy(ref + off, &v, size);
            got = mem(m, (cpu + 1) % 3, off, size, WB, false, 0);
            uint64_t want = 0;
            memcpy(&want, ref + off, size);
            bad_reads += got != want;
        } else if (op < 12) {
            uint64_t want = 0, got = mem(m, cpu, off, size, op & 1 ? WT : WB, false, 0);
            memcpy(&want, ref + off, size);
            bad_reads += got != want;
        } else if (op == 12) {
            uint64_t v = next();
            mem(m, cpu, off, size, WT, true, v); /* coherent too */
            memcpy(ref + off, &v, size);
        } else if (op == 13) {
            static const unsigned cmo[] = {CMO_DC_CVAC, CMO_DC_CVAU, CMO_DC_CIVAC};
            cache_dc_va(m->cpus[cpu], cmo[(r >> 32) % 3], BASE + off, BASE + off);
        } else if (op == 14 && step % 64 == 0) {
            setway_all(m, cpu, (r >> 32) & 1 ? CMO_DC_CSW : CMO_DC_CISW, 1 + ((r >> 33) & 1));
        }
        if (step % 97 == 0) bad_invariants += !invariants(m);
    }
    CHECK_EQ(bad_reads, 0);
    CHECK_EQ(bad_invariants, 0);
    CHECK(invariants(m));

    /* Invalidations and Non-cacheable accesses keep the invariants (not the values). */
    for (unsigned step = 0; step < 50000; step++) {
        uint64_t r = next();
        unsigned cpu = r % 3, op = (r >> 4) % 8;
        uint64_t off = ((r >> 8) % span) & ~7ull;
        if (op < 3)
            mem(m, cpu, off, 8, WB, op & 1, next());
        else if (op < 5)
            mem(m, cpu, off, 8, op == 3 ? NC : DEV, r & 1, next());
        else if (op == 5)
            cache_dc_va(m->cpus[cpu], CMO_DC_IVAC, BASE + off, BASE + off);
        else if (op == 6 && step % 64 == 0)
            setway_all(m, cpu, CMO_DC_ISW, 1 + ((r >> 33) & 1));
        else
            mem(m, cpu, off, 8, WT, true, next());
        if (step % 89 == 0) bad_invariants += !invariants(m);
    }
    CHECK_EQ(bad_invariants, 0);
    machine_destroy(m);
}

static void test_paths(void)
{
    machine_t *m = make(2, "mode=on");
    const uint64_t a = 0x1000;
    mem(m, 0, a, 8, NC, true, 0x11);                /* memory (and the view: nothing cached) */
    mem(m, 0, a, 8, WB, true, 0x22);                /* dirty in CPU0's L1D */
    CHECK_EQ(mem(m, 1, a, 8, DEV, false, 0), 0x11); /* Device: memory */
    CHECK_EQ(mem(m, 1, a, 8, NC, false, 0), 0x11);  /* Non-cacheable: memory */
    CHECK_EQ(mem(m, 1, a, 8, WB, false, 0), 0x22);  /* snooped from CPU0 */
    mem(m, 1, a, 8, NC, true, 0x33);                /* memory only: the line stays */
    CHECK_EQ(mem(m, 0, a, 8, WB, false, 0), 0x22);  /* stale clean line */
    cache_dc_va(m->cpus[0], CMO_DC_CVAC, BASE + a, BASE + a); /* clean: writes 0x22 back */
    CHECK_EQ(mem(m, 0, a, 8, NC, false, 0), 0x22);
    mem(m, 0, a, 8, WB, true, 0x44);
    cache_dc_va(m->cpus[1], CMO_DC_IVAC, BASE + a, BASE + a); /* dirty data lost */
    CHECK_EQ(mem(m, 0, a, 8, WB, false, 0), 0x22);
    mem(m, 0, a, 8, WB, true, 0x55);
    cache_dc_va(m->cpus[1], CMO_DC_CIVAC, BASE + a, BASE + a);
    CHECK_EQ(mem(m, 1, a, 8, DEV, false, 0), 0x55);
    /* A debugger's write reaches memory and every cached copy. */
    mem(m, 0, a, 8, WB, true, 0x66);
    uint64_t dbg = 0x99;
    cache_debug_write(m, BASE + a, (const uint8_t *)&dbg, 8);
    CHECK_EQ(mem(m, 1, a, 8, NC, false, 0), 0x99);
    CHECK_EQ(mem(m, 1, a, 8, WB, false, 0), 0x99);
    CHECK(invariants(m));
    /* An unaligned access across two lines. */
    mem(m, 0, 0x203c, 8, WB, true, 0x0102030405060708ull);
    CHECK_EQ(mem(m, 1, 0x203c, 8, WB, false, 0), 0x0102030405060708ull);
    CHECK_EQ(mem(m, 1, 0x2040, 4, WB, false, 0), 0x01020304);
    CHECK(invariants(m));
    machine_destroy(m);
}

static void test_setway_operand(void)
{
    machine_t *m = make(1, "mode=on");
    /* Default L1D: 64 KiB, 4 ways, 64-byte lines: 256 sets, set in [13:6], way in [31:30]. */
    CHECK_EQ(impdef_ccsidr(&m->cache_cfg, 0), (255ull << 13) | (3ull << 3) | 2);
    CHECK_EQ(impdef_ccsidr(&m->cache_cfg, 1), (255ull << 13) | (3ull << 3) | 2);
    CHECK_EQ(impdef_ccsidr(&m->cache_cfg, 2), (1023ull << 13) | (7ull << 3) | 2); /* L2 */
    CHECK_EQ(impdef_clidr(&m->cache_cfg), 0x8a200023);
    CHECK_EQ(impdef_ctr_el0(&m->cache_cfg), 0x8444c004);
    const uint64_t a = 0x40 * 5; /* set 5 */
    mem(m, 0, a, 8, WB, true, 0x77);
    cache_dc_setway(m->cpus[0], CMO_DC_CSW, 5 << 6 | 1ull << 30); /* way 1: empty */
    CHECK_EQ(mem(m, 0, a, 8, NC, false, 0), 0);
    cache_dc_setway(m->cpus[0], CMO_DC_CSW, 5 << 6);          /* way 0 of set 5, L1 */
    CHECK_EQ(mem(m, 0, a, 8, NC, false, 0), 0);               /* only in the L2 now */
    cache_dc_setway(m->cpus[0], CMO_DC_CSW, 5 << 6 | 1 << 1); /* L2: 1024 sets, set 5 */
    CHECK_EQ(mem(m, 0, a, 8, NC, false, 0), 0x77);
    CHECK_EQ(m->cpus[0]->stats.cache.cmo_lines[CMO_DC_CSW][m->cpus[0]->el], 2);
    CHECK(invariants(m));
    machine_destroy(m);

    m = make(1, "mode=on,idc=on,dic=on,l1d=32K:2,line=128");
    CHECK_EQ(impdef_ctr_el0(&m->cache_cfg), 0xb545c005); /* IDC, DIC, 128-byte lines, ERG 64 */
    CHECK_EQ(impdef_ccsidr(&m->cache_cfg, 0), (127ull << 13) | (1ull << 3) | 3);
    machine_destroy(m);
}

int main(void)
{
    test_paths();
    test_setway_operand();
    test_random_coherent();
    return unit_report();
}
