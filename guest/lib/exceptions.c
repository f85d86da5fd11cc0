/* Dispatch of exceptions taken through vectors.S. */
#include <stddef.h>

#include "exception.h"
#include "libc.h"
#include "platform.h"
#include "sysreg.h"

_Static_assert(offsetof(struct exc_frame, elr) == 248, "vectors.S FRAME_ELR");
_Static_assert(offsetof(struct exc_frame, esr) == 264, "vectors.S FRAME_ESR");
_Static_assert(offsetof(struct exc_frame, vector) == 280, "vectors.S FRAME_VECTOR");
_Static_assert(sizeof(struct exc_frame) == 288, "vectors.S FRAME_SIZE");

bool semihosting_probe_fault(struct exc_frame *frame);

static exc_handler_t handlers[4];
static volatile bool catching;
static volatile unsigned caught;
static struct exc_frame last_caught;
/* Per-CPU nesting depth: a handler that keeps faulting ends the program. */
#define MAX_CPUS 8
static unsigned nesting[MAX_CPUS];

exc_handler_t set_exception_handler(enum exc_kind kind, exc_handler_t fn)
{
    exc_handler_t old = handlers[kind & 3];
    handlers[kind & 3] = fn;
    /* Vectors of an EL that runs with its caches on may read it through a stale line. */
    dcache_clean_inval_poc(&handlers[kind & 3], sizeof fn);
    return old;
}

const char *esr_class_name(unsigned ec)
{
    switch (ec) {
    case EC_UNKNOWN: return "unknown/UNDEFINED";
    case EC_WFX: return "WFI/WFE";
    case EC_FP_ACCESS: return "FP/SIMD access";
    case EC_ILLEGAL: return "illegal execution state";
    case 0x11: return "SVC32";
    case 0x12: return "HVC32";
    case 0x13: return "SMC32";
    case EC_SVC64: return "SVC64";
    case EC_HVC64: return "HVC64";
    case EC_SMC64: return "SMC64";
    case EC_SYSREG: return "MSR/MRS/SYS";
    case EC_IABT_LOWER: return "instruction abort (lower EL)";
    case EC_IABT_CURRENT: return "instruction abort (same EL)";
    case EC_PC_ALIGN: return "PC alignment";
    case EC_DABT_LOWER: return "data abort (lower EL)";
    case EC_DABT_CURRENT: return "data abort (same EL)";
    case EC_SP_ALIGN: return "SP alignment";
    case EC_SERROR: return "SError";
    case EC_BRK64: return "BRK64";
    default: return "other";
    }
}

void exc_print(const struct exc_frame *f)
{
    static const char *const kinds[] = {"synchronous", "IRQ", "FIQ", "SError"};
    static const char *const sources[] = {"current EL, SP_EL0", "current EL, SP_ELx",
                                          "lower EL, AArch64", "lower EL, AArch32"};
    unsigned ec = ESR_EC(f->esr);

    printf("%s exception taken to EL%u from %s\n", kinds[f->vector & 3], f->el,
           sources[(f->vector >> 2) & 3]);
    printf("  ESR 0x%016lx (EC 0x%02x %s, ISS 0x%07lx)\n", f->esr, ec, esr_class_name(ec),
           ESR_ISS(f->esr));
    printf("  ELR 0x%016lx  FAR 0x%016lx  SPSR 0x%016lx\n", f->elr, f->far, f->spsr);
}

void exc_skip_instruction(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr);

    if (ec != EC_SVC64 && ec != EC_HVC64) f->elr += 4;
}

void exc_catch_begin(void)
{
    caught = 0;
    catching = true;
}

unsigned exc_catch_end(struct exc_frame *last)
{
    catching = false;
    if (last && caught) *last = last_caught;
    return caught;
}

static void dispatch(struct exc_frame *f)
{
    enum exc_kind kind = f->vector & 3;

    if (kind == EXC_SYNC && semihosting_probe_fault(f)) return;
    if (kind == EXC_SYNC && catching) {
        last_caught = *f;
        caught++;
        exc_skip_instruction(f);
        return;
    }
    if (handlers[kind]) {
        handlers[kind](f);
        return;
    }
    printf("guest lib: unexpected exception\n");
    exc_print(f);
    exit(1);
}

__attribute__((weak)) void exception_handler(struct exc_frame *f)
{
    unsigned *depth = &nesting[read_sysreg(mpidr_el1) & (MAX_CPUS - 1)];

    if (*depth > 2) {
        printf("guest lib: recursive exceptions\n");
        exc_print(f);
        exit(1);
    }
    ++*depth;
    dispatch(f);
    --*depth;
}
