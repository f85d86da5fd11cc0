/*
 * Boot of the hypervisor: the command line (/chosen/bootargs of the device tree, -append on QEMU
 * and avsim), the per-CPU EL2 set-up, and the end of a run.
 *
 * Command line (space-separated key=value):
 *   guest=NAME      the guest image to run (images.S lists them)           required
 *   mem=SIZE        guest RAM, a multiple of 2 MiB (suffix K, M or G)       default 32M
 *   cpus=N          vCPUs (1-8, at most the physical CPUs)                  default 1
 *   policy=P        what a VM reset does to memory: none, unmap, flush, fwb, lazy
 *                                                                           default unmap
 *   nested=nv|nv2   a guest hypervisor runs with FEAT_NV only or with NV2   default nv2
 *   el1tvt=0|1      nested: trap the guest hypervisor's EL1 virtual timer (CNTHCTL_EL2.EL1TVT)
 *   arg=N           a number passed to the guest in x1
 *   stats=0|1|2     print the host's counters at the end (2: with host instructions)
 *   watchdog=S      stop the run after S seconds of counter time (0: never)  default 10
 */
#include "hyp.h"

#include <stdarg.h>

struct vm vm;

static uint64_t watchdog_ticks;
static uint64_t ticks_per_insn; /* 0: the counter does not count instructions */

void hyp_panic(const char *fmt, ...)
{
    va_list ap;

    printf("hyp: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    exit(2);
}

void hyp_exit_run(int status)
{
    if (vm.stats) vmm_print_stats();
    exit(status);
}

static bool parse_u64(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;

    if (n == 0) return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > UINT64_MAX / 10) return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

static bool parse_size(const char *s, size_t n, uint64_t *out)
{
    unsigned shift = 0;

    if (n > 1) {
        switch (s[n - 1]) {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        }
        if (shift) n--;
    }
    if (!parse_u64(s, n, out) || *out > (UINT64_MAX >> shift)) return false;
    *out <<= shift;
    return true;
}

static bool is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

static void parse_args(const char *args)
{
    static const char *const policies[] = {"none", "unmap", "flush", "fwb", "lazy"};
    const char *p = args;

    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p) break;
        const char *key = p, *eq = NULL;
        while (*p && *p != ' ') {
            if (*p == '=' && !eq) eq = p;
            p++;
        }
        if (!eq) hyp_panic("bad argument '%.*s' (key=value expected)", (int)(p - key), key);
        size_t klen = (size_t)(eq - key), vlen = (size_t)(p - eq - 1);
        const char *val = eq + 1;
        uint64_t n = 0;
        bool ok = true;

        if (is(key, klen, "guest")) {
            vm.image = NULL;
            for (unsigned i = 0; guest_images[i].name; i++)
                if (is(val, vlen, guest_images[i].name)) vm.image = &guest_images[i];
            ok = vm.image != NULL;
        } else if (is(key, klen, "mem")) {
            ok = parse_size(val, vlen, &vm.ram_size) && vm.ram_size && !(vm.ram_size & 0x1fffff);
        } else if (is(key, klen, "cpus")) {
            ok = parse_u64(val, vlen, &n) && n >= 1 && n <= HYP_MAX_VCPUS;
            vm.nr_vcpus = (unsigned)n;
        } else if (is(key, klen, "policy")) {
            ok = false;
            for (unsigned i = 0; i < sizeof policies / sizeof policies[0]; i++)
                if (is(val, vlen, policies[i])) {
                    vm.policy = (enum reinit_policy)i;
                    ok = true;
                }
        } else if (is(key, klen, "nested")) {
            ok = is(val, vlen, "nv") || is(val, vlen, "nv2");
            vm.nested = is(val, vlen, "nv") ? NESTED_NV : NESTED_NV2;
        } else if (is(key, klen, "el1tvt")) {
            ok = parse_u64(val, vlen, &n) && n <= 1;
            vm.el1tvt = n;
        } else if (is(key, klen, "arg")) {
            ok = parse_u64(val, vlen, &vm.arg);
        } else if (is(key, klen, "stats")) {
            ok = parse_u64(val, vlen, &n) && n <= 2;
            vm.stats = (unsigned)n;
        } else if (is(key, klen, "watchdog")) {
            ok = parse_u64(val, vlen, &n) && n <= 3600;
            watchdog_ticks = n * read_sysreg(cntfrq_el0);
        } else {
            hyp_panic("unknown argument '%.*s'", (int)(p - key), key);
        }
        if (!ok) hyp_panic("bad value in '%.*s'", (int)(p - key), key);
    }
}

/* The host's watchdog: the EL2 physical timer (CNTHP, INTID 26), one per physical CPU. */
static void watchdog_arm(void)
{
    if (!watchdog_ticks) return;
    write_sysreg(read_sysreg(cntpct_el0) + watchdog_ticks, cnthp_cval_el2);
    write_sysreg(CNT_CTL_ENABLE, cnthp_ctl_el2);
}

/*
 * EL2 state of this physical CPU (each CPU runs this once, before its vCPU): VHE with the
 * guest's controls, FP/SIMD untrapped, the vector table, the timers, the MMU (identity map,
 * RAM Normal Write-Back: guest/lib/mmu.c), the physical GIC CPU interface and the virtual one.
 */
void hyp_cpu_init(void)
{
    unsigned cpu = read_sysreg(mpidr_el1) & 0xff;

    /* E2H first: CPTR_EL2 and CNTHCTL_EL2 change layout with it (D24.2.36, D24.10.4). */
    write_sysreg(HCR_E2H | HCR_RW, hcr_el2);
    isb();
    write_sysreg(CPTR_FPEN, cptr_el2);
    write_sysreg(hyp_vectors, vbar_el2);
    write_sysreg(0, mdcr_el2);
    /* The guest may read the physical counter; its physical timer traps (not offered). */
    write_sysreg(CNTHCTL_EL1PCTEN, cnthctl_el2);
    write_sysreg(vm.cntvoff, cntvoff_el2);
    write_sysreg(read_sysreg(midr_el1), vpidr_el2);
    write_sysreg((1ull << 31) | cpu, vmpidr_el2); /* Aff0 = vCPU number; bit 31 RES1 */
    isb();
    mmu_enable_identity();
    gic_host_cpu_init(cpu);
    s2_cpu_init();
    watchdog_arm();
}

/*
 * Under avsim's icount the counter advances 2^shift ticks per instruction: measured with a loop
 * of known length (2002 instructions from the first counter read to the second); any other
 * counter (QEMU, avsim -icount auto) fails the exactness test.
 */
static void calibrate(void)
{
    uint64_t t0, t1, i = 1000;

    for (unsigned round = 0; round < 2; round++) {
        __asm__ volatile("mrs %0, cntpct_el0\n\t"
                         "mov %2, #1000\n"
                         "1: subs %2, %2, #1\n\t"
                         "b.ne 1b\n\t"
                         "mrs %1, cntpct_el0"
                         : "=&r"(t0), "=&r"(t1), "+&r"(i)
                         :
                         : "cc");
        uint64_t d = t1 - t0;
        if (d == 0 || d % 2002 || (round && d / 2002 != ticks_per_insn)) {
            ticks_per_insn = 0;
            return;
        }
        ticks_per_insn = d / 2002;
    }
}

void hyp_print_insns(const char *what, uint64_t host_ticks, unsigned exits)
{
    if (vm.stats < 2) return;
    if (!ticks_per_insn)
        printf("hyp: stats: %s: host instructions unknown (the counter is not instruction-exact)\n",
               what);
    else
        printf("hyp: stats: %s: host instructions %lu\n", what,
               host_ticks / ticks_per_insn + (uint64_t)HOST_UNTIMED_INSNS * exits);
}

void hyp_watchdog(void)
{
    hyp_panic("watchdog: the guest still runs after %lu s",
              watchdog_ticks / read_sysreg(cntfrq_el0));
}

int main(void)
{
    const void *fdt = (const void *)HOST_RAM_BASE; /* where QEMU and avsim put the device tree */
    uint64_t ram_base, ram_size;
    extern char __bss_end[];

    if (current_el() != 2) hyp_panic("must start at EL2 (run with -M virt,virtualization=on)");
    if (!(read_sysreg(id_aa64mmfr1_el1) >> 8 & 0xf)) hyp_panic("FEAT_VHE is required");
    vm.ram_size = 32ull << 20;
    vm.nr_vcpus = 1;
    vm.policy = REINIT_UNMAP;
    vm.nested = NESTED_NV2;
    watchdog_ticks = 10 * read_sysreg(cntfrq_el0);
    const char *args = fdt_bootargs(fdt);
    parse_args(args ? args : "");
    if (!vm.image) hyp_panic("no guest given: add guest=NAME to the command line (-append)");
    if (!fdt_memory(fdt, &ram_base, &ram_size) || ram_base != HOST_RAM_BASE)
        hyp_panic("no RAM at 0x%llx in the device tree", HOST_RAM_BASE);
    if ((uint64_t)(uintptr_t)__bss_end > HOST_POOL_PA)
        hyp_panic("the hypervisor image is too large");
    if (GUEST_RAM_PA + vm.ram_size > ram_base + ram_size)
        hyp_panic("mem=%luM needs at least %luM of RAM (-m)", vm.ram_size >> 20,
                  (unsigned long)((GUEST_RAM_PA + vm.ram_size - ram_base) >> 20));
    if (GUEST_RAM_PA + vm.ram_size > HOST_MAPPED_END)
        hyp_panic("mem=%luM: guest RAM must end below 4 GiB (the host's map)", vm.ram_size >> 20);
    if (vm.stats >= 2) calibrate();
    vm.cntvoff = read_sysreg(cntpct_el0); /* the guest's virtual count starts near 0 */
    s2_init();
    hyp_cpu_init();
    vmm_create();
    vmm_start();
}
