/*
 * Data processing -- register (Arm ARM C4.1, A64 instruction set encoding): logical and
 * add/subtract (shifted register), add/subtract (extended register), ADC/SBC, CCMN/CCMP,
 * conditional select, data-processing 1 source (RBIT, REV*, CLZ, CLS),
 * 2 source (UDIV, SDIV, shifts by register, CRC32*) and 3 source (multiplies).
 * PAC, MTE, FEAT_FlagM and FEAT_CSSC encodings are not implemented and stay
 * UNDEFINED.
 *
 * decoded_t use (registers already resolved to REG_SP / REG_ZR / REG_SINK):
 *   rd, rn, rm, ra  operands (ra: the addend of the 3-source forms)
 *   shift, amount   shifted register: shift type and amount; extended register:
 *                   Xm is extended as (Xm << shift) >> amount, arithmetic when op = 1
 *   imm             mask XORed into the second operand (~0 for BIC, ORN, EON, BICS,
 *                   SBC(S), CSINV, CSNEG); CCMN/CCMP (immediate): imm5;
 *                   CRC32: the reflected polynomial
 *   flags           CSINC, CSNEG: 1 (added to the second operand)
 *   extra           CCMN/CCMP, CSEL and friends: the condition as a cond_mask()
 *   amount          CCMN/CCMP: the NZCV value used when the condition fails;
 *                   CRC32: bytes of Rm consumed
 * 32-bit forms zero-extend their result into the X register.
 */
#include "cpu/decode.h"
#include "cpu/dp_flags.h"

enum { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR };

static inline uint64_t shift_reg64(uint64_t v, unsigned type, unsigned amount)
{
    switch (type) {
    case SHIFT_LSL: return v << amount;
    case SHIFT_LSR: return v >> amount;
    case SHIFT_ASR: return (uint64_t)((int64_t)v >> amount);
    default: return ror64(v, amount);
    }
}

static inline uint32_t shift_reg32(uint32_t v, unsigned type, unsigned amount)
{
    switch (type) {
    case SHIFT_LSL: return v << amount;
    case SHIFT_LSR: return v >> amount;
    case SHIFT_ASR: return (uint32_t)((int32_t)v >> amount);
    default: return ror32(v, amount);
    }
}

/* Shifted second operand (Arm ARM ShiftReg). */
#define SHIFTED64 shift_reg64(cpu->x[d->rm], d->shift, d->amount)
#define SHIFTED32 shift_reg32((uint32_t)cpu->x[d->rm], d->shift, d->amount)
/* Second operand XORed with the decode-time inversion mask (BIC, ORN, EON, SBC, CSINV, ...). */
#define INVERTED_OP        (cpu->x[d->rm] ^ d->imm)
#define INVERTED_SHIFTED64 (SHIFTED64 ^ d->imm)
#define INVERTED_SHIFTED32 (SHIFTED32 ^ (uint32_t)d->imm)

/* ---- Logical (shifted register) ---- */

/* For each operation: 64/32-bit, each with and without a shift. */
#define DEFINE_LOGICAL(name, OP)                                                                   \
    static void exec_##name##64(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        cpu->x[d->rd] = cpu->x[d->rn] OP INVERTED_OP;                                              \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##32(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] OP INVERTED_OP);                                  \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##_shifted64(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        cpu->x[d->rd] = cpu->x[d->rn] OP INVERTED_SHIFTED64;                                       \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##_shifted32(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        cpu->x[d->rd] = (uint32_t)cpu->x[d->rn] OP INVERTED_SHIFTED32;                             \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_LOGICAL(and, &)
DEFINE_LOGICAL(orr, |)
DEFINE_LOGICAL(eor, ^)

static void exec_ands64(cpu_t *cpu, const decoded_t *d)
{
    uint64_t r = cpu->x[d->rn] & INVERTED_SHIFTED64;
    set_nzcv_logical64(cpu, r);
    cpu->x[d->rd] = r;
    exec_next(cpu, d);
}
static void exec_ands32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t r = (uint32_t)cpu->x[d->rn] & INVERTED_SHIFTED32;
    set_nzcv_logical32(cpu, r);
    cpu->x[d->rd] = r;
    exec_next(cpu, d);
}

/* MOV (register): ORR Rd, ZR, Rm. */
static void exec_mov64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_mov32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)cpu->x[d->rm];
    exec_next(cpu, d);
}

static bool dec_logical_reg(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3][2][2] = {
        /* [opc][shifted][sf] */
        {{exec_and32, exec_and64}, {exec_and_shifted32, exec_and_shifted64}},
        {{exec_orr32, exec_orr64}, {exec_orr_shifted32, exec_orr_shifted64}},
        {{exec_eor32, exec_eor64}, {exec_eor_shifted32, exec_eor_shifted64}},
    };
    bool sf = bit(insn, 31), invert = bit(insn, 21);
    unsigned opc = bits32(insn, 30, 29), amount = bits32(insn, 15, 10), rn = bits32(insn, 9, 5);

    if (!sf && amount >= 32) return false;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(rn);
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->shift = (uint8_t)bits32(insn, 23, 22);
    d->amount = (uint8_t)amount;
    d->imm = invert ? ~0ull : 0;
    if (opc == 3)
        d->fn = sf ? exec_ands64 : exec_ands32;
    else if (opc == 1 && rn == 31 && amount == 0 && !invert)
        d->fn = sf ? exec_mov64 : exec_mov32;
    else
        d->fn = fns[opc][amount != 0][sf];
    return true;
}

/* ---- Add/subtract (shifted register) ---- */

static void exec_add64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] + cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_add32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] + cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_sub64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] - cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_sub32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] - cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_add_shifted64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] + SHIFTED64;
    exec_next(cpu, d);
}
static void exec_add_shifted32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)cpu->x[d->rn] + SHIFTED32;
    exec_next(cpu, d);
}
static void exec_sub_shifted64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] - SHIFTED64;
    exec_next(cpu, d);
}
static void exec_sub_shifted32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)((uint32_t)cpu->x[d->rn] - SHIFTED32);
    exec_next(cpu, d);
}

/* ADDS and SUBS (CMN, CMP, NEGS): 64/32-bit, each with and without a shift. */
#define DEFINE_ADDSUB_FLAGS(name)                                                                  \
    static void exec_##name##64(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        cpu->x[d->rd] = name##64(cpu, cpu->x[d->rn], cpu->x[d->rm]);                               \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##32(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        cpu->x[d->rd] = name##32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)cpu->x[d->rm]);           \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##_shifted64(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        cpu->x[d->rd] = name##64(cpu, cpu->x[d->rn], SHIFTED64);                                   \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##_shifted32(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        cpu->x[d->rd] = name##32(cpu, (uint32_t)cpu->x[d->rn], SHIFTED32);                         \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_ADDSUB_FLAGS(adds)
DEFINE_ADDSUB_FLAGS(subs)

static bool dec_addsub_shifted(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[2][2][2][2] = {
        /* [set_flags][sub][shifted][sf] */
        {{{exec_add32, exec_add64}, {exec_add_shifted32, exec_add_shifted64}},
         {{exec_sub32, exec_sub64}, {exec_sub_shifted32, exec_sub_shifted64}}},
        {{{exec_adds32, exec_adds64}, {exec_adds_shifted32, exec_adds_shifted64}},
         {{exec_subs32, exec_subs64}, {exec_subs_shifted32, exec_subs_shifted64}}},
    };
    bool sf = bit(insn, 31), sub = bit(insn, 30), set_flags = bit(insn, 29);
    unsigned shift = bits32(insn, 23, 22), amount = bits32(insn, 15, 10);

    if (shift == SHIFT_ROR || (!sf && amount >= 32)) return false;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->shift = (uint8_t)shift;
    d->amount = (uint8_t)amount;
    d->fn = fns[set_flags][sub][amount != 0][sf];
    return true;
}

/* ---- Add/subtract (extended register) ---- */

/* ExtendReg(m, option, shift): (Xm << shift) >> amount, signed when d->op. */
static inline uint64_t extended_op(const cpu_t *cpu, const decoded_t *d)
{
    uint64_t top = cpu->x[d->rm] << d->shift;
    return d->op ? (uint64_t)((int64_t)top >> d->amount) : top >> d->amount;
}

static void exec_add_ext64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] + extended_op(cpu, d);
    exec_next(cpu, d);
}
static void exec_add_ext32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] + extended_op(cpu, d));
    exec_next(cpu, d);
}
static void exec_sub_ext64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] - extended_op(cpu, d);
    exec_next(cpu, d);
}
static void exec_sub_ext32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] - extended_op(cpu, d));
    exec_next(cpu, d);
}
static void exec_adds_ext64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = adds64(cpu, cpu->x[d->rn], extended_op(cpu, d));
    exec_next(cpu, d);
}
static void exec_adds_ext32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = adds32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)extended_op(cpu, d));
    exec_next(cpu, d);
}
static void exec_subs_ext64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = subs64(cpu, cpu->x[d->rn], extended_op(cpu, d));
    exec_next(cpu, d);
}
static void exec_subs_ext32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = subs32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)extended_op(cpu, d));
    exec_next(cpu, d);
}

static bool dec_addsub_extended(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[2][2][2] = {
        /* [set_flags][sub][sf] */
        {{exec_add_ext32, exec_add_ext64}, {exec_sub_ext32, exec_sub_ext64}},
        {{exec_adds_ext32, exec_adds_ext64}, {exec_subs_ext32, exec_subs_ext64}},
    };
    bool sf = bit(insn, 31), sub = bit(insn, 30), set_flags = bit(insn, 29);
    unsigned option = bits32(insn, 15, 13), shift = bits32(insn, 12, 10);

    if (bits32(insn, 23, 22) != 0 || shift > 4) return false;
    /* UXTB, UXTH, UXTW, UXTX, then the signed ones. A 32-bit result only needs Wm. */
    unsigned width = 8u << (option & 3);
    if (!sf && width > 32) width = 32;
    d->rd = set_flags ? reg_w_zr(insn & 31) : reg_sp(insn & 31);
    d->rn = reg_sp(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->op = option >> 2;
    /* Keep Xm<width-1:0> at the top, then shift down to bit `shift`; X forms just shift left. */
    d->shift = (uint8_t)(width == 64 ? shift : 64 - width);
    d->amount = (uint8_t)(width == 64 ? 0 : 64 - width - shift);
    d->fn = fns[set_flags][sub][sf];
    return true;
}

/* ---- Add/subtract with carry ---- */

/* ADC, SBC (= Xn + NOT(Xm) + C). */
static void exec_adc64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] + INVERTED_OP + carry_flag(cpu);
    exec_next(cpu, d);
}
static void exec_adc32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] + INVERTED_OP + carry_flag(cpu));
    exec_next(cpu, d);
}
static void exec_adcs64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = add_with_carry64(cpu, cpu->x[d->rn], INVERTED_OP, carry_flag(cpu));
    exec_next(cpu, d);
}
static void exec_adcs32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] =
        add_with_carry32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)INVERTED_OP, carry_flag(cpu));
    exec_next(cpu, d);
}

static bool dec_adc(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[2][2] = {{exec_adc32, exec_adc64}, {exec_adcs32, exec_adcs64}};

    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->imm = bit(insn, 30) ? ~0ull : 0;
    d->fn = fns[bit(insn, 29)][bit(insn, 31)];
    return true;
}

/* ---- Conditional compare ---- */

/* CCMN/CCMP with a register or an immediate: the flags of the comparison, or #nzcv. */
#define DEFINE_CCMP(name, flags_op, OPERAND)                                                       \
    static void exec_##name##64(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        if (cond_mask_holds(cpu, d->extra))                                                        \
            flags_op##64(cpu, cpu->x[d->rn], OPERAND);                                             \
        else                                                                                       \
            cpu->nzcv = (uint32_t)d->amount << 28;                                                 \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_##name##32(cpu_t * cpu, const decoded_t *d)                                   \
    {                                                                                              \
        if (cond_mask_holds(cpu, d->extra))                                                        \
            flags_op##32(cpu, (uint32_t)cpu->x[d->rn], (uint32_t)OPERAND);                         \
        else                                                                                       \
            cpu->nzcv = (uint32_t)d->amount << 28;                                                 \
        exec_next(cpu, d);                                                                         \
    }

DEFINE_CCMP(ccmn_reg, adds, cpu->x[d->rm])
DEFINE_CCMP(ccmp_reg, subs, cpu->x[d->rm])
DEFINE_CCMP(ccmn_imm, adds, d->imm)
DEFINE_CCMP(ccmp_imm, subs, d->imm)

static bool dec_ccmp(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[2][2][2] = {
        /* [immediate][sub][sf] */
        {{exec_ccmn_reg32, exec_ccmn_reg64}, {exec_ccmp_reg32, exec_ccmp_reg64}},
        {{exec_ccmn_imm32, exec_ccmn_imm64}, {exec_ccmp_imm32, exec_ccmp_imm64}},
    };
    bool sf = bit(insn, 31), sub = bit(insn, 30), immediate = bit(insn, 11);

    /* S must be 1, o2 and o3 0. */
    if (!bit(insn, 29) || bit(insn, 10) || bit(insn, 4)) return false;
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    if (immediate)
        d->imm = bits32(insn, 20, 16);
    else
        d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->extra = cond_mask(bits32(insn, 15, 12));
    d->amount = (uint8_t)(insn & 15);
    d->fn = fns[immediate][sub][sf];
    return true;
}

/* ---- Conditional select ---- */

static void exec_csel64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cond_mask_holds(cpu, d->extra) ? cpu->x[d->rn] : cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_csel32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cond_mask_holds(cpu, d->extra) ? cpu->x[d->rn] : cpu->x[d->rm]);
    exec_next(cpu, d);
}
/* CSINC (Xm + 1), CSINV (NOT Xm), CSNEG (NOT Xm + 1). */
static void exec_csop64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cond_mask_holds(cpu, d->extra) ? cpu->x[d->rn] : INVERTED_OP + d->flags;
    exec_next(cpu, d);
}
static void exec_csop32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] =
        (uint32_t)(cond_mask_holds(cpu, d->extra) ? cpu->x[d->rn] : INVERTED_OP + d->flags);
    exec_next(cpu, d);
}

static bool dec_csel(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31), invert = bit(insn, 30), increment = bit(insn, 10);

    if (bit(insn, 29) || bit(insn, 11)) return false; /* S = 1 or op2 = 1x: unallocated */
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->extra = cond_mask(bits32(insn, 15, 12));
    d->imm = invert ? ~0ull : 0;
    d->flags = increment;
    if (!invert && !increment)
        d->fn = sf ? exec_csel64 : exec_csel32;
    else
        d->fn = sf ? exec_csop64 : exec_csop32;
    return true;
}

/* ---- Data-processing (1 source) ---- */

static uint64_t reverse_bits64(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
    v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
    v = ((v >> 4) & 0x0F0F0F0F0F0F0F0Full) | ((v & 0x0F0F0F0F0F0F0F0Full) << 4);
    return __builtin_bswap64(v);
}

static uint64_t swap_bytes_in_halfwords(uint64_t v)
{
    return ((v >> 8) & 0x00FF00FF00FF00FFull) | ((v & 0x00FF00FF00FF00FFull) << 8);
}

static void exec_rbit64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = reverse_bits64(cpu->x[d->rn]);
    exec_next(cpu, d);
}
static void exec_rbit32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = reverse_bits64(cpu->x[d->rn]) >> 32;
    exec_next(cpu, d);
}
static void exec_rev16_64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = swap_bytes_in_halfwords(cpu->x[d->rn]);
    exec_next(cpu, d);
}
static void exec_rev16_32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = swap_bytes_in_halfwords((uint32_t)cpu->x[d->rn]);
    exec_next(cpu, d);
}
/* REV32 Xd: bytes reversed within each word. */
static void exec_rev32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = ror64(__builtin_bswap64(cpu->x[d->rn]), 32);
    exec_next(cpu, d);
}
static void exec_rev64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = __builtin_bswap64(cpu->x[d->rn]);
    exec_next(cpu, d);
}
/* REV Wd. */
static void exec_rev_w(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = __builtin_bswap32((uint32_t)cpu->x[d->rn]);
    exec_next(cpu, d);
}
static void exec_clz64(cpu_t *cpu, const decoded_t *d)
{
    uint64_t v = cpu->x[d->rn];
    cpu->x[d->rd] = v ? (uint64_t)__builtin_clzll(v) : 64;
    exec_next(cpu, d);
}
static void exec_clz32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t v = (uint32_t)cpu->x[d->rn];
    cpu->x[d->rd] = v ? (uint64_t)__builtin_clz(v) : 32;
    exec_next(cpu, d);
}
/* CountLeadingSignBits: v ^ (v << 1) marks where adjacent bits differ; | 1 caps it at N-1. */
static void exec_cls64(cpu_t *cpu, const decoded_t *d)
{
    uint64_t v = cpu->x[d->rn];
    cpu->x[d->rd] = (uint64_t)__builtin_clzll((v ^ (v << 1)) | 1);
    exec_next(cpu, d);
}
static void exec_cls32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t v = (uint32_t)cpu->x[d->rn];
    cpu->x[d->rd] = (uint64_t)__builtin_clz((v ^ (v << 1)) | 1);
    exec_next(cpu, d);
}

static bool dec_dp_1src(decoded_t *d, uint32_t insn)
{
    /* [opcode][sf]: opcode 2 is REV Wd or REV32 Xd; opcode 3 (REV Xd) needs sf = 1. */
    static const exec_fn fns[6][2] = {
        {exec_rbit32, exec_rbit64}, {exec_rev16_32, exec_rev16_64}, {exec_rev_w, exec_rev32},
        {NULL, exec_rev64},         {exec_clz32, exec_clz64},       {exec_cls32, exec_cls64},
    };
    unsigned opcode = bits32(insn, 15, 10);

    /* S, opcode2 (PAC, FEAT_PAuth_LR) and CSSC opcodes are not implemented. */
    if (bit(insn, 29) || bits32(insn, 20, 16) || opcode >= ARRAY_SIZE(fns)) return false;
    d->fn = fns[opcode][bit(insn, 31)];
    if (!d->fn) return false;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    return true;
}

/* ---- Data-processing (2 source) ---- */

/* Division by zero gives 0; INT_MIN / -1 gives INT_MIN (Arm ARM: the quotient is truncated). */
static void exec_udiv64(cpu_t *cpu, const decoded_t *d)
{
    uint64_t n = cpu->x[d->rn], m = cpu->x[d->rm];
    cpu->x[d->rd] = m ? n / m : 0;
    exec_next(cpu, d);
}
static void exec_udiv32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t n = (uint32_t)cpu->x[d->rn], m = (uint32_t)cpu->x[d->rm];
    cpu->x[d->rd] = m ? n / m : 0;
    exec_next(cpu, d);
}
static void exec_sdiv64(cpu_t *cpu, const decoded_t *d)
{
    int64_t n = (int64_t)cpu->x[d->rn], m = (int64_t)cpu->x[d->rm];
    if (m == 0)
        cpu->x[d->rd] = 0;
    else if (m == -1)
        cpu->x[d->rd] = -(uint64_t)n;
    else
        cpu->x[d->rd] = (uint64_t)(n / m);
    exec_next(cpu, d);
}
static void exec_sdiv32(cpu_t *cpu, const decoded_t *d)
{
    int32_t n = (int32_t)cpu->x[d->rn], m = (int32_t)cpu->x[d->rm];
    if (m == 0)
        cpu->x[d->rd] = 0;
    else if (m == -1)
        cpu->x[d->rd] = -(uint32_t)n;
    else
        cpu->x[d->rd] = (uint32_t)(n / m);
    exec_next(cpu, d);
}

/* Shifts by register use Rm modulo the data size. */
static void exec_lslv64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] << (cpu->x[d->rm] & 63);
    exec_next(cpu, d);
}
static void exec_lslv32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)cpu->x[d->rn] << (cpu->x[d->rm] & 31);
    exec_next(cpu, d);
}
static void exec_lsrv64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] >> (cpu->x[d->rm] & 63);
    exec_next(cpu, d);
}
static void exec_lsrv32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)cpu->x[d->rn] >> (cpu->x[d->rm] & 31);
    exec_next(cpu, d);
}
static void exec_asrv64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint64_t)((int64_t)cpu->x[d->rn] >> (cpu->x[d->rm] & 63));
    exec_next(cpu, d);
}
static void exec_asrv32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)((int32_t)cpu->x[d->rn] >> (cpu->x[d->rm] & 31));
    exec_next(cpu, d);
}
static void exec_rorv64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = ror64(cpu->x[d->rn], cpu->x[d->rm] & 63);
    exec_next(cpu, d);
}
static void exec_rorv32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = ror32((uint32_t)cpu->x[d->rn], cpu->x[d->rm] & 31);
    exec_next(cpu, d);
}

/*
 * CRC32* / CRC32C*: the bit-reflected CRC of Rm's low `amount` bytes, starting
 * from Wn, without the initial or final inversion (Arm ARM C6.2, CRC32B).
 */
static void exec_crc32(cpu_t *cpu, const decoded_t *d)
{
    uint32_t crc = (uint32_t)cpu->x[d->rn], poly = (uint32_t)d->imm;
    uint64_t data = cpu->x[d->rm];

    for (unsigned i = 0; i < d->amount * 8u; i++, data >>= 1)
        crc = (crc >> 1) ^ (poly & -((crc ^ (uint32_t)data) & 1));
    cpu->x[d->rd] = crc;
    exec_next(cpu, d);
}

#define CRC32_POLY_REFLECTED  0xEDB88320u /* 0x04C11DB7 */
#define CRC32C_POLY_REFLECTED 0x82F63B78u /* 0x1EDC6F41 */

static bool dec_dp_2src(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31);
    unsigned opcode = bits32(insn, 15, 10);

    if (bit(insn, 29)) return false; /* S = 1: MTE SUBPS */
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    switch (opcode) {
    case 0x02: d->fn = sf ? exec_udiv64 : exec_udiv32; return true;
    case 0x03: d->fn = sf ? exec_sdiv64 : exec_sdiv32; return true;
    case 0x08: d->fn = sf ? exec_lslv64 : exec_lslv32; return true;
    case 0x09: d->fn = sf ? exec_lsrv64 : exec_lsrv32; return true;
    case 0x0A: d->fn = sf ? exec_asrv64 : exec_asrv32; return true;
    case 0x0B: d->fn = sf ? exec_rorv64 : exec_rorv32; return true;
    }
    if ((opcode & 0x38) != 0x10) return false; /* not CRC32 (PAC, MTE, CSSC) */
    unsigned size = opcode & 3;                /* B, H, W, X */
    if (sf != (size == 3)) return false;
    d->amount = (uint8_t)(1u << size);
    d->imm = bit(opcode, 2) ? CRC32C_POLY_REFLECTED : CRC32_POLY_REFLECTED;
    d->fn = exec_crc32;
    return true;
}

/* ---- Data-processing (3 source) ---- */

static void exec_madd64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->ra] + cpu->x[d->rn] * cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_madd32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->ra] + cpu->x[d->rn] * cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_msub64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->ra] - cpu->x[d->rn] * cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_msub32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->ra] - cpu->x[d->rn] * cpu->x[d->rm]);
    exec_next(cpu, d);
}
/* MUL: MADD with Ra = ZR. */
static void exec_mul64(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->rn] * cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_mul32(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = (uint32_t)(cpu->x[d->rn] * cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_smaddl(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] =
        cpu->x[d->ra] + (uint64_t)((int64_t)(int32_t)cpu->x[d->rn] * (int32_t)cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_smsubl(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] =
        cpu->x[d->ra] - (uint64_t)((int64_t)(int32_t)cpu->x[d->rn] * (int32_t)cpu->x[d->rm]);
    exec_next(cpu, d);
}
static void exec_umaddl(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->ra] + (uint64_t)(uint32_t)cpu->x[d->rn] * (uint32_t)cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_umsubl(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[d->rd] = cpu->x[d->ra] - (uint64_t)(uint32_t)cpu->x[d->rn] * (uint32_t)cpu->x[d->rm];
    exec_next(cpu, d);
}
static void exec_smulh(cpu_t *cpu, const decoded_t *d)
{
    __int128 p = (__int128)(int64_t)cpu->x[d->rn] * (int64_t)cpu->x[d->rm];
    cpu->x[d->rd] = (uint64_t)(p >> 64);
    exec_next(cpu, d);
}
static void exec_umulh(cpu_t *cpu, const decoded_t *d)
{
    unsigned __int128 p = (unsigned __int128)cpu->x[d->rn] * cpu->x[d->rm];
    cpu->x[d->rd] = (uint64_t)(p >> 64);
    exec_next(cpu, d);
}

static bool dec_dp_3src(decoded_t *d, uint32_t insn)
{
    bool sf = bit(insn, 31), sub = bit(insn, 15);
    unsigned op31 = bits32(insn, 23, 21), ra = bits32(insn, 14, 10);

    if (bits32(insn, 30, 29) || (!sf && op31 != 0)) return false;
    d->rd = reg_w_zr(insn & 31);
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->ra = reg_r_zr(ra);
    switch (op31 << 1 | sub) {
    case 0:
        d->fn = ra == 31 ? (sf ? exec_mul64 : exec_mul32) : (sf ? exec_madd64 : exec_madd32);
        return true;
    case 1: d->fn = sf ? exec_msub64 : exec_msub32; return true;
    case 2: d->fn = exec_smaddl; return true;
    case 3: d->fn = exec_smsubl; return true;
    case 4: d->fn = exec_smulh; return true; /* Ra is ignored */
    case 10: d->fn = exec_umaddl; return true;
    case 11: d->fn = exec_umsubl; return true;
    case 12: d->fn = exec_umulh; return true;
    default: return false;
    }
}

/* Arm ARM C4.1: op0 = insn<28:25> = x101; op1 = insn<28>, op2 = insn<24:21>. */
const insn_pattern_t dp_reg_patterns[] = {
    {0x1F000000, 0x0A000000, "logical (shifted register)", dec_logical_reg},
    {0x1F200000, 0x0B000000, "ADD/SUB (shifted register)", dec_addsub_shifted},
    {0x1F200000, 0x0B200000, "ADD/SUB (extended register)", dec_addsub_extended},
    {0x1FE0FC00, 0x1A000000, "ADC/SBC", dec_adc},
    {0x1FE00800, 0x1A400000, "CCMN/CCMP (register)", dec_ccmp},
    {0x1FE00800, 0x1A400800, "CCMN/CCMP (immediate)", dec_ccmp},
    {0x1FE00000, 0x1A800000, "conditional select", dec_csel},
    {0x5FE00000, 0x1AC00000, "data-processing (2 source)", dec_dp_2src},
    {0x5FE00000, 0x5AC00000, "data-processing (1 source)", dec_dp_1src},
    {0x1F000000, 0x1B000000, "data-processing (3 source)", dec_dp_3src},
    PATTERN_END,
};
