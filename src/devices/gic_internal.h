/* State shared by the GICv3 files: distributor, redistributors, CPU interfaces. */
#ifndef AVSIM_GIC_INTERNAL_H
#define AVSIM_GIC_INTERNAL_H

#include "cpu/cpu.h"
#include "devices/gic.h"
#include "machine/machine.h"
#include "machine/virt_memmap.h"

#define GIC_NUM_IRQS    (32 + VIRT_GIC_NUM_SPIS) /* INTIDs 0..287 */
#define GIC_SPURIOUS    1023
#define GIC_SPECIAL_MIN 1020 /* INTIDs 1020-1023 are special */
#define GIC_MAINT_INTID (16 + VIRT_PPI_GIC_MAINT)

/* Implemented priority and preemption bits, as QEMU's -cpu max (IHI 0069 ICC_CTLR_EL1.PRIbits). */
#define GIC_PRI_BITS  5
#define GIC_PRIO_MASK ((0xFFu << (8 - GIC_PRI_BITS)) & 0xFF)
#define GIC_MIN_BPR0  (7 - GIC_PRI_BITS) /* BPR below which writes are raised to the minimum */
#define GIC_IDLE_PRIO 0xFF
#define GIC_NUM_LRS   4

/* GICD_IIDR / GICR_IIDR: implementer Arm (JEP106 0x43B), as on QEMU. */
#define GIC_IIDR 0x43B

/* The per-interrupt state bits for a block of 32 INTIDs. */
typedef struct {
    uint32_t group; /* 1: Group 1 (IRQ); 0: Group 0 (FIQ) */
    uint32_t enable;
    uint32_t pending; /* latch: edges and software set-pending; level inputs add `level` */
    uint32_t active;
    uint32_t level; /* input line levels */
    uint32_t edge;  /* 1: edge-triggered (GICx_ICFGR odd bit) */
} gic_bank_t;

typedef struct {
    gic_bank_t bank; /* SGIs and PPIs, INTID 0-31 */
    uint8_t prio[32];
    uint32_t waker;
} gic_redist_t;

struct gic {
    machine_t *m;
    unsigned ncpus;
    uint32_t ctlr;                     /* GICD_CTLR.EnableGrp0 / EnableGrp1 */
    gic_bank_t spi[GIC_NUM_IRQS / 32]; /* index 0 unused: INTIDs 0-31 are banked */
    uint8_t spi_prio[GIC_NUM_IRQS];
    uint64_t irouter[GIC_NUM_IRQS];
    gic_redist_t rd[AVSIM_MAX_CPUS];
};

/* GICD_CTLR bits (IHI 0069 12.9.4, single Security state). */
#define GICD_CTLR_ENABLE_G0 (1u << 0)
#define GICD_CTLR_ENABLE_G1 (1u << 1)
#define GICD_CTLR_ARE       (1u << 4)
#define GICD_CTLR_DS        (1u << 6)

static inline gic_bank_t *gic_bank(gic_t *g, unsigned cpu, unsigned intid)
{
    return intid < 32 ? &g->rd[cpu].bank : &g->spi[intid / 32];
}

static inline uint8_t *gic_prio(gic_t *g, unsigned cpu, unsigned intid)
{
    return intid < 32 ? &g->rd[cpu].prio[intid] : &g->spi_prio[intid];
}

/* Affinity of CPU i (MPIDR_EL1 and GICR_TYPER): Aff1 = i / 16, Aff0 = i % 16 (virt-board.md 4.5).
 */
static inline uint32_t gic_cpu_affinity(unsigned i)
{
    return ((i / 16) << 8) | (i % 16);
}

static inline cpu_t *gic_cpu(gic_t *g, unsigned cpu)
{
    return g->m->cpus[cpu];
}

/* gic_core.c: the state machine and the physical CPU interface's view of it. */
unsigned gic_group(gic_t *g, unsigned cpu, unsigned intid);
int gic_spi_target(const gic_t *g, unsigned intid); /* CPU index, or -1 */
/* Highest priority pending interrupt that the distributor forwards to cpu: returns
 * false if none, else its INTID, priority and group. */
bool gic_hppi(gic_t *g, unsigned cpu, unsigned *intid, unsigned *prio, unsigned *group);
void gic_update_all(gic_t *g);
void gic_activate(gic_t *g, unsigned cpu, unsigned intid);
void gic_deactivate(gic_t *g, unsigned cpu, unsigned intid);
void gic_send_sgi(gic_t *g, unsigned from, uint64_t sgir, unsigned group);

/* gic_cpuif.c: running priority and preemption rules of the physical CPU interface. */
unsigned gic_running_prio(const cpu_t *cpu);
bool gic_can_signal(const cpu_t *cpu, unsigned prio, unsigned group);

/* gic_vcpuif.c: virtual CPU interface outputs (vIRQ, vFIQ, maintenance interrupt), and
 * the ICV_* view of the ICC_* encodings at EL1 (IHI 0069 6.3). */
void gic_virt_update(cpu_t *cpu);
uint64_t icv_acknowledge(cpu_t *cpu, unsigned group);
void icv_end_of_interrupt(cpu_t *cpu, unsigned group, uint64_t val);
void icv_deactivate(cpu_t *cpu, uint64_t val);
uint64_t icv_highest_pending(cpu_t *cpu, unsigned group);
unsigned icv_running_prio(const cpu_t *cpu);
uint64_t icv_read_pmr(const cpu_t *cpu);
void icv_write_pmr(cpu_t *cpu, uint64_t val);
uint64_t icv_read_bpr(const cpu_t *cpu, unsigned group);
void icv_write_bpr(cpu_t *cpu, unsigned group, uint64_t val);
uint64_t icv_read_ctlr(const cpu_t *cpu);
void icv_write_ctlr(cpu_t *cpu, uint64_t val);
uint64_t icv_read_igrpen(const cpu_t *cpu, unsigned group);
void icv_write_igrpen(cpu_t *cpu, unsigned group, uint64_t val);

/* gic_dist.c, gic_redist.c: MMIO frames, and register layouts they share. */
uint32_t gic_bank_read(const gic_bank_t *b, uint64_t off);
void gic_bank_write(gic_bank_t *b, uint64_t off, uint32_t v);
uint32_t gic_cfg_read(const gic_bank_t *b, unsigned first);
void gic_cfg_write(gic_bank_t *b, unsigned first, uint32_t v);
uint32_t gic_idreg(uint64_t off);
bool gic_dist_read(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t *val);
bool gic_dist_write(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t val);
bool gic_redist_read(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t *val);
bool gic_redist_write(void *opaque, cpu_t *cpu, uint64_t offset, unsigned size, uint64_t val);

/* Bit helpers for the 32-bit per-interrupt registers. */
static inline bool gic_test(uint32_t word, unsigned intid)
{
    return (word >> (intid & 31)) & 1;
}
static inline uint32_t gic_bit(unsigned intid)
{
    return 1u << (intid & 31);
}

#endif
