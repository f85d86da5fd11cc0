/* The record exchanged between fpu-check and its QEMU harness (both little-endian). */
#ifndef FPC_STATE_H
#define FPC_STATE_H

#include <stdint.h>

#define FPC_BATCH 4096
#define FPC_MEM   512

struct fpc_state {
    uint32_t insn, fpcr, fpsr, nzcv; /* offset 0 */
    uint64_t x[4];                   /* offset 16 */
    uint8_t v[4][16];                /* offset 48 */
    uint32_t undef;                  /* offset 112: 1 undefined, 2 data abort (avsim only) */
    uint32_t reloc;                  /* offset 116: 1 when X1 is an offset into mem */
    uint8_t mem[FPC_MEM];            /* offset 120: memory the loads and stores access */
};

_Static_assert(sizeof(struct fpc_state) == 120 + FPC_MEM, "record layout");

#endif
