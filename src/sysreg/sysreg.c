#include "sysreg/sysreg.h"

#include "cpu/exception.h"
#include "cpu/impdef.h"
#include "machine/machine.h"
#include "sysreg/sysreg_ops.h"
#include "trace/log.h"

const sysreg_t sysreg_table[SR_COUNT] = {
#define SR(nm, o0, o1, n, m, o2, acc, ...)                                                          \
    [SR_##nm] = {.name = #nm,                                                                      \
                 .op0 = o0,                                                                        \
                 .op1 = o1,                                                                        \
                 .crn = n,                                                                         \
                 .crm = m,                                                                         \
                 .op2 = o2,                                                                        \
                 .access = acc,                                                                    \
                 .id = SR_##nm,                                                                    \
                 __VA_ARGS__},
#include "sysreg/sysreg_table.def"
#undef SR
};

/* key -> row index + 1 (0: not implemented). Built on first use. */
static uint16_t sysreg_index[1u << 16];
static bool sysreg_index_built;

static void build_index(void)
{
    for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++) {
        const sysreg_t *r = &sysreg_table[i];
        sysreg_index[sysreg_key(r->op0, r->op1, r->crn, r->crm, r->op2)] = (uint16_t)(i + 1);
    }
    sysreg_index_built = true;
}

const sysreg_t *sysreg_lookup(uint32_t key)
{
    if (!sysreg_index_built) build_index();
    unsigned i = sysreg_index[key & 0xFFFF];
    return i ? &sysreg_table[i - 1] : NULL;
}

void sysreg_reset(cpu_t *cpu)
{
    for (unsigned i = SR_NONE + 1; i < SR_COUNT; i++) cpu->sr[i] = sysreg_table[i].reset;
}

/* ISS of EC 0x18 (Arm ARM D24.2.40: ISS encoding for an exception from MSR, MRS, or System instruction). */
static uint32_t sysreg_iss(uint32_t key, bool read, unsigned rt)
{
    unsigned op0 = (key >> 14) & 3, op1 = (key >> 11) & 7, crn = (key >> 7) & 15,
             crm = (key >> 3) & 15, op2 = key & 7;
    return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) |
           (read ? 1 : 0);
}

static bool static_access_ok(const cpu_t *cpu, const sysreg_t *r, bool read)
{
    unsigned bitpos = cpu->el * 2 + (read ? 0 : 1);
    return (r->access >> bitpos) & 1;
}

void sysreg_access(cpu_t *cpu, const sysreg_t *r, uint32_t key, bool read, unsigned rt)
{
    /* 1. UNDEFINED: not implemented, EL2 register without EL2, too low an EL, wrong direction. */
    if (!r || (!(r->access & (EL1_R | EL1_W | ACC_R0 | ACC_W0)) && !cpu->machine->virtualization) ||
        !static_access_ok(cpu, r, read)) {
        LOG(LOG_SYSREG | LOG_UNIMP, "cpu%u: %s %s at EL%u: UNDEFINED\n", cpu->index,
            read ? "MRS" : "MSR", r ? r->name : "(unimplemented)", cpu->el);
        exc_undefined(cpu);
        return;
    }
    /* 2. Traps and dynamic checks, in priority order. */
    if (r->accessfn) {
        sr_access_t a = r->accessfn(cpu, r, read);
        if (a == SR_UNDEF) {
            exc_undefined(cpu);
            return;
        }
        if (a == SR_TRAP_EL1 || a == SR_TRAP_EL2) {
            exc_take_sync(cpu, a == SR_TRAP_EL1 ? 1 : 2, esr_make(EC_SYSREG, true, sysreg_iss(key, read, rt)),
                          0, false, cpu->pc);
            return;
        }
    }
    /* 3. The access. */
    if (read) {
        uint64_t v = r->read ? r->read(cpu, r) : cpu->sr[r->id];
        cpu->x[rt == 31 ? REG_SINK : rt] = v;
        LOG(LOG_SYSREG, "cpu%u: MRS %s -> 0x%llx\n", cpu->index, r->name, (unsigned long long)v);
    } else {
        uint64_t v = cpu->x[rt == 31 ? REG_ZR : rt];
        LOG(LOG_SYSREG, "cpu%u: MSR %s <- 0x%llx\n", cpu->index, r->name, (unsigned long long)v);
        if (r->write)
            r->write(cpu, r, v);
        else
            cpu->sr[r->id] = v;
    }
}

void sysreg_changed_translation(cpu_t *cpu)
{
    tlb_flush(&cpu->tlb);
    cpu_break_loop(cpu); /* the run loop's cached fetch page may be stale */
}
