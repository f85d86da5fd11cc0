/* Arm semihosting v2 (Arm IHI 0056): the calls test programs need. */
#include "devices/semihosting.h"

#include <stdio.h>

#include "cpu/exception.h"
#include "machine/machine.h"
#include "mmu/translate.h"
#include "trace/log.h"

enum {
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
    ADP_STOPPED_APPLICATION_EXIT = 0x20026,
};

/* Reads guest memory without side effects; false if unmapped. */
static bool peek(cpu_t *cpu, uint64_t va, void *buf, unsigned size)
{
    uint8_t *out = buf;
    for (unsigned i = 0; i < size; i++) {
        translation_t t;
        if (!translate(cpu, va + i, ACCESS_READ, &t)) return false;
        const uint8_t *p = bus_ram_ptr(&cpu->machine->bus, t.pa, 1);
        if (!p) return false;
        out[i] = *p;
    }
    return true;
}

static bool peek64(cpu_t *cpu, uint64_t va, uint64_t *v)
{
    return peek(cpu, va, v, 8);
}

static void do_exit(cpu_t *cpu, uint64_t block)
{
    uint64_t reason, code;
    if (!peek64(cpu, block, &reason) || !peek64(cpu, block + 8, &code)) {
        fprintf(stderr, "avsim: semihosting exit with an unreadable parameter block\n");
        machine_request_stop(cpu->machine, CPU_STOP_POWER_OFF, 1);
        return;
    }
    int status = reason == ADP_STOPPED_APPLICATION_EXIT ? (int)(code & 0xFF) : 1;
    machine_request_stop(cpu->machine, CPU_STOP_POWER_OFF, status);
}

void semihosting_call(cpu_t *cpu)
{
    uint32_t op = (uint32_t)cpu->x[0];
    uint64_t arg = cpu->x[1];
    if (cpu->el == 0) { /* as QEMU without userspace=on: the HLT stays UNDEFINED */
        exc_undefined(cpu);
        return;
    }
    LOG(LOG_PSCI, "cpu%u: semihosting 0x%x (0x%llx)\n", cpu->index, op, (unsigned long long)arg);
    switch (op) {
    case SYS_WRITEC: {
        char c;
        if (peek(cpu, arg, &c, 1)) fputc(c, stdout);
        fflush(stdout);
        return;
    }
    case SYS_WRITE0: {
        char c;
        for (uint64_t a = arg; peek(cpu, a, &c, 1) && c; a++)
            fputc(c, stdout);
        fflush(stdout);
        return;
    }
    case SYS_WRITE: { /* {handle, buffer, length}: handles 1 and 2 are stdout and stderr */
        uint64_t h, buf, len, a;
        if (!peek64(cpu, arg, &h) || !peek64(cpu, arg + 8, &buf) || !peek64(cpu, arg + 16, &len) ||
            (h != 1 && h != 2)) {
            cpu->x[0] = (uint64_t)-1;
            return;
        }
        FILE *f = h == 1 ? stdout : stderr;
        for (a = 0; a < len; a++) {
            char c;
            if (!peek(cpu, buf + a, &c, 1)) break;
            fputc(c, f);
        }
        fflush(f);
        cpu->x[0] = len - a; /* bytes not written */
        return;
    }
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED: do_exit(cpu, arg); return;
    default:
        LOG(LOG_UNIMP, "cpu%u: semihosting operation 0x%x not implemented\n", cpu->index, op);
        cpu->x[0] = (uint64_t)-1;
        return;
    }
}
