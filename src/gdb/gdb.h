/*
 * GDB remote stub, with QEMU's options and conventions: -gdb tcp::PORT, -s (= -gdb tcp::1234),
 * -S (start stopped). Each CPU is a thread; registers through a target description (AArch64 core
 * and FP/SIMD, then the system-register table); memory through the selected CPU's translation;
 * breakpoints and watchpoints that never touch guest memory; single step; Ctrl-C; `monitor`
 * commands for avsim's own state. See docs/debugging.md.
 *
 * The run loop pays nothing while no debugger feature is in use: cpu->gdb_flags is 0 and only
 * folds into debug_armed() (cpu/debug.h), which makes the loop go one instruction at a time and
 * keeps data accesses off the fast path, as the guest's own self-hosted debug does.
 */
#ifndef AVSIM_GDB_H
#define AVSIM_GDB_H

#include "cpu/cpu.h"

typedef struct gdb gdb_t;

/* cpu->gdb_flags: what the debugger asks of this CPU (0: nothing). */
enum {
    GDB_BREAK = 1u << 0, /* breakpoints exist: check the PC before each instruction */
    GDB_WATCH = 1u << 1, /* watchpoints exist: check each data access (slow path only) */
    GDB_STEP = 1u << 2,  /* single step: stop before the next instruction, interrupts masked */
};

/* Default port of -s. */
#define GDB_DEFAULT_DEV "tcp::1234"

/*
 * Checks a -gdb device, QEMU's chardev spelling tcp:[HOST]:PORT[,server=on][,wait=off] (an empty
 * HOST listens on every interface, as QEMU). Returns 0, or -1 with a message in err.
 */
int gdb_check_dev(const char *dev, char *err, size_t errlen);

/* Listens on dev (already checked). NULL with a message in err when the port is unavailable. */
gdb_t *gdb_listen(const char *dev, char *err, size_t errlen);
void gdb_free(gdb_t *g);

/*
 * Makes g the debugger of m (m->gdb), a fresh machine (the first or one rebuilt by a reset):
 * breakpoints and watchpoints in force apply to its CPUs. With stopped (-S), m starts stopped:
 * machine_run waits for the debugger before the first instruction.
 */
void gdb_attach(gdb_t *g, machine_t *m, bool stopped);

/* From machine_run while CPUs run, at most once per host millisecond: a new connection or
 * Ctrl-C from the client stops the machine. */
void gdb_poll(machine_t *m);

/*
 * machine_run found m->stop set. A stop of the debugger's own (CPU_STOP_DEBUG): serves the client
 * until it resumes (true: run again) or kills (false, avsim exits with status 0, as QEMU). Any
 * other stop: tells the client the program exited and returns false.
 */
bool gdb_stopped(machine_t *m);

/* No CPU can ever run again: waits for the debugger to interrupt (true, the machine is then
 * stopped for it) instead of ending the run. */
bool gdb_idle(machine_t *m);

/* A CPU of m was reset (PSCI CPU_ON): the breakpoints and watchpoints apply to it again. */
void gdb_cpu_reset(cpu_t *cpu);

/* Run-loop hooks, called only while cpu->gdb_flags is non-zero (cpu/debug.c). */
/* Before the instruction at cpu->pc: true when the debugger stops the CPU there. */
bool gdb_before_insn(cpu_t *cpu);
/* A data access of [va, va + size) hits a watchpoint: the CPU stops before the instruction (it
 * is not executed; cpu->next_pc = cpu->pc) and the access must not happen. */
bool gdb_watch_hit(cpu_t *cpu, uint64_t va, unsigned size, bool write);

#endif
