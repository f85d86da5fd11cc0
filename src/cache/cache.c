/* The cache model: see cache/cache.h for the design, docs/caches.md for the behaviour. */
#include "cache/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_check.h"
#include "cache/cache_fast.h"
#include "machine/machine.h"

enum { L_INVALID, L_CLEAN, L_DIRTY };
#define NO_LINE UINT64_MAX

typedef struct {
    uint64_t line; /* RAM line number (RAM offset >> line bits), NO_LINE when invalid */
    uint64_t fill; /* L1I: serial number of the fill that brought the line's bytes */
    uint8_t state; /* L_*; L1I lines are never dirty */
    bool verified; /* L1I: the decoded slots of the line agree with its bytes */
} way_t;

typedef struct {
    uint32_t sets, ways;
    way_t *w;       /* sets * ways, way-major within a set */
    uint8_t *data;  /* line bytes of each way (L2, L1I); the L1Ds have none */
    uint32_t *next; /* round-robin victim of each set */
} level_t;

typedef struct cache_cpu {
    cache_fast_t fast; /* first: cache/cache_fast.h reads it through cpu->cache */
    uint64_t *rd, *wr; /* the bitmaps fast.rd/fast.wr point to */
    level_t l1d, l1i;
    cpu_t *cpu;
    uint8_t fetch_attr[3][FETCH_ENTRIES]; /* attributes of each fetch-cache entry */
    uint64_t last_va;                     /* the last access of cache_ram_access */
    const uint8_t *last_host;
    uint64_t cur_line; /* line being executed, and its fetch attributes */
    uint8_t cur_attr;
    /* The bytes this CPU fetches, at their offsets in a page: cpu->fetch_host while the L1I is
     * modelled. ibuf_fill says which fill each line's bytes come from (0: none). */
    uint8_t ibuf[PAGE_SIZE];
    uint64_t ibuf_fill[PAGE_SIZE / 16];
} cache_cpu_t;

struct cache {
    cache_config_t cfg;
    machine_t *m;
    uint8_t *ram; /* the cacheable view (bus.ram) */
    uint8_t *mem; /* memory, beyond every cache */
    uint64_t ram_size, nlines;
    unsigned lb;   /* log2 of the line size */
    uint32_t line; /* line size */
    bool icache;   /* the L1Is are modelled (CTR_EL0.DIC = 0) */
    level_t l2;
    uint64_t fill_serial;
    unsigned ncpus;
    cache_cpu_t *cpus[AVSIM_MAX_CPUS];
    cache_check_t *check; /* mode check */
};

_Static_assert(offsetof(cache_cpu_t, fast) == 0, "cache_fast_t first");

/* Counters of the CPU that caused the event, at its current EL. */
#define COUNT(cpu, field) ((cpu)->stats.cache.field[(cpu)->el]++)

/* ---- Memory types ---- */

enum { K_DEVICE, K_NC, K_WT, K_WB };

/* The inner cacheability decides for both levels (CLIDR_EL1.ICB = 2: both are Inner). */
static unsigned kind_of(uint8_t attr)
{
    if (attr_is_device(attr)) return K_DEVICE;
    switch (attr_inner(attr)) {
    case CACHE_NC: return K_NC;
    case CACHE_WT: return K_WT;
    default: return K_WB;
    }
}

/* ---- Bitmaps, levels ---- */

static inline void bset(uint64_t *m, uint64_t l)
{
    m[l >> 6] |= 1ull << (l & 63);
}
static inline void bclr(uint64_t *m, uint64_t l)
{
    m[l >> 6] &= ~(1ull << (l & 63));
}
static inline bool btest(const uint64_t *m, uint64_t l)
{
    return (m[l >> 6] >> (l & 63)) & 1;
}

static bool level_init(level_t *l, const cache_geom_t *g, uint32_t line, bool data)
{
    l->sets = cache_geom_sets(g, line);
    l->ways = g->ways;
    size_t n = (size_t)l->sets * l->ways;
    l->w = malloc(n * sizeof *l->w);
    l->next = calloc(l->sets, sizeof *l->next);
    l->data = data ? calloc(n, line) : NULL;
    if (!l->w || !l->next || (data && !l->data)) return false;
    for (size_t i = 0; i < n; i++)
        l->w[i] = (way_t){.line = NO_LINE};
    return true;
}

static void level_free(level_t *l)
{
    free(l->w);
    free(l->next);
    free(l->data);
}

static way_t *lookup(const level_t *l, uint64_t line)
{
    way_t *s = &l->w[(size_t)(line & (l->sets - 1)) * l->ways];
    for (uint32_t i = 0; i < l->ways; i++)
        if (s[i].line == line) return &s[i];
    return NULL;
}

/* The way a new line takes: an invalid one, else the set's ways in turn. */
static way_t *victim(level_t *l, uint64_t line)
{
    size_t set = line & (l->sets - 1);
    way_t *s = &l->w[set * l->ways];
    for (uint32_t i = 0; i < l->ways; i++)
        if (s[i].state == L_INVALID) return &s[i];
    uint32_t v = l->next[set];
    l->next[set] = v + 1 == l->ways ? 0 : v + 1;
    return &s[v];
}

static uint8_t *way_data(const cache_t *c, const level_t *l, const way_t *w)
{
    return l->data + ((size_t)(w - l->w) << c->lb);
}

static uint8_t *cview(const cache_t *c, uint64_t line)
{
    return c->ram + (line << c->lb);
}
static uint8_t *mview(const cache_t *c, uint64_t line)
{
    return c->mem + (line << c->lb);
}

/* ---- Data side ---- */

/* A dirty L1D line of d goes to the L2 (which holds the line: the L2 includes the L1Ds). */
static void l1d_writeback(cache_t *c, cache_cpu_t *d, way_t *w, cpu_t *who)
{
    way_t *w2 = lookup(&c->l2, w->line);
    memcpy(way_data(c, &c->l2, w2), cview(c, w->line), c->line);
    w2->state = L_DIRTY;
    w->state = L_CLEAN;
    bclr(d->wr, w->line);
    COUNT(who, l1d_writeback);
}

static void l1d_invalidate(cache_cpu_t *d, way_t *w)
{
    bclr(d->rd, w->line);
    bclr(d->wr, w->line);
    w->line = NO_LINE;
    w->state = L_INVALID;
}

/* A dirty L2 line goes to memory. */
static void l2_writeback(cache_t *c, way_t *w2, cpu_t *who)
{
    uint8_t *mem = mview(c, w2->line), *d = way_data(c, &c->l2, w2);
    if (c->check) check_writeback(c->check, who, w2->line << c->lb, mem, d, c->line);
    memcpy(mem, d, c->line);
    w2->state = L_CLEAN;
    COUNT(who, l2_writeback);
}

/* Cleans (dirty copies to the L2) and/or invalidates the line in every L1D (except skip's).
 * Returns the number of copies found. */
static unsigned l1d_sweep(cache_t *c, uint64_t line, cpu_t *who, const cache_cpu_t *skip,
                          bool clean, bool inval)
{
    unsigned n = 0;
    for (unsigned i = 0; i < c->ncpus; i++) {
        cache_cpu_t *d = c->cpus[i];
        if (d == skip || !btest(d->rd, line)) continue;
        way_t *w = lookup(&d->l1d, line);
        if (clean && w->state == L_DIRTY) l1d_writeback(c, d, w, who);
        if (inval) l1d_invalidate(d, w);
        n++;
    }
    return n;
}

/* Drops an L2 line: the L1D copies first (written back), then the line (written back). Nothing
 * caches the line afterwards, so the cacheable view becomes memory's value again. */
static void l2_drop(cache_t *c, way_t *w2, cpu_t *who)
{
    uint64_t line = w2->line;
    l1d_sweep(c, line, who, NULL, true, true);
    if (w2->state == L_DIRTY) l2_writeback(c, w2, who);
    memcpy(cview(c, line), mview(c, line), c->line);
    w2->line = NO_LINE;
    w2->state = L_INVALID;
}

/* The L2 line for line, allocated from memory on a miss (memory equals the cacheable view of an
 * uncached line). */
static way_t *l2_get(cache_t *c, uint64_t line, cpu_t *who)
{
    way_t *w2 = lookup(&c->l2, line);
    if (w2) {
        COUNT(who, l2_hit);
        return w2;
    }
    COUNT(who, l2_miss);
    w2 = victim(&c->l2, line);
    if (w2->state != L_INVALID) {
        l2_drop(c, w2, who);
        COUNT(who, l2_evict);
    }
    w2->line = line;
    w2->state = L_CLEAN;
    memcpy(way_data(c, &c->l2, w2), mview(c, line), c->line);
    return w2;
}

/* Makes line valid in cc's L1D, dirty (and the only copy) for a write. Other CPUs' copies are
 * cleaned to the L2 (a read) or cleaned and invalidated (a write): write-invalidate snooping. */
static void l1d_get(cache_t *c, cache_cpu_t *cc, uint64_t line, bool write)
{
    cpu_t *cpu = cc->cpu;
    way_t *w = lookup(&cc->l1d, line);
    if (w) {
        COUNT(cpu, l1d_hit);
        if (!write || w->state == L_DIRTY) return;
        cpu->stats.cache.snoop[cpu->el] += l1d_sweep(c, line, cpu, cc, false, true);
        w->state = L_DIRTY;
        bset(cc->wr, line);
        return;
    }
    COUNT(cpu, l1d_miss);
    cpu->stats.cache.snoop[cpu->el] += l1d_sweep(c, line, cpu, cc, true, write);
    l2_get(c, line, cpu);
    w = victim(&cc->l1d, line);
    if (w->state != L_INVALID) {
        if (w->state == L_DIRTY) l1d_writeback(c, cc, w, cpu);
        l1d_invalidate(cc, w);
        COUNT(cpu, l1d_evict);
    }
    w->line = line;
    w->state = write ? L_DIRTY : L_CLEAN;
    bset(cc->rd, line);
    if (write) bset(cc->wr, line);
}

/* A Write-Through write: coherent with every cache (other copies cleaned and invalidated, this
 * CPU's copy cleaned and kept), then through to memory (no allocation). */
static void wt_write(cache_t *c, cache_cpu_t *cc, uint64_t line, uint64_t off, const uint8_t *v,
                     unsigned n)
{
    cpu_t *cpu = cc->cpu;
    cpu->stats.cache.snoop[cpu->el] += l1d_sweep(c, line, cpu, cc, true, true);
    way_t *w = lookup(&cc->l1d, line);
    if (w) {
        COUNT(cpu, l1d_hit);
        if (w->state == L_DIRTY) l1d_writeback(c, cc, w, cpu);
    } else {
        COUNT(cpu, l1d_miss);
    }
    way_t *w2 = lookup(&c->l2, line);
    if (w2) memcpy(way_data(c, &c->l2, w2) + (off & (c->line - 1)), v, n);
    memcpy(c->ram + off, v, n);
    memcpy(c->mem + off, v, n);
}

/* An access of n bytes at RAM offset off, within one line. */
static void access_line(cache_t *c, cache_cpu_t *cc, unsigned kind, uint64_t off, uint8_t *v,
                        unsigned n, bool write)
{
    uint64_t line = off >> c->lb;
    switch (kind) {
    case K_DEVICE:
    case K_NC:
        /* Straight to memory. A write to a line no cache holds also changes the cacheable view
         * (which is memory's value for such a line); a cached copy stays as it was. */
        COUNT(cc->cpu, uncached);
        if (!write) {
            memcpy(v, c->mem + off, n);
            return;
        }
        memcpy(c->mem + off, v, n);
        if (!lookup(&c->l2, line)) memcpy(c->ram + off, v, n);
        return;
    case K_WT:
        if (write) {
            wt_write(c, cc, line, off, v, n);
            return;
        }
        break;
    default: break;
    }
    l1d_get(c, cc, line, write);
    if (write)
        memcpy(c->ram + off, v, n);
    else
        memcpy(v, c->ram + off, n);
}

void cache_ram_access(cpu_t *cpu, uint64_t va, const translation_t *t, unsigned size, bool write,
                      uint64_t *val)
{
    cache_t *c = cpu->machine->cache;
    cache_cpu_t *cc = cpu->cache;
    uint64_t off = t->pa - c->m->bus.ram_base;
    unsigned kind = kind_of(t->attr);
    uint8_t *v = (uint8_t *)val; /* little-endian host and guest */
    if (!write) *val = 0;
    cc->last_va = va;
    cc->last_host = c->ram + off;
    for (unsigned done = 0; done < size;) {
        uint64_t o = off + done;
        uint64_t room = c->line - (o & (c->line - 1));
        unsigned n = size - done < room ? size - done : (unsigned)room;
        access_line(c, cc, kind, o, v + done, n, write);
        done += n;
    }
    if (c->check) {
        if (write)
            check_write(c->check, cpu, off, v, size, t->attr, t->sh);
        else
            check_read(c->check, cpu, va, off, v, size, t->attr, t->sh);
    }
}

const uint8_t *cache_ram_host(const cpu_t *cpu, uint64_t va)
{
    const cache_cpu_t *cc = cpu->cache;
    const tlb_entry_t *e = &cpu->tlb.el[cpu->el].read[tlb_index(va)];
    if (e->tag == ((va & PAGE_MASK) | CACHE_TLB_MARK))
        return (const uint8_t *)(uintptr_t)(va + e->addend);
    return cc->last_host && cc->last_va == va ? cc->last_host : NULL;
}

bool cache_fast_allowed(const cpu_t *cpu, const translation_t *t, bool write)
{
    const cache_t *c = cpu->machine->cache;
    if (c->check) return false; /* the checker sees every access */
    unsigned kind = kind_of(t->attr);
    return kind == K_WB || (kind == K_WT && !write);
}

/* ---- Instruction side ---- */

static void unverify_others(cache_t *c, const cache_cpu_t *cc, uint64_t line)
{
    for (unsigned i = 0; i < c->ncpus; i++) {
        if (c->cpus[i] == cc) continue;
        way_t *w = lookup(&c->cpus[i]->l1i, line);
        if (w) w->verified = false;
    }
}

/* Where an L1I fill of line gets its bytes: memory for Non-cacheable (and Device) fetches;
 * for cacheable ones the Point of Unification, the L2 (allocating), or with CTR_EL0.IDC the
 * data caches too. */
static const uint8_t *ifill_source(cache_t *c, cpu_t *cpu, uint64_t line, uint8_t attr,
                                   bool allocate)
{
    unsigned kind = kind_of(attr);
    if (kind == K_DEVICE || kind == K_NC) return mview(c, line);
    if (c->cfg.idc) return cview(c, line);
    way_t *w2 = allocate ? l2_get(c, line, cpu) : lookup(&c->l2, line);
    return w2 ? way_data(c, &c->l2, w2) : mview(c, line);
}

static way_t *l1i_fill(cache_t *c, cache_cpu_t *cc, uint64_t line, uint8_t attr)
{
    cpu_t *cpu = cc->cpu;
    way_t *w = victim(&cc->l1i, line);
    if (w->state != L_INVALID) COUNT(cpu, l1i_evict);
    memcpy(way_data(c, &cc->l1i, w), ifill_source(c, cpu, line, attr, true), c->line);
    w->line = line;
    w->state = L_CLEAN;
    w->fill = ++c->fill_serial;
    w->verified = false;
    return w;
}

void cache_fetch_fill(cpu_t *cpu, const fetch_entry_t *e, uint8_t attr)
{
    cpu->cache->fetch_attr[cpu->el][e - cpu->tlb.fetch[cpu->el]] = attr;
}

decoded_page_t *cache_fetch_line(cpu_t *cpu, uint64_t pc, const fetch_entry_t *e,
                                 decoded_page_t *page)
{
    cache_t *c = cpu->machine->cache;
    cache_cpu_t *cc = cpu->cache;
    if (!c->icache) return page;
    uint64_t in_page = pc & (PAGE_SIZE - 1) & ~(uint64_t)(c->line - 1);
    uint64_t line = ((uint64_t)(e->host - c->ram) + in_page) >> c->lb;
    cc->cur_line = line;
    cc->cur_attr = cc->fetch_attr[cpu->el][e - cpu->tlb.fetch[cpu->el]];
    way_t *w = lookup(&cc->l1i, line);
    if (likely(w)) {
        COUNT(cpu, l1i_hit);
    } else {
        COUNT(cpu, l1i_miss);
        w = l1i_fill(c, cc, line, cc->cur_attr);
    }
    const uint8_t *bytes = way_data(c, &cc->l1i, w);
    if (unlikely(!w->verified)) {
        /* Decoded slots are shared by the CPUs: those decoded from other bytes than this
         * CPU's L1I holds are decoded again (from these bytes, by exec_decode_slot). */
        bool changed = false;
        decoded_t *d = &page->d[in_page >> 2];
        for (uint32_t i = 0; i < c->line / 4; i++) {
            uint32_t insn;
            memcpy(&insn, bytes + 4 * i, 4);
            if (d[i].fn != exec_decode_slot && d[i].insn != insn) {
                d[i].fn = exec_decode_slot;
                changed = true;
            }
        }
        if (changed) unverify_others(c, cc, line);
        w->verified = true;
    }
    unsigned slot = (unsigned)(in_page >> c->lb);
    if (cc->ibuf_fill[slot] != w->fill) {
        memcpy(cc->ibuf + in_page, bytes, c->line);
        cc->ibuf_fill[slot] = w->fill;
    }
    cpu->fetch_host = cc->ibuf;
    return page;
}

void cache_decoded(cpu_t *cpu, uint32_t insn)
{
    cache_t *c = cpu->machine->cache;
    cache_cpu_t *cc = cpu->cache;
    uint64_t off, in_line = cpu->pc & (c->line - 1);
    int attr;
    const uint8_t *refill;
    if (c->icache) {
        /* Other CPUs holding the line may have other bytes: they check again on entry. */
        unverify_others(c, cc, cc->cur_line);
        if (!c->check) return;
        off = (cc->cur_line << c->lb) + in_line;
        attr = cc->cur_attr;
        refill = ifill_source(c, cpu, cc->cur_line, attr, false) + in_line;
    } else {
        if (!c->check) return;
        /* No instruction cache modelled: fetches read the cacheable view (fetch_host). */
        off = (uint64_t)(cpu->fetch_host - c->ram) + (cpu->pc & (PAGE_SIZE - 1));
        attr = -1;
        refill = c->ram + off;
    }
    check_exec(c->check, cpu, cpu->pc, off, insn, attr, refill);
}

uint64_t cache_loop_mask(const cpu_t *cpu)
{
    const cache_t *c = cpu->machine->cache;
    return c && c->icache ? ~(uint64_t)(c->line - 1) | 3 : PAGE_MASK | 3;
}

/* ---- Maintenance ---- */

static bool ram_line(const cache_t *c, uint64_t pa, uint64_t *line)
{
    uint64_t base = c->m->bus.ram_base;
    if (pa < base || pa - base >= c->ram_size) return false;
    *line = (pa - base) >> c->lb;
    return true;
}

/* Invalidates line everywhere without cleaning (DC IVAC, and the set/way invalidations of the
 * L2): dirty data is lost, the cacheable view is memory's again. */
static unsigned discard_line(cache_t *c, cpu_t *cpu, const char *op, uint64_t va, uint64_t line)
{
    unsigned n = 0;
    bool dirty = false;
    for (unsigned i = 0; i < c->ncpus; i++) {
        cache_cpu_t *d = c->cpus[i];
        if (!btest(d->rd, line)) continue;
        way_t *w = lookup(&d->l1d, line);
        dirty |= w->state == L_DIRTY;
        l1d_invalidate(d, w);
        n++;
    }
    way_t *w2 = lookup(&c->l2, line);
    if (w2) {
        dirty |= w2->state == L_DIRTY;
        w2->line = NO_LINE;
        w2->state = L_INVALID;
        n++;
    }
    if (c->check && dirty)
        check_discard(c->check, cpu, op, va, line << c->lb, cview(c, line), mview(c, line),
                      c->line);
    memcpy(cview(c, line), mview(c, line), c->line);
    return n;
}

/* Cleans line to the PoU (the L2) or the PoC (memory), invalidating too if inval. */
static unsigned clean_line(cache_t *c, cpu_t *cpu, uint64_t line, bool poc, bool inval)
{
    unsigned n = l1d_sweep(c, line, cpu, NULL, true, inval);
    if (!poc) return n;
    way_t *w2 = lookup(&c->l2, line);
    if (!w2) return n;
    if (inval) {
        l2_drop(c, w2, cpu);
    } else if (w2->state == L_DIRTY) {
        l2_writeback(c, w2, cpu);
    }
    return n + 1;
}

void cache_dc_va(cpu_t *cpu, unsigned cmo, uint64_t va, uint64_t pa)
{
    cache_t *c = cpu->machine->cache;
    uint64_t line;
    if (!c || !ram_line(c, pa, &line)) return;
    unsigned n;
    if (c->check) check_maintained(c->check, line << c->lb);
    switch (cmo) {
    case CMO_DC_IVAC: n = discard_line(c, cpu, "DC IVAC", va, line); break;
    case CMO_DC_CVAU: n = clean_line(c, cpu, line, false, false); break;
    case CMO_DC_CVAC: n = clean_line(c, cpu, line, true, false); break;
    default: n = clean_line(c, cpu, line, true, true); break; /* DC CIVAC */
    }
    cpu->stats.cache.cmo_lines[cmo][cpu->el] += n;
}

static unsigned log2_ceil(uint32_t v)
{
    unsigned n = 0;
    while ((1ull << n) < v)
        n++;
    return n;
}

/*
 * DC ISW/CSW/CISW: operand Level [3:1], set [L+S-1:L], way [31:32-A] (Arm ARM C5.3, the
 * SetWay operand, with L, S, A from CCSIDR_EL1). Level 1 is this CPU's L1D; level 2 the L2, where
 * the L1D copies of the line are cleaned and invalidated first (the L2 includes them; any line may
 * be cleaned and invalidated as a side effect, D7.5.9.4), so an invalidation there keeps data still
 * dirty in an L1D. Values naming no cache line do nothing.
 */
void cache_dc_setway(cpu_t *cpu, unsigned cmo, uint64_t operand)
{
    cache_t *c = cpu->machine->cache;
    if (!c) return;
    cache_cpu_t *cc = cpu->cache;
    unsigned level = (operand >> 1) & 7;
    level_t *lv = level == 0 ? &cc->l1d : level == 1 ? &c->l2 : NULL;
    if (!lv) return;
    unsigned a = log2_ceil(lv->ways);
    uint64_t set = (operand >> c->lb) & (lv->sets - 1);
    uint64_t way = a ? (operand >> (32 - a)) & ((1ull << a) - 1) : 0;
    if (way >= lv->ways) return;
    way_t *w = &lv->w[set * lv->ways + way];
    if (w->state == L_INVALID) return;
    uint64_t line = w->line;
    bool clean = cmo != CMO_DC_ISW, inval = cmo != CMO_DC_CSW;
    unsigned n = 1;
    if (level == 0) {
        if (w->state == L_DIRTY) {
            if (clean) {
                l1d_writeback(c, cc, w, cpu);
            } else {
                /* The dirty data is lost: the L2's copy is the cacheable view again. */
                const uint8_t *l2 = way_data(c, &c->l2, lookup(&c->l2, line));
                if (c->check)
                    check_discard(c->check, cpu, "DC ISW", UINT64_MAX, line << c->lb,
                                  cview(c, line), l2, c->line);
                memcpy(cview(c, line), l2, c->line);
            }
        }
        if (inval) l1d_invalidate(cc, w);
    } else {
        bool in_l1 = false;
        for (unsigned i = 0; i < c->ncpus && !in_l1; i++)
            in_l1 = btest(c->cpus[i]->rd, line);
        if (inval && (clean || in_l1)) {
            n += l1d_sweep(c, line, cpu, NULL, true, true);
            l2_drop(c, w, cpu);
        } else if (inval) {
            n = discard_line(c, cpu, "DC ISW", UINT64_MAX, line);
        } else if (w->state == L_DIRTY) {
            l2_writeback(c, w, cpu);
        }
    }
    cpu->stats.cache.cmo_lines[cmo][cpu->el] += n;
}

static unsigned l1i_invalidate_line(cache_cpu_t *d, uint64_t line)
{
    way_t *w = lookup(&d->l1i, line);
    if (!w) return 0;
    *w = (way_t){.line = NO_LINE};
    return 1;
}

/* IC IVAU: every CPU's L1I (the line's shareability domain is the whole machine). */
void cache_ic_va(cpu_t *cpu, uint64_t pa)
{
    cache_t *c = cpu->machine->cache;
    uint64_t line;
    if (!c || !c->icache || !ram_line(c, pa, &line)) return;
    unsigned n = 0;
    if (c->check) check_maintained(c->check, line << c->lb);
    for (unsigned i = 0; i < c->ncpus; i++)
        n += l1i_invalidate_line(c->cpus[i], line);
    cpu->stats.cache.cmo_lines[CMO_IC_IVAU][cpu->el] += n;
}

void cache_ic_all(cpu_t *cpu, bool broadcast)
{
    cache_t *c = cpu->machine->cache;
    if (!c || !c->icache) return;
    unsigned n = 0;
    for (unsigned i = 0; i < c->ncpus; i++) {
        cache_cpu_t *d = c->cpus[i];
        if (!broadcast && d != cpu->cache) continue;
        if (c->check) check_maintained_all(c->check, i);
        size_t ways = (size_t)d->l1i.sets * d->l1i.ways;
        for (size_t k = 0; k < ways; k++) {
            if (d->l1i.w[k].state == L_INVALID) continue;
            d->l1i.w[k] = (way_t){.line = NO_LINE};
            n++;
        }
    }
    cpu->stats.cache.cmo_lines[broadcast ? CMO_IC_IALLUIS : CMO_IC_IALLU][cpu->el] += n;
}

void cache_cpu_power_down(cpu_t *cpu)
{
    cache_t *c = cpu->machine->cache;
    if (!c) return;
    cache_cpu_t *d = cpu->cache;
    size_t n = (size_t)d->l1d.sets * d->l1d.ways;
    for (size_t k = 0; k < n; k++) {
        way_t *w = &d->l1d.w[k];
        if (w->state == L_DIRTY) l1d_writeback(c, d, w, cpu);
        if (w->state != L_INVALID) l1d_invalidate(d, w);
    }
    if (!c->icache) return;
    if (c->check) check_maintained_all(c->check, cpu->index);
    n = (size_t)d->l1i.sets * d->l1i.ways;
    for (size_t k = 0; k < n; k++)
        d->l1i.w[k] = (way_t){.line = NO_LINE};
}

void cache_debug_write(machine_t *m, uint64_t pa, const uint8_t *buf, uint64_t n)
{
    cache_t *c = m->cache;
    uint64_t off = pa - m->bus.ram_base;
    for (uint64_t done = 0; done < n;) {
        uint64_t o = off + done, line = o >> c->lb, in_line = o & (c->line - 1);
        unsigned k = (unsigned)(n - done < c->line - in_line ? n - done : c->line - in_line);
        memcpy(c->ram + o, buf + done, k);
        memcpy(c->mem + o, buf + done, k);
        way_t *w2 = lookup(&c->l2, line);
        if (w2) memcpy(way_data(c, &c->l2, w2) + in_line, buf + done, k);
        for (unsigned i = 0; i < c->ncpus; i++) {
            cache_cpu_t *d = c->cpus[i];
            way_t *w = lookup(&d->l1i, line);
            if (!w) continue;
            memcpy(way_data(c, &d->l1i, w) + in_line, buf + done, k);
            w->fill = ++c->fill_serial; /* the fetch side copies the line again */
            w->verified = false;
        }
        if (c->check) check_write_external(c->check, o, buf + done, k);
        done += k;
    }
}

/* ---- Life cycle ---- */

static void cpu_free(cache_cpu_t *cc)
{
    if (!cc) return;
    free(cc->rd);
    free(cc->wr);
    level_free(&cc->l1d);
    level_free(&cc->l1i);
    free(cc);
}

void cache_destroy(machine_t *m)
{
    cache_t *c = m->cache;
    if (!c) return;
    for (unsigned i = 0; i < c->ncpus; i++)
        cpu_free(c->cpus[i]);
    level_free(&c->l2);
    check_destroy(c->check);
    free(c->mem);
    free(c);
    m->cache = NULL;
}

int cache_start(machine_t *m, char *err, size_t errlen)
{
    const cache_config_t *cfg = &m->cache_cfg;
    if (cfg->mode == CACHE_OFF) return 0;
    cache_t *c = calloc(1, sizeof *c);
    if (!c) goto oom;
    m->cache = c;
    c->cfg = *cfg;
    c->m = m;
    c->ram = m->bus.ram;
    c->ram_size = m->bus.ram_size;
    c->line = cfg->line;
    c->lb = (unsigned)__builtin_ctz(cfg->line);
    c->nlines = c->ram_size >> c->lb;
    c->icache = !cfg->dic;
    c->ncpus = m->ncpus;
    /* Memory starts as the loaders left RAM; no cache holds anything. */
    c->mem = malloc(c->ram_size);
    if (!c->mem || !level_init(&c->l2, &cfg->l2, c->line, true)) goto oom;
    memcpy(c->mem, c->ram, c->ram_size);
    size_t words = (c->nlines + 63) / 64;
    for (unsigned i = 0; i < c->ncpus; i++) {
        cache_cpu_t *cc = calloc(1, sizeof *cc);
        if (!cc) goto oom;
        c->cpus[i] = cc;
        cc->cpu = m->cpus[i];
        cc->rd = calloc(words, sizeof *cc->rd);
        cc->wr = calloc(words, sizeof *cc->wr);
        if (!cc->rd || !cc->wr || !level_init(&cc->l1d, &cfg->l1d, c->line, false) ||
            !level_init(&cc->l1i, &cfg->l1i, c->line, true))
            goto oom;
        cc->fast = (cache_fast_t){c->ram, cc->rd, cc->wr, c->lb};
    }
    if (cfg->mode == CACHE_CHECK) {
        c->check = check_create(c->ram, c->ram_size, c->lb, cfg->stop);
        if (!c->check) goto oom;
    }
    for (unsigned i = 0; i < m->ncpus; i++) {
        cache_cpu_attach(m->cpus[i]);
        /* Fast-path entries made before now assumed no cache. */
        tlb_flush_fast(&m->cpus[i]->tlb);
    }
    return 0;
oom:
    cache_destroy(m);
    snprintf(err, errlen, "out of memory for the cache model");
    return -1;
}

void cache_cpu_attach(cpu_t *cpu)
{
    cache_t *c = cpu->machine->cache;
    cpu->cache = c ? c->cpus[cpu->index] : NULL;
}

void cache_finish(machine_t *m)
{
    if (m->cache && m->cache->check) check_summary(m->cache->check);
}

int cache_self_check(const machine_t *m, char *err, size_t errlen)
{
    const cache_t *c = m->cache;
    if (!c) return 0;
    for (uint64_t line = 0; line < c->nlines; line++) {
        const way_t *w2 = lookup(&c->l2, line);
        unsigned copies = 0, dirty = 0;
        for (unsigned i = 0; i < c->ncpus; i++) {
            const cache_cpu_t *d = c->cpus[i];
            const way_t *w = lookup(&d->l1d, line);
            bool valid = w != NULL, is_dirty = w && w->state == L_DIRTY;
            if (btest(d->rd, line) != valid || btest(d->wr, line) != is_dirty) {
                snprintf(err, errlen, "line %llu: cpu%u's bitmaps disagree with its L1D",
                         (unsigned long long)line, i);
                return -1;
            }
            copies += valid;
            dirty += is_dirty;
        }
        if (copies && !w2) {
            snprintf(err, errlen, "line %llu: in an L1D, not in the L2", (unsigned long long)line);
            return -1;
        }
        if (dirty && copies > 1) {
            snprintf(err, errlen, "line %llu: dirty in one L1D and held by another",
                     (unsigned long long)line);
            return -1;
        }
        const uint8_t *expect = !w2 ? mview(c, line) : dirty ? NULL : way_data(c, &c->l2, w2);
        if (expect && memcmp(cview(c, line), expect, c->line)) {
            snprintf(err, errlen, "line %llu: the cacheable view differs from the %s",
                     (unsigned long long)line, w2 ? "L2" : "memory");
            return -1;
        }
    }
    return 0;
}
