/*
 * Class "align" (opt-in: not part of "all"): the load/store (SIMD&FP ones
 * too), exclusive and atomic forms with deliberately unaligned addresses. With the MMU off, data
 * accesses are to Device-nGnRnE memory, where every unaligned access takes
 * an Alignment fault (Arm ARM, "Alignment of data accesses"), so this compares the data abort
 * syndromes and fault addresses, and that faulting instructions change
 * neither registers (no writeback) nor memory.
 *
 * Where QEMU 10 departs from the Arm ARM, the class keeps away: it reports
 * Alignment faults of load-exclusives, and of LSE atomics crossing a 16-byte
 * boundary, with ESR.WnR = 1, where the Arm ARM has 0 (a read of the
 * address faults the same way: ESR_ELx.ISS.WnR; AArch64.SetExclusiveMonitors
 * checks the alignment of a read). So load-exclusives are left out and
 * atomics stay within 16 bytes (forms_atomic.c).
 */
#include <string.h>

#include "forms.h"

static const char *const inner_classes[] = {"ldst", "excl", "atomic", "fpldst"};
#define NINNER (sizeof(inner_classes) / sizeof(inner_classes[0]))

static const struct form *inner[NINNER][MAX_FORMS];
static unsigned ninner[NINNER];

/*
 * Whether a form accesses data at a random address, with faults that compare:
 * not prefetches, literal loads or reserved encodings, and no load-exclusive.
 */
static bool misalignable(const char *name)
{
    if (strstr(name, "(monitor clear)")) return true; /* CLREX, then a store-exclusive */
    return strncmp(name, "reserved", 8) && strncmp(name, "PRF", 3) && !strstr(name, "literal") &&
           strncmp(name, "exclusive", 9) && strcmp(name, " (left open)");
}

static void select_inner(unsigned c)
{
    const struct form *all[MAX_FORMS];
    unsigned n = forms_of_class(inner_classes[c], all);

    for (unsigned i = 0; i < n; i++)
        if (misalignable(all[i]->name)) inner[c][ninner[c]++] = all[i];
}

/* arg: index in inner_classes. */
static void misaligned(struct builder *b, const struct form *f)
{
    unsigned c = f->arg[0];

    if (!ninner[c]) select_inner(c);
    const struct form *g = inner[c][rng_below(&b->rng, ninner[c])];
    b->misalign = true;
    g->gen(b, g);
    b->misalign = false;
}

void forms_align_register(void)
{
    for (uint32_t c = 0; c < NINNER; c++)
        form_add("align", inner_classes[c], misaligned, c, 0, 0);
}
