/* The guest library's printf formatting, through snprintf into a buffer. */
#include "test.h"

static char buf[128];

/* Formats into buf and checks both the text and the returned length. */
#define CHECK_FORMAT(expected, ...)                                                                \
    do {                                                                                           \
        int n_ = snprintf(buf, sizeof buf, __VA_ARGS__);                                           \
        CHECK_STR(buf, expected);                                                                  \
        CHECK_EQ(n_, strlen(expected));                                                            \
    } while (0)

static void integers(void)
{
    CHECK_FORMAT("0 -1 2147483647 -2147483648", "%d %d %d %d", 0, -1, 2147483647, (int)-2147483648);
    CHECK_FORMAT("4294967295 42", "%u %i", 4294967295u, 42);
    CHECK_FORMAT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
    CHECK_FORMAT("ffffffffffffffff", "%lx", ~0ul);
    CHECK_FORMAT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
    CHECK_FORMAT("-9223372036854775808", "%ld", (long)(-9223372036854775807L - 1));
    CHECK_FORMAT("18446744073709551615", "%lu", ~0ul);
    CHECK_FORMAT("255 65535 -1", "%hhu %hu %hhd", 0x1ff, 0x1ffff, 0xff);
    CHECK_FORMAT("17 0x1f 0X1F 0", "%o %#x %#X %#x", 15, 31, 31, 0);
    CHECK_FORMAT("4096 12", "%zu %zx", (size_t)4096, (size_t)18);
}

static void width_and_padding(void)
{
    CHECK_FORMAT("[   42]", "[%5d]", 42);
    CHECK_FORMAT("[42   ]", "[%-5d]", 42);
    CHECK_FORMAT("[00042]", "[%05d]", 42);
    CHECK_FORMAT("[-0042]", "[%05d]", -42);
    CHECK_FORMAT("[+42] [ 42]", "[%+d] [% d]", 42, 42);
    CHECK_FORMAT("00000000cafe", "%012lx", 0xcafeul);
    CHECK_FORMAT("0x00ff", "%#06x", 255);
    CHECK_FORMAT("[  007]", "[%5.3d]", 7);
    CHECK_FORMAT("[]", "[%.0d]", 0);
    CHECK_FORMAT("[    9]", "[%*d]", 5, 9);
    CHECK_FORMAT("[9    ]", "[%*d]", -5, 9);
    CHECK_FORMAT("[    x]", "[%5c]", 'x');
}

static void strings_and_others(void)
{
    CHECK_FORMAT("hello, world", "%s, %s", "hello", "world");
    CHECK_FORMAT("[  abc] [abc  ]", "[%5s] [%-5s]", "abc", "abc");
    CHECK_FORMAT("ab", "%.2s", "abcdef");
    const char *volatile no_string = 0; /* hidden from the compiler's format checks */
    CHECK_FORMAT("(null)", "%s", no_string);
    CHECK_FORMAT("A%B", "%c%%%c", 'A', 'B');
    CHECK_FORMAT("0x40100000", "%p", (void *)0x40100000);
    CHECK_FORMAT("0x0", "%p", (void *)0);
    CHECK_FORMAT("", "%s", "");
}

static void truncation(void)
{
    char small[8];

    memset(small, 'z', sizeof small);
    CHECK_EQ(snprintf(small, sizeof small, "%s", "0123456789"), 10);
    CHECK_STR(small, "0123456");
    CHECK_EQ(snprintf(small, 0, "%d", 12345), 5);
    CHECK_EQ(small[0], '0'); /* size 0: nothing written */
    CHECK_EQ(snprintf(small, 1, "abc"), 3);
    CHECK_EQ(small[0], 0);
    CHECK_EQ(memcmp(small + 1, "123456", 6), 0);
}

int main(void)
{
    integers();
    width_and_padding();
    strings_and_others();
    truncation();
    /* The UART path returns the count too ('\n' counts once). */
    CHECK_EQ(printf("printf to the console: %d%s\n", 7, "!"), 26);
    return test_summary();
}
