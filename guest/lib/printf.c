/* printf and snprintf over one formatter writing to a sink (UART or buffer). */
#include <stdbool.h>

#include "libc.h"

struct sink {
    bool to_uart;
    char *buf; /* otherwise: a buffer of size bytes */
    size_t size;
    size_t len; /* characters produced so far */
};

static void emit(struct sink *s, char c)
{
    if (s->to_uart)
        putchar(c);
    else if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void emit_repeat(struct sink *s, char c, int count)
{
    while (count-- > 0)
        emit(s, c);
}

struct spec {
    bool left, zero, plus, space, alt;
    int width;
    int precision; /* -1: none */
    int length;    /* 0 int, 1 long, 2 long long, -1 short, -2 char; z j t as long */
};

static void emit_padded(struct sink *s, const struct spec *sp, const char *text, int len)
{
    if (!sp->left) emit_repeat(s, ' ', sp->width - len);
    for (int i = 0; i < len; i++)
        emit(s, text[i]);
    if (sp->left) emit_repeat(s, ' ', sp->width - len);
}

/* An integer: [sign or prefix][zero padding to precision or width][digits]. */
static void emit_number(struct sink *s, const struct spec *sp, uint64_t mag, bool negative,
                        unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int ndigits = 0;

    if (mag == 0 && sp->precision == 0)
        ndigits = 0; /* C: zero with precision 0 prints no digits */
    else
        do {
            buf[ndigits++] = digits[mag % base];
            mag /= base;
        } while (mag);

    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int prefix_len = (sign ? 1 : 0) + (int)strlen(prefix);
    int zeros = sp->precision > ndigits ? sp->precision - ndigits : 0;
    if (sp->zero && !sp->left && sp->precision < 0 && sp->width > prefix_len + ndigits)
        zeros = sp->width - prefix_len - ndigits;
    int total = prefix_len + zeros + ndigits;

    if (!sp->left) emit_repeat(s, ' ', sp->width - total);
    if (sign) emit(s, sign);
    while (*prefix)
        emit(s, *prefix++);
    emit_repeat(s, '0', zeros);
    while (ndigits)
        emit(s, buf[--ndigits]);
    if (sp->left) emit_repeat(s, ' ', sp->width - total);
}

static uint64_t fetch_unsigned(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case -2: return (unsigned char)va_arg(*ap, unsigned int);
    case -1: return (unsigned short)va_arg(*ap, unsigned int);
    case 0: return va_arg(*ap, unsigned int);
    case 1: return va_arg(*ap, unsigned long);
    default: return va_arg(*ap, unsigned long long);
    }
}

static int64_t fetch_signed(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case -2: return (signed char)va_arg(*ap, int);
    case -1: return (short)va_arg(*ap, int);
    case 0: return va_arg(*ap, int);
    case 1: return va_arg(*ap, long);
    default: return va_arg(*ap, long long);
    }
}

/* Parses flags, width, precision and length after '%'; returns the conversion's position. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){.precision = -1};
    for (;; p++) {
        if (*p == '-')
            sp->left = true;
        else if (*p == '0')
            sp->zero = true;
        else if (*p == '+')
            sp->plus = true;
        else if (*p == ' ')
            sp->space = true;
        else if (*p == '#')
            sp->alt = true;
        else
            break;
    }
    if (*p == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        p++;
    } else {
        while (*p >= '0' && *p <= '9')
            sp->width = sp->width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
        p++;
        sp->precision = 0;
        if (*p == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0) sp->precision = -1;
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                sp->precision = sp->precision * 10 + (*p++ - '0');
        }
    }
    for (;; p++) {
        if (*p == 'h')
            sp->length = sp->length == -1 ? -2 : -1;
        else if (*p == 'l')
            sp->length++;
        else if (*p == 'z' || *p == 'j' || *p == 't')
            sp->length = 1;
        else
            break;
    }
    return p;
}

static void format(struct sink *s, const char *fmt, va_list ap_in)
{
    va_list ap;
    va_copy(ap, ap_in);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(s, *p);
            continue;
        }
        struct spec sp;
        p = parse_spec(p + 1, &sp, &ap);
        switch (*p) {
        case 'd':
        case 'i': {
            int64_t v = fetch_signed(&sp, &ap);
            emit_number(s, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false, "");
            break;
        }
        case 'u': emit_number(s, &sp, fetch_unsigned(&sp, &ap), false, 10, false, ""); break;
        case 'o':
            emit_number(s, &sp, fetch_unsigned(&sp, &ap), false, 8, false, sp.alt ? "0" : "");
            break;
        case 'x':
        case 'X': {
            uint64_t v = fetch_unsigned(&sp, &ap);
            const char *prefix = sp.alt && v ? (*p == 'x' ? "0x" : "0X") : "";
            emit_number(s, &sp, v, false, 16, *p == 'X', prefix);
            break;
        }
        case 'p':
            sp.plus = sp.space = false;
            emit_number(s, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false, "0x");
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_padded(s, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str) str = "(null)";
            size_t len = sp.precision >= 0 ? strnlen(str, (size_t)sp.precision) : strlen(str);
            emit_padded(s, &sp, str, (int)len);
            break;
        }
        case '%': emit(s, '%'); break;
        case 0: p--; break; /* a lone '%' at the end */
        default:
            emit(s, '%');
            emit(s, *p);
            break;
        }
    }
    va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = {.buf = buf, .size = size};

    format(&s, fmt, ap);
    if (size) buf[s.len < size ? s.len : size - 1] = 0;
    return (int)s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    struct sink s = {.to_uart = true};

    format(&s, fmt, ap);
    return (int)s.len;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
