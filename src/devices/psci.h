/* PSCI 1.1 firmware services, provided by avsim on the conduit the DT announces. */
#ifndef AVSIM_PSCI_H
#define AVSIM_PSCI_H

#include "cpu/cpu.h"

typedef enum { PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC } psci_conduit_t;

/* HVC when booting at EL1, SMC when booting at EL2 (as QEMU virt). */
psci_conduit_t psci_conduit(const machine_t *m);

/* Handles the call in x0..x3 (SMC Calling Convention), result in x0. */
void psci_call(cpu_t *cpu);

#endif
