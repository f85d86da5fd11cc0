/* Slow paths of data accesses: translation, alignment, RAM, MMIO, aborts. */
#include "mmu/mem.h"

#include "cache/cache.h"
#include "cache/cache_fast.h"
#include "cpu/codecache.h"
#include "cpu/debug.h"
#include "cpu/el2.h"
#include "cpu/exception.h"
#include "cpu/monitor.h"
#include "machine/machine.h"
#include "mmu/translate.h"
#include "trace/log.h"

/* The instruction making the access (for the syndrome of stage 2 data aborts). */
static uint32_t current_insn(const cpu_t *cpu)
{
    uint32_t insn = 0;
    if (cpu->fetch_host) memcpy(&insn, cpu->fetch_host + (cpu->pc & (PAGE_SIZE - 1)), 4);
    return insn;
}

static void data_abort(cpu_t *cpu, uint64_t va, bool write, unsigned flags, const translation_t *t)
{
    abort_info_t info = {.write = write || (flags & MEM_ATOMIC), .insn = current_insn(cpu)};
    mmu_abort(cpu, va, write ? ACCESS_WRITE : ACCESS_READ, t, &info);
}

/* WnR of an Alignment fault on an atomic read-modify-write is 0: a read of the address
 * raises the same fault (Arm ARM, ESR_ELx.ISS.WnR). */
static void alignment_fault(cpu_t *cpu, uint64_t va, bool write, unsigned flags)
{
    translation_t t = {.fsc = FSC_ALIGNMENT};
    data_abort(cpu, va, (flags & MEM_ATOMIC) ? false : write, flags & ~MEM_ATOMIC, &t);
}

/* SCTLR_ELx.A of the regime the current EL uses (SCTLR_EL2 for EL0 in the host). */
static bool alignment_check_enabled(const cpu_t *cpu)
{
    uint64_t sctlr = cpu->el == 2   ? cpu->sr[SR_SCTLR_EL2]
                     : cpu->el == 1 ? cpu->sr[SR_SCTLR_EL1]
                                    : sctlr_for_el0(cpu);
    return sctlr & 2;
}

/* Translates and checks one access; returns false having raised the abort. */
static bool check_access(cpu_t *cpu, uint64_t va, unsigned size, bool write, unsigned flags,
                         translation_t *t)
{
    bool unaligned = va & (size - 1);
    /* Exclusives, atomics and acquire/release must be aligned whatever the memory type, and
     * every access when SCTLR_ELx.A is set: checked before translation (Arm ARM B2.5.2,
     * AArch64.CheckAlignment). */
    if (unaligned && ((flags & MEM_ALIGNED) || alignment_check_enabled(cpu))) {
        alignment_fault(cpu, va, write, flags);
        return false;
    }
    if (!translate_access(cpu, va, write ? ACCESS_WRITE : ACCESS_READ, XLAT_NORMAL,
                          flags & MEM_UNPRIV, t)) {
        data_abort(cpu, va, write, flags, t);
        return false;
    }
    if (unaligned && t->device) { /* Device memory: unaligned accesses fault */
        alignment_fault(cpu, va, write, flags);
        return false;
    }
    if (unlikely(debug_armed(cpu)) && debug_watchpoint_hit(cpu, va, size, write)) return false;
    return true;
}

static void external_abort(cpu_t *cpu, uint64_t va, uint64_t pa, bool write, unsigned flags)
{
    LOG(LOG_GUEST, "cpu%u: pc=0x%llx %s of 0x%llx: nothing mapped, external abort\n", cpu->index,
        (unsigned long long)cpu->pc, write ? "write" : "read", (unsigned long long)pa);
    translation_t t = {.fsc = FSC_EXTERNAL};
    data_abort(cpu, va, write, flags, &t);
}

/* A fast-path entry for the VA page, in the set of the current EL: the translation just
 * made (and permitted) covers the whole 4 KiB page, whatever the granule. */
static void fast_fill(cpu_t *cpu, uint64_t va, uint64_t pa, bool write)
{
    machine_t *m = cpu->machine;
    uint64_t ram_off = pa - m->bus.ram_base;
    uint64_t va_page = va & PAGE_MASK;
    tlb_set_t *set = &cpu->tlb.el[cpu->el];
    tlb_entry_t *e = write ? &set->write[tlb_index(va)] : &set->read[tlb_index(va)];
    if (write && code_cache_is_code(m->code, ram_off >> PAGE_BITS)) return;
    /* Stores to a page holding a watched reservation must reach monitor_store. */
    if (write && unlikely(m->monitor_watchers) &&
        monitor_page_watched(m, m->bus.ram + (ram_off & PAGE_MASK)))
        return;
    if (debug_armed(cpu)) return; /* watchpoints see every access */
    e->tag = m->cache ? va_page | CACHE_TLB_MARK : va_page;
    e->addend = (uintptr_t)(m->bus.ram + (ram_off & PAGE_MASK)) - (uintptr_t)va_page;
}

static bool ram_or_mmio(cpu_t *cpu, uint64_t va, const translation_t *t, unsigned size, bool write,
                        uint64_t *val, unsigned flags)
{
    machine_t *m = cpu->machine;
    uint8_t *host = bus_ram_ptr(&m->bus, t->pa, size);
    if (host) {
        if (unlikely(m->cache)) {
            cache_ram_access(cpu, va, t, size, write, val); /* cache/cache.h */
        } else if (write) {
            memcpy(host, val, size); /* little-endian host and guest */
        } else {
            *val = 0;
            memcpy(val, host, size);
        }
        if (write) {
            if (unlikely(m->monitor_watchers)) monitor_store(m, host, size);
            uint64_t off = t->pa - m->bus.ram_base;
            if (code_cache_is_code(m->code, off >> PAGE_BITS))
                code_cache_invalidate(m->code, off, size);
        }
        if (!(flags & MEM_UNPRIV) && ((t->pa ^ (t->pa + size - 1)) & PAGE_MASK) == 0 &&
            (!m->cache || cache_fast_allowed(cpu, t, write)))
            fast_fill(cpu, va, t->pa, write);
        return true;
    }
    if (bus_mmio_access(&m->bus, cpu, t->pa, size, write, val)) return true;
    external_abort(cpu, va, t->pa, write, flags);
    return false;
}

/* The fast paths with the cache model (cache/cache_fast.h): marked entries, lines in the L1D. */
static const uint8_t *cached_fast(cpu_t *cpu, const tlb_entry_t *e, uint64_t va, unsigned size,
                                  unsigned flags, bool write)
{
    if ((flags & MEM_UNPRIV) || e->tag != ((va & (PAGE_MASK | (size - 1))) | CACHE_TLB_MARK))
        return NULL;
    const uint8_t *p = (const uint8_t *)(uintptr_t)(va + e->addend);
    return cache_fast_hit(cpu, p, write) ? p : NULL;
}

bool mem_load_slow(cpu_t *cpu, uint64_t va, unsigned size, uint64_t *out, unsigned flags)
{
    if (unlikely(cpu->cache)) {
        const uint8_t *p =
            cached_fast(cpu, &cpu->tlb.el[cpu->el].read[tlb_index(va)], va, size, flags, false);
        if (p) {
            *out = 0;
            memcpy(out, p, size); /* little-endian host and guest */
            return true;
        }
    }
    translation_t t;
    if (!check_access(cpu, va, size, false, flags, &t)) return false;
    if (((va ^ (va + size - 1)) & PAGE_MASK) && !t.device) {
        /* Unaligned Normal access crossing a page: byte by byte, each translated. */
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            uint64_t b;
            if (!mem_load_slow(cpu, va + i, 1, &b, flags)) return false;
            v |= b << (8 * i);
        }
        *out = v;
        return true;
    }
    return ram_or_mmio(cpu, va, &t, size, false, out, flags);
}

bool mem_store_slow(cpu_t *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags)
{
    if (unlikely(cpu->cache)) {
        uint8_t *p = (uint8_t *)cached_fast(cpu, &cpu->tlb.el[cpu->el].write[tlb_index(va)], va,
                                            size, flags, true);
        if (p) {
            memcpy(p, &val, size);
            return true;
        }
    }
    translation_t t;
    if (!check_access(cpu, va, size, true, flags, &t)) return false;
    if (((va ^ (va + size - 1)) & PAGE_MASK) && !t.device) {
        if (!mem_check_range(cpu, va, size, 1, true, flags)) return false;
        for (unsigned i = 0; i < size; i++)
            if (!mem_store_slow(cpu, va + i, 1, (val >> (8 * i)) & 0xFF, flags)) return false;
        return true;
    }
    return ram_or_mmio(cpu, va, &t, size, true, &val, flags);
}

bool mem_check_range(cpu_t *cpu, uint64_t va, unsigned size, unsigned align, bool write,
                     unsigned flags)
{
    translation_t t;
    if (!check_access(cpu, va, align, write, flags, &t)) return false;
    uint64_t last = va + size - 1;
    machine_t *m = cpu->machine;
    for (uint64_t page = va & PAGE_MASK;; page += PAGE_SIZE) {
        uint64_t a = page < va ? va : page;
        if (a != va && !check_access(cpu, a, 1, write, flags, &t)) return false;
        uint64_t end = (page | (PAGE_SIZE - 1)) < last ? (page | (PAGE_SIZE - 1)) : last;
        uint64_t pa_end = t.pa + (end - a);
        if (!bus_ram_ptr(&m->bus, t.pa, end - a + 1)) {
            const mmio_region_t *r = bus_find_mmio(&m->bus, t.pa);
            if (!r || pa_end - r->base >= r->size) {
                external_abort(cpu, a, t.pa, write, flags);
                return false;
            }
        }
        if (end == last) return true;
    }
}

uint8_t *mem_atomic_host(cpu_t *cpu, uint64_t va, unsigned size, unsigned flags, bool *ok)
{
    const tlb_set_t *set = &cpu->tlb.el[cpu->el];
    const tlb_entry_t *r = &set->read[tlb_index(va)], *w = &set->write[tlb_index(va)];
    const uint64_t tag = va & (PAGE_MASK | (size - 1));
    *ok = true;
    if (likely(r->tag == tag && w->tag == tag && r->addend == w->addend))
        return (uint8_t *)(uintptr_t)(va + w->addend);
    translation_t t;
    if (!check_access(cpu, va, size, false, flags, &t) ||
        !check_access(cpu, va, size, true, flags, &t)) {
        *ok = false;
        return NULL;
    }
    machine_t *m = cpu->machine;
    uint8_t *host = bus_ram_ptr(&m->bus, t.pa, size);
    if (!host) return NULL;
    if (!(flags & MEM_UNPRIV)) {
        fast_fill(cpu, va, t.pa, false);
        fast_fill(cpu, va, t.pa, true);
    }
    return host;
}

void mem_atomic_written(machine_t *m, const uint8_t *host, unsigned size)
{
    uint64_t off = (uint64_t)(host - m->bus.ram);
    if (unlikely(code_cache_is_code(m->code, off >> PAGE_BITS)))
        code_cache_invalidate(m->code, off, size);
}
