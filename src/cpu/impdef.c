#include "cpu/impdef.h"

#include <stdio.h>

const impdef_feature_t impdef_features[] = {
    {"AArch64", "EL0, EL1 and (with virtualization=on) EL2 in AArch64 only; no EL3, no AArch32"},
    {"FEAT_CRC32", "CRC32 / CRC32C instructions"},
    {"FEAT_LSE", "Large System Extensions atomics (CAS, CASP, SWP, LD<op>)"},
    {"FEAT_LRCPC", "LDAPR"},
    {"FEAT_VHE", "Virtualization Host Extensions: E2H/TGE, _EL12 aliases"},
    {"FEAT_IDST", "EL0 reads of ID registers trap with EC 0x18"},
    {"FEAT_ECV",
     "CNTPOFF_EL2, CNTPCTSS/CNTVCTSS, CNTHCTL_EL2 ECV traps (ID_AA64MMFR0_EL1.ECV = 2)"},
    {"FP, AdvSIMD", "scalar floating point and Advanced SIMD (ID_AA64PFR0_EL1.FP = AdvSIMD = 1)"},
    {"FEAT_FP16", "half-precision arithmetic, scalar and vector"},
    {"FEAT_JSCVT", "FJCVTZS"},
    {"FEAT_FRINTTS", "FRINT32Z/32X/64Z/64X, scalar and vector"},
    {"FEAT_DotProd", "SDOT, UDOT"},
    {"FEAT_RDM", "SQRDMLAH, SQRDMLSH"},
    {"FEAT_AES", "AESE/AESD/AESMC/AESIMC"},
    {"FEAT_PMULL", "PMULL/PMULL2 of 64-bit elements"},
    {"FEAT_SHA1", "SHA1C/SHA1P/SHA1M/SHA1H/SHA1SU0/SHA1SU1"},
    {"FEAT_SHA256", "SHA256H/SHA256H2/SHA256SU0/SHA256SU1"},
    {"FEAT_SHA512", "SHA512H/SHA512H2/SHA512SU0/SHA512SU1"},
    {"FEAT_SHA3", "EOR3, BCAX, RAX1, XAR"},
    {"FEAT_S2FWB", "stage-2 forced write-back (HCR_EL2.FWB)"},
    {"FEAT_XNX", "stage-2 execute-never by EL"},
    {"FEAT_TLBIOS", "outer-shareable TLB maintenance"},
    {"FEAT_Debugv8p0", "2 breakpoints, 2 watchpoints, software step"},
    {"FEAT_PMUv3p1", "Performance Monitors: cycle counter, 6 event counters, overflow PPI 7"},
    {"GICv3 sysregs", "ICC_* CPU interface, ICH_*/ICV_* virtualization (ID_AA64PFR0_EL1.GIC = 1)"},
    {"FEAT_CSV2", "and FEAT_CSV2_1p1: no speculation, so no context steers another's branches"},
    {"FEAT_CSV3", "no speculation: faulting loads never forward data (Linux needs no KPTI)"},
    {"FEAT_ECBHB", "no branch history: nothing for a Spectre-BHB attack to train"},
    {"FEAT_SB", "SB speculation barrier (no effect: nothing is speculated)"},
    {NULL, NULL},
};

uint64_t impdef_id_aa64pfr0(int el2)
{
    /* Arm ARM D24.2.87: EL0 [3:0], EL1 [7:4], EL2 [11:8], EL3 [15:12] (1 = AArch64 only),
     * FP [19:16] and AdvSIMD [23:20] = 1 (implemented, with half precision: FEAT_FP16),
     * GIC [27:24] = 1 (GICv3 system-register interface), CSV2 [59:56] = 1 and CSV3 [63:60] = 1
     * (FEAT_CSV2, FEAT_CSV3: avsim executes nothing speculatively). DIT, SVE, RAS, AMU = 0. */
    return 1ull | (1ull << 4) | ((el2 ? 1ull : 0ull) << 8) | (1ull << 16) | (1ull << 20) |
           (1ull << 24) | (1ull << 56) | (1ull << 60);
}

static unsigned log2u(unsigned v)
{
    unsigned n = 0;
    while (v > 1) {
        v >>= 1;
        n++;
    }
    return n;
}

uint64_t impdef_ctr_el0(const cache_config_t *c)
{
    /* Arm ARM D24.2.35: IminLine [3:0], L1Ip [15:14] = 3 (PIPT), DminLine [19:16],
     * ERG [23:20], CWG [27:24] (the line: a write-back never covers more), IDC [28], DIC [29],
     * bit 31 RES1. Sizes are log2(words). */
    uint64_t line = log2u(c->line / 4), erg = log2u(IMPDEF_LINE_BYTES / 4);
    return line | (3ull << 14) | (line << 16) | (erg << 20) | (line << 24) |
           ((uint64_t)c->idc << 28) | ((uint64_t)c->dic << 29) | (1ull << 31);
}

uint64_t impdef_clidr(const cache_config_t *c)
{
    /* Arm ARM D24.2.33: Ctype1 = 3 (separate I and D), Ctype2 = 4 (unified); the Point of
     * Unification is the L2, so LoUIS [23:21] = LoUU [29:27] = 1 (clean L1 only); LoC [26:24] = 2;
     * ICB [32:30] = 2 (both levels Inner cacheable). With CTR_EL0.IDC = 1 no clean to the PoU is
     * needed whatever LoUU says (D24.2.35). As QEMU's -cpu max, LoUU/LoUIS stay 1 although
     * FEAT_S2FWB is advertised (I_RRDBK would want 0): docs/caches.md. */
    (void)c;
    return 3ull | (4ull << 3) | (1ull << 21) | (2ull << 24) | (1ull << 27) | (2ull << 30);
}

static uint64_t ccsidr_for(const cache_geom_t *g, uint32_t line)
{
    uint64_t sets = cache_geom_sets(g, line);
    /* Without FEAT_CCIDX: NumSets-1 [27:13], Associativity-1 [12:3], LineSize = log2(bytes) - 4. */
    return ((sets - 1) << 13) | ((uint64_t)(g->ways - 1) << 3) | (log2u(line) - 4);
}

uint64_t impdef_ccsidr(const cache_config_t *c, uint64_t csselr)
{
    unsigned level = (csselr >> 1) & 7, ind = csselr & 1;
    if (level == 0) return ccsidr_for(ind ? &c->l1i : &c->l1d, c->line);
    if (level == 1 && !ind) return ccsidr_for(&c->l2, c->line);
    return 0; /* no such cache: UNKNOWN, we give 0 */
}

void impdef_print_cpu_help(void)
{
    printf("Available CPUs:\n  max    the only model: the features below\n\n");
    printf("Features of -cpu max:\n");
    for (const impdef_feature_t *f = impdef_features; f->name; f++)
        printf("  %-12s %s\n", f->name, f->description);
    printf("\nImplementation-defined values:\n");
    printf("  MIDR_EL1          0x%08llx\n", (unsigned long long)IMPDEF_MIDR);
    printf("  CNTFRQ_EL0        %llu Hz (counter: 2^N ticks per instruction, -icount)\n",
           (unsigned long long)IMPDEF_CNTFRQ);
    printf("  ACTLR, AFSRn, AMAIR, HACR  RAZ/WI\n");
    printf("  RVBAR_EL1/EL2     0x%llx (RMR_ELx.RR, a Warm reset request, is ignored)\n",
           (unsigned long long)IMPDEF_RVBAR);
    printf("  PA size           %d bits\n", IMPDEF_PA_BITS);
    cache_config_t c;
    cache_config_default(&c);
    printf("  CTR_EL0           0x%08llx\n", (unsigned long long)impdef_ctr_el0(&c));
    printf("  CLIDR_EL1         0x%08llx\n", (unsigned long long)impdef_clidr(&c));
    printf("  L1 I-cache        %d KiB, %d-way, %d-byte lines (per CPU)\n", IMPDEF_L1I_BYTES / 1024,
           IMPDEF_L1I_WAYS, IMPDEF_LINE_BYTES);
    printf("  L1 D-cache        %d KiB, %d-way, %d-byte lines (per CPU)\n", IMPDEF_L1D_BYTES / 1024,
           IMPDEF_L1D_WAYS, IMPDEF_LINE_BYTES);
    printf("  L2 cache          %d KiB, %d-way, %d-byte lines (shared; PoU)\n",
           IMPDEF_L2_BYTES / 1024, IMPDEF_L2_WAYS, IMPDEF_LINE_BYTES);
    printf("                    (modelled with -cache mode=on|check; -cache help)\n");
    printf("  DC ZVA block      %d bytes\n", IMPDEF_DCZVA_BYTES);
    printf("  PMU               PMCR_EL0.N = %d event counters, IMP = IDCODE = 0; a cycle is\n"
           "                    2^N ticks of -icount per instruction (docs/pmu.md)\n",
           IMPDEF_PMU_COUNTERS);
}
