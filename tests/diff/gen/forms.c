/* The registry of instruction forms, grouped by class (forms.h). */
#include "forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const diff_classes[] = {"dpimm",  "dpreg",  "branch", "ldst", "excl",
                                    "atomic", "misc",   "smc",    "fp",   "simdint",
                                    "simdfp", "fpldst", "align",  NULL};

bool class_in_all(const char *cls)
{
    return strcmp(cls, "align") != 0;
}

static struct form all_forms[MAX_FORMS];
static unsigned nforms;

void form_add(const char *cls, const char *name, form_fn *gen, uint32_t a0, uint32_t a1,
              uint32_t a2)
{
    char *copy = strdup(name);

    if (nforms == MAX_FORMS || !copy) {
        fprintf(stderr, "diffgen: too many forms\n");
        exit(1);
    }
    all_forms[nforms++] = (struct form){cls, copy, gen, {a0, a1, a2}};
}

unsigned forms_of_class(const char *cls, const struct form **out)
{
    static bool registered;
    unsigned n = 0;

    if (!registered) {
        forms_dp_imm_register();
        forms_dp_reg_register();
        forms_branch_register();
        forms_ldst_register();
        forms_atomic_register();
        forms_align_register();
        forms_smc_register();
        forms_fp_register();
        forms_simd_int_register();
        forms_simd_perm_register();
        forms_simd_fp_register();
        forms_fp_ldst_register();
        registered = true;
    }
    for (unsigned i = 0; i < nforms; i++)
        if (!strcmp(all_forms[i].cls, cls)) out[n++] = &all_forms[i];
    return n;
}
