#include "machine/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cpu/codecache.h"
#include "devices/gic.h"
#include "devices/pl011.h"
#include "gdb/gdb.h"
#include "machine/threads.h"
#include "machine/virt_memmap.h"

/* The PL011's interrupt output is SPI 1 (INTID 33, level-sensitive). */
static void uart_irq(void *opaque, bool level)
{
    machine_t *m = opaque;
    gic_set_spi(m->gic, (unsigned)virt_memmap[VIRT_UART].spi, level);
}

machine_t *machine_create(uint64_t ram_size, unsigned ncpus, bool virtualization, char *err,
                          size_t errlen)
{
    if (ncpus == 0 || ncpus > AVSIM_MAX_CPUS || ram_size == 0 || (ram_size & (PAGE_SIZE - 1))) {
        snprintf(err, errlen, "invalid machine configuration");
        return NULL;
    }
    machine_t *m = calloc(1, sizeof *m);
    if (!m) goto oom;
    m->virtualization = virtualization;
    cache_config_default(&m->cache_cfg);
    guest_time_init(&m->time, ICOUNT_SHIFT_DEFAULT);
    m->bus.ram_base = virt_memmap[VIRT_RAM].base;
    m->bus.ram_size = ram_size;
    m->bus.ram = calloc(1, ram_size);
    m->code = code_cache_new(ram_size, CODE_CACHE_DEFAULT_BYTES);
    m->uart = malloc(sizeof *m->uart);
    if (!m->bus.ram || !m->code || !m->uart) goto oom;
    m->ncpus = ncpus;
    for (unsigned i = 0; i < ncpus; i++) {
        m->cpus[i] = aligned_alloc(64, (sizeof(cpu_t) + 63) & ~(size_t)63);
        if (!m->cpus[i]) goto oom;
        cpu_reset(m->cpus[i], m, i);
    }
    m->gic = gic_create(m, err, errlen);
    if (!m->gic) {
        machine_destroy(m);
        return NULL;
    }
    pl011_init(m->uart, STDIN_FILENO);
    m->uart->set_irq = uart_irq;
    m->uart->irq_opaque = m;
    const virt_region_t *u = &virt_memmap[VIRT_UART];
    /* An APB device with 32-bit registers: wider accesses reach it as words (as on QEMU). */
    mmio_region_t uart = {u->name, u->base, u->size, m->uart, pl011_read, pl011_write, 4};
    if (!bus_map_mmio(&m->bus, &uart)) {
        snprintf(err, errlen, "cannot map %s", u->name);
        machine_destroy(m);
        return NULL;
    }
    return m;
oom:
    snprintf(err, errlen, "out of memory for a %llu MiB machine",
             (unsigned long long)(ram_size >> 20));
    machine_destroy(m);
    return NULL;
}

void machine_destroy(machine_t *m)
{
    if (!m) return;
    for (unsigned i = 0; i < AVSIM_MAX_CPUS; i++)
        free(m->cpus[i]);
    cache_destroy(m);
    mt_destroy(m);
    code_cache_free(m->code);
    gic_destroy(m->gic);
    free(m->uart);
    free(m->bus.ram);
    free(m);
}

void machine_request_stop(machine_t *m, cpu_stop_t why, int status)
{
    machine_lock(m);
    if (m->stop && m->stop_reason != CPU_STOP_DEBUG) { /* a debugger's stop gives way */
        machine_unlock(m);
        return;
    }
    m->stop_reason = why;
    m->exit_status = status;
    __atomic_store_n(&m->stop, true, __ATOMIC_RELEASE);
    for (unsigned i = 0; i < m->ncpus; i++) {
        if (m->mt)
            mt_notify(m->cpus[i]); /* each in its own thread */
        else
            cpu_break_loop(m->cpus[i]);
    }
    machine_unlock(m);
}

void machine_stop_stuck(machine_t *m)
{
    fprintf(stderr, "avsim: every CPU is off or waiting for an interrupt, and no interrupt source "
                    "is active: stopping\n");
    machine_request_stop(m, CPU_STOP_ERROR, 1);
}

uint64_t machine_icount(const machine_t *m)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < m->ncpus; i++)
        n += m->cpus[i]->icount;
    return n;
}

/* While CPUs run or idle time is skipped, stdin is checked for UART input at most this
 * often (host time). When every CPU waits with only input able to wake one, the host
 * blocks on stdin for up to INPUT_WAIT_NS at a time. */
#define INPUT_CHECK_NS 1000000ull
#define INPUT_WAIT_NS  1000000000ull

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int machine_run(machine_t *m)
{
    if (m->mt) return mt_run(m); /* one host thread per CPU */
    /* The CPUs take turns in guest time (timer/guest_time.c). */
    uint64_t input_checked = 0;
    while (!m->stop || (m->gdb && gdb_stopped(m))) {
        cpu_t *c = guest_time_pick(m);
        if (c) guest_time_run_cpu(m, c);
        if (m->stop) continue;
        uint64_t now = host_ns();
        if (now - input_checked >= INPUT_CHECK_NS) { /* input may raise the UART's interrupt */
            input_checked = now;
            pl011_poll(m->uart);
            if (m->gdb) gdb_poll(m); /* a debugger connecting, or its Ctrl-C */
        }
        if (c) continue;
        /* Every CPU waits: move time to the next timer deadline or event-stream event. */
        if (guest_time_idle(m)) continue;
        /* Nothing will ever generate an event: wake the CPUs in WFE (WFE may complete
         * spuriously). */
        bool waiting_for_event = false;
        for (unsigned i = 0; i < m->ncpus; i++) {
            if (m->cpus[i]->state != PE_WFE) continue;
            guest_time_wake(m->cpus[i]);
            waiting_for_event = true;
        }
        if (waiting_for_event) continue;
        if (pl011_input_can_interrupt(m->uart)) {
            /* Only input can wake a CPU: wait for it. Guest time stands still meanwhile in
             * icount mode (no idle time to skip to), as with QEMU's -icount sleep=off. */
            pl011_wait_input(m->uart, INPUT_WAIT_NS);
            continue;
        }
        if (m->gdb && gdb_idle(m)) continue; /* stays for the debugger */
        machine_stop_stuck(m);
    }
    return m->exit_status;
}
