/* Check bookkeeping for guest tests. */
#include "test.h"

static unsigned passed, failed;

/* Checks run on several CPUs at once (SMP tests, -accel tcg,thread=multi): atomic counts. */
static void count(unsigned *n)
{
    __asm__ volatile("stadd %w1, [%0]" : : "r"(n), "r"(1u) : "memory");
}

static bool record(bool ok)
{
    count(ok ? &passed : &failed);
    return ok;
}

unsigned test_failures(void)
{
    return failed;
}

int test_summary(void)
{
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}

bool test_check(bool ok, const char *expr, const char *file, int line)
{
    if (!ok) printf("FAIL %s:%d: CHECK(%s)\n", file, line, expr);
    return record(ok);
}

bool test_check_eq(uint64_t actual, uint64_t expected, bool want_equal, const char *actual_expr,
                   const char *expected_expr, const char *file, int line)
{
    bool ok = (actual == expected) == want_equal;

    if (!ok)
        printf("FAIL %s:%d: %s(%s, %s): got 0x%lx, %s 0x%lx\n", file, line,
               want_equal ? "CHECK_EQ" : "CHECK_NE", actual_expr, expected_expr, actual,
               want_equal ? "expected" : "must differ from", expected);
    return record(ok);
}

bool test_check_str(const char *actual, const char *expected, const char *expr, const char *file,
                    int line)
{
    bool ok = strcmp(actual, expected) == 0;

    if (!ok)
        printf("FAIL %s:%d: CHECK_STR(%s): got \"%s\", expected \"%s\"\n", file, line, expr, actual,
               expected);
    return record(ok);
}

/* Formats NZCV bits 31:28 as in CHECK_FLAGS ("nZCv"). */
static void format_flags(uint64_t nzcv, char out[5])
{
    static const char names[] = "NZCV";

    for (int i = 0; i < 4; i++) {
        bool set = (nzcv >> (31 - i)) & 1;
        out[i] = set ? names[i] : (char)(names[i] + ('a' - 'A'));
    }
    out[4] = 0;
}

bool test_check_flags(uint64_t nzcv, const char *expected, const char *expr, const char *file,
                      int line)
{
    char got[5];

    format_flags(nzcv, got);
    bool ok = strcmp(got, expected) == 0;
    if (!ok)
        printf("FAIL %s:%d: CHECK_FLAGS(%s): got %s (0x%lx), expected %s\n", file, line, expr, got,
               nzcv, expected);
    return record(ok);
}
