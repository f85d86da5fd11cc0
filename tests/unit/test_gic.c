/* GICv3 model: distributor/redistributor state, CPU interface and list registers,
 * driven through the MMIO callbacks and the system-register callbacks. */
#include "devices/gic_internal.h"
#include "sysreg/sysreg.h"
#include "unit.h"

static machine_t *m;
static gic_t *g;

static uint64_t sr_read(cpu_t *cpu, sysreg_id_t id)
{
    const sysreg_t *r = &sysreg_table[id];
    return r->read ? r->read(cpu, r) : cpu->sr[id];
}

static void sr_write(cpu_t *cpu, sysreg_id_t id, uint64_t v)
{
    const sysreg_t *r = &sysreg_table[id];
    if (r->write)
        r->write(cpu, r, v);
    else
        cpu->sr[id] = v;
}

static uint32_t dist_read(uint64_t off)
{
    uint64_t v;
    CHECK(gic_dist_read(g, NULL, off, 4, &v));
    return (uint32_t)v;
}

static void dist_write(uint64_t off, uint64_t v, unsigned size)
{
    CHECK(gic_dist_write(g, NULL, off, size, v));
}

static void redist_write(unsigned cpu, uint64_t off, uint32_t v)
{
    CHECK(gic_redist_write(g, NULL, cpu * VIRT_REDIST_STRIDE + off, 4, v));
}

static uint64_t redist_read(unsigned cpu, uint64_t off, unsigned size)
{
    uint64_t v;
    CHECK(gic_redist_read(g, NULL, cpu * VIRT_REDIST_STRIDE + off, size, &v));
    return v;
}

/* CPU interface on: PMR 0xF8, Group 1 enabled, all SGIs/PPIs Group 1 and enabled. */
static void cpu_interface_on(unsigned i)
{
    cpu_t *cpu = m->cpus[i];
    redist_write(i, 0x10080, ~0u);
    redist_write(i, 0x10100, ~0u);
    sr_write(cpu, SR_ICC_PMR_EL1, 0xF8);
    sr_write(cpu, SR_ICC_IGRPEN1_EL1, 1);
}

static void test_identification(void)
{
    CHECK_EQ(dist_read(0x0), 0x50); /* ARE | DS */
    CHECK_EQ(dist_read(0x4) & 0x1F, 8);
    CHECK_EQ(redist_read(0, 0x8, 8), 0 | (0ull << 8));
    CHECK_EQ(redist_read(1, 0x8, 8), (1ull << 32) | (1u << 8) | (1u << 4)); /* Last */
    CHECK_EQ(redist_read(0, 0x14, 4), 6);
    CHECK_EQ(redist_read(0, 0x10C00, 4), 0xAAAAAAAA);
    dist_write(0x0, 3, 4);
    CHECK_EQ(dist_read(0x0), 0x53);
}

static void test_priorities_and_ties(void)
{
    cpu_t *cpu = m->cpus[0];
    cpu_interface_on(0);
    /* SPIs 40 and 41 (INTIDs 72, 73) at the same priority, SGI 3 lower. */
    dist_write(0x80 + 8, ~0u, 4);
    dist_write(0x400 + 72, 0x40, 1);
    dist_write(0x400 + 73, 0x40, 1);
    CHECK(gic_redist_write(g, NULL, 0x10400 + 3, 1, 0x60));
    dist_write(0x100 + 8, 3u << 8, 4);
    dist_write(0x200 + 8, 3u << 8, 4);
    redist_write(0, 0x10200, 1u << 3);
    CHECK(cpu->irq_line);
    CHECK_EQ(sr_read(cpu, SR_ICC_HPPIR1_EL1), 72); /* lowest INTID among equals */
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 72);
    CHECK_EQ(sr_read(cpu, SR_ICC_RPR_EL1), 0x40);
    CHECK(!cpu->irq_line); /* 73 has the same group priority: no preemption */
    sr_write(cpu, SR_ICC_EOIR1_EL1, 72);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 73);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 73);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 3);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 3);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), GIC_SPURIOUS);
    CHECK_EQ(sr_read(cpu, SR_ICC_RPR_EL1), 0xFF);
    CHECK_EQ(cpu->sr[SR_ICC_AP1R0_EL1], 0);
}

static void test_sgi_routing(void)
{
    cpu_interface_on(1);
    cpu_t *c0 = m->cpus[0], *c1 = m->cpus[1];
    sr_write(c0, SR_ICC_SGI1R_EL1, (5ull << 24) | (1ull << 40)); /* all but self */
    CHECK(c1->irq_line && !c0->irq_line);
    CHECK_EQ(sr_read(c1, SR_ICC_IAR1_EL1), 5);
    sr_write(c1, SR_ICC_EOIR1_EL1, 5);
    sr_write(c1, SR_ICC_SGI1R_EL1, (6ull << 24) | 3); /* CPUs 0 and 1 */
    CHECK(c0->irq_line && c1->irq_line);
    CHECK_EQ(sr_read(c0, SR_ICC_IAR1_EL1), 6);
    CHECK_EQ(sr_read(c1, SR_ICC_IAR1_EL1), 6);
    sr_write(c0, SR_ICC_EOIR1_EL1, 6);
    sr_write(c1, SR_ICC_EOIR1_EL1, 6);
    /* Aff1 = 1 names no CPU; a Group 0 request does not reach a Group 1 SGI. */
    sr_write(c0, SR_ICC_SGI1R_EL1, (7ull << 24) | (1ull << 16) | 3);
    sr_write(c0, SR_ICC_SGI0R_EL1, (7ull << 24) | 3);
    CHECK_EQ(redist_read(0, 0x10200, 4) & (1u << 7), 0);
    CHECK_EQ(redist_read(1, 0x10200, 4) & (1u << 7), 0);
}

static void test_level_and_edge_ppi(void)
{
    cpu_t *cpu = m->cpus[0];
    gic_set_ppi(g, 0, 27, true);
    CHECK(redist_read(0, 0x10200, 4) & (1u << 27));
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 27);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 27);
    CHECK(cpu->irq_line); /* still asserted: pending again */
    gic_set_ppi(g, 0, 27, false);
    CHECK(!cpu->irq_line);
    redist_write(0, 0x10C04, 2u << 22); /* INTID 27 edge-triggered */
    gic_set_ppi(g, 0, 27, true);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 27);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 27);
    CHECK(!cpu->irq_line); /* the edge was consumed */
    gic_set_ppi(g, 0, 27, false);
    redist_write(0, 0x10C04, 0);
}

static void test_eoimode1(void)
{
    cpu_t *cpu = m->cpus[0];
    sr_write(cpu, SR_ICC_CTLR_EL1, 2);
    CHECK_EQ(sr_read(cpu, SR_ICC_CTLR_EL1), 0x8C02);
    redist_write(0, 0x10200, 1u << 2);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 2);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 2);
    CHECK(redist_read(0, 0x10300, 4) & (1u << 2));
    CHECK_EQ(sr_read(cpu, SR_ICC_RPR_EL1), 0xFF);
    sr_write(cpu, SR_ICC_DIR_EL1, 2);
    CHECK_EQ(redist_read(0, 0x10300, 4) & (1u << 2), 0);
    sr_write(cpu, SR_ICC_CTLR_EL1, 0);
}

static void test_list_registers(void)
{
    cpu_t *cpu = m->cpus[0];
    const uint64_t pending_g1 = (1ull << 62) | (1ull << 60), eoi = 1ull << 41;
    sr_write(cpu, SR_ICH_VMCR_EL2, 2 | (0xF8ull << 24)); /* VENG1, VPMR */
    CHECK_EQ(cpu->sr[SR_ICH_VMCR_EL2], 0xF84C000A);      /* VFIQEn, minimum binary points */
    sr_write(cpu, SR_ICH_LR0_EL2, pending_g1 | eoi | (0xA7ull << 48) | 42);
    CHECK_EQ(cpu->sr[SR_ICH_LR0_EL2] >> 48 & 0xFF, 0xA0); /* 5 priority bits */
    CHECK(!cpu->virq_line);                               /* ICH_HCR_EL2.En = 0 */
    sr_write(cpu, SR_ICH_HCR_EL2, 1);
    CHECK(cpu->virq_line && !cpu->vfiq_line);
    /* At EL1 with HCR_EL2.IMO, ICC_IAR1_EL1 is ICV_IAR1_EL1. */
    cpu->el = 1;
    cpu->sr[SR_HCR_EL2] |= HCR_IMO;
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 42);
    CHECK_EQ(cpu->sr[SR_ICH_LR0_EL2] >> 62, 2);
    CHECK_EQ(sr_read(cpu, SR_ICC_RPR_EL1), 0xA0);
    CHECK(!cpu->virq_line);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 42);
    CHECK_EQ(cpu->sr[SR_ICH_LR0_EL2] >> 62, 0);
    CHECK_EQ(sr_read(cpu, SR_ICH_EISR_EL2), 1);
    CHECK_EQ(sr_read(cpu, SR_ICH_MISR_EL2), 1);
    CHECK(redist_read(0, 0x10200, 4) & (1u << 25)); /* maintenance interrupt */
    sr_write(cpu, SR_ICH_LR0_EL2, 0);
    CHECK_EQ(redist_read(0, 0x10200, 4) & (1u << 25), 0);
    CHECK_EQ(sr_read(cpu, SR_ICH_ELRSR_EL2), 0xF);
    /* An EOI that matches no LR counts in EOIcount. */
    sr_write(cpu, SR_ICH_LR1_EL2, pending_g1 | (0x80ull << 48) | 7);
    CHECK_EQ(sr_read(cpu, SR_ICC_IAR1_EL1), 7);
    sr_write(cpu, SR_ICC_EOIR1_EL1, 8);
    CHECK_EQ(cpu->sr[SR_ICH_HCR_EL2] >> 27, 1);
    cpu->sr[SR_HCR_EL2] &= ~HCR_IMO;
    cpu->el = 2;
    sr_write(cpu, SR_ICH_HCR_EL2, 0);
    sr_write(cpu, SR_ICH_LR1_EL2, 0);
}

int main(void)
{
    char err[256];
    m = machine_create(64ull << 20, 2, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    g = m->gic;
    test_identification();
    test_priorities_and_ties();
    test_sgi_routing();
    test_level_and_edge_ppi();
    test_eoimode1();
    test_list_registers();
    machine_destroy(m);
    return unit_report();
}
