/* The coherence checker of -cache mode=check: see cache/cache_check.h, docs/caches.md. */
#include "cache/cache_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "machine/machine.h"
#include "trace/log.h"
#include "trace/trace.h"

#define GRANULE_BITS 3
#define LOADER       0xFF /* writer "CPU" of the bytes the loaders (or a debugger) put in RAM */

/* The latest write to an 8-byte granule. */
typedef struct {
    uint64_t pc;
    uint32_t maint; /* the maintenance count when it was written */
    uint8_t cpu, el, attr;
    uint8_t sh : 2;
    bool reported : 1; /* a report named this write already: it is not reported again */
} writer_t;

enum { R_STALE_READ, R_STALE_EXEC, R_LOST_WRITE, R_KINDS };

struct cache_check {
    uint8_t *shadow; /* the value most recently written to each byte */
    writer_t *writer;
    uint64_t size;
    uint64_t reports[R_KINDS];
    bool stop;
    /* Maintenance that can bring a line's new instructions to the fetch side, as a count: the
     * count of the last such operation on each line, and on each CPU's whole I-cache. */
    uint32_t maint;
    uint32_t *line_maint;
    uint32_t cpu_maint[AVSIM_MAX_CPUS];
    unsigned line_bits;
};

cache_check_t *check_create(const uint8_t *ram, uint64_t size, unsigned line_bits, bool stop)
{
    cache_check_t *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    k->size = size;
    k->stop = stop;
    k->shadow = malloc(size);
    /* calloc: pages of granules never written stay unallocated until touched. */
    k->writer = calloc(size >> GRANULE_BITS, sizeof *k->writer);
    k->line_bits = line_bits;
    k->line_maint = calloc(size >> line_bits, sizeof *k->line_maint);
    if (!k->shadow || !k->writer || !k->line_maint) {
        check_destroy(k);
        return NULL;
    }
    memcpy(k->shadow, ram, size);
    return k;
}

void check_destroy(cache_check_t *k)
{
    if (!k) return;
    free(k->shadow);
    free(k->writer);
    free(k->line_maint);
    free(k);
}

/* Granules carry cpu + 1 so that calloc's zeros mean "the loader" (or a debugger). */
static unsigned writer_cpu(const writer_t *w)
{
    return w->cpu ? w->cpu - 1u : LOADER;
}

void check_write(cache_check_t *k, const cpu_t *cpu, uint64_t off, const uint8_t *val, unsigned n,
                 uint8_t attr, uint8_t sh)
{
    memcpy(k->shadow + off, val, n);
    writer_t w = {cpu->pc, k->maint, (uint8_t)(cpu->index + 1), (uint8_t)cpu->el, attr,
                  sh & 3,  false};
    for (uint64_t g = off >> GRANULE_BITS; g <= (off + n - 1) >> GRANULE_BITS; g++)
        k->writer[g] = w;
}

void check_write_external(cache_check_t *k, uint64_t off, const uint8_t *val, unsigned n)
{
    memcpy(k->shadow + off, val, n);
    for (uint64_t g = off >> GRANULE_BITS; g <= (off + n - 1) >> GRANULE_BITS; g++)
        k->writer[g] = (writer_t){.maint = k->maint};
}

void check_maintained(cache_check_t *k, uint64_t off)
{
    k->line_maint[off >> k->line_bits] = ++k->maint;
}

void check_maintained_all(cache_check_t *k, unsigned cpu)
{
    k->cpu_maint[cpu] = ++k->maint;
}

/* ---- Reports ---- */

static bool cacheable(uint8_t attr)
{
    return !attr_is_device(attr) && attr_inner(attr) != CACHE_NC;
}

#define NO_SH 0xFF /* shareability not shown (instruction fetches) */

/* "Normal-WB/ISH", "Device-nGnRnE", "Normal-NC/OSH", "Normal-iWB-oNC/OSH" */
static const char *attr_name(uint8_t attr, uint8_t sh, char *buf, size_t n)
{
    static const char *const dev[] = {"nGnRnE", "nGnRE", "nGRE", "GRE"};
    static const char *const cache[] = {"NC", "WT", "WB"};
    static const char *const shname[] = {"/NSH", "/?", "/OSH", "/ISH"};
    const char *shs = sh == NO_SH ? "" : shname[sh & 3];
    if (attr_is_device(attr))
        snprintf(buf, n, "Device-%s", dev[attr_device_type(attr)]);
    else if (attr_inner(attr) == attr_outer(attr))
        snprintf(buf, n, "Normal-%s%s", cache[attr_inner(attr)], shs);
    else
        snprintf(buf, n, "Normal-i%s-o%s%s", cache[attr_inner(attr)], cache[attr_outer(attr)], shs);
    return buf;
}

/* " written by cpu0 EL1 pc=0x... Normal-WB/ISH" */
static void writer_text(const writer_t *w, char *buf, size_t n)
{
    char a[32];
    if (writer_cpu(w) == LOADER)
        snprintf(buf, n, "written by the loader or a debugger");
    else
        snprintf(buf, n, "written by cpu%u EL%u pc=0x%llx %s", writer_cpu(w), w->el,
                 (unsigned long long)w->pc, attr_name(w->attr, w->sh, a, sizeof a));
}

static void report(cache_check_t *k, cpu_t *cpu, unsigned kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(cache_check_t *k, cpu_t *cpu, unsigned kind, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    k->reports[kind]++;
    LOG(LOG_CACHE, "%s\n", line);
    TRACE(trace_cache_report(cpu, line));
    if (k->stop && !cpu->machine->stop) {
        fprintf(stderr, "avsim: %s\navsim: cache check: stopping at the first report (stop=on)\n",
                line);
        machine_request_stop(cpu->machine, CPU_STOP_ERROR, CACHE_CHECK_EXIT_STATUS);
    }
}

/* Marks the writers of the bytes [off, off + n) that mismatch as reported; returns the first
 * such writer not yet reported (NULL: nothing new to report). */
static writer_t *missed_writer(cache_check_t *k, uint64_t off, const uint8_t *got, unsigned n)
{
    writer_t *first = NULL;
    for (unsigned i = 0; i < n; i++) {
        if (got[i] == k->shadow[off + i]) continue;
        writer_t *w = &k->writer[(off + i) >> GRANULE_BITS];
        if (!w->reported && !first) first = w;
        w->reported = true;
    }
    return first;
}

static uint64_t le_value(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    memcpy(&v, p, n);
    return v;
}

void check_read(cache_check_t *k, cpu_t *cpu, uint64_t va, uint64_t off, const uint8_t *got,
                unsigned n, uint8_t attr, uint8_t sh)
{
    if (!memcmp(got, k->shadow + off, n)) return;
    writer_t *w = missed_writer(k, off, got, n);
    if (!w) return;
    const char *fix;
    if (!cacheable(attr))
        fix = cacheable(w->attr)
                  ? "DC CVAC or DC CIVAC (clean to the PoC) after that write, before this read"
                  : "clean and invalidate the line's cacheable alias before writing through "
                    "another (a dirty line's write-back overwrote the write)";
    else
        fix = cacheable(w->attr) ? "DC CIVAC (clean and invalidate to the PoC) between the write "
                                   "and this read"
                                 : "DC IVAC or DC CIVAC (invalidate the stale cached line) after "
                                   "that write, before this read";
    char a[32], wt[96];
    writer_text(w, wt, sizeof wt);
    report(k, cpu, R_STALE_READ,
           "cache: stale read: cpu%u EL%u pc=0x%llx va=0x%llx pa=0x%llx size=%u %s: read 0x%llx, "
           "latest 0x%llx %s; missing: %s",
           cpu->index, cpu->el, (unsigned long long)cpu->pc, (unsigned long long)va,
           (unsigned long long)(off + cpu->machine->bus.ram_base), n,
           attr_name(attr, sh, a, sizeof a), (unsigned long long)le_value(got, n),
           (unsigned long long)le_value(k->shadow + off, n), wt, fix);
}

void check_exec(cache_check_t *k, cpu_t *cpu, uint64_t pc, uint64_t off, uint32_t insn, int attr,
                const uint8_t *refill)
{
    uint8_t got[4];
    memcpy(got, &insn, 4);
    if (!memcmp(got, k->shadow + off, 4)) return;
    writer_t *w = missed_writer(k, off, got, 4);
    if (!w) return;
    const char *fix;
    if (!memcmp(refill, k->shadow + off, 4))
        fix = "IC IVAU (or IC IALLU) after the write, then ISB: the instruction cache kept the "
              "old line";
    else if (cacheable(w->attr))
        fix = attr < 0 || cacheable((uint8_t)attr)
                  ? "DC CVAU (clean to the PoU) after the write, then IC IVAU, ISB"
                  : "DC CVAC (clean to the PoC: this fetch is Non-cacheable) after "
                    "the write, then IC IVAU, ISB";
    else
        fix = "DC IVAC or DC CIVAC (the L2 holds an older copy) after the write, then IC IVAU, "
              "ISB";
    /* Nothing maintained the line since the write: the writer may not have come to it yet
     * (an instruction being patched may run either way until then: Linux's ftrace does). */
    uint32_t since = k->line_maint[off >> k->line_bits];
    if (k->cpu_maint[cpu->index] > since) since = k->cpu_maint[cpu->index];
    const char *when = since > w->maint ? "" : " (no maintenance of this line since the write yet)";
    char a[32], wt[96];
    writer_text(w, wt, sizeof wt);
    uint32_t latest;
    memcpy(&latest, k->shadow + off, 4);
    report(k, cpu, R_STALE_EXEC,
           "cache: stale execution: cpu%u EL%u pc=0x%llx pa=0x%llx %s: executed 0x%08x, latest "
           "0x%08x %s; missing: %s%s",
           cpu->index, cpu->el, (unsigned long long)pc,
           (unsigned long long)(off + cpu->machine->bus.ram_base),
           attr < 0 ? "fetch" : attr_name((uint8_t)attr, NO_SH, a, sizeof a), insn, latest, wt, fix,
           when);
}

/* The bytes of [off, off + n) holding the latest write in `had` and something else in `now`:
 * that write is being lost. */
static void lost(cache_check_t *k, cpu_t *cpu, const char *what, const char *fix, uint64_t off,
                 const uint8_t *had, const uint8_t *now, unsigned n)
{
    writer_t *first = NULL;
    unsigned at = 0;
    for (unsigned i = 0; i < n; i++) {
        if (had[i] != k->shadow[off + i] || now[i] == k->shadow[off + i]) continue;
        writer_t *w = &k->writer[(off + i) >> GRANULE_BITS];
        if (!w->reported && !first) {
            first = w;
            at = i;
        }
        w->reported = true;
    }
    if (!first) return;
    char wt[96];
    writer_text(first, wt, sizeof wt);
    report(k, cpu, R_LOST_WRITE,
           "cache: lost write: cpu%u EL%u pc=0x%llx %s pa=0x%llx: the data %s is lost; missing: %s",
           cpu->index, cpu->el, (unsigned long long)cpu->pc, what,
           (unsigned long long)(off + at + cpu->machine->bus.ram_base), wt, fix);
}

void check_discard(cache_check_t *k, cpu_t *cpu, const char *op, uint64_t va, uint64_t off,
                   const uint8_t *discarded, const uint8_t *surviving, unsigned n)
{
    char what[64];
    if (va == UINT64_MAX)
        snprintf(what, sizeof what, "%s invalidates a dirty line", op);
    else
        snprintf(what, sizeof what, "%s va=0x%llx invalidates a dirty line", op,
                 (unsigned long long)va);
    const char *fix = !strcmp(op, "DC IVAC") ? "DC CIVAC instead (or DC CVAC before it)"
                                             : "DC CISW instead (or DC CSW before it)";
    lost(k, cpu, what, fix, off, discarded, surviving, n);
}

void check_writeback(cache_check_t *k, cpu_t *cpu, uint64_t off, const uint8_t *mem,
                     const uint8_t *wb, unsigned n)
{
    lost(k, cpu, "write-back of a dirty line overwrites newer data in memory",
         "DC CIVAC (or DC CVAC) of the cacheable alias before writing through another", off, mem,
         wb, n);
}

void check_summary(const cache_check_t *k)
{
    fprintf(
        stderr, "avsim: cache check: %llu stale reads, %llu stale executions, %llu lost writes%s\n",
        (unsigned long long)k->reports[R_STALE_READ], (unsigned long long)k->reports[R_STALE_EXEC],
        (unsigned long long)k->reports[R_LOST_WRITE],
        k->reports[R_STALE_READ] + k->reports[R_STALE_EXEC] + k->reports[R_LOST_WRITE]
            ? " (-d cache lists them)"
            : "");
}
