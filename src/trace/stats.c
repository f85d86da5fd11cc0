#include "trace/stats.h"

#include <stdio.h>
#include <string.h>

#include "machine/machine.h"
#include "trace/log.h"

static void add(cpu_stats_t *sum, const cpu_stats_t *s)
{
    uint64_t *a = (uint64_t *)sum;
    const uint64_t *b = (const uint64_t *)s;
    for (size_t i = 0; i < sizeof *s / sizeof(uint64_t); i++)
        a[i] += b[i];
}

static void print_one(const char *who, const cpu_stats_t *s)
{
    for (unsigned el = 0; el < 3; el++)
        if (s->insns[el])
            log_printf("%s: instructions at EL%u: %llu\n", who, el,
                       (unsigned long long)s->insns[el]);
    for (unsigned el = 1; el < 3; el++)
        for (unsigned ec = 0; ec < 64; ec++)
            if (s->sync_exc[el][ec])
                log_printf("%s: exceptions to EL%u EC 0x%02x: %llu\n", who, el, ec,
                           (unsigned long long)s->sync_exc[el][ec]);
    for (unsigned el = 1; el < 3; el++)
        if (s->async_exc[el])
            log_printf("%s: interrupts to EL%u: %llu\n", who, el,
                       (unsigned long long)s->async_exc[el]);
    for (unsigned el = 1; el < 3; el++)
        if (s->erets[el])
            log_printf("%s: ERET at EL%u: %llu\n", who, el, (unsigned long long)s->erets[el]);
    const struct {
        const char *name;
        uint64_t n;
    } nv[] = {
        {"NV register traps", s->nv_sysreg_traps}, {"NV ERET traps", s->nv_eret_traps},
        {"VNCR loads", s->vncr_loads},             {"VNCR stores", s->vncr_stores},
        {"NV2 EL2-to-EL1 redirects", s->nv2_redirects},
    };
    for (unsigned i = 0; i < sizeof nv / sizeof nv[0]; i++)
        if (nv[i].n) log_printf("%s: %s: %llu\n", who, nv[i].name, (unsigned long long)nv[i].n);
    cache_stats_print(who, &s->cache);
}

void stats_print(const machine_t *m)
{
    cpu_stats_t sum;
    memset(&sum, 0, sizeof sum);
    for (unsigned i = 0; i < m->ncpus; i++) {
        char who[16];
        const cpu_t *cpu = m->cpus[i];
        cpu_stats_t s = cpu->stats;
        /* ... and the instructions at the current EL since the CPU entered it. */
        s.insns[cpu->el] += cpu->icount + cpu_slice_retired(cpu) - cpu->el_since;
        snprintf(who, sizeof who, "cpu%u", i);
        print_one(who, &s);
        add(&sum, &s);
    }
    if (m->ncpus > 1) print_one("all", &sum);
}
