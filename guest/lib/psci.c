/*
 * PSCI SYSTEM_OFF and secondary CPUs, on top of the start-up's psci_call and
 * cpu_setup: guest/lib's (platform.c, start.c) or, for the guests of the
 * reference hypervisor, hyp/guest/rt/rt.c's.
 */
#include "libc.h"
#include "platform.h"
#include "sysreg.h"

#define MAX_CPUS 8

void lib_secondary_start(uint64_t cpu);

void psci_system_off(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    printf("PSCI SYSTEM_OFF failed (%ld), stopping\n", (long)ret);
    for (;;)
        wfi();
}

static struct {
    void (*fn)(uint64_t arg);
    uint64_t arg;
} secondary_work[MAX_CPUS];

void lib_secondary_start(uint64_t cpu)
{
    cpu_setup();
    secondary_work[cpu].fn(secondary_work[cpu].arg);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    for (;;)
        wfi();
}

int64_t cpu_start(unsigned cpu, void (*fn)(uint64_t arg), uint64_t arg)
{
    extern char secondary_entry[];

    if (cpu == 0 || cpu >= MAX_CPUS) return -2; /* PSCI INVALID_PARAMETERS */
    secondary_work[cpu].fn = fn;
    secondary_work[cpu].arg = arg;
    dsb(sy);
    return psci_call(PSCI_CPU_ON, cpu, (uint64_t)(uintptr_t)secondary_entry, cpu);
}
