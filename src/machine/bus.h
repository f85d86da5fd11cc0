/* Physical address space: RAM and memory-mapped devices. */
#ifndef AVSIM_BUS_H
#define AVSIM_BUS_H

#include "common.h"

typedef struct cpu cpu_t;

/*
 * Device callbacks. offset is relative to the region base; size is 1, 2, 4 or 8.
 * Returning false makes the access a synchronous External abort.
 */
typedef bool (*mmio_read_fn)(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size,
                             uint64_t *val);
typedef bool (*mmio_write_fn)(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size,
                              uint64_t val);

typedef struct {
    const char *name;
    uint64_t base, size;
    void *opaque;
    mmio_read_fn read;
    mmio_write_fn write;
} mmio_region_t;

#define BUS_MAX_MMIO 32

typedef struct {
    uint8_t *ram;
    uint64_t ram_base, ram_size;
    mmio_region_t mmio[BUS_MAX_MMIO];
    unsigned n_mmio;
} bus_t;

/* Fails (returns false) when the region overlaps another one or the table is full. */
bool bus_map_mmio(bus_t *bus, const mmio_region_t *region);

/* Host pointer for [pa, pa + size) when it lies entirely in RAM, else NULL. */
static inline uint8_t *bus_ram_ptr(const bus_t *bus, uint64_t pa, uint64_t size)
{
    uint64_t off = pa - bus->ram_base;
    if (pa < bus->ram_base || off >= bus->ram_size || size > bus->ram_size - off) return NULL;
    return bus->ram + off;
}

const mmio_region_t *bus_find_mmio(const bus_t *bus, uint64_t pa);

#endif
