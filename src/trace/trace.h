/*
 * -trace-file FILE[,max-events=N]: a timeline in the Chrome trace-event JSON format, which
 * Perfetto (ui.perfetto.dev, trace_processor) and chrome://tracing open (docs/tracing.md).
 * Process 0 is the machine, thread N is CPU N. Each stay of a CPU in an Exception level (and
 * translation regime) is a complete event ("ph":"X"); exceptions, interrupts (asserted at the
 * GIC, injected by a hypervisor, taken, acknowledged), ERETs, world switches, VNCR redirects,
 * cache and TLB maintenance and the coherence checker's reports are instant events ("ph":"i"). The
 * time axis is guest time (the CPU's local count, ns): deterministic in icount mode. At most
 * max-events events (default 1000000) are written; then the spans are closed and a message says so.
 *
 * The hooks cost one predictable branch while tracing is off: call them through TRACE(). With one
 * host thread per CPU (machine/threads.h) each event is written under the machine lock, the time
 * axis is then the host clock's.
 */
#ifndef AVSIM_TRACE_H
#define AVSIM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cpu cpu_t;
typedef struct machine machine_t;

extern bool trace_enabled;

#define TRACE(call)                                                                                \
    do {                                                                                           \
        if (__builtin_expect(trace_enabled, 0)) {                                                  \
            trace_lock();                                                                          \
            call;                                                                                  \
            trace_unlock();                                                                        \
        }                                                                                          \
    } while (0)

/* The machine lock while a machine with one host thread per CPU runs; else nothing. */
void trace_lock(void);
void trace_unlock(void);

#define TRACE_MAX_EVENTS_DEFAULT 1000000ull

/* Parses "FILE[,max-events=N]" and creates FILE. Returns 0, or -1 with a message in err. */
int trace_open(const char *spec, char *err, size_t errlen);
/* A machine starts running: opens a span for each CPU that is not off. Guest time starts again
 * at 0 on a reboot: the trace continues after the previous machine's last timestamp. */
void trace_machine_start(const machine_t *m);
/* The machine stopped: closes every CPU's span. */
void trace_machine_end(const machine_t *m);
/* Ends the JSON document and closes the file (a no-op without -trace-file). */
void trace_close(void);

/* The hooks (before the state changes they report). */
void trace_exception(const cpu_t *cpu, unsigned target, uint32_t esr, uint64_t pc);
/* An IRQ, FIQ (virt: a virtual one) or virtual SError taken: the event names the INTID an
 * acknowledge would return at this point (the GIC's or the list registers' highest priority
 * pending interrupt), or the HCR_EL2 bit that signalled it. */
void trace_interrupt(const cpu_t *cpu, unsigned target, const char *kind, bool virt);
/* ICC_IAR0/1_EL1 (virt: ICV_IAR0/1_EL1) returned intid. */
void trace_irq_ack(const cpu_t *cpu, unsigned intid, unsigned group, bool virt);
/* A virtual interrupt made pending by a hypervisor: list register lr (ICH_LR<n>_EL2, its new
 * value) or, with lr < 0, HCR_EL2.VI/VF/VSE (via names the bit). */
void trace_irq_inject(const cpu_t *cpu, int lr, uint64_t value, const char *via);
/* A physical interrupt made pending at the GIC: a device or timer line of cpu's asserted
 * (sgi_target < 0), or an SGI that cpu sent to CPU sgi_target. */
void trace_irq_assert(const cpu_t *cpu, unsigned intid, int sgi_target);
/* HCR_EL2 was written (after the write): at EL2, a change of E2H starts a span in the new
 * translation regime (EL2 or EL2&0). */
void trace_hcr_written(const cpu_t *cpu);
/* A TLB maintenance instruction (name: "TLBI_VAE1IS", ...) with its operand. */
void trace_tlbi(const cpu_t *cpu, const char *name, uint64_t operand);
void trace_eret(const cpu_t *cpu, unsigned target, uint64_t elr, bool illegal);
void trace_vncr(const cpu_t *cpu, const char *reg, bool read, uint64_t va);
/* A cache maintenance instruction executed (CMO_* of cache/cache_stats.h), and a report of the
 * cache model's coherence checker (its one-line text). */
void trace_cache_maintenance(const cpu_t *cpu, unsigned cmo);
void trace_cache_report(const cpu_t *cpu, const char *text);

/* The names of the CMO_* maintenance operations ("DC CIVAC", ...). */
extern const char *const trace_cmo_names[];

/* The short name of an exception class (ESR_ELx.EC), e.g. "HVC64"; "EC_0xNN" for others. */
const char *trace_ec_name(unsigned ec, char buf[16]);

#endif
