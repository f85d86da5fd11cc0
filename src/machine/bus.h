/* Physical address space: RAM and memory-mapped devices. */
#ifndef AVSIM_BUS_H
#define AVSIM_BUS_H

#include "common.h"

typedef struct cpu cpu_t;

/*
 * Device callbacks. offset is relative to the region base; size is 1, 2, 4 or 8, at most
 * the region's max_access, and offset is a multiple of size (bus_mmio_access ensures both).
 * A read returns the register's value in the low 8 * size bits (higher bits are ignored).
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
    unsigned max_access; /* widest access the device decodes: 1, 2, 4 or 8 bytes */
} mmio_region_t;

#define BUS_MAX_MMIO 32

typedef struct {
    uint8_t *ram;
    uint64_t ram_base, ram_size;
    mmio_region_t mmio[BUS_MAX_MMIO];
    unsigned n_mmio;
} bus_t;

/* Fails (returns false) when the region overlaps another one, its max_access is not 1, 2, 4
 * or 8 or does not divide its base, or the table is full. */
bool bus_map_mmio(bus_t *bus, const mmio_region_t *region);

/* Host pointer for [pa, pa + size) when it lies entirely in RAM, else NULL. */
static inline uint8_t *bus_ram_ptr(const bus_t *bus, uint64_t pa, uint64_t size)
{
    uint64_t off = pa - bus->ram_base;
    if (pa < bus->ram_base || off >= bus->ram_size || size > bus->ram_size - off) return NULL;
    return bus->ram + off;
}

const mmio_region_t *bus_find_mmio(const bus_t *bus, uint64_t pa);

/*
 * A load (write false: *val receives the value, zero-extended) or store (*val holds it) of
 * size 1, 2, 4 or 8 bytes at pa to the device mapped there. An access that is unaligned (which
 * only Normal memory allows) or wider than the region's max_access reaches the device as
 * consecutive accesses, lowest address first, of the largest power of two that divides pa and
 * is at most size and max_access (as QEMU 10 splits them): devices only ever see naturally
 * aligned accesses no wider than max_access.
 * Returns false, for a synchronous External abort, when no device is mapped at every byte or
 * the device refuses a piece (the pieces before it have taken effect).
 */
bool bus_mmio_access(const bus_t *bus, cpu_t *cpu, uint64_t pa, unsigned size, bool write,
                     uint64_t *val);

#endif
