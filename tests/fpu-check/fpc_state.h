/* The record exchanged between fpu-check and its QEMU harness (both little-endian). */
#ifndef FPC_STATE_H
#define FPC_STATE_H

#include <stdint.h>

#define FPC_BATCH 4096

struct fpc_state {
    uint32_t insn, fpcr, fpsr, nzcv; /* offset 0 */
    uint64_t x[4];                   /* offset 16 */
    uint8_t v[4][16];                /* offset 48 */
    uint32_t undef, pad;             /* offset 112 */
};

_Static_assert(sizeof(struct fpc_state) == 120, "record layout");

#endif
