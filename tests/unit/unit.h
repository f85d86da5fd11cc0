/*
 * Minimal host unit-test macros. Each test program calls CHECK* and returns
 * unit_report(): 0 when every check passed. Failures are printed as they happen.
 */
#ifndef AVSIM_UNIT_H
#define AVSIM_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

static inline void unit_result(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        unit_passed++;
        return;
    }
    unit_failed++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

#define CHECK(cond) unit_result(!!(cond), __FILE__, __LINE__, #cond)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        unsigned long long check_a_ = (unsigned long long)(a);                                     \
        unsigned long long check_b_ = (unsigned long long)(b);                                     \
        unit_result(check_a_ == check_b_, __FILE__, __LINE__, #a " == " #b);                       \
        if (check_a_ != check_b_)                                                                  \
            fprintf(stderr, "    got 0x%llx (%llu), expected 0x%llx (%llu)\n", check_a_, check_a_, \
                    check_b_, check_b_);                                                           \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *check_a_ = (a), *check_b_ = (b);                                               \
        int check_ok_ = check_a_ && check_b_ && !strcmp(check_a_, check_b_);                       \
        unit_result(check_ok_, __FILE__, __LINE__, #a " equals " #b);                              \
        if (!check_ok_)                                                                            \
            fprintf(stderr, "    got \"%s\", expected \"%s\"\n", check_a_ ? check_a_ : "(null)",   \
                    check_b_ ? check_b_ : "(null)");                                               \
    } while (0)

/* haystack contains needle (e.g. an error message naming the bad value). */
#define CHECK_CONTAINS(haystack, needle)                                                           \
    do {                                                                                           \
        const char *check_h_ = (haystack), *check_n_ = (needle);                                   \
        int check_ok_ = check_h_ && strstr(check_h_, check_n_) != NULL;                            \
        unit_result(check_ok_, __FILE__, __LINE__, #haystack " contains " #needle);                \
        if (!check_ok_)                                                                            \
            fprintf(stderr, "    \"%s\" does not contain \"%s\"\n",                                \
                    check_h_ ? check_h_ : "(null)", check_n_);                                     \
    } while (0)

/* Prints the summary line; returns the exit status for main. */
static inline int unit_report(void)
{
    printf("%d passed, %d failed\n", unit_passed, unit_failed);
    return unit_failed != 0;
}

#endif
