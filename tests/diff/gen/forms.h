/*
 * Instruction forms: each emits one group (builder.h) exercising one
 * encoding group with random fields. Forms belong to a class, the unit the
 * command line selects.
 */
#ifndef DIFF_FORMS_H
#define DIFF_FORMS_H

#include <stdbool.h>
#include <stdint.h>

#include "builder.h"

struct form;
typedef void form_fn(struct builder *b, const struct form *f);

struct form {
    const char *cls;
    const char *name; /* coverage name of the (main) test word */
    form_fn *gen;
    uint32_t arg[3]; /* form-specific parameters */
};

/* Registers a form (the name is copied). */
void form_add(const char *cls, const char *name, form_fn *gen, uint32_t a0, uint32_t a1,
              uint32_t a2);

/* Each class file registers its forms. */
void forms_dp_imm_register(void);
void forms_dp_reg_register(void);
void forms_branch_register(void);
void forms_ldst_register(void);
void forms_atomic_register(void);
void forms_align_register(void);
void forms_smc_register(void);
void forms_fp_register(void);
void forms_simd_int_register(void);
void forms_simd_perm_register(void);
void forms_simd_fp_register(void);
void forms_fp_ldst_register(void);

/* Shared by the load/store classes (forms_ldst.c). */
/* An imm9 offset: small (-16..16) three times in ten, else any (-256..255). */
int64_t ldst_pick_imm9(struct builder *b);
/*
 * An index register value for register-offset addressing with option (UXTW,
 * LSL, SXTW, SXTX), and the offset it gives before scaling.
 */
uint64_t ldst_pick_index(struct builder *b, uint32_t option, int64_t *offset);

/* At most this many forms in all. */
#define MAX_FORMS 1024

/* Stores pointers to the forms of class cls in out; returns how many. */
unsigned forms_of_class(const char *cls, const struct form **out);

/* All class names, in order, NULL-terminated. */
extern const char *const diff_classes[];

/* Whether "all" selects the class (the opt-in ones test more than the ISA). */
bool class_in_all(const char *cls);

#endif
