/*
 * Hypercalls: PSCI 1.1 for the guest (Arm DEN 0022) through HVC #0 or a trapped SMC #0 (SMC
 * Calling Convention, DEN 0028: function ID in w0, arguments in x1-x3, result in x0), and the
 * hypervisor's own calls (hyp.h, HYP_CALL_*).
 *
 * vCPU n runs on physical CPU n: CPU_ON starts that physical CPU with the host's PSCI (SMC to the
 * platform's firmware) and it enters the vCPU; CPU_OFF powers the physical CPU off with it.
 */
#include "hyp.h"

#define PSCI_CPU_SUSPEND_64    0xc4000001u
#define PSCI_CPU_ON_32         0x84000003u
#define PSCI_AFFINITY_INFO_32  0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_CPU_SUSPEND_32    0x84000001u
#define SMCCC_VERSION          0x80000000u
#define PSCI_VERSION_1_1       0x10001
#define PSCI_INVALID_ADDRESS   (-9)
#define MIGRATE_NOT_REQUIRED   2
#define AFFINITY_ON            0
#define AFFINITY_OFF           1
#define AFFINITY_ON_PENDING    2

/* The vCPU an MPIDR names (Aff0 only; other fields must be zero), or NULL. */
static struct vcpu *mpidr_vcpu(uint64_t mpidr)
{
    if (mpidr & ~0xffull || mpidr >= vm.nr_vcpus) return NULL;
    return &vm.vcpus[mpidr];
}

static int64_t cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context_id)
{
    struct vcpu *t = mpidr_vcpu(mpidr);
    int64_t ret = PSCI_SUCCESS;

    if (!t) return PSCI_INVALID_PARAMETERS;
    if (entry & 3) return PSCI_INVALID_ADDRESS;
    hyp_lock(&vm.lock);
    if (t->power == VCPU_ON)
        ret = PSCI_ALREADY_ON;
    else if (t->power == VCPU_ON_PENDING)
        ret = PSCI_ON_PENDING;
    else {
        t->power = VCPU_ON_PENDING;
        t->entry = entry;
        t->entry_x0 = context_id;
        t->entry_x1 = 0;
    }
    hyp_unlock(&vm.lock);
    if (ret == PSCI_SUCCESS) vmm_start_vcpu(t);
    return ret;
}

static int64_t affinity_info(uint64_t mpidr, uint64_t level)
{
    struct vcpu *t = mpidr_vcpu(mpidr);

    if (!t || level != 0) return PSCI_INVALID_PARAMETERS;
    switch (t->power) {
    case VCPU_ON: return AFFINITY_ON;
    case VCPU_ON_PENDING: return AFFINITY_ON_PENDING;
    default: return AFFINITY_OFF;
    }
}

static bool psci_implemented(uint32_t fid)
{
    switch (fid) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES: return true;
    default: return false;
    }
}

void hyp_call(struct vcpu *v, uint32_t fid)
{
    uint64_t *x = v->ctx.x;
    int64_t ret;

    /* SMC32/HVC32 functions take 32-bit arguments (SMCCC 2.6). */
    if (!(fid & 0x40000000u))
        for (unsigned i = 1; i <= 3; i++)
            x[i] = (uint32_t)x[i];
    switch (fid) {
    case SMCCC_VERSION: ret = 0x10001; break;
    case PSCI_VERSION: ret = PSCI_VERSION_1_1; break;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64: ret = PSCI_SUCCESS; break; /* standby: a wake-up at once */
    case PSCI_CPU_OFF: vcpu_power_off_here(v);
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64: ret = cpu_on(x[1], x[2], x[3]); break;
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64: ret = affinity_info(x[1], x[2]); break;
    case PSCI_MIGRATE_INFO_TYPE: ret = MIGRATE_NOT_REQUIRED; break;
    case PSCI_FEATURES:
        ret = psci_implemented((uint32_t)x[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
    case PSCI_SYSTEM_OFF:
        vmm_stop_others(v);
        printf("hyp: the guest powered off\n");
        hyp_exit_run(0);
    case PSCI_SYSTEM_RESET: vmm_reset_vm(v); return; /* registers are reset */
    case HYP_CALL_EXIT: vmm_stop_others(v); hyp_exit_run((int)x[1]);
    case HYP_CALL_ADD: ret = (int64_t)(x[1] + x[2]); break;
    case HYP_CALL_INJECT:
        if (x[1] >= 32) {
            ret = PSCI_INVALID_PARAMETERS;
            break;
        }
        vgic_set_pending(v, (unsigned)x[1]);
        ret = 0;
        break;
    case HYP_CALL_BOOTS: ret = vm.boots; break;
    case HYP_CALL_RAM_SIZE: ret = (int64_t)vm.ram_size; break;
    default: ret = SMCCC_NOT_SUPPORTED; break;
    }
    x[0] = (uint64_t)ret;
}
