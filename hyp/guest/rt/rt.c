/* Start-up, exit, PSCI and secondary CPUs of guests under the hypervisor (rt.h). */
#include "rt.h"

#define MAX_CPUS       8
#define CPACR_FPEN_ALL (3ull << 20)

int main(void);
void rt_start(uint64_t boots, uint64_t arg);
void rt_secondary_start(uint64_t cpu);
bool semihosting_probe_fault(struct exc_frame *frame);

extern char vectors_el1[];
uint64_t rt_boots, rt_arg;

static void cpu_setup(void)
{
    write_sysreg(CPACR_FPEN_ALL, cpacr_el1);
    write_sysreg(vectors_el1, vbar_el1);
    isb();
}

void rt_start(uint64_t boots, uint64_t arg)
{
    rt_boots = boots;
    rt_arg = arg;
    cpu_setup();
    exit(main());
}

/* guest/lib's exception dispatcher asks this first; a guest never uses semihosting. */
bool semihosting_probe_fault(struct exc_frame *frame)
{
    (void)frame;
    return false;
}

int64_t psci_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return (int64_t)hvc_call(fid, a1, a2, a3);
}

void psci_system_off(void)
{
    int64_t ret = psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    printf("PSCI SYSTEM_OFF failed (%ld), stopping\n", (long)ret);
    for (;;)
        wfi();
}

void exit(int status)
{
    hvc_call(HYP_CALL_EXIT, (uint64_t)(int64_t)status, 0, 0);
    printf("HYP_CALL_EXIT failed, stopping\n");
    for (;;)
        wfi();
}

static struct {
    void (*fn)(uint64_t arg);
    uint64_t arg;
} secondary_work[MAX_CPUS];

void rt_secondary_start(uint64_t cpu)
{
    cpu_setup();
    secondary_work[cpu].fn(secondary_work[cpu].arg);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    for (;;)
        wfi();
}

int64_t cpu_start(unsigned cpu, void (*fn)(uint64_t arg), uint64_t arg)
{
    extern char rt_secondary_entry[];

    if (cpu == 0 || cpu >= MAX_CPUS) return -2; /* PSCI INVALID_PARAMETERS */
    secondary_work[cpu].fn = fn;
    secondary_work[cpu].arg = arg;
    dsb(sy);
    return psci_call(PSCI_CPU_ON, cpu, (uint64_t)(uintptr_t)rt_secondary_entry, cpu);
}
