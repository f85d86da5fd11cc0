#include "trace/stats.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "machine/machine.h"
#include "sysreg/sysreg.h"
#include "timer/timer.h"
#include "trace/log.h"
#include "trace/trace.h"

static const char *const irqc_names[IRQC_KINDS] = {"SGI", "PPI", "SPI", "LPI", "other"};
static const char *const irqc_keys[IRQC_KINDS] = {"sgi", "ppi", "spi", "lpi", "other"};
static const char *const inj_names[INJ_KINDS] = {"ICH_LR", "HCR_EL2.VI", "HCR_EL2.VF",
                                                 "HCR_EL2.VSE"};
static const char *const inj_keys[INJ_KINDS] = {"list_register", "hcr_vi", "hcr_vf", "hcr_vse"};

const char *stats_intid_class_name(unsigned intid)
{
    return irqc_names[stats_intid_class(intid)];
}

/* The instruction of TLBI slot k ("TLBI VAE1IS"), or NULL for an encoding that is none. */
static const char *tlbi_name(unsigned k)
{
    const sysreg_t *r = sysreg_lookup(sysreg_key(1, k & 64 ? 4 : 0, 8, (k >> 3) & 7, k & 7));
    return r && strncmp(r->name, "TLBI_", 5) == 0 ? r->name + 5 : NULL;
}

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
        {"NV register traps", s->nv_sysreg_traps},
        {"NV ERET traps", s->nv_eret_traps},
        {"VNCR loads", s->vncr_loads},
        {"VNCR stores", s->vncr_stores},
        {"NV2 EL2-to-EL1 redirects", s->nv2_redirects},
        {"ns waiting in WFI/WFE", s->wait_ns},
    };
    for (unsigned i = 0; i < sizeof nv / sizeof nv[0]; i++)
        if (nv[i].n) log_printf("%s: %s: %llu\n", who, nv[i].name, (unsigned long long)nv[i].n);
    for (unsigned el = 0; el < 3; el++) {
        if (s->tlb_hit[el])
            log_printf("%s: TLB hits at EL%u: %llu\n", who, el, (unsigned long long)s->tlb_hit[el]);
        if (s->tlb_miss[el])
            log_printf("%s: TLB misses at EL%u: %llu\n", who, el,
                       (unsigned long long)s->tlb_miss[el]);
    }
    for (unsigned k = 0; k < STATS_TLBI_KINDS; k++)
        if (s->tlbi[k])
            log_printf("%s: TLBI %s: %llu\n", who, tlbi_name(k), (unsigned long long)s->tlbi[k]);
    for (unsigned c = 0; c < IRQC_KINDS; c++) {
        if (s->irq_assert[c])
            log_printf("%s: %s interrupts asserted: %llu\n", who, irqc_names[c],
                       (unsigned long long)s->irq_assert[c]);
        if (s->irq_ack[0][c])
            log_printf("%s: %s interrupts acknowledged: %llu\n", who, irqc_names[c],
                       (unsigned long long)s->irq_ack[0][c]);
        if (s->irq_ack[1][c])
            log_printf("%s: virtual %s interrupts acknowledged: %llu\n", who, irqc_names[c],
                       (unsigned long long)s->irq_ack[1][c]);
    }
    for (unsigned k = 0; k < INJ_KINDS; k++)
        if (s->irq_inject[k])
            log_printf("%s: virtual interrupts injected by %s: %llu\n", who, inj_names[k],
                       (unsigned long long)s->irq_inject[k]);
    cache_stats_print(who, &s->cache);
}

/* cpu's counters, and the instructions at the current EL since the CPU entered it. */
static void current(const cpu_t *cpu, cpu_stats_t *s)
{
    *s = cpu->stats;
    s->insns[cpu->el] += cpu->icount + cpu_slice_retired(cpu) - cpu->el_since;
}

void stats_print(const machine_t *m)
{
    cpu_stats_t sum;
    memset(&sum, 0, sizeof sum);
    for (unsigned i = 0; i < m->ncpus; i++) {
        char who[16];
        cpu_stats_t s;
        current(m->cpus[i], &s);
        snprintf(who, sizeof who, "cpu%u", i);
        print_one(who, &s);
        add(&sum, &s);
    }
    if (m->ncpus > 1) print_one("all", &sum);
}

/* "name":{"el0":N,"el1":N,"el2":N} */
static void json_per_el(FILE *f, const char *name, const uint64_t n[3])
{
    fprintf(f, "\"%s\":{\"el0\":%llu,\"el1\":%llu,\"el2\":%llu}", name, (unsigned long long)n[0],
            (unsigned long long)n[1], (unsigned long long)n[2]);
}

static void json_one(FILE *f, const cpu_stats_t *s)
{
    char buf[16];
    fputs("{", f);
    json_per_el(f, "instructions", s->insns);
    fputs(",\n  \"exceptions\":[", f);
    const char *sep = "";
    for (unsigned el = 1; el < 3; el++)
        for (unsigned ec = 0; ec < 64; ec++)
            if (s->sync_exc[el][ec]) {
                fprintf(f, "%s\n    {\"to_el\":%u,\"ec\":%u,\"ec_name\":\"%s\",\"count\":%llu}",
                        sep, el, ec, trace_ec_name(ec, buf),
                        (unsigned long long)s->sync_exc[el][ec]);
                sep = ",";
            }
    fputs("],\n  ", f);
    json_per_el(f, "interrupts", s->async_exc);
    fputs(",\n  ", f);
    json_per_el(f, "erets", s->erets);
    fprintf(f,
            ",\n  \"nv\":{\"sysreg_traps\":%llu,\"eret_traps\":%llu,\"vncr_loads\":%llu,"
            "\"vncr_stores\":%llu,\"nv2_redirects\":%llu},\n  \"wait_ns\":%llu,\n  \"tlb\":{",
            (unsigned long long)s->nv_sysreg_traps, (unsigned long long)s->nv_eret_traps,
            (unsigned long long)s->vncr_loads, (unsigned long long)s->vncr_stores,
            (unsigned long long)s->nv2_redirects, (unsigned long long)s->wait_ns);
    json_per_el(f, "hit", s->tlb_hit);
    fputs(",", f);
    json_per_el(f, "miss", s->tlb_miss);
    fputs(",\n    \"tlbi\":[", f);
    sep = "";
    for (unsigned k = 0; k < STATS_TLBI_KINDS; k++)
        if (s->tlbi[k]) {
            fprintf(f, "%s\n      {\"op\":\"TLBI %s\",\"count\":%llu}", sep, tlbi_name(k),
                    (unsigned long long)s->tlbi[k]);
            sep = ",";
        }
    fputs("]},\n  \"irq\":{", f);
    const struct {
        const char *name;
        const uint64_t *n;
    } classes[] = {{"asserted", s->irq_assert},
                   {"acknowledged", s->irq_ack[0]},
                   {"virtual_acknowledged", s->irq_ack[1]}};
    for (unsigned r = 0; r < 3; r++) {
        fprintf(f, "\"%s\":{", classes[r].name);
        for (unsigned c = 0; c < IRQC_KINDS; c++)
            fprintf(f, "%s\"%s\":%llu", c ? "," : "", irqc_keys[c],
                    (unsigned long long)classes[r].n[c]);
        fputs("},\n    ", f);
    }
    fputs("\"injected\":{", f);
    for (unsigned k = 0; k < INJ_KINDS; k++)
        fprintf(f, "%s\"%s\":%llu", k ? "," : "", inj_keys[k],
                (unsigned long long)s->irq_inject[k]);
    fputs("}},\n  \"cache\":{", f);
    const cache_stats_t *c = &s->cache;
    const struct {
        const char *name;
        const uint64_t *n;
    } rows[] = {
        {"l1d_hit", c->l1d_hit},
        {"l1d_miss", c->l1d_miss},
        {"l1i_hit", c->l1i_hit},
        {"l1i_miss", c->l1i_miss},
        {"l2_hit", c->l2_hit},
        {"l2_miss", c->l2_miss},
        {"l1d_writeback", c->l1d_writeback},
        {"l2_writeback", c->l2_writeback},
        {"l1d_evict", c->l1d_evict},
        {"l1i_evict", c->l1i_evict},
        {"l2_evict", c->l2_evict},
        {"snoop", c->snoop},
        {"uncached", c->uncached},
    };
    for (unsigned r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        fputs(r ? ",\n    " : "\n    ", f);
        json_per_el(f, rows[r].name, rows[r].n);
    }
    fputs(",\n    \"maintenance\":[", f);
    sep = "";
    for (unsigned k = 0; k < CMO_KINDS; k++)
        for (unsigned el = 0; el < 3; el++)
            if (c->cmo[k][el]) {
                fprintf(f, "%s\n      {\"op\":\"%s\",\"el\":%u,\"count\":%llu,\"lines\":%llu}", sep,
                        trace_cmo_names[k], el, (unsigned long long)c->cmo[k][el],
                        (unsigned long long)c->cmo_lines[k][el]);
                sep = ",";
            }
    fputs("]}}", f);
}

int stats_write_json(const machine_t *m, const char *path, double host_seconds, char *err,
                     size_t errlen)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "-stats-file: cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    uint64_t n = machine_icount(m);
    fprintf(f,
            "{\"version\":1,\n\"instructions\":%llu,\n\"host_seconds\":%.6f,\n\"mips\":%.3f,\n"
            "\"cpus\":[",
            (unsigned long long)n, host_seconds, host_seconds > 0 ? n / host_seconds / 1e6 : 0.0);
    cpu_stats_t sum;
    memset(&sum, 0, sizeof sum);
    for (unsigned i = 0; i < m->ncpus; i++) {
        cpu_stats_t s;
        current(m->cpus[i], &s);
        fprintf(f, "%s\n {\"cpu\":%u,\"guest_time_ns\":%llu,\n  \"stats\":", i ? "," : "", i,
                (unsigned long long)counter_now(m->cpus[i]));
        json_one(f, &s);
        fputs("}", f);
        add(&sum, &s);
    }
    fputs("],\n\"total\":", f);
    json_one(f, &sum);
    fputs("}\n", f);
    if (fclose(f) != 0) {
        snprintf(err, errlen, "-stats-file: write error on '%s'", path);
        return -1;
    }
    return 0;
}
