/*
 * HCRX_EL2 (FEAT_HCX, Arm ARM D24.2.63) access, compared with QEMU: EL2 reads and writes it (no
 * EL3, so no SCR_EL3.HXEn trap), it resets to 0; EL0 and EL1 without HCR_EL2.NV get UNDEFINED;
 * EL1 with NV traps to EL2 (EC 0x18), and with NV2 as well reaches its VNCR slot, 0x0A0 (as a
 * plain 64-bit access: the slot keeps what is written). NV2 without NV is UNDEFINED.
 *
 * Its read/write mask is guest.sysreg_values': every HCRX_EL2 bit belongs to a feature avsim lacks,
 * so tests/unit/sysreg_arch_masks.h has no read/write bit for it and that test prints none (QEMU 10
 * stores 0xFD8: MOPS, NMI, CMOW, XS; docs/features.md). Only the access behaviour is here.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "fgt_util.h"

#define HCRX_EL2 s3_4_c1_c2_2

FGT_FN(r_hcrx, "",
       "mrs x0, " GUEST_STRINGIFY(
           HCRX_EL2) "\n\tadrp x1, fgt_result\n\tstr x0, [x1, :lo12:fgt_result]");
FGT_FN(w_hcrx, SETUP_WVAL, "msr " GUEST_STRINGIFY(HCRX_EL2) ", x0");

static uint64_t vncr_page[512] __attribute__((aligned(4096)));
#define VNCR_PATTERN 0x5a5a000000000000ull
#define WRITTEN      0x0123456789abcdefull

int main(void)
{
    CHECK_EQ(current_el(), 2);
    write_sysreg((uint64_t)fgt_el1_vectors, vbar_el1);
    write_sysreg((uint64_t)vncr_page, VNCR_EL2);
    isb();

    uint64_t reset = read_sysreg(HCRX_EL2);
    printf("EL2: HCRX_EL2 at reset 0x%lx\n", reset);
    CHECK_EQ(reset, 0);
    exc_catch_begin();
    write_sysreg(0, HCRX_EL2);
    (void)read_sysreg(HCRX_EL2);
    unsigned n = exc_catch_end(NULL);
    printf("EL2: MSR and MRS HCRX_EL2: %u exceptions\n", n);
    CHECK_EQ(n, 0);

    /* With E2H = 1 (VHE host) too. */
    write_sysreg(HCR_RW | HCR_E2H, hcr_el2);
    isb();
    exc_catch_begin();
    (void)read_sysreg(HCRX_EL2);
    n = exc_catch_end(NULL);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    printf("EL2 with E2H: MRS HCRX_EL2: %u exceptions\n", n);
    CHECK_EQ(n, 0);

    struct fgt_result t = fgt_run(r_hcrx, r_hcrx_at, 0, 0);
    printf("EL0 MRS HCRX_EL2: ");
    fgt_print(&t);
    printf("\n");
    CHECK_EQ(t.last.el, 1);
    CHECK_EQ(t.last.esr, 0x02000000);

    static const struct {
        const char *name;
        uint64_t hcr;
    } cfg[] = {
        {"000", 0},
        {"100", HCR_NV2},
        {"001", HCR_NV},
        {"011", HCR_NV | HCR_NV1},
        {"101", HCR_NV | HCR_NV2},
        {"111", HCR_NV | HCR_NV1 | HCR_NV2},
    };
    for (unsigned i = 0; i < sizeof cfg / sizeof cfg[0]; i++) {
        bool nv = cfg[i].hcr & HCR_NV, nv2 = nv && (cfg[i].hcr & HCR_NV2);
        for (unsigned w = 0; w < 2; w++) {
            for (unsigned k = 0; k < 512; k++)
                vncr_page[k] = VNCR_PATTERN | (k * 8);
            dsb(sy);
            fgt_result = 0;
            fgt_wval = WRITTEN;
            t = w ? fgt_run(w_hcrx, w_hcrx_at, 1, cfg[i].hcr)
                  : fgt_run(r_hcrx, r_hcrx_at, 1, cfg[i].hcr);
            dsb(sy);
            uint64_t slot = vncr_page[0xa0 / 8];
            printf("EL1 NVx %s %s HCRX_EL2: ", cfg[i].name, w ? "MSR" : "MRS");
            fgt_print(&t);
            if (w)
                printf(", VNCR+0x0a0 %s\n", slot == WRITTEN ? "written" : "unchanged");
            else if ((fgt_result & ~0xff8ull) == VNCR_PATTERN)
                printf(", read VNCR+0x%03lx\n", (unsigned long)(fgt_result & 0xff8));
            else
                printf("\n");
            if (nv2) {
                CHECK_EQ(t.taken, 0);
                if (w)
                    CHECK_EQ(slot, WRITTEN);
                else
                    CHECK_EQ(fgt_result, VNCR_PATTERN | 0xa0);
            } else if (nv) {
                CHECK_EQ(t.last.el, 2);
                CHECK_EQ(t.last.esr,
                         fgt_expected_esr(*(const uint32_t *)(w ? w_hcrx_at : r_hcrx_at)));
                CHECK_EQ(slot, VNCR_PATTERN | 0xa0);
            } else {
                CHECK_EQ(t.last.el, 1);
                CHECK_EQ(t.last.esr, 0x02000000);
                CHECK_EQ(slot, VNCR_PATTERN | 0xa0);
            }
            CHECK_EQ(t.taken, nv2 ? 0 : 1);
        }
    }
    write_sysreg(0, VNCR_EL2);
    isb();
    /* The guest's writes went to the page, not to the register. */
    CHECK_EQ(read_sysreg(HCRX_EL2), 0);
    return test_summary();
}
