#include "cpu/monitor.h"

#include "cpu/impdef.h"
#include "machine/machine.h"

/* The reservation granule: CTR_EL0.ERG is one cache line (cpu/impdef.c). */
#define GRANULE ((uint64_t)IMPDEF_LINE_BYTES)

static uint64_t ram_offset(const machine_t *m, const uint8_t *host)
{
    return (uint64_t)(host - m->bus.ram);
}

static void unwatch(machine_t *m, cpu_t *cpu)
{
    m->monitor_watchers &= ~(1u << cpu->index);
    cpu->excl_watched = false;
}

void monitor_resume(cpu_t *cpu)
{
    unwatch(cpu->machine, cpu);
    /* Until this slice ends no other CPU runs, so none can add a write entry for the page. */
    cpu->excl_kept = true;
}

void monitor_watch(cpu_t *cpu)
{
    machine_t *m = cpu->machine;
    bool kept = cpu->excl_kept;
    cpu->excl_kept = false;
    /* With one host thread per CPU other CPUs run meanwhile: nothing is watched (WFE does not
     * sleep there, machine/threads.h). */
    if (!cpu->excl_valid || !cpu->excl_host || cpu->state == PE_OFF || m->ncpus == 1 || m->mt)
        return;
    cpu->excl_watched = true;
    cpu->excl_kept = true;
    m->monitor_watchers |= 1u << cpu->index;
    if (kept) return; /* the other CPUs' write entries for the page were dropped already */
    const uint8_t *page = m->bus.ram + (ram_offset(m, cpu->excl_host) & PAGE_MASK);
    for (unsigned i = 0; i < m->ncpus; i++)
        if (i != cpu->index) tlb_flush_write_host_page(&m->cpus[i]->tlb, page);
}

void monitor_store(machine_t *m, const uint8_t *host, unsigned size)
{
    uint64_t off = ram_offset(m, host);
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_t *c = m->cpus[i];
        if (!c->excl_watched) continue;
        uint64_t g = ram_offset(m, c->excl_host) & ~(GRANULE - 1);
        if (off + size <= g || off >= g + GRANULE) continue;
        /* The store clears c's global monitor, which generates an event (Arm ARM D1.6.1):
         * its STXR will fail, its Event Register is set and a WFE it sleeps in completes. */
        unwatch(m, c);
        c->excl_kept = false;
        c->excl_valid = false;
        c->event_register = true;
        if (c->state == PE_WFE) guest_time_wake(c);
    }
}

bool monitor_page_watched(const machine_t *m, const uint8_t *host)
{
    uint64_t page = ram_offset(m, host) >> PAGE_BITS;
    for (unsigned i = 0; i < m->ncpus; i++) {
        const cpu_t *c = m->cpus[i];
        if (c->excl_watched && ram_offset(m, c->excl_host) >> PAGE_BITS == page) return true;
    }
    return false;
}
