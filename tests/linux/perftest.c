/* perftest: Linux's perf_event interface on the PMU avsim provides (FEAT_PMUv3, docs/pmu.md),
 * run by /init with avsim.test=perf. It counts a loop of known length with the hardware events
 * "instructions" (INST_RETIRED) and "cycles" (CPU_CYCLES), user space only, and checks:
 *   - the kernel registered the PMU (/sys/bus/event_source/devices/armv8_pmuv3);
 *   - instructions grow by exactly 3 per iteration (count(2N) - count(N) = 3N: the fixed cost
 *     of enabling and disabling cancels);
 *   - branches (BR_RETIRED) grow by exactly 1 per iteration;
 *   - cycles are counted and grow with the work;
 *   - a sampling event (period P) overflows the counter: the PMU interrupt fires about N/P
 *     times (/proc/interrupts, "arm-pmu").
 * Prints "perftest: PASS ..."/"perftest: FAIL ..." lines; exits 0 only when all passed. */
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failures;

static void result(int ok, const char *what, long long got, long long want)
{
    printf("perftest: %s %s (got %lld, want %lld)\n", ok ? "PASS" : "FAIL", what, got, want);
    if (!ok) failures++;
}

static int open_event(uint32_t type, uint64_t config, uint64_t period)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = type;
    attr.config = config;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.sample_period = period;
    int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    if (fd < 0) {
        perror("perftest: perf_event_open");
        printf("perftest: FAIL open event %u:%llu\n", type, (unsigned long long)config);
        exit(1);
    }
    return fd;
}

/* n iterations of three instructions: SUBS, B.NE, and the NOP that makes the count clear. */
static void loop(uint64_t n)
{
    __asm__ volatile("1: nop\n"
                     "   subs %0, %0, #1\n"
                     "   b.ne 1b\n"
                     : "+r"(n)
                     :
                     : "cc");
}

/* The count of the event on fd over loop(n). */
static long long measure(int fd, uint64_t n)
{
    long long count = 0;
    ioctl(fd, PERF_EVENT_IOC_RESET, 0);
    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
    loop(n);
    ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
    if (read(fd, &count, sizeof count) != sizeof count) return -1;
    return count;
}

/* The total of the "arm-pmu" line of /proc/interrupts (all CPUs), or -1. */
static long long pmu_interrupts(void)
{
    FILE *f = fopen("/proc/interrupts", "r");
    char line[1024];
    long long total = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "arm-pmu")) continue;
        char *p = strchr(line, ':');
        total = 0;
        for (p = p ? p + 1 : line;;) {
            char *end;
            long long v = strtoll(p, &end, 10);
            if (end == p) break;
            total += v;
            p = end;
        }
    }
    fclose(f);
    return total;
}

int main(void)
{
    const uint64_t n = 1000000, period = 100000;
    result(access("/sys/bus/event_source/devices/armv8_pmuv3", F_OK) == 0,
           "the kernel registered armv8_pmuv3", 1, 1);

    int insns = open_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, 0);
    long long a = measure(insns, n), b = measure(insns, 2 * n);
    result(b - a == 3 * (long long)n, "instructions: 3 per iteration (count(2N) - count(N))", b - a,
           3 * (long long)n);
    close(insns);

    int branches = open_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 0);
    a = measure(branches, n);
    b = measure(branches, 2 * n);
    result(b - a == (long long)n, "branches: 1 per iteration (count(2N) - count(N))", b - a,
           (long long)n);
    close(branches);

    int cycles = open_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, 0);
    a = measure(cycles, n);
    b = measure(cycles, 4 * n);
    result(a > 0 && b > 2 * a, "cycles: counted, and 4x the work takes over 2x the cycles", b,
           2 * a + 1);
    close(cycles);

    long long before = pmu_interrupts();
    int sampler = open_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, period);
    measure(sampler, 10 * n);
    long long after = pmu_interrupts();
    close(sampler);
    /* 3 * 10 * N instructions at one overflow per period: 300, give or take the PMU's own. */
    long long want = (long long)(30 * n / period);
    result(before >= 0 && after - before >= want - 2 && after - before <= want + 20,
           "overflow interrupts of a sampling event (arm-pmu in /proc/interrupts)", after - before,
           want);

    printf("perftest: %d failed\n", failures);
    return failures ? 1 : 0;
}
