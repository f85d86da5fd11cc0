/* Leaving the program, PSCI and semihosting calls, secondary CPUs. */
#ifndef GUEST_PLATFORM_H
#define GUEST_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

/* PSCI function IDs (Arm DEN 0022) and return codes. */
#define PSCI_VERSION       0x84000000u
#define PSCI_CPU_OFF       0x84000002u
#define PSCI_CPU_ON        0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF    0x84000008u
#define PSCI_SYSTEM_RESET  0x84000009u
#define PSCI_FEATURES      0x8400000au
#define PSCI_SUCCESS       0
#define PSCI_NOT_SUPPORTED (-1)

/* Semihosting operations (Arm semihosting specification). */
#define SEMIHOST_SYS_EXIT_EXTENDED   0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/*
 * Ends the program: semihosting SYS_EXIT_EXTENDED with the status; without
 * semihosting (HLT is UNDEFINED), PSCI SYSTEM_OFF, after printing a line with
 * the status when it is not 0 (PSCI cannot pass it on).
 */
__attribute__((noreturn)) void exit(int status);

/* PSCI SYSTEM_OFF. Never returns (stops the CPU if the call fails). */
__attribute__((noreturn)) void psci_system_off(void);

/*
 * A PSCI (SMCCC) call through the conduit for this EL: SMC at EL2, HVC at
 * EL1 (the conduits QEMU's virt board provides). Returns x0.
 */
int64_t psci_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3);

/* Raw calls: SMC #0 / HVC #0 with x0-x3, returning x0. */
uint64_t smc_call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3);
uint64_t hvc_call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3);

/*
 * A semihosting call. Returns the result, or -1 when semihosting is not
 * enabled (the HLT was UNDEFINED); semihosting_missing() then returns true.
 */
uint64_t semihost_call(uint64_t op, uint64_t param);
bool semihosting_missing(void);

/*
 * The start-up's per-CPU set-up (FP/SIMD without traps, the exception vectors),
 * run on each CPU before its C code: start.c's, or hyp/guest/rt/rt.c's.
 */
void cpu_setup(void);

/*
 * Starts CPU cpu (1-7; MPIDR Aff0 = cpu) with PSCI CPU_ON at the EL this CPU
 * runs at, with its own 16 KiB stack, the vectors and FP/SIMD enabled; it
 * calls fn(arg), then PSCI CPU_OFF. Returns the PSCI status.
 */
int64_t cpu_start(unsigned cpu, void (*fn)(uint64_t arg), uint64_t arg);

#endif
