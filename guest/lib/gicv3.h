/*
 * GICv3 on QEMU's virt board (IHI 0069 chapter 12): the distributor and
 * redistributor frames and the offsets of their registers, the ICC_* CPU
 * interface and ICH_* virtualization system registers. Shared by the guest
 * tests (gic_util.h) and the reference hypervisor and its guests (hyp/).
 */
#ifndef GUEST_GICV3_H
#define GUEST_GICV3_H

#include "sysreg.h"

#define GICD_BASE   0x08000000ul
#define GICR_BASE   0x080A0000ul
#define GICR_STRIDE 0x20000ul
#define GICR_SGI    0x10000ul /* SGI_base frame, after RD_base */

#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IIDR       0x0008
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR      0x0C00
#define GICD_IROUTER    0x6000
#define GICD_PIDR2      0xFFE8

#define GICR_CTLR  0x0000
#define GICR_IIDR  0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xFFE8
/* In the SGI_base frame: */
#define GICR_IGROUPR0   0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0   0x0200
#define GICR_ICPENDR0   0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR0     0x0C00
#define GICR_ICFGR1     0x0C04

#define ICC_PMR_EL1     SYS_REG(3, 0, 4, 6, 0)
#define ICC_IAR0_EL1    SYS_REG(3, 0, 12, 8, 0)
#define ICC_EOIR0_EL1   SYS_REG(3, 0, 12, 8, 1)
#define ICC_HPPIR0_EL1  SYS_REG(3, 0, 12, 8, 2)
#define ICC_BPR0_EL1    SYS_REG(3, 0, 12, 8, 3)
#define ICC_AP0R0_EL1   SYS_REG(3, 0, 12, 8, 4)
#define ICC_AP1R0_EL1   SYS_REG(3, 0, 12, 9, 0)
#define ICC_DIR_EL1     SYS_REG(3, 0, 12, 11, 1)
#define ICC_RPR_EL1     SYS_REG(3, 0, 12, 11, 3)
#define ICC_SGI1R_EL1   SYS_REG(3, 0, 12, 11, 5)
#define ICC_SGI0R_EL1   SYS_REG(3, 0, 12, 11, 7)
#define ICC_IAR1_EL1    SYS_REG(3, 0, 12, 12, 0)
#define ICC_EOIR1_EL1   SYS_REG(3, 0, 12, 12, 1)
#define ICC_HPPIR1_EL1  SYS_REG(3, 0, 12, 12, 2)
#define ICC_BPR1_EL1    SYS_REG(3, 0, 12, 12, 3)
#define ICC_CTLR_EL1    SYS_REG(3, 0, 12, 12, 4)
#define ICC_SRE_EL1     SYS_REG(3, 0, 12, 12, 5)
#define ICC_IGRPEN0_EL1 SYS_REG(3, 0, 12, 12, 6)
#define ICC_IGRPEN1_EL1 SYS_REG(3, 0, 12, 12, 7)
#define ICC_SRE_EL2     SYS_REG(3, 4, 12, 9, 5)

#define ICH_AP0R0_EL2 SYS_REG(3, 4, 12, 8, 0)
#define ICH_AP1R0_EL2 SYS_REG(3, 4, 12, 9, 0)
#define ICH_HCR_EL2   SYS_REG(3, 4, 12, 11, 0)
#define ICH_VTR_EL2   SYS_REG(3, 4, 12, 11, 1)
#define ICH_MISR_EL2  SYS_REG(3, 4, 12, 11, 2)
#define ICH_EISR_EL2  SYS_REG(3, 4, 12, 11, 3)
#define ICH_ELRSR_EL2 SYS_REG(3, 4, 12, 11, 5)
#define ICH_VMCR_EL2  SYS_REG(3, 4, 12, 11, 7)
#define ICH_LR_EL2(n) SYS_REG(3, 4, 12, 12, n) /* n = 0-7 */
#define ICH_LR0_EL2   ICH_LR_EL2(0)
#define ICH_LR1_EL2   ICH_LR_EL2(1)

#define GIC_SPURIOUS 1023

#endif
