/* Architected bit masks of avsim's system registers for its feature set (-cpu help), from the Arm
 * ARM (DDI 0487 M.a.a) and, for the GIC CPU interface, from Arm's register descriptions (DDI
 * 0595/0601 GIC pages) and the Cortex-A76/A78AE TRMs, because the GICv3 specification (IHI 0069)
 * was not available; written independently of src/sysreg/sysreg_table.def. Every bit not in
 * writable, res1 or other is RES0.
 *
 * writable: bits that hold what software writes. res1: RES1 (or RAO) in every context.
 * other: bits a write-then-read check must skip. A bit only in other is not plain storage (RO,
 * W1C, IMPLEMENTATION DEFINED, UNKNOWN). A bit in both writable and other is a read/write field
 * whose read-back after an all-ones or all-zeros write is not guaranteed: a reserved encoding
 * (K1.2.19: the read is UNKNOWN), a minimum the hardware clamps to, or an implementation choice.
 *
 * RES0 bits may be hardwired or stored (Glossary, "RES0 in all contexts": IMPLEMENTATION DEFINED
 * bit by bit); this list expects them to read 0. A bit that is RES0 or RES1 only in some contexts
 * (for example with HCR_EL2.E2H = 0) but functional in another must hold the last value written
 * in every context (Glossary), so the E2H = 1 entries (NAME_VHE) equal the E2H = 0 ones.
 *
 * Reset into EL2 (AArch64, no EL3), values the manual defines: PSTATE.{D,A,I,F} = 1 (DAIF 0x3c0),
 * SPSel = 1, SCTLR_EL2.{M,C,I} = 0 (EE IMPLEMENTATION DEFINED), OSDLR_EL1 = 0, OSLSR_EL1.OSLK = 1,
 * MDCCINT_EL1 = 0, MDSCR_EL1.{TXfull,RXfull,RXO,TXU,INTdis,TDA,HDE,ERR} = 0, CLAIM tags = 0. All
 * other fields listed here reset to UNKNOWN (GIC registers: not checked, see above). */
#ifndef AVSIM_SYSREG_ARCH_MASKS_H
#define AVSIM_SYSREG_ARCH_MASKS_H

#include <stdint.h>

struct arch_mask {
    const char *name;
    uint64_t writable, res1, other;
};
static const struct arch_mask arch_masks[] = {
    /* C5.2.11: N Z C V. */
    {"NZCV", 0x00000000f0000000, 0x0000000000000000, 0x0000000000000000},
    /* C5.2.3: D A I F. Reset value (Warm reset): 0x3c0. */
    {"DAIF", 0x00000000000003c0, 0x0000000000000000, 0x0000000000000000},
    /* C5.2.18: SP. Reset value: 1. */
    {"SPSel", 0x0000000000000001, 0x0000000000000000, 0x0000000000000000},
    /* C5.2.20/C5.2.21, AArch64-exception format only (FEAT_AA32 not implemented):
     * N Z C V [31:28], SS 21, IL 20, D A I F [9:6], M[4] 4, M[3:0] [3:0]; TCO, DIT, UAO,
     * PAN, ALLINT, SSBS, BTYPE, PM.. are RES0 here. other: all-ones writes the reserved
     * M[3:0] = 0b1111, whose read is UNKNOWN by K1.2.19 (an ERET from it is an illegal return). */
    {"SPSR_EL1", 0x00000000f03003df, 0x0000000000000000, 0x000000000000000f},
    /* C5.2.21: same layout as SPSR_EL1. */
    {"SPSR_EL2", 0x00000000f03003df, 0x0000000000000000, 0x000000000000000f},
    /* C5.2.8: AHP DN FZ RMode FZ16 (FEAT_FP16). EBF, NEP/AH/FIZ (no FEAT_EBF16/AFP) RES0.
     * other: Stride, Len (IMPLEMENTATION DEFINED: storable or RAZ/WI) and IDE IXE UFE OFE DZE
     * IOE (RAZ/WI unless FP exception trapping is implemented: an implementation choice). */
    {"FPCR", 0x0000000007ff9f00, 0x0000000000000000, 0x0000000000379f00},
    /* C5.2.10: QC IDC IXC UFC OFC DZC IOC; N Z C V [31:28] need FEAT_AA32, so RES0. */
    {"FPSR", 0x000000000800009f, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.41: Level [3:1], InD 0; TnD 4 (FEAT_MTE2) RES0. Only {L1 I, L1 D, L2 unified}
     * exist, so all-ones selects an unimplemented cache (Level 0b111): Level/InD then read
     * UNKNOWN. Values selecting an implemented cache read back as written. */
    {"CSSELR_EL1", 0x000000000000000f, 0x0000000000000000, 0x000000000000000f},
    /* D24.2.175: UCI WXN nTWE nTWI UCT DZE I UMA SA0 SA C A M. EE E0E RES0: no FEAT_MixedEnd
     * (ID_AA64MMFR0_EL1.BigEnd = BigEndEL0 = 0, little-endian only).
     * res1: LSMAOE nTLSMD (no FEAT_LSMAOC), SPAN (no FEAT_PAN), EIS EOS (no FEAT_ExS),
     * TSCXT (no FEAT_CSV2_2/1p2), SED ITD (no FEAT_AA32EL0). CP15BEN RES0 without AA32EL0.
     * Reset at EL2: no defined field values (M/C/EnRCTX reset only if EL1 is highest). */
    {"SCTLR_EL1", 0x00000000040dd21f, 0x0000000030d00980, 0x0000000000000000},
    /* D24.2.176. FEAT_VHE makes two contexts of one register (E2H=0, and ELIsInHost(EL2)),
     * and the Glossary (RES0/RES1 "only in some contexts") requires such a bit to hold the
     * last value written whatever the context, so E2H=0 and E2H=1 masks are the same.
     * writable: M A C SA I WXN, and the host-format fields SA0 DZE UCT nTWI nTWE SPAN UCI
     * (E2H=0 describes SA0 nTWI nTWE SPAN as RES1 and DZE UCT UCI as RES0, but they are
     * stored). EE and E0E RES0: no FEAT_MixedEnd (little-endian only). res1 in every context: LSMAOE nTLSMD (no FEAT_LSMAOC), EIS EOS (no ExS).
     * other: CP15BEN (E2H=0 RES1, host RES0), SED ITD (E2H=0 RES0, host RES1), TSCXT (RES1
     * only when ELIsInHost(EL0), i.e. E2H=TGE=1, else RES0): never functional here, so
     * IMPLEMENTATION DEFINED whether stored or writes-ignored/UNKNOWN (Glossary, RES0).
     * Reset (highest EL is EL2): M = C = I = 0, EE IMPLEMENTATION DEFINED, rest UNKNOWN. */
    {"SCTLR_EL2", 0x00000000048dd01f, 0x0000000030400800, 0x00000000001001a0},
    /* Same storage as SCTLR_EL2 (see above). Per-format view for E2H=TGE=1: res1 would be
     * LSMAOE nTLSMD EIS TSCXT EOS SED ITD, RES0 CP15BEN. */
    {"SCTLR_EL2_VHE", 0x00000000048dd01f, 0x0000000030400800, 0x00000000001001a0},
    /* D24.2.36: FPEN. TTA needs System-register trace (none), SMEN/ZEN/E0POE/TAM/TCPAC
     * need SME/SVE/S1POE/AMU/NV2p1: RES0. (Older manuals had TTA unconditional.) */
    {"CPACR_EL1", 0x0000000000300000, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.38. Union of both E2H formats (Glossary, as SCTLR_EL2): TCPAC 31, TFP 10 (E2H=0),
     * FPEN [21:20] (E2H=1). other: bits 13, 12 (TSM), 9, 8 (TZ), [7:0] are RES1 with E2H=0
     * and RES0 with E2H=1 and never functional (no SME/SVE), so IMPLEMENTATION DEFINED
     * stored or writes-ignored/UNKNOWN. TAM (no AMU), TTA (no trace registers) RES0. */
    {"CPTR_EL2", 0x0000000080300400, 0x0000000000000000, 0x00000000000033ff},
    /* Same storage as CPTR_EL2. Per-format view E2H=1: TCPAC FPEN, rest RES0. */
    {"CPTR_EL2_VHE", 0x0000000080300400, 0x0000000000000000, 0x00000000000033ff},
    /* D24.2.194: HPD1 HPD0 (FEAT_HPDS) TBI1 TBI0 AS (16-bit ASID) IPS TG1 SH1 ORGN1 IRGN1
     * EPD1 A1 T1SZ TG0 SH0 ORGN0 IRGN0 EPD0 T0SZ; bits 35, 6 RES0; HA/HD, HWU, TBID, NFD,
     * E0PD, TCMA, DS, MTX RES0. other: TG1 [31:30], TG0 [15:14]: all-zeros TG1 and all-ones
     * TG0 are reserved, read back IMPLEMENTATION DEFINED (programmed or chosen size).
     * TxSZ out of range still reads back as written (D8.1). */
    {"TCR_EL1", 0x00000677ffffffbf, 0x0000000000000000, 0x00000000c000c000},
    /* D24.2.195. Union of the E2H=0 format (HPD 24, TBI 20, PS [18:16], TG0 SH0 ORGN0 IRGN0,
     * T0SZ, RES1 bits 31 and 23) and the E2H=1 format (= TCR_EL1 layout). Bits 31 and 23 are
     * RES1 only with E2H=0 but TG1[1]/EPD1 with E2H=1, so they are stored (Glossary), not
     * res1. other: TG1, TG0 as TCR_EL1. */
    {"TCR_EL2", 0x00000677ffffffbf, 0x0000000000000000, 0x00000000c000c000},
    /* Same storage as TCR_EL2; E2H=1 format is the TCR_EL1 layout. */
    {"TCR_EL2_VHE", 0x00000677ffffffbf, 0x0000000000000000, 0x00000000c000c000},
    /* D24.2.224: VS (FEAT_VMID16) PS TG0 SH0 ORGN0 IRGN0 SL0 T0SZ; res1 bit 31; HA/HD, HWU,
     * NSW/NSA, DS/SL2, D128, S2PIE.. RES0. other: TG0 (as TCR), SL0 (all-ones 0b11 is
     * reserved without FEAT_TTST: K1.2.19 read UNKNOWN). */
    {"VTCR_EL2", 0x00000000000fffff, 0x0000000080000000, 0x000000000000c0c0},
    /* D24.2.209: ASID [63:48] (16-bit ASIDs), BADDR[47:1]; CnP (FEAT_TTCNP) RES0.
     * BADDR bits below the table alignment are RES0 only for walks: a misaligned walk may make
     * them read back 0 (CONSTRAINED UNPREDICTABLE); a plain MSR/MRS pair reads them back. */
    {"TTBR0_EL1", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.212: as TTBR0_EL1. */
    {"TTBR1_EL1", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.210: ASID is RES0 when E2H=0 but an ASID when E2H=1 (FEAT_VHE), so it is
     * stored in both (Glossary); BADDR[47:1]; CnP RES0. */
    {"TTBR0_EL2", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* Same storage as TTBR0_EL2. */
    {"TTBR0_EL2_VHE", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.213: ASID BADDR[47:1]; CnP RES0. Plain storage when E2H=0 (D8.13.1). */
    {"TTBR1_EL2", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.225: VMID [63:48] (VMID[15:8] RES0 only while VTCR_EL2.VS=0: stored), BADDR[47:1];
     * CnP RES0. */
    {"VTTBR_EL2", 0xfffffffffffffffe, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.127: Attr0..Attr7 (0x00 and 0xff are both defined encodings). */
    {"MAIR_EL1", 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.128: as MAIR_EL1. */
    {"MAIR_EL2", 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.45/46: EC [31:26] IL 25 ISS [24:0]; ISS2 [55:32] sub-fields all need features
     * not implemented (LS64, S1PIE/POE, GCS, THE, MTE, HDBSS): RES0. other: all-ones EC 0x3f
     * is unallocated, K1.2.19 lets its read be UNKNOWN. */
    {"ESR_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x00000000fc000000},
    /* As ESR_EL1. */
    {"ESR_EL2", 0x00000000ffffffff, 0x0000000000000000, 0x00000000fc000000},
    /* D24.2.48: VA. */
    {"FAR_EL1", 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.49: VA. */
    {"FAR_EL2", 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.142, no FEAT_D128. The format follows F (bit 0), and the union is stored:
     * F=0: ATTR [63:56], PA[47:12] (no FEAT_LPA: [51:48] RES0), NSE 11 RES1 (no RME),
     * IMPLEMENTATION DEFINED 10, NS 9, SH [8:7], F. F=1: IMPLEMENTATION DEFINED [63:48],
     * [47:12] RES0, RES1 11, RES0 10, S 9, PTW 8, FST [6:1], F. other: [63:48] (IMP DEF
     * when F=1, which all-ones selects; includes ATTR) and bit 10 (IMP DEF when F=0). */
    {"PAR_EL1", 0xff00fffffffff3ff, 0x0000000000000800, 0xffff000000000400},
    /* D24.2.76: FIPA bits [39:4] = IPA[47:12] (no FEAT_LPA, no D128); NS (FEAT_SEL2) RES0. */
    {"HPFAR_EL2", 0x000000fffffffff0, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.214: VBA. */
    {"VBAR_EL1", 0xfffffffffffff800, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.215: VBA. */
    {"VBAR_EL2", 0xfffffffffffff800, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.34: PROCID. */
    {"CONTEXTIDR_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.35: PROCID. */
    {"CONTEXTIDR_EL2", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.62: FWB 46 (FEAT_S2FWB) NV2 45 AT 44 NV1 43 NV 42 (FEAT_NV2) E2H 34 ID CD TRVM HCD
     * (no EL3) TDZ TGE TVM TTLB TPU TPCP TSW TACR TIDCP TSC TID3 TID2 TID1 TWE TWI DC BSU FB VSE
     * VI VF AMO IMO FMO PTW SWIO VM. res1: RW 31 (RAO/WI, no FEAT_AA32EL1). RES0: TID0 (no AA32),
     * TEA/TERR (RAS), TLOR, APK/API, FIEN, GPF, EVT traps, AMVOFFEN, EnSCXT, MTE bits, TWED.
     * other: TSC (no EL3: IMPLEMENTATION DEFINED whether RES0) and SWIO (may be implemented as
     * RES1). Reset: UNKNOWN. */
    {"HCR_EL2", 0x00007c077fff7fff, 0x0000000080000000, 0x0000000000080002},
    /* D24.2.220: BADDR [63:12] (bits [63:49] RESS: hold what is written, a non-canonical value
     * faults on use); [11:0] RES0. */
    {"VNCR_EL2", 0xfffffffffffff000, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.77: only has fields when FEAT_AA32 is implemented; otherwise all RES0. */
    {"HSTR_EL2", 0x0000000000000000, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.73: AFSR0/1 AIDR AMAIR [3:0], CCSIDR CLIDR CONTEXTIDR CPACR CSSELR CTR DCZID ESR FAR
     * ISR [18:9], MAIR MIDR MPIDR PAR REVIDR SCTLR [29:24], TCR TPIDR_EL1 TPIDRRO_EL0 TPIDR_EL0
     * TTBR0 TTBR1 VBAR ICC_IGRPENn [39:32]; the others belong to absent features (PAuth, LOR,
     * CSV2_2, RAS, SME, GCS, ...): RES0, the negative ones included. Reset 0 (EL2 highest). */
    {"HFGRTR_EL2", 0x000000ff3f07fe0f, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.75: the writable registers of HFGRTR_EL2's list, same positions. */
    {"HFGWTR_EL2", 0x000000ff2903380b, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.71: IC IALLUIS/IALLU/IVAU, DC IVAC/ISW/CSW/CISW/CVAU/CVAP [8:0], DC CIVAC ZVA, AT
     * S1E1R/W S1E0R/W [15:10], TLBI *E1OS [23:18], *E1IS [33:28], *E1 [47:42], ERET SVC_EL0
     * SVC_EL1 DCCVAC [54:51]. RES0: range TLBIs, PAN2 ATs, SPECRES, BRBE, GCS, ATS1A, SPEv1p5. */
    {"HFGITR_EL2", 0x0078fc03f0fcfdff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.67: DBGBCRn DBGBVRn DBGWCRn DBGWVRn MDSCR DBGCLAIM DBGAUTHSTATUS DBGPRCR [7:0],
     * OSLSR OSECCR OSDLR [11:9]; PMEVCNTRn PMEVTYPERn PMCCFILTR PMCCNTR PMCNTEN PMINTEN PMOVS
     * PMSELR [19:12], PMUSERENR_EL0 57, PMCEIDn_EL0 58; PMMIR (FEAT_PMUv3p4), SPE, trace, BRBE
     * fields RES0. */
    {"HDFGRTR_EL2", 0x06000000000ffeff, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.69: as HDFGRTR_EL2 for the writable ones, OSLAR [8], PMSWINC_EL0 20, PMCR_EL0 21. */
    {"HDFGWTR_EL2", 0x02000000003ffdbf, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.63: every field belongs to a feature avsim lacks (LS64, XS, SME, NMI, CMOW, MOPS,
     * TCR2, SCTLR2, ...): RES0. */
    {"HCRX_EL2", 0x0000000000000000, 0x0000000000000000, 0x0000000000000000},
    /* D24.2.219: Aff3 U MT Aff2 Aff1 Aff0; res1 bit 31. */
    {"VMPIDR_EL2", 0x000000ff41ffffff, 0x0000000080000000, 0x0000000000000000},
    /* D24.2.221: Implementer Variant Architecture PartNum Revision. other: all-ones Implementer
     * 0xff (not assigned) and all-zeros Architecture 0b0000 are reserved values (K1.2.19). */
    {"VPIDR_EL2", 0x00000000ffffffff, 0x0000000000000000, 0x00000000ff0f0000},
    /* D24.3.20: MDE KDE TDCC SS. Also TXfull RXfull RXO TXU INTdis TDA HDE ERR (save/restore of
     * EDSCR): RW while OSLSR_EL1.OSLK = 1 (its Cold-reset value), RO while 0, so other too.
     * Bits [18:16] RAZ/WI; TFO, SC2, TTA, EMBWE, EHBWE, EnSPM, EnSTEPOP RES0.
     * Reset (Cold): TXfull RXfull RXO TXU INTdis TDA HDE ERR = 0, rest UNKNOWN. */
    {"MDSCR_EL1", 0x000000006ce0f041, 0x0000000000000000, 0x000000006ce04040},
    /* RMR_EL2 (EL2 the highest EL): AA64 RAO/WI (AArch64 only); other: RR, a Warm reset
     * request (the PE need not act on it). Reset: AA64 1, RR 0. */
    {"RMR_EL2", 0x0000000000000000, 0x0000000000000001, 0x0000000000000002},
    /* D24.3.17: TDCC 27 (FEAT_FGT) TDRA TDOSA (FEAT_DoubleLock) TDA TDE; FEAT_PMUv3p1: HPMN [4:0]
     * TPMCR TPM HPME, HPMD 17 (HCCD, HLP.. of later PMU versions RES0); no SPE/TRBE/TRF. other:
     * HPMN above PMCR_EL0.N is CONSTRAINED UNPREDICTABLE. Reset: HPMN = PMCR_EL0.N, rest UNKNOWN. */
    {"MDCR_EL2", 0x0000000008020fff, 0x0000000000000000, 0x000000000000001f},
    /* D24.5 Performance Monitors, FEAT_PMUv3p1 with 6 event counters and no EL3 (NSK, NSU, M
     * RES0). PMCR_EL0: E D X DP LC; P C write-only (read 0); N IDCODE IMP read-only. */
    {"PMCR_EL0", 0x0000000000000079, 0x0000000000000000, 0x00000000fffff800},
    /* PMCNTENSET/CLR, PMOVSSET/CLR, PMINTENSET/CLR: C 31, P[5:0]; write-1-to-set/clear. */
    {"PMCNTENSET_EL0", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    {"PMCNTENCLR_EL0", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    {"PMOVSSET_EL0", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    {"PMOVSCLR_EL0", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    {"PMINTENSET_EL1", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    {"PMINTENCLR_EL1", 0x000000008000003f, 0x0000000000000000, 0x000000008000003f},
    /* SEL [4:0]. */
    {"PMSELR_EL0", 0x000000000000001f, 0x0000000000000000, 0x0000000000000000},
    /* ER CR SW EN. */
    {"PMUSERENR_EL0", 0x000000000000000f, 0x0000000000000000, 0x0000000000000000},
    /* 64-bit cycle counter; 32-bit event counters (64-bit from FEAT_PMUv3p5). */
    {"PMCCNTR_EL0", 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMXEVCNTR_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR0_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR1_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR2_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR3_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR4_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVCNTR5_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* P U NSH, evtCount [15:0] (FEAT_PMUv3p1); MT RES0 (no FEAT_MTPMU). */
    {"PMXEVTYPER_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER0_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER1_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER2_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER3_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER4_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    {"PMEVTYPER5_EL0", 0x00000000c800ffff, 0x0000000000000000, 0x0000000000000000},
    /* P U NSH. */
    {"PMCCFILTR_EL0", 0x00000000c8000000, 0x0000000000000000, 0x0000000000000000},
    /* D24.3.23: DLK (FEAT_DoubleLock). Reset: 0. */
    {"OSDLR_EL1", 0x0000000000000001, 0x0000000000000000, 0x0000000000000000},
    /* D24.3.15: RX TX. Reset: 0. */
    {"MDCCINT_EL1", 0x0000000060000000, 0x0000000000000000, 0x0000000000000000},
    /* OSDTRRX_EL1, OSDTRTX_EL1: the 32-bit DTRRX / DTRTX, for save and restore; reads and writes
     * leave RXfull and TXfull alone. [63:32] RES0. */
    {"OSDTRRX_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    {"OSDTRTX_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* OSECCR_EL1: EDECCR [31:0], for save and restore. [63:32] RES0. */
    {"OSECCR_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.3.3, 48-bit VA, FEAT_Debugv8p0. Address format: RESS[14:0] [63:49], VA[48:2], [1:0] RES0.
     * RESS: software must write copies of bit 48; reads return the written value or (if the
     * breakpoint is not context-aware) an IMPLEMENTATION DEFINED copy of bit 48. A context-aware
     * breakpoint also has ContextID [31:0] and VMID [47:32] formats (BT 001x/100x/101x), so
     * its bits [1:0] are stored too. avsim's CTX_CMPs is not known here, so both entries are
     * conservative: other = RESS [63:49] and [1:0]. */
    {"DBGBVR0_EL1", 0xffffffffffffffff, 0x0000000000000000, 0xfffe000000000003},
    /* D24.3.2: BT [23:20] LBN [19:16] SSC [15:14] HMC 13 PMC [2:1] E 0; res1: BAS [8:5]
     * (AArch64-only, D2.8.7.4); BT2, MASK, SSCE, LBNX RES0. other: BT (reserved types read
     * UNKNOWN, D2.8.7.1), LBN (UNKNOWN unless a linked address type, D2.8.7.5), SSC HMC PMC
     * (all-zeros is a reserved combination: UNKNOWN, D2.8.7.2). */
    {"DBGBCR0_EL1", 0x0000000000ffe007, 0x00000000000001e0, 0x0000000000ffe006},
    /* D24.3.12: RESS [63:49] (written value or IMPLEMENTATION DEFINED copy of bit 48; the
     * two agree for all-ones/all-zeros writes), VA[48:2], [1:0] RES0 (D2.9.7.7). */
    {"DBGWVR0_EL1", 0xfffffffffffffffc, 0x0000000000000000, 0x0000000000000000},
    /* D24.3.11: MASK [28:24] WT 20 LBN [19:16] SSC HMC BAS [12:5] LSC [4:3] PAC [2:1] E.
     * other: LBN (UNKNOWN for unlinked/invalid links, D2.9.7.3), SSC HMC PAC (all-zeros is
     * reserved), BAS (all-zeros is reserved: UNKNOWN, D2.9.7.5), LSC (0b00 reserved, K1.2.19).
     * WT2, SSCE, LBNX RES0. */
    {"DBGWCR0_EL1", 0x000000001f1fffff, 0x0000000000000000, 0x00000000000ffffe},
    /* As DBGBVR0_EL1. */
    {"DBGBVR1_EL1", 0xffffffffffffffff, 0x0000000000000000, 0xfffe000000000003},
    /* As DBGBCR0_EL1. */
    {"DBGBCR1_EL1", 0x0000000000ffe007, 0x00000000000001e0, 0x0000000000ffe006},
    /* As DBGWVR0_EL1. */
    {"DBGWVR1_EL1", 0xfffffffffffffffc, 0x0000000000000000, 0x0000000000000000},
    /* As DBGWCR0_EL1. */
    {"DBGWCR1_EL1", 0x000000001f1fffff, 0x0000000000000000, 0x00000000000ffffe},
    /* D24.3.5: CLAIM[7:0] are RAO/W1S (writing 1 sets the tag seen in DBGCLAIMCLR_EL1);
     * [31:8] RAZ/WI. */
    {"DBGCLAIMSET_EL1", 0x0000000000000000, 0x00000000000000ff, 0x0000000000000000},
    /* D24.3.4: CLAIM[7:0] read the tags and are W1C, so not checkable by write/read-back;
     * [31:8] RAZ/WI. Reset (Cold): tags 0. */
    {"DBGCLAIMCLR_EL1", 0x0000000000000000, 0x0000000000000000, 0x00000000000000ff},
    /* D24.10.15: EVNTIS (FEAT_ECV) EL0PTEN EL0VTEN EVNTI EVNTDIR EVNTEN EL0VCTEN EL0PCTEN;
     * EL1NVVCT..EL1PCTEN [16:10] need FEAT_NV2p1, CNTxMASK need RME: RES0. */
    {"CNTKCTL_EL1", 0x00000000000203ff, 0x0000000000000000, 0x0000000000000000},
    /* D24.10.2 with FEAT_ECV and FEAT_ECV_POFF. E2H=0: EVNTIS EL1NVVCT EL1NVPCT EL1TVCT EL1TVT
     * ECV [17:12], EVNTI EVNTDIR EVNTEN EL1PCEN EL1PCTEN [7:0], [11:8] RES0. E2H=1 adds
     * EL1PTEN EL1PCTEN EL0PTEN EL0VTEN in [11:8] (and renames [1:0]), so [11:8] are stored in
     * both contexts (Glossary). CNTPMASK/CNTVMASK (RME) RES0. */
    {"CNTHCTL_EL2", 0x000000000003ffff, 0x0000000000000000, 0x0000000000000000},
    /* Same storage as CNTHCTL_EL2. */
    {"CNTHCTL_EL2_VHE", 0x000000000003ffff, 0x0000000000000000, 0x0000000000000000},
    /* D24.10.16: IMASK ENABLE; other: ISTATUS (RO, UNKNOWN while ENABLE = 0). */
    {"CNTP_CTL_EL0", 0x0000000000000003, 0x0000000000000000, 0x0000000000000004},
    /* D24.10.25: IMASK ENABLE; other: ISTATUS (RO, UNKNOWN while ENABLE = 0). */
    {"CNTV_CTL_EL0", 0x0000000000000003, 0x0000000000000000, 0x0000000000000004},
    /* D24.10.3: IMASK ENABLE; other: ISTATUS (RO, UNKNOWN while ENABLE = 0). */
    {"CNTHP_CTL_EL2", 0x0000000000000003, 0x0000000000000000, 0x0000000000000004},
    /* D24.10.9: IMASK ENABLE; other: ISTATUS (RO, UNKNOWN while ENABLE = 0). */
    {"CNTHV_CTL_EL2", 0x0000000000000003, 0x0000000000000000, 0x0000000000000004},
    /* D24.10.1: ClockFreq; writable at the highest EL, here EL2. */
    {"CNTFRQ_EL0", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* GIC CPU interface, single Security state, no EL3, 5 priority bits (sources: file header;
     * layouts from the TRMs, conditions from DDI 0595/0601 where readable).
     * ICC_PMR_EL1: Priority [7:3]; with 5 priority bits [2:0] are RAZ/WI. */
    {"ICC_PMR_EL1", 0x00000000000000f8, 0x0000000000000000, 0x0000000000000000},
    /* BinaryPoint; writes below the minimum (2 with 5 priority bits) set the minimum, so an
     * all-zeros write reads 0b010: other = bit 1. */
    {"ICC_BPR0_EL1", 0x0000000000000007, 0x0000000000000000, 0x0000000000000002},
    /* BinaryPoint, minimum 3 (all-zeros reads 0b011). While ICC_CTLR_EL1.CBPR = 1 reads
     * return BPR0 + 1 and writes are ignored: check with CBPR = 0. */
    {"ICC_BPR1_EL1", 0x0000000000000007, 0x0000000000000000, 0x0000000000000003},
    /* No EL3: EOImode 1, CBPR 0 RW. other: ExtRange RSS A3V SEIS IDbits PRIbits (RO) and
     * PMHE (RW without EL3 if priority-mask hints are supported, else RAZ/WI: IMP DEF). */
    {"ICC_CTLR_EL1", 0x0000000000000043, 0x0000000000000000, 0x00000000000cff40},
    /* Enable. */
    {"ICC_IGRPEN0_EL1", 0x0000000000000001, 0x0000000000000000, 0x0000000000000000},
    /* Enable (RW: no EL3, single Security state). */
    {"ICC_IGRPEN1_EL1", 0x0000000000000001, 0x0000000000000000, 0x0000000000000000},
    /* 5 priority bits: 32 active-priority bits in [31:0], AP0R1..3 not implemented. Writing
     * anything but a saved value or 0 makes prioritization UNPREDICTABLE, not the read-back. */
    {"ICC_AP0R0_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* As ICC_AP0R0_EL1; NMI bit 63 (GICv3.3 NMI) RES0. */
    {"ICC_AP1R0_EL1", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* EOIcount TDIR (ICH_VTR_EL2.TDS = 1) TALL1 TALL0 TC VGrp1DIE VGrp1EIE VGrp0DIE VGrp0EIE
     * NPIE LRENPIE UIE En. RES0: DVIM (VTR.DVIM=0), TSEI (VTR.SEIS=0), vSGIEOICount (GICv4.1). */
    {"ICH_HCR_EL2", 0x00000000f8005cff, 0x0000000000000000, 0x0000000000000000},
    /* VPMR [31:27] ([26:24] RAZ/WI, 5 priority bits) VBPR0 VBPR1 VEOIM VCBPR VENG1 VENG0.
     * res1: VFIQEn and RES0 VAckCtl (no legacy GICv2 interface; GIC knowledge, not checked in
     * text). other: VBPR0 bit 22 and VBPR1 [19:18]: all-zeros reads back the minimums 2 and 3. */
    {"ICH_VMCR_EL2", 0x00000000f8fc0213, 0x0000000000000008, 0x00000000004c0000},
    /* State [63:62] HW 61 Group 60 Priority [55:51] (5 bits, [50:48] RES0) pINTID [44:32]
     * (HW = 1; with HW = 0 bit 41 is EOI and the rest RES0: stored) vINTID. NMI 59 (no
     * GICv3.3 NMI) RES0. vINTID width follows ICH_VTR_EL2.IDbits: 0x90b80003 says 24 bits
     * (IDbits = 0b001) but the brief says 16, so [23:16] are in other. */
    {"ICH_LR0_EL2", 0xf0f81fff00ffffff, 0x0000000000000000, 0x0000000000ff0000},
    /* As ICH_LR0_EL2. */
    {"ICH_LR1_EL2", 0xf0f81fff00ffffff, 0x0000000000000000, 0x0000000000ff0000},
    /* As ICH_LR0_EL2. */
    {"ICH_LR2_EL2", 0xf0f81fff00ffffff, 0x0000000000000000, 0x0000000000ff0000},
    /* As ICH_LR0_EL2. */
    {"ICH_LR3_EL2", 0xf0f81fff00ffffff, 0x0000000000000000, 0x0000000000ff0000},
    /* 5 virtual priority/preemption bits: [31:0] (as ICC_AP0R0_EL1). */
    {"ICH_AP0R0_EL2", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
    /* As ICH_AP0R0_EL2; NMI bit 63 RES0. */
    {"ICH_AP1R0_EL2", 0x00000000ffffffff, 0x0000000000000000, 0x0000000000000000},
};

#endif
