/*
 * SIMD&FP loads and stores (Arm ARM C4.1.x "Loads and Stores", V = 1): LDR/STR
 * of B, H, S, D and Q registers (unsigned offset, unscaled, pre- and post-index,
 * register offset, literal), LDP/STP/LDNP/STNP of S, D and Q registers, and the
 * Advanced SIMD structure loads and stores LD1-LD4/ST1-ST4 (multiple
 * structures), single structures (one lane) and LD1R-LD4R (replicate), with
 * their post-index forms.
 *
 * decoded_t use:
 *   rd      Rt (a V register); ra: Rt2 of a pair
 *   rn      base register (31 = SP)
 *   rm      offset register: register offset form (31 = ZR); structures: the
 *           post-index register, REG_ZR for the immediate post-index form
 *   imm     offset, sign-extended and scaled (pc-relative for literals)
 *   shift   extend of the offset register, amount its left shift
 *   flags   VLD_* below
 *   structures: op = selem (structure elements), cond = log2 element bytes,
 *           extra = registers (multiple) or lane index (single),
 *           amount = bytes of one register (8 or 16)
 *
 * A 16-byte access is two 8-byte accesses after its alignment (16 bytes on
 * Device memory or with SCTLR_ELx.A) and, when it crosses a page, both pages
 * are checked, so a fault leaves memory and registers unchanged. Structure
 * accesses crossing a page are checked whole first for the same reason. A
 * write of a B, H, S, D register, or of a 64-bit vector, zeroes the rest of
 * the register.
 */
#include "cpu/decode.h"
#include "cpu/fp_access.h"
#include "mmu/mem.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

enum {
    VLD_SP_BASE = 1,   /* the base is SP: SP alignment check */
    VLD_POST = 2,      /* structures: post-index */
    VLD_LOAD = 4,      /* structures: load */
    VLD_REPLICATE = 8, /* LD1R-LD4R */
};

/* DecodeRegExtend option values of a register offset. */
enum { EXT_UXTW = 2, EXT_SXTW = 6 };

typedef enum { MODE_off, MODE_pre, MODE_post, MODE_reg, MODE_lit } addr_mode_t;

static ALWAYS_INLINE bool checks_ok(cpu_t *cpu, const decoded_t *d)
{
    if (!fp_access_ok(cpu)) return false;
    return likely(!(d->flags & VLD_SP_BASE)) || cpu_check_sp_align(cpu, cpu->x[REG_SP]);
}

static ALWAYS_INLINE uint64_t ldst_address(const cpu_t *cpu, const decoded_t *d, addr_mode_t mode)
{
    uint64_t m;
    switch (mode) {
    case MODE_post: return cpu->x[d->rn];
    case MODE_lit: return cpu->pc + d->imm;
    case MODE_reg:
        m = cpu->x[d->rm];
        if (d->shift == EXT_UXTW)
            m = (uint32_t)m;
        else if (d->shift == EXT_SXTW)
            m = (uint64_t)(int64_t)(int32_t)m;
        return cpu->x[d->rn] + (m << d->amount);
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

static ALWAYS_INLINE bool crosses_page(uint64_t va, unsigned size)
{
    return (va & ~PAGE_MASK) > PAGE_SIZE - size;
}

/* Loads `size` bytes (1..16) zero-extended into *out. */
static ALWAYS_INLINE bool vload(cpu_t *cpu, uint64_t va, unsigned size, vreg_t *out)
{
    uint64_t lo, hi = 0;
    if (size == 16) {
        if ((va & 15) && !mem_check_range(cpu, va, 16, 16, false, 0)) return false;
        if (!mem_load(cpu, va, 8, &lo, 0) || !mem_load(cpu, va + 8, 8, &hi, 0)) return false;
    } else if (!mem_load(cpu, va, size, &lo, 0)) {
        return false;
    }
    *out = (vreg_t){.d = {lo, hi}};
    return true;
}

/* Stores the low `size` bytes (1..16) of v. */
static ALWAYS_INLINE bool vstore(cpu_t *cpu, uint64_t va, unsigned size, const vreg_t *v)
{
    if (size == 16) {
        if ((va & 15) && !mem_check_range(cpu, va, 16, 16, true, 0)) return false;
        return mem_store(cpu, va, 8, v->d[0], 0) && mem_store(cpu, va + 8, 8, v->d[1], 0);
    }
    return mem_store(cpu, va, size, v->d[0], 0);
}

/* ---- Single register ---- */

static ALWAYS_INLINE void load_one(cpu_t *cpu, const decoded_t *d, unsigned size, addr_mode_t mode)
{
    if (!checks_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    vreg_t v;
    if (!vload(cpu, va, size, &v)) return;
    cpu->v[d->rd] = v;
    writeback(cpu, d, va, mode);
}

static ALWAYS_INLINE void store_one(cpu_t *cpu, const decoded_t *d, unsigned size, addr_mode_t mode)
{
    if (!checks_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    if (!vstore(cpu, va, size, &cpu->v[d->rd])) return;
    writeback(cpu, d, va, mode);
}

#define DEF_ONE(size, mode)                                                                        \
    static void exec_ldr##size##_##mode(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        load_one(cpu, d, size, MODE_##mode);                                                       \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_str##size##_##mode(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        store_one(cpu, d, size, MODE_##mode);                                                      \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_SIZES(mode)                                                                            \
    DEF_ONE(1, mode)                                                                               \
    DEF_ONE(2, mode)                                                                               \
    DEF_ONE(4, mode)                                                                               \
    DEF_ONE(8, mode)                                                                               \
    DEF_ONE(16, mode)                                                                              \
    static const exec_fn mode##_fns[5][2] = {                                                      \
        {exec_str1_##mode, exec_ldr1_##mode},   {exec_str2_##mode, exec_ldr2_##mode},              \
        {exec_str4_##mode, exec_ldr4_##mode},   {exec_str8_##mode, exec_ldr8_##mode},              \
        {exec_str16_##mode, exec_ldr16_##mode},                                                    \
    };
DEF_SIZES(off)
DEF_SIZES(pre)
DEF_SIZES(post)
DEF_SIZES(reg)

static void exec_ldr4_lit(cpu_t *cpu, const decoded_t *d)
{
    load_one(cpu, d, 4, MODE_lit);
    exec_next(cpu, d);
}
static void exec_ldr8_lit(cpu_t *cpu, const decoded_t *d)
{
    load_one(cpu, d, 8, MODE_lit);
    exec_next(cpu, d);
}
static void exec_ldr16_lit(cpu_t *cpu, const decoded_t *d)
{
    load_one(cpu, d, 16, MODE_lit);
    exec_next(cpu, d);
}

/* ---- Pairs ---- */

/* Both elements are accessed only after a pair crossing a page, or an unaligned Q pair, has been
 * checked whole; loads write the registers after both reads. */
static ALWAYS_INLINE bool pair_range_ok(cpu_t *cpu, uint64_t va, unsigned size, bool write)
{
    if (likely(!crosses_page(va, 2 * size)) && (size != 16 || !(va & 15))) return true;
    return mem_check_range(cpu, va, 2 * size, size, write, 0);
}

static ALWAYS_INLINE void load_pair(cpu_t *cpu, const decoded_t *d, unsigned size, addr_mode_t mode)
{
    if (!checks_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    vreg_t v1, v2;
    if (!pair_range_ok(cpu, va, size, false) || !vload(cpu, va, size, &v1) ||
        !vload(cpu, va + size, size, &v2))
        return;
    cpu->v[d->rd] = v1;
    cpu->v[d->ra] = v2;
    writeback(cpu, d, va, mode);
}

static ALWAYS_INLINE void store_pair(cpu_t *cpu, const decoded_t *d, unsigned size,
                                     addr_mode_t mode)
{
    if (!checks_ok(cpu, d)) return;
    uint64_t va = ldst_address(cpu, d, mode);
    if (!pair_range_ok(cpu, va, size, true) || !vstore(cpu, va, size, &cpu->v[d->rd]) ||
        !vstore(cpu, va + size, size, &cpu->v[d->ra]))
        return;
    writeback(cpu, d, va, mode);
}

#define DEF_PAIR(size, mode)                                                                       \
    static void exec_ldp##size##_##mode(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        load_pair(cpu, d, size, MODE_##mode);                                                      \
        exec_next(cpu, d);                                                                         \
    }                                                                                              \
    static void exec_stp##size##_##mode(cpu_t *cpu, const decoded_t *d)                            \
    {                                                                                              \
        store_pair(cpu, d, size, MODE_##mode);                                                     \
        exec_next(cpu, d);                                                                         \
    }
#define DEF_PAIR_SIZES(mode)                                                                       \
    DEF_PAIR(4, mode)                                                                              \
    DEF_PAIR(8, mode)                                                                              \
    DEF_PAIR(16, mode)                                                                             \
    static const exec_fn pair_##mode##_fns[3][2] = {                                               \
        {exec_stp4_##mode, exec_ldp4_##mode},                                                      \
        {exec_stp8_##mode, exec_ldp8_##mode},                                                      \
        {exec_stp16_##mode, exec_ldp16_##mode},                                                    \
    };
DEF_PAIR_SIZES(off)
DEF_PAIR_SIZES(pre)
DEF_PAIR_SIZES(post)

/* ---- Structures ---- */

static ALWAYS_INLINE void structure_writeback(cpu_t *cpu, const decoded_t *d, unsigned total)
{
    if (d->flags & VLD_POST) cpu->x[d->rn] += d->rm == REG_ZR ? total : cpu->x[d->rm];
}

/*
 * LD1-LD4 / ST1-ST4 (multiple structures): element e of structure member s of
 * register group r is at offset ((r * elements + e) * selem + s) * ebytes and
 * belongs to register Rt + r + s (modulo 32).
 */
static void exec_ldst_multiple(cpu_t *cpu, const decoded_t *d)
{
    if (!checks_ok(cpu, d)) return;
    const unsigned selem = d->op, ebytes = 1u << d->cond, regbytes = d->amount;
    const unsigned nregs = d->extra, elements = regbytes / ebytes, total = nregs * regbytes;
    const bool load = d->flags & VLD_LOAD;
    uint64_t va = cpu->x[d->rn];
    vreg_t regs[4] = {0};

    if (crosses_page(va, total) && !mem_check_range(cpu, va, total, ebytes, !load, 0)) return;
    if (!load)
        for (unsigned i = 0; i < nregs; i++)
            regs[i] = cpu->v[(d->rd + i) & 31];
    if (selem == 1 && !(va & 7)) { /* consecutive registers: whole doublewords */
        for (unsigned off = 0; off < total; off += 8) {
            uint64_t *dw = &regs[off / regbytes].d[(off % regbytes) / 8];
            if (load ? !mem_load(cpu, va + off, 8, dw, 0) : !mem_store(cpu, va + off, 8, *dw, 0))
                return;
        }
    } else {
        uint64_t off = 0;
        for (unsigned r = 0; r < nregs / selem; r++) {
            for (unsigned e = 0; e < elements; e++) {
                for (unsigned s = 0; s < selem; s++, off += ebytes) {
                    uint8_t *lane = &regs[r + s].b[e * ebytes];
                    uint64_t v = 0;
                    memcpy(&v, lane, ebytes);
                    if (load ? !mem_load(cpu, va + off, ebytes, &v, 0)
                             : !mem_store(cpu, va + off, ebytes, v, 0))
                        return;
                    memcpy(lane, &v, ebytes);
                }
            }
        }
    }
    if (load)
        for (unsigned i = 0; i < nregs; i++)
            cpu->v[(d->rd + i) & 31] = regs[i];
    structure_writeback(cpu, d, total);
    exec_next(cpu, d);
}

/* LD1-LD4 / ST1-ST4 (single structure) and LD1R-LD4R: member s is register Rt + s. */
static void exec_ldst_single(cpu_t *cpu, const decoded_t *d)
{
    if (!checks_ok(cpu, d)) return;
    const unsigned selem = d->op, ebytes = 1u << d->cond, total = selem * ebytes;
    const bool load = d->flags & VLD_LOAD;
    uint64_t va = cpu->x[d->rn];
    vreg_t regs[4];

    if (crosses_page(va, total) && !mem_check_range(cpu, va, total, ebytes, !load, 0)) return;
    for (unsigned s = 0; s < selem; s++) {
        vreg_t *reg = &regs[s];
        uint64_t v = 0;
        *reg = cpu->v[(d->rd + s) & 31];
        if (!load) {
            memcpy(&v, &reg->b[d->extra * ebytes], ebytes);
            if (!mem_store(cpu, va + s * ebytes, ebytes, v, 0)) return;
            continue;
        }
        if (!mem_load(cpu, va + s * ebytes, ebytes, &v, 0)) return;
        if (d->flags & VLD_REPLICATE) {
            *reg = (vreg_t){.d = {0, 0}};
            for (unsigned i = 0; i < d->amount; i += ebytes)
                memcpy(&reg->b[i], &v, ebytes);
        } else {
            memcpy(&reg->b[d->extra * ebytes], &v, ebytes);
        }
    }
    if (load)
        for (unsigned s = 0; s < selem; s++)
            cpu->v[(d->rd + s) & 31] = regs[s];
    structure_writeback(cpu, d, total);
    exec_next(cpu, d);
}

/* ---- Decode ---- */

/* size:opc of the single-register forms: log2 of the access size, or -1 when unallocated. */
static int access_log2(uint32_t insn)
{
    unsigned size = bits32(insn, 31, 30), opc_hi = bit(insn, 23);
    if (!opc_hi) return (int)size;
    return size == 0 ? 4 : -1; /* Q */
}

static void dec_rt_rn(decoded_t *d, uint32_t insn)
{
    unsigned rn = bits32(insn, 9, 5);
    d->rd = (uint8_t)(insn & 31);
    d->rn = reg_sp(rn);
    d->flags = rn == 31 ? VLD_SP_BASE : 0;
}

static bool dec_vldst_uimm(decoded_t *d, uint32_t insn)
{
    int lg = access_log2(insn);
    if (lg < 0) return false;
    dec_rt_rn(d, insn);
    d->imm = (uint64_t)bits32(insn, 21, 10) << lg;
    d->fn = off_fns[lg][bit(insn, 22)];
    return true;
}

/* Unscaled (insn[11:10] = 00), post-index (01), pre-index (11); 10 is unallocated. */
static bool dec_vldst_imm9(decoded_t *d, uint32_t insn)
{
    int lg = access_log2(insn);
    unsigned mode = bits32(insn, 11, 10);
    if (lg < 0 || mode == 2) return false;
    dec_rt_rn(d, insn);
    d->imm = (uint64_t)sext(bits32(insn, 20, 12), 9);
    d->fn = (mode == 0 ? off_fns : mode == 1 ? post_fns : pre_fns)[lg][bit(insn, 22)];
    return true;
}

static bool dec_vldst_reg(decoded_t *d, uint32_t insn)
{
    int lg = access_log2(insn);
    unsigned option = bits32(insn, 15, 13);
    if (lg < 0 || !(option & 2)) return false;
    dec_rt_rn(d, insn);
    d->rm = reg_r_zr(bits32(insn, 20, 16));
    d->shift = (uint8_t)option;
    d->amount = bit(insn, 12) ? (uint8_t)lg : 0;
    d->fn = reg_fns[lg][bit(insn, 22)];
    return true;
}

static bool dec_vldr_lit(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[3] = {exec_ldr4_lit, exec_ldr8_lit, exec_ldr16_lit};
    unsigned opc = bits32(insn, 31, 30);
    if (opc == 3) return false;
    d->rd = (uint8_t)(insn & 31);
    d->imm = (uint64_t)sext(bits32(insn, 23, 5), 19) * 4;
    d->fn = fns[opc];
    return true;
}

/* LDP/STP (offset, pre-, post-index) and LDNP/STNP (insn[24:23] = 00) of S, D, Q registers. */
static bool dec_vldst_pair(decoded_t *d, uint32_t insn)
{
    unsigned opc = bits32(insn, 31, 30), index = bits32(insn, 24, 23), load = bit(insn, 22);
    if (opc == 3) return false;
    dec_rt_rn(d, insn);
    d->ra = (uint8_t)bits32(insn, 14, 10);
    d->imm = (uint64_t)sext(bits32(insn, 21, 15), 7) << (opc + 2);
    d->fn = (index == 1 ? pair_post_fns : index == 3 ? pair_pre_fns : pair_off_fns)[opc][load];
    return true;
}

/* The post-index register of the structure forms (31: post-index by the transfer size). */
static void dec_structure_common(decoded_t *d, uint32_t insn)
{
    dec_rt_rn(d, insn);
    if (bit(insn, 23)) {
        d->flags |= VLD_POST;
        d->rm = reg_r_zr(bits32(insn, 20, 16));
    }
    if (bit(insn, 22)) d->flags |= VLD_LOAD;
    d->amount = bit(insn, 30) ? 16 : 8;
}

static bool dec_vldst_multiple(decoded_t *d, uint32_t insn)
{
    /* opcode -> registers and structure elements; 0: unallocated */
    static const uint8_t nregs[16] = {4, 0, 4, 0, 3, 0, 3, 1, 2, 0, 2, 0, 0, 0, 0, 0};
    static const uint8_t selem[16] = {4, 0, 1, 0, 3, 0, 1, 1, 2, 0, 1, 0, 0, 0, 0, 0};
    unsigned opcode = bits32(insn, 15, 12), size = bits32(insn, 11, 10);
    if (!nregs[opcode]) return false;
    if (size == 3 && !bit(insn, 30) && selem[opcode] > 1) return false; /* .1D with selem > 1 */
    dec_structure_common(d, insn);
    d->op = selem[opcode];
    d->extra = nregs[opcode];
    d->cond = (uint8_t)size;
    d->fn = exec_ldst_multiple;
    return true;
}

static bool dec_vldst_single(decoded_t *d, uint32_t insn)
{
    unsigned opcode = bits32(insn, 15, 13), s = bit(insn, 12), size = bits32(insn, 11, 10);
    unsigned q = bit(insn, 30), scale = opcode >> 1, index;
    dec_structure_common(d, insn);
    d->op = (uint8_t)(((opcode & 1) << 1 | bit(insn, 21)) + 1);
    switch (scale) {
    case 3: /* replicate */
        if (!(d->flags & VLD_LOAD) || s) return false;
        scale = size;
        index = 0;
        d->flags |= VLD_REPLICATE;
        break;
    case 0: index = q << 3 | s << 2 | size; break;
    case 1:
        if (size & 1) return false;
        index = q << 2 | s << 1 | size >> 1;
        break;
    default:
        if (size & 2) return false;
        if (size == 0) {
            index = q << 1 | s;
        } else {
            if (s) return false;
            index = q;
            scale = 3;
        }
        break;
    }
    d->cond = (uint8_t)scale;
    d->extra = (uint16_t)index;
    d->fn = exec_ldst_single;
    return true;
}

/* The V = 1 encodings of the load/store group; exec_ldst.c has the V = 0 ones. */
const insn_pattern_t ldst_simd_patterns[] = {
    {0x3F000000, 0x3D000000, "LDR/STR (SIMD&FP, unsigned offset)", dec_vldst_uimm},
    {0x3F200400, 0x3C000000, "LDUR/STUR (SIMD&FP)", dec_vldst_imm9},
    {0x3F200400, 0x3C000400, "LDR/STR (SIMD&FP, post/pre-index)", dec_vldst_imm9},
    {0x3F200C00, 0x3C200800, "LDR/STR (SIMD&FP, register)", dec_vldst_reg},
    {0x3F000000, 0x1C000000, "LDR (SIMD&FP, literal)", dec_vldr_lit},
    {0x3E000000, 0x2C000000, "LDP/STP/LDNP/STNP (SIMD&FP)", dec_vldst_pair},
    {0xBFBF0000, 0x0C000000, "LD1-LD4/ST1-ST4 (multiple structures)", dec_vldst_multiple},
    {0xBFA00000, 0x0C800000, "LD1-LD4/ST1-ST4 (multiple structures, post-index)",
     dec_vldst_multiple},
    {0xBF9F0000, 0x0D000000, "LD1-LD4/ST1-ST4 (single structure), LD1R-LD4R", dec_vldst_single},
    {0xBF800000, 0x0D800000, "LD1-LD4/ST1-ST4 (single structure, post-index), LD1R-LD4R",
     dec_vldst_single},
    PATTERN_END,
};
