#include "mmu/tlb.h"

void tlb_flush(tlb_t *tlb)
{
    for (unsigned i = 0; i < TLB_ENTRIES; i++) {
        tlb->read[i].tag = TLB_INVALID;
        tlb->write[i].tag = TLB_INVALID;
    }
}

void tlb_flush_write_host_page(tlb_t *tlb, const uint8_t *host)
{
    for (unsigned i = 0; i < TLB_ENTRIES; i++) {
        tlb_entry_t *e = &tlb->write[i];
        if (e->tag != TLB_INVALID && (const uint8_t *)(uintptr_t)(e->tag + e->addend) == host)
            e->tag = TLB_INVALID;
    }
}
