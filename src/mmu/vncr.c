/*
 * FEAT_NV2 VNCR page accesses (Arm ARM D24.2.220 VNCR_EL2, R_CSRPQ): the 64-bit load or store
 * that an EL1 access to a register with a VNCR slot becomes. It is an EL2 data access whatever
 * the current EL: EL2 (or, with HCR_EL2.E2H, EL2&0) stage 1 only, privileged, and its faults are
 * taken to EL2 as Data Aborts with ISS.VNCR set.
 */
#include "mmu/vncr.h"

#include <string.h>

#include "cache/cache.h"
#include "cpu/codecache.h"
#include "cpu/exception.h"
#include "machine/machine.h"
#include "mmu/translate.h"
#include "trace/log.h"

#define ISS_VNCR (1u << 13)

/* EC 0x25 (the "same EL" class, although the access came from EL1), ISV = 0, WnR, ISS.VNCR,
 * FAR_EL2 = the slot's address (Arm ARM D24.2.40, ISS encoding for a Data Abort). */
static void vncr_abort(cpu_t *cpu, uint64_t va, bool write, unsigned fsc)
{
    uint32_t iss = fsc | (write ? 1u << 6 : 0) | ISS_VNCR;
    exc_take_sync(cpu, 2, esr_make(EC_DABORT_SAME, true, iss), va, true, cpu->pc);
}

bool vncr_access(cpu_t *cpu, uint64_t va, bool write, uint64_t *val)
{
    machine_t *m = cpu->machine;
    translation_t t;
    if (!translate_el2(cpu, va, write ? ACCESS_WRITE : ACCESS_READ, &t)) {
        /* A stage 1 walk of the EL2 regimes has no stage 2: t.fsc is the whole fault. */
        vncr_abort(cpu, va, write, t.fsc);
        return false;
    }
    uint8_t *host = bus_ram_ptr(&m->bus, t.pa, 8);
    if (host) {
        /* Little-endian: avsim implements no big-endian data accesses (SCTLR_EL2.EE). */
        if (unlikely(m->cache))
            cache_ram_access(cpu, va, &t, 8, write, val); /* cache/cache.h */
        else if (write)
            memcpy(host, val, 8);
        else
            memcpy(val, host, 8);
        if (write) {
            uint64_t off = t.pa - m->bus.ram_base;
            if (code_cache_is_code(m->code, off >> PAGE_BITS))
                code_cache_invalidate(m->code, off, 8);
        }
        return true;
    }
    if (bus_mmio_access(&m->bus, cpu, t.pa, 8, write, val)) return true;
    LOG(LOG_GUEST, "cpu%u: pc=0x%llx VNCR %s of 0x%llx: nothing mapped, external abort\n",
        cpu->index, (unsigned long long)cpu->pc, write ? "write" : "read",
        (unsigned long long)t.pa);
    vncr_abort(cpu, va, write, FSC_EXTERNAL);
    return false;
}
