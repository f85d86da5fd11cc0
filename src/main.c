/* avsim: a full-system AArch64 simulator of QEMU's virt board. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cpu/codecache.h"
#include "cpu/impdef.h"
#include "gdb/gdb.h"
#include "machine/threads.h"
#include "machine/boot.h"
#include "machine/host_console.h"
#include "machine/machine.h"
#include "machine/options.h"
#include "trace/log.h"
#include "trace/stats.h"
#include "trace/trace.h"

static void print_machine_help(void)
{
    printf("Supported machines are:\n");
    printf("virt                 QEMU virt-compatible board (GICv3, PL011, PSCI)\n");
    printf("\nvirt properties:\n");
    printf("  virtualization=on|off  implement EL2 and boot at EL2 (default off)\n");
    printf("  gic-version=3          interrupt controller (only 3 is supported)\n");
    printf("  dumpdtb=FILE           write the generated device tree to FILE and exit\n");
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Creates the machine, loads the images, runs it (under gdb, if any; stopped first with -S on the
 * first boot). Returns the exit status; *reset on SYSTEM_RESET. */
static int boot_and_run(const avsim_options_t *opt, gdb_t *gdb, bool first, bool *reset)
{
    char err[512];
    machine_t *m = machine_create(opt->ram_size, opt->smp, opt->virtualization, err, sizeof err);
    if (!m) {
        fprintf(stderr, "avsim: %s\n", err);
        return 1;
    }
    m->semihosting = opt->semihosting;
    m->no_exception_loop_check = opt->no_exception_loop_check;
    if (opt->tb_size_mib && !code_cache_set_max_bytes(m->code, opt->tb_size_mib << 20)) {
        fprintf(stderr, "avsim: out of memory for a %llu MiB decoded-code cache\n",
                (unsigned long long)opt->tb_size_mib);
        machine_destroy(m);
        return 1;
    }
    guest_time_init(&m->time, opt->icount_shift);
    if (opt->thread_multi && !mt_create(m, err, sizeof err)) {
        fprintf(stderr, "avsim: %s\n", err);
        machine_destroy(m);
        return 1;
    }
    guest_ram_t ram = {m->bus.ram, m->bus.ram_base, m->bus.ram_size};
    boot_info_t bi;
    if (boot_load(opt, &ram, &bi, err, sizeof err) != 0) {
        fprintf(stderr, "avsim: %s\n", err);
        machine_destroy(m);
        return 1;
    }
    if (opt->dumpdtb) {
        machine_destroy(m);
        return 0;
    }
    m->cache_cfg = opt->cache;
    if (cache_start(m, err, sizeof err) != 0) {
        fprintf(stderr, "avsim: %s\n", err);
        machine_destroy(m);
        return 1;
    }
    cpu_t *boot = m->cpus[0];
    cpu_set_el_sp(boot, bi.el, 1);
    boot->pc = bi.pc;
    boot->x[0] = bi.x0;
    if (gdb) gdb_attach(gdb, m, first && opt->start_stopped);

    double t0 = now_seconds();
    trace_machine_start(m);
    int status = machine_run(m);
    trace_machine_end(m);
    double secs = now_seconds() - t0;
    uint64_t n = machine_icount(m);
    cache_finish(m);
    if (opt->stats_file && stats_write_json(m, opt->stats_file, secs, err, sizeof err) != 0) {
        fprintf(stderr, "avsim: %s\n", err);
        if (!status) status = 1;
    }
    LOG(LOG_STATS, "avsim: %llu instructions in %.3f s: %.1f MIPS\n", (unsigned long long)n, secs,
        secs > 0 ? n / secs / 1e6 : 0.0);
    if (log_mask & LOG_STATS) stats_print(m);
    *reset = m->stop_reason == CPU_STOP_RESET && !opt->no_reboot;
    fflush(stdout);
    machine_destroy(m);
    return status;
}

int main(int argc, char **argv)
{
    avsim_options_t opt;
    char err[512];
    if (options_parse(&opt, argc, argv, err, sizeof err) != 0) {
        fprintf(stderr, "avsim: %s\n", err);
        return 1;
    }
    if (opt.help) {
        options_print_usage();
        return 0;
    }
    if (opt.version) {
        printf("avsim version %s\n", AVSIM_VERSION);
        return 0;
    }
    if (opt.help_machine) {
        print_machine_help();
        return 0;
    }
    if (opt.help_cpu) {
        impdef_print_cpu_help();
        return 0;
    }
    if (opt.help_log) {
        log_print_help();
        return 0;
    }
    if (opt.cache.help) {
        cache_config_print_help();
        return 0;
    }
    if (!opt.kernel && !opt.dumpdtb) {
        fprintf(stderr, "avsim: no -kernel given (see avsim --help)\n");
        return 1;
    }
    log_mask = opt.log_mask;
    if (log_open(opt.logfile) != 0) {
        fprintf(stderr, "avsim: cannot open log file '%s'\n", opt.logfile);
        return 1;
    }
    if (opt.trace_file && trace_open(opt.trace_file, err, sizeof err) != 0) {
        fprintf(stderr, "avsim: %s\n", err);
        return 1;
    }
    gdb_t *gdb = NULL;
    if (opt.gdb && !(gdb = gdb_listen(opt.gdb, err, sizeof err))) {
        fprintf(stderr, "avsim: %s\n", err);
        return 1;
    }
    host_console_init(STDIN_FILENO); /* the PL011 reads stdin (machine.c) */
    bool reset, first = true;
    int status;
    do {
        reset = false;
        status = boot_and_run(&opt, gdb, first, &reset);
        first = false;
    } while (reset);
    gdb_free(gdb);
    trace_close();
    return status;
}
