/*
 * What the generator (host, diffgen) and the guest harness (harness.c,
 * run_case.S, blob.S) agree on: fixed guest addresses and the case blob.
 * Included by C on both sides and by assembly (only the #defines then).
 *
 * Guest memory while a case runs (all RAM of -m 128M, above the program):
 *   DIFF_DATA .. +DIFF_DATA_SIZE   the data buffer every load/store targets;
 *                                  also the case's initial SP, so SP-based
 *                                  accesses with positive offsets reach it
 *   below DIFF_DATA                stack for exceptions taken by the case
 *   DIFF_CTX                       registers saved by the exit trampoline
 *                                  (16-byte aligned: V registers are stored
 *                                  with STP Q, and Device memory faults
 *                                  unaligned accesses)
 */
#ifndef DIFF_LAYOUT_H
#define DIFF_LAYOUT_H

#define DIFF_DATA      0x47000000
#define DIFF_DATA_SIZE 512
#define DIFF_CTX       0x47000400

/* DIFF_CTX: x0-x30 at 8 * n, then these; V0-V31 at CTX_V + 16 * n. */
#define CTX_SP         248
#define CTX_NZCV       256
#define CTX_HARNESS_SP 264
#define CTX_FPCR       272
#define CTX_FPSR       280
#define CTX_V          288

/*
 * The FP state diff_run_case loads (run_case.S): V0-V31 (low, high
 * doubleword each), FPCR, FPSR; 16-byte aligned.
 */
#define FPIN_FPCR 512
#define FPIN_FPSR 520

/*
 * The FPCR bits cases may set: the Armv8.0 controls AHP, DN, FZ, RMode and
 * FZ16. Never AH, FIZ, NEP (FEAT_AFP, which avsim does not advertise, while
 * QEMU -cpu max does) nor trap enables (QEMU implements no FP traps).
 */
#define DIFF_FPCR_MASK 0x07C80000u
/* The FPSR bits cases may set: cumulative flags IOC..IXC, IDC, QC. */
#define DIFF_FPSR_MASK 0x0800009Fu

/*
 * A case's code starts with this preamble, which loads SP and X30 from two
 * literals stored after the case's exit branch (every other register is set
 * by the harness, which enters through BR X30).
 */
#define DIFF_PREAMBLE_WORDS 3

/* The exit trampoline sits this many bytes before the blob (blob.S). */
#define DIFF_EXIT_DISTANCE 4096

#define DIFF_MAGIC   0x46444156 /* "AVDF" */
#define DIFF_VERSION 2

/* Header flags. */
#define DIFF_FLAG_FULL 1 /* print full state lines, not hashes */

/*
 * Each case runs twice: the second run executes code avsim has already
 * decoded. Hash lines cover both runs, full lines show the last.
 */
#define DIFF_RUNS 2

/* Exceptions recorded per case with full detail (all are hashed). */
#define DIFF_MAX_EXC 8

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * The blob: a header, a table of cases, then the per-case states, memory
 * images and code, at the offsets the table gives (all from the blob start,
 * which is 4 KiB aligned; code is 8-byte aligned).
 */
struct diff_header {
    uint32_t magic, version;
    uint32_t ncases, flags;
    uint32_t table_off;
    uint32_t runs; /* times each case runs from its initial state (1 or more) */
};

struct diff_case {
    uint32_t id;         /* printed with the case's result */
    uint32_t code_off;   /* preamble, body, exit branch, padding, literals, slots */
    uint32_t code_bytes; /* all of it */
    uint32_t state_off;  /* struct diff_state */
    uint32_t mem_off;    /* DIFF_DATA_SIZE bytes, or 0: filled from mem_seed */
    uint32_t reserved;
    uint64_t mem_seed;
};

/* Initial registers: x[30] and sp also sit in the code's literals. */
struct diff_state {
    uint64_t x[31];
    uint64_t sp;
    uint64_t nzcv;
    uint64_t fpcr, fpsr;
    uint64_t v[32][2]; /* V0-V31: bits 63:0, then 127:64 */
};

/* The data buffer fill for a seed: xorshift64*, one word at a time. */
static inline uint64_t diff_mem_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

/* The result hash: one 64-bit word at a time (each step is a bijection). */
#define DIFF_HASH_INIT 0xcbf29ce484222325ull
static inline uint64_t diff_hash(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    return h ^ (h >> 29);
}
#endif

#endif
