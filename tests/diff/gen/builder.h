/*
 * Building one test case: its initial registers and memory seed, and its
 * body, a list of instruction words in groups. A group is what one form
 * emits: set-up words (registers a load/store needs, an ADR for BR) and the
 * test words being compared. Branches only go forward, to the start of a
 * later group or to the case's exit, so every case terminates and never
 * lands between a set-up word and the instruction that needs it.
 */
#ifndef DIFF_BUILDER_H
#define DIFF_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../diff_layout.h"
#include "rng.h"

#define MAX_BODY_WORDS 2048
#define MAX_GROUPS     1024
#define XZR            31 /* register number 31: XZR or SP depending on the field */
#define RECENT_DESTS   6

/* How a word's offset field is filled in when the case is laid out. */
enum patch {
    PATCH_NONE,
    PATCH_IMM26,     /* B, BL: to the target group */
    PATCH_IMM19,     /* B.cond, CBZ, CBNZ: to the target group */
    PATCH_IMM14,     /* TBZ, TBNZ: to the target group */
    PATCH_ADR,       /* ADR: to the target group */
    PATCH_LITERAL,   /* LDR (literal) X: bump imm19 so the address is 8-byte aligned */
    PATCH_LITERAL_Q, /* LDR (literal) Q: bump imm19 so the address is 16-byte aligned */
    PATCH_ADR_SLOT,  /* ADR: to code slot `target` */
    PATCH_BL_SLOT,   /* BL: to code slot `target` */
};

/*
 * Code slots, laid out after the case's literals: an instruction word and a
 * RET, called with BL (class "smc" rewrites them).
 */
#define MAX_SLOTS 64

struct coverage_key; /* coverage.h */

struct body_word {
    uint32_t insn;
    uint8_t patch;                   /* enum patch */
    int32_t target;                  /* group index for branch patches */
    const struct coverage_key *test; /* NULL for set-up words */
};

struct builder {
    rng_t rng;
    struct diff_state state; /* initial registers */
    uint64_t mem_seed;
    struct body_word body[MAX_BODY_WORDS];
    unsigned nwords;
    unsigned group_start[MAX_GROUPS];
    unsigned ngroups;
    unsigned ntests;
    uint32_t protect; /* registers a random destination must avoid */
    /* A store-exclusive has followed CLREX in this case (forms_simd_perm.c avoids DUP then). */
    bool exclusive_after_clrex;
    bool misalign; /* data addresses deliberately unaligned (class "align") */
    uint8_t recent[RECENT_DESTS];
    unsigned nrecent;
    uint8_t recent_v[RECENT_DESTS]; /* V registers recently written */
    unsigned nrecent_v;
    uint32_t slot[MAX_SLOTS]; /* the initial instruction word of each slot */
    unsigned nslots;
};

/* Starts a case: random registers (FP state included) and memory seed. */
void builder_init(struct builder *b, rng_t rng);

/* A new group; every form starts with this. */
void begin_group(struct builder *b);

/* Emits a set-up word, or a test word counted under key (class, name). */
void emit_setup(struct builder *b, uint32_t insn);
void emit_test(struct builder *b, const char *cls, const char *name, uint32_t insn);
/* A test word whose offset field is patched at layout (enum patch). */
void emit_test_patched(struct builder *b, const char *cls, const char *name, uint32_t insn,
                       enum patch patch, int32_t target);
/* A set-up word whose offset field is patched at layout. */
void emit_setup_patched(struct builder *b, uint32_t insn, enum patch patch, int32_t target);
/* ADR Xd to the start of group target (a set-up word). */
void emit_adr_to_group(struct builder *b, unsigned rd, int32_t target);

/* A new code slot holding insn; returns its number, or -1 if the case has no slot left. */
int new_slot(struct builder *b, uint32_t insn);

/* A forward branch target: one of the next few groups (or the exit). */
int32_t pick_target_group(struct builder *b);

/* Set-up: Xd = value (MOVZ or MOVN, then MOVK as needed). */
void emit_mov_imm(struct builder *b, unsigned rd, uint64_t value);

/*
 * After a test word that wrote SP: copies SP to a register (so the value is
 * compared), then sets SP back to DIFF_DATA, which later words rely on.
 */
void emit_sp_capture_restore(struct builder *b);

/*
 * An address in the data buffer for an access of bytes bytes, aligned to
 * align (unless b->misalign: then off by 1 to align-1), at most max_off
 * above DIFF_DATA.
 */
uint64_t pick_data_addr(struct builder *b, unsigned bytes, unsigned align, uint64_t max_off);

/* Whether a load/store uses SP (= DIFF_DATA) as its base: one in ten, if aligned. */
bool pick_sp_base(struct builder *b);

/* Registers. src: 0-31 (31 = XZR unless the field means SP); dst avoids b->protect. */
unsigned pick_src(struct builder *b, bool allow_zr);
unsigned pick_dst(struct builder *b, bool allow_zr);
/* A register 0-30 not in avoid (a mask); also not in b->protect. */
unsigned pick_reg_except(struct builder *b, uint32_t avoid);

/* V registers: src biased to recent destinations; dst noted as recent. */
unsigned pick_vsrc(struct builder *b);
unsigned pick_vdst(struct builder *b);

/* An operand value with edge cases (0, -1, sign boundaries, powers of two). */
uint64_t interesting_value(rng_t *r);

/*
 * A floating-point value of bits (16, 32 or 64) biased to the corner cases:
 * zeros, infinities, quiet and signalling NaNs, denormals, the largest and
 * smallest normals, integers and rounding ties, integer conversion limits.
 */
uint64_t interesting_fp(rng_t *r, unsigned bits);

/* A random FPCR (DIFF_FPCR_MASK bits only) and FPSR (DIFF_FPSR_MASK). */
uint64_t random_fpcr(rng_t *r);
uint64_t random_fpsr(rng_t *r);

/* Lays the body out as guest code (see diff_layout.h for the shape). */
struct laid_case {
    uint32_t words[MAX_BODY_WORDS + 8 + 2 * MAX_SLOTS];
    unsigned nwords; /* preamble, body, exit branch, padding, literals, slots */
};
/*
 * Only the first cut body words are kept; branches past them go to the exit.
 * code_off is the code's offset in the blob (8-byte aligned).
 */
void layout_case(const struct builder *b, unsigned cut, uint32_t code_off, struct laid_case *out);

#endif
