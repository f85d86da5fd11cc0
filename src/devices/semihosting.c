/* Arm semihosting v2 (Arm IHI 0056): the calls test programs need. */
#include "devices/semihosting.h"

#include <stdio.h>
#include <string.h>

#include "cpu/exception.h"
#include "machine/machine.h"
#include "machine/threads.h"
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

/*
 * Host pointer to the guest bytes at va, up to *n of them but not past a 4 KiB
 * page (the smallest translation granule, so one translation covers them):
 * *n is cut to the bytes returned. NULL if va is not readable RAM.
 */
static const uint8_t *guest_span(cpu_t *cpu, uint64_t va, uint64_t *n)
{
    translation_t t;
    uint64_t in_page = 4096 - (va & 4095);
    if (*n > in_page) *n = in_page;
    if (!translate(cpu, va, ACCESS_READ, &t)) return NULL;
    return bus_ram_ptr(&cpu->machine->bus, t.pa, *n);
}

/* Reads guest memory without side effects; false if any byte is not readable RAM. */
static bool peek(cpu_t *cpu, uint64_t va, void *buf, uint64_t size)
{
    uint8_t *out = buf;
    while (size) {
        uint64_t n = size;
        const uint8_t *p = guest_span(cpu, va, &n);
        if (!p) return false;
        memcpy(out, p, n);
        out += n;
        va += n;
        size -= n;
    }
    return true;
}

/*
 * Whether the guest buffer [va, va + len) is readable RAM. A buffer longer than
 * guest RAM is refused without looking at it (only aliased mappings could make
 * it readable), which bounds the host work of every call by the RAM size.
 */
static bool readable(cpu_t *cpu, uint64_t va, uint64_t len)
{
    if (len > cpu->machine->bus.ram_size || va + len < va) return false;
    while (len) {
        uint64_t n = len;
        if (!guest_span(cpu, va, &n)) return false;
        va += n;
        len -= n;
    }
    return true;
}

/* Writes len guest bytes at va, which readable() accepted, to f. */
static void write_guest(cpu_t *cpu, uint64_t va, uint64_t len, FILE *f)
{
    while (len) {
        uint64_t n = len;
        const uint8_t *p = guest_span(cpu, va, &n);
        fwrite(p, 1, n, f);
        va += n;
        len -= n;
    }
    fflush(f);
}

/*
 * Length of the NUL-terminated guest string at va, or -1 if it runs into memory
 * that is not readable RAM or is longer than guest RAM.
 */
static int64_t guest_strlen(cpu_t *cpu, uint64_t va)
{
    uint64_t len = 0;
    while (len <= cpu->machine->bus.ram_size) {
        uint64_t n = UINT64_MAX;
        const uint8_t *p = guest_span(cpu, va + len, &n);
        if (!p) return -1;
        const uint8_t *nul = memchr(p, 0, n);
        if (nul) return (int64_t)(len + (uint64_t)(nul - p));
        len += n;
    }
    return -1;
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

static void call(cpu_t *cpu)
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
    case SYS_WRITE0: { /* as QEMU: nothing is written unless the whole string is readable */
        int64_t len = guest_strlen(cpu, arg);
        if (len > 0) write_guest(cpu, arg, (uint64_t)len, stdout);
        return;
    }
    case SYS_WRITE: { /* {handle, buffer, length}: handles 1 and 2 are stdout and stderr */
        uint64_t h, buf, len;
        if (!peek64(cpu, arg, &h) || !peek64(cpu, arg + 8, &buf) || !peek64(cpu, arg + 16, &len) ||
            (h != 1 && h != 2)) {
            cpu->x[0] = (uint64_t)-1;
            return;
        }
        /* As QEMU: a buffer that is not wholly readable is not written at all. */
        if (!readable(cpu, buf, len)) {
            cpu->x[0] = len; /* bytes not written */
            return;
        }
        write_guest(cpu, buf, len, h == 1 ? stdout : stderr);
        cpu->x[0] = 0;
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

void semihosting_call(cpu_t *cpu)
{
    machine_lock(cpu->machine); /* the host console, the machine stop */
    call(cpu);
    machine_unlock(cpu->machine);
}
