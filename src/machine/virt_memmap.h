/*
 * QEMU `virt` board memory map and interrupt numbers: one table read by both the
 * bus set-up and the device-tree generator, so the two cannot drift.
 */
#ifndef AVSIM_VIRT_MEMMAP_H
#define AVSIM_VIRT_MEMMAP_H

#include <stdint.h>

typedef enum {
    VIRT_GIC_DIST,
    VIRT_GIC_REDIST,
    VIRT_UART,
    VIRT_RAM,
    VIRT_REGION_COUNT
} virt_region_id_t;

typedef struct {
    const char *name;
    uint64_t base, size;
    int spi; /* SPI number (INTID - 32), or -1 */
} virt_region_t;

extern const virt_region_t virt_memmap[VIRT_REGION_COUNT];

/* PPIs (INTID = 16 + PPI). */
enum {
    VIRT_PPI_PMU = 7,
    VIRT_PPI_GIC_MAINT = 9,
    VIRT_PPI_HYP_TIMER = 10,
    VIRT_PPI_VIRT_TIMER = 11,
    VIRT_PPI_HYP_VIRT_TIMER = 12,
    VIRT_PPI_SECURE_TIMER = 13,
    VIRT_PPI_PHYS_TIMER = 14,
};

#define VIRT_GIC_NUM_SPIS  256
#define VIRT_REDIST_STRIDE 0x20000ull /* 128 KiB per CPU: RD_base + SGI_base */
#define VIRT_APB_PCLK_HZ   24000000u

#endif
