/*
 * The values of every register of the system-register table (sysreg_list.h)
 * that EL2 can read: the value found, and for writable ones what reads back
 * after writing all ones and after writing zeros (so each RES0/RES1 and
 * read-only bit shows), then the original value is restored. At EL2 with
 * E2H = 0; the registers whose layout or target changes with E2H are probed
 * again with E2H = 1. The output is compared with QEMU's.
 *
 * Printed values are limited to the bits the Arm ARM defines as read/write for
 * avsim's feature set (tests/unit/sysreg_arch_masks.h, an independent list):
 * RES0 and RES1 bits may be hardwired or stored (Arm ARM Glossary, RES0), and
 * QEMU stores where avsim hardwires; bits of features QEMU's -cpu max has and
 * avsim does not are RES0 here. unit.test_sysreg_masks checks avsim's RES0/RES1
 * bits exactly. Registers not in the list are printed whole. Not compared:
 * - IMPLEMENTATION DEFINED identification and geometry, and the events the PMU counts
 *   (PMCEIDn_EL0) (impdef()): "impdef";
 * - values that follow the clock (volatile_value()): "varies".
 * The probe never sets the bits in probe_keep(): the ones that would stop the
 * probe itself (SCTLR_EL2.M: no translation tables are set up).
 */
#include "../../tests/unit/sysreg_arch_masks.h"
#include "sysreg_list.h"

/* msr REG, x0; mrs x0, REG; msr REG, x1; mrs x1, REG; msr REG, x2; ret */
static uint32_t code[8] __attribute__((aligned(64)));

struct probe {
    uint64_t x0, x1, x2;
};

static void run_code(struct probe *p)
{
    register uint64_t x0 __asm__("x0") = p->x0;
    register uint64_t x1 __asm__("x1") = p->x1;
    register uint64_t x2 __asm__("x2") = p->x2;
    __asm__ volatile("blr %3" : "+r"(x0), "+r"(x1), "+r"(x2) : "r"(code) : "x30", "memory");
    p->x0 = x0;
    p->x1 = x1;
    p->x2 = x2;
}

/* Runs the patched routine at EL2 and returns the number of exceptions it took. */
static unsigned run_caught(struct probe *p)
{
    exc_catch_begin();
    run_code(p);
    return exc_catch_end(NULL);
}

#define NAMES(...)                                                                                 \
    static const char *const names[] = {__VA_ARGS__};                                              \
    return name_in(r->name, names, sizeof names / sizeof names[0])

static bool impdef(const struct reg *r)
{
    if (r->op0 == 3 && r->op1 == 0 && r->crn == 0) return strcmp(r->name, "MPIDR_EL1") != 0;
    NAMES("CCSIDR_EL1", "CLIDR_EL1", "AIDR_EL1", "CTR_EL0", "DCZID_EL0", "VPIDR_EL2", "ICH_VTR_EL2",
          "PMCEID0_EL0", "PMCEID1_EL0");
}

static bool volatile_value(const struct reg *r)
{
    NAMES("CNTPCT_EL0", "CNTVCT_EL0", "CNTPCTSS_EL0", "CNTVCTSS_EL0", "CNTP_TVAL_EL0",
          "CNTV_TVAL_EL0", "CNTHP_TVAL_EL2", "CNTHV_TVAL_EL2", "CNTP_TVAL_EL02", "CNTV_TVAL_EL02");
}

/* Written-once registers and registers whose writes act rather than store. */
static bool no_probe(const struct reg *r)
{
    NAMES("OSLAR_EL1", "ICC_EOIR0_EL1", "ICC_EOIR1_EL1", "ICC_DIR_EL1", "ICC_SGI0R_EL1",
          "ICC_SGI1R_EL1", "ICC_ASGI1R_EL1");
}

static uint64_t probe_keep(const struct reg *r)
{
    return !strcmp(r->name, "SCTLR_EL2") ? 1 : 0; /* M */
}

/* The list's entry for register r probed in this mode (E2H changes two layouts). */
static const struct arch_mask *arch_mask_of(const struct reg *r, bool e2h)
{
    char name[32];
    size_t n = strlen(r->name);
    snprintf(name, sizeof name, "%s", r->name);
    if (n > 5 && (!strcmp(name + n - 5, "_EL12") || !strcmp(name + n - 5, "_EL02")))
        name[n - 1] = '\0'; /* the EL1 / EL0 register the alias reaches */
    else if (e2h && (!strcmp(name, "CPACR_EL1") || !strcmp(name, "CPTR_EL2")))
        snprintf(name, sizeof name, "CPTR_EL2_VHE");
    else if (e2h && (!strcmp(name, "CNTKCTL_EL1") || !strcmp(name, "CNTHCTL_EL2")))
        snprintf(name, sizeof name, "CNTHCTL_EL2_VHE");
    for (unsigned i = 0; i < sizeof arch_masks / sizeof arch_masks[0]; i++)
        if (!strcmp(arch_masks[i].name, name)) return &arch_masks[i];
    return NULL;
}

/*
 * Architected bits QEMU 10 does not implement (docs/features.md): not printed.
 * MDCCINT_EL1.{RX, TX}, OSDTRRX_EL1, OSDTRTX_EL1: QEMU has no debug communications
 * channel; RAZ/WI there. OSECCR_EL1: RAZ/WI on QEMU (no halting debug).
 */
static uint64_t qemu_lacks_bits(const struct reg *r)
{
    static const char *const dcc[] = {"OSDTRRX_EL1", "OSDTRTX_EL1", "OSECCR_EL1"};
    if (!strcmp(r->name, "MDCCINT_EL1")) return 0x60000000;
    return name_in(r->name, dcc, sizeof dcc / sizeof dcc[0]) ? 0xFFFFFFFF : 0;
}

static void print_value(const char *label, uint64_t v, uint64_t shown)
{
    printf(" %s=%016lx", label, v & shown);
}

/* Registers whose access changes with E2H at EL2: the redirects' targets are probed again. */
static bool e2h_relevant(const struct reg *r)
{
    size_t n = strlen(r->name);
    if (n > 5 && (!strcmp(r->name + n - 5, "_EL12") || !strcmp(r->name + n - 5, "_EL02")))
        return true;
    NAMES("CPACR_EL1", "CNTKCTL_EL1", "CPTR_EL2", "CNTHCTL_EL2");
}

static void probe(const struct reg *r, bool e2h)
{
    const char *mode = e2h ? "E2H=1" : "E2H=0";
    struct probe p = {0};
    uint32_t read_only[2] = {sysreg_insn(r, true, 0), INSN_RET};
    patch_code(code, read_only, 2);
    if (run_caught(&p)) return; /* not readable here: guest.sysreg_sweep's business */
    const struct arch_mask *arch = arch_mask_of(r, e2h);
    uint64_t original = p.x0;
    uint64_t shown = (arch ? arch->writable & ~arch->other : ~0ull) & ~qemu_lacks_bits(r);

    printf("%-18s %s", r->name, mode);
    if (impdef(r)) {
        printf(" impdef\n");
        return;
    }
    if (volatile_value(r)) {
        printf(" varies\n");
        return;
    }
    print_value("value", original, shown);
    if (!no_probe(r)) {
        uint32_t seq[6] = {sysreg_insn(r, false, 0), sysreg_insn(r, true, 0),
                           sysreg_insn(r, false, 1), sysreg_insn(r, true, 1),
                           sysreg_insn(r, false, 2), INSN_RET};
        uint64_t keep = probe_keep(r);
        patch_code(code, seq, 6);
        p = (struct probe){~keep | (original & keep), original & keep, original};
        if (run_caught(&p)) {
            printf(" read-only");
        } else {
            print_value("ones", p.x0, shown);
            print_value("zeros", p.x1, shown);
            if (arch) CHECK_EQ(p.x1 & shown, 0);
        }
    }
    printf("\n");
}

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)

int main(void)
{
    unsigned i = 0, n = 0;
    struct reg r;
    __asm__ volatile("msr daifset, #0xf");
    while (next_reg(&i, &r)) {
        if (r.op0 == 1 || qemu_lacks(&r)) continue;
        probe(&r, false);
        if (e2h_relevant(&r)) {
            write_sysreg(HCR_RW | HCR_E2H, hcr_el2);
            isb();
            probe(&r, true);
            write_sysreg(HCR_RW, hcr_el2);
            isb();
        }
        n++;
    }
    CHECK(n > 100);
    return test_summary();
}
