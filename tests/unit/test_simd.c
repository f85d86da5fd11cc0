/*
 * Advanced SIMD data-processing instructions (exec_simd_*.c): every encoding of
 * each class (simd_vectors.h sweeps) is decoded with decode_insn() and executed
 * on a bare cpu_t from the input states the generator used; V0, X0 and FPSR
 * afterwards (or UNDEFINED) are hashed and compared with the hashes of QEMU's
 * results (vectors/gen_simd_vectors.py).
 *
 * Debugging: AVSIM_SIMD_RAW=FILE writes every run's result in the format of
 * `gen_simd_vectors.py --raw`, so the two files can be compared line by line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "machine/machine.h"
#include "unit.h"

struct simd_state {
    uint32_t fpcr;
    uint64_t x0, x1;
    uint64_t v[32][2];
};

struct simd_sweep {
    const char *name;
    uint32_t base;
    uint8_t fields[8][2]; /* {lowest bit, width} */
    unsigned nfields, first_hash, nhashes;
};

#include "simd_vectors.h"

static machine_t machine; /* no EL2 */
static cpu_t cpu;
static FILE *raw;

static uint64_t fnv1a(uint64_t h, uint64_t value)
{
    for (int i = 0; i < 8; i++) {
        h ^= (value >> (8 * i)) & 0xFF;
        h *= 0x100000001B3ull;
    }
    return h;
}

/* Runs insn from state s at EL1 with FP enabled; false when it is UNDEFINED. */
static bool run(uint32_t insn, const struct simd_state *s, uint64_t out[4])
{
    decoded_t d;
    if (!decode_insn(&d, insn)) return false;
    cpu.machine = &machine;
    cpu.el = 1;
    cpu.sr[SR_CPACR_EL1] = 3u << 20;
    cpu.x[0] = s->x0;
    cpu.x[1] = s->x1;
    cpu.x[REG_ZR] = 0;
    for (unsigned r = 0; r < 32; r++)
        cpu.v[r] = (vreg_t){.d = {s->v[r][0], s->v[r][1]}};
    cpu.fpcr = s->fpcr;
    cpu.fpsr = 0;
    d.fn(&cpu, &d);
    out[0] = cpu.v[0].d[0];
    out[1] = cpu.v[0].d[1];
    out[2] = cpu.x[0];
    out[3] = cpu.fpsr;
    return true;
}

static void test_sweep(const struct simd_sweep *sw)
{
    unsigned bits = 0, runs = 0, chunk = 0, nstates = ARRAY_SIZE(simd_states);
    uint64_t h = 0xCBF29CE484222325ull;

    for (unsigned f = 0; f < sw->nfields; f++)
        bits += sw->fields[f][1];
    unsigned total = (1u << bits) * nstates;
    for (uint32_t index = 0; index < 1u << bits; index++) {
        /* The first field is the slowest-varying: take the index apart from the last field. */
        uint32_t insn = sw->base, rest = index;
        for (unsigned f = sw->nfields; f-- > 0;) {
            insn |= (rest & ((1u << sw->fields[f][1]) - 1)) << sw->fields[f][0];
            rest >>= sw->fields[f][1];
        }
        for (unsigned s = 0; s < nstates; s++) {
            uint64_t out[4];
            if (run(insn, &simd_states[s], out)) {
                for (int i = 0; i < 4; i++)
                    h = fnv1a(h, out[i]);
                if (raw)
                    fprintf(raw, "%08x %u %llx %llx %llx %llx\n", insn, s,
                            (unsigned long long)out[0], (unsigned long long)out[1],
                            (unsigned long long)out[2], (unsigned long long)out[3]);
            } else {
                h = fnv1a(h, SIMD_UNDEF_MARK);
                if (raw) fprintf(raw, "%08x %u UNDEF\n", insn, s);
            }
            if (++runs % SIMD_SWEEP_CHUNK == 0 || runs == total) {
                bool same = chunk < sw->nhashes && h == simd_hashes[sw->first_hash + chunk];
                unit_result(same, __FILE__, __LINE__, sw->name);
                if (!same)
                    fprintf(stderr,
                            "    sweep %s: chunk %u (words up to 0x%08x) differs from QEMU\n",
                            sw->name, chunk, insn);
                chunk++;
                h = 0xCBF29CE484222325ull;
            }
        }
    }
    CHECK_EQ(chunk, sw->nhashes);
}

/* Rows of one class table never match the same word (the first row would shadow the other). */
static void test_rows_disjoint(void)
{
    static const insn_pattern_t *const tables[] = {
        simd_3same_patterns,    simd_fp_patterns,    simd_misc_patterns, simd_fpmisc_patterns,
        simd_3diff_patterns,    simd_shift_patterns, simd_imm_patterns,  simd_across_patterns,
        simd_fpacross_patterns, simd_perm_patterns,  simd_copy_patterns, simd_elem_patterns,
        simd_extra_patterns,    simd_crypto_patterns};
    for (size_t t = 0; t < ARRAY_SIZE(tables); t++)
        for (const insn_pattern_t *a = tables[t]; a->decode; a++)
            for (const insn_pattern_t *b = a + 1; b->decode; b++) {
                bool overlap = ((a->value ^ b->value) & a->mask & b->mask) == 0;
                unit_result(!overlap, __FILE__, __LINE__, "rows are disjoint");
                if (overlap) fprintf(stderr, "    rows %s and %s overlap\n", a->name, b->name);
            }
}

int main(void)
{
    test_rows_disjoint();
    const char *raw_path = getenv("AVSIM_SIMD_RAW");
    if (raw_path && !(raw = fopen(raw_path, "w"))) {
        perror(raw_path);
        return 1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(simd_sweeps); i++)
        test_sweep(&simd_sweeps[i]);
    if (raw) fclose(raw);
    return unit_report();
}
