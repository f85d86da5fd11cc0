/* AArch64 processing element: architectural state and the run loop. */
#ifndef AVSIM_CPU_H
#define AVSIM_CPU_H

#include "common.h"
#include "cpu/pmu.h"
#include "mmu/tlb.h"
#include "sysreg/sysreg_ids.h"
#include "trace/stats.h"

typedef struct cpu cpu_t;
typedef struct machine machine_t;
typedef struct decoded decoded_t;
typedef void (*exec_fn)(cpu_t *cpu, const decoded_t *d);

/*
 * Register file indices used by decoded instructions. Encoding 31 means SP or
 * ZR depending on the instruction; the decoder resolves it once:
 *   REG_SP   - the current stack pointer (banked on EL/SPSel change)
 *   REG_ZR   - reads as zero (never written)
 *   REG_SINK - writes to XZR land here and are never read
 */
enum { REG_SP = 31, REG_ZR = 32, REG_SINK = 33, REG_COUNT = 34 };

/* Decoder helpers for the "31 = ZR" and "31 = SP" register fields. */
static inline uint8_t reg_r_zr(uint32_t r)
{
    return r == 31 ? REG_ZR : (uint8_t)r;
}
static inline uint8_t reg_w_zr(uint32_t r)
{
    return r == 31 ? REG_SINK : (uint8_t)r;
}
static inline uint8_t reg_sp(uint32_t r)
{
    return (uint8_t)r;
}

/*
 * One decoded instruction. Filled once by a class decoder, executed many
 * times. Field meaning is class-specific; each exec_*.c documents its use.
 */
struct decoded {
    exec_fn fn;
    uint32_t insn;
    uint8_t rd, rn, rm, ra; /* register indices (REG_* resolved) */
    uint8_t sf;             /* 1: 64-bit operation */
    uint8_t op;             /* class-specific operation selector */
    uint8_t cond;           /* condition code, or a second selector */
    uint8_t shift;          /* shift / extend type */
    uint8_t amount;         /* shift amount, access size log2, ... */
    uint8_t flags;          /* class-specific flag bits */
    uint16_t extra;         /* class-specific */
    uint64_t imm;           /* immediate, already expanded / scaled */
};

/* An FP/SIMD register: 128 bits, viewed as lanes (little-endian lane order). */
typedef union {
    uint64_t d[2];
    uint32_t s[4];
    uint16_t h[8];
    uint8_t b[16];
} __attribute__((aligned(16))) vreg_t;

/* PSTATE.NZCV kept in bits [31:28] as in SPSR / NZCV. */
#define NZCV_N (1u << 31)
#define NZCV_Z (1u << 30)
#define NZCV_C (1u << 29)
#define NZCV_V (1u << 28)

/* Why the run loop stopped. */
typedef enum {
    CPU_RUNNING = 0,
    CPU_STOP_POWER_OFF, /* PSCI SYSTEM_OFF / semihosting exit */
    CPU_STOP_RESET,     /* PSCI SYSTEM_RESET */
    CPU_STOP_ERROR,     /* simulator cannot continue (reported already) */
    CPU_STOP_DEBUG,     /* the GDB stub stopped the machine (gdb/gdb.h); it resumes it */
} cpu_stop_t;

/* Why the processing element is not executing. */
typedef enum { PE_RUNNING, PE_OFF, PE_WFI, PE_WFE } pe_state_t;

struct cpu {
    /* Hot state first. */
    uint64_t x[REG_COUNT]; /* x[31] is the current SP (see REG_SP) */
    uint64_t pc;           /* address of the executing instruction */
    uint64_t next_pc;      /* set by every instruction; pc + 4 by default */
    uint32_t nzcv;
    uint32_t el;               /* current exception level, 0..2 */
    int64_t budget;            /* instructions left before the loop checks events */
    int64_t budget_start;      /* budget at loop entry (see cpu_slice_retired) */
    int64_t chain_limit;       /* exec_chain runs the next slot while budget > this */
    const uint8_t *fetch_host; /* host address of the page being executed */
    uint32_t gdb_flags;        /* GDB_* (gdb/gdb.h): debugger checks; 0 without them */
    uint32_t pmu_insn_els;     /* bit EL: the PMU classifies each instruction there (cpu/pmu.h) */
    struct cache_cpu *cache;   /* cache-model state (cache/cache.h), NULL with -cache mode=off */
    uint32_t kick; /* another thread asks the run loop to return (machine/threads.h; atomic) */

    /* PSTATE other than NZCV/EL. */
    uint32_t daif;  /* bits [9:6] as in SPSR */
    uint32_t spsel; /* PSTATE.SP */
    uint32_t pan, uao, ssbs, dit, tco, btype, il, ss;

    uint64_t sp_el[3]; /* SP_EL0..SP_EL2 while not the current SP */

    /* Exclusive monitor (Arm ARM B2.9). */
    bool excl_valid;
    uint64_t excl_addr;
    unsigned excl_size;
    uint64_t excl_val[2];
    const uint8_t *excl_host; /* host address of excl_addr in RAM, or NULL (cpu/monitor.h) */
    bool excl_watched;        /* the reservation is watched for other CPUs' stores */
    bool excl_kept;           /* ... and no other CPU ran since it was last watched */
    bool event_register;

    /* Exception-loop detection (cpu/exc_loop.c): the last synchronous exception taken. */
    struct {
        uint64_t elr, retired;
        uint32_t esr, count;
        unsigned el;
    } exc_loop;

    /* System registers: storage indexed by sysreg_id_t (sysreg/sysreg_ids.h). */
    uint64_t sr[SR_COUNT];

    /* ---- FP and Advanced SIMD (cpu/fp_access.c, exec_fp*.c, exec_simd*.c) ---- */
    vreg_t v[32];
    uint32_t fpcr, fpsr;
    uint8_t fp_enabled_els; /* bit EL: FP/SIMD known enabled there (cpu/fp_access.h) */

    tlb_t tlb; /* guest address -> host pointer fast path */

    /* Asynchronous interrupt inputs (from the GIC; level-sensitive). */
    bool irq_line, fiq_line;

    /* ---- Virtual interrupt inputs (GIC virtual CPU interface, devices/gic_vcpuif.c):
     * level-sensitive, ORed with HCR_EL2.VI/VF; taken at EL0/EL1 (check_interrupts) ---- */
    bool virq_line, vfiq_line;

    /* ---- Self-hosted debug (cpu/debug.c): the last instruction stepped ---- */
    uint64_t step_retired_after; /* retired count once it completed; 0: none yet */
    uint64_t step_pc;

    cpu_stats_t stats; /* event counters (trace/stats.h) */
    pmu_t pmu;         /* Performance Monitors counters (cpu/pmu.h) */

    uint64_t icount;    /* instructions retired (updated at loop exits) */
    uint64_t el_since;  /* icount when the CPU entered its EL (stats.insns, cpu_set_el_sp) */
    bool between_insns; /* no instruction is executing: an EL change comes from an interrupt, a
                           fetch abort, a debug event or PSTATE.IL (cpu_run), or from outside */
    unsigned index;     /* CPU number (MPIDR Aff0) */
    pe_state_t state;
    cpu_stop_t stop;
    int exit_status; /* with CPU_STOP_POWER_OFF */
    machine_t *machine;
};

void cpu_reset(cpu_t *cpu, machine_t *m, unsigned index);

/* PSCI CPU_ON's reset of a CPU that is off: it starts at entry with x0 = context (still off:
 * the caller makes it run). */
void cpu_power_on(cpu_t *cpu, uint64_t entry, uint64_t context);

/* Runs up to max_insns instructions; returns early when the CPU stops or sleeps. */
void cpu_run(cpu_t *cpu, uint64_t max_insns);

/* Instructions retired so far in the current cpu_run call, exact even mid-instruction. */
uint64_t cpu_slice_retired(const cpu_t *cpu);

/* Whether another host thread asked this CPU's run loop to return (machine/threads.h). */
static inline bool cpu_kicked(const cpu_t *cpu)
{
    return __atomic_load_n(&cpu->kick, __ATOMIC_RELAXED);
}

/* Makes the run loop return after the current instruction (translation or
 * interrupt state changed). Keeps cpu_slice_retired exact. */
static inline void cpu_break_loop(cpu_t *cpu)
{
    cpu->budget_start -= cpu->budget;
    cpu->budget = 0;
}

/*
 * Threaded dispatch. An execute function that completes normally may end by running the next
 * instruction's slot itself (a tail call) instead of returning to the run loop, doing the loop's
 * per-instruction work (pc, next_pc, budget) for itself; the loop's granule rule still holds, as
 * only slots of the same decoded page are chained and a page's last slot is followed by a
 * sentinel that returns (codecache.h). Exceptions and cpu_break_loop empty the budget, so the
 * chain ends where the loop would stop. The run loop sets chain_limit before each call: at most
 * CHAIN_MAX instructions on, or INT64_MAX where it must see every instruction (logging, debug,
 * PMU classification, the cache model's line granule).
 */
#define CHAIN_MAX 1024 /* instructions one chain runs at most (cpu_run) */

static inline void exec_chain(cpu_t *cpu, const decoded_t *next)
{
    if (likely(cpu->budget > cpu->chain_limit)) {
        cpu->budget--;
        const uint64_t pc = cpu->next_pc;
        /* Two plain stores: merged into one 16-byte store, the next instruction's 8-byte load of
         * next_pc could not be forwarded from it (a large stall on x86-64). */
        *(volatile uint64_t *)&cpu->pc = pc;
        cpu->next_pc = pc + 4;
        /* Acquire: another CPU's thread may have just decoded the slot (codecache.c). */
        __atomic_load_n(&next->fn, __ATOMIC_ACQUIRE)(cpu, next);
    }
}

/* The tail of an execute function that continues at pc + 4. */
static inline void exec_next(cpu_t *cpu, const decoded_t *d)
{
    exec_chain(cpu, d + 1);
}

/* Checks SP alignment for an SP-based access (SCTLR_ELx.SA / SA0); on failure
 * raises an SP alignment fault and returns false. A 16-byte aligned SP always passes. */
bool cpu_check_sp_align_slow(cpu_t *cpu, uint64_t sp);
static inline bool cpu_check_sp_align(cpu_t *cpu, uint64_t sp)
{
    return likely(!(sp & 15)) || cpu_check_sp_align_slow(cpu, sp);
}

/* Sets the IRQ/FIQ input levels; taken between instructions when unmasked. */
void cpu_set_irq_lines(cpu_t *cpu, bool irq, bool fiq);

/* Sets the virtual IRQ/FIQ input levels from the GIC's virtual CPU interface. */
void cpu_set_virq_lines(cpu_t *cpu, bool virq, bool vfiq);

/* A WFI would complete now: a physical interrupt is pending, or a virtual one
 * while at EL0/EL1 with EL2 routing that class to itself (Arm ARM D1.6.2). */
bool cpu_wfi_wakeup(const cpu_t *cpu);

/* Switches SP banking after a change of EL or PSTATE.SP. */
void cpu_set_el_sp(cpu_t *cpu, unsigned el, unsigned spsel);

/* PSTATE as an SPSR value, and back. */
uint64_t cpu_get_pstate(const cpu_t *cpu);
void cpu_set_pstate(cpu_t *cpu, uint64_t spsr);

/* Flags helpers used by several instruction classes. */
static inline bool cond_holds(uint32_t nzcv, unsigned cond)
{
    bool r;
    switch (cond >> 1) {
    case 0: r = nzcv & NZCV_Z; break;
    case 1: r = nzcv & NZCV_C; break;
    case 2: r = nzcv & NZCV_N; break;
    case 3: r = nzcv & NZCV_V; break;
    case 4: r = (nzcv & NZCV_C) && !(nzcv & NZCV_Z); break;
    case 5: r = !!(nzcv & NZCV_N) == !!(nzcv & NZCV_V); break;
    case 6: r = !!(nzcv & NZCV_N) == !!(nzcv & NZCV_V) && !(nzcv & NZCV_Z); break;
    default: return true; /* AL, NV */
    }
    return (cond & 1) ? !r : r;
}

#endif
