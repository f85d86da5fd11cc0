#include "mmu/translate.h"

#include "cpu/exception.h"
#include "cpu/impdef.h"

bool translate(cpu_t *cpu, uint64_t va, access_t acc, translation_t *out)
{
    (void)cpu;
    /* MMU off: a VA above the implemented PA size is an Address size fault at level 0
     * (AArch64.S1DisabledOutput). */
    if (va >> IMPDEF_PA_BITS) {
        out->fsc = FSC_ADDR_SIZE_L0;
        return false;
    }
    out->pa = va;
    out->device = acc != ACCESS_FETCH;
    return true;
}
