/*
 * EL2 controls as the rest of the CPU sees them: HCR_EL2 bits and the
 * effective-value helpers of the Arm ARM pseudocode (EL2Enabled, ELIsInHost).
 */
#ifndef AVSIM_EL2_H
#define AVSIM_EL2_H

#include "cpu/cpu.h"
#include "machine/machine.h"

/* HCR_EL2 (Arm ARM D24.2.48). */
#define HCR_VM     (1ull << 0)
#define HCR_SWIO   (1ull << 1)
#define HCR_PTW    (1ull << 2)
#define HCR_FMO    (1ull << 3)
#define HCR_IMO    (1ull << 4)
#define HCR_AMO    (1ull << 5)
#define HCR_VF     (1ull << 6)
#define HCR_VI     (1ull << 7)
#define HCR_VSE    (1ull << 8)
#define HCR_FB     (1ull << 9)
#define HCR_BSU    (3ull << 10)
#define HCR_DC     (1ull << 12)
#define HCR_TWI    (1ull << 13)
#define HCR_TWE    (1ull << 14)
#define HCR_TID0   (1ull << 15)
#define HCR_TID1   (1ull << 16)
#define HCR_TID2   (1ull << 17)
#define HCR_TID3   (1ull << 18)
#define HCR_TSC    (1ull << 19)
#define HCR_TIDCP  (1ull << 20)
#define HCR_TACR   (1ull << 21)
#define HCR_TSW    (1ull << 22)
#define HCR_TPCP   (1ull << 23)
#define HCR_TPU    (1ull << 24)
#define HCR_TTLB   (1ull << 25)
#define HCR_TVM    (1ull << 26)
#define HCR_TGE    (1ull << 27)
#define HCR_TDZ    (1ull << 28)
#define HCR_HCD    (1ull << 29)
#define HCR_TRVM   (1ull << 30)
#define HCR_RW     (1ull << 31)
#define HCR_CD     (1ull << 32)
#define HCR_ID     (1ull << 33)
#define HCR_E2H    (1ull << 34)
#define HCR_TLOR   (1ull << 35)
#define HCR_TERR   (1ull << 36)
#define HCR_TEA    (1ull << 37)
#define HCR_APK    (1ull << 40)
#define HCR_API    (1ull << 41)
#define HCR_NV     (1ull << 42)
#define HCR_NV1    (1ull << 43)
#define HCR_AT     (1ull << 44)
#define HCR_NV2    (1ull << 45)
#define HCR_FWB    (1ull << 46)
#define HCR_TID4   (1ull << 49)
#define HCR_TICAB  (1ull << 50)
#define HCR_TOCU   (1ull << 52)
#define HCR_TTLBIS (1ull << 54)
#define HCR_TTLBOS (1ull << 55)
#define HCR_TID5   (1ull << 58)

static inline bool el2_enabled(const cpu_t *cpu)
{
    return cpu->machine->virtualization;
}

/* HCR_EL2 as it acts on the PE: all zero when EL2 is not implemented. */
static inline uint64_t hcr_el2(const cpu_t *cpu)
{
    return el2_enabled(cpu) ? cpu->sr[SR_HCR_EL2] : 0;
}

/* ELIsInHost(el): the EL2&0 regime of FEAT_VHE is in use for el. */
static inline bool el_is_in_host(const cpu_t *cpu, unsigned el)
{
    uint64_t hcr = hcr_el2(cpu);
    if (!(hcr & HCR_E2H)) return false;
    return el == 2 || (el == 0 && (hcr & HCR_TGE));
}

/*
 * EffectiveHCR_EL2_NVx() as it acts on EL1 (Arm ARM D24.2.48, HCR_EL2.NV): NV1 and NV2 count
 * only with NV set (NV1 without NV is CONSTRAINED UNPREDICTABLE: avsim ignores it, as QEMU), and
 * none applies while TGE routes EL1's exceptions to EL2. Bits: NV_EFF, NV1_EFF, NV2_EFF.
 */
enum { NV_EFF = 1, NV1_EFF = 2, NV2_EFF = 4 };
static inline unsigned hcr_nvx(const cpu_t *cpu)
{
    uint64_t hcr = hcr_el2(cpu);
    if ((hcr & (HCR_NV | HCR_TGE)) != HCR_NV) return 0;
    return NV_EFF | ((hcr & HCR_NV1) ? NV1_EFF : 0) | ((hcr & HCR_NV2) ? NV2_EFF : 0);
}

/* The SCTLR that holds EL0's controls (UCT, UCI, DZE, UMA, nTWI, nTWE, SA0): SCTLR_EL2 in the host.
 */
static inline uint64_t sctlr_for_el0(const cpu_t *cpu)
{
    return el_is_in_host(cpu, 0) ? cpu->sr[SR_SCTLR_EL2] : cpu->sr[SR_SCTLR_EL1];
}

#endif
