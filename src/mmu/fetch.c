#include "mmu/fetch.h"

#include <stdio.h>

#include "cpu/exception.h"
#include "machine/machine.h"
#include "mmu/translate.h"
#include "trace/log.h"

static void instruction_abort(cpu_t *cpu, uint64_t va, unsigned fsc)
{
    unsigned target = exc_sync_target_el(cpu);
    unsigned ec = target == cpu->el ? EC_IABORT_SAME : EC_IABORT_LOWER;
    exc_take_sync(cpu, target, esr_make(ec, true, fsc), va, true, va);
}

decoded_page_t *fetch_page(cpu_t *cpu, uint64_t pc)
{
    if (unlikely(pc & 3)) {
        /* PC alignment fault (Arm ARM D1.3.3.1): FAR holds the misaligned PC. */
        unsigned target = exc_sync_target_el(cpu);
        exc_take_sync(cpu, target, esr_make(EC_PC_ALIGN, true, 0), pc, true, pc);
        return NULL;
    }
    translation_t t;
    if (!translate(cpu, pc, ACCESS_FETCH, &t)) {
        instruction_abort(cpu, pc, t.fsc);
        return NULL;
    }
    machine_t *m = cpu->machine;
    uint8_t *host = bus_ram_ptr(&m->bus, t.pa & PAGE_MASK, PAGE_SIZE);
    if (!host) {
        LOG(LOG_GUEST, "cpu%u: instruction fetch from 0x%llx outside RAM: external abort\n",
            cpu->index, (unsigned long long)t.pa);
        instruction_abort(cpu, pc, FSC_EXTERNAL);
        return NULL;
    }
    decoded_page_t *page = code_cache_page(m, (t.pa - m->bus.ram_base) >> PAGE_BITS);
    if (!page) {
        fprintf(stderr, "avsim: out of host memory for decoded code\n");
        machine_request_stop(m, CPU_STOP_ERROR, 1);
        cpu->next_pc = pc;
        return NULL;
    }
    cpu->fetch_host = host;
    return page;
}
