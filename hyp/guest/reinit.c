/*
 * vCPU re-initialisation after a reboot (CTests hyp.reinit.POLICY, compared with QEMU; the guest
 * of experiment 1, reference kvm-behaviour.md section 3). Boot 0 turns its MMU and caches on,
 * overwrites 64 KiB of its own image, as a kernel that relocates itself does, and cleans what it
 * wrote to the Point of Coherency (as such a kernel does before it runs with its MMU off, and as
 * eviction would sooner or later), then reboots with PSCI SYSTEM_RESET. The VMM reloads the image
 * (cacheable writes) and re-initialises the vCPU under its policy (none, unmap, flush, fwb or
 * lazy); boot 1 runs with the MMU off, so its reads are Non-cacheable and see the Point of
 * Coherency, and checks that the image is the pristine one. Without a cache model every policy
 * passes; with one, "none" can see stale memory.
 *
 * arg (scripts/experiment-reinit; 0 in the CTests) adds a workload around the reboot:
 *   bits 0-15  per mille of the free guest RAM pages that boot 1 writes once its MMU is on;
 *   bit 16     boot 0 first writes all free RAM (a guest that has used all its memory: every
 *              page mapped at stage 2, much of it dirty in the caches when it reboots);
 *   bit 17     boot 0 exits instead of rebooting (the experiment's baseline run, subtracted).
 * "Free" RAM is all of guest RAM (its size from HYP_CALL_RAM_SIZE) but this image; a page is
 * written one word per cache line (every line touched, as clearing a page does).
 */
#include "rt.h"

#define RAM_BASE     0x40000000ul
#define IMAGE_BASE   0x40100000ul /* where the VMM loads this image */
#define PAGE_SIZE    4096ul
#define ARG_PERMILLE 0xffffu
#define ARG_FILL     (1u << 16)
#define ARG_STOP     (1u << 17)

extern uint64_t payload[], payload_end[];
extern char __bss_end[];

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

/* Writes one word in each cache line of [start, end) (CTR_EL0.DminLine: the smallest line). */
static void write_lines(uint64_t start, uint64_t end)
{
    uint64_t line = 4ul << ((read_sysreg(ctr_el0) >> 16) & 0xf);

    for (uint64_t a = start; a < end; a += line)
        *(volatile uint64_t *)a = a;
}

/*
 * Writes the first `pages` pages of free RAM: below the image, then above it. Returns how many
 * there are in all when pages is ~0.
 */
static uint64_t write_free_pages(uint64_t pages)
{
    uint64_t image_end = ((uint64_t)(uintptr_t)__bss_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    uint64_t ram_end = RAM_BASE + hvc_call(HYP_CALL_RAM_SIZE, 0, 0, 0);
    const uint64_t ranges[2][2] = {{RAM_BASE, IMAGE_BASE}, {image_end, ram_end}};
    uint64_t total = 0;

    for (unsigned r = 0; r < 2; r++) {
        uint64_t n = (ranges[r][1] - ranges[r][0]) / PAGE_SIZE;
        total += n;
        if (pages == ~0ull) continue;
        if (n > pages) n = pages;
        write_lines(ranges[r][0], ranges[r][0] + n * PAGE_SIZE);
        pages -= n;
    }
    return total;
}

int main(void)
{
    uint64_t free_pages = rt_arg ? write_free_pages(~0ull) : 0;

    printf("boot %lu, MMU %s\n", rt_boots, read_sysreg(sctlr_el1) & 1 ? "on" : "off");
    CHECK_EQ(differing_words(), 0);
    if (rt_boots == 0) {
        mmu_enable_identity();
        for (uint64_t i = 0; &payload[i] < payload_end; i++)
            payload[i] = ~expected(i);
        dcache_clean_inval_poc(payload, (unsigned long)((char *)payload_end - (char *)payload));
        CHECK_EQ(differing_words(), (uint64_t)(payload_end - payload));
        if (rt_arg & ARG_FILL) write_free_pages(free_pages);
        if (rt_arg & ARG_STOP) return test_summary();
        test_summary();
        psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
        printf("SYSTEM_RESET returned\n");
        return 1;
    }
    CHECK_EQ(rt_boots, 1);
    printf("image after the reset: %u of %lu words differ\n", differing_words(),
           (unsigned long)(payload_end - payload));
    if (rt_arg) {
        uint64_t permille = rt_arg & ARG_PERMILLE;
        uint64_t touch = (free_pages * (permille < 1000 ? permille : 1000) + 500) / 1000;
        mmu_enable_identity();
        write_free_pages(touch);
        printf("wrote %lu of %lu free pages\n", touch, free_pages);
    }
    return test_summary();
}
