/* Case construction and layout (builder.h). */
#include "builder.h"

#include <stdio.h>
#include <stdlib.h>

#include "coverage.h"

static void fatal(const char *what)
{
    fprintf(stderr, "diffgen: internal error: %s\n", what);
    exit(1);
}

uint64_t interesting_value(rng_t *r)
{
    static const uint64_t edges[] = {
        0x7fffffff,         0x80000000,         0xffffffff,         0x100000000,
        0x7fffffffffffffff, 0x8000000000000000, 0xffffffff80000000, 0xffffffff7fffffff,
        0x8000000080000000, 0x00000000ffff0000, 0xffffffffffff8000, 0x0000000000007fff,
        0x00000000000000ff, 0x0000000000000080, 0xffffffffffffff80, 0x0000000000008000,
    };

    switch (rng_below(r, 12)) {
    case 0: return rng_below(r, 17);
    case 1: return (uint64_t) - (int64_t)rng_range(r, 1, 16);
    case 2: return 1ull << rng_below(r, 64);
    case 3: return (1ull << rng_below(r, 64)) - 1;
    case 4: return edges[rng_below(r, sizeof(edges) / sizeof(edges[0]))] + rng_range(r, -1, 1);
    case 5: return (uint32_t)rng_next(r);
    case 6: return (uint64_t)(int64_t)(int32_t)rng_next(r);
    case 7: return (rng_next(r) & ~0xffffffffull) | rng_below(r, 130); /* shift amounts */
    default: return rng_next(r);
    }
}

uint64_t interesting_fp(rng_t *r, unsigned bits)
{
    static const unsigned int_limits[] = {7, 8, 15, 16, 31, 32, 63, 64}; /* 2^n near int limits */
    unsigned fbits = bits == 16 ? 10 : bits == 32 ? 23 : 52;
    uint64_t emax = (1ull << (bits - fbits - 1)) - 1, bias = emax >> 1; /* all-ones exponent */
    uint64_t fmask = (1ull << fbits) - 1, quiet = 1ull << (fbits - 1);
    uint64_t sign = (uint64_t)rng_below(r, 2) << (bits - 1), frac = rng_next(r) & fmask, exp;

    switch (rng_below(r, 16)) {
    case 0: return sign;                                                           /* zero */
    case 1: return sign | emax << fbits;                                           /* infinity */
    case 2: return sign | emax << fbits | quiet | (rng_percent(r, 50) ? 0 : frac); /* qNaN */
    case 3:
        return sign | emax << fbits | ((frac & (quiet - 1)) ? frac & (quiet - 1) : 1); /* sNaN */
    case 4: return sign | (frac ? frac : 1);                /* denormal */
    case 5: return sign | (rng_percent(r, 50) ? 1 : fmask); /* smallest, largest denormal */
    case 6: return sign | (emax - 1) << fbits | fmask;      /* largest normal */
    case 7: return sign | 1ull << fbits;                    /* smallest normal */
    case 8: exp = 1 + rng_below(r, 3); break;               /* near the smallest normal */
    case 9: exp = emax - 1 - rng_below(r, 3); break;        /* near overflow */
    case 10: exp = bias - 2 + rng_below(r, 5); break;       /* around 1.0 */
    case 11: {                                              /* integers, halves, ties */
        unsigned int_bits = rng_below(r, fbits + 2);        /* exponent above the bias */
        exp = bias + int_bits;
        if (int_bits + 1 < fbits) frac &= ~(fmask >> (int_bits + 1)); /* down to the half bit */
        break;
    }
    case 12: /* around 2^n for integer conversion limits */
        exp = bias + int_limits[rng_below(r, sizeof(int_limits) / sizeof(int_limits[0]))];
        if (exp >= emax) exp = emax - 1;
        if (rng_percent(r, 50)) frac = rng_percent(r, 50) ? 0 : fmask;
        break;
    default: exp = rng_below(r, (uint32_t)emax); break;
    }
    if (rng_percent(r, 25)) frac &= ~((1ull << rng_below(r, fbits)) - 1); /* short fractions */
    return sign | exp << fbits | frac;
}

/* A signed integer lane of bits (8-64) near an edge: 0, +-1, the limits, powers of two. */
static uint64_t interesting_lane(rng_t *r, unsigned bits)
{
    uint64_t top = 1ull << (bits - 1);

    switch (rng_below(r, 8)) {
    case 0: return rng_below(r, 3) - 1ull;
    case 1: return top + rng_range(r, -1, 1);
    case 2: return top >> rng_below(r, bits);
    case 3: return rng_below(r, 2 * bits + 2); /* shift counts */
    case 4: return -(uint64_t)rng_below(r, 2 * bits + 2);
    default: return rng_next(r);
    }
}

/* A V register: random, or lanes of one width holding FP or integer corner cases. */
static void random_vreg(rng_t *r, uint64_t v[2])
{
    unsigned kind = rng_below(r, 8), bits;

    v[0] = rng_next(r);
    v[1] = rng_next(r);
    if (kind < 2) return;
    bits = kind < 6 ? 16u << rng_below(r, 3) : 8u << rng_below(r, 4);
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    for (unsigned lane = 0; lane < 128 / bits; lane++) {
        uint64_t x = kind < 6 ? interesting_fp(r, bits) : interesting_lane(r, bits);
        unsigned pos = lane * bits % 64;
        uint64_t *half = &v[lane * bits / 64];
        *half = (*half & ~(mask << pos)) | (x & mask) << pos;
    }
}

uint64_t random_fpcr(rng_t *r)
{
    uint64_t fpcr = rng_percent(r, 40) ? 0 : (uint64_t)rng_below(r, 4) << 22; /* RMode */

    if (rng_percent(r, 30)) fpcr |= 1u << 24; /* FZ */
    if (rng_percent(r, 30)) fpcr |= 1u << 25; /* DN */
    if (rng_percent(r, 25)) fpcr |= 1u << 26; /* AHP */
    if (rng_percent(r, 30)) fpcr |= 1u << 19; /* FZ16 */
    return fpcr & DIFF_FPCR_MASK;
}

uint64_t random_fpsr(rng_t *r)
{
    uint64_t fpsr = rng_percent(r, 50) ? 0 : rng_next(r) & DIFF_FPSR_MASK;

    if (rng_percent(r, 50)) fpsr |= 1u << 4; /* IXC already set */
    return fpsr;
}

void builder_init(struct builder *b, rng_t rng)
{
    b->rng = rng;
    for (unsigned i = 0; i < 31; i++)
        b->state.x[i] = interesting_value(&b->rng);
    b->state.sp = DIFF_DATA;
    b->state.nzcv = (uint64_t)rng_below(&b->rng, 16) << 28;
    for (unsigned i = 0; i < 32; i++)
        random_vreg(&b->rng, b->state.v[i]);
    b->state.fpcr = random_fpcr(&b->rng);
    b->state.fpsr = random_fpsr(&b->rng);
    b->mem_seed = rng_next(&b->rng) | 1;
    b->nwords = 0;
    b->ngroups = 0;
    b->ntests = 0;
    b->protect = 0;
    b->exclusive_after_clrex = false;
    b->misalign = false;
    b->nrecent = 0;
    b->nrecent_v = 0;
    b->nslots = 0;
}

void begin_group(struct builder *b)
{
    if (b->ngroups >= MAX_GROUPS) fatal("too many groups in a case");
    b->group_start[b->ngroups++] = b->nwords;
}

static void emit(struct builder *b, uint32_t insn, const struct coverage_key *key, enum patch patch,
                 int32_t target)
{
    if (b->nwords >= MAX_BODY_WORDS) fatal("case body too long");
    b->body[b->nwords++] = (struct body_word){insn, (uint8_t)patch, target, key};
}

void emit_setup(struct builder *b, uint32_t insn)
{
    emit(b, insn, NULL, PATCH_NONE, 0);
}

void emit_test_patched(struct builder *b, const char *cls, const char *name, uint32_t insn,
                       enum patch patch, int32_t target)
{
    struct coverage_key *key = coverage_key(b->misalign ? "align" : cls, name);

    key->count++;
    b->ntests++;
    emit(b, insn, key, patch, target);
}

void emit_test(struct builder *b, const char *cls, const char *name, uint32_t insn)
{
    emit_test_patched(b, cls, name, insn, PATCH_NONE, 0);
}

void emit_setup_patched(struct builder *b, uint32_t insn, enum patch patch, int32_t target)
{
    emit(b, insn, NULL, patch, target);
}

void emit_adr_to_group(struct builder *b, unsigned rd, int32_t target)
{
    emit(b, 0x10000000 | rd, NULL, PATCH_ADR, target);
}

int new_slot(struct builder *b, uint32_t insn)
{
    if (b->nslots == MAX_SLOTS) return -1;
    b->slot[b->nslots] = insn;
    return (int)b->nslots++;
}

int32_t pick_target_group(struct builder *b)
{
    return (int32_t)(b->ngroups + rng_below(&b->rng, 4)); /* the next group is ngroups */
}

void emit_mov_imm(struct builder *b, unsigned rd, uint64_t value)
{
    unsigned zeros = 0, ones = 0;

    for (unsigned hw = 0; hw < 4; hw++) {
        uint16_t h = (uint16_t)(value >> (16 * hw));
        zeros += h == 0;
        ones += h == 0xffff;
    }
    bool inverted = ones > zeros;
    uint16_t skip = inverted ? 0xffff : 0; /* halfwords the first MOVZ/MOVN already sets */
    bool first = true;
    for (unsigned hw = 0; hw < 4; hw++) {
        uint16_t h = (uint16_t)(value >> (16 * hw));
        bool last = hw == 3;
        if (h == skip && !(first && last)) continue;
        if (first) {
            uint32_t imm = inverted ? (uint16_t)~h : h;
            emit_setup(b, (inverted ? 0x92800000u : 0xd2800000u) | hw << 21 | imm << 5 | rd);
            first = false;
        } else {
            emit_setup(b, 0xf2800000u | hw << 21 | (uint32_t)h << 5 | rd); /* MOVK */
        }
    }
}

void emit_sp_capture_restore(struct builder *b)
{
    unsigned copy = pick_dst(b, false);
    unsigned tmp = pick_reg_except(b, 1u << copy);

    emit_setup(b, 0x910003e0u | copy); /* MOV Xcopy, SP */
    emit_mov_imm(b, tmp, DIFF_DATA);
    emit_setup(b, 0x9100001fu | tmp << 5); /* MOV SP, Xtmp */
}

uint64_t pick_data_addr(struct builder *b, unsigned bytes, unsigned align, uint64_t max_off)
{
    uint64_t last = DIFF_DATA_SIZE - bytes - (b->misalign ? align : 0);

    if (last > max_off) last = max_off;
    uint64_t addr = DIFF_DATA + align * (uint64_t)rng_below(&b->rng, (uint32_t)(last / align) + 1);
    return b->misalign && align > 1 ? addr + rng_range(&b->rng, 1, align - 1) : addr;
}

bool pick_sp_base(struct builder *b)
{
    return !b->misalign && rng_percent(&b->rng, 10);
}

static void note_recent(struct builder *b, unsigned r)
{
    b->recent[b->nrecent++ % RECENT_DESTS] = (uint8_t)r;
}

unsigned pick_src(struct builder *b, bool allow_zr)
{
    if (allow_zr && rng_below(&b->rng, 16) == 0) return XZR;
    if (b->nrecent && rng_percent(&b->rng, 40)) {
        unsigned n = b->nrecent < RECENT_DESTS ? b->nrecent : RECENT_DESTS;
        return b->recent[rng_below(&b->rng, n)];
    }
    return rng_below(&b->rng, 31);
}

unsigned pick_reg_except(struct builder *b, uint32_t avoid)
{
    avoid |= b->protect;
    for (;;) {
        unsigned r = rng_below(&b->rng, 31);
        if (!(avoid & (1u << r))) {
            note_recent(b, r);
            return r;
        }
    }
}

unsigned pick_dst(struct builder *b, bool allow_zr)
{
    if (allow_zr && rng_below(&b->rng, 20) == 0) return XZR;
    return pick_reg_except(b, 0);
}

unsigned pick_vsrc(struct builder *b)
{
    if (b->nrecent_v && rng_percent(&b->rng, 40)) {
        unsigned n = b->nrecent_v < RECENT_DESTS ? b->nrecent_v : RECENT_DESTS;
        return b->recent_v[rng_below(&b->rng, n)];
    }
    return rng_below(&b->rng, 32);
}

unsigned pick_vdst(struct builder *b)
{
    unsigned r = rng_below(&b->rng, 32);

    b->recent_v[b->nrecent_v++ % RECENT_DESTS] = (uint8_t)r;
    return r;
}

/* The code index of group target's first word, or of the exit branch. */
static unsigned target_index(const struct builder *b, int32_t target, unsigned body_words)
{
    unsigned exit_index = DIFF_PREAMBLE_WORDS + body_words;

    if (target < 0 || (unsigned)target >= b->ngroups) return exit_index;
    unsigned start = b->group_start[target];
    return start >= body_words ? exit_index : DIFF_PREAMBLE_WORDS + start;
}

static uint32_t patch_word(const struct builder *b, const struct body_word *w, unsigned index,
                           unsigned body_words, uint32_t code_off, unsigned slots)
{
    bool to_slot = w->patch == PATCH_ADR_SLOT || w->patch == PATCH_BL_SLOT;
    unsigned target =
        to_slot ? slots + 2 * (unsigned)w->target : target_index(b, w->target, body_words);
    int32_t delta = (int32_t)target - (int32_t)index;
    uint32_t insn = w->insn;

    switch ((enum patch)w->patch) {
    case PATCH_NONE: break;
    case PATCH_IMM26:
    case PATCH_BL_SLOT: insn |= (uint32_t)delta & 0x3ffffff; break;
    case PATCH_IMM19: insn |= ((uint32_t)delta & 0x7ffff) << 5; break;
    case PATCH_IMM14: insn |= ((uint32_t)delta & 0x3fff) << 5; break;
    case PATCH_ADR:
    case PATCH_ADR_SLOT: insn |= ((uint32_t)delta & 0x7ffff) << 5; break; /* immlo = 0: words */
    case PATCH_LITERAL:
    case PATCH_LITERAL_Q: { /* bump the word offset to an 8- or 16-byte aligned address */
        int32_t imm19 = (int32_t)(((insn >> 5) & 0x7ffff) ^ 0x40000) - 0x40000;
        uint32_t words = w->patch == PATCH_LITERAL ? 2 : 4;
        while ((code_off / 4 + index + (uint32_t)imm19) % words)
            imm19++;
        insn = (insn & ~(0x7ffffu << 5)) | ((uint32_t)imm19 & 0x7ffff) << 5;
        break;
    }
    }
    return insn;
}

void layout_case(const struct builder *b, unsigned cut, uint32_t code_off, struct laid_case *out)
{
    unsigned body_words = cut < b->nwords ? cut : b->nwords;
    unsigned exit_index = DIFF_PREAMBLE_WORDS + body_words;
    unsigned literals = (exit_index + 2) & ~1u; /* 8-byte aligned: code_off is */
    unsigned slots = literals + 4;
    int64_t exit_distance = -(int64_t)(DIFF_EXIT_DISTANCE + code_off + exit_index * 4);

    if (code_off & 7) fatal("unaligned case code");
    /* LDR X30, =sp; MOV SP, X30; LDR X30, =x30 (the literals are 8 bytes apart) */
    out->words[0] = 0x58000000u | (literals - 0) << 5 | 30;
    out->words[1] = 0x910003dfu;
    out->words[2] = 0x58000000u | (literals + 2 - 2) << 5 | 30;
    for (unsigned i = 0; i < body_words; i++)
        out->words[DIFF_PREAMBLE_WORDS + i] =
            patch_word(b, &b->body[i], DIFF_PREAMBLE_WORDS + i, body_words, code_off, slots);
    out->words[exit_index] = 0x14000000u | ((uint32_t)(exit_distance / 4) & 0x3ffffff);
    if (exit_index + 1 < literals) out->words[exit_index + 1] = 0; /* UDF, never reached */
    out->words[literals + 0] = (uint32_t)b->state.sp;
    out->words[literals + 1] = (uint32_t)(b->state.sp >> 32);
    out->words[literals + 2] = (uint32_t)b->state.x[30];
    out->words[literals + 3] = (uint32_t)(b->state.x[30] >> 32);
    for (unsigned i = 0; i < b->nslots; i++) {
        out->words[slots + 2 * i] = b->slot[i];
        out->words[slots + 2 * i + 1] = 0xd65f03c0; /* RET */
    }
    out->nwords = slots + 2 * b->nslots;
}
