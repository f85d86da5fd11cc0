#include "cpu/codecache.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "cpu/decode.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "trace/disas.h"
#include "trace/log.h"

/* Decoded pages that max_bytes holds: at least one, at most one per RAM page (no more could ever
 * be live at once). */
static uint64_t max_pages_for(const code_cache_t *cc, uint64_t max_bytes)
{
    uint64_t n = max_bytes / sizeof(decoded_page_t);
    return n == 0 ? 1 : n > cc->npages ? cc->npages : n;
}

code_cache_t *code_cache_new(uint64_t ram_size, uint64_t max_bytes)
{
    code_cache_t *cc = calloc(1, sizeof *cc);
    if (!cc) return NULL;
    cc->npages = ram_size >> PAGE_BITS;
    cc->max_pages = max_pages_for(cc, max_bytes);
    cc->pages = calloc(cc->npages, sizeof *cc->pages);
    cc->clock = calloc(cc->max_pages, sizeof *cc->clock);
    if (!cc->pages || !cc->clock) {
        code_cache_free(cc);
        return NULL;
    }
    return cc;
}

bool code_cache_set_max_bytes(code_cache_t *cc, uint64_t max_bytes)
{
    uint64_t n = max_pages_for(cc, max_bytes);
    decoded_page_t **clock = cc->live ? NULL : calloc(n, sizeof *clock);
    if (!clock) return false;
    free(cc->clock);
    cc->clock = clock;
    cc->max_pages = n;
    return true;
}

void code_cache_free(code_cache_t *cc)
{
    if (!cc) return;
    for (uint64_t i = 0; i < cc->live; i++)
        free(cc->clock[i]);
    free(cc->clock);
    free(cc->pages);
    free(cc);
}

static void exec_page_end(cpu_t *cpu, const decoded_t *d);

static void reset_slot(decoded_t *d)
{
    __atomic_store_n(&d->fn, exec_decode_slot, __ATOMIC_RELAXED); /* another thread may run it */
}

static void reset_slots(decoded_page_t *p, unsigned first, unsigned n)
{
    for (unsigned i = first; i < first + n; i++)
        reset_slot(&p->d[i]);
}

/*
 * Frees the page under the CLOCK hand that has not been referenced since the hand last passed
 * (clearing the referenced pages it passes), and returns its clock position. The CPUs' fetch
 * caches are the only other holders of decoded pages (see code_cache_page).
 */
static uint64_t evict_one(machine_t *m)
{
    code_cache_t *cc = m->code;
    for (;;) {
        uint64_t i = cc->hand;
        cc->hand = i + 1 == cc->max_pages ? 0 : i + 1;
        decoded_page_t *p = cc->clock[i];
        if (p->referenced) {
            p->referenced = false;
            continue;
        }
        for (unsigned c = 0; c < m->ncpus; c++)
            tlb_flush_fetch_page(&m->cpus[c]->tlb, p);
        cc->pages[p->n] = NULL;
        free(p);
        return i;
    }
}

/* Resets the page's slots if an IC IALLU came since it was last fetched. */
static void check_gen(const code_cache_t *cc, decoded_page_t *p)
{
    uint64_t gen = __atomic_load_n(&cc->gen, __ATOMIC_RELAXED);
    if (unlikely(p->gen != gen)) {
        reset_slots(p, 0, SLOTS_PER_PAGE);
        p->gen = gen;
    }
}

/* A new decoded page for RAM page n (evicting one when the cache is full). */
static decoded_page_t *new_page(machine_t *m, uint64_t n)
{
    code_cache_t *cc = m->code;
    decoded_page_t *p = malloc(sizeof *p);
    if (!p) return NULL;
    uint64_t slot = cc->live < cc->max_pages ? cc->live : evict_one(m);
    reset_slots(p, 0, SLOTS_PER_PAGE);
    p->d[SLOTS_PER_PAGE].fn = exec_page_end;
    p->gen = cc->gen;
    p->n = n;
    p->referenced = false;
    __atomic_store_n(&cc->pages[n], p, __ATOMIC_RELEASE); /* other threads see it whole */
    cc->clock[slot] = p;
    if (slot == cc->live) cc->live++;
    /* Stores to this page must now take the slow path, which invalidates slots. */
    const uint8_t *host = m->bus.ram + (n << PAGE_BITS);
    if (m->mt) {
        mt_write_flush(m, host); /* the other threads drop theirs before they run on */
    } else {
        for (unsigned i = 0; i < m->ncpus; i++)
            tlb_flush_write_host_page(&m->cpus[i]->tlb, host);
    }
    return p;
}

/*
 * With one host thread per CPU (machine/threads.h), pages are created under the code lock, and
 * evicted only with every other CPU stopped outside its run loop: none is executing the page.
 */
static decoded_page_t *new_page_threaded(machine_t *m, uint64_t n)
{
    code_cache_t *cc = m->code;
    mt_code_lock(m);
    decoded_page_t *p = cc->pages[n]; /* another thread may have created it meanwhile */
    if (p)
        check_gen(cc, p);
    else if (cc->live < cc->max_pages)
        p = new_page(m, n);
    mt_code_unlock(m);
    if (p || cc->live < cc->max_pages) return p;
    mt_exclusive_begin(m);
    mt_code_lock(m);
    p = cc->pages[n];
    if (p)
        check_gen(cc, p);
    else
        p = new_page(m, n);
    mt_code_unlock(m);
    mt_exclusive_end(m);
    return p;
}

decoded_page_t *code_cache_page(machine_t *m, uint64_t n)
{
    code_cache_t *cc = m->code;
    decoded_page_t *p = __atomic_load_n(&cc->pages[n], __ATOMIC_ACQUIRE);
    if (likely(p)) {
        p->referenced = true;
        check_gen(cc, p);
        return p;
    }
    return m->mt ? new_page_threaded(m, n) : new_page(m, n);
}

void code_cache_invalidate(code_cache_t *cc, uint64_t off, uint64_t size)
{
    uint64_t end = off + size;
    for (uint64_t a = off & ~3ull; a < end; a += 4) {
        decoded_page_t *p = cc->pages[a >> PAGE_BITS];
        if (p) reset_slot(&p->d[(a >> 2) & (SLOTS_PER_PAGE - 1)]);
    }
}

void code_cache_invalidate_all(code_cache_t *cc)
{
    __atomic_add_fetch(&cc->gen, 1, __ATOMIC_RELAXED);
}

/* The slot after a page's last: a chain reached the next page, which the run loop must fetch.
 * Undoes exec_chain's step, which the loop repeats on return. */
static void exec_page_end(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    cpu->budget++;
    cpu->next_pc = cpu->pc;
}

/* Decodes insn into the slot; another CPU's thread may run the slot meanwhile (machine/threads.h),
 * so its operands are written before the function that reads them. Returns the function. */
static exec_fn decode_into(cpu_t *cpu, decoded_t *slot, uint32_t insn)
{
    if (unlikely(cpu->cache)) cache_decoded(cpu, insn); /* cache/cache.h */
    if (unlikely(log_mask & LOG_IN_ASM)) disas_log_in_asm(cpu, insn);
    decoded_t decoded;
    if (!decode_insn(&decoded, insn))
        LOG(LOG_UNIMP, "cpu%u: 0x%llx: unallocated or unimplemented encoding 0x%08x\n", cpu->index,
            (unsigned long long)cpu->pc, insn);
    const size_t ops = offsetof(decoded_t, insn);
    memcpy((char *)slot + ops, (const char *)&decoded + ops, sizeof decoded - ops);
    __atomic_store_n(&slot->fn, decoded.fn, __ATOMIC_RELEASE);
    return decoded.fn;
}

/*
 * With one host thread per CPU: one decoder at a time (the code lock), so two never mix their
 * operands, and a slot another thread decoded meanwhile runs as it is. After publishing, the word
 * is read again: a store to it (and its reset of the slot) that raced with the decode would
 * otherwise leave the old instruction decoded, so the slot is decoded again.
 */
static exec_fn decode_threaded(cpu_t *cpu, decoded_t *slot, const uint32_t *word)
{
    machine_t *m = cpu->machine;
    mt_code_lock(m);
    exec_fn fn = __atomic_load_n(&slot->fn, __ATOMIC_ACQUIRE);
    for (uint32_t insn = __atomic_load_n(word, __ATOMIC_RELAXED); fn == exec_decode_slot;) {
        fn = decode_into(cpu, slot, insn);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        uint32_t now = __atomic_load_n(word, __ATOMIC_RELAXED);
        if (now != insn) {
            reset_slot(slot);
            fn = exec_decode_slot;
            insn = now;
        }
    }
    mt_code_unlock(m);
    return fn;
}

void exec_decode_slot(cpu_t *cpu, const decoded_t *d)
{
    decoded_t *slot = (decoded_t *)d;
    const uint8_t *word = cpu->fetch_host + (cpu->pc & (PAGE_SIZE - 1));
    if (unlikely(cpu->machine->mt != NULL)) {
        decode_threaded(cpu, slot, (const uint32_t *)(const void *)word)(cpu, slot);
        return;
    }
    uint32_t insn;
    memcpy(&insn, word, 4);
    decode_into(cpu, slot, insn)(cpu, slot);
}
