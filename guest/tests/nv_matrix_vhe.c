/*
 * nv_matrix with the host hypervisor running with HCR_EL2.E2H = 1 (VHE host) while the guest
 * hypervisor runs: the VNCR page is then reached through the EL2&0 regime (EL2 MMU off here), and
 * the host uses CNTHCTL_EL2's E2H = 1 layout. What the guest hypervisor sees at EL1 must not depend
 * on the host's E2H otherwise. See nv_matrix.h.
 *
 * guest-test-cflags: -mgeneral-regs-only
 */
#define NV_HOST_E2H 1
#include "nv_matrix.h"
