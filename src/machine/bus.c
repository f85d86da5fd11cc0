#include "machine/bus.h"

bool bus_map_mmio(bus_t *bus, const mmio_region_t *region)
{
    if (bus->n_mmio >= BUS_MAX_MMIO || region->size == 0) return false;
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
