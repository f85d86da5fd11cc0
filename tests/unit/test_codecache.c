/*
 * The decoded-code cache's bound: at most max_pages decoded pages, the victim chosen by the CLOCK
 * rule (pages in allocation order, a referenced page passed over once), every CPU's fetch-cache
 * entry for a victim dropped, and a page that becomes code again loses its fast-path write entries.
 */
#include "cpu/codecache.h"
#include "machine/machine.h"
#include "unit.h"

#define RAM_SIZE (16ull << 20)
#define MAX      4

static machine_t *m;

/* Puts RAM page n's decoded page in CPU c's EL1 fetch cache, as fetch_page would. */
static fetch_entry_t *fetch_fill(unsigned c, uint64_t n)
{
    uint64_t va = 0x10000000 + (n << PAGE_BITS);
    fetch_entry_t *e = &m->cpus[c]->tlb.fetch[1][(va >> PAGE_BITS) & (FETCH_ENTRIES - 1)];
    e->tag = va;
    e->page = m->code->pages[n];
    e->host = m->bus.ram + (n << PAGE_BITS);
    return e;
}

/* A fast-path write entry of CPU c (EL1) that maps RAM page n. */
static tlb_entry_t *write_fill(unsigned c, uint64_t n)
{
    uint64_t va = 0x20000000 + (n << PAGE_BITS);
    tlb_entry_t *e = &m->cpus[c]->tlb.el[1].write[tlb_index(va)];
    e->tag = va;
    e->addend = (uintptr_t)(m->bus.ram + (n << PAGE_BITS)) - (uintptr_t)va;
    return e;
}

static unsigned live_pages(void)
{
    unsigned n = 0;
    for (uint64_t i = 0; i < m->code->npages; i++)
        n += code_cache_is_code(m->code, i);
    return n;
}

int main(void)
{
    char err[256];
    m = machine_create(RAM_SIZE, 2, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    code_cache_free(m->code);
    m->code = code_cache_new(RAM_SIZE, MAX * sizeof(decoded_page_t));
    CHECK(m->code != NULL);
    if (!m->code) return unit_report();
    CHECK_EQ(m->code->max_pages, MAX);

    /* The default bound is what CODE_CACHE_DEFAULT_BYTES says; a bound below one page is one. */
    code_cache_t *cc = code_cache_new(1ull << 30, CODE_CACHE_DEFAULT_BYTES);
    CHECK_EQ(cc->max_pages, CODE_CACHE_DEFAULT_BYTES / sizeof(decoded_page_t));
    code_cache_free(cc);
    cc = code_cache_new(RAM_SIZE, 1);
    CHECK_EQ(cc->max_pages, 1);
    /* -accel tcg,tb-size=N: another bound before anything is decoded; never above RAM's pages. */
    CHECK(code_cache_set_max_bytes(cc, 1ull << 20));
    CHECK_EQ(cc->max_pages, (1ull << 20) / sizeof(decoded_page_t));
    CHECK(code_cache_set_max_bytes(cc, 1ull << 40));
    CHECK_EQ(cc->max_pages, RAM_SIZE >> PAGE_BITS);
    code_cache_free(cc);

    /* Filling up: pages 0-3, nothing evicted. */
    for (uint64_t n = 0; n < MAX; n++)
        CHECK(code_cache_page(m, n) != NULL);
    CHECK_EQ(live_pages(), MAX);

    /* Page 0 sits in CPU 1's fetch cache; page 1 is referenced (found by a fetch-cache miss). */
    fetch_entry_t *f0 = fetch_fill(1, 0);
    fetch_entry_t *f2 = fetch_fill(0, 2);
    decoded_page_t *p1 = m->code->pages[1];
    CHECK(code_cache_page(m, 1) == p1);

    /* Page 4 evicts page 0 (the oldest, unreferenced) and CPU 1's entry for it goes. */
    CHECK(code_cache_page(m, 4) != NULL);
    CHECK(!code_cache_is_code(m->code, 0));
    CHECK_EQ(f0->tag, TLB_INVALID);
    CHECK_EQ(live_pages(), MAX);

    /* Page 5: page 1 was referenced, so it gets a second chance and page 2 goes instead. */
    CHECK(code_cache_page(m, 5) != NULL);
    CHECK(code_cache_is_code(m->code, 1));
    CHECK(!code_cache_is_code(m->code, 2));
    CHECK_EQ(f2->tag, TLB_INVALID);

    /* Pages 6 and 7 evict 3 and 4 (allocation order), then page 8 finds page 1 unreferenced. */
    CHECK(code_cache_page(m, 6) != NULL);
    CHECK(!code_cache_is_code(m->code, 3));
    CHECK(code_cache_page(m, 7) != NULL);
    CHECK(!code_cache_is_code(m->code, 4));
    CHECK(code_cache_page(m, 8) != NULL);
    CHECK(!code_cache_is_code(m->code, 1));
    CHECK_EQ(live_pages(), MAX);

    /* Page 0, evicted, took a write entry in each CPU; executed again, it loses them. */
    tlb_entry_t *w0 = write_fill(0, 0), *w1 = write_fill(1, 0), *w9 = write_fill(1, 9);
    decoded_page_t *p0 = code_cache_page(m, 0);
    CHECK(p0 != NULL);
    CHECK_EQ(p0->n, 0);
    CHECK_EQ(w0->tag, TLB_INVALID);
    CHECK_EQ(w1->tag, TLB_INVALID);
    CHECK(w9->tag != TLB_INVALID);
    /* ... and its slots are all undecoded. */
    unsigned undecoded = 0;
    for (unsigned i = 0; i < SLOTS_PER_PAGE; i++)
        undecoded += p0->d[i].fn == exec_decode_slot;
    CHECK_EQ(undecoded, SLOTS_PER_PAGE);
    CHECK_EQ(live_pages(), MAX);

    machine_destroy(m);
    return unit_report();
}
