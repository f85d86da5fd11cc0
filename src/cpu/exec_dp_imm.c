/*
 * Data processing -- immediate (Arm ARM C4.1, A64 instruction set encoding): ADR/ADRP,
 * ADD/ADDS/SUB/SUBS (immediate), AND/ORR/EOR/ANDS (immediate), MOVN/MOVZ/MOVK, SBFM/BFM/UBFM and
 * EXTR. ADDG/SUBG (MTE) and the FEAT_CSSC / FEAT_PAuth_LR encodings are not implemented and stay
 * UNDEFINED.
 *
 * decoded_t use (registers already resolved to REG_SP / REG_ZR / REG_SINK):
 *   ADR, ADRP     rd; imm = byte offset from the PC (ADRP: from the PC's 4 KiB page)
 *   ADD/SUB       rd, rn; imm = the value added (negated for SUB)
 *   ADDS/SUBS     rd, rn; imm = the immediate, shifted
 *   logical       rd, rn; imm = the expanded bitmask
 *   MOVN/MOVZ     rd; imm = the final register value
 *   MOVK          rd, rn = Rd as a source; imm = imm16 << amount
 *   bitfield      rd, rn, ra = Rd as a source (BFM); the field is (Xn << shift) >> amount
 *                 (arithmetic for SBFM); imm = bits of Rd that BFM keeps
 *   EXTR          rd, rn, rm; amount = lsb
 * 32-bit forms zero-extend their result into the X register.
 */
#include "cpu/decode.h"
#include "cpu/dp_flags.h"

/* ---- PC-relative addressing ---- */

static void exec_adr(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->pc + d->imm;
    exec_next(cpu, d);
}

static void exec_adrp(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (cpu->pc & ~0xFFFull) + d->imm;
    exec_next(cpu, d);
}

static bool dec_adr(decoded_t *d, uint32_t insn)
{
    int64_t offset = sext((bits32(insn, 23, 5) << 2) | bits32(insn, 30, 29), 21);
    d->rd = reg_w_zr(insn & 31);
    if (bit(insn, 31)) {
        d->imm = (uint64_t)offset << 12;
        d->fn = exec_adrp;
    } else {
        d->imm = (uint64_t)offset;
        d->fn = exec_adr;
    }
    return true;
}

/* ---- Add/subtract (immediate) ---- */

static void exec_add_imm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] + d->imm;
    exec_next(cpu, d);
}
static void exec_add_imm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] + d->imm);
    exec_next(cpu, d);
}
static void exec_adds_imm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = adds64(cpu, cpu->x[d->rn], d->imm);
    exec_next(cpu, d);
}
static void exec_adds_imm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = adds32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)d->imm);
    exec_next(cpu, d);
}
static void exec_subs_imm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = subs64(cpu, cpu->x[d->rn], d->imm);
    exec_next(cpu, d);
}
static void exec_subs_imm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = subs32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)d->imm);
    exec_next(cpu, d);
}

static bool dec_addsub_imm(decoded_t *d, uint32_t insn)
{
    static const exec_fn flag_fns[2][2] = {{exec_adds_imm32, exec_adds_imm64},
                                           {exec_subs_imm32, exec_subs_imm64}};
    bool sf = bit(insn, 31), sub = bit(insn, 30), set_flags = bit(insn, 29);
    uint64_t imm = (uint64_t)bits32(insn, 21, 10) << (bit(insn, 22) ? 12 : 0);

    d->rn = reg_sp(bits32(insn, 9, 5));
    if (set_flags) {
        d->rd = reg_w_zr(insn & 31); /* CMP, CMN */
        d->imm = imm;
        d->fn = flag_fns[sub][sf];
    } else {
        d->rd = reg_sp(insn & 31);
        d->imm = sub ? -imm : imm;
        d->fn = sf ? exec_add_imm64 : exec_add_imm32;
    }
    return true;
}

/* ---- Logical (immediate) ---- */

/* AND: a 32-bit mask has no upper bits, so one function serves both sizes. */
static void exec_and_imm(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] & d->imm;
    exec_next(cpu, d);
}
static void exec_orr_imm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] | d->imm;
    exec_next(cpu, d);
}
static void exec_orr_imm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] | d->imm);
    exec_next(cpu, d);
}
static void exec_eor_imm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] ^ d->imm;
    exec_next(cpu, d);
}
static void exec_eor_imm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] ^ d->imm);
    exec_next(cpu, d);
}
static void exec_ands_imm64(cpu_t *cpu, const decoded_t *d)
{
    uint64_t r = cpu->x[d->rn] & d->imm;
    set_nzcv_logical64(cpu, r);
    cpu->x[d->rd] = r;
    exec_next(cpu, d);
}
static void exec_ands_imm32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t r = (uint32_t)(cpu->x[d->rn] & d->imm);
    set_nzcv_logical32(cpu, r);
    cpu->x[d->rd] = r;
    exec_next(cpu, d);
}

/* MOV (bitmask immediate), MOVZ, MOVN. */
static void exec_mov_imm(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = d->imm;
    exec_next(cpu, d);
}

/*
 * DecodeBitMasks(N, imms, immr, immediate = TRUE) (Arm ARM pseudocode): an element
 * of 2..64 bits holding imms + 1 ones rotated right by immr, replicated to
 * datasize. Returns false for the reserved encodings.
 */
static bool decode_bit_mask(unsigned n, unsigned imms, unsigned immr, unsigned datasize,
                            uint64_t *mask)
{
    unsigned len_bits = (n << 6) | (~imms & 0x3F);
    if (len_bits < 2) return false; /* HighestSetBit(N:NOT(imms)) < 1 */
    unsigned len = 31 - (unsigned)__builtin_clz(len_bits);
    unsigned esize = 1u << len, levels = esize - 1;
    unsigned s = imms & levels, r = immr & levels;
    if (esize > datasize || s == levels) return false; /* N=1 with sf=0; an all-ones element */

    uint64_t elem = ones(s + 1);
    if (r) elem = ((elem >> r) | (elem << (esize - r))) & ones(esize);
    for (unsigned width = esize; width < datasize; width *= 2)
        elem |= elem << width;
    *mask = elem;
    return true;
}

static bool dec_logical_imm(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31);
    unsigned opc = bits32(insn, 30, 29), rn = bits32(insn, 9, 5);

    if (!decode_bit_mask(bit(insn, 22), bits32(insn, 15, 10), bits32(insn, 21, 16), sf ? 64 : 32,
                         &d->imm))
        return false;
    d->rn = reg_r_zr(rn);
    /* AND/ORR/EOR may write SP; ANDS writes ZR (TST). */
    d->rd = opc == 3 ? reg_w_zr(insn & 31) : reg_sp(insn & 31);
    switch (opc) {
    case 0: d->fn = exec_and_imm; break;
    case 1: d->fn = rn == 31 ? exec_mov_imm : sf ? exec_orr_imm64 : exec_orr_imm32; break;
    case 2: d->fn = sf ? exec_eor_imm64 : exec_eor_imm32; break;
    default: d->fn = sf ? exec_ands_imm64 : exec_ands_imm32; break;
    }
    return true;
}

/* ---- Move wide (immediate) ---- */

static void exec_movk64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (cpu->x[d->rn] & ~(0xFFFFull << d->amount)) | d->imm;
    exec_next(cpu, d);
}
static void exec_movk32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)((cpu->x[d->rn] & ~(0xFFFFull << d->amount)) | d->imm);
    exec_next(cpu, d);
}

static bool dec_move_wide(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31);
    unsigned opc = bits32(insn, 30, 29), hw = bits32(insn, 22, 21);

    if (opc == 1 || (!sf && hw >= 2)) return false;
    d->rd = reg_w_zr(insn & 31);
    d->amount = (uint8_t)(hw * 16);
    uint64_t imm = (uint64_t)bits32(insn, 20, 5) << d->amount;
    switch (opc) {
    case 0: /* MOVN */
        d->imm = sf ? ~imm : (uint32_t)~imm;
        d->fn = exec_mov_imm;
        break;
    case 2: /* MOVZ */
        d->imm = imm;
        d->fn = exec_mov_imm;
        break;
    default: /* MOVK */
        d->rn = reg_r_zr(insn & 31);
        d->imm = imm;
        d->fn = sf ? exec_movk64 : exec_movk32;
        break;
    }
    return true;
}

/* ---- Bitfield ---- */

/* UBFM: the field is at most datasize bits wide, so both sizes share one function. */
static void exec_ubfm(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (cpu->x[d->rn] << d->shift) >> d->amount;
    exec_next(cpu, d);
}
static void exec_sbfm64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint64_t)((int64_t)(cpu->x[d->rn] << d->shift) >> d->amount);
    exec_next(cpu, d);
}
static void exec_sbfm32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)((int64_t)(cpu->x[d->rn] << d->shift) >> d->amount);
    exec_next(cpu, d);
}
static void exec_bfm(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (cpu->x[d->ra] & d->imm) | ((cpu->x[d->rn] << d->shift) >> d->amount);
    exec_next(cpu, d);
}

/*
 * SBFM/BFM/UBFM move a field of Rn to a field of Rd (Arm ARM C6.2, the
 * SBFX/SBFIZ, BFXIL/BFI, UBFX/UBFIZ aliases cover every encoding):
 *   imms >= immr: Rn<imms:immr> goes to Rd<imms-immr:0>
 *   imms <  immr: Rn<imms:0> goes to Rd at bit datasize - immr
 * Shifting Rn left so that bit imms becomes bit 63, then right, places the
 * field with zeros (or, arithmetically, sign bits) around it.
 */
static bool dec_bitfield(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31);
    unsigned opc = bits32(insn, 30, 29), immr = bits32(insn, 21, 16), imms = bits32(insn, 15, 10);
    unsigned datasize = sf ? 64 : 32;

    if (opc == 3 || bit(insn, 22) != sf || immr >= datasize || imms >= datasize) return false;
    unsigned width = imms >= immr ? imms - immr + 1 : imms + 1;
    unsigned lsb = imms >= immr ? 0 : datasize - immr;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->shift = (uint8_t)(63 - imms);
    d->amount = (uint8_t)(64 - width - lsb);
    switch (opc) {
    case 0: d->fn = sf ? exec_sbfm64 : exec_sbfm32; break;
    case 1:
        d->ra = reg_r_zr(insn & 31);
        d->imm = ones(datasize) & ~(ones(width) << lsb);
        d->fn = exec_bfm;
        break;
    default: d->fn = exec_ubfm; break;
    }
    return true;
}

/* ---- Extract ---- */

/* (Xn:Xm) >> lsb; the double shift of Xn keeps lsb = 0 defined. */
static void exec_extr64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (cpu->x[d->rm] >> d->amount) | ((cpu->x[d->rn] << 1) << (63 - d->amount));
    exec_next(cpu, d);
}
static void exec_extr32(cpu_t *cpu, const decoded_t *d)
{
    uint64_t concat = (cpu->x[d->rn] << 32) | (uint32_t)cpu->x[d->rm];
    cpu->x[d->rd] = (uint32_t)(concat >> d->amount);
    exec_next(cpu, d);
}

static bool dec_extract(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31);
    unsigned imms = bits32(insn, 15, 10);

    /* op21 and o0 must be 0; N must equal sf; lsb < datasize. */
    if (bits32(insn, 30, 29) || bit(insn, 21) || bit(insn, 22) != sf || (!sf && imms >= 32))
        return false;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->amount = (uint8_t)imms;
    d->fn = sf ? exec_extr64 : exec_extr32;
    return true;
}

/* Arm ARM C4.1: op0 = insn<28:26> = 100, subclasses by insn<25:23>. */
const insn_pattern_t dp_imm_patterns[] = {
    {0x1F000000, 0x10000000, "ADR/ADRP", dec_adr},
    {0x1F800000, 0x11000000, "ADD/SUB (immediate)", dec_addsub_imm},
    {0x1F800000, 0x12000000, "logical (immediate)", dec_logical_imm},
    {0x1F800000, 0x12800000, "MOVN/MOVZ/MOVK", dec_move_wide},
    {0x1F800000, 0x13000000, "SBFM/BFM/UBFM", dec_bitfield},
    {0x1F800000, 0x13800000, "EXTR", dec_extract},
    PATTERN_END,
};
