/* PSCI (Arm DEN 0022) as firmware: function IDs and return codes from the spec. */
#include "devices/psci.h"

#include "cache/cache.h"

#include "machine/machine.h"
#include "machine/threads.h"
#include "sysreg/sysreg.h"
#include "trace/log.h"

enum {
    PSCI_VERSION = 0x84000000,
    PSCI_CPU_SUSPEND = 0x84000001,
    PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003,
    PSCI_AFFINITY_INFO = 0x84000004,
    PSCI_MIGRATE = 0x84000005,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006,
    PSCI_MIGRATE_INFO_UP_CPU = 0x84000007,
    PSCI_SYSTEM_OFF = 0x84000008,
    PSCI_SYSTEM_RESET = 0x84000009,
    PSCI_FEATURES = 0x8400000A,
    PSCI_SMC64 = 0x40000000, /* added to the SMC32 ID for the SMC64 form */
};

enum {
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMETERS = -2,
    PSCI_ALREADY_ON = -4,
};

psci_conduit_t psci_conduit(const machine_t *m)
{
    return m->virtualization ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;
}

/*
 * The affinity fields of an MPIDR (Aff3, Aff2..Aff0). CPU_ON's target_cpu and
 * AFFINITY_INFO's target_affinity hold only these; every other bit must be zero
 * (DEN 0022D 5.1.4, 5.1.5), else the call returns INVALID_PARAMETERS.
 */
#define MPIDR_AFF_MASK 0xFF00FFFFFFull

static uint64_t cpu_affinity(unsigned index)
{
    return ((uint64_t)(index / 16) << 8) | (index % 16);
}

static cpu_t *cpu_by_mpidr(machine_t *m, uint64_t mpidr)
{
    for (unsigned i = 0; i < m->ncpus; i++)
        if (mpidr == cpu_affinity(i)) return m->cpus[i];
    return NULL;
}

/* CPU_ON: the target starts at entry, MMU off, at the boot EL, with x0 = context ID. */
static int64_t cpu_on(cpu_t *cpu, uint64_t mpidr, uint64_t entry, uint64_t context)
{
    machine_t *m = cpu->machine;
    cpu_t *t = cpu_by_mpidr(m, mpidr);
    if (!t) return PSCI_INVALID_PARAMETERS;
    /* An AArch64 entry point must be 4-byte aligned; QEMU answers INVALID_PARAMETERS too. */
    if (entry & 3) return PSCI_INVALID_PARAMETERS;
    if (m->mt) return mt_cpu_on(t, entry, context) ? PSCI_SUCCESS : PSCI_ALREADY_ON;
    if (t->state != PE_OFF) return PSCI_ALREADY_ON;
    cpu_power_on(t, entry, context);
    guest_time_wake(t);
    return PSCI_SUCCESS;
}

/*
 * AFFINITY_INFO: 0 (ON) if any CPU whose affinity fields at and above level
 * match target is on, 1 (OFF) if all of them are off. Affinity fields below
 * the level are ignored; levels above 3, and a target naming no CPU, are
 * invalid (DEN 0022D 5.1.5). QEMU answers ON for every level above 0.
 */
static int64_t affinity_info(machine_t *m, uint64_t target, uint64_t level)
{
    static const uint64_t fields_from[4] = {MPIDR_AFF_MASK, 0xFF00FFFF00ull, 0xFF00FF0000ull,
                                            0xFF00000000ull};
    if ((target & ~MPIDR_AFF_MASK) || level > 3) return PSCI_INVALID_PARAMETERS;
    uint64_t mask = fields_from[level];
    bool found = false;
    for (unsigned i = 0; i < m->ncpus; i++) {
        if ((cpu_affinity(i) & mask) != (target & mask)) continue;
        if (m->mt ? !mt_cpu_is_off(m->cpus[i]) : m->cpus[i]->state != PE_OFF) return 0;
        found = true;
    }
    return found ? 1 : PSCI_INVALID_PARAMETERS;
}

static bool is_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND + PSCI_SMC64:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON:
    case PSCI_CPU_ON + PSCI_SMC64:
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO + PSCI_SMC64:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES: return true;
    default: return false;
    }
}

static void call(cpu_t *cpu)
{
    machine_t *m = cpu->machine;
    uint32_t fn = (uint32_t)cpu->x[0];
    uint64_t a1 = cpu->x[1], a2 = cpu->x[2], a3 = cpu->x[3];
    int64_t ret = PSCI_NOT_SUPPORTED;
    if (!(fn & PSCI_SMC64)) { /* SMC32 functions take 32-bit arguments */
        a1 = (uint32_t)a1;
        a2 = (uint32_t)a2;
        a3 = (uint32_t)a3;
    }
    LOG(LOG_PSCI, "cpu%u: PSCI 0x%08x (0x%llx, 0x%llx, 0x%llx)\n", cpu->index, fn,
        (unsigned long long)a1, (unsigned long long)a2, (unsigned long long)a3);

    switch (fn) {
    case PSCI_VERSION: ret = 0x10001; break; /* PSCI 1.1 */
    case PSCI_CPU_SUSPEND:
    case PSCI_CPU_SUSPEND + PSCI_SMC64:
        /* Only standby states: power_state bits above [16:0] are invalid. */
        if (a1 & ~0x1FFFFull) {
            ret = PSCI_INVALID_PARAMETERS;
            break;
        }
        cpu->x[0] = PSCI_SUCCESS;
        if (!cpu_wfi_wakeup(cpu)) {
            cpu->state = PE_WFI;
            cpu_break_loop(cpu);
        }
        return;
    case PSCI_CPU_OFF:
        cache_cpu_power_down(cpu);
        cpu->state = PE_OFF;
        cpu_break_loop(cpu);
        return;
    case PSCI_CPU_ON:
    case PSCI_CPU_ON + PSCI_SMC64: ret = cpu_on(cpu, a1, a2, a3); break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO + PSCI_SMC64: ret = affinity_info(m, a1, a2); break;
    case PSCI_MIGRATE_INFO_TYPE: ret = 2; break; /* no Trusted OS */
    case PSCI_SYSTEM_OFF: machine_request_stop(m, CPU_STOP_POWER_OFF, 0); return;
    case PSCI_SYSTEM_RESET: machine_request_stop(m, CPU_STOP_RESET, 0); return;
    case PSCI_FEATURES:
        ret = is_implemented((uint32_t)a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
    default: ret = PSCI_NOT_SUPPORTED; break;
    }
    cpu->x[0] = (uint64_t)ret;
}

void psci_call(cpu_t *cpu)
{
    machine_lock(cpu->machine); /* other CPUs' power states */
    call(cpu);
    machine_unlock(cpu->machine);
}
