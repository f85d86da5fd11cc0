#!/usr/bin/env python3
"""Generates tests/unit/simd_vectors.h: reference results for the Advanced SIMD
data-processing instructions, recorded by running each instruction word on QEMU
(user mode, -cpu max).

Needs aarch64-linux-gnu-gcc with libc6-dev-arm64-cross, and qemu-user
(qemu-aarch64). Usage:
  tests/unit/vectors/gen_simd_vectors.py > tests/unit/simd_vectors.h
  tests/unit/vectors/gen_simd_vectors.py --raw FILE [SWEEP...]   (debugging: every run's result)
SIMD_EXTRA_STATES=N (SIMD_SEED=S) adds N random states drawn from the edge values, for long
offline comparisons (the harness holds at most 64 states).

Most words write V0 (or X0) and read V1 (Rn), V2 (Rm), V0 (accumulators),
V1-V4 (tables), X1 (DUP/INS general); each run starts from one of STATES, which
set every V register.
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

FPCR_AHP, FPCR_DN, FPCR_FZ, FPCR_FZ16 = 1 << 26, 1 << 25, 1 << 24, 1 << 19
RN, RP, RM, RZ = (m << 22 for m in range(4))


def pack(lanes, bits):
    """Lanes (lowest first) of width bits into the (lo, hi) halves of a V register."""
    v = 0
    for i, x in enumerate(lanes[: 128 // bits]):
        v |= (x & ((1 << bits) - 1)) << (i * bits)
    return (v & (2**64 - 1), v >> 64)


def rotate(values, k, n):
    return [values[(k + i) % len(values)] for i in range(n)]


def int_edges(bits):
    top = 1 << (bits - 1)
    return [0, 1, -1, top, top - 1, top + 1, -2, 2, 0x5555555555555555, 0xAAAAAAAAAAAAAAAA,
            top >> 1, (top >> 1) - 1, 3, 0x7F, 0x80, 0x8000]


def shift_counts(bits):
    """Lanes whose bottom byte is a shift count around the interesting limits."""
    return [c & 0xFF for c in (1, -1, bits - 1, bits, bits + 1, -bits, -(bits + 1), -(bits - 1),
                               0x7F, -0x80, 0, 2 * bits, -2 * bits, 65, -65, 5)]


F16 = [0x0000, 0x8000, 0x3C00, 0xBC00, 0x7C00, 0xFC00, 0x7E00, 0x7D00, 0xFE01, 0x0001, 0x83FF,
       0x0400, 0x7BFF, 0x3555, 0x4248, 0xC900, 0x5640, 0x3800, 0x3E00, 0x4100, 0x7A00, 0x1234,
       0xE400, 0xF800, 0x3C01, 0x0200, 0xB800, 0x4200]
F32 = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
       0x7FA00000, 0xFFC12345, 0x00000001, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0x3EAAAAAB,
       0x40490FDB, 0xC1200000, 0x42C80000, 0x3F000000, 0x3FC00000, 0x40200000, 0x4F000000,
       0xCF000000, 0x4F800000, 0x5F000000, 0xDF000001, 0x477FE000, 0x33800000, 0x4B000001,
       0xC0200000, 0x3F800001, 0x00400000, 0x477FF000]
F64 = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
       0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0x7FF4000000000000,
       0xFFF8123456789ABC, 0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0010000000000000,
       0x7FEFFFFFFFFFFFFF, 0x3FD5555555555555, 0x400921FB54442D18, 0xC024000000000000,
       0x4059000000000000, 0x3FE0000000000000, 0x3FF8000000000000, 0x4004000000000000,
       0x41E0000000000000, 0xC1E0000000000000, 0x43E0000000000000, 0xC3E0000000000001,
       0x47EFFFFFE0000000, 0x36A0000000000000, 0x3FF0000000000001, 0xC004000000000000,
       0x3810000000000000, 0x380FFFFFFFFFFFFF, 0x41F0000000000000, 0x4330000000000001]


def make_states():
    rng = random.Random(0x5EED)
    states = []  # (name, fpcr, x0, x1, [(lo, hi) x 6])

    def rand_regs(n=32):
        return [(rng.getrandbits(64), rng.getrandbits(64)) for _ in range(n)]

    states.append(("random", 0, rng.getrandbits(64), rng.getrandbits(64), rand_regs()))
    states.append(("random, round to zero", RZ, rng.getrandbits(64), rng.getrandbits(64), rand_regs()))
    for bits in (8, 16, 32, 64):
        n = 128 // bits
        regs = [pack(rotate(int_edges(bits), 5, n), bits), pack(int_edges(bits), bits),
                pack(shift_counts(bits), bits) if bits > 8 else
                pack([0, 1, 15, 16, 31, 32, 47, 48, 63, 64, 0x80, 0xFF, 0x3F, 7, 33, 0xF8], 8),
                pack(rotate(int_edges(bits), 3, n), bits)] + rand_regs(28)
        states.append(("%d-bit edges" % bits, 0, 0xFFFFFFFF80000001, 0x8000000000007F80, regs))
    for bits, values, fpcr_b in ((16, F16, FPCR_FZ16 | FPCR_DN | RP), (32, F32, FPCR_FZ | FPCR_DN | RM),
                                 (64, F64, FPCR_FZ | FPCR_DN | RZ)):
        n = 128 // bits
        for k, fpcr in ((0, 0), (1, fpcr_b)):
            regs = [pack(rotate(values, (7 * r + 3 * k) * n % len(values), n), bits) for r in range(6)]
            regs += rand_regs(26)
            states.append(("fp%d specials %d" % (bits, k), fpcr, 0, 0x3FF0000000000000, regs))
    mixed = [pack(rotate(F32, 8 + 4 * r, 4), 32) for r in range(6)] + rand_regs(26)
    mixed[1] = pack(rotate(F32, 20, 4), 32)
    states.append(("fp32 to half, AHP, round up", FPCR_AHP | RP, 0, 0, mixed))
    return states


def random_states(count, seed):
    """Extra states for long offline runs: lanes drawn from the edge and special values."""
    rng = random.Random(seed)
    pools = [(8, int_edges(8)), (16, int_edges(16)), (32, int_edges(32)), (64, int_edges(64)),
             (16, F16), (32, F32), (64, F64)]
    states = []
    for k in range(count):
        regs = []
        for _ in range(32):
            if rng.random() < 0.25:
                regs.append((rng.getrandbits(64), rng.getrandbits(64)))
                continue
            bits, values = rng.choice(pools)
            regs.append(pack([rng.choice(values) for _ in range(128 // bits)], bits))
        fpcr = rng.choice([0, FPCR_FZ, FPCR_DN, FPCR_FZ | FPCR_DN, FPCR_FZ16, FPCR_AHP]) | (rng.randrange(4) << 22)
        states.append(("random edges %d" % k, fpcr, rng.getrandbits(64), rng.getrandbits(64), regs))
    return states


STATES = make_states()
if os.environ.get("SIMD_EXTRA_STATES"):
    STATES += random_states(int(os.environ["SIMD_EXTRA_STATES"]), int(os.environ.get("SIMD_SEED", "1")))
ALL = list(range(len(STATES)))

# Encoding sweeps (name, base, [(lowest bit, width)...]): every combination of the fields,
# first field slowest, each word run from every state. Rd = 0, Rn = 1, Rm = 2.
SWEEPS = [
    ("three same", 0x0E220420, [(30, 1), (29, 1), (22, 2), (11, 5)]),
    ("scalar three same", 0x5E220420, [(29, 1), (22, 2), (11, 5)]),
    ("three same FP16", 0x0E420420, [(30, 1), (29, 1), (23, 1), (11, 3)]),
    ("scalar three same FP16", 0x5E420420, [(29, 1), (23, 1), (11, 3)]),
    ("three same extra", 0x0E028420, [(30, 1), (29, 1), (22, 2), (11, 4)]),
    ("scalar three same extra", 0x5E028420, [(29, 1), (22, 2), (11, 4)]),
    ("two-reg misc", 0x0E200820, [(30, 1), (29, 1), (22, 2), (12, 5)]),
    ("scalar two-reg misc", 0x5E200820, [(29, 1), (22, 2), (12, 5)]),
    ("two-reg misc FP16", 0x0E780820, [(30, 1), (29, 1), (23, 1), (12, 5)]),
    ("scalar two-reg misc FP16", 0x5E780820, [(29, 1), (23, 1), (12, 5)]),
    ("three different", 0x0E220020, [(30, 1), (29, 1), (22, 2), (12, 4)]),
    ("scalar three different", 0x5E220020, [(29, 1), (22, 2), (12, 4)]),
    ("shift by immediate", 0x0F000420, [(30, 1), (29, 1), (16, 7), (11, 5)]),
    ("scalar shift by immediate", 0x5F000420, [(29, 1), (16, 7), (11, 5)]),
    ("modified immediate", 0x0F000400, [(30, 1), (29, 1), (16, 3), (12, 4), (11, 1), (9, 1), (5, 1)]),
    ("across lanes", 0x0E300820, [(30, 1), (29, 1), (22, 2), (12, 5)]),
    ("scalar pairwise", 0x5E300820, [(29, 1), (22, 2), (12, 5)]),
    ("copy", 0x0E000420, [(30, 1), (29, 1), (16, 5), (11, 4)]),
    ("scalar copy", 0x5E000420, [(29, 1), (16, 5), (11, 4)]),
    ("permute", 0x0E020820, [(30, 1), (22, 2), (12, 3)]),
    ("extract", 0x2E020020, [(30, 1), (22, 2), (11, 4)]),
    ("table lookup", 0x0E020020, [(30, 1), (22, 2), (13, 2), (12, 1)]),
    ("table lookup, registers wrap", 0x0E0203C0, [(30, 1), (13, 2), (12, 1)]),
    ("high registers", 0x0E3F07A0, [(30, 1), (29, 1), (22, 2), (11, 5)]),
    ("by element", 0x0F020020, [(30, 1), (29, 1), (22, 2), (21, 1), (20, 1), (12, 4), (11, 1)]),
    ("scalar by element", 0x5F020020, [(29, 1), (22, 2), (21, 1), (20, 1), (12, 4), (11, 1)]),
    ("general register 31", 0x0E000FE0, [(30, 1), (16, 5), (12, 1)]),
    ("crypto AES", 0x4E280820, [(22, 2), (12, 5)]),
    ("crypto three-register SHA", 0x5E020020, [(22, 2), (12, 3)]),
    ("crypto two-register SHA", 0x5E280820, [(22, 2), (12, 5)]),
    ("crypto three-register SHA512", 0xCE628020, [(14, 1), (10, 2)]),
    ("crypto two-register SHA512", 0xCEC08020, [(10, 2)]),
    ("crypto four-register", 0xCE020C20, [(21, 2), (10, 1)]),
    ("crypto XAR", 0xCE820020, [(10, 6)]),
]
SWEEP_CHUNK = 4096

# Features QEMU -cpu max has and avsim does not advertise: their encodings must be
# UNDEFINED on avsim. (mask, value, what)
NOT_ADVERTISED = [
    (0xBFE0FC00, 0x0E20EC00, "FEAT_FHM FMLAL (vector)"),
    (0xBFE0FC00, 0x0EA0EC00, "FEAT_FHM FMLSL (vector)"),
    (0xBFE0FC00, 0x2E20CC00, "FEAT_FHM FMLAL2 (vector)"),
    (0xBFE0FC00, 0x2EA0CC00, "FEAT_FHM FMLSL2 (vector)"),
    (0xBFC0F400, 0x0F800000, "FEAT_FHM FMLAL (by element)"),
    (0xBFC0F400, 0x0F804000, "FEAT_FHM FMLSL (by element)"),
    (0xBFC0F400, 0x2F808000, "FEAT_FHM FMLAL2 (by element)"),
    (0xBFC0F400, 0x2F80C000, "FEAT_FHM FMLSL2 (by element)"),
    (0xBF20E400, 0x2E00C400, "FEAT_FCMA FCMLA (vector)"),
    (0xBF20EC00, 0x2E00E400, "FEAT_FCMA FCADD"),
    (0xBF009400, 0x2F001000, "FEAT_FCMA FCMLA (by element)"),
    (0xBFE0FC00, 0x0E809C00, "FEAT_I8MM USDOT (vector)"),
    (0xFFE0FC00, 0x4E80A400, "FEAT_I8MM SMMLA"),
    (0xFFE0FC00, 0x6E80A400, "FEAT_I8MM UMMLA"),
    (0xFFE0FC00, 0x4E80AC00, "FEAT_I8MM USMMLA"),
    (0xBFC0F400, 0x0F00F000, "FEAT_I8MM SUDOT (by element)"),
    (0xBFC0F400, 0x0F80F000, "FEAT_I8MM USDOT (by element)"),
    (0xBFE0FC00, 0x2E40FC00, "FEAT_BF16 BFDOT (vector)"),
    (0xFFE0FC00, 0x6E40EC00, "FEAT_BF16 BFMMLA"),
    (0xBFE0FC00, 0x2EC0FC00, "FEAT_BF16 BFMLALB/T (vector)"),
    (0xBFFFFC00, 0x0EA16800, "FEAT_BF16 BFCVTN"),
    (0xBFC0F400, 0x0F40F000, "FEAT_BF16 BFDOT (by element)"),
    (0xBFC0F400, 0x0FC0F000, "FEAT_BF16 BFMLALB/T (by element)"),
    (0xFFE0F000, 0xCE60C000, "FEAT_SM3 SM3PARTW1/2, FEAT_SM4 SM4EKEY"),
    (0xFFFFFC00, 0xCEC08400, "FEAT_SM4 SM4E"),
    (0xFFE08000, 0xCE400000, "FEAT_SM3 SM3SS1"),
    (0xFFE0C000, 0xCE408000, "FEAT_SM3 SM3TT*"),
]

# Where QEMU 10.0 departs from the Arm ARM: (mask, value, what, fix) with fix(result) the
# architected result (None: UNDEFINED).
QEMU_DEVIATIONS = [
    (0xBFF8FC00, 0x2F00FC00, "MOVI/FMOV with op = 1, cmode = 1111, o2 = 1 (unallocated)",
     lambda r: None),
    (0xFFFFFC00, 0x7EF8F800, "FNEG (scalar two-reg misc, half precision: unallocated)",
     lambda r: None),
    (0xBF7FCC00, 0x0E70C800, "FMAXNMV/FMAXV/FMINNMV/FMINV (half precision) with bit 22 set "
     "(unallocated)", lambda r: None),
    (0xFF7FCC00, 0x5E70C800, "FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP (scalar, half precision) with "
     "bit 22 set (unallocated)", lambda r: None),
    (0xFFF0FC00, 0x5F10FC00, "FCVTZS (scalar, fixed-point, half precision): QEMU sign-extends "
     "the 16-bit result into 32 bits", lambda r: (r[0] & 0xFFFF,) + r[1:]),
]

# Unallocated encodings that abort QEMU 10.0 (an assertion in its FP16 two-register misc
# decoder) instead of raising UNDEFINED: never run there, recorded as UNDEFINED.
QEMU_ABORTS = [
    (0xBFFFFC00, 0x0EF9F800, "FRECPX (vector, half precision)"),
    (0xFFFFFC00, 0x5EF8F800, "FABS (scalar two-reg misc, half precision)"),
    (0xFFFFFC00, 0x7EF9F800, "FSQRT (scalar two-reg misc, half precision)"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def sweep_words(base, fields):
    words = [base]
    for bit, width in fields:
        words = [w | v << bit for w in words for v in range(1 << width)]
    return words


def fnv1a(h, value):
    for i in range(8):
        h ^= (value >> (8 * i)) & 0xFF
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


UNDEF_MARK = 0x554E444546


def not_advertised(w):
    return any(w & m == v for m, v, _ in NOT_ADVERTISED)


def run_qemu(words):
    """{(word, state): (v0lo, v0hi, x0, fpsr) or None} for every word from every state."""
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "harness")
        run(["aarch64-linux-gnu-gcc", "-O1", "-static", os.path.join(HERE, "simd_harness.c"), "-o", exe])
        lines = []
        for i, (_, fpcr, x0, x1, regs) in enumerate(STATES):
            lines.append("S %x %x %x %x %s\n" % (i, fpcr, x0, x1,
                                                 " ".join("%x %x" % r for r in regs)))
        aborts = {w for w in words if any(w & m == v for m, v, _ in QEMU_ABORTS)}
        runs = [(w, s) for w in words if w not in aborts for s in ALL]
        lines += ["R %08x %x\n" % r for r in runs]
        out = run(["qemu-aarch64", "-cpu", "max", exe], input="".join(lines)).splitlines()
    assert len(out) == len(runs)
    results = {(w, s): None for w in aborts for s in ALL}
    for (w, s), line in zip(runs, out):
        f = line.split()
        assert int(f[0], 16) == w
        r = None if f[1] == "UNDEF" or not_advertised(w) else tuple(int(v, 16) for v in f[1:])
        for m, v, _, fix in QEMU_DEVIATIONS:
            if w & m == v and r is not None:
                r = fix(r)
        results[(w, s)] = r
    return results


def sweep_hashes(words, results):
    hashes, h = [], 0xCBF29CE484222325
    runs = [(w, s) for w in words for s in ALL]
    for k, run_ in enumerate(runs):
        r = results[run_]
        if r is None:
            h = fnv1a(h, UNDEF_MARK)
        else:
            for v in r:
                h = fnv1a(h, v)
        if (k + 1) % SWEEP_CHUNK == 0 or k + 1 == len(runs):
            hashes.append(h)
            h = 0xCBF29CE484222325
    return hashes


def main():
    sweeps = SWEEPS
    raw = None
    if len(sys.argv) > 2 and sys.argv[1] == "--raw":
        raw = sys.argv[2]
        if len(sys.argv) > 3:
            sweeps = [s for s in SWEEPS if s[0] in sys.argv[3:]]
    words = sorted({w for _, base, fields in sweeps for w in sweep_words(base, fields)})
    results = run_qemu(words)
    if raw:
        with open(raw, "w") as f:
            for _, base, fields in sweeps:
                for w in sweep_words(base, fields):
                    for s in ALL:
                        r = results[(w, s)]
                        f.write("%08x %d %s\n" % (w, s, "UNDEF" if r is None else " ".join("%x" % v for v in r)))
        return

    p = print
    p("/* Generated by tests/unit/vectors/gen_simd_vectors.py from QEMU (user mode, -cpu max) results. */")
    p("/* Do not edit: change the generator and run it again. */")
    p("")
    p("/* Input states: FPCR, X0, X1, V0-V31 (low, high); FPSR starts at 0. */")
    p("static const struct simd_state simd_states[] = {")
    for name, fpcr, x0, x1, regs in STATES:
        p("    /* %s */" % name)
        p("    {0x%x, 0x%x, 0x%x, {%s}}," % (fpcr, x0, x1, ", ".join("{0x%x, 0x%x}" % r for r in regs)))
    p("};")
    p("")
    p("/*")
    p(" * Encoding sweeps: each word is base | the listed fields, every combination,")
    p(" * first field slowest; each runs from every state. simd_hashes[] holds FNV-1a-64")
    p(" * hashes of V0 (low, high), X0 and FPSR (0x%x when UNDEFINED) per %d runs." % (UNDEF_MARK, SWEEP_CHUNK))
    p(" * Encodings of features avsim does not advertise count as UNDEFINED:")
    for _, _, what in NOT_ADVERTISED:
        p(" *   %s" % what)
    p(" * Where QEMU departs from the Arm ARM, the architected result is used:")
    for _, _, what, _ in QEMU_DEVIATIONS:
        p(" *   %s" % what)
    p(" */")
    p("#define SIMD_SWEEP_CHUNK %d" % SWEEP_CHUNK)
    p("#define SIMD_UNDEF_MARK 0x%xull" % UNDEF_MARK)
    all_hashes = []
    p("static const struct simd_sweep simd_sweeps[] = {")
    for name, base, fields in SWEEPS:
        hashes = sweep_hashes(sweep_words(base, fields), results)
        p("    {\"%s\", 0x%08x, {%s}, %d, %d, %d}," % (
            name, base, ", ".join("{%d, %d}" % f for f in fields), len(fields), len(all_hashes), len(hashes)))
        all_hashes += hashes
    p("};")
    p("")
    p("static const uint64_t simd_hashes[] = {")
    for i in range(0, len(all_hashes), 4):
        p("    " + " ".join("0x%016xull," % h for h in all_hashes[i:i + 4]))
    p("};")


if __name__ == "__main__":
    main()
