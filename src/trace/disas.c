#include "trace/disas.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "machine/options.h"
#include "trace/log.h"

#ifdef AVSIM_HAVE_CAPSTONE
#include <capstone/capstone.h>
#include <pthread.h>

/* With one host thread per CPU several threads log at once: one disassembly at a time. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static csh handle;
static cs_insn *scratch;
static int cs_state; /* 0: not opened yet, 1: open, -1: failed */

static void disas_close(void)
{
    cs_free(scratch, 1);
    cs_close(&handle);
}

static bool cs_ready(void)
{
    if (cs_state == 0) {
        cs_state = -1;
        if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) == CS_ERR_OK) {
            scratch = cs_malloc(handle);
            cs_state = 1;
            atexit(disas_close);
        }
    }
    return cs_state == 1;
}

void disas_insn(uint32_t insn, uint64_t pc, char *buf, size_t len)
{
    uint8_t bytes[4] = {insn & 0xFF, (insn >> 8) & 0xFF, (insn >> 16) & 0xFF, insn >> 24};
    const uint8_t *code = bytes;
    size_t size = sizeof bytes;
    uint64_t addr = pc;
    pthread_mutex_lock(&lock);
    if (cs_ready() && cs_disasm_iter(handle, &code, &size, &addr, scratch))
        snprintf(buf, len, "%s%s%s", scratch->mnemonic, scratch->op_str[0] ? " " : "",
                 scratch->op_str);
    else
        snprintf(buf, len, ".word 0x%08x", insn);
    pthread_mutex_unlock(&lock);
}
#else
void disas_insn(uint32_t insn, uint64_t pc, char *buf, size_t len)
{
    (void)pc;
    snprintf(buf, len, ".word 0x%08x", insn);
}
#endif

void disas_log_in_asm(const cpu_t *cpu, uint32_t insn)
{
    /* The next PC each CPU's decoding would continue at (+1: none yet). */
    static uint64_t next_pc[AVSIM_MAX_CPUS] = {[0 ... AVSIM_MAX_CPUS - 1] = 1};
    char text[160];
    disas_insn(insn, cpu->pc, text, sizeof text);
    if (next_pc[cpu->index] != cpu->pc)
        log_printf("----------------\nIN: cpu%u EL%u\n", cpu->index, cpu->el);
    next_pc[cpu->index] = cpu->pc + 4;
    log_printf("0x%016llx:  %08x      %s\n", (unsigned long long)cpu->pc, insn, text);
}

void disas_log_exec(const cpu_t *cpu)
{
    char text[160];
    uint32_t insn;
    memcpy(&insn, cpu->fetch_host + (cpu->pc & (PAGE_SIZE - 1)), 4);
    disas_insn(insn, cpu->pc, text, sizeof text);
    log_printf("cpu%u: EL%u 0x%016llx: %08x  %s\n", cpu->index, cpu->el,
               (unsigned long long)cpu->pc, insn, text);
}

void disas_log_cpu(const cpu_t *cpu)
{
    char line[1024]; /* 31 registers of 22 characters */
    int n =
        snprintf(line, sizeof line, "cpu%u: PC=%016llx ", cpu->index, (unsigned long long)cpu->pc);
    for (unsigned r = 0; r < 31; r++)
        n += snprintf(line + n, sizeof line - n, "X%02u=%016llx%s", r,
                      (unsigned long long)cpu->x[r], r % 4 == 3 ? "\n" : " ");
    uint64_t ps = cpu_get_pstate(cpu);
    log_printf(
        "%sSP=%016llx\nPSTATE=%08llx %c%c%c%c EL%u%c\n", line, (unsigned long long)cpu->x[REG_SP],
        (unsigned long long)ps, ps & (1u << 31) ? 'N' : '-', ps & (1u << 30) ? 'Z' : '-',
        ps & (1u << 29) ? 'C' : '-', ps & (1u << 28) ? 'V' : '-', cpu->el, cpu->spsel ? 'h' : 't');
}
