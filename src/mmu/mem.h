/*
 * Data accesses made by instructions. Each returns true on success; on false an
 * exception has been raised in the guest (cpu->next_pc points at the vector)
 * and the instruction must stop without further side effects.
 */
#ifndef AVSIM_MEM_H
#define AVSIM_MEM_H

#include <string.h>

#include "cpu/cpu.h"

/* Access flags. */
enum {
    MEM_UNPRIV = 1u << 0, /* LDTR/STTR: EL0 permissions */
    MEM_ALIGNED =
        1u << 1, /* alignment required whatever the memory type (exclusives, atomics, acq/rel) */
    MEM_EXCL = 1u << 2,   /* exclusive access (ESR, monitor) */
    MEM_ATOMIC = 1u << 3, /* read-modify-write (ESR WnR = 1 on a fault of the read) */
    MEM_ACQREL = 1u << 4, /* acquire / release (syndrome AR) */
};

bool mem_load_slow(cpu_t *cpu, uint64_t va, unsigned size, uint64_t *out, unsigned flags);
bool mem_store_slow(cpu_t *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags);

/* Size is 1, 2, 4 or 8. Sizes 16 (pairs, CASP) are done as two 8-byte accesses by the caller
 * after mem_check_range() has proven both halves accessible. */
static inline bool mem_load(cpu_t *cpu, uint64_t va, unsigned size, uint64_t *out, unsigned flags)
{
    const tlb_entry_t *e = &cpu->tlb.el[cpu->el].read[tlb_index(va)];
    if (likely(!(flags & MEM_UNPRIV) && e->tag == (va & (PAGE_MASK | (size - 1))))) {
        const uint8_t *p = (const uint8_t *)(uintptr_t)(va + e->addend);
        switch (size) {
        case 1: *out = *p; return true;
        case 2: {
            uint16_t v;
            memcpy(&v, p, 2);
            *out = v;
            return true;
        }
        case 4: {
            uint32_t v;
            memcpy(&v, p, 4);
            *out = v;
            return true;
        }
        default: memcpy(out, p, 8); return true;
        }
    }
    return mem_load_slow(cpu, va, size, out, flags);
}

static inline bool mem_store(cpu_t *cpu, uint64_t va, unsigned size, uint64_t val, unsigned flags)
{
    const tlb_entry_t *e = &cpu->tlb.el[cpu->el].write[tlb_index(va)];
    if (likely(!(flags & MEM_UNPRIV) && e->tag == (va & (PAGE_MASK | (size - 1))))) {
        uint8_t *p = (uint8_t *)(uintptr_t)(va + e->addend);
        switch (size) {
        case 1: *p = (uint8_t)val; return true;
        case 2: {
            uint16_t v = (uint16_t)val;
            memcpy(p, &v, 2);
            return true;
        }
        case 4: {
            uint32_t v = (uint32_t)val;
            memcpy(p, &v, 4);
            return true;
        }
        default: memcpy(p, &val, 8); return true;
        }
    }
    return mem_store_slow(cpu, va, size, val, flags);
}

/*
 * Checks that [va, va + size) can be accessed (translation, permission,
 * alignment as for one access of `align` bytes) without performing it; raises
 * the fault the first failing access would take. Used by multi-register
 * accesses so that a fault leaves no partial update of registers.
 */
bool mem_check_range(cpu_t *cpu, uint64_t va, unsigned size, unsigned align, bool write,
                     unsigned flags);

/*
 * For an atomic access with one host thread per CPU (machine/threads.h): the host address of the
 * aligned `size` bytes (1 to 16) at va when they are RAM that may be read and written, for a host
 * atomic operation on them, after which mem_atomic_written resets decoded code there as a store
 * does. NULL with *ok false: the access faulted (the abort is taken, read checked before write);
 * NULL with *ok true: not RAM.
 */
uint8_t *mem_atomic_host(cpu_t *cpu, uint64_t va, unsigned size, unsigned flags, bool *ok);
void mem_atomic_written(machine_t *m, const uint8_t *host, unsigned size);

/*
 * ISS bits [24:14] (ISV, SAS, SSE, SRT, SF, AR) that a data abort on this
 * instruction reports, or 0 where the architecture gives no instruction
 * syndrome (Arm ARM D24.2.40, ESR_ELx ISS encoding for a Data Abort).
 * Implemented by the load/store class (cpu/exec_ldst.c).
 */
uint32_t ldst_abort_iss(uint32_t insn);

#endif
