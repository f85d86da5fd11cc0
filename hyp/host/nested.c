/* Nested virtualization: placeholder until the guest hypervisor support lands. */
#include "hyp.h"

void nested_init(struct vcpu *v)
{
    (void)v;
    hyp_panic("guest hypervisors are not supported yet");
}

void nested_reset(struct vcpu *v)
{
    (void)v;
}

bool nested_handle_sync(struct vcpu *v, uint64_t esr)
{
    (void)v;
    (void)esr;
    return false;
}

bool nested_handle_irq(struct vcpu *v, unsigned intid)
{
    (void)v;
    (void)intid;
    return false;
}

void nested_before_entry(struct vcpu *v)
{
    (void)v;
}

void nested_print_stats(void) {}
