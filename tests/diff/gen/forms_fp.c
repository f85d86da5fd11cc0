/*
 * Class "fp": scalar floating point (A64 "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD", the floating-point groups): 1-, 2- and
 * 3-source data processing, compare, conditional compare and select, FMOV
 * (immediate, register, general), conversions to and from integers and
 * fixed point, FRINT* (FEAT_FRINTTS too), FJCVTZS; half, single and double
 * precision (FEAT_FP16), the reserved type 10 and reserved field values now
 * and then; MRS/MSR of FPCR (Armv8.0 bits only) and FPSR.
 */
#include <stdio.h>

#include "forms_simd.h"

#define CLS "fp"

static const char *const type_name[] = {"S", "D", "(type 10)", "H"};

/* ftype: single, double, half; now and then the reserved 10. */
static uint32_t pick_ftype(struct builder *b)
{
    static const uint32_t types[] = {0, 1, 3};
    return simd_rarely(b) ? 2 : types[rng_below(&b->rng, 3)];
}

/*
 * M (bit 31) and S (bit 29), 0 in every allocated encoding of the groups
 * that have them: now and then a nonzero pair, named after the group alone.
 */
static uint32_t pick_m_s(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t ms = simd_rarely(b) ? 1 + rng_below(&b->rng, 3) : 0;

    if (ms) snprintf(name, size, "reserved M/S: %s", f->name);
    return (ms >> 1) << 31 | (ms & 1) << 29;
}

static uint32_t fp_3source(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"FMADD", "FMSUB", "FNMADD", "FNMSUB"};
    uint32_t ftype = pick_ftype(b), op = rng_below(&b->rng, 4);

    snprintf(name, size, "%s %s", names[op], type_name[ftype]);
    uint32_t ms = pick_m_s(b, f, name, size);
    return 0x1F000000u | ms | ftype << 22 | (op >> 1) << 21 | (op & 1) << 15 | pick_vsrc(b) << 10 |
           simd_vd_vn_vm(b);
}

static uint32_t fp_2source(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"FMUL", "FDIV",   "FADD",   "FSUB", "FMAX",
                                        "FMIN", "FMAXNM", "FMINNM", "FNMUL"};
    uint32_t ftype = pick_ftype(b),
             opcode = simd_rarely(b) ? 9 + rng_below(&b->rng, 7) : rng_below(&b->rng, 9);

    snprintf(name, size, "%s %s", opcode < 9 ? names[opcode] : "reserved 2-source opcode",
             type_name[ftype]);
    uint32_t ms = pick_m_s(b, f, name, size);
    return 0x1E200800u | ms | ftype << 22 | opcode << 12 | simd_vd_vn_vm(b);
}

static uint32_t fp_1source(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const struct {
        uint32_t opcode;
        const char *name;
    } ops[] = {{0, "FMOV (register)"}, {1, "FABS"},      {2, "FNEG"},      {3, "FSQRT"},
               {4, "FCVT to S"},       {5, "FCVT to D"}, {7, "FCVT to H"}, {8, "FRINTN"},
               {9, "FRINTP"},          {10, "FRINTM"},   {11, "FRINTZ"},   {12, "FRINTA"},
               {14, "FRINTX"},         {15, "FRINTI"},   {16, "FRINT32Z"}, {17, "FRINT32X"},
               {18, "FRINT64Z"},       {19, "FRINT64X"}};
    uint32_t ftype = pick_ftype(b), opcode;
    const char *what = "reserved 1-source opcode";

    if (simd_rarely(b)) {
        opcode = rng_below(&b->rng, 64); /* BFCVT (opcode 6, type 01) is filtered out */
        for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
            if (ops[i].opcode == opcode) what = ops[i].name;
    } else {
        unsigned i = rng_below(&b->rng, sizeof(ops) / sizeof(ops[0]));
        opcode = ops[i].opcode;
        what = ops[i].name;
    }
    snprintf(name, size, "%s %s", what, type_name[ftype]);
    uint32_t ms = pick_m_s(b, f, name, size);
    return 0x1E204000u | ms | ftype << 22 | opcode << 15 | simd_vd_vn(b);
}

static uint32_t fp_compare(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const char *const names[] = {"FCMP", "FCMP #0.0", "FCMPE", "FCMPE #0.0"};
    uint32_t ftype = pick_ftype(b), kind = rng_below(&b->rng, 4), op = 0, low = 0;
    uint32_t rm = kind & 1 ? 0 : pick_vsrc(b); /* Rm is (0) for the zero forms */

    (void)f;
    if (simd_rarely(b)) { /* op (bits 15:14) or opcode2<2:0> nonzero: unallocated */
        if (rng_percent(&b->rng, 50))
            op = 1 + rng_below(&b->rng, 3);
        else
            low = 1 + rng_below(&b->rng, 7);
    }
    snprintf(name, size, "%s%s %s", op || low ? "reserved: " : "", names[kind], type_name[ftype]);
    return 0x1E202000u | ftype << 22 | rm << 16 | op << 14 | pick_vsrc(b) << 5 | kind << 3 | low;
}

static uint32_t fp_ccmp(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t ftype = pick_ftype(b), e = rng_below(&b->rng, 2);

    (void)f;
    snprintf(name, size, "%s %s", e ? "FCCMPE" : "FCCMP", type_name[ftype]);
    return 0x1E200400u | ftype << 22 | pick_vsrc(b) << 16 | rng_below(&b->rng, 16) << 12 |
           pick_vsrc(b) << 5 | e << 4 | rng_below(&b->rng, 16);
}

static uint32_t fp_csel(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t ftype = pick_ftype(b);

    (void)f;
    snprintf(name, size, "FCSEL %s", type_name[ftype]);
    return 0x1E200C00u | ftype << 22 | rng_below(&b->rng, 16) << 12 | simd_vd_vn_vm(b);
}

static uint32_t fp_fmov_imm(struct builder *b, const struct form *f, char *name, size_t size)
{
    uint32_t ftype = pick_ftype(b), imm5 = simd_rarely(b) ? 1 + rng_below(&b->rng, 31) : 0;

    (void)f;
    snprintf(name, size, "%sFMOV (immediate) %s", imm5 ? "reserved imm5: " : "", type_name[ftype]);
    return 0x1E201000u | ftype << 22 | rng_below(&b->rng, 256) << 13 | imm5 << 5 | pick_vdst(b);
}

/* SCVTF/UCVTF (fixed-point) read a general register; FCVTZS/FCVTZU write one. */
static uint32_t fp_fixed(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const struct {
        uint32_t rmode_opcode;
        const char *name;
    } ops[] = {{0x02, "SCVTF (fixed-point)"},
               {0x03, "UCVTF (fixed-point)"},
               {0x18, "FCVTZS (fixed-point)"},
               {0x19, "FCVTZU (fixed-point)"}};
    uint32_t sf = rng_below(&b->rng, 2), ftype = pick_ftype(b), rmode_opcode, scale;
    const char *what = "reserved rmode/opcode (fixed-point)";

    (void)f;
    if (simd_rarely(b)) {
        rmode_opcode = rng_below(&b->rng, 32);
        for (unsigned i = 0; i < 4; i++)
            if (ops[i].rmode_opcode == rmode_opcode) what = ops[i].name;
    } else {
        unsigned i = rng_below(&b->rng, 4);
        rmode_opcode = ops[i].rmode_opcode;
        what = ops[i].name;
    }
    /* scale = 64 - fbits; a 32-bit register needs scale >= 32 */
    scale = sf || simd_rarely(b) ? rng_below(&b->rng, 64) : 32 + rng_below(&b->rng, 32);
    bool to_int = rmode_opcode >> 3 == 3;
    uint32_t regs =
        to_int ? pick_vsrc(b) << 5 | pick_dst(b, true) : pick_src(b, true) << 5 | pick_vdst(b);
    snprintf(name, size, "%s%s %s %s", !sf && scale < 32 ? "reserved scale: " : "", what,
             sf ? "X" : "W", type_name[ftype]);
    return 0x1E000000u | sf << 31 | ftype << 22 | rmode_opcode << 16 | scale << 10 | regs;
}

/*
 * Conversions between FP and integer registers, FMOV (general), FJCVTZS.
 * opcode<2:1> = 01 (SCVTF, UCVTF) and opcode 111 (FMOV from general) read a
 * general register; the others write one.
 */
static uint32_t fp_int(struct builder *b, const struct form *f, char *name, size_t size)
{
    static const struct {
        uint32_t sf, ftype, rmode_opcode; /* sf/ftype 4: random */
        const char *name;
    } ops[] = {
        {4, 4, 0x00, "FCVTNS"},         {4, 4, 0x01, "FCVTNU"},    {4, 4, 0x02, "SCVTF"},
        {4, 4, 0x03, "UCVTF"},          {4, 4, 0x04, "FCVTAS"},    {4, 4, 0x05, "FCVTAU"},
        {4, 4, 0x08, "FCVTPS"},         {4, 4, 0x09, "FCVTPU"},    {4, 4, 0x10, "FCVTMS"},
        {4, 4, 0x11, "FCVTMU"},         {4, 4, 0x18, "FCVTZS"},    {4, 4, 0x19, "FCVTZU"},
        {0, 0, 0x06, "FMOV W<-S"},      {0, 0, 0x07, "FMOV S<-W"}, {1, 1, 0x06, "FMOV X<-D"},
        {1, 1, 0x07, "FMOV D<-X"},      {0, 3, 0x06, "FMOV W<-H"}, {0, 3, 0x07, "FMOV H<-W"},
        {1, 3, 0x06, "FMOV X<-H"},      {1, 3, 0x07, "FMOV H<-X"}, {1, 2, 0x0e, "FMOV X<-V.D[1]"},
        {1, 2, 0x0f, "FMOV V.D[1]<-X"}, {0, 1, 0x1e, "FJCVTZS"},
    };
    unsigned n = sizeof(ops) / sizeof(ops[0]), i = rng_below(&b->rng, n);
    uint32_t sf = ops[i].sf < 4 ? ops[i].sf : rng_below(&b->rng, 2);
    uint32_t ftype = ops[i].ftype < 4 ? ops[i].ftype : pick_ftype(b);
    uint32_t rmode_opcode = ops[i].rmode_opcode;
    (void)f;
    if (simd_rarely(b)) { /* any field values: mostly unallocated */
        sf = rng_below(&b->rng, 2);
        ftype = rng_below(&b->rng, 4);
        rmode_opcode = rng_below(&b->rng, 32);
        for (i = 0; i < n; i++)
            if (ops[i].rmode_opcode == rmode_opcode && (ops[i].sf == 4 || ops[i].sf == sf) &&
                (ops[i].ftype == 4 ? ftype != 2 : ops[i].ftype == ftype))
                break;
    }
    if (i == n)
        snprintf(name, size, "reserved FP<->integer encoding");
    else if (ops[i].sf == 4)
        snprintf(name, size, "%s %s %s", ops[i].name, sf ? "X" : "W", type_name[ftype]);
    else
        snprintf(name, size, "%s", ops[i].name);
    bool from_gpr = (rmode_opcode & 6) == 2 || (rmode_opcode & 7) == 7;
    uint32_t regs =
        from_gpr ? pick_src(b, true) << 5 | pick_vdst(b) : pick_vsrc(b) << 5 | pick_dst(b, true);
    return 0x1E200000u | sf << 31 | ftype << 22 | rmode_opcode << 16 | regs;
}

/* MRS/MSR FPCR/FPSR. arg: register word (Rt = 0), is MSR. MSR writes random allowed bits. */
static void fp_sysreg(struct builder *b, const struct form *f)
{
    bool is_fpcr = !(f->arg[0] & 0x20);

    begin_group(b);
    if (f->arg[1]) {
        unsigned rt = pick_reg_except(b, 0);
        emit_mov_imm(b, rt, is_fpcr ? random_fpcr(&b->rng) : random_fpsr(&b->rng));
        emit_test(b, CLS, f->name, f->arg[0] | rt);
    } else {
        emit_test(b, CLS, f->name, f->arg[0] | pick_dst(b, true));
    }
}

SIMD_FORM(fp_3source)
SIMD_FORM(fp_2source)
SIMD_FORM(fp_1source)
SIMD_FORM(fp_compare)
SIMD_FORM(fp_ccmp)
SIMD_FORM(fp_csel)
SIMD_FORM(fp_fmov_imm)
SIMD_FORM(fp_fixed)
SIMD_FORM(fp_int)

void forms_fp_register(void)
{
    form_add(CLS, "FP data-processing (3 source)", fp_3source_form, 0, 0, 0);
    form_add(CLS, "FP data-processing (2 source)", fp_2source_form, 0, 0, 0);
    form_add(CLS, "FP data-processing (1 source)", fp_1source_form, 0, 0, 0);
    form_add(CLS, "FP compare", fp_compare_form, 0, 0, 0);
    form_add(CLS, "FP conditional compare", fp_ccmp_form, 0, 0, 0);
    form_add(CLS, "FP conditional select", fp_csel_form, 0, 0, 0);
    form_add(CLS, "FP immediate", fp_fmov_imm_form, 0, 0, 0);
    form_add(CLS, "FP <-> fixed-point", fp_fixed_form, 0, 0, 0);
    form_add(CLS, "FP <-> integer", fp_int_form, 0, 0, 0);
    form_add(CLS, "FP <-> integer", fp_int_form, 0, 0, 0); /* twice: many instructions */
    form_add(CLS, "MSR FPCR", fp_sysreg, 0xd51b4400, 1, 0);
    form_add(CLS, "MSR FPSR", fp_sysreg, 0xd51b4420, 1, 0);
    form_add(CLS, "MRS FPCR", fp_sysreg, 0xd53b4400, 0, 0);
    form_add(CLS, "MRS FPSR", fp_sysreg, 0xd53b4420, 0, 0);
}
