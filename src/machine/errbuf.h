/* Error messages of the machine front end: a caller-provided buffer and a printf into it. */
#ifndef AVSIM_ERRBUF_H
#define AVSIM_ERRBUF_H

#include <stddef.h>

typedef struct {
    char *err;
    size_t errlen;
} errbuf_t;

/* Formats the message into e and returns -1, so that `return fail(e, ...)` reports a failure. */
__attribute__((format(printf, 2, 3))) int fail(errbuf_t *e, const char *fmt, ...);

#endif
