/*
 * Guest memory as the debugger sees it: virtual addresses of the selected CPU, translated by a
 * walk of its current regime's tables (no permission check, no TLB fill, no exception), as
 * QEMU's debug accesses do. RAM is read as a cacheable access sees it (with -cache mode=on:
 * the newest cached copy, cache/cache.h) and written as by an agent outside the CPUs (with the
 * cache model: memory and every cached copy); device registers are accessed as by the CPU, side
 * effects included.
 */
#include <string.h>

#include "cache/cache.h"
#include "cpu/codecache.h"
#include "cpu/monitor.h"
#include "gdb/gdb_internal.h"
#include "mmu/translate.h"

/* The largest naturally aligned access at pa of at most len (and 8) bytes. */
static unsigned piece(uint64_t pa, size_t len)
{
    unsigned size = 8;
    while (size > len || (pa & (size - 1)))
        size >>= 1;
    return size;
}

/* Up to 8 bytes of a device at pa, in naturally aligned pieces. */
static bool mmio(cpu_t *cpu, uint64_t pa, uint8_t *buf, unsigned len, bool write)
{
    machine_t *m = cpu->machine;
    while (len) {
        unsigned size = piece(pa, len);
        uint64_t v = 0;
        if (write) memcpy(&v, buf, size);
        if (!bus_mmio_access(&m->bus, cpu, pa, size, write, &v)) return false;
        if (!write) memcpy(buf, &v, size);
        pa += size;
        buf += size;
        len -= size;
    }
    return true;
}

size_t gdb_access_memory(cpu_t *cpu, uint64_t va, uint8_t *buf, size_t len, bool write)
{
    machine_t *m = cpu->machine;
    size_t done = 0;
    while (done < len) {
        /* One piece per page, at most 8 bytes at a time for devices. */
        size_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));
        if (n > len - done) n = len - done;
        mmu_debug_t d;
        mmu_debug_translate(cpu, va, &d);
        if (!d.ok) return done;
        uint8_t *host = bus_ram_ptr(&m->bus, d.pa, n);
        if (host) {
            if (write) {
                if (m->cache)
                    cache_debug_write(m, d.pa, buf, n); /* memory and every cached copy */
                else
                    memcpy(host, buf, n);
                uint64_t off = d.pa - m->bus.ram_base;
                /* As a store would: decoded instructions and reservations see the change. */
                if (code_cache_is_code(m->code, off >> PAGE_BITS))
                    code_cache_invalidate(m->code, off, n);
                if (m->monitor_watchers) monitor_store(m, host, (unsigned)n);
            } else {
                memcpy(buf, host, n);
            }
        } else {
            if (n > 8) n = 8;
            if (!mmio(cpu, d.pa, buf, (unsigned)n, write)) return done;
        }
        va += n;
        buf += n;
        done += n;
    }
    return done;
}
