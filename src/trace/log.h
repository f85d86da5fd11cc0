/* -d CATEGORIES / -D FILE logging. */
#ifndef AVSIM_LOG_H
#define AVSIM_LOG_H

#include <stdint.h>
#include <stdio.h>

enum {
    LOG_UNIMP = 1u << 0,  /* unimplemented / UNDEFINED encodings executed */
    LOG_INT = 1u << 1,    /* exceptions and interrupts taken, ERET */
    LOG_SYSREG = 1u << 2, /* MRS/MSR accesses */
    LOG_GUEST = 1u << 3,  /* guest errors: bad device accesses, external aborts */
    LOG_EXEC = 1u << 4,   /* every instruction executed (slow) */
    LOG_PSCI = 1u << 5,   /* PSCI and semihosting calls */
    LOG_STATS = 1u << 6,  /* instruction count, speed and event counters at exit */
    LOG_NV = 1u << 7,     /* FEAT_NV traps and FEAT_NV2 redirects */
    LOG_CACHE = 1u << 8,  /* cache model: the coherence checker's reports */
    LOG_IN_ASM = 1u << 9, /* each instruction as it is decoded, disassembled */
    LOG_CPU = 1u << 10,   /* the registers before every instruction (slow) */
};

typedef struct {
    const char *name;
    uint32_t mask;
    const char *help;
} log_category_t;

extern const log_category_t log_categories[];
extern uint32_t log_mask;

/* Parses "unimp,int" etc. Returns the mask, or -1 naming the bad category in *bad. */
int64_t log_parse(const char *cats, const char **bad);
/* Opens the -D file (NULL: stderr). Returns 0 or -1. */
int log_open(const char *path);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Sends the log to f from now on (NULL: the -D file or stderr); returns the stream it replaces,
 * NULL for the default. The GDB stub's `monitor stats` captures stats_print this way. */
FILE *log_swap_stream(FILE *f);
void log_print_help(void);

#define LOG(cat, ...)                                                                              \
    do {                                                                                           \
        if (__builtin_expect(log_mask & (cat), 0)) log_printf(__VA_ARGS__);                        \
    } while (0)

#endif
