/*
 * Reading the harness output (guest/harness.c): comparing two runs case by
 * case, and printing full-state lines readably.
 */
#include "results.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size);
    if (!p) {
        fprintf(stderr, "diffgen: out of memory\n");
        exit(1);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

bool run_output_read(const char *path, struct run_output *out)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    *out = (struct run_output){0};
    if (!f) return false;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        unsigned long id;
        char kind;
        int used = 0;
        if (sscanf(line, "%c %lu %n", &kind, &id, &used) == 2 && used > 0 &&
            (kind == 'H' || kind == 'F')) {
            out->lines = xrealloc(out->lines, (out->n + 1) * sizeof(*out->lines));
            out->ids = xrealloc(out->ids, (out->n + 1) * sizeof(*out->ids));
            out->lines[out->n] = xstrdup(line);
            out->ids[out->n++] = (uint32_t)id;
        } else if (sscanf(line, "END %lu", &id) == 1) {
            out->ended = true;
            out->end_count = (uint32_t)id;
        } else if (len > 0) {
            out->other = xrealloc(out->other, (out->nother + 1) * sizeof(*out->other));
            out->other[out->nother++] = xstrdup(line);
        }
    }
    free(line);
    fclose(f);
    return true;
}

void run_output_free(struct run_output *r)
{
    for (unsigned i = 0; i < r->n; i++)
        free(r->lines[i]);
    for (unsigned i = 0; i < r->nother; i++)
        free(r->other[i]);
    free(r->lines);
    free(r->ids);
    free(r->other);
}

const char *run_output_find(const struct run_output *r, uint32_t id)
{
    for (unsigned i = 0; i < r->n; i++)
        if (r->ids[i] == id) return r->lines[i];
    return NULL;
}

static bool parse_hex(const char **s, uint64_t *v, int digits)
{
    char *end;

    *v = strtoull(*s, &end, 16);
    if (end - *s != digits) return false;
    *s = end;
    return true;
}

bool parse_full_line(const char *s, struct full_line *out)
{
    unsigned long id, nexc;
    int used = 0;

    if (sscanf(s, "F %lu%n", &id, &used) != 1) return false;
    s += used;
    out->id = (uint32_t)id;
    for (unsigned i = 0; i < 33; i++) {
        if (*s++ != ' ' || !parse_hex(&s, &out->reg[i], 16)) return false;
    }
    if (sscanf(s, " E%lu%n", &nexc, &used) != 1) return false;
    s += used;
    out->nexc = (uint32_t)nexc;
    for (unsigned i = 0; i < nexc && i < DIFF_MAX_EXC; i++) {
        uint64_t esr, off;
        if (*s++ != ' ' || !parse_hex(&s, &esr, 8) || *s++ != ':' || !parse_hex(&s, &off, 8) ||
            *s++ != ':' || !parse_hex(&s, &out->exc[i].far, 16))
            return false;
        out->exc[i].esr = (uint32_t)esr;
        out->exc[i].offset = (uint32_t)off;
    }
    if (strncmp(s, " M", 2) != 0) return false;
    s += 2;
    for (unsigned i = 0; i < DIFF_DATA_SIZE; i++) {
        char byte[3] = {s[0], s[1], 0};
        char *end;
        if (!s[0] || !s[1]) return false;
        out->mem[i] = (uint8_t)strtoul(byte, &end, 16);
        if (*end) return false;
        s += 2;
    }
    return *s == 0;
}

static const char *reg_name(unsigned i)
{
    static char buf[8];

    if (i == 31) return "sp";
    if (i == 32) return "nzcv";
    snprintf(buf, sizeof(buf), "x%u", i);
    return buf;
}

static void format_nzcv(char *buf, uint64_t v)
{
    const char *flags = "NZCV";

    for (unsigned i = 0; i < 4; i++)
        buf[i] = (v >> (31 - i)) & 1 ? flags[i] : (char)(flags[i] + 'a' - 'A');
    buf[4] = 0;
}

static void print_exceptions(const char *label, const struct full_line *r)
{
    printf("    %-8s %u exception%s", label, r->nexc, r->nexc == 1 ? "" : "s");
    for (unsigned i = 0; i < r->nexc && i < DIFF_MAX_EXC; i++) {
        printf("%s ESR 0x%08x (EC 0x%02x) at code+0x%x", i ? "," : ":", r->exc[i].esr,
               r->exc[i].esr >> 26, r->exc[i].offset);
        if (r->exc[i].far) printf(" FAR 0x%" PRIx64, r->exc[i].far);
    }
    printf("\n");
}

void print_state(const struct full_line *r, bool with_memory)
{
    char flags[5];

    for (unsigned i = 0; i < 31; i++)
        printf("%s%-4s0x%016" PRIx64 "%s", i % 4 ? "  " : "    ", reg_name(i), r->reg[i],
               i % 4 == 3 || i == 30 ? "\n" : "");
    format_nzcv(flags, r->reg[32]);
    printf("  sp  0x%016" PRIx64 "  nzcv %s\n", r->reg[31], flags);
    if (with_memory)
        for (unsigned off = 0; off < DIFF_DATA_SIZE; off += 32) {
            printf("    mem+%03x ", off);
            for (unsigned i = 0; i < 32; i++)
                printf("%02x", r->mem[off + i]);
            printf("\n");
        }
}

unsigned print_differences(const struct full_line *a, const char *name_a, const struct full_line *b,
                           const char *name_b)
{
    unsigned n = 0;

    for (unsigned i = 0; i < 33; i++) {
        if (a->reg[i] == b->reg[i]) continue;
        n++;
        if (i == 32) {
            char fa[5], fb[5];
            format_nzcv(fa, a->reg[i]);
            format_nzcv(fb, b->reg[i]);
            printf("    %-5s %s %s   %s %s\n", "nzcv", name_a, fa, name_b, fb);
        } else {
            printf("    %-5s %s 0x%016" PRIx64 "   %s 0x%016" PRIx64 "\n", reg_name(i), name_a,
                   a->reg[i], name_b, b->reg[i]);
        }
    }
    if (a->nexc != b->nexc ||
        memcmp(a->exc, b->exc,
               sizeof(a->exc[0]) * (a->nexc < DIFF_MAX_EXC ? a->nexc : DIFF_MAX_EXC))) {
        n++;
        print_exceptions(name_a, a);
        print_exceptions(name_b, b);
    }
    for (unsigned off = 0; off < DIFF_DATA_SIZE; off += 8) {
        if (!memcmp(&a->mem[off], &b->mem[off], 8)) continue;
        n++;
        printf("    mem+%03x %s ", off, name_a);
        for (unsigned i = 0; i < 8; i++)
            printf("%02x", a->mem[off + i]);
        printf("   %s ", name_b);
        for (unsigned i = 0; i < 8; i++)
            printf("%02x", b->mem[off + i]);
        printf("   (bytes in memory order, at 0x%x)\n", DIFF_DATA + off);
    }
    return n;
}
