/*
 * FEAT_NV / FEAT_NV2 access matrix with the host hypervisor at EL2 with HCR_EL2.E2H = 0: every
 * register of avsim's system-register table and the EL2 system instructions, accessed by a guest
 * hypervisor at EL1 under each {NV2, NV1, NV} configuration (see nv_matrix.h).
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#define NV_HOST_E2H 0
#include "nv_matrix.h"
