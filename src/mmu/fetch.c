#include "mmu/fetch.h"

#include <stdio.h>

#include "cache/cache.h"
#include "cpu/exception.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "mmu/translate.h"
#include "trace/log.h"

static void instruction_abort(cpu_t *cpu, uint64_t va, const translation_t *t)
{
    mmu_abort(cpu, va, ACCESS_FETCH, t, NULL);
}

static decoded_page_t *fetch_page_slow(cpu_t *cpu, uint64_t pc, fetch_entry_t *e)
{
    if (unlikely(pc & 3)) {
        /* PC alignment fault (Arm ARM D1.3.3.1): FAR holds the misaligned PC. */
        unsigned target = exc_sync_target_el(cpu);
        exc_take_sync(cpu, target, esr_make(EC_PC_ALIGN, true, 0), pc, true, pc);
        return NULL;
    }
    translation_t t;
    if (!translate(cpu, pc, ACCESS_FETCH, &t)) {
        instruction_abort(cpu, pc, &t);
        return NULL;
    }
    machine_t *m = cpu->machine;
    uint8_t *host = bus_ram_ptr(&m->bus, t.pa & PAGE_MASK, PAGE_SIZE);
    if (!host) {
        LOG(LOG_GUEST, "cpu%u: instruction fetch from 0x%llx outside RAM: external abort\n",
            cpu->index, (unsigned long long)t.pa);
        translation_t ea = {.fsc = FSC_EXTERNAL};
        instruction_abort(cpu, pc, &ea);
        return NULL;
    }
    const uint64_t applied = m->mt ? mt_applied(cpu) : 0;
    decoded_page_t *page = code_cache_page(m, (t.pa - m->bus.ram_base) >> PAGE_BITS);
    if (!page) {
        fprintf(stderr, "avsim: out of host memory for decoded code\n");
        machine_request_stop(m, CPU_STOP_ERROR, 1);
        cpu->next_pc = pc;
        return NULL;
    }
    if (unlikely(m->mt) && mt_applied(cpu) != applied) {
        /* Evicting a page let this CPU apply other CPUs' TLBIs (machine/threads.h): the
         * translation may be gone, so the loop fetches again instead of caching it. */
        cpu->next_pc = pc;
        return NULL;
    }
    e->tag = pc & PAGE_MASK;
    e->page = page;
    e->host = host;
    cpu->fetch_host = host;
    if (unlikely(cpu->cache)) {
        cache_fetch_fill(cpu, e, t.attr);
        return cache_fetch_line(cpu, pc, e, page);
    }
    return page;
}

decoded_page_t *fetch_page(cpu_t *cpu, uint64_t pc)
{
    /* The fetch cache: a hit needs the page (and no misalignment) and an up-to-date page. */
    fetch_entry_t *e = &cpu->tlb.fetch[cpu->el][(pc >> PAGE_BITS) & (FETCH_ENTRIES - 1)];
    if (likely(e->tag == (pc & (PAGE_MASK | 3)))) {
        decoded_page_t *page = e->page;
        if (likely(page->gen == cpu->machine->code->gen)) {
            cpu->fetch_host = e->host;
            /* With the cache model: the line's entry, from this CPU's instruction cache. */
            if (unlikely(cpu->cache)) return cache_fetch_line(cpu, pc, e, page);
            return page;
        }
    }
    return fetch_page_slow(cpu, pc, e);
}
