/*
 * The VMM: what a host's userspace does for a VM (QEMU with KVM, in the reference
 * kvm-behaviour.md): create it, load the guest image into guest memory, and reset it.
 *
 * The image is copied with ordinary stores through the host's own mapping of guest RAM, which is
 * Normal Write-Back: the new contents may sit dirty in the data caches, not yet at the Point of
 * Coherency, where a guest running with its MMU off (Non-cacheable accesses) would read them.
 * What makes them visible is the re-initialisation policy (vm.policy) together with stage 2:
 *
 *   none   nothing: the rebooted guest may see stale memory (the bug KVM's unmap prevents);
 *   unmap  KVM without FEAT_S2FWB (kvm_arch_vcpu_ioctl_vcpu_init -> stage2_unmap_vm): unmap all
 *          guest RAM, cleaning each removed page to the PoC; each page then faults again on first
 *          touch and is cleaned and invalidated to the PoC before it is mapped (stage2.c);
 *   flush  clean and invalidate every mapped page to the PoC at once (KVM's stage2_flush_vm) and
 *          invalidate the instruction cache, keeping stage 2;
 *   fwb    stage 2 forces Write-Back (HCR_EL2.FWB, set for the VM's whole life), so the guest
 *          never accesses its RAM non-cacheably; only the instruction cache is invalidated (KVM
 *          with FWB). No data-cache maintenance at all;
 *   lazy   unmap like "unmap" but without cleaning at unmap time: only the pages the guest touches
 *          again are cleaned, at their stage-2 fault (not what KVM does; experiment 1 measures it
 *          to show what the unmap-time clean costs). Enough here: a page's dirty lines reach
 *          the PoC before the guest can reach the page, and until then nothing reads it.
 * As in QEMU, the image is reloaded before the vCPUs are re-initialised.
 */
#include "hyp.h"

static const char *const policy_names[] = {"none", "unmap", "flush", "fwb", "lazy"};

static void load_image(void)
{
    uint64_t size = (uint64_t)(vm.image->end - vm.image->start);

    if (GUEST_IMAGE_IPA - GUEST_RAM_IPA + size > vm.ram_size)
        hyp_panic("guest image '%s' (%lu bytes) does not fit in guest RAM", vm.image->name, size);
    memcpy((void *)(uintptr_t)(GUEST_RAM_PA + GUEST_IMAGE_IPA - GUEST_RAM_IPA), vm.image->start,
           size);
}

void vmm_create(void)
{
    for (unsigned i = 0; i < vm.nr_vcpus; i++) {
        struct vcpu *v = &vm.vcpus[i];
        v->id = i;
        v->power = VCPU_OFF;
        if (vm.image->kind != IMAGE_GUEST) nested_init(v);
    }
    /* Every physical CPU a vCPU needs must exist (PSCI AFFINITY_INFO of the platform). */
    for (unsigned i = 1; i < vm.nr_vcpus; i++)
        if (psci_call(PSCI_AFFINITY_INFO_64, i, 0, 0) < 0)
            hyp_panic("cpus=%u needs %u physical CPUs (-smp)", vm.nr_vcpus, vm.nr_vcpus);
    load_image();
}

void vmm_start(void)
{
    struct vcpu *v = &vm.vcpus[0];

    write_sysreg(v, tpidr_el2);
    vcpu_reset(v, GUEST_IMAGE_IPA, vm.boots, vm.arg);
    v->power = VCPU_ON;
    hyp_enter_guest();
}

/* The physical CPU of a vCPU starts here (hyp_secondary_entry), then enters the vCPU. */
void hyp_secondary_main(uint64_t id);
void hyp_secondary_main(uint64_t id)
{
    struct vcpu *v = &vm.vcpus[id];

    hyp_cpu_init();
    write_sysreg(v, tpidr_el2);
    vcpu_reset(v, v->entry, v->entry_x0, v->entry_x1);
    __atomic_store_n(&v->power, VCPU_ON, __ATOMIC_RELEASE);
    hyp_enter_guest();
}

/* Powers on t's physical CPU (t->power is VCPU_ON_PENDING, t->entry* set). */
void vmm_start_vcpu(struct vcpu *t)
{
    int64_t r;

    /* The physical CPU may still be finishing the CPU_OFF of an earlier life of this vCPU. */
    while ((r = psci_call(PSCI_CPU_ON_64, t->id, (uint64_t)(uintptr_t)hyp_secondary_entry,
                          t->id)) == PSCI_ALREADY_ON)
        ;
    if (r != PSCI_SUCCESS) hyp_panic("PSCI CPU_ON of physical CPU %u failed (%ld)", t->id, (long)r);
}

/*
 * Stops every other vCPU: each powers its physical CPU off (vcpu_power_off_here). One vCPU at a
 * time: one that asks while another is already stopping everybody (two resets at once) is
 * stopped itself instead of waiting for a vCPU that waits for it.
 */
void vmm_stop_others(struct vcpu *self)
{
    if (__atomic_exchange_n(&vm.stopping, true, __ATOMIC_ACQUIRE)) vcpu_power_off_here(self);
    for (unsigned i = 0; i < vm.nr_vcpus; i++) {
        struct vcpu *t = &vm.vcpus[i];
        if (t == self) continue;
        /* A vCPU being started is let in first, then stopped like the others. */
        while (__atomic_load_n(&t->power, __ATOMIC_ACQUIRE) == VCPU_ON_PENDING)
            ;
        if (t->power == VCPU_OFF) continue;
        t->stop_request = true;
        gic_kick(t->id);
        while (__atomic_load_n(&t->power, __ATOMIC_ACQUIRE) != VCPU_OFF)
            ;
        /* ... and until the platform has really turned its physical CPU off. */
        while (psci_call(PSCI_AFFINITY_INFO_64, t->id, 0, 0) != 1)
            ;
    }
}

/* PSCI SYSTEM_RESET from vCPU v: reload the image, apply the policy, restart vCPU 0. */
void vmm_reset_vm(struct vcpu *v)
{
    uint64_t t0 = counter();

    vmm_stop_others(v);
    vm.boots++;
    load_image();
    switch (vm.policy) {
    case REINIT_NONE: break;
    case REINIT_UNMAP: s2_unmap_all(true); break;
    case REINIT_FLUSH:
        s2_flush_all();
        icache_inval_all();
        break;
    case REINIT_FWB: icache_inval_all(); break;
    case REINIT_LAZY: s2_unmap_all(false); break;
    }
    s2_tlbi_all(); /* the rebooted guest's stage 1 starts afresh, whatever the policy */
    vm.st.reset_ticks += counter() - t0;
    __atomic_store_n(&vm.stopping, false, __ATOMIC_RELEASE);
    struct vcpu *boot = &vm.vcpus[0];
    if (v == boot) {
        uint64_t t_exit = v->ctx.t_exit;
        vcpu_reset(v, GUEST_IMAGE_IPA, vm.boots, vm.arg);
        v->ctx.t_exit = t_exit; /* this exit's host instructions include the reset (stats=2) */
        return;
    }
    /*
     * Reset from another vCPU: this one is off for the guest from now on (vCPU 0 may ask at
     * once), vCPU 0 starts on its physical CPU, then this physical CPU powers off.
     */
    __atomic_store_n(&v->power, VCPU_OFF, __ATOMIC_RELEASE);
    boot->entry = GUEST_IMAGE_IPA;
    boot->entry_x0 = vm.boots;
    boot->entry_x1 = vm.arg;
    boot->power = VCPU_ON_PENDING;
    vmm_start_vcpu(boot);
    vcpu_power_off_here(v);
}

/*
 * stats=1: for a guest, the re-initialisation counters and its exits; for a guest hypervisor, the
 * traps of one L2 hypercall round trip and one L2 timer interrupt (nested.c), which do not
 * depend on cache geometry or CTR_EL0 (so they compare with QEMU's).
 */
void vmm_print_stats(void)
{
    const struct hyp_stats *s = &vm.st;

    if (vm.image->kind != IMAGE_GUEST) {
        nested_print_stats();
        return;
    }

    printf("hyp: stats: policy %s, %u reset(s)\n", policy_names[vm.policy], vm.boots);
    printf("hyp: stats: stage-2 faults %lu (permission %lu), pages mapped %lu, unmapped %lu\n",
           s->s2_faults, s->s2_perm_faults, s->s2_maps, s->s2_unmaps);
    printf("hyp: stats: DC CIVAC lines %lu, IC IVAU lines %lu, IC IALLUIS %lu, TLBI %lu\n",
           s->dc_civac_lines, s->ic_ivau_lines, s->ic_iallu, s->tlbi);
    printf("hyp: stats: MMIO exits %lu\n", s->mmio_exits);
    for (unsigned i = 0; i < vm.nr_vcpus; i++) {
        const struct vcpu *v = &vm.vcpus[i];
        unsigned exits = v->irq_exits;
        printf("hyp: stats: vCPU %u exits:", i);
        for (unsigned ec = 0; ec < 64; ec++) {
            if (v->exits[ec]) printf(" EC 0x%02x x%u", ec, v->exits[ec]);
            exits += v->exits[ec];
        }
        printf(" IRQ x%u\n", v->irq_exits);
        /* stats=2: the exits that returned to the guest (the last one ends the run). */
        if (exits) {
            char what[32];
            snprintf(what, sizeof what, "vCPU %u exits", i);
            hyp_print_insns(what, v->ctx.host_ticks, exits - 1);
        }
    }
    hyp_print_insns("VM reset", s->reset_ticks, 0);
}
