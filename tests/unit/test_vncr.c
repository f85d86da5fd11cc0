/*
 * The table's VNCR column against an independent list: the VNCR page offsets
 * of Arm ARM R_CSRPQ as gathered in shared/reference/nv2-and-timer.md section 6
 * (typed in by hand here, not derived from the table). Every table row with a
 * slot must be in the list with the same offset and NV1 qualifier, and every
 * listed register that avsim implements must carry its slot.
 */
#include <string.h>

#include "sysreg/sysreg.h"
#include "unit.h"

enum { ANY, IF_NV1, IF_NO_NV1 };

static const struct {
    const char *name;
    unsigned offset;
    int qualifier;
} slots[] = {
    {"VTTBR_EL2", 0x020, ANY},
    {"VTCR_EL2", 0x040, ANY},
    {"VMPIDR_EL2", 0x050, ANY},
    {"CNTVOFF_EL2", 0x060, ANY},
    {"HCR_EL2", 0x078, ANY},
    {"HSTR_EL2", 0x080, ANY},
    {"VPIDR_EL2", 0x088, ANY},
    {"TPIDR_EL2", 0x090, ANY},
    {"HCRX_EL2", 0x0A0, ANY},
    {"VNCR_EL2", 0x0B0, ANY},
    {"CPACR_EL1", 0x100, IF_NV1},
    {"CPACR_EL12", 0x100, IF_NO_NV1},
    {"CONTEXTIDR_EL1", 0x108, IF_NV1},
    {"CONTEXTIDR_EL12", 0x108, IF_NO_NV1},
    {"SCTLR_EL1", 0x110, IF_NV1},
    {"SCTLR_EL12", 0x110, IF_NO_NV1},
    {"ACTLR_EL1", 0x118, ANY},
    {"TCR_EL1", 0x120, IF_NV1},
    {"TCR_EL12", 0x120, IF_NO_NV1},
    {"AFSR0_EL1", 0x128, IF_NV1},
    {"AFSR0_EL12", 0x128, IF_NO_NV1},
    {"AFSR1_EL1", 0x130, IF_NV1},
    {"AFSR1_EL12", 0x130, IF_NO_NV1},
    {"ESR_EL1", 0x138, IF_NV1},
    {"ESR_EL12", 0x138, IF_NO_NV1},
    {"MAIR_EL1", 0x140, IF_NV1},
    {"MAIR_EL12", 0x140, IF_NO_NV1},
    {"AMAIR_EL1", 0x148, IF_NV1},
    {"AMAIR_EL12", 0x148, IF_NO_NV1},
    {"MDSCR_EL1", 0x158, ANY},
    {"SPSR_EL1", 0x160, IF_NV1},
    {"SPSR_EL12", 0x160, IF_NO_NV1},
    {"CNTV_CVAL_EL0", 0x168, IF_NV1},
    {"CNTV_CVAL_EL02", 0x168, IF_NO_NV1},
    {"CNTV_CTL_EL0", 0x170, IF_NV1},
    {"CNTV_CTL_EL02", 0x170, IF_NO_NV1},
    {"CNTP_CVAL_EL0", 0x178, IF_NV1},
    {"CNTP_CVAL_EL02", 0x178, IF_NO_NV1},
    {"CNTP_CTL_EL0", 0x180, IF_NV1},
    {"CNTP_CTL_EL02", 0x180, IF_NO_NV1},
    {"SCXTNUM_EL1", 0x188, IF_NV1},
    {"TFSR_EL1", 0x190, IF_NV1},
    {"CNTPOFF_EL2", 0x1A8, ANY},
    {"HFGRTR_EL2", 0x1B8, ANY},
    {"HFGWTR_EL2", 0x1C0, ANY},
    {"HFGITR_EL2", 0x1C8, ANY},
    {"HDFGRTR_EL2", 0x1D0, ANY},
    {"HDFGWTR_EL2", 0x1D8, ANY},
    {"ZCR_EL1", 0x1E0, IF_NV1},
    {"SMCR_EL1", 0x1F0, IF_NV1},
    {"TTBR0_EL1", 0x200, IF_NV1},
    {"TTBR0_EL12", 0x200, IF_NO_NV1},
    {"TTBR1_EL1", 0x210, IF_NV1},
    {"TTBR1_EL12", 0x210, IF_NO_NV1},
    {"FAR_EL1", 0x220, IF_NV1},
    {"FAR_EL12", 0x220, IF_NO_NV1},
    {"ELR_EL1", 0x230, IF_NV1},
    {"ELR_EL12", 0x230, IF_NO_NV1},
    {"SP_EL1", 0x240, ANY},
    {"VBAR_EL1", 0x250, IF_NV1},
    {"VBAR_EL12", 0x250, IF_NO_NV1},
    {"ICH_HCR_EL2", 0x4C0, ANY},
    {"ICH_VMCR_EL2", 0x4C8, ANY},
    {"VDISR_EL2", 0x500, ANY},
    {"VSESR_EL2", 0x508, ANY},
};

/* ICH_LRn_EL2 (0x400 + 8n), ICH_AP0Rn_EL2 (0x480 + 8n), ICH_AP1Rn_EL2 (0x4A0 + 8n). */
static int ich_offset(const char *name)
{
    unsigned n;
    if (sscanf(name, "ICH_LR%u_EL2", &n) == 1 && n < 16) return 0x400 + 8 * n;
    if (sscanf(name, "ICH_AP0R%u_EL2", &n) == 1 && n < 4) return 0x480 + 8 * n;
    if (sscanf(name, "ICH_AP1R%u_EL2", &n) == 1 && n < 4) return 0x4A0 + 8 * n;
    return -1;
}

static int qualifier_of(uint16_t vncr)
{
    return (vncr & VNCR_IF_NV1) ? IF_NV1 : (vncr & VNCR_IF_NO_NV1) ? IF_NO_NV1 : ANY;
}

int main(void)
{
    unsigned with_slot = 0;
    /* Table -> list. */
    for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++) {
        const sysreg_t *r = &sysreg_table[i];
        if (!r->vncr) continue;
        with_slot++;
        int off = ich_offset(r->name);
        if (off >= 0) {
            CHECK_EQ(VNCR_OFFSET(r->vncr), (unsigned)off);
            CHECK_EQ(qualifier_of(r->vncr), ANY);
            continue;
        }
        int found = 0;
        for (unsigned k = 0; k < sizeof slots / sizeof slots[0]; k++) {
            if (strcmp(slots[k].name, r->name)) continue;
            found = 1;
            CHECK_EQ(VNCR_OFFSET(r->vncr), slots[k].offset);
            CHECK_EQ(qualifier_of(r->vncr), slots[k].qualifier);
        }
        if (!found) fprintf(stderr, "%s has a VNCR slot the list does not know\n", r->name);
        CHECK(found);
    }
    /* List -> table: every listed register avsim implements has its slot. */
    for (unsigned k = 0; k < sizeof slots / sizeof slots[0]; k++)
        for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++)
            if (!strcmp(sysreg_table[i].name, slots[k].name)) {
                if (!sysreg_table[i].vncr)
                    fprintf(stderr, "%s lacks its VNCR slot\n", slots[k].name);
                CHECK(sysreg_table[i].vncr != 0);
            }
    CHECK(with_slot >= 30);
    return unit_report();
}
