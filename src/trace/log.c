#include "trace/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

uint32_t log_mask;
static FILE *log_file, *log_override;

const log_category_t log_categories[] = {
    {"unimp", LOG_UNIMP, "UNDEFINED or unimplemented instructions executed"},
    {"int", LOG_INT, "exceptions taken and returned from"},
    {"sysreg", LOG_SYSREG, "system register accesses"},
    {"guest_errors", LOG_GUEST, "bad device accesses and external aborts"},
    {"in_asm", LOG_IN_ASM, "each instruction when first decoded, disassembled"},
    {"exec", LOG_EXEC, "every instruction executed, with PC, EL and disassembly (slow)"},
    {"cpu", LOG_CPU, "the registers before every instruction (slow)"},
    {"psci", LOG_PSCI, "PSCI and semihosting calls"},
    {"stats", LOG_STATS, "instructions, MIPS and event counters (exceptions, NV, VNCR), at exit"},
    {"nv", LOG_NV, "FEAT_NV/NV2: every trapped EL1 access, ERET trap and VNCR redirect"},
    {"cache", LOG_CACHE, "cache coherence checker: stale reads, executions, lost writes"},
    {NULL, 0, NULL},
};

int64_t log_parse(const char *cats, const char **bad)
{
    uint32_t mask = 0;
    const char *p = cats;
    static char badbuf[64];
    while (*p) {
        size_t n = strcspn(p, ",");
        const log_category_t *c;
        for (c = log_categories; c->name; c++)
            if (strlen(c->name) == n && !strncmp(c->name, p, n)) break;
        if (!c->name) {
            snprintf(badbuf, sizeof badbuf, "%.*s", (int)(n < 63 ? n : 63), p);
            *bad = badbuf;
            return -1;
        }
        mask |= c->mask;
        p += n;
        if (*p == ',') p++;
    }
    return mask;
}

int log_open(const char *path)
{
    if (!path) {
        log_file = stderr;
        return 0;
    }
    log_file = fopen(path, "w");
    return log_file ? 0 : -1;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_override ? log_override : log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}

FILE *log_swap_stream(FILE *f)
{
    FILE *old = log_override;
    log_override = f;
    return old;
}

void log_print_help(void)
{
    printf("Log items (comma separated):\n");
    for (const log_category_t *c = log_categories; c->name; c++)
        printf("%-14s %s\n", c->name, c->help);
}
