/*
 * Branches: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET, ERET.
 * decoded_t use: imm = PC-relative offset (sign-extended, scaled);
 * rn = register tested or branched to; cond = condition and extra = its
 * truth table over the 16 NZCV values (B.cond);
 * amount = bit number (TBZ); sf = 64-bit compare (CBZ).
 */
#include "cpu/decode.h"
#include "cpu/dp_flags.h"
#include "cpu/exception.h"

/* Sets the branch target; one in the same page runs next without a return to the run loop. */
static inline void branch_to(cpu_t *cpu, const decoded_t *d, uint64_t target)
{
    cpu->next_pc = target;
    if (((target ^ cpu->pc) >> PAGE_BITS) == 0)
        exec_chain(cpu, d + ((int64_t)(target - cpu->pc) >> 2));
}

static void exec_b(cpu_t *cpu, const decoded_t *d)
{
    branch_to(cpu, d, cpu->pc + d->imm);
}

static void exec_bl(cpu_t *cpu, const decoded_t *d)
{
    cpu->x[30] = cpu->pc + 4;
    branch_to(cpu, d, cpu->pc + d->imm);
}

/* A conditional branch: to the target or to the next instruction. */
static inline void branch_if(cpu_t *cpu, const decoded_t *d, bool taken)
{
    if (taken)
        branch_to(cpu, d, cpu->pc + d->imm);
    else
        exec_next(cpu, d);
}

static void exec_bcond(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, cond_mask_holds(cpu, d->extra));
}

static void exec_cbz64(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, cpu->x[d->rn] == 0);
}
static void exec_cbnz64(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, cpu->x[d->rn] != 0);
}
static void exec_cbz32(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, (uint32_t)cpu->x[d->rn] == 0);
}
static void exec_cbnz32(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, (uint32_t)cpu->x[d->rn] != 0);
}

static void exec_tbz(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, !((cpu->x[d->rn] >> d->amount) & 1));
}
static void exec_tbnz(cpu_t *cpu, const decoded_t *d)
{
    branch_if(cpu, d, (cpu->x[d->rn] >> d->amount) & 1);
}

static void exec_br(cpu_t *cpu, const decoded_t *d)
{
    cpu->next_pc = cpu->x[d->rn];
}

static void exec_blr(cpu_t *cpu, const decoded_t *d)
{
    uint64_t target = cpu->x[d->rn]; /* read before X30 is written (BLR X30) */
    cpu->x[30] = cpu->pc + 4;
    cpu->next_pc = target;
}

static void exec_eret(cpu_t *cpu, const decoded_t *d)
{
    (void)d;
    if (cpu->el == 0) {
        exc_undefined(cpu);
        return;
    }
    exc_return(cpu);
}

static bool dec_b(decoded_t *d, uint32_t insn)
{
    d->imm = (uint64_t)sext(bits32(insn, 25, 0), 26) * 4;
    d->fn = bit(insn, 31) ? exec_bl : exec_b;
    return true;
}

static bool dec_bcond(decoded_t *d, uint32_t insn)
{
    d->imm = (uint64_t)sext(bits32(insn, 23, 5), 19) * 4;
    d->cond = insn & 15;
    d->extra = cond_mask(d->cond);               /* truth table over NZCV */
    d->fn = d->cond >= 14 ? exec_b : exec_bcond; /* AL and NV both mean "always" */
    return true;
}

static bool dec_cb(decoded_t *d, uint32_t insn)
{
    static const exec_fn fns[2][2] = {{exec_cbz32, exec_cbnz32}, {exec_cbz64, exec_cbnz64}};
    d->imm = (uint64_t)sext(bits32(insn, 23, 5), 19) * 4;
    d->rn = reg_r_zr(insn & 31);
    d->fn = fns[bit(insn, 31)][bit(insn, 24)];
    return true;
}

static bool dec_tb(decoded_t *d, uint32_t insn)
{
    d->imm = (uint64_t)sext(bits32(insn, 18, 5), 14) * 4;
    d->rn = reg_r_zr(insn & 31);
    d->amount = (uint8_t)((bit(insn, 31) << 5) | bits32(insn, 23, 19));
    d->fn = bit(insn, 24) ? exec_tbnz : exec_tbz;
    return true;
}

static bool dec_br(decoded_t *d, uint32_t insn)
{
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->fn = exec_br;
    return true;
}

static bool dec_blr(decoded_t *d, uint32_t insn)
{
    d->rn = reg_r_zr(bits32(insn, 9, 5));
    d->fn = exec_blr;
    return true;
}

static bool dec_eret(decoded_t *d, uint32_t insn)
{
    (void)insn;
    d->fn = exec_eret;
    return true;
}

const insn_pattern_t branch_patterns[] = {
    {0x7C000000, 0x14000000, "B/BL", dec_b},
    {0xFF000010, 0x54000000, "B.cond", dec_bcond},
    {0x7E000000, 0x34000000, "CBZ/CBNZ", dec_cb},
    {0x7E000000, 0x36000000, "TBZ/TBNZ", dec_tb},
    {0xFFFFFC1F, 0xD61F0000, "BR", dec_br},
    {0xFFFFFC1F, 0xD63F0000, "BLR", dec_blr},
    {0xFFFFFC1F, 0xD65F0000, "RET", dec_br},
    {0xFFFFFFFF, 0xD69F03E0, "ERET", dec_eret},
    PATTERN_END,
};
