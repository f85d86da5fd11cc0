#include "cpu/decode.h"

#include "cpu/exception.h"
#include "trace/log.h"

/* Class tables in matching order; classes do not overlap, so the order only affects speed. */
static const insn_pattern_t *const class_tables[] = {
    dp_imm_patterns,        branch_patterns,      system_patterns,    ldst_patterns,
    atomic_patterns,        dp_reg_patterns,      fp_patterns,        ldst_simd_patterns,
    simd_3same_patterns,    simd_fp_patterns,     simd_misc_patterns, simd_fpmisc_patterns,
    simd_3diff_patterns,    simd_shift_patterns,  simd_imm_patterns,  simd_across_patterns,
    simd_fpacross_patterns, simd_perm_patterns,   simd_copy_patterns, simd_elem_patterns,
    simd_extra_patterns,    simd_crypto_patterns,
};

void exec_undefined(cpu_t *cpu, const decoded_t *d)
{
    LOG(LOG_UNIMP, "cpu%u: 0x%llx: UNDEFINED 0x%08x\n", cpu->index, (unsigned long long)cpu->pc,
        d->insn);
    exc_undefined(cpu);
}

const char *decode_insn(decoded_t *d, uint32_t insn)
{
    for (unsigned t = 0; t < ARRAY_SIZE(class_tables); t++) {
        for (const insn_pattern_t *p = class_tables[t]; p->decode; p++) {
            if ((insn & p->mask) != p->value) continue;
            *d = (decoded_t){.insn = insn};
            if (p->decode(d, insn)) return p->name;
            goto undefined;
        }
    }
undefined:
    *d = (decoded_t){.fn = exec_undefined, .insn = insn};
    return NULL;
}
