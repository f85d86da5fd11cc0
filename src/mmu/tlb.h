/*
 * Guest-address -> host-pointer fast path (a TinyEMU-style addend TLB).
 * Only RAM enters it; MMIO, faults and code pages (for writes) go the slow way.
 */
#ifndef AVSIM_TLB_H
#define AVSIM_TLB_H

#include <stdint.h>

#define TLB_BITS    8
#define TLB_ENTRIES (1u << TLB_BITS)
#define PAGE_BITS   12
#define PAGE_SIZE   (1ull << PAGE_BITS)
#define PAGE_MASK   (~(PAGE_SIZE - 1))
#define TLB_INVALID (~0ull)

typedef struct {
    uint64_t tag;     /* page-aligned guest VA, or TLB_INVALID */
    uintptr_t addend; /* host pointer = guest VA + addend */
} tlb_entry_t;

typedef struct {
    tlb_entry_t read[TLB_ENTRIES];
    tlb_entry_t write[TLB_ENTRIES];
} tlb_t;

void tlb_flush(tlb_t *tlb);
/* Drops write entries that map host page [host, host + PAGE_SIZE). */
void tlb_flush_write_host_page(tlb_t *tlb, const uint8_t *host);

static inline unsigned tlb_index(uint64_t va) { return (va >> PAGE_BITS) & (TLB_ENTRIES - 1); }

#endif
