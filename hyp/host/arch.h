/*
 * Architecture definitions the hypervisor relies on (Arm ARM DDI 0487, register descriptions in
 * chapter D24; GICv3: IHI 0069). Only what the hypervisor uses.
 */
#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#include "gicv3.h"
#include "sysreg.h"

/* HCR_EL2 (D24.2.51). */
#define HCR_VM   (1ull << 0)  /* stage 2 translation for EL1&0 */
#define HCR_SWIO (1ull << 1)  /* set/way invalidate as clean+invalidate */
#define HCR_FMO  (1ull << 3)  /* physical FIQ to EL2, virtual FIQ to EL1 */
#define HCR_IMO  (1ull << 4)  /* physical IRQ to EL2, virtual IRQ to EL1 */
#define HCR_AMO  (1ull << 5)  /* physical SError to EL2 */
#define HCR_FB   (1ull << 9)  /* broadcast EL1 TLB and I-cache maintenance */
#define HCR_BSU  (1ull << 10) /* barriers: Inner Shareable at least */
#define HCR_TWI  (1ull << 13)
#define HCR_TWE  (1ull << 14)
#define HCR_TSC  (1ull << 19) /* SMC traps to EL2 (EC 0x17) */
#define HCR_TACR (1ull << 21) /* ACTLR_EL1 traps */
#define HCR_TVM  (1ull << 26) /* writes to the EL1 virtual-memory controls trap */
#define HCR_TGE  (1ull << 27)
#define HCR_TRVM (1ull << 30) /* reads of the EL1 virtual-memory controls trap */
#define HCR_RW   (1ull << 31) /* EL1 is AArch64 */
#define HCR_E2H  (1ull << 34) /* VHE host */
#define HCR_APK  (1ull << 40)
#define HCR_API  (1ull << 41)
#define HCR_NV   (1ull << 42) /* FEAT_NV: EL2 accesses and ERET from EL1 trap */
#define HCR_NV1  (1ull << 43) /* guest hypervisor without VHE */
#define HCR_NV2  (1ull << 45) /* FEAT_NV2: VNCR page */
#define HCR_FWB  (1ull << 46) /* FEAT_S2FWB: stage 2 can force Write-Back */

/* CPTR_EL2 with E2H = 1 (CPACR_EL1 layout, D24.2.36). */
#define CPTR_FPEN  (3ull << 20)
#define CPTR_TCPAC (1ull << 31) /* CPACR_EL1 accesses from EL1 trap */

/* MDCR_EL2.TDA: debug register accesses (MDSCR_EL1 among them) from EL1 trap. */
#define MDCR_TDA (1ull << 9)

/* CNTHCTL_EL2 with E2H = 1 (D24.10.4; reference nv2-and-timer.md 12.5). */
#define CNTHCTL_EL1PCTEN (1ull << 10)
#define CNTHCTL_EL1PTEN  (1ull << 11)
#define CNTHCTL_EL1TVT   (1ull << 13) /* FEAT_ECV: EL1 virtual timer accesses trap */

/* CNT*_CTL_EL0. */
#define CNT_CTL_ENABLE  1ull
#define CNT_CTL_IMASK   2ull
#define CNT_CTL_ISTATUS 4ull

/* SCTLR_EL1. */
#define SCTLR_M        (1ull << 0)
#define SCTLR_SPAN     (1ull << 23)
#define SCTLR_EL1_RES1 0x30d00800ull /* bits 29, 28, 23, 22, 20, 11: the value at reset */

/* PSTATE / SPSR. */
#define PSR_MODE_EL0t 0x0ull
#define PSR_MODE_EL1t 0x4ull
#define PSR_MODE_EL1h 0x5ull
#define PSR_MODE_EL2t 0x8ull
#define PSR_MODE_EL2h 0x9ull
#define PSR_MODE_MASK 0xfull
#define PSR_DAIF      (0xfull << 6)
#define PSR_PAN       (1ull << 22)
#define PSR_EL(psr)   (((psr) >> 2) & 3)

/* ESR_ELx (D24.2.44). */
#define EC_ERET      0x1a
#define EC_SHIFT     26
#define ESR_ISS_MASK 0x1ffffffull
/* Data abort ISS. */
#define DABT_ISV        (1u << 24)
#define DABT_SAS(iss)   (((iss) >> 22) & 3)
#define DABT_SSE        (1u << 21)
#define DABT_SRT(iss)   (((iss) >> 16) & 31)
#define DABT_SF         (1u << 15)
#define DABT_CM         (1u << 8)
#define DABT_S1PTW      (1u << 7)
#define DABT_WNR        (1u << 6)
#define FSC_TYPE(iss)   ((iss)&0x3c) /* fault status code without the level */
#define FSC_TRANSLATION 0x04
#define FSC_ACCESS      0x08
#define FSC_PERMISSION  0x0c
#define FSC_EXTABT      0x10
/* System register trap ISS (EC 0x18): Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5]
 * CRm[4:1] Direction[0] (1 = read). */
#define SYSREG_ISS_RT(iss)   (((iss) >> 5) & 31)
#define SYSREG_ISS_READ(iss) ((iss)&1)
#define SYSREG_KEY_MASK      0x3ffc1eu /* everything but Rt and Direction */
#define SYSREG_KEY(op0, op1, crn, crm, op2)                                                        \
    ((uint32_t)(op0) << 20 | (uint32_t)(op2) << 17 | (uint32_t)(op1) << 14 |                       \
     (uint32_t)(crn) << 10 | (uint32_t)(crm) << 1)

/* Registers of the EL1 the host reaches with the _EL12/_EL02 encodings (E2H = 1, D24.1.3). */
#define SCTLR_EL12      SYS_REG(3, 5, 1, 0, 0)
#define CPACR_EL12      SYS_REG(3, 5, 1, 0, 2)
#define TTBR0_EL12      SYS_REG(3, 5, 2, 0, 0)
#define TTBR1_EL12      SYS_REG(3, 5, 2, 0, 1)
#define TCR_EL12        SYS_REG(3, 5, 2, 0, 2)
#define SPSR_EL12       SYS_REG(3, 5, 4, 0, 0)
#define ELR_EL12        SYS_REG(3, 5, 4, 0, 1)
#define AFSR0_EL12      SYS_REG(3, 5, 5, 1, 0)
#define AFSR1_EL12      SYS_REG(3, 5, 5, 1, 1)
#define ESR_EL12        SYS_REG(3, 5, 5, 2, 0)
#define FAR_EL12        SYS_REG(3, 5, 6, 0, 0)
#define MAIR_EL12       SYS_REG(3, 5, 10, 2, 0)
#define AMAIR_EL12      SYS_REG(3, 5, 10, 3, 0)
#define VBAR_EL12       SYS_REG(3, 5, 12, 0, 0)
#define CONTEXTIDR_EL12 SYS_REG(3, 5, 13, 0, 1)
#define CNTKCTL_EL12    SYS_REG(3, 5, 14, 1, 0)
#define CNTP_CTL_EL02   SYS_REG(3, 5, 14, 2, 1)
#define CNTV_CTL_EL02   SYS_REG(3, 5, 14, 3, 1)
#define CNTV_CVAL_EL02  SYS_REG(3, 5, 14, 3, 2)
#define CNTP_CVAL_EL02  SYS_REG(3, 5, 14, 2, 2)
#define CNTV_TVAL_EL02  SYS_REG(3, 5, 14, 3, 0)

/* Registers the assembler does not name at -march=armv8.1-a. */
#define VNCR_EL2 SYS_REG(3, 4, 2, 2, 0)

/* GICv3 CPU interface and virtualization register bits (IHI 0069 chapter 12; the registers:
 * gicv3.h). */
#define ICC_CTLR_EOIMODE (1ull << 1)
#define ICC_SRE_SRE      (1ull << 0)
#define ICC_SRE_DFB      (1ull << 1)
#define ICC_SRE_DIB      (1ull << 2)
#define ICC_SRE_ENABLE   (1ull << 3)
#define ICH_HCR_EN       (1ull << 0)
#define ICH_HCR_UIE      (1ull << 1)

/* ICH_LR<n>_EL2 (IHI 0069 12.4.6). */
#define LR_VINTID_MASK   0xffffffffull
#define LR_PINTID(n)     ((uint64_t)(n) << 32)
#define LR_PINTID_OF(lr) (((lr) >> 32) & 0x1fff)
#define LR_PRIO(p)       ((uint64_t)(p) << 48)
#define LR_GROUP1        (1ull << 60)
#define LR_HW            (1ull << 61)
#define LR_EOI           (1ull << 41) /* maintenance interrupt when a software interrupt ends */
#define LR_STATE_SHIFT   62
#define LR_PENDING       (1ull << 62)
#define LR_ACTIVE        (1ull << 63)
#define LR_STATE_MASK    (3ull << 62)

/* Interrupt IDs on the virt board (reference nv2-and-timer.md 12.3). */
#define INTID_MAINT    25 /* GIC maintenance interrupt */
#define INTID_HPTIMER  26 /* EL2 physical timer: the host's watchdog */
#define INTID_VTIMER   27 /* EL1 virtual timer */
#define INTID_HVTIMER  28 /* EL2 virtual timer: the host's emulation of a nested guest's timer */
#define INTID_SPURIOUS 1020

/* PSCI (Arm DEN 0022) return codes beyond platform.h's. */
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED             (-3)
#define PSCI_ALREADY_ON         (-4)
#define PSCI_ON_PENDING         (-5)
#define PSCI_CPU_ON_64          0xc4000003u
#define PSCI_AFFINITY_INFO_64   0xc4000004u

#endif
