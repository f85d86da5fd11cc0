/*
 * The per-instruction PMU events (docs/pmu.md): BR_RETIRED, LD_RETIRED, ST_RETIRED and MEM_ACCESS
 * counted exactly over a loop of known branches, loads and stores at EL2, EL1 and EL0:
 * - PMCEID0_EL0 advertises LD_RETIRED, ST_RETIRED, MEM_ACCESS, PMCEID1_EL0 BR_RETIRED;
 * - per iteration 5 branches (CBZ and TBNZ not taken, BL, RET, B.NE), 8 loads (LDR, LDP, LDR Q,
 *   LDRB, LDAR, LDXR, LDADD, CAS) and 6 stores (STR, STP, ST1, STXR, LDADD, CAS): the atomics are
 *   both, PRFM is neither, MEM_ACCESS is loads + stores;
 * - the EL filters (P, U, NSH), a disabled counter, an overflow;
 * - at EL0 a load that faults (unaligned LDXR) and an ERET (UNDEFINED at EL0) do not count, nor the
 *   SVC that returns to EL1.
 *
 * guest-test-qemu: skip QEMU 10 counts none of these events
 * guest-test-machine: virt,virtualization=on,gic-version=3
 */
#include "pmu_util.h"

#define N       100 /* iterations */
#define BR_IT   5   /* per iteration */
#define LD_IT   8
#define ST_IT   6
#define NUM_(x) #x
#define NUM(x)  NUM_(x)

uint64_t buf[8] __attribute__((aligned(64), used));

/*
 * events_body: N iterations over buf, then RET (one more branch). events_loop(mask): the same
 * between enabling the counters in mask and disabling them (nothing else counted).
 * el0_faulting: events_body's loop, then an unaligned LDXR (alignment fault) and an ERET.
 */
void events_loop(uint64_t mask);
void events_body(void);
void el0_faulting(void);
#define BODY                                                                                       \
    "mov x9, #" NUM(N) "\n"                                                                        \
                       "adrp x10, buf\n"                                                           \
                       "add x10, x10, :lo12:buf\n"                                                 \
                       "add x11, x10, #32\n"                                                       \
                       "1: ldr x3, [x10]\n"                                                        \
                       "ldp x4, x5, [x10]\n"                                                       \
                       "str x3, [x11]\n"                                                           \
                       "stp x4, x5, [x11]\n"                                                       \
                       "ldr q0, [x10]\n"                                                           \
                       "st1 {v0.16b}, [x11]\n"                                                     \
                       "ldrb w8, [x10, #1]\n"                                                      \
                       "ldar x8, [x10]\n"                                                          \
                       "ldxr x8, [x11]\n"                                                          \
                       "stxr w13, x8, [x11]\n"                                                     \
                       "ldadd x6, x7, [x11]\n"                                                     \
                       "cas x13, x14, [x11]\n"                                                     \
                       "prfm pldl1keep, [x10]\n"                                                   \
                       "cbz x9, 2f\n"                                                              \
                       "tbnz x9, #63, 2f\n"                                                        \
                       "bl 3f\n"                                                                   \
                       "subs x9, x9, #1\n"                                                         \
                       "b.ne 1b\n"                                                                 \
                       "2:\n"
__asm__(".pushsection .text\n"
        ".balign 4\n"
        "events_loop: mov x15, x30\n"
        "msr pmcntenset_el0, x0\n"
        "isb\n" BODY "msr pmcntenclr_el0, x0\n"
        "isb\n"
        "ret x15\n"
        "3: ret\n"
        "events_body: mov x15, x30\n" BODY "ret x15\n"
        "3: ret\n"
        "el0_faulting: mov x15, x30\n" BODY "add x12, x10, #1\n"
        "ldxr x3, [x12]\n"
        "eret\n"
        "ret x15\n"
        "3: ret\n"
        ".popsection");

/* Counters 0-3: BR_RETIRED, LD_RETIRED, ST_RETIRED, MEM_ACCESS with the filter bits `filter`. */
static void setup(uint64_t filter)
{
    pmu_reset_all();
    pmu_set_type(0, filter | EV_BR_RETIRED);
    pmu_set_type(1, filter | EV_LD_RETIRED);
    pmu_set_type(2, filter | EV_ST_RETIRED);
    pmu_set_type(3, filter | EV_MEM_ACCESS);
    write_sysreg(PMCR_E, pmcr_el0);
    isb();
}

static void check_counts(const char *what, uint64_t br, uint64_t ld, uint64_t st)
{
    uint64_t c[4] = {pmu_count(0), pmu_count(1), pmu_count(2), pmu_count(3)};
    printf("%s: BR_RETIRED %lu LD_RETIRED %lu ST_RETIRED %lu MEM_ACCESS %lu\n", what, c[0], c[1],
           c[2], c[3]);
    CHECK_EQ(c[0], br);
    CHECK_EQ(c[1], ld);
    CHECK_EQ(c[2], st);
    CHECK_EQ(c[3], ld + st);
}

static void pmceid(void)
{
    uint64_t ceid0 = read_sysreg(pmceid0_el0), ceid1 = read_sysreg(pmceid1_el0);
    uint64_t want0 = (1ull << EV_LD_RETIRED) | (1ull << EV_ST_RETIRED) | (1ull << EV_MEM_ACCESS);
    printf("PMCEID0_EL0 0x%lx, PMCEID1_EL0 0x%lx\n", ceid0, ceid1);
    CHECK_EQ(ceid0 & want0, want0);
    CHECK_EQ(ceid1, 1ull << (EV_BR_RETIRED - 32));
}

static void at_el2(void)
{
    setup(EVT_P | EVT_U | EVT_NSH);
    events_loop(0xF);
    check_counts("EL2 loop", BR_IT * N, LD_IT * N, ST_IT * N);

    /* Disabled: nothing more. A counter filtered to EL1 counts nothing at EL2. */
    events_loop(0);
    check_counts("EL2 loop, counters disabled", BR_IT * N, LD_IT * N, ST_IT * N);
    pmu_set_type(4, EVT_U | EV_BR_RETIRED);
    events_loop(0x10);
    CHECK_EQ(pmu_count(4), 0);

    /* A 32-bit overflow sets PMOVSSET_EL0. */
    pmu_set_count(0, 0xFFFFFFFFull - 10);
    events_loop(1);
    printf("BR_RETIRED from 2^32 - 11: %lu, PMOVSSET 0x%lx\n", pmu_count(0),
           read_sysreg(pmovsset_el0));
    CHECK_EQ(pmu_count(0), BR_IT * N - 11);
    CHECK_EQ(read_sysreg(pmovsset_el0), 1);
    pmu_reset_all();
}

/* At EL1 (only EL1 counted): the loop and events_body's RET; the HVC back to EL2 is no branch. */
static void at_el1(void)
{
    setup(EVT_U);
    write_sysreg(0xF, pmcntenset_el0);
    isb();
    struct lower_result r = run_at_el1(events_body, 0);
    write_sysreg(0xF, pmcntenclr_el0);
    isb();
    CHECK_EQ(r.taken, 0);
    check_counts("EL1 loop", BR_IT * N + 1, LD_IT * N, ST_IT * N);
    pmu_reset_all();
}

/* At EL0 (only EL0 counted): the faulting LDXR and the ERET do not count, nor the SVC to EL1 nor
 * what EL1 runs. */
static void at_el0(void)
{
    setup(EVT_P);
    write_sysreg(0xF, pmcntenset_el0);
    isb();
    struct lower_result r = run_at_el0(el0_faulting, 0);
    write_sysreg(0xF, pmcntenclr_el0);
    isb();
    printf("EL0: %u exceptions taken, the last EC 0x%lx\n", r.taken, ESR_EC(r.last.esr));
    CHECK_EQ(r.taken, 2);
    CHECK_EQ(ESR_EC(r.last.esr), 0); /* the ERET: UNDEFINED */
    check_counts("EL0 loop", BR_IT * N + 1, LD_IT * N, ST_IT * N);
    pmu_reset_all();
}

int main(void)
{
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    pmceid();
    at_el2();
    at_el1();
    at_el0();
    return test_summary();
}
