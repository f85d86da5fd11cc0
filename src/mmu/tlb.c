#include "mmu/tlb.h"

#include <string.h>

void tlb_flush_fast(tlb_t *tlb)
{
    for (unsigned el = 0; el < 3; el++) {
        for (unsigned i = 0; i < TLB_ENTRIES; i++) {
            tlb->el[el].read[i].tag = TLB_INVALID;
            tlb->el[el].write[i].tag = TLB_INVALID;
        }
        for (unsigned i = 0; i < FETCH_ENTRIES; i++)
            tlb->fetch[el][i].tag = TLB_INVALID;
    }
}

void tlb_flush_fast_page(tlb_t *tlb, uint64_t va_page)
{
    unsigned i = va_page & (TLB_ENTRIES - 1), f = va_page & (FETCH_ENTRIES - 1);
    for (unsigned el = 0; el < 3; el++) {
        tlb->el[el].read[i].tag = TLB_INVALID;
        tlb->el[el].write[i].tag = TLB_INVALID;
        tlb->fetch[el][f].tag = TLB_INVALID;
    }
}

void tlb_flush(tlb_t *tlb)
{
    tlb_flush_fast(tlb);
    for (unsigned i = 0; i < TC_ENTRIES; i++)
        tlb->tc[i].va = TLB_INVALID;
    for (unsigned i = 0; i < S2C_ENTRIES; i++)
        tlb->s2c[i].va = TLB_INVALID;
    tlb->large_sizes = 0;
    memset(tlb->large_map, 0, sizeof tlb->large_map);
}

void tlb_flush_write_host_page(tlb_t *tlb, const uint8_t *host)
{
    for (unsigned el = 0; el < 3; el++) {
        for (unsigned i = 0; i < TLB_ENTRIES; i++) {
            tlb_entry_t *e = &tlb->el[el].write[i];
            if (e->tag != TLB_INVALID &&
                (const uint8_t *)(uintptr_t)((e->tag & PAGE_MASK) + e->addend) == host)
                e->tag = TLB_INVALID;
        }
    }
}

void tlb_flush_fetch_page(tlb_t *tlb, const void *page)
{
    for (unsigned el = 0; el < 3; el++) {
        for (unsigned i = 0; i < FETCH_ENTRIES; i++) {
            fetch_entry_t *e = &tlb->fetch[el][i];
            if (e->page == page) e->tag = TLB_INVALID;
        }
    }
}
