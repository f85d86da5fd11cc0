/*
 * Advanced SIMD vector and scalar x indexed element, floating point (Arm ARM
 * C4.1.95): FMLA, FMLS, FMUL, FMULX by element in half (FEAT_FP16), single and
 * double precision. Decoded from exec_simd_elem.c's class decoder; FMLAL/FMLSL
 * (FEAT_FHM) and FCMLA (FEAT_FCMA) are not implemented.
 *
 * decoded_t: rd, rn, rm; extra = elements (1: scalar); imm = the index into Vm.
 */
#include "cpu/simd_fp.h"

#define OP_FMLA(N, a, b, acc)  fpu_muladd##N(acc, a, b, FPST(cpu))
#define OP_FMLS(N, a, b, acc)  fpu_muladd##N(acc, fpu_neg##N(a), b, FPST(cpu))
#define OP_FMUL(N, a, b, acc)  fpu_mul##N(a, b, FPST(cpu))
#define OP_FMULX(N, a, b, acc) fpu_mulx##N(a, b, FPST(cpu))

/* Lane i of the result = OP(N, a, b, acc): a, acc lanes of Vn and Vd, b the indexed element. */
#define DEFINE_FP_ELEM_N(name, N, OP)                                                              \
    static void exec_##name##N(cpu_t *cpu, const decoded_t *d)                                     \
    {                                                                                              \
        if (!fp_access_ok(cpu)) return;                                                            \
        const vreg_t n = cpu->v[d->rn], old = cpu->v[d->rd];                                       \
        const uint##N##_t b = FP_LANES(N, cpu->v[d->rm])[d->imm];                                  \
        vreg_t r = {0};                                                                            \
        for (unsigned i = 0; i < d->extra; i++) {                                                  \
            uint##N##_t a = FP_LANES(N, n)[i], acc = FP_LANES(N, old)[i];                          \
            (void)acc;                                                                             \
            FP_LANES(N, r)[i] = OP(N, a, b, acc);                                                  \
        }                                                                                          \
        cpu->v[d->rd] = r;                                                                         \
        exec_next(cpu, d);                                                                         \
    }
#define DEFINE_FP_ELEM(name, OP)                                                                   \
    DEFINE_FP_ELEM_N(name, 16, OP)                                                                 \
    DEFINE_FP_ELEM_N(name, 32, OP)                                                                 \
    DEFINE_FP_ELEM_N(name, 64, OP)

DEFINE_FP_ELEM(fmla_elem, OP_FMLA)
DEFINE_FP_ELEM(fmls_elem, OP_FMLS)
DEFINE_FP_ELEM(fmul_elem, OP_FMUL)
DEFINE_FP_ELEM(fmulx_elem, OP_FMULX)

bool dec_simd_fp_by_element(decoded_t *d, uint32_t insn)
{
    static const exec_fn fmla[3] = FP_FNS(fmla_elem), fmls[3] = FP_FNS(fmls_elem),
                         fmul[3] = FP_FNS(fmul_elem), fmulx[3] = FP_FNS(fmulx_elem);
    bool q = bit(insn, 30), u = bit(insn, 29), scalar = bit(insn, 28);
    unsigned size = bits32(insn, 23, 22), opcode = bits32(insn, 15, 12);
    unsigned h = bit(insn, 11), l = bit(insn, 21), m = bit(insn, 20);
    const exec_fn *fns;

    switch (opcode) {
    case 0x1: fns = u ? NULL : fmla; break;
    case 0x5: fns = u ? NULL : fmls; break;
    case 0x9: fns = u ? fmulx : fmul; break;
    default: return false;
    }
    if (!fns || size == 1) return false;
    unsigned width = size == 0 ? FP_HALF : size == 2 ? FP_SINGLE : FP_DOUBLE;
    d->rd = (uint8_t)(insn & 31);
    d->rn = (uint8_t)bits32(insn, 9, 5);
    switch (width) {
    case FP_HALF:
        d->imm = (h << 2) | (l << 1) | m;
        d->rm = (uint8_t)bits32(insn, 19, 16);
        break;
    case FP_SINGLE:
        d->imm = (h << 1) | l;
        d->rm = (uint8_t)bits32(insn, 20, 16);
        break;
    default:
        if (l || (!scalar && !q)) return false;
        d->imm = h;
        d->rm = (uint8_t)bits32(insn, 20, 16);
        break;
    }
    d->fn = fns[width];
    d->extra = (uint16_t)(scalar ? 1 : simd_elements(q, width + 1));
    return true;
}
