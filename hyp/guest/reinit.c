/*
 * vCPU re-initialisation after a reboot (CTests hyp.reinit.POLICY, compared with QEMU; the guest
 * of experiment 1, reference kvm-behaviour.md section 3). Boot 0 turns its MMU and caches on,
 * overwrites 64 KiB of its own image, as a kernel that relocates itself does, and cleans what it
 * wrote to the Point of Coherency (as such a kernel does before it runs with its MMU off, and as
 * eviction would sooner or later), then reboots with PSCI SYSTEM_RESET. The VMM reloads the image
 * (cacheable writes) and re-initialises the vCPU under its policy (none, unmap, flush or fwb); boot
 * 1 runs with the MMU off, so its reads are Non-cacheable and see the Point of Coherency, and
 * checks that the image is the pristine one. Without a cache model every policy passes; with one,
 * "none" can see stale memory.
 */
#include "rt.h"

extern uint64_t payload[], payload_end[];

static uint64_t expected(uint64_t i)
{
    return i * 0x9e3779b97f4a7c15ull;
}

static unsigned differing_words(void)
{
    unsigned bad = 0;
    for (uint64_t i = 0; &payload[i] < payload_end; i++)
        bad += ((volatile uint64_t *)payload)[i] != expected(i);
    return bad;
}

int main(void)
{
    printf("boot %lu, MMU %s\n", rt_boots, read_sysreg(sctlr_el1) & 1 ? "on" : "off");
    CHECK_EQ(differing_words(), 0);
    if (rt_boots == 0) {
        mmu_enable_identity();
        for (uint64_t i = 0; &payload[i] < payload_end; i++)
            payload[i] = ~expected(i);
        dcache_clean_inval_poc(payload, (unsigned long)((char *)payload_end - (char *)payload));
        CHECK_EQ(differing_words(), (uint64_t)(payload_end - payload));
        test_summary();
        psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
        printf("SYSTEM_RESET returned\n");
        return 1;
    }
    CHECK_EQ(rt_boots, 1);
    printf("image after the reset: %u of %lu words differ\n", differing_words(),
           (unsigned long)(payload_end - payload));
    return test_summary();
}
