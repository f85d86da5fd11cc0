/*
 * Loads and stores of general-purpose registers (Arm ARM A64 overview,
 * "Loads and stores"), except exclusives, acquire/release and atomics (exec_atomic.c):
 * LDR/STR and their B/H/W/X and signed forms with unsigned offset, unscaled
 * (LDUR/STUR), pre- and post-index and register offset; LDTR/STTR; LDR/LDRSW
 * (literal); PRFM/PRFUM (NOPs); LDP/STP/LDPSW/LDNP/STNP.
 *
 * decoded_t use:
 *   rd     Rt (ZR-resolved: SINK for loads, ZR for stores)
 *   ra     Rt2 of a pair, resolved as rd
 *   rn     base register (31 = SP)
 *   rm     offset register (register offset form; 31 = ZR)
 *   imm    offset, sign-extended and scaled (pc-relative for literals)
 *   shift  extend of the offset register (EXT_*), amount its left shift
 *   flags  LDST_SP_BASE when the base is SP (alignment check, SCTLR_ELx.SA)
 *
 * Every exec function is specialised on access size, extension and addressing
 * mode, so the size switch in mem_load()/mem_store() folds away.
 *
 * Writeback when Rn == Rt (or Rt2) is CONSTRAINED UNPREDICTABLE (Arm ARM
 * appendix K1): like QEMU, a load writes the loaded value first and the written-back
 * address last, so Rn ends up holding the address; a store stores the register
 * value from before the writeback. LDP with Rt == Rt2 leaves Rt2's value (the
 * second element), as QEMU.
 */
#include "cpu/decode.h"
#include "mmu/mem.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

enum { LDST_SP_BASE = 1 };

/* DecodeRegExtend option values allowed for a register offset (bit 1 set). */
enum { EXT_UXTW = 2, EXT_LSL = 3, EXT_SXTW = 6, EXT_SXTX = 7 };

/* How a loaded value of `size` bytes becomes the register value. */
typedef enum { ZERO_EXT, SIGN_EXT_64, SIGN_EXT_32 } extend_t;

/* Addressing modes. */
typedef enum { MODE_off, MODE_pre, MODE_post, MODE_reg, MODE_user, MODE_lit } addr_mode_t;

static ALWAYS_INLINE uint64_t extend_load(uint64_t v, unsigned size, extend_t ext)
{
    if (ext == ZERO_EXT || size == 8) return v;
    int64_t s = sext(v, size * 8);
    return ext == SIGN_EXT_64 ? (uint64_t)s : (uint32_t)s;
}

/* The CheckSPAlignment() of every SP-based access (SCTLR_ELx.SA). */
static ALWAYS_INLINE bool sp_base_ok(cpu_t *cpu, const decoded_t *d)
{
    return likely(!(d->flags & LDST_SP_BASE)) || cpu_check_sp_align(cpu, cpu->x[REG_SP]);
}

static ALWAYS_INLINE uint64_t reg_offset(const cpu_t *cpu, const decoded_t *d)
{
    uint64_t m = cpu->x[d->rm];
    if (d->shift == EXT_UXTW)
        m = (uint32_t)m;
    else if (d->shift == EXT_SXTW)
        m = (uint64_t)(int64_t)(int32_t)m;
    return m << d->amount;
}

/* The address accessed; for MODE_post the base, written back + imm afterwards. */
static ALWAYS_INLINE uint64_t ldst_address(const cpu_t *cpu, const decoded_t *d, addr_mode_t mode)
{
    switch (mode) {
    case MODE_post: return cpu->x[d->rn];
    case MODE_reg: return cpu->x[d->rn] + reg_offset(cpu, d);
    case MODE_lit: return cpu->pc + d->imm;
    default: return cpu->x[d->rn] + d->imm;
    }
}

static ALWAYS_INLINE void writeback(cpu_t *cpu, const decoded_t *d, uint64_t va, addr_mode_t mode)
{
    if (mode == MODE_pre)
        cpu->x[d->rn] = va;
    else if (mode == MODE_post)
        cpu->x[d->rn] = va + d->imm;
}

static ALWAYS_INLINE unsigned mode_flags(addr_mode_t mode)
{
    return mode == MODE_user ? MEM_UNPRIV : 0;
}

static ALWAYS_INLINE void load(cpu_t *cpu, const decoded_t *d, unsigned size, extend_t ext,
                               addr_mode_t mode)
{
    if (mode != MODE_lit && !sp_base_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode), v;
    if (!mem_load(cpu, va, size, &v, mode_flags(mode))) return;
    cpu->x[d->rd] = extend_load(v, size, ext);
    writeback(cpu, d, va, mode);
}

static ALWAYS_INLINE void store(cpu_t *cpu, const decoded_t *d, unsigned size, addr_mode_t mode)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    if (!mem_store(cpu, va, size, cpu->x[d->rd], mode_flags(mode))) return;
    writeback(cpu, d, va, mode);
}

/*
 * Single-register kinds, in the order of kind_t. X(name, size, extend) for
 * loads, S(name, size) for stores.
 */
#define LDST_KINDS(X, S)                                                                           \
    X(ldrb, 1, ZERO_EXT)                                                                           \
    X(ldrh, 2, ZERO_EXT)                                                                           \
    X(ldrw, 4, ZERO_EXT)                                                                           \
    X(ldrx, 8, ZERO_EXT)                                                                           \
    X(ldrsb_x, 1, SIGN_EXT_64)                                                                     \
    X(ldrsh_x, 2, SIGN_EXT_64)                                                                     \
    X(ldrsw, 4, SIGN_EXT_64)                                                                       \
    X(ldrsb_w, 1, SIGN_EXT_32)                                                                     \
    X(ldrsh_w, 2, SIGN_EXT_32)                                                                     \
    S(strb, 1)                                                                                     \
    S(strh, 2)                                                                                     \
    S(strw, 4)                                                                                     \
    S(strx, 8)

#define KIND_ENUM_L(name, size, ext) K_##name,
#define KIND_ENUM_S(name, size)      K_##name,
typedef enum { LDST_KINDS(KIND_ENUM_L, KIND_ENUM_S) K_COUNT, K_PRFM, K_UNALLOCATED } kind_t;

/* [opc][size] of the load/store register encodings. */
static const uint8_t kind_of[4][4] = {
    {K_strb, K_strh, K_strw, K_strx},
    {K_ldrb, K_ldrh, K_ldrw, K_ldrx},
    {K_ldrsb_x, K_ldrsh_x, K_ldrsw, K_PRFM},
    {K_ldrsb_w, K_ldrsh_w, K_UNALLOCATED, K_UNALLOCATED},
};

/* One exec function per kind and mode, and a table per mode indexed by kind_t. */
#define DEF_LOAD(name, size, ext, mode)                                                            \
    static void exec_##name##_##mode(cpu_t *cpu, const decoded_t *d)                               \
    {                                                                                              \
        load(cpu, d, size, ext, MODE_##mode);                                                      \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_STORE(name, size, mode)                                                                \
    static void exec_##name##_##mode(cpu_t *cpu, const decoded_t *d)                               \
    {                                                                                              \
        store(cpu, d, size, MODE_##mode);                                                          \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_L_off(name, size, ext)  DEF_LOAD(name, size, ext, off)
#define DEF_L_pre(name, size, ext)  DEF_LOAD(name, size, ext, pre)
#define DEF_L_post(name, size, ext) DEF_LOAD(name, size, ext, post)
#define DEF_L_reg(name, size, ext)  DEF_LOAD(name, size, ext, reg)
#define DEF_L_user(name, size, ext) DEF_LOAD(name, size, ext, user)
#define DEF_S_off(name, size)       DEF_STORE(name, size, off)
#define DEF_S_pre(name, size)       DEF_STORE(name, size, pre)
#define DEF_S_post(name, size)      DEF_STORE(name, size, post)
#define DEF_S_reg(name, size)       DEF_STORE(name, size, reg)
#define DEF_S_user(name, size)      DEF_STORE(name, size, user)
#define FN_L_off(name, size, ext)   exec_##name##_off,
#define FN_L_pre(name, size, ext)   exec_##name##_pre,
#define FN_L_post(name, size, ext)  exec_##name##_post,
#define FN_L_reg(name, size, ext)   exec_##name##_reg,
#define FN_L_user(name, size, ext)  exec_##name##_user,
#define FN_S_off(name, size)        exec_##name##_off,
#define FN_S_pre(name, size)        exec_##name##_pre,
#define FN_S_post(name, size)       exec_##name##_post,
#define FN_S_reg(name, size)        exec_##name##_reg,
#define FN_S_user(name, size)       exec_##name##_user,

#define DEF_MODE(mode)                                                                             \
    LDST_KINDS(DEF_L_##mode, DEF_S_##mode)                                                         \
    static const exec_fn mode##_fns[K_COUNT] = {LDST_KINDS(FN_L_##mode, FN_S_##mode)};

DEF_MODE(off)
DEF_MODE(pre)
DEF_MODE(post)
DEF_MODE(reg)
DEF_MODE(user)

/* LDR (literal): W, X and LDRSW. */
static void exec_ldrw_lit(cpu_t *cpu, const decoded_t *d)
{
    load(cpu, d, 4, ZERO_EXT, MODE_lit);
    exec_next(cpu, d);
}
static void exec_ldrx_lit(cpu_t *cpu, const decoded_t *d)
{
    load(cpu, d, 8, ZERO_EXT, MODE_lit);
    exec_next(cpu, d);
}
static void exec_ldrsw_lit(cpu_t *cpu, const decoded_t *d)
{
    load(cpu, d, 4, SIGN_EXT_64, MODE_lit);
    exec_next(cpu, d);
}

static void exec_prfm(cpu_t *cpu, const decoded_t *d)
{
    (void)cpu;
    (void)d;
    exec_next(cpu, d);
}

/* ---- Pairs: LDP, STP, LDPSW, LDNP, STNP ---- */

/* Both elements are loaded before either register is written, so a fault on the second leaves
 * the registers untouched. */
static ALWAYS_INLINE void load_pair(cpu_t *cpu, const decoded_t *d, unsigned size, extend_t ext,
                                    addr_mode_t mode)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode), v1, v2;
    if (!mem_load(cpu, va, size, &v1, 0) || !mem_load(cpu, va + size, size, &v2, 0)) return;
    cpu->x[d->rd] = extend_load(v1, size, ext);
    cpu->x[d->ra] = extend_load(v2, size, ext);
    writeback(cpu, d, va, mode);
}

/* A pair crossing a page is checked whole first: as in QEMU, a fault on the second element
 * leaves the first unwritten. Within a page both elements succeed or the first faults. */
static ALWAYS_INLINE void store_pair(cpu_t *cpu, const decoded_t *d, unsigned size,
                                     addr_mode_t mode)
{
    if (!sp_base_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    if (unlikely((va & ~PAGE_MASK) > PAGE_SIZE - 2 * size) &&
        !mem_check_range(cpu, va, 2 * size, size, true, 0))
        return;
    if (!mem_store(cpu, va, size, cpu->x[d->rd], 0) ||
        !mem_store(cpu, va + size, size, cpu->x[d->ra], 0))
        return;
    writeback(cpu, d, va, mode);
}

#define PAIR_KINDS(X, S)                                                                           \
    X(ldpw, 4, ZERO_EXT)                                                                           \
    X(ldpx, 8, ZERO_EXT)                                                                           \
    X(ldpsw, 4, SIGN_EXT_64)                                                                       \
    S(stpw, 4)                                                                                     \
    S(stpx, 8)

#define DEF_LOAD_PAIR(name, size, ext, mode)                                                       \
    static void exec_##name##_##mode(cpu_t *cpu, const decoded_t *d)                               \
    {                                                                                              \
        load_pair(cpu, d, size, ext, MODE_##mode);                                                 \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_STORE_PAIR(name, size, mode)                                                           \
    static void exec_##name##_##mode(cpu_t *cpu, const decoded_t *d)                               \
    {                                                                                              \
        store_pair(cpu, d, size, MODE_##mode);                                                     \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_LP_off(name, size, ext)  DEF_LOAD_PAIR(name, size, ext, off)
#define DEF_LP_pre(name, size, ext)  DEF_LOAD_PAIR(name, size, ext, pre)
#define DEF_LP_post(name, size, ext) DEF_LOAD_PAIR(name, size, ext, post)
#define DEF_SP_off(name, size)       DEF_STORE_PAIR(name, size, off)
#define DEF_SP_pre(name, size)       DEF_STORE_PAIR(name, size, pre)
#define DEF_SP_post(name, size)      DEF_STORE_PAIR(name, size, post)
PAIR_KINDS(DEF_LP_off, DEF_SP_off)
PAIR_KINDS(DEF_LP_pre, DEF_SP_pre)
PAIR_KINDS(DEF_LP_post, DEF_SP_post)

/* [mode][opc][L] for opc 0 (32-bit), 1 (LDPSW; STGP is not implemented), 2 (64-bit). */
static const exec_fn pair_fns[3][3][2] = {
    {{exec_stpw_off, exec_ldpw_off}, {NULL, exec_ldpsw_off}, {exec_stpx_off, exec_ldpx_off}},
    {{exec_stpw_pre, exec_ldpw_pre}, {NULL, exec_ldpsw_pre}, {exec_stpx_pre, exec_ldpx_pre}},
    {{exec_stpw_post, exec_ldpw_post}, {NULL, exec_ldpsw_post}, {exec_stpx_post, exec_ldpx_post}},
};

/* ---- Decode ---- */

static bool kind_is_load(kind_t k)
{
    return k < K_strb;
}

/* Rt and Rn fields common to all forms; returns the kind for opc/size. */
static kind_t dec_rt_rn(decoded_t *d, uint32_t insn)
{
    kind_t k = kind_of[bits32(insn, 23, 22)][bits32(insn, 31, 30)];
    unsigned rt = insn & 31, rn = bits32(insn, 9, 5);
    d->rd = kind_is_load(k) ? reg_w_zr(rt) : reg_r_zr(rt);
    d->rn = reg_sp(rn);
    d->flags = rn == 31 ? LDST_SP_BASE : 0;
    return k;
}

/* Load/store register (unsigned immediate): imm12 scaled by the access size. */
static bool dec_ldst_uimm(decoded_t *d, uint32_t insn)
{
    kind_t k = dec_rt_rn(d, insn);
    if (k == K_UNALLOCATED) return false;
    d->imm = (uint64_t)bits32(insn, 21, 10) << bits32(insn, 31, 30);
    d->fn = k == K_PRFM ? exec_prfm : off_fns[k];
    return true;
}

/* Load/store register with imm9: unscaled, post-index, unprivileged, pre-index (insn[11:10]). */
static bool dec_ldst_imm9(decoded_t *d, uint32_t insn)
{
    static const exec_fn *const mode_fns[4] = {off_fns, post_fns, user_fns, pre_fns};
    unsigned mode = bits32(insn, 11, 10);
    kind_t k = dec_rt_rn(d, insn);
    if (k == K_UNALLOCATED) return false;
    d->imm = (uint64_t)sext(bits32(insn, 20, 12), 9);
    if (k == K_PRFM) {
        if (mode != 0) return false; /* only PRFUM */
        d->fn = exec_prfm;
        return true;
    }
    d->fn = mode_fns[mode][k];
    return true;
}

/* Load/store register (register offset): Rm extended by option, shifted by size when S = 1. */
static bool dec_ldst_reg(decoded_t *d, uint32_t insn)
{
    kind_t k = dec_rt_rn(d, insn);
    unsigned option = bits32(insn, 15, 13);
    if (k == K_UNALLOCATED || !(option & 2)) return false; /* option<1> == 0: reserved */
    if (k == K_PRFM) {
        d->fn = exec_prfm;
        return true;
    }
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->shift = (uint8_t)option;
    d->amount = bit(insn, 12) ? (uint8_t)bits32(insn, 31, 30) : 0;
    d->fn = reg_fns[k];
    return true;
}

/* LDR (literal) W/X, LDRSW (literal), PRFM (literal). */
static bool dec_ldr_lit(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[4] = {exec_ldrw_lit, exec_ldrx_lit, exec_ldrsw_lit, exec_prfm};
    d->rd = reg_w_zr(insn & 31);
    d->imm = (uint64_t)sext(bits32(insn, 23, 5), 19) * 4;
    d->fn = fns[bits32(insn, 31, 30)];
    return true;
}

/* LDP/STP/LDPSW (offset, pre-index, post-index) and LDNP/STNP (insn[24:23] = 0). */
static bool dec_ldst_pair(decoded_t *d, uint32_t insn)
{
    unsigned opc = bits32(insn, 31, 30), index = bits32(insn, 24, 23), load = bit(insn, 22);
    unsigned rt = insn & 31, rt2 = bits32(insn, 14, 10), rn = bits32(insn, 9, 5);
    /* mode row of pair_fns: no-allocate and signed offset both use "off". */
    static const uint8_t mode_row[4] = {0, 2, 0, 1};
    if (opc == 3) return false;
    if (opc == 1 && (!load || index == 0)) return false; /* STGP (no MTE); no LDNPSW */
    d->rd = load ? reg_w_zr(rt) : reg_r_zr(rt);
    d->ra = load ? reg_w_zr(rt2) : reg_r_zr(rt2);
    d->rn = reg_sp(rn);
    d->flags = rn == 31 ? LDST_SP_BASE : 0;
    d->imm = (uint64_t)sext(bits32(insn, 21, 15), 7) * (opc == 2 ? 8 : 4);
    d->fn = pair_fns[mode_row[index]][opc][load];
    return true;
}

/*
 * The V = 0 (general-purpose register) encodings of the load/store group (Arm
 * ARM A64 encoding index, "Loads and Stores"). SIMD&FP forms (V = 1) are
 * not matched here; exclusives, ordered and atomics are in exec_atomic.c.
 */
const insn_pattern_t ldst_patterns[] = {
    {0x3F000000, 0x39000000, "LDR/STR (unsigned offset)", dec_ldst_uimm},
    {0x3F200C00, 0x38000000, "LDUR/STUR", dec_ldst_imm9},
    {0x3F200C00, 0x38000400, "LDR/STR (post-index)", dec_ldst_imm9},
    {0x3F200C00, 0x38000800, "LDTR/STTR", dec_ldst_imm9},
    {0x3F200C00, 0x38000C00, "LDR/STR (pre-index)", dec_ldst_imm9},
    {0x3F200C00, 0x38200800, "LDR/STR (register)", dec_ldst_reg},
    {0x3F000000, 0x18000000, "LDR (literal)", dec_ldr_lit},
    {0x3F800000, 0x28000000, "LDNP/STNP", dec_ldst_pair},
    {0x3F800000, 0x28800000, "LDP/STP (post-index)", dec_ldst_pair},
    {0x3F800000, 0x29000000, "LDP/STP (offset)", dec_ldst_pair},
    {0x3F800000, 0x29800000, "LDP/STP (pre-index)", dec_ldst_pair},
    PATTERN_END,
};

/* ---- Data Abort instruction syndrome ---- */

#define ISS_ISV (1u << 24)
#define ISS_SSE (1u << 21)
#define ISS_SF  (1u << 15)
#define ISS_AR  (1u << 14)

static uint32_t iss_make(unsigned size_log2, bool sse, unsigned rt, bool sf, bool ar)
{
    return ISS_ISV | (size_log2 << 22) | (sse ? ISS_SSE : 0) | (rt << 16) | (sf ? ISS_SF : 0) |
           (ar ? ISS_AR : 0);
}

/*
 * ISV = 1 only for a load or store of one general-purpose register without
 * writeback, including acquire/release forms, excluding exclusives, pairs and
 * atomics (Arm ARM, ESR_ELx "ISS encoding for an exception from a Data Abort").
 */
uint32_t ldst_abort_iss(uint32_t insn)
{
    unsigned size = bits32(insn, 31, 30), opc = bits32(insn, 23, 22), rt = insn & 31;

    if ((insn & 0x3F000000) == 0x39000000 || /* unsigned offset */
        (insn & 0x3F200400) == 0x38000000 || /* unscaled (00) or unprivileged (10) */
        (insn & 0x3F200C00) == 0x38200800) { /* register offset */
        kind_t k = kind_of[opc][size];
        if (k >= K_COUNT) return 0; /* PRFM or unallocated */
        bool sign = opc >= 2;
        bool sf = sign ? opc == 2 : size == 3; /* width of the register, not of the access */
        return iss_make(size, sign, rt, sf, false);
    }
    if ((insn & 0x3F000000) == 0x18000000) { /* literal: opc 00 W, 01 X, 10 SW, 11 PRFM */
        if (size == 3) return 0;
        return iss_make(size == 1 ? 3 : 2, size == 2, rt, size != 0, false);
    }
    if ((insn & 0x3FBFFC00) == 0x089FFC00) /* LDAR/STLR */
        return iss_make(size, false, rt, size == 3, true);
    if ((insn & 0x3FFFFC00) == 0x38BFC000) /* LDAPR */
        return iss_make(size, false, rt, size == 3, true);
    return 0;
}
