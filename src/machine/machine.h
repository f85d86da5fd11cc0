/* The virt machine: CPUs, RAM, devices, firmware services. */
#ifndef AVSIM_MACHINE_H
#define AVSIM_MACHINE_H

#include "cpu/cpu.h"
#include "machine/bus.h"
#include "machine/options.h"
#include "timer/timer.h"

typedef struct code_cache code_cache_t;
typedef struct pl011 pl011_t;
typedef struct gic gic_t;

struct machine {
    bus_t bus;
    cpu_t *cpus[AVSIM_MAX_CPUS];
    unsigned ncpus;
    bool virtualization; /* EL2 implemented */
    bool semihosting;
    bool no_exception_loop_check; /* -no-exception-loop-check (cpu/exc_loop.c) */
    uint32_t monitor_watchers;    /* CPUs whose reservation is watched, by index (cpu/monitor.h) */
    code_cache_t *code;
    cache_config_t cache_cfg; /* -cache: geometry the ID registers report, mode */
    struct cache *cache;      /* the cache model (cache/cache.h), NULL in mode off */
    pl011_t *uart;
    gic_t *gic;
    guest_time_t time; /* the system counter (timer/timer.h) */
    struct gdb *gdb;   /* the GDB stub (gdb/gdb.h), NULL without -gdb */
    struct mt *mt;     /* one host thread per CPU (machine/threads.h), NULL: one for all */
    bool stop;         /* machine-wide stop (power off, reset, error, debugger) */
    cpu_stop_t stop_reason;
    int exit_status;
};

/*
 * Creates a machine with ram_size bytes of RAM at 0x40000000 and ncpus CPUs
 * (CPU 0 running at EL2 when virtualization, else EL1; others powered off).
 * Maps the board's devices. Returns NULL with err set on failure.
 */
machine_t *machine_create(uint64_t ram_size, unsigned ncpus, bool virtualization, char *err,
                          size_t errlen);
void machine_destroy(machine_t *m);

/* Runs all CPUs until the machine stops; returns the exit status avsim should exit with. */
int machine_run(machine_t *m);

/* Nothing can ever wake a CPU: says so and stops with status 1. */
void machine_stop_stuck(machine_t *m);

/* Instructions retired by all CPUs. */
uint64_t machine_icount(const machine_t *m);

/* Requests a machine-wide stop (from devices, PSCI, semihosting). */
void machine_request_stop(machine_t *m, cpu_stop_t why, int status);

#endif
