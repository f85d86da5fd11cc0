#include "machine/errbuf.h"

#include <stdarg.h>
#include <stdio.h>

int fail(errbuf_t *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->err, e->errlen, fmt, ap);
    va_end(ap);
    return -1;
}
