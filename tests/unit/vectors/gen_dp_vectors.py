#!/usr/bin/env python3
"""Generates reference results for the data-processing instructions, recorded
by running each instruction on QEMU (user mode), into tests/unit/: dp_inputs.h
(register inputs), dp_examples_imm.h and dp_examples_reg.h (examples per
encoding group), dp_sweeps.h (reserved encodings and encoding sweeps).

Needs aarch64-linux-gnu-gcc with libc6-dev-arm64-cross, and qemu-user
(qemu-aarch64). Usage: tests/unit/vectors/gen_dp_vectors.py [OUTDIR]

Every instruction reads X1 (Rn), X2 (Rm), X3 (Ra), SP, NZCV and writes X0, SP
or NZCV; BFM and MOVK also read X0.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (x0, x1, x2, x3, sp, nzcv): operand edges for carries, overflows, 32-bit
# forms with garbage in the upper half, division and shift-by-register corners.
INPUTS = [
    (0xFEDCBA9876543210, 0, 0, 0, 0x7FFF00001230, 0x00000000),
    (0x0123456789ABCDEF, 1, 1, 2, 0x7FFF00001230, 0x20000000),
    (0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 1, 0x10, 0x7FFF00001230, 0x40000000),
    (0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x10000, 0x60000000),
    (0xAAAAAAAAAAAAAAAA, 0xFFFFFFFFFFFFFFFF, 1, 0xFFFFFFFFFFFFFFFF, 0x10000, 0x80000000),
    (0x5555555555555555, 0x8000000000000000, 1, 1, 0xFFFFFFFFFFFFFFF0, 0x90000000),
    (0x8000000000000000, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 3, 0x100000000, 0x10000000),
    (0x00000000FFFFFFFF, 0xAAAAAAAA7FFFFFFF, 0x5555555500000001, 0x7FFFFFFF, 0x10000, 0xF0000000),
    (0xFFFFFFFF00000000, 0x00000000FFFFFFFF, 0xFFFFFFFF00000001, 0x80000000, 0x10000, 0x30000000),
    (0x1111111111111111, 0x0000000080000000, 0x00000000FFFFFFFF, 0x123456789, 0x20000, 0xA0000000),
    (0x2222222222222222, 0x123456789ABCDEF0, 0xFEDCBA9876543210, 0x0F0F0F0F0F0F0F0F, 0x20000, 0x50000000),
    (0x3333333333333333, 0x00000000DEADBEEF, 65, 0xFFFFFFFF00000000, 0x30000, 0xC0000000),
    (0x4444444444444444, 0xCAFEBABE80000000, 33, 0x8000000080000000, 0x30000, 0x70000000),
    (0x6666666666666666, 0x0123456789ABCDEF, 0, 0x1, 0x40000, 0xB0000000),
    (0x7777777777777777, 0xFFFFFFFF80000000, 0xFFFFFFFFFFFFFFFF, 0x5, 0x40000, 0xD0000000),
    (0x9999999999999999, 0x00000000C0000000, 0x0000000040000000, 0x7FFFFFFFFFFFFFFF, 0x50000, 0xE0000000),
    # Irregular bit patterns for the exhaustive encoding sweeps.
    (0x0F1E2D3C4B5A6978, 0x96C3A5F0E10F5A69, 0x6A5CF0E187B4D21E, 0x8421FEDC3579BDF0, 0x60000, 0x20000000),
    (0xA5A5A5A5A5A5A5A5, 0x6A5CF0E187B4D21E, 0x96C3A5F0E10F5A69, 0x13579BDF02468ACE, 0x60000, 0x90000000),
]
SWEEP_A, SWEEP_B = 16, 17
ALL_NZCV = list(range(16))  # the first 16 inputs hold every NZCV value

# Exhaustive encoding sweeps: every combination of the listed fields (bit, width),
# first field slowest, over the base word; each word runs with every listed input.
# Results are checked as FNV-1a hashes of chunks of SWEEP_CHUNK runs.
SWEEPS = [
    ("logical (immediate)", 0x12000020, [(31, 1), (29, 2), (22, 1), (16, 6), (10, 6)], [SWEEP_A, 4]),
    ("move wide", 0x12908420, [(31, 1), (29, 2), (21, 2)], [SWEEP_A]),
    ("bitfield", 0x13000020, [(31, 1), (29, 2), (22, 1), (16, 6), (10, 6)], [SWEEP_A, SWEEP_B]),
    ("extract", 0x13820020, [(31, 1), (29, 2), (22, 1), (21, 1), (10, 6)], [SWEEP_A, SWEEP_B]),
    ("add/sub (immediate)", 0x11200420, [(31, 1), (29, 2), (22, 1), (15, 2)], ALL_NZCV),
    ("add/sub (immediate, SP)", 0x112007FF, [(31, 1), (29, 2), (22, 1)], ALL_NZCV),
    ("logical (shifted register)", 0x0A020020, [(31, 1), (29, 2), (22, 2), (21, 1), (10, 6)],
     [SWEEP_A, SWEEP_B]),
    ("add/sub (shifted register)", 0x0B020020, [(31, 1), (29, 2), (22, 2), (10, 6)], [SWEEP_A, SWEEP_B]),
    ("add/sub (extended register)", 0x0B220020, [(31, 1), (29, 2), (22, 2), (13, 3), (10, 3)],
     [SWEEP_A, SWEEP_B]),
    ("add/sub (extended register, SP)", 0x0B2203FF, [(31, 1), (29, 2), (13, 3), (10, 3)],
     [SWEEP_A, SWEEP_B]),
    ("add/sub with carry", 0x1A020020, [(31, 1), (29, 2)], ALL_NZCV),
    ("conditional compare", 0x1A42002A, [(31, 1), (29, 2), (12, 4), (11, 1), (10, 1), (4, 1)],
     ALL_NZCV),
    ("conditional select", 0x1A820020, [(31, 1), (29, 2), (12, 4), (10, 2)], ALL_NZCV),
    ("data-processing (1 source)", 0x5AC00020, [(31, 1), (29, 1), (16, 1), (10, 6)], [SWEEP_A, SWEEP_B, 4]),
    ("data-processing (2 source)", 0x1AC20020, [(31, 1), (29, 1), (10, 6)], ALL_NZCV + [SWEEP_A]),
    ("data-processing (3 source)", 0x1B020C20, [(31, 1), (29, 2), (21, 3), (15, 1)],
     ALL_NZCV + [SWEEP_A]),
]
SWEEP_CHUNK = 4096

# Features avsim does not advertise although QEMU -cpu max has them: their
# encodings must be UNDEFINED on avsim. (mask, value, what)
NOT_ADVERTISED = [
    (0xDFE0FC00, 0x9AC00000, "MTE SUBP/SUBPS"),
    (0xFFE0FC00, 0x9AC01000, "MTE IRG"),
    (0xFFE0FC00, 0x9AC01400, "MTE GMI"),
    (0xFFE0FC00, 0x9AC03000, "PAuth PACGA"),
    (0xFFFF0000, 0xDAC10000, "PAuth PAC/AUT/XPAC"),
]

# Instructions whose corner cases need every input; the rest get three.
FULL = re.compile(r"^(adds|subs|cmp|cmn|negs|adc|adcs|sbc|sbcs|ngc|ngcs|ccmp|ccmn|udiv|sdiv|"
                  r"lsl|lsr|asr|ror|csel|csinc|csinv|csneg|cset|csetm|cinc|cneg|"
                  r"smulh|umulh|crc32\w*|cls|clz)\b")

INSNS = """
adr x0, .+0x100
adr x0, .-0x100000
adrp x0, .+0x5000
adrp x0, .-0x100000000
add x0, x1, #0x123
add x0, x1, #0xfff, lsl #12
add w0, w1, #1
sub x0, x1, #1
sub w0, w1, #0x800, lsl #12
adds x0, x1, #1
adds w0, w1, #1
adds x0, x1, #0xfff, lsl #12
subs x0, x1, #1
subs w0, w1, #0xfff
subs xzr, x1, #0
cmn w1, #1
cmp x1, #0x800, lsl #12
add x0, sp, #16
add sp, x1, #0x10
mov x0, sp
mov sp, x1
adds x0, sp, #1
subs x0, sp, #0x10
add w0, wsp, #4
add wsp, w1, #4
and x0, x1, #0xff
and x0, x1, #0xaaaaaaaaaaaaaaaa
orr x0, x1, #0x5555555555555555
eor x0, x1, #0xfffffffffffffffe
ands x0, x1, #0x8000000000000000
tst x1, #0x1
ands w0, w1, #0x80000000
and w0, w1, #0x0f0f0f0f
orr w0, w1, #0xf000000f
eor w0, w1, #0x3
mov x0, #0x00ff00ff00ff00ff
mov w0, #0xffff0000
and sp, x1, #0xfffffffffffffff0
orr x0, x1, #0x1ffffffff
and x0, x1, #0x7e
eor x0, x1, #0xc000000000000001
orr x0, x1, #0x0003000300030003
and w0, w1, #0x55555555
eor x0, x1, #0x0101010101010101
orr x0, x1, #0x0000ffff0000ffff
ands x0, x1, #0x7ffffffffffffffe
eor w0, w1, #0x80000001
movz x0, #0x1234, lsl #48
movz w0, #0xffff, lsl #16
movn x0, #0
movn w0, #0x1234
movn x0, #0x1234, lsl #32
movn w0, #0xffff, lsl #16
movk x0, #0xbeef, lsl #16
movk w0, #0xbeef, lsl #16
movk x0, #0x1, lsl #48
movk w0, #0x5a5a
movz xzr, #1
lsl x0, x1, #4
lsl w0, w1, #31
lsr x0, x1, #63
lsr w0, w1, #1
asr x0, x1, #7
asr w0, w1, #31
asr x0, x1, #63
ubfx x0, x1, #8, #16
ubfx w0, w1, #28, #4
sbfx x0, x1, #4, #8
sbfx w0, w1, #0, #12
sbfx x0, x1, #31, #33
ubfiz x0, x1, #60, #4
sbfiz x0, x1, #8, #4
sbfiz w0, w1, #30, #2
ubfiz w0, w1, #1, #31
bfi x0, x1, #8, #16
bfi w0, w1, #24, #8
bfxil x0, x1, #60, #4
bfxil w0, w1, #0, #32
bfc x0, #4, #8
bfc w0, #31, #1
sxtb x0, w1
sxth w0, w1
sxtw x0, w1
uxtb w0, w1
uxth w0, w1
sbfm x0, x1, #10, #5
ubfm w0, w1, #31, #30
bfm x0, x1, #63, #0
bfm w0, w1, #5, #4
sbfm w0, w1, #31, #31
ubfm x0, x1, #0, #63
extr x0, x1, x2, #0
extr x0, x1, x2, #1
extr x0, x1, x2, #63
extr w0, w1, w2, #0
extr w0, w1, w2, #31
extr w0, w1, w2, #16
ror x0, x1, #13
ror w0, w1, #5
and x0, x1, x2
and w0, w1, w2
bic x0, x1, x2, lsl #3
orr x0, x1, x2, lsr #63
orn w0, w1, w2, asr #31
eor x0, x1, x2, ror #17
eon w0, w1, w2, ror #31
eon x0, x1, x2
ands x0, x1, x2
ands w0, w1, w2, lsl #1
bics x0, x1, x2, asr #63
bics w0, w1, w2
tst x1, x2
tst w1, w2, ror #1
mov x0, x2
mov w0, w2
mvn x0, x2
mvn w0, w2, ror #4
orr x0, x1, x2, asr #0
orr w0, wzr, w2, lsl #1
eor w0, w1, w2, lsr #16
bic w0, w1, w2, lsr #31
add x0, x1, x2
add w0, w1, w2
add x0, x1, x2, lsl #63
add w0, w1, w2, asr #31
add x0, x1, x2, lsr #1
sub x0, x1, x2, lsr #5
sub w0, w1, w2
sub x0, x1, x2, asr #32
sub w0, w1, w2, lsl #16
adds x0, x1, x2
adds w0, w1, w2
subs x0, x1, x2
subs w0, w1, w2
cmp x1, x2, asr #1
cmn w1, w2, lsl #4
neg x0, x2
negs w0, w2
negs x0, x2, lsl #1
adds x0, x1, x2, lsr #32
subs w0, w1, w2, asr #3
add x0, x1, w2, uxtb
add x0, x1, w2, uxth #2
add x0, x1, w2, uxtw #4
add x0, x1, x2, uxtx #3
add x0, x1, w2, sxtb
add x0, x1, w2, sxth #1
add x0, x1, w2, sxtw
add x0, x1, x2, sxtx #4
add w0, w1, w2, uxtb #1
add w0, w1, w2, sxth #4
add w0, w1, w2, uxtx #2
add w0, w1, w2, sxtx #3
add w0, w1, w2, sxtw #1
sub x0, sp, w2, sxtw #2
sub sp, x1, x2
add x0, sp, x2
add sp, sp, w2, uxth
add w0, wsp, w2
adds x0, x1, w2, sxtb
subs x0, x1, w2, uxtw
cmp sp, x2
cmp w1, w2, sxtb
subs w0, w1, w2, uxth #3
adds w0, wsp, w2, sxtw
subs x0, sp, x2, sxtx #1
adc x0, x1, x2
adc w0, w1, w2
adcs x0, x1, x2
adcs w0, w1, w2
sbc x0, x1, x2
sbc w0, w1, w2
sbcs x0, x1, x2
sbcs w0, w1, w2
ngc x0, x2
ngcs w0, w2
ccmp x1, x2, #0b1010, eq
ccmp w1, w2, #15, ne
ccmn x1, x2, #0, ge
ccmn w1, w2, #8, lt
ccmp x1, #31, #2, hi
ccmp w1, #0, #4, ls
ccmn x1, #1, #1, al
ccmn w1, #5, #0, vs
ccmp x1, x2, #5, nv
ccmp x1, #1, #9, cs
ccmn w1, w2, #3, gt
ccmp w1, w2, #6, le
csel x0, x1, x2, eq
csel w0, w1, w2, hi
csinc x0, x1, x2, ge
csinc w0, w1, w2, lt
csinv x0, x1, x2, gt
csinv w0, w1, w2, le
csneg x0, x1, x2, mi
csneg w0, w1, w2, pl
cset x0, cc
csetm w0, cs
cinc x0, x1, vc
cneg w0, w1, vs
csel x0, x1, x2, al
csel x0, x1, x2, nv
csel w0, w1, w2, ls
csinc x0, x1, x2, ne
rbit x0, x1
rbit w0, w1
rev16 x0, x1
rev16 w0, w1
rev32 x0, x1
rev x0, x1
rev w0, w1
clz x0, x1
clz w0, w1
cls x0, x1
cls w0, w1
udiv x0, x1, x2
udiv w0, w1, w2
sdiv x0, x1, x2
sdiv w0, w1, w2
lsl x0, x1, x2
lsl w0, w1, w2
lsr x0, x1, x2
lsr w0, w1, w2
asr x0, x1, x2
asr w0, w1, w2
ror x0, x1, x2
ror w0, w1, w2
crc32b w0, w1, w2
crc32h w0, w1, w2
crc32w w0, w1, w2
crc32x w0, w1, x2
crc32cb w0, w1, w2
crc32ch w0, w1, w2
crc32cw w0, w1, w2
crc32cx w0, w1, x2
madd x0, x1, x2, x3
madd w0, w1, w2, w3
msub x0, x1, x2, x3
msub w0, w1, w2, w3
mul x0, x1, x2
mul w0, w1, w2
mneg x0, x1, x2
smaddl x0, w1, w2, x3
smsubl x0, w1, w2, x3
umaddl x0, w1, w2, x3
umsubl x0, w1, w2, x3
smull x0, w1, w2
umull x0, w1, w2
smulh x0, x1, x2
umulh x0, x1, x2
"""

# Encodings QEMU treats as UNDEFINED: (word, reason).
RESERVED = [
    (0x12400020, "logical imm: N=1 with sf=0"),
    (0x9240FC20, "logical imm: all-ones 64-bit element"),
    (0x9200FC20, "logical imm: N:NOT(imms) < 2"),
    (0x1200FC20, "logical imm (32-bit): N:NOT(imms) < 2"),
    (0x9200F420, "logical imm: all-ones 2-bit element"),
    (0x1200EC20, "logical imm (32-bit): all-ones 4-bit element"),
    (0xB2800000, "move wide: opc=01"),
    (0x52C00000, "MOVZ (32-bit): hw=2"),
    (0x72E00000, "MOVK (32-bit): hw=3"),
    (0x93000020, "SBFM: sf=1, N=0"),
    (0x13400020, "SBFM: sf=0, N=1"),
    (0x53200020, "UBFM (32-bit): immr=32"),
    (0x33008020, "BFM (32-bit): imms=32"),
    (0x73000020, "bitfield: opc=11"),
    (0x13828020, "EXTR (32-bit): imms=32"),
    (0x93820420, "EXTR: sf=1, N=0"),
    (0x13C20420, "EXTR: sf=0, N=1"),
    (0x0A028020, "AND (shifted, 32-bit): imm6=32"),
    (0x8BC20020, "ADD (shifted): ROR"),
    (0x0B028020, "ADD (shifted, 32-bit): imm6=32"),
    (0x8B620020, "ADD (extended): opt=01"),
    (0x8B221420, "ADD (extended): shift=5"),
    (0xDA420020, "CCMP (register): S=0"),
    (0xFA420420, "CCMP (register): o2=1"),
    (0xFA420030, "CCMP (register): o3=1"),
    (0xFA420C20, "CCMP (immediate): o2=1"),
    (0xBA820020, "CSEL: S=1"),
    (0x9A820820, "CSEL: op2=10"),
    (0x5AC00C20, "REV: sf=0, opc=11"),
    (0x7AC00020, "data-processing (1 source): S=1"),
    (0xDAC04020, "data-processing (1 source): opcode=010000"),
    (0x1AC20020, "data-processing (2 source, 32-bit): opcode=000000"),
    (0x9AC20420, "data-processing (2 source): opcode=000001"),
    (0x1AC24C20, "CRC32X with sf=0"),
    (0x9AC24020, "CRC32B with sf=1"),
    (0x1AC25C20, "CRC32CX with sf=0"),
    (0xBB020C20, "data-processing (3 source): op54=01"),
    (0x1B220C20, "SMADDL with sf=0"),
    (0x9B42FC20, "SMULH with o0=1"),
    (0x9B620C20, "data-processing (3 source): op31=011"),
    (0x9BC2FC20, "UMULH with o0=1"),
    (0x9A220020, "data-processing (register): op1=1, op2=0001"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def assemble(lines, tmp):
    src = os.path.join(tmp, "v.s")
    with open(src, "w") as f:
        f.write(".text\n" + "".join(line + "\n" for line in lines))
    obj = os.path.join(tmp, "v.o")
    run(["aarch64-linux-gnu-as", "-march=armv8.2-a+crc", src, "-o", obj])
    words = []
    for line in run(["aarch64-linux-gnu-objdump", "-d", obj]).splitlines():
        m = re.match(r"\s*[0-9a-f]+:\s+([0-9a-f]{8})\s", line)
        if m:
            words.append(int(m.group(1), 16))
    assert len(words) == len(lines), "one word per instruction expected"
    return words


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


def sweep_hashes(words, inputs, results, undef_words):
    hashes, h = [], 0xCBF29CE484222325
    runs = [(w, n) for w in words for n in inputs]
    for k, (w, n) in enumerate(runs):
        r = results[(w, n)]
        if r is None or w in undef_words:
            h = fnv1a(h, UNDEF_MARK)
        else:
            for v in r:
                h = fnv1a(h, v)
        if (k + 1) % SWEEP_CHUNK == 0 or k + 1 == len(runs):
            hashes.append(h)
            h = 0xCBF29CE484222325
    return hashes


def main():
    insns = [line.strip() for line in INSNS.strip().splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        words = assemble(insns, tmp)
        exe = os.path.join(tmp, "harness")
        run(["aarch64-linux-gnu-gcc", "-O1", "-static", os.path.join(HERE, "qemu_harness.c"), "-o", exe])
        jobs = []  # (insn index or None, word, input index)
        for i, (text, word) in enumerate(zip(insns, words)):
            picks = range(len(INPUTS)) if FULL.match(text) else [(i * 5 + k * 7) % len(INPUTS) for k in range(3)]
            jobs += [(i, word, n) for n in picks]
        jobs += [(None, word, 0) for word, _ in RESERVED]
        sweep_runs = sorted({(w, n) for _, base, fields, inputs in SWEEPS
                             for w in sweep_words(base, fields) for n in inputs})
        stdin = "".join("%08x %x %x %x %x %x %x\n" % ((word,) + INPUTS[n])
                        for word, n in [(w, n) for _, w, n in jobs] + sweep_runs)
        out = run(["qemu-aarch64", "-cpu", "max", exe], input=stdin).splitlines()
    assert len(out) == len(jobs) + len(sweep_runs)
    sweep_out, out = out[len(jobs):], out[:len(jobs)]
    results = {}
    for (w, n), line in zip(sweep_runs, sweep_out):
        f = line.split()
        results[(w, n)] = None if f[1] == "UNDEF" else (int(f[2], 16), int(f[6], 16), int(f[7], 16))
    undef_words = {w for w, _ in results if any(w & m == v for m, v, _ in NOT_ADVERTISED)}

    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..")
    files = {}

    def emit(name, line=""):
        if name not in files:
            files[name] = ["/* Generated by tests/unit/vectors/gen_dp_vectors.py from QEMU (user mode, "
                           "-cpu max) results. */",
                           "/* Do not edit: change the generator and run it again. */", ""]
        files[name].append(line)

    # Examples, one file per top-level encoding group (Data Processing -- Immediate / Register).
    pc = None
    for group, title in (("imm", "Data Processing -- Immediate"), ("reg", "Data Processing -- Register")):
        name = "dp_examples_%s.h" % group
        emit(name, "/* %s: {insn, input, x0, sp, nzcv after}; the instruction runs at DP_VECTOR_PC. */"
             % title)
        emit(name, "static const struct dp_vector dp_%s_vectors[] = {" % group)
        last = None
        for (i, word, n), line in zip(jobs, out):
            f = line.split()
            if i is None or ("imm" if (word >> 26) & 7 == 4 else "reg") != group:
                continue
            if f[1] == "UNDEF":
                sys.exit("QEMU rejected %s (0x%08x)" % (insns[i], word))
            pc = int(f[1], 16)
            x0, x1, x2, x3, sp, nzcv = (int(v, 16) for v in f[2:])
            if (x1, x2, x3) != INPUTS[n][1:4]:
                sys.exit("%s changed a source register" % insns[i])
            if i != last:
                emit(name, "    /* %s */" % insns[i])
                last = i
            emit(name, "    {0x%08x, %d, 0x%x, 0x%x, 0x%x}," % (word, n, x0, sp, nzcv))
        emit(name, "};")

    emit("dp_inputs.h", "/* x0, x1, x2, x3, sp, nzcv before each instruction. */")
    emit("dp_inputs.h", "static const uint64_t dp_inputs[][6] = {")
    for t in INPUTS:
        emit("dp_inputs.h", "    {" + ", ".join("0x%x" % v for v in t) + "},")
    emit("dp_inputs.h", "};")
    emit("dp_inputs.h")
    emit("dp_inputs.h", "#define DP_VECTOR_PC 0x%xull" % pc)

    p = lambda line="": emit("dp_sweeps.h", line)
    p("/* Encodings QEMU treats as UNDEFINED. */")
    p("static const uint32_t dp_reserved[] = {")
    for (i, word, n), line in zip(jobs, out):
        if i is not None:
            continue
        reason = dict(RESERVED)[word]
        if line.split()[1] != "UNDEF":
            sys.exit("QEMU executes 0x%08x (%s)" % (word, reason))
        p("    0x%08x, /* %s */" % (word, reason))
    p("};")
    p("")
    p("/*")
    p(" * Encoding sweeps: each word is base | the listed fields, every combination,")
    p(" * first field slowest; each runs with every listed input (-1 ends the list).")
    p(" * hash[] holds FNV-1a-64 hashes of x0, sp, nzcv (0x%x when UNDEFINED) per" % UNDEF_MARK)
    p(" * %d runs. Encodings of %s" % (SWEEP_CHUNK, ", ".join(w for _, _, w in NOT_ADVERTISED)))
    p(" * count as UNDEFINED: avsim does not advertise them.")
    p(" */")
    p("#define DP_SWEEP_CHUNK %d" % SWEEP_CHUNK)
    p("#define DP_UNDEF_MARK 0x%xull" % UNDEF_MARK)
    p("static const struct dp_sweep dp_sweeps[] = {")
    for name, base, fields, inputs in SWEEPS:
        hashes = sweep_hashes(sweep_words(base, fields), inputs, results, undef_words)
        p("    {\"%s\"," % name)
        p("     0x%08x," % base)
        p("     {" + ", ".join("{%d, %d}" % f for f in fields) + "},")
        p("     %d," % len(fields))
        p("     {" + ", ".join(str(n) for n in inputs) + ", -1},")
        p("     {" + ", ".join("0x%016xull" % h for h in hashes) + "}},")
    p("};")

    for name, lines in files.items():
        with open(os.path.join(outdir, name), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
