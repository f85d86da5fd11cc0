/*
 * Every write mask of the system-register table against an independent list
 * (sysreg_arch_masks.h, written from the Arm ARM, not from the table): at EL2,
 * MSR of all ones then MRS must give exactly the writable and RES1 bits, and
 * MSR of zeros then MRS exactly the RES1 bits (avsim hardwires RES0 to 0 and
 * RES1 to 1). Bits the list marks as "other" (status, write-1-to-set,
 * IMPLEMENTATION DEFINED) are not compared. Entries named NAME_VHE are the
 * layout the register has at EL2 with HCR_EL2.E2H = 1.
 */
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/el2.h"
#include "machine/machine.h"
#include "sysreg/sysreg.h"
#include "sysreg_arch_masks.h"
#include "unit.h"

static const sysreg_t *row_named(const char *name, size_t len)
{
    for (unsigned i = 0; i < SR_COUNT; i++)
        if (sysreg_table[i].name && strlen(sysreg_table[i].name) == len &&
            !strncmp(sysreg_table[i].name, name, len))
            return &sysreg_table[i];
    return NULL;
}

static uint64_t access(cpu_t *cpu, const sysreg_t *r, bool read, uint64_t value)
{
    uint32_t key = sysreg_key(r->op0, r->op1, r->crn, r->crm, r->op2);
    cpu->x[0] = value;
    sysreg_access(cpu, r, key, read, 0);
    return cpu->x[0];
}

static void check_register(cpu_t *cpu, const struct arch_mask *m)
{
    const char *vhe = strstr(m->name, "_VHE");
    size_t len = vhe ? (size_t)(vhe - m->name) : strlen(m->name);
    const sysreg_t *r = row_named(m->name, len);
    if (!r) {
        printf("not in the table: %s\n", m->name);
        CHECK(r != NULL);
        return;
    }
    cpu->sr[SR_HCR_EL2] = HCR_RW | (vhe ? HCR_E2H : 0);
    uint64_t original = access(cpu, r, true, 0);
    uint64_t checked = ~m->other;
    access(cpu, r, false, ~0ull);
    uint64_t ones = access(cpu, r, true, 0);
    access(cpu, r, false, 0);
    uint64_t zeros = access(cpu, r, true, 0);
    access(cpu, r, false, original);
    unit_result((ones & checked) == ((m->writable | m->res1) & checked), __FILE__, __LINE__,
                m->name);
    if ((ones & checked) != ((m->writable | m->res1) & checked))
        printf("%s: all ones read back 0x%016llx, expected 0x%016llx\n", m->name,
               (unsigned long long)(ones & checked),
               (unsigned long long)((m->writable | m->res1) & checked));
    unit_result((zeros & checked) == (m->res1 & checked), __FILE__, __LINE__, m->name);
    if ((zeros & checked) != (m->res1 & checked))
        printf("%s: zeros read back 0x%016llx, expected 0x%016llx\n", m->name,
               (unsigned long long)(zeros & checked), (unsigned long long)(m->res1 & checked));
}

int main(void)
{
    char err[256];
    machine_t *m = machine_create(64ull << 20, 1, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    cpu_t *cpu = m->cpus[0];
    cpu_set_pstate(cpu, 0x3C9); /* EL2h, DAIF masked */
    for (unsigned i = 0; i < sizeof arch_masks / sizeof arch_masks[0]; i++)
        check_register(cpu, &arch_masks[i]);
    machine_destroy(m);
    return unit_report();
}
