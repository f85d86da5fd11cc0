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

/* Exactly digits (at most 16) hexadecimal digits. */
static bool parse_hex(const char **s, uint64_t *v, int digits)
{
    *v = 0;
    for (int i = 0; i < digits; i++) {
        char c = (*s)[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                            : 16;
        if (d == 16) return false;
        *v = *v << 4 | d;
    }
    *s += digits;
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
    uint64_t fpcr, fpsr;
    if (*s++ != ' ' || !parse_hex(&s, &fpcr, 8) || *s++ != ' ' || !parse_hex(&s, &fpsr, 8))
        return false;
    out->fpcr = (uint32_t)fpcr;
    out->fpsr = (uint32_t)fpsr;
    for (unsigned i = 0; i < 32; i++) {
        if (*s++ != ' ' || !parse_hex(&s, &out->v[i][1], 16) || !parse_hex(&s, &out->v[i][0], 16))
            return false;
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

/* FPCR's Armv8.0 controls and FPSR's flags by name: "DN FZ RMode=RZ", "IOC IXC QC". */
static void format_fpcr(char *buf, size_t size, uint32_t v)
{
    static const char *const rmode[] = {"RN", "RP", "RM", "RZ"};

    snprintf(buf, size, "%s%s%s%sRMode=%s", v & 1u << 26 ? "AHP " : "", v & 1u << 25 ? "DN " : "",
             v & 1u << 24 ? "FZ " : "", v & 1u << 19 ? "FZ16 " : "", rmode[(v >> 22) & 3]);
}

static void format_fpsr(char *buf, size_t size, uint32_t v)
{
    static const struct {
        unsigned bit;
        const char *name;
    } flags[] = {{0, "IOC"}, {1, "DZC"}, {2, "OFC"}, {3, "UFC"},
                 {4, "IXC"}, {7, "IDC"}, {27, "QC"}};
    size_t n = 0;

    buf[0] = 0;
    for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]) && n < size; i++)
        if (v >> flags[i].bit & 1)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " " : "", flags[i].name);
    if (!n) snprintf(buf, size, "-");
}

static void print_fp_control(const char *label, const struct full_line *r)
{
    char fpcr[48], fpsr[48];

    format_fpcr(fpcr, sizeof(fpcr), r->fpcr);
    format_fpsr(fpsr, sizeof(fpsr), r->fpsr);
    printf("    %s%sfpcr 0x%08x (%s)  fpsr 0x%08x (%s)\n", label, *label ? " " : "", r->fpcr, fpcr,
           r->fpsr, fpsr);
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
    print_fp_control("", r);
    for (unsigned i = 0; i < 32; i++)
        printf("%sv%-3u0x%016" PRIx64 "_%016" PRIx64 "%s", i % 2 ? "  " : "    ", i, r->v[i][1],
               r->v[i][0], i % 2 ? "\n" : "");
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
    if (a->fpcr != b->fpcr || a->fpsr != b->fpsr) {
        n++;
        print_fp_control(name_a, a);
        print_fp_control(name_b, b);
    }
    for (unsigned i = 0; i < 32; i++) {
        if (a->v[i][0] == b->v[i][0] && a->v[i][1] == b->v[i][1]) continue;
        n++;
        printf("    v%-4u %s 0x%016" PRIx64 "_%016" PRIx64 "   %s 0x%016" PRIx64 "_%016" PRIx64
               "\n",
               i, name_a, a->v[i][1], a->v[i][0], name_b, b->v[i][1], b->v[i][0]);
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
