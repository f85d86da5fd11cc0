/*
 * diffgen: the host side of the differential tester (tests/diff/README.md).
 *
 *   diffgen gen -s SEED [-c CLASSES] [-f FIRST] [-n CASES] [-k INSNS] [--full]
 *               [--prefixes] [--listing FILE] [--coverage FILE] -o BLOB
 *       Cases FIRST .. FIRST+CASES-1 of the seed: each has INSNS random test
 *       instructions (default 16) from the classes (comma-separated, or "all").
 *       A case depends only on (SEED, its number, CLASSES, INSNS).
 *       --prefixes: for the single case, one case per prefix of its body
 *       (ids 0..n), each ending after that many words, in full mode.
 *   diffgen single STATE_FILE ID WORD[,WORD...] -o BLOB
 *       One case running WORDs from the full state line ID of STATE_FILE.
 *   diffgen cmp REF TEST
 *       Prints "mismatch ID" / "missing ID" for each case of TEST that differs
 *       from REF; exit status 0 (same), 1 (differences), 2 (REF unusable).
 *   diffgen explain REF TEST ID [REF_NAME TEST_NAME]
 *       What differs between the full state lines ID of two runs.
 *   diffgen show FILE ID [--memory]
 *       The full state line ID of FILE, readably.
 *   diffgen classes
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "coverage.h"
#include "forms.h"
#include "results.h"

#define DEFAULT_INSNS 16
#define MAX_CASES     (1u << 20)

static void usage(void)
{
    fprintf(stderr,
            "usage: diffgen gen -s SEED [-c CLASSES] [-f FIRST] [-n CASES] [-k INSNS] [--full]\n"
            "                   [--prefixes] [--listing FILE] [--coverage FILE] -o BLOB\n"
            "       diffgen single STATE_FILE ID WORD[,WORD...] -o BLOB\n"
            "       diffgen cmp REF TEST\n"
            "       diffgen explain REF TEST ID [REF_NAME TEST_NAME]\n"
            "       diffgen show FILE ID [--memory]\n"
            "       diffgen classes\n");
    exit(2);
}

/* A number in decimal, or in hexadecimal with 0x. */
static uint64_t parse_number(const char *s, const char *what, uint64_t max)
{
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    char *end;

    errno = 0;
    unsigned long long v = strtoull(s, &end, hex ? 16 : 10);
    if (errno || end == s || *end || v > max || s[0] == '-') {
        fprintf(stderr, "diffgen: bad %s '%s'\n", what, s);
        exit(2);
    }
    return v;
}

/* The forms of the selected classes, one array per class. */
#define MAX_CLASSES 16
struct selection {
    const char *names[MAX_CLASSES];
    const struct form *forms[MAX_CLASSES][MAX_FORMS];
    unsigned count[MAX_CLASSES];
    unsigned nclasses;
};

static bool selected(const struct selection *sel, const char *cls)
{
    for (unsigned j = 0; j < sel->nclasses; j++)
        if (!strcmp(sel->names[j], cls)) return true;
    return false;
}

static void select_classes(const char *list, struct selection *sel)
{
    char *copy = strdup(list ? list : "all"), *save = NULL;

    sel->nclasses = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        bool all = !strcmp(tok, "all"), found = false;
        for (unsigned i = 0; diff_classes[i]; i++) {
            if (all ? !class_in_all(diff_classes[i]) : strcmp(tok, diff_classes[i])) continue;
            found = true;
            if (selected(sel, diff_classes[i]) || sel->nclasses == MAX_CLASSES) continue;
            sel->names[sel->nclasses] = diff_classes[i];
            sel->count[sel->nclasses] = forms_of_class(diff_classes[i], sel->forms[sel->nclasses]);
            sel->nclasses++;
        }
        if (!found) {
            fprintf(stderr, "diffgen: unknown class '%s' (see diffgen classes)\n", tok);
            exit(2);
        }
    }
    free(copy);
    if (!sel->nclasses) {
        fprintf(stderr, "diffgen: no classes selected\n");
        exit(2);
    }
}

/* Case `index` of the seed: INSNS test words from random forms of random classes. */
static void build_case(struct builder *b, const struct selection *sel, uint64_t seed,
                       uint64_t index, unsigned insns)
{
    builder_init(b, rng_for_case(seed, index));
    while (b->ntests < insns && b->nwords < MAX_BODY_WORDS - 64) {
        unsigned c = rng_below(&b->rng, sel->nclasses);
        const struct form *f = sel->forms[c][rng_below(&b->rng, sel->count[c])];
        f->gen(b, f);
    }
}

static void write_listing(FILE *f, uint32_t id, const struct builder *b,
                          const struct laid_case *laid)
{
    fprintf(f, "case %u\n", id);
    for (unsigned i = 0; i < b->nwords; i++) {
        const struct body_word *w = &b->body[i];
        fprintf(f, "%u\t%08x\t%s\t%s\t%s\n", i, laid->words[DIFF_PREAMBLE_WORDS + i],
                w->test ? "T" : "S", w->test ? w->test->cls : "setup",
                w->test ? w->test->name : "-");
    }
}

static FILE *open_or_die(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "diffgen: cannot write %s\n", path);
        exit(1);
    }
    return f;
}

static int cmd_gen(int argc, char **argv)
{
    static const struct option long_options[] = {{"full", no_argument, NULL, 'F'},
                                                 {"prefixes", no_argument, NULL, 'P'},
                                                 {"listing", required_argument, NULL, 'L'},
                                                 {"coverage", required_argument, NULL, 'C'},
                                                 {NULL, 0, NULL, 0}};
    static struct builder b;
    static struct selection sel;
    const char *classes = NULL, *out = NULL, *listing = NULL, *coverage = NULL;
    uint64_t seed = 0, first = 0, ncases = 1, insns = DEFAULT_INSNS;
    bool have_seed = false, full = false, prefixes = false;
    int opt;

    while ((opt = getopt_long(argc, argv, "s:c:f:n:k:o:", long_options, NULL)) != -1) {
        switch (opt) {
        case 's': seed = parse_number(optarg, "seed", UINT64_MAX), have_seed = true; break;
        case 'c': classes = optarg; break;
        case 'f': first = parse_number(optarg, "first case", UINT32_MAX); break;
        case 'n': ncases = parse_number(optarg, "case count", MAX_CASES); break;
        case 'k': insns = parse_number(optarg, "instructions per case", 512); break;
        case 'o': out = optarg; break;
        case 'F': full = true; break;
        case 'P': prefixes = full = true; break;
        case 'L': listing = optarg; break;
        case 'C': coverage = optarg; break;
        default: usage();
        }
    }
    if (optind != argc || !have_seed || !out || !ncases || !insns || first + ncases > UINT32_MAX)
        usage();
    if (prefixes && ncases != 1) {
        fprintf(stderr, "diffgen: --prefixes needs exactly one case (-n 1)\n");
        return 2;
    }
    select_classes(classes, &sel);
    FILE *list = listing ? open_or_die(listing) : NULL;
    struct blob bl;
    if (prefixes) {
        build_case(&b, &sel, seed, first, (unsigned)insns);
        blob_init(&bl, b.nwords + 1, 0, DIFF_FLAG_FULL);
        const struct laid_case *laid = NULL;
        for (unsigned cut = 0; cut <= b.nwords; cut++)
            laid = blob_add(&bl, cut, &b, cut, NULL);
        if (list) write_listing(list, (uint32_t)first, &b, laid);
    } else {
        blob_init(&bl, (uint32_t)ncases, 0, full ? DIFF_FLAG_FULL : 0);
        for (uint64_t i = first; i < first + ncases; i++) {
            build_case(&b, &sel, seed, i, (unsigned)insns);
            const struct laid_case *laid = blob_add(&bl, (uint32_t)i, &b, b.nwords, NULL);
            if (list) write_listing(list, (uint32_t)i, &b, laid);
        }
    }
    blob_save(&bl, out);
    if (list && fclose(list) != 0) return 1;
    if (coverage) {
        FILE *f = open_or_die(coverage);
        coverage_write(f);
        if (fclose(f) != 0) return 1;
    }
    return 0;
}

static void read_state(const char *path, const char *id_text, struct full_line *state)
{
    struct run_output r;
    uint32_t id = (uint32_t)parse_number(id_text, "case id", UINT32_MAX);

    if (!run_output_read(path, &r)) {
        fprintf(stderr, "diffgen: cannot read %s\n", path);
        exit(2);
    }
    const char *line = run_output_find(&r, id);
    if (!line || !parse_full_line(line, state)) {
        fprintf(stderr, "diffgen: %s has no full state line for case %u\n", path, id);
        exit(2);
    }
    run_output_free(&r);
}

/*
 * Immediate branches in a single-instruction case are retargeted to the exit;
 * register branches cannot be replayed out of their case.
 */
static enum patch branch_patch(uint32_t *w)
{
    if ((*w & 0x7c000000) == 0x14000000) return *w &= ~0x3ffffffu, PATCH_IMM26;
    if ((*w & 0xff000010) == 0x54000000 || (*w & 0x7e000000) == 0x34000000)
        return *w &= ~(0x7ffffu << 5), PATCH_IMM19;
    if ((*w & 0x7e000000) == 0x36000000) return *w &= ~(0x3fffu << 5), PATCH_IMM14;
    if ((*w & 0xfe000000) == 0xd6000000) {
        fprintf(stderr, "diffgen: a register branch cannot be run on its own\n");
        exit(3);
    }
    return PATCH_NONE;
}

static int cmd_single(int argc, char **argv)
{
    static struct builder b;
    static struct full_line state;
    struct blob bl;

    if (argc != 6 || strcmp(argv[4], "-o")) usage();
    read_state(argv[1], argv[2], &state);
    builder_init(&b, (rng_t){0});
    memcpy(b.state.x, state.reg, sizeof(b.state.x));
    b.state.sp = state.reg[31];
    b.state.nzcv = state.reg[32];
    b.state.fpcr = state.fpcr;
    b.state.fpsr = state.fpsr;
    memcpy(b.state.v, state.v, sizeof(b.state.v));
    begin_group(&b);
    char *copy = strdup(argv[3]), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        uint32_t w = (uint32_t)parse_number(tok, "instruction word", UINT32_MAX);
        enum patch patch = branch_patch(&w);
        emit_test_patched(&b, "single", "single", w, patch, -1);
    }
    free(copy);
    blob_init(&bl, 1, 1, DIFF_FLAG_FULL);
    blob_add(&bl, 0, &b, b.nwords, state.mem);
    blob_save(&bl, argv[5]);
    return 0;
}

static int cmd_cmp(int argc, char **argv)
{
    struct run_output ref, test;

    if (argc != 3) usage();
    if (!run_output_read(argv[1], &ref)) {
        fprintf(stderr, "diffgen: cannot read %s\n", argv[1]);
        return 2;
    }
    if (!run_output_read(argv[2], &test)) {
        fprintf(stderr, "diffgen: cannot read %s\n", argv[2]);
        run_output_free(&ref);
        return 2;
    }
    if (!ref.ended || ref.end_count != ref.n || ref.nother) {
        fprintf(stderr, "diffgen: the reference run %s is incomplete or unexpected:\n", argv[1]);
        for (unsigned i = 0; i < ref.nother && i < 10; i++)
            fprintf(stderr, "  %s\n", ref.other[i]);
        run_output_free(&ref);
        run_output_free(&test);
        return 2;
    }
    for (unsigned i = 0; i < test.nother && i < 10; i++)
        fprintf(stderr, "diffgen: %s printed: %s\n", argv[2], test.other[i]);
    unsigned bad = 0, j = 0;
    for (unsigned i = 0; i < ref.n; i++) {
        /* Both list cases in the same order; TEST may stop early. */
        const char *t = j < test.n && test.ids[j] == ref.ids[i] ? test.lines[j++] : NULL;
        if (!t || strcmp(t, ref.lines[i])) {
            printf("%s %u\n", t ? "mismatch" : "missing", ref.ids[i]);
            bad++;
        }
    }
    if (!test.ended) printf("unfinished\n");
    int status = bad || !test.ended || test.nother ? 1 : 0;
    run_output_free(&ref);
    run_output_free(&test);
    return status;
}

static int cmd_explain(int argc, char **argv)
{
    static struct full_line a, b;

    if (argc != 4 && argc != 6) usage();
    read_state(argv[1], argv[3], &a);
    read_state(argv[2], argv[3], &b);
    const char *name_a = argc == 6 ? argv[4] : "ref", *name_b = argc == 6 ? argv[5] : "test";
    if (!print_differences(&a, name_a, &b, name_b)) printf("    (no difference)\n");
    return 0;
}

static int cmd_show(int argc, char **argv)
{
    static struct full_line s;

    if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "--memory"))) usage();
    read_state(argv[1], argv[2], &s);
    print_state(&s, argc == 4);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) usage();
    const char *cmd = argv[1];
    argc--, argv++;
    if (!strcmp(cmd, "gen")) return cmd_gen(argc, argv);
    if (!strcmp(cmd, "single")) return cmd_single(argc, argv);
    if (!strcmp(cmd, "cmp")) return cmd_cmp(argc, argv);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc, argv);
    if (!strcmp(cmd, "show")) return cmd_show(argc, argv);
    if (!strcmp(cmd, "classes")) {
        for (unsigned i = 0; diff_classes[i]; i++) {
            const struct form *forms[MAX_FORMS];
            printf("%-8s %3u forms%s\n", diff_classes[i], forms_of_class(diff_classes[i], forms),
                   class_in_all(diff_classes[i]) ? "" : " (not in all)");
        }
        return 0;
    }
    usage();
}
