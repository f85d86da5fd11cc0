/* The command line, QEMU-style. */
#ifndef AVSIM_OPTIONS_H
#define AVSIM_OPTIONS_H

#include "cache/cache_config.h"
#include "common.h"

typedef struct {
    /* -M virt[,virtualization=on|off][,gic-version=3][,dumpdtb=FILE] */
    bool virtualization;
    int gic_version;
    const char *dumpdtb;
    const char *cpu_model; /* -cpu: only "max" */
    uint64_t ram_size;     /* -m SIZE (default 128 MiB, QEMU suffixes M/G, plain number = MiB) */
    unsigned smp;          /* -smp N */
    uint64_t tb_size_mib;  /* -accel tcg,tb-size=N: MiB of decoded code kept (0: the default) */
    bool thread_multi; /* -accel tcg,thread=multi: one host thread per CPU (machine/threads.h) */
    const char *kernel, *initrd, *append, *dtb;
    bool nographic, semihosting;
    bool no_reboot;         /* -no-reboot: SYSTEM_RESET exits instead of rebooting */
    int icount_shift;       /* -icount shift=N (2^N ns per instruction), or ICOUNT_HOST_CLOCK */
    uint32_t log_mask;      /* -d CATS, bits from trace/log.h */
    const char *logfile;    /* -D FILE */
    const char *trace_file; /* -trace-file FILE[,max-events=N] (trace/trace.h) */
    const char *stats_file; /* -stats-file FILE: -d stats's figures as JSON (trace/stats.h) */

    bool no_exception_loop_check; /* -no-exception-loop-check (cpu/exc_loop.h) */
    const char *gdb;              /* -gdb DEV (-s: tcp::1234), or NULL (gdb/gdb.h) */
    bool start_stopped;           /* -S: wait for the debugger before the first instruction */
    cache_config_t cache;         /* -cache (cache/cache_config.h) */
    bool help_machine, help_cpu, help_log, version, help;
} avsim_options_t;

#define AVSIM_MAX_CPUS 8

/* Guest time (timer/timer.h): the default is deterministic, 8 ns per instruction. */
#define ICOUNT_SHIFT_DEFAULT 3
#define ICOUNT_HOST_CLOCK    (-1) /* -icount shift=auto: the counter follows the host clock */

/*
 * Parses argv. Returns 0 on success; on a bad or unsupported option writes a
 * one-line message (without "avsim: " prefix) to err and returns -1.
 */
int options_parse(avsim_options_t *opt, int argc, char **argv, char *err, size_t errlen);

void options_print_usage(void);

#endif
