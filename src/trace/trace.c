#include "trace/trace.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_stats.h"
#include "cpu/cpu.h"
#include "cpu/el2.h"
#include "devices/gic.h"
#include "machine/machine.h"
#include "machine/threads.h"
#include "timer/timer.h"

bool trace_enabled;

const char *const trace_cmo_names[CMO_KINDS] = {
    "DC IVAC", "DC CVAC", "DC CVAU", "DC CIVAC", "DC ISW",     "DC CSW",
    "DC CISW", "DC ZVA",  "IC IVAU", "IC IALLU", "IC IALLUIS",
};

static struct {
    FILE *f;
    const char *path;
    uint64_t max_events, events, dropped;
    bool full;
    const machine_t *m;
    uint64_t epoch; /* guest time of the previous machines (reboots), ns */
    /* The time of the hook being written, for its CPU: all of a hook's events and span changes
     * carry one timestamp, also on the host clock, which moves while the hook writes. */
    const cpu_t *hook_cpu;
    uint64_t hook_time;
    bool named[AVSIM_MAX_CPUS];
    struct span {
        bool open;
        unsigned el;
        uint64_t start; /* ns, epoch included */
        char name[40];
        const char *regime;
        bool stage2, nv;
    } span[AVSIM_MAX_CPUS];
} tr;

/* Arm ARM D24.2.40 ESR_ELx.EC; the names are Linux's ESR_ELx_EC_*. */
const char *trace_ec_name(unsigned ec, char buf[16])
{
    static const char *const names[64] = {
        [0x00] = "UNKNOWN",     [0x01] = "WFx",         [0x07] = "FP_ASIMD",
        [0x0A] = "LS64",        [0x0D] = "BTI",         [0x0E] = "ILL",
        [0x15] = "SVC64",       [0x16] = "HVC64",       [0x17] = "SMC64",
        [0x18] = "SYS64",       [0x19] = "SVE",         [0x1A] = "ERET",
        [0x1C] = "FPAC",        [0x20] = "IABT_LOW",    [0x21] = "IABT_CUR",
        [0x22] = "PC_ALIGN",    [0x24] = "DABT_LOW",    [0x25] = "DABT_CUR",
        [0x26] = "SP_ALIGN",    [0x27] = "MOPS",        [0x2C] = "FP_EXC64",
        [0x2F] = "SERROR",      [0x30] = "BREAKPT_LOW", [0x31] = "BREAKPT_CUR",
        [0x32] = "SOFTSTP_LOW", [0x33] = "SOFTSTP_CUR", [0x34] = "WATCHPT_LOW",
        [0x35] = "WATCHPT_CUR", [0x3C] = "BRK64",
    };
    ec &= 63;
    if (names[ec]) return names[ec];
    snprintf(buf, 16, "EC_0x%02x", ec);
    return buf;
}

int trace_open(const char *spec, char *err, size_t errlen)
{
    const char *comma = strchr(spec, ',');
    size_t plen = comma ? (size_t)(comma - spec) : strlen(spec);
    tr.max_events = TRACE_MAX_EVENTS_DEFAULT;
    if (comma) {
        const char *opt = comma + 1;
        char *end;
        if (strncmp(opt, "max-events=", 11) != 0) {
            snprintf(err, errlen, "-trace-file: unknown property '%s' (supported: max-events=N)",
                     opt);
            return -1;
        }
        errno = 0;
        unsigned long long n = strtoull(opt + 11, &end, 10);
        if (errno || end == opt + 11 || *end || n == 0 || opt[11] == '-') {
            snprintf(err, errlen, "-trace-file: invalid max-events '%s' (a positive count)",
                     opt + 11);
            return -1;
        }
        tr.max_events = n;
    }
    if (plen == 0) {
        snprintf(err, errlen, "-trace-file needs a file name: -trace-file FILE[,max-events=N]");
        return -1;
    }
    char *path = strndup(spec, plen);
    if (!path || !(tr.f = fopen(path, "w"))) {
        snprintf(err, errlen, "-trace-file: cannot create '%.*s': %s", (int)plen, spec,
                 strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    fputs("{\"traceEvents\":[\n", tr.f);
    fputs("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":0,\"tid\":0,\"args\":{\"name\":"
          "\"avsim\"}}",
          tr.f);
    trace_enabled = true;
    return 0;
}

void trace_lock(void)
{
    if (tr.m && tr.m->mt) mt_lock((machine_t *)tr.m);
    tr.hook_cpu = NULL;
}

void trace_unlock(void)
{
    if (tr.m && tr.m->mt) mt_unlock((machine_t *)tr.m);
}

static uint64_t now(const cpu_t *cpu)
{
    if (tr.hook_cpu != cpu) {
        tr.hook_cpu = cpu;
        tr.hook_time = tr.epoch + counter_now(cpu);
    }
    return tr.hook_time;
}

/* Microseconds with three decimals: exact ns. */
static void put_us(uint64_t ns)
{
    fprintf(tr.f, "%llu.%03llu", (unsigned long long)(ns / 1000), (unsigned long long)(ns % 1000));
}

static void close_span(const cpu_t *cpu, uint64_t t)
{
    struct span *s = &tr.span[cpu->index];
    if (!s->open) return;
    s->open = false;
    fprintf(tr.f,
            ",\n{\"name\":\"%s\",\"cat\":\"el\",\"ph\":\"X\",\"pid\":0,\"tid\":%u,\"ts\":", s->name,
            cpu->index);
    put_us(s->start);
    fputs(",\"dur\":", tr.f);
    put_us(t - s->start);
    fprintf(tr.f, ",\"args\":{\"el\":%u,\"regime\":\"%s\",\"stage2\":%s,\"nv\":%s}}", s->el,
            s->regime, s->stage2 ? "true" : "false", s->nv ? "true" : "false");
}

/* Opens cpu's span for a stay at el, in the translation regime HCR_EL2 selects for it now. */
static void open_span(const cpu_t *cpu, unsigned el, uint64_t t)
{
    struct span *s = &tr.span[cpu->index];
    uint64_t hcr = hcr_el2(cpu);
    bool host = el_is_in_host(cpu, el);
    s->open = true;
    s->el = el;
    s->start = t;
    s->regime = el == 2 ? (host ? "EL2&0" : "EL2") : host ? "EL2&0" : "EL1&0";
    s->stage2 = el < 2 && !host && (hcr & HCR_VM);
    s->nv = el == 1 && (hcr & HCR_NV);
    snprintf(s->name, sizeof s->name, "EL%u%s%s", el,
             s->nv       ? " guest hypervisor"
             : s->stage2 ? " guest"
             : host      ? " host"
                         : "",
             el == 2 && host ? " (VHE)" : "");
    if (!tr.named[cpu->index]) {
        tr.named[cpu->index] = true;
        fprintf(tr.f,
                ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":0,\"tid\":%u,"
                "\"args\":{\"name\":\"cpu%u\"}}",
                cpu->index, cpu->index);
    }
}

/* Starts an instant event at cpu's time (and its span when it had none); false when the cap is
 * reached, which closes every span. */
static bool instant(const cpu_t *cpu, const char *cat, uint64_t *t)
{
    if (tr.full) {
        tr.dropped++;
        return false;
    }
    *t = now(cpu);
    if (tr.events >= tr.max_events) {
        tr.full = true;
        tr.dropped++;
        fprintf(stderr,
                "avsim: -trace-file: max-events=%llu reached at guest time %llu ns; later "
                "events are not written\n",
                (unsigned long long)tr.max_events, (unsigned long long)*t);
        for (unsigned i = 0; i < tr.m->ncpus; i++)
            close_span(tr.m->cpus[i], now(tr.m->cpus[i]));
        return false;
    }
    tr.events++;
    if (!tr.span[cpu->index].open) open_span(cpu, cpu->el, *t);
    fprintf(tr.f, ",\n{\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"pid\":0,\"tid\":%u,\"ts\":", cat,
            cpu->index);
    put_us(*t);
    return true;
}

/* cpu moves to EL `el` at time t. */
static void switch_span(const cpu_t *cpu, unsigned el, uint64_t t)
{
    if (tr.full) return;
    close_span(cpu, t);
    open_span(cpu, el, t);
}

void trace_machine_start(const machine_t *m)
{
    if (!tr.f) return;
    tr.hook_cpu = NULL;
    tr.m = m;
    for (unsigned i = 0; i < m->ncpus; i++)
        if (m->cpus[i]->state != PE_OFF && !tr.full)
            open_span(m->cpus[i], m->cpus[i]->el, now(m->cpus[i]));
}

void trace_machine_end(const machine_t *m)
{
    if (!tr.f) return;
    tr.hook_cpu = NULL;
    uint64_t last = tr.epoch;
    for (unsigned i = 0; i < m->ncpus; i++) {
        uint64_t t = now(m->cpus[i]);
        if (t > last) last = t;
        if (!tr.full) close_span(m->cpus[i], t);
    }
    tr.epoch = last;
    tr.m = NULL;
}

void trace_close(void)
{
    if (!tr.f) return;
    fprintf(tr.f,
            "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"generator\":\"avsim\","
            "\"clock\":\"guest time\",\"max_events\":%llu,\"events\":%llu,"
            "\"dropped_events\":%llu}}\n",
            (unsigned long long)tr.max_events, (unsigned long long)tr.events,
            (unsigned long long)tr.dropped);
    if (fclose(tr.f) != 0)
        fprintf(stderr, "avsim: -trace-file: write error: %s\n", strerror(errno));
    tr.f = NULL;
    trace_enabled = false;
}

void trace_exception(const cpu_t *cpu, unsigned target, uint32_t esr, uint64_t pc)
{
    uint64_t t;
    char buf[16];
    unsigned ec = esr >> 26;
    const char *name = trace_ec_name(ec, buf);
    if (!instant(cpu, "exception", &t)) return;
    fprintf(tr.f,
            ",\"name\":\"%s to EL%u\",\"args\":{\"ec\":%u,\"ec_name\":\"%s\",\"esr\":\"0x%08x\","
            "\"from_el\":%u,\"to_el\":%u,\"pc\":\"0x%llx\"}}",
            name, target, ec, name, esr, cpu->el, target, (unsigned long long)pc);
    if (cpu->el < 2 && target == 2 && !el_is_in_host(cpu, cpu->el) && instant(cpu, "world", &t))
        fprintf(tr.f, ",\"name\":\"guest exit\",\"args\":{\"from_el\":%u,\"ec\":%u}}", cpu->el, ec);
    if (target != cpu->el) switch_span(cpu, target, t);
}

void trace_interrupt(const cpu_t *cpu, unsigned target, const char *kind, bool virt)
{
    uint64_t t;
    bool fiq = kind[0] == 'F', serror = kind[0] == 'S';
    /* A virtual IRQ/FIQ comes from the list registers or from HCR_EL2.VI/VF, a virtual SError
     * from HCR_EL2.VSE (Arm ARM D1.3.6). */
    bool from_hcr = virt && (serror || !(fiq ? cpu->vfiq_line : cpu->virq_line));
    unsigned intid = from_hcr ? GIC_INTID_SPURIOUS
                              : gic_pending_intid(cpu->machine->gic, cpu->index, virt, !fiq);
    if (!instant(cpu, "interrupt", &t)) return;
    fprintf(tr.f, ",\"name\":\"%s%s to EL%u\",\"args\":{\"kind\":\"%s\",\"virtual\":%s,",
            virt ? "v" : "", kind, target, kind, virt ? "true" : "false");
    if (from_hcr)
        fprintf(tr.f, "\"source\":\"HCR_EL2.%s\",", serror ? "VSE" : fiq ? "VF" : "VI");
    else if (intid != GIC_INTID_SPURIOUS)
        fprintf(tr.f, "\"intid\":%u,\"class\":\"%s\",\"source\":\"%s\",", intid,
                stats_intid_class_name(intid), virt ? "list register" : "GIC");
    fprintf(tr.f, "\"from_el\":%u,\"to_el\":%u,\"pc\":\"0x%llx\"}}", cpu->el, target,
            (unsigned long long)cpu->pc);
    if (cpu->el < 2 && target == 2 && !el_is_in_host(cpu, cpu->el) && instant(cpu, "world", &t))
        fprintf(tr.f, ",\"name\":\"guest exit\",\"args\":{\"from_el\":%u,\"interrupt\":\"%s\"}}",
                cpu->el, kind);
    if (target != cpu->el) switch_span(cpu, target, t);
}

void trace_irq_ack(const cpu_t *cpu, unsigned intid, unsigned group, bool virt)
{
    uint64_t t;
    if (!instant(cpu, "interrupt_ack", &t)) return;
    fprintf(tr.f,
            ",\"name\":\"ack %sINTID %u\",\"args\":{\"intid\":%u,\"class\":\"%s\",\"group\":%u,"
            "\"virtual\":%s,\"el\":%u,\"pc\":\"0x%llx\"}}",
            virt ? "v" : "", intid, intid, stats_intid_class_name(intid), group,
            virt ? "true" : "false", cpu->el, (unsigned long long)cpu->pc);
}

/* ICH_LR<n>_EL2 fields (Arm ARM D24.3, IHI 0069 12.5.25). */
void trace_irq_inject(const cpu_t *cpu, int lr, uint64_t value, const char *via)
{
    uint64_t t;
    if (!instant(cpu, "interrupt_inject", &t)) return;
    if (lr < 0) {
        fprintf(tr.f, ",\"name\":\"inject %s (HCR_EL2.%s)\",\"args\":{\"via\":\"HCR_EL2.%s\",",
                via[1] == 'S'   ? "vSError"
                : via[1] == 'F' ? "vFIQ"
                                : "vIRQ",
                via, via);
    } else {
        unsigned vintid = (uint32_t)value;
        bool hw = (value >> 61) & 1;
        fprintf(tr.f,
                ",\"name\":\"inject vINTID %u (ICH_LR%d_EL2)\",\"args\":{\"via\":\"ICH_LR%d_EL2\","
                "\"lr\":%d,\"vintid\":%u,\"group\":%u,\"priority\":%u,\"hw\":%s,",
                vintid, lr, lr, lr, vintid, (unsigned)(value >> 60) & 1,
                (unsigned)(value >> 48) & 0xFF, hw ? "true" : "false");
        if (hw) fprintf(tr.f, "\"pintid\":%u,", (unsigned)(value >> 32) & 0x1FFF);
    }
    fprintf(tr.f, "\"el\":%u,\"pc\":\"0x%llx\"}}", cpu->el, (unsigned long long)cpu->pc);
}

void trace_irq_assert(const cpu_t *cpu, unsigned intid, int sgi_target)
{
    uint64_t t;
    /* A CPU that is off has no timeline yet: what is made pending for it shows when taken. */
    if (cpu->state == PE_OFF && !tr.span[cpu->index].open) return;
    if (!instant(cpu, "interrupt_assert", &t)) return;
    if (sgi_target >= 0)
        fprintf(tr.f, ",\"name\":\"SGI %u to cpu%d\",", intid, sgi_target);
    else
        fprintf(tr.f, ",\"name\":\"%s INTID %u asserted\",", stats_intid_class_name(intid), intid);
    fprintf(tr.f, "\"args\":{\"intid\":%u,\"class\":\"%s\"", intid, stats_intid_class_name(intid));
    if (sgi_target >= 0) fprintf(tr.f, ",\"target_cpu\":%d", sgi_target);
    fputs("}}", tr.f);
}

void trace_tlbi(const cpu_t *cpu, const char *name, uint64_t operand)
{
    uint64_t t;
    if (!instant(cpu, "tlb_maintenance", &t)) return;
    /* "TLBI_VAE1IS" is shown as the instruction is written: "TLBI VAE1IS". */
    fprintf(tr.f,
            ",\"name\":\"TLBI %s\",\"args\":{\"operand\":\"0x%llx\",\"el\":%u,\"pc\":\"0x%llx\"}}",
            strncmp(name, "TLBI_", 5) == 0 ? name + 5 : name, (unsigned long long)operand, cpu->el,
            (unsigned long long)cpu->pc);
}

void trace_eret(const cpu_t *cpu, unsigned target, uint64_t elr, bool illegal)
{
    uint64_t t;
    if (!instant(cpu, "eret", &t)) return;
    fprintf(tr.f,
            ",\"name\":\"ERET to EL%u\",\"args\":{\"from_el\":%u,\"to_el\":%u,\"elr\":\"0x%llx\","
            "\"illegal\":%s}}",
            target, cpu->el, target, (unsigned long long)elr, illegal ? "true" : "false");
    if (cpu->el == 2 && target < 2 && !el_is_in_host(cpu, target) && instant(cpu, "world", &t))
        fprintf(tr.f,
                ",\"name\":\"guest entry\",\"args\":{\"to_el\":%u,\"stage2\":%s,\"vmid\":%llu}}",
                target, (hcr_el2(cpu) & HCR_VM) ? "true" : "false",
                (unsigned long long)(cpu->sr[SR_VTTBR_EL2] >> 48));
    if (target != cpu->el) switch_span(cpu, target, t);
}

void trace_hcr_written(const cpu_t *cpu)
{
    const struct span *s = &tr.span[cpu->index];
    if (tr.full || !s->open || cpu->el != 2) return;
    if (strcmp(s->regime, el_is_in_host(cpu, 2) ? "EL2&0" : "EL2") != 0)
        switch_span(cpu, 2, now(cpu));
}

void trace_vncr(const cpu_t *cpu, const char *reg, bool read, uint64_t va)
{
    uint64_t t;
    if (!instant(cpu, "nv", &t)) return;
    fprintf(tr.f,
            ",\"name\":\"VNCR %s %s\",\"args\":{\"register\":\"%s\",\"access\":\"%s\","
            "\"va\":\"0x%llx\",\"pc\":\"0x%llx\"}}",
            read ? "MRS" : "MSR", reg, reg, read ? "load" : "store", (unsigned long long)va,
            (unsigned long long)cpu->pc);
}

void trace_cache_maintenance(const cpu_t *cpu, unsigned cmo)
{
    uint64_t t;
    if (cmo >= CMO_KINDS || !instant(cpu, "cache_maintenance", &t)) return;
    fprintf(tr.f, ",\"name\":\"%s\",\"args\":{\"el\":%u,\"pc\":\"0x%llx\"}}", trace_cmo_names[cmo],
            cpu->el, (unsigned long long)cpu->pc);
}

void trace_cache_report(const cpu_t *cpu, const char *text)
{
    uint64_t t;
    if (!instant(cpu, "cache_check", &t)) return;
    fputs(",\"name\":\"cache check report\",\"args\":{\"report\":\"", tr.f);
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(tr.f, "\\%c", *p);
        else if ((unsigned char)*p < 0x20)
            fprintf(tr.f, "\\u%04x", *p);
        else
            fputc(*p, tr.f);
    }
    fputs("\"}}", tr.f);
}
