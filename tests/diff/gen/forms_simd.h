/*
 * Shared by the FP and Advanced SIMD classes (fp, simdint, simdfp, fpldst):
 * the encodings the tester must never generate, and emitting one test word
 * drawn again until it is not one of them.
 */
#ifndef DIFF_FORMS_SIMD_H
#define DIFF_FORMS_SIMD_H

#include <stddef.h>

#include "forms.h"

/*
 * Whether w belongs to a feature avsim does not advertise (QEMU -cpu max
 * has it, so it is not UNDEFINED there), or to a case where QEMU 10 departs
 * from the Arm ARM on purpose-listed grounds (docs/features.md).
 */
bool simd_not_generated(uint32_t w);

/*
 * An encoder: returns a random word of the form's encoding group and writes
 * its coverage name (the instruction, arrangement...) into name.
 */
typedef uint32_t simd_encoder(struct builder *b, const struct form *f, char *name, size_t size);

/* A group of one test word from enc, drawn again while simd_not_generated(). */
void emit_simd(struct builder *b, const struct form *f, simd_encoder *enc);

/* Defines fn_form, the form function emitting one word of encoder fn. */
#define SIMD_FORM(fn)                                                                              \
    static void fn##_form(struct builder *b, const struct form *f)                                 \
    {                                                                                              \
        emit_simd(b, f, fn);                                                                       \
    }

/* A coverage name: "OP (GROUP) ARRANGEMENT", or for op NULL "reserved (GROUP) row R opcode O". */
void simd_op_name(char *name, size_t size, const char *op, const char *group, uint32_t row,
                  uint32_t opcode, const char *arrangement);

/* "8B", "16B", "4H", "8H", "2S", "4S", "1D", "2D" for size and Q. */
const char *simd_arrangement(uint32_t size, uint32_t q);

/* "B", "H", "S", "D" for size. */
const char *simd_scalar_size(uint32_t size);

/* Rd, Rn and Rm fields (bits 4:0, 9:5, 20:16) with random V registers. */
uint32_t simd_vd_vn_vm(struct builder *b);
/* Rd and Rn only. */
uint32_t simd_vd_vn(struct builder *b);

/* A reserved value of a field now and then: whether to draw one (5 %). */
bool simd_rarely(struct builder *b);

/*
 * Instruction tables indexed by SIMD_OP(row, opcode): row is U (or U:a,
 * U:size<1>...), opcode 0-31; NULL for an unallocated combination.
 */
#define SIMD_OP(row, opcode) ((row)*32 + (opcode))

/*
 * Draws a row (0 to rows-1) and an opcode (a set bit of allowed) from
 * names: an allocated combination nine times in ten, any otherwise.
 * Returns its name, or NULL for an unallocated one.
 */
const char *simd_pick_op(struct builder *b, const char *const *names, unsigned rows,
                         uint32_t allowed, uint32_t *row, uint32_t *opcode);

/*
 * immh:immb (bits 22:16 of shift by immediate) for a random element size:
 * immh's highest set bit gives the size, the bits below it and immb the
 * shift. Returns the size (0-3 for B, H, S, D).
 */
uint32_t simd_pick_immh_immb(struct builder *b, uint32_t *immh_immb);

/*
 * A by-element word (vector or scalar) for U, size and opcode, with random
 * L, M, H (the element index) and registers.
 */
uint32_t simd_by_element(struct builder *b, bool scalar, uint32_t q, uint32_t u, uint32_t size,
                         uint32_t opcode);

#endif
