/* Stage 1 translation for guest programs. */
#ifndef GUEST_MMU_H
#define GUEST_MMU_H

/*
 * Turns on the MMU and caches of the current EL (EL1, or EL2 with or without
 * HCR_EL2.E2H) with a flat (VA = PA) map: 4 KiB granule, 39-bit VAs, 1 GiB
 * level 1 blocks. 0-1 GiB (devices) is Device-nGnRnE and execute-never;
 * 1-4 GiB (RAM from 0x40000000) is Normal write-back, inner shareable.
 */
void mmu_enable_identity(void);

#endif
