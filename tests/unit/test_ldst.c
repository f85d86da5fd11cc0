/*
 * Loads, stores, exclusives and atomics (exec_ldst.c, exec_atomic.c) on a
 * machine with RAM, the MMU off (data accesses are Device-nGnRnE), at EL2:
 * results, writeback, faults leaving registers untouched, the SP alignment
 * check, the exclusive monitor, UNDEFINED encodings and ldst_abort_iss().
 * Instruction words are from aarch64-linux-gnu-as.
 */
#include "cpu/decode.h"
#include "cpu/exception.h"
#include "machine/machine.h"
#include "mmu/mem.h"
#include "unit.h"

#define RAM      0x40000000ull
#define RAM_SIZE (16ull << 20)
#define DATA     (RAM + 0x10000)
#define CODE     (RAM + 0x1000)

static machine_t *m;
static cpu_t *cpu;

static uint8_t *host(uint64_t pa)
{
    return bus_ram_ptr(&m->bus, pa, 1);
}

static uint64_t peek64(uint64_t pa)
{
    uint64_t v;
    memcpy(&v, host(pa), 8);
    return v;
}

static void poke64(uint64_t pa, uint64_t v)
{
    memcpy(host(pa), &v, 8);
}

/* Decodes and executes insn at cpu->pc; false when it is UNDEFINED (not executed). */
static bool run(uint32_t insn)
{
    decoded_t d;
    if (!decode_insn(&d, insn)) return false;
    cpu->next_pc = cpu->pc + 4;
    d.fn(cpu, &d);
    return true;
}

/* The last run() took a synchronous exception with this EC (next_pc left pc + 4). */
static bool took(unsigned ec)
{
    return cpu->next_pc != cpu->pc + 4 && (cpu->sr[SR_ESR_EL2] >> 26) == ec;
}

static void reset_data(void)
{
    static const uint8_t pattern[16] = {0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8,
                                        0x09, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70};
    for (unsigned i = 0; i < 64; i++)
        host(DATA)[i] = pattern[i % 16];
    cpu->pc = CODE;
}

static void test_single(void)
{
    reset_data();
    cpu->x[1] = DATA;
    CHECK(run(0xf9400420)); /* ldr x0, [x1, #8] */
    CHECK_EQ(cpu->x[0], 0x706f5e4d3c2b1a09);
    CHECK(run(0x39c00020)); /* ldrsb w0, [x1] */
    CHECK_EQ(cpu->x[0], 0xffffff81);
    CHECK(run(0x79800420)); /* ldrsh x0, [x1, #2] */
    CHECK_EQ(cpu->x[0], 0xffffffffffffb4a3);
    cpu->x[1] = DATA + 16;
    CHECK(run(0xf85f8020)); /* ldur x0, [x1, #-8] */
    CHECK_EQ(cpu->x[0], 0x706f5e4d3c2b1a09);

    cpu->x[1] = DATA;
    CHECK(run(0xf8408c20)); /* ldr x0, [x1, #8]! */
    CHECK_EQ(cpu->x[0], 0x706f5e4d3c2b1a09);
    CHECK_EQ(cpu->x[1], DATA + 8);
    CHECK(run(0xb85fc420)); /* ldr w0, [x1], #-4 */
    CHECK_EQ(cpu->x[0], 0x3c2b1a09);
    CHECK_EQ(cpu->x[1], DATA + 4);

    cpu->x[1] = DATA + 16;
    cpu->x[2] = 0xffffffff; /* W2 = -1 */
    CHECK(run(0xf862d820)); /* ldr x0, [x1, w2, sxtw #3] */
    CHECK_EQ(cpu->x[0], 0x706f5e4d3c2b1a09);
    cpu->x[1] = DATA;
    cpu->x[2] = 0xffffffff00000004; /* UXTW drops the top half */
    CHECK(run(0xb8624820));         /* ldr w0, [x1, w2, uxtw] */
    CHECK_EQ(cpu->x[0], 0xf8e7d6c5);

    cpu->x[7] = 0x1234;
    cpu->x[2] = 2;
    CHECK(run(0x78226827)); /* strh w7, [x1, x2] */
    CHECK_EQ(peek64(DATA), 0xf8e7d6c512349281);

    /* LDTR takes the unprivileged slow path; at EL2 with E2H = 0 it is an ordinary load. */
    CHECK(run(0x78800823)); /* ldtrsh x3, [x1] */
    CHECK_EQ(cpu->x[3], 0xffffffffffff9281);

    CHECK(run(0xf9800020)); /* prfm pldl1keep, [x1] */
    cpu->x[1] = 0xdead0001;
    CHECK(run(0xf9800020)); /* never faults */
    CHECK(!took(EC_DABORT_SAME));
}

static void test_literal(void)
{
    reset_data();
    cpu->pc = DATA;
    CHECK(run(0x58000040)); /* ldr x0, .+8 */
    CHECK_EQ(cpu->x[0], 0x706f5e4d3c2b1a09);
    cpu->pc = DATA + 4;
    CHECK(run(0x98ffffe0)); /* ldrsw x0, .-4 */
    CHECK_EQ(cpu->x[0], 0xffffffffb4a39281);
}

/* A fault leaves every register as it was, including the base of a writeback form. */
static void test_fault_no_update(void)
{
    reset_data();
    cpu->x[0] = 0x55;
    cpu->x[1] = DATA + 1;
    CHECK(run(0xf8408c20)); /* ldr x0, [x1, #8]! : unaligned on Device memory */
    CHECK(took(EC_DABORT_SAME));
    CHECK_EQ(cpu->sr[SR_ESR_EL2] & 0x3f, FSC_ALIGNMENT);
    CHECK_EQ(cpu->sr[SR_FAR_EL2], DATA + 9);
    CHECK_EQ(cpu->x[0], 0x55);
    CHECK_EQ(cpu->x[1], DATA + 1);

    /* A pair whose second element is beyond RAM: external abort, nothing changes. */
    uint64_t end = RAM + RAM_SIZE;
    reset_data();
    poke64(end - 8, 0x77);
    cpu->x[0] = 1;
    cpu->x[1] = 2;
    cpu->x[2] = end - 8;
    CHECK(run(0xa9400440)); /* ldp x0, x1, [x2] */
    CHECK(took(EC_DABORT_SAME));
    CHECK_EQ(cpu->sr[SR_ESR_EL2] & 0x3f, FSC_EXTERNAL);
    CHECK_EQ(cpu->x[0], 1);
    CHECK_EQ(cpu->x[1], 2);
    CHECK(run(0xa9000440)); /* stp x0, x1, [x2] : checked whole, the first element unwritten */
    CHECK(took(EC_DABORT_SAME));
    CHECK_EQ(peek64(end - 8), 0x77);
}

static void test_pairs(void)
{
    reset_data();
    cpu->x[2] = DATA;
    CHECK(run(0x69400440)); /* ldpsw x0, x1, [x2] */
    CHECK_EQ(cpu->x[0], 0xffffffffb4a39281);
    CHECK_EQ(cpu->x[1], 0xfffffffff8e7d6c5);
    /* A word pair across a page boundary: each element is aligned, so no fault. */
    cpu->x[0] = 0x11111111;
    cpu->x[1] = 0x22222222;
    cpu->x[2] = DATA + 0xffc;
    CHECK(run(0x29000440)); /* stp w0, w1, [x2] */
    CHECK(!took(EC_DABORT_SAME));
    CHECK_EQ(peek64(DATA + 0xff8) >> 32, 0x11111111);
    CHECK_EQ(peek64(DATA + 0x1000) & 0xffffffff, 0x22222222);
    cpu->x[2] = DATA + 0xff8;
    CHECK(run(0xa9400440)); /* ldp x0, x1, [x2] */
    CHECK_EQ(cpu->x[0] >> 32, 0x11111111);
    CHECK_EQ(cpu->x[1] & 0xffffffff, 0x22222222);
}

static void test_sp_alignment(void)
{
    reset_data();
    uint64_t sctlr = cpu->sr[SR_SCTLR_EL2];
    cpu->sr[SR_SCTLR_EL2] = sctlr | (1u << 3); /* SA */
    cpu->x[0] = 0x55;
    cpu->x[REG_SP] = DATA + 8;
    CHECK(run(0xf94003e0)); /* ldr x0, [sp] */
    CHECK(took(EC_SP_ALIGN));
    CHECK_EQ(cpu->x[0], 0x55);
    CHECK(run(0xa9bf07e0)); /* stp x0, x1, [sp, #-16]! */
    CHECK(took(EC_SP_ALIGN));
    CHECK_EQ(cpu->x[REG_SP], DATA + 8);
    CHECK(run(0x885f7fe0)); /* ldxr w0, [sp] */
    CHECK(took(EC_SP_ALIGN));

    cpu->x[REG_SP] = DATA + 16;
    cpu->x[0] = 0xa;
    cpu->x[1] = 0xb;
    CHECK(run(0xa9bf07e0)); /* stp x0, x1, [sp, #-16]! */
    CHECK(!took(EC_SP_ALIGN));
    CHECK_EQ(cpu->x[REG_SP], DATA);
    CHECK(run(0xf9000be0)); /* str x0, [sp, #16] */
    CHECK_EQ(peek64(DATA + 16), 0xa);
    CHECK(run(0xa8c107e0)); /* ldp x0, x1, [sp], #16 */
    CHECK_EQ(cpu->x[REG_SP], DATA + 16);
    CHECK_EQ(cpu->x[1], 0xb);

    cpu->sr[SR_SCTLR_EL2] = sctlr & ~(1ull << 3);
    cpu->x[REG_SP] = DATA + 8;
    CHECK(run(0xf94003e0)); /* ldr x0, [sp] */
    CHECK(!took(EC_SP_ALIGN));
    CHECK_EQ(cpu->x[0], 0xb); /* stored by the STP above */
    cpu->sr[SR_SCTLR_EL2] = sctlr;
}

static void test_exclusive(void)
{
    reset_data();
    cpu->x[1] = DATA;
    CHECK(run(0xc85f7c20)); /* ldxr x0, [x1] */
    CHECK(cpu->excl_valid);
    poke64(DATA, 0x1234); /* another CPU's store */
    cpu->x[0] = 0x99;
    CHECK(run(0xc8037c20)); /* stxr w3, x0, [x1] */
    CHECK_EQ(cpu->x[3], 1);
    CHECK_EQ(peek64(DATA), 0x1234);
    CHECK(!cpu->excl_valid);

    CHECK(run(0xc85f7c20)); /* ldxr x0, [x1] */
    CHECK_EQ(cpu->x[0], 0x1234);
    cpu->x[0] = 0x99;
    CHECK(run(0xc8037c20)); /* stxr w3, x0, [x1] */
    CHECK_EQ(cpu->x[3], 0);
    CHECK_EQ(peek64(DATA), 0x99);
    CHECK(run(0xc8037c20)); /* the monitor was cleared */
    CHECK_EQ(cpu->x[3], 1);

    poke64(DATA + 8, 0x88);
    CHECK(run(0xc87f8c20)); /* ldaxp x0, x3, [x1] */
    CHECK_EQ(cpu->x[0], 0x99);
    CHECK_EQ(cpu->x[3], 0x88);
    cpu->x[0] = 5;
    CHECK(run(0xc8268c20)); /* stlxp w6, x0, x3, [x1] */
    CHECK_EQ(cpu->x[6], 0);
    CHECK_EQ(peek64(DATA), 5);
    CHECK_EQ(peek64(DATA + 8), 0x88);
}

static void test_atomics(void)
{
    reset_data();
    cpu->x[1] = DATA;
    cpu->x[2] = 1;
    CHECK(run(0xf8220020)); /* ldadd x2, x0, [x1] */
    CHECK_EQ(cpu->x[0], 0xf8e7d6c5b4a39281);
    CHECK_EQ(peek64(DATA), 0xf8e7d6c5b4a39282);

    cpu->x[2] = 0xf8e7d6c5b4a39282;
    cpu->x[0] = 7;
    CHECK(run(0xc8a27c20)); /* cas x2, x0, [x1] */
    CHECK_EQ(cpu->x[2], 0xf8e7d6c5b4a39282);
    CHECK_EQ(peek64(DATA), 7);

    cpu->x[2] = 0x7fff;     /* LDSMAXH: 0x7fff > (int16_t)0x0007 */
    CHECK(run(0x78224020)); /* ldsmaxh w2, w0, [x1] */
    CHECK_EQ(cpu->x[0], 7);
    CHECK_EQ(peek64(DATA), 0x7fff);
    cpu->x[2] = 0x1ab;
    CHECK(run(0x38228020)); /* swpb w2, w0, [x1] */
    CHECK_EQ(cpu->x[0], 0xff);
    CHECK_EQ(peek64(DATA), 0x7fab);

    poke64(DATA, 0x10);
    poke64(DATA + 8, 0x20);
    cpu->x[2] = 0x10;
    cpu->x[3] = 0x20;
    cpu->x[4] = 0x30;
    cpu->x[5] = 0x40;
    CHECK(run(0x48227c24)); /* casp x2, x3, x4, x5, [x1] */
    CHECK_EQ(peek64(DATA), 0x30);
    CHECK_EQ(peek64(DATA + 8), 0x40);
    CHECK_EQ(cpu->x[2], 0x10);
    CHECK_EQ(cpu->x[3], 0x20);

    cpu->x[2] = 0x5a;
    CHECK(run(0x88dffc22)); /* ldar w2, [x1] */
    CHECK_EQ(cpu->x[2], 0x30);
    CHECK(run(0xf8bfc025)); /* ldapr x5, [x1] */
    CHECK_EQ(cpu->x[5], 0x30);
    cpu->x[7] = 0xabcdef;
    CHECK(run(0x889ffc27)); /* stlr w7, [x1] */
    CHECK_EQ(peek64(DATA), 0xabcdef);

    /* Atomics need alignment whatever the memory type; an Alignment fault reports WnR = 0 (a read
     * of the address faults the same: Arm ARM, ESR_ELx.ISS.WnR). */
    cpu->x[1] = DATA + 2;
    cpu->x[0] = 0x55;
    CHECK(run(0xf8220020)); /* ldadd x2, x0, [x1] */
    CHECK(took(EC_DABORT_SAME));
    CHECK_EQ(cpu->sr[SR_ESR_EL2] & 0x7f, FSC_ALIGNMENT);
    CHECK_EQ(cpu->x[0], 0x55);
}

static void test_undefined(void)
{
    static const uint32_t words[] = {
        0x99400020, /* ldapur w0, [x1]: FEAT_LRCPC2 not advertised */
        0xc8df7c20, /* ldlar x0, [x1]: FEAT_LOR not advertised */
        0x69000440, /* stgp x0, x1, [x2]: FEAT_MTE not advertised */
        0xf8200420, /* ldraa x0, [x1]: FEAT_PAuth not advertised */
        0xf8620820, /* ldr x0, [x1, w2, uxtb]: option<1> = 0 is reserved */
        0x68400440, /* ldnp with opc = 01 (no LDNPSW) */
        0x48217c64, /* casp x1, x2, x4, x5, [x3]: odd register pair */
        0xc8a27820, /* cas with Rt2 != 11111 */
        0xf8a2e020, /* atomic memory operation o3:opc = 1110 */
        0xb8c00420, /* ldrsw (post-index) with size 10, opc 11 */
        0xf8800420, /* prfm post-index: unallocated */
    };
    for (unsigned i = 0; i < ARRAY_SIZE(words); i++) {
        decoded_t d;
        decode_insn(&d, words[i]);
        if (d.fn != exec_undefined) printf("not UNDEFINED: 0x%08x\n", words[i]);
        CHECK(d.fn == exec_undefined);
    }
}

static void test_abort_iss(void)
{
    static const struct {
        uint32_t insn, iss;
    } cases[] = {
        {0xf9400420, 0x1c08000}, /* ldr x0, [x1, #8]: SAS 3, SF */
        {0x39c00020, 0x1200000}, /* ldrsb w0, [x1]: SSE */
        {0x79800420, 0x1608000}, /* ldrsh x0, [x1, #2]: SAS 1, SSE, SF */
        {0xf85f8020, 0x1c08000}, /* ldur x0, [x1, #-8] */
        {0xf862d820, 0x1c08000}, /* ldr x0, [x1, w2, sxtw #3] */
        {0x78226827, 0x1470000}, /* strh w7, [x1, x2]: SRT 7 */
        {0x78800823, 0x1638000}, /* ldtrsh x3, [x1] */
        {0x58000040, 0x1c08000}, /* ldr x0, literal */
        {0x98ffffe0, 0x1a08000}, /* ldrsw x0, literal */
        {0x88dffc22, 0x1824000}, /* ldar w2, [x1]: AR */
        {0xf8bfc025, 0x1c5c000}, /* ldapr x5, [x1] */
        {0x889ffc27, 0x1874000}, /* stlr w7, [x1] */
        {0xf8408c20, 0},         /* ldr x0, [x1, #8]!: writeback */
        {0xb85fc420, 0},         /* ldr w0, [x1], #-4 */
        {0xa9400440, 0},         /* ldp */
        {0xc85f7c20, 0},         /* ldxr */
        {0xc8037c20, 0},         /* stxr */
        {0xf8220020, 0},         /* ldadd */
        {0xc8a27c20, 0},         /* cas */
        {0xf9800020, 0},         /* prfm */
        {0x3dc00020, 0},         /* ldr q0 */
        {0xc8df7c20, 0},         /* ldlar */
    };
    for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
        CHECK_EQ(ldst_abort_iss(cases[i].insn), cases[i].iss);
}

int main(void)
{
    char err[256];
    m = machine_create(RAM_SIZE, 1, true, err, sizeof err);
    if (!m) {
        printf("machine_create: %s\n", err);
        return 1;
    }
    cpu = m->cpus[0];
    test_single();
    test_literal();
    test_fault_no_update();
    test_pairs();
    test_sp_alignment();
    test_exclusive();
    test_atomics();
    test_undefined();
    test_abort_iss();
    machine_destroy(m);
    return unit_report();
}
