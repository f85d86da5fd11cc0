/*
 * GICv3 (Arm IHI 0069, "GIC architecture specification version 3 and 4"): one
 * distributor, one redistributor per CPU, the system-register CPU interface
 * (ICC_*) and the virtualization extension (ICH_*, ICV_*). As on QEMU's virt
 * board: a single Security state (GICD_CTLR.DS = 1, affinity routing always on),
 * 256 SPIs, 5 bits of priority, 4 list registers; no LPIs and no ITS.
 */
#ifndef AVSIM_GIC_H
#define AVSIM_GIC_H

#include "machine/bus.h"

typedef struct gic gic_t;
typedef struct machine machine_t;

/* Creates the GIC of machine m (its CPUs must exist) and maps its frames on m's bus. */
gic_t *gic_create(machine_t *m, char *err, size_t errlen);
void gic_destroy(gic_t *g);

/* Input lines: SPI n is INTID 32 + n; a PPI is given by its INTID (16-31) on one CPU. */
void gic_set_spi(gic_t *g, unsigned spi, bool level);
void gic_set_ppi(gic_t *g, unsigned cpu, unsigned intid, bool level);

/* Drives CPU cpu's IRQ/FIQ lines from the GIC's state. */
void gic_update(gic_t *g, unsigned cpu);

#define GIC_INTID_SPURIOUS 1023
/* The INTID an acknowledge of group (1: IRQ, 0: FIQ) would return to cpu now, without side
 * effects: the highest priority pending physical interrupt, or (virt) list register;
 * GIC_INTID_SPURIOUS when there is none (for tracing). */
unsigned gic_pending_intid(gic_t *g, unsigned cpu, bool virt, unsigned group);

#endif
