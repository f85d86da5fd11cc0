/*
 * vCPU reset, exit dispatch and exception injection.
 *
 * hyp_exit() is called by entry.S for every exception the guest takes to EL2, with the guest's
 * registers in vcpu->ctx. Synchronous exits are decoded by ESR_EL2.EC (Arm ARM D24.2.44); IRQs are
 * physical interrupts routed to EL2 by HCR_EL2.IMO. Before returning to the guest the virtual GIC
 * puts pending interrupts into list registers.
 */
#include "hyp.h"

uint64_t vcpu_reg(const struct vcpu *v, unsigned rt)
{
    return rt == 31 ? 0 : v->ctx.x[rt];
}

void vcpu_set_reg(struct vcpu *v, unsigned rt, uint64_t val)
{
    if (rt != 31) v->ctx.x[rt] = val;
}

/* Past the trapped instruction (all A64 instructions are 4 bytes; ESR.IL = 1). */
void vcpu_skip(struct vcpu *v)
{
    v->ctx.pc += 4;
}

/*
 * The architectural reset state of the vCPU's EL1 and EL0 (Arm ARM D1.9: MMU off, registers
 * UNKNOWN where the architecture allows, zero here), entered at EL1h with DAIF masked.
 */
void vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t x0, uint64_t x1)
{
    memset(v->ctx.x, 0, sizeof v->ctx.x);
    v->ctx.x[0] = x0;
    v->ctx.x[1] = x1;
    v->ctx.pc = entry;
    v->ctx.pstate = PSR_DAIF | PSR_MODE_EL1h;
    v->ctx.t_exit = counter();
    v->stop_request = false;
    write_sysreg(SCTLR_EL1_RES1, SCTLR_EL12);
    write_sysreg(0, CPACR_EL12);
    write_sysreg(0, TTBR0_EL12);
    write_sysreg(0, TTBR1_EL12);
    write_sysreg(0, TCR_EL12);
    write_sysreg(0, SPSR_EL12);
    write_sysreg(0, ELR_EL12);
    write_sysreg(0, AFSR0_EL12);
    write_sysreg(0, AFSR1_EL12);
    write_sysreg(0, ESR_EL12);
    write_sysreg(0, FAR_EL12);
    write_sysreg(0, MAIR_EL12);
    write_sysreg(0, AMAIR_EL12);
    write_sysreg(0, VBAR_EL12);
    write_sysreg(0, CONTEXTIDR_EL12);
    write_sysreg(0, CNTKCTL_EL12);
    write_sysreg(0, CNTV_CTL_EL02);
    write_sysreg(0, CNTV_CVAL_EL02);
    write_sysreg(0, CNTP_CTL_EL02);
    write_sysreg(0, sp_el1);
    write_sysreg(0, sp_el0);
    write_sysreg(0, tpidr_el1);
    write_sysreg(0, tpidr_el0);
    write_sysreg(0, tpidrro_el0);
    write_sysreg(0, par_el1);
    write_sysreg(0, mdscr_el1);
    write_sysreg(vm.cntvoff, cntvoff_el2);
    write_sysreg(vm.hcr, hcr_el2);
    s2_activate(1);
    vgic_reset(v);
    if (v->nv) nested_reset(v);
    isb();
}

/*
 * Takes a synchronous exception to the guest's EL1 (Arm ARM D1.3.2): ESR/FAR/ELR/SPSR_EL1, then
 * EL1h with DAIF masked at the vector for the guest's current EL and stack pointer. PSTATE.PAN is
 * set unless SCTLR_EL1.SPAN (FEAT_PAN).
 */
static void inject_sync(struct vcpu *v, uint64_t esr, uint64_t far)
{
    uint64_t psr = v->ctx.pstate, vbar = read_sysreg(VBAR_EL12);
    uint64_t offset = PSR_EL(psr) == 0 ? 0x400 : (psr & 1) ? 0x200 : 0x000;
    uint64_t pan = (read_sysreg(SCTLR_EL12) & SCTLR_SPAN) ? psr & PSR_PAN : PSR_PAN;

    write_sysreg(esr, ESR_EL12);
    write_sysreg(far, FAR_EL12);
    write_sysreg(v->ctx.pc, ELR_EL12);
    write_sysreg(psr, SPSR_EL12);
    v->ctx.pc = vbar + offset;
    v->ctx.pstate = PSR_DAIF | PSR_MODE_EL1h | pan;
}

/* UNDEFINED instruction (EC 0x00) at the trapped instruction. */
void vcpu_inject_undef(struct vcpu *v)
{
    inject_sync(v, ESR_IL, 0);
}

/* A synchronous External abort on a data access (DFSC 0x10), of the guest's EL's class. */
void vcpu_inject_dabt(struct vcpu *v, uint64_t far)
{
    uint64_t ec = PSR_EL(v->ctx.pstate) == 0 ? EC_DABT_LOWER : EC_DABT_CURRENT;
    inject_sync(v, ec << EC_SHIFT | ESR_IL | FSC_EXTABT, far);
}

/* The vCPU leaves this physical CPU for good: quiet its timer, then PSCI CPU_OFF. */
void vcpu_power_off_here(struct vcpu *v)
{
    write_sysreg(0, CNTV_CTL_EL02);
    write_sysreg(0, cnthp_ctl_el2);
    write_sysreg(0, cnthv_ctl_el2);
    write_sysreg(INTID_VTIMER, ICC_DIR_EL1);
    isb();
    v->stop_request = false;
    __atomic_store_n(&v->power, VCPU_OFF, __ATOMIC_RELEASE);
    bool any_on = false;
    for (unsigned i = 0; i < vm.nr_vcpus; i++)
        any_on |= vm.vcpus[i].power != VCPU_OFF;
    if (!any_on) {
        printf("hyp: every vCPU is off\n");
        hyp_exit_run(1);
    }
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    hyp_panic("PSCI CPU_OFF failed");
}

/* The IPA of a stage-2 fault: HPFAR_EL2.FIPA (D24.2.50) and the page offset from FAR_EL2. */
static uint64_t fault_ipa(void)
{
    return (read_sysreg(hpfar_el2) >> 4 << 12) | (read_sysreg(far_el2) & 0xfff);
}

static void handle_abort(struct vcpu *v, uint64_t esr)
{
    uint32_t iss = esr & ESR_ISS_MASK;
    unsigned fsc = FSC_TYPE(iss);
    uint64_t ipa = fault_ipa();

    if (fsc != FSC_TRANSLATION && fsc != FSC_ACCESS && fsc != FSC_PERMISSION)
        hyp_panic("vCPU %u: abort ESR 0x%lx at IPA 0x%lx, PC 0x%lx", v->id, esr, ipa, v->ctx.pc);
    if (s2_handle_fault(v, ipa, esr) || mmio_handle(v, ipa, esr)) return;
    /* Outside RAM and every device: the guest gets an External abort, as from an empty bus. */
    if (ESR_EC(esr) == EC_DABT_LOWER) {
        vcpu_inject_dabt(v, read_sysreg(far_el2));
    } else {
        uint64_t ec = PSR_EL(v->ctx.pstate) == 0 ? EC_IABT_LOWER : EC_IABT_CURRENT;
        inject_sync(v, ec << EC_SHIFT | ESR_IL | FSC_EXTABT, read_sysreg(far_el2));
    }
}

static void handle_sysreg(struct vcpu *v, uint64_t esr)
{
    uint32_t iss = esr & ESR_ISS_MASK;

    /* ICC_SGI1R_EL1 traps with HCR_EL2.IMO (IHI 0069 12.2.21): the host sends virtual SGIs. */
    if ((iss & SYSREG_KEY_MASK) == SYSREG_KEY(3, 0, 12, 11, 5) && !SYSREG_ISS_READ(iss)) {
        vgic_sgi_trap(v, vcpu_reg(v, SYSREG_ISS_RT(iss)));
        vcpu_skip(v);
        return;
    }
    /* Anything else (e.g. the physical timer, which CNTHCTL_EL2.EL1PTEN = 0 traps): UNDEFINED. */
    vcpu_inject_undef(v);
}

static void handle_sync(struct vcpu *v)
{
    uint64_t esr = read_sysreg(esr_el2);
    unsigned ec = ESR_EC(esr);

    v->exits[ec]++;
    if (v->nv && nested_handle_sync(v, esr)) return;
    switch (ec) {
    case EC_HVC64: /* ELR_EL2 is the next instruction */
        if ((esr & 0xffff) != 0)
            v->ctx.x[0] = (uint64_t)SMCCC_NOT_SUPPORTED; /* SMCCC uses HVC #0 only */
        else
            hyp_call(v, (uint32_t)v->ctx.x[0]);
        break;
    case EC_SMC64: /* trapped by HCR_EL2.TSC: ELR_EL2 is the SMC itself */
        vcpu_skip(v);
        hyp_call(v, (uint32_t)v->ctx.x[0]);
        break;
    case EC_DABT_LOWER:
    case EC_IABT_LOWER: handle_abort(v, esr); break;
    case EC_SYSREG: handle_sysreg(v, esr); break;
    default: hyp_panic("vCPU %u: unexpected exit ESR 0x%lx at PC 0x%lx", v->id, esr, v->ctx.pc);
    }
}

static void handle_irq(struct vcpu *v)
{
    v->irq_exits++;
    for (;;) {
        unsigned intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;
        if (intid >= INTID_SPURIOUS) break;
        /* EOImode = 1: this is the priority drop; deactivation is separate (ICC_DIR_EL1). */
        write_sysreg(intid, ICC_EOIR1_EL1);
        if (v->nv && nested_handle_irq(v, intid)) continue;
        switch (intid) {
        case INTID_VTIMER: vgic_timer_fired(v); break; /* stays active until the guest's EOI */
        case INTID_HPTIMER: hyp_watchdog();
        default: write_sysreg(intid, ICC_DIR_EL1); break; /* kick SGI, maintenance */
        }
    }
    isb();
}

void hyp_exit(unsigned kind);
void hyp_exit(unsigned kind)
{
    struct vcpu *v = this_vcpu();

    switch (kind) {
    case 0: handle_sync(v); break;
    case 1: handle_irq(v); break;
    default:
        hyp_panic("vCPU %u: %s from the guest, ESR 0x%lx", v->id, kind == 2 ? "FIQ" : "SError",
                  read_sysreg(esr_el2));
    }
    if (v->stop_request) vcpu_power_off_here(v);
    if (v->nv) nested_before_entry(v);
    /* (While a guest hypervisor's guest runs, the list registers are the guest hypervisor's.) */
    if (!v->nv || !nested_in_l2(v)) vgic_flush(v);
}
