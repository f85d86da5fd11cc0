/*
 * Exception handling for guest programs. The library installs a vector table
 * at EL1 (VBAR_EL1) and, when running at EL2, at EL2 (VBAR_EL2). Every entry
 * saves x0-x30 and the ELR/SPSR/ESR/FAR of the Exception level that took the
 * exception into a struct exc_frame and calls exception_handler(). Changes a
 * handler makes to the frame (registers, elr, spsr) take effect on return
 * (ERET). FP/SIMD registers are not saved: the library never uses them.
 * A program running at EL2 that drops to EL1 finds VBAR_EL1 and SP_EL1 set,
 * so exceptions taken to EL1 reach the same handlers (frame->el tells).
 */
#ifndef GUEST_EXCEPTION_H
#define GUEST_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

/* Vector kinds: the entry's offset in the table divided by 0x80. */
enum exc_kind {
    EXC_SYNC = 0,
    EXC_IRQ = 1,
    EXC_FIQ = 2,
    EXC_SERROR = 3,
};
/* Source groups (vector / 4): SP_EL0, SP_ELx, lower EL AArch64, lower EL AArch32. */
#define EXC_SOURCE_CURRENT_SP0 0
#define EXC_SOURCE_CURRENT_SPX 1
#define EXC_SOURCE_LOWER_A64   2
#define EXC_SOURCE_LOWER_A32   3

struct exc_frame {
    uint64_t x[31];
    uint64_t elr, spsr, esr, far;
    uint32_t vector; /* vector index 0-15: source * 4 + enum exc_kind */
    uint32_t el;     /* Exception level that took the exception (1 or 2) */
};

typedef void (*exc_handler_t)(struct exc_frame *frame);

/*
 * Handlers for one kind of exception, or NULL for the default, which prints
 * the syndrome and exits with failure. Return the previous handler.
 */
exc_handler_t set_exception_handler(enum exc_kind kind, exc_handler_t fn);
static inline exc_handler_t set_sync_handler(exc_handler_t fn)
{
    return set_exception_handler(EXC_SYNC, fn);
}
static inline exc_handler_t set_irq_handler(exc_handler_t fn)
{
    return set_exception_handler(EXC_IRQ, fn);
}

/*
 * Called by the vectors. Weak: a program may define its own, replacing the
 * dispatch to the handlers above (and the semihosting probe in platform.c).
 */
void exception_handler(struct exc_frame *frame);

/* Prints the frame's kind, EL, ESR (with class name), ELR, FAR and SPSR. */
void exc_print(const struct exc_frame *frame);

/* A short name for an ESR exception class ("SVC64", "BRK64", ...). */
const char *esr_class_name(unsigned ec);

/*
 * Advances frame->elr past the instruction that caused a synchronous
 * exception, unless ELR already points after it (SVC and HVC: the preferred
 * return address is the next instruction).
 */
void exc_skip_instruction(struct exc_frame *frame);

/*
 * Catching: between exc_catch_begin() and exc_catch_end(), each synchronous
 * exception is recorded and the faulting instruction skipped (as
 * exc_skip_instruction), without calling the sync handler. exc_catch_end()
 * returns the number caught; *last (if not NULL) gets the last one's frame.
 *
 *     exc_catch_begin();
 *     __asm__ volatile("brk #7");
 *     CHECK_EQ(exc_catch_end(&f), 1);
 *     CHECK_EQ(ESR_EC(f.esr), EC_BRK64);
 */
void exc_catch_begin(void);
unsigned exc_catch_end(struct exc_frame *last);

#endif
