/* QEMU virt's low memory map (hw/arm/virt.c base_memmap[]; virt-board.md §3.1). */
#include "machine/virt_memmap.h"

/*
 * RAM: its size comes from -m at run time. The table holds the largest size the
 * map allows, 255 GiB: RAM must end at or below 256 GiB, where the high memory
 * map (second redistributor region, PCIe ECAM and MMIO) begins (§3.2).
 */
const virt_region_t virt_memmap[VIRT_REGION_COUNT] = {
    [VIRT_GIC_DIST] = {"gic-dist", 0x08000000, 0x00010000, -1},
    [VIRT_GIC_REDIST] = {"gic-redist", 0x080A0000, 0x00F60000, -1},
    [VIRT_UART] = {"pl011", 0x09000000, 0x00001000, 1},
    [VIRT_RAM] = {"ram", 0x40000000, 0x4000000000ull - 0x40000000, -1},
};
