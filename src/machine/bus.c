#include "machine/bus.h"

#include "machine/threads.h"

bool bus_map_mmio(bus_t *bus, const mmio_region_t *region)
{
    unsigned w = region->max_access;
    if (bus->n_mmio >= BUS_MAX_MMIO || region->size == 0 || w == 0 || w > 8 || (w & (w - 1)) ||
        (region->base & (w - 1)))
        return false;
    for (unsigned i = 0; i < bus->n_mmio; i++) {
        const mmio_region_t *o = &bus->mmio[i];
        if (region->base < o->base + o->size && o->base < region->base + region->size) return false;
    }
    if (region->base < bus->ram_base + bus->ram_size && bus->ram_base < region->base + region->size)
        return false;
    bus->mmio[bus->n_mmio++] = *region;
    return true;
}

const mmio_region_t *bus_find_mmio(const bus_t *bus, uint64_t pa)
{
    for (unsigned i = 0; i < bus->n_mmio; i++) {
        const mmio_region_t *r = &bus->mmio[i];
        if (pa - r->base < r->size) return r;
    }
    return NULL;
}

bool bus_mmio_access(const bus_t *bus, cpu_t *cpu, uint64_t pa, unsigned size, bool write,
                     uint64_t *val)
{
    const mmio_region_t *r = bus_find_mmio(bus, pa);
    uint64_t off = pa - (r ? r->base : 0);
    if (!r || size > r->size - off) return false;
    /* The largest power of two dividing the offset (so the address: the base is
     * max_access-aligned), at most size and max_access, which are powers of two. */
    unsigned piece = 1u << __builtin_ctzll(off | size | r->max_access);
    uint64_t mask = piece == 8 ? ~0ull : (1ull << (8 * piece)) - 1;
    uint64_t in = write ? *val : 0, out = 0;
    bool ok = true;
    /* Devices are not thread-safe: one access at a time (machine/threads.h). */
    if (cpu) machine_lock(cpu->machine);
    for (unsigned done = 0; done < size && ok; done += piece) {
        uint64_t v = 0;
        ok = write ? r->write(r->opaque, cpu, off + done, piece, (in >> (8 * done)) & mask)
                   : r->read(r->opaque, cpu, off + done, piece, &v);
        out |= (v & mask) << (8 * done);
    }
    if (cpu) machine_unlock(cpu->machine);
    if (ok && !write) *val = out;
    return ok;
}
