/*
 * The guest's small C library. Output goes to the PL011 UART; '\n' is sent
 * as "\r\n" (serial-console convention) but counts as one character.
 * printf conversions: d i u x X o c s p %, flags - 0 + space #, width and
 * precision (digits or *), length modifiers hh h l ll z j t.
 */
#ifndef GUEST_LIBC_H
#define GUEST_LIBC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

int putchar(int c);
int puts(const char *s); /* appends a newline, as C's puts */
int printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Writes one byte to the UART data register, waiting while its FIFO is full. */
void uart_write_byte(uint8_t byte);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strchr(const char *s, int c);

#endif
