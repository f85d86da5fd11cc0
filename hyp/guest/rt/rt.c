/*
 * Start-up, exit and PSCI conduit of guests under the hypervisor (rt.h); guest/lib's boot.S
 * enters lib_start, and its psci.c does SYSTEM_OFF and secondary CPUs with these.
 */
#include "rt.h"

#define CPACR_FPEN_ALL (3ull << 20)

int main(void);
void lib_start(uint64_t boots, uint64_t arg);
bool semihosting_probe_fault(struct exc_frame *frame);

extern char vectors_el1[];
uint64_t rt_boots, rt_arg;

void cpu_setup(void)
{
    write_sysreg(CPACR_FPEN_ALL, cpacr_el1);
    write_sysreg(vectors_el1, vbar_el1);
    isb();
}

/* x0 = how many times the VM was reset before this boot, x1 = the hypervisor's arg= value. */
void lib_start(uint64_t boots, uint64_t arg)
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

/* HVC whatever EL the guest believes it runs at (a guest hypervisor's CurrentEL reads 2). */
int64_t psci_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return (int64_t)hvc_call(fid, a1, a2, a3);
}

void exit(int status)
{
    hvc_call(HYP_CALL_EXIT, (uint64_t)(int64_t)status, 0, 0);
    printf("HYP_CALL_EXIT failed, stopping\n");
    for (;;)
        wfi();
}
