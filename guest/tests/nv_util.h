/*
 * A small host hypervisor for the nv_* guest tests (FEAT_NV / FEAT_NV2: Arm ARM HCR_EL2.NV, NV1,
 * NV2 and VNCR_EL2; reference: shared/reference/nv2-and-timer.md).
 *
 * The host runs at EL2 (HCR_EL2.E2H = 0, or 1 when nv.e2h is set) and runs a "guest hypervisor" at
 * EL1 with the HCR_EL2 bits of a configuration. The guest hypervisor cannot use the library's EL1
 * vectors: under NV its ERET traps, and under NV1/NV2 its own accesses to ELR_EL1/SPSR_EL1/ESR_EL1
 * trap or go to the VNCR page. So its vector table (nv_el1_vectors) only does HVC #(0xE200 + vector
 * index): the host reads the real EL1 exception registers at EL2, records the exception and resumes
 * EL1 after the faulting instruction, turning an SPSR_EL1.M that reports EL2 back into EL1 (Arm ARM
 * I_ZJRNN, I_DBTLM). Every other exception taken from EL1 to EL2 is recorded as a trap (counted by
 * EC) and the instruction skipped, unless the test's hook handles it. The guest function returns to
 * a stub doing HVC #0xE1, which ends the run.
 */
#ifndef NV_UTIL_H
#define NV_UTIL_H

#include "test.h"

#define HCR_RW  (1ull << 31)
#define HCR_E2H (1ull << 34)
#define HCR_NV  (1ull << 42)
#define HCR_NV1 (1ull << 43)
#define HCR_AT  (1ull << 44)
#define HCR_NV2 (1ull << 45)

#define VNCR_EL2 SYS_REG(3, 4, 2, 2, 0)
/* The EL1 registers as the host names them at EL2 with E2H = 1 (_EL12 aliases). */
#define SPSR_EL12 SYS_REG(3, 5, 4, 0, 0)
#define ELR_EL12  SYS_REG(3, 5, 4, 0, 1)
#define ESR_EL12  SYS_REG(3, 5, 5, 2, 0)
#define FAR_EL12  SYS_REG(3, 5, 6, 0, 0)
#define VBAR_EL12 SYS_REG(3, 5, 12, 0, 0)

#define EC_ERET 0x1a

#define NV_HVC_RETURN 0xe1
#define NV_HVC_EL1EXC 0xe200 /* + vector index */

/* The VNCR page: each 64-bit slot holds a pattern naming its offset. */
static uint64_t nv_page[512] __attribute__((aligned(4096), unused));
#define NV_PATTERN_BASE 0xa5a5000000000000ull

static inline uint64_t nv_pattern(unsigned off)
{
    return NV_PATTERN_BASE | off;
}

static inline void nv_fill_page(void)
{
    for (unsigned i = 0; i < 512; i++)
        nv_page[i] = nv_pattern(i * 8);
    dsb(sy);
}

/* The offset a read value's pattern names, or -1. */
static inline int nv_pattern_offset(uint64_t v)
{
    return (v & ~0xff8ull) == NV_PATTERN_BASE ? (int)(v & 0xff8) : -1;
}

/* The first slot at or after off that no longer holds its pattern, or -1. */
static inline int nv_changed_slot(unsigned off)
{
    dsb(sy);
    for (unsigned i = off / 8; i < 512; i++)
        if (nv_page[i] != nv_pattern(i * 8)) return (int)(i * 8);
    return -1;
}

/* One exception the guest took: el 1 (taken at EL1, seen through the vector stub) or 2. */
struct nv_event {
    unsigned el;
    uint64_t esr, far, elr, spsr;
};

static struct {
    bool e2h;             /* host runs with HCR_EL2.E2H = 1 */
    uint64_t hcr;         /* HCR_EL2 while the guest runs */
    uint64_t spsr;        /* PSTATE the guest starts with (default EL1h, DAIF masked) */
    uint64_t entry;       /* EL1 vector base the run installs (default nv_el1_vectors) */
    uint64_t cnthctl_e2h; /* CNTHCTL_EL2 (E2H = 1 layout) while the guest runs with E2H = 1 */
    /*
     * HCR_EL2 of the host itself (default RW). With E2H set there, the host stays VHE: nv_run
     * switches neither CPTR_EL2 nor CNTHCTL_EL2 layouts.
     */
    uint64_t host_hcr;
    /*
     * Bits ORed into SCTLR_EL2 just before entering the guest (SCTLR_EL2.EE); the test's EL2
     * vectors must clear them before touching memory.
     */
    uint64_t sctlr_el2_or;
    /*
     * Test-specific handling of a trap from the guest (counted in ec_count) instead of the default
     * (record it, skip the instruction); true = handled.
     */
    bool (*hook)(struct exc_frame *f);
    unsigned taken; /* exceptions recorded (EL1 ones and EL2 traps) */
    struct nv_event last;
    unsigned ec_count[64]; /* traps to EL2 by EC (not the return HVC nor the EL1 stub HVCs) */
    uint64_t resume;
} nv;

extern char nv_el1_vectors[];
void nv_return_stub(void);
__asm__(".pushsection .text\n"
        ".balign 2048\n"
        "nv_el1_vectors:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        "hvc #(0xe200 + \\i)\n"
        "b .\n"
        ".endr\n"
        "nv_return_stub: hvc #0xe1\n"
        "b .\n"
        ".popsection");

/* The real EL1 registers, read or written by the host whatever its E2H. */
#define NV_EL1_READ(el1, el12) (nv.e2h ? read_sysreg(el12) : read_sysreg(el1))
#define NV_EL1_WRITE(v, el1, el12)                                                                 \
    do {                                                                                           \
        if (nv.e2h)                                                                                \
            write_sysreg(v, el12);                                                                 \
        else                                                                                       \
            write_sysreg(v, el1);                                                                  \
    } while (0)

/* An SPSR whose M[3:2] reports EL2 (the guest hypervisor's view) made to name EL1 again. */
static inline uint64_t nv_spsr_to_el1(uint64_t spsr)
{
    if (((spsr >> 2) & 3) == 2) spsr = (spsr & ~0xcull) | 0x4;
    return spsr;
}

static inline void nv_record(unsigned el, uint64_t esr, uint64_t far, uint64_t elr, uint64_t spsr)
{
    nv.last = (struct nv_event){el, esr, far, elr, spsr};
    nv.taken++;
}

/* Makes the exception return end the run: the host continues after nv_run's ERET. */
static inline void nv_end_run(struct exc_frame *f)
{
    f->elr = nv.resume;
    f->spsr = 0x3c9; /* EL2h, DAIF masked */
}

static inline void nv_host_handler(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr), iss = ESR_ISS(f->esr);

    if (f->el != 2 || f->vector / 4 != EXC_SOURCE_LOWER_A64) {
        printf("nv: unexpected exception\n");
        exc_print(f);
        exit(1);
    }
    if (ec == EC_HVC64 && iss == NV_HVC_RETURN) {
        nv_end_run(f);
        return;
    }
    if (ec == EC_HVC64 && (iss & 0xff00) == NV_HVC_EL1EXC) {
        uint64_t esr = NV_EL1_READ(esr_el1, ESR_EL12), elr = NV_EL1_READ(elr_el1, ELR_EL12);
        uint64_t spsr = NV_EL1_READ(spsr_el1, SPSR_EL12);
        nv_record(1, esr, NV_EL1_READ(far_el1, FAR_EL12), elr, spsr);
        unsigned eec = ESR_EC(esr);
        f->elr = elr + (eec == EC_SVC64 || eec == EC_HVC64 ? 0 : 4);
        f->spsr = nv_spsr_to_el1(spsr);
        return;
    }
    nv.ec_count[ec]++;
    if (nv.hook && nv.hook(f)) return;
    nv_record(2, f->esr, f->far, f->elr, f->spsr);
    exc_skip_instruction(f);
}

static uint64_t nv_el1_stack[2048] __attribute__((aligned(16), unused));
static uint64_t nv_el0_stack[1024] __attribute__((aligned(16), unused));

/*
 * Runs fn at EL1 (or at the EL of nv.spsr) with HCR_EL2 = nv.hcr | RW (| E2H); fn returns to the
 * HVC #0xE1 stub. x19-x29 survive (fn follows the procedure call standard).
 */
static inline void nv_run(void (*fn)(void))
{
    uint64_t hcr = nv.hcr | HCR_RW | (nv.e2h ? HCR_E2H : 0);
    uint64_t spsr = nv.spsr ? nv.spsr : 0x3c5;
    uint64_t host_hcr = nv.host_hcr ? nv.host_hcr : HCR_RW;
    bool switch_e2h = nv.e2h && !(host_hcr & HCR_E2H);
    exc_handler_t old = set_sync_handler(nv_host_handler);

    nv.taken = 0;
    for (unsigned i = 0; i < 64; i++)
        nv.ec_count[i] = 0;
    write_sysreg(hcr, hcr_el2);
    isb();
    /* CPTR_EL2 has the CPACR layout with E2H = 1: FPEN = 3 leaves FP untrapped. */
    if (switch_e2h) {
        write_sysreg(3ull << 20, cptr_el2);
        write_sysreg(nv.cnthctl_e2h, cnthctl_el2);
    }
    NV_EL1_WRITE(nv.entry ? nv.entry : (uint64_t)nv_el1_vectors, vbar_el1, VBAR_EL12);
    isb();
    lower_el_enter(fn, spsr, &nv_el0_stack[1024], &nv_el1_stack[2048], nv_return_stub, &nv.resume,
                   nv.sctlr_el2_or);
    write_sysreg(host_hcr, hcr_el2);
    isb();
    if (switch_e2h) {
        write_sysreg(0x33ff, cptr_el2);
        write_sysreg(0x3, cnthctl_el2); /* EL1PCTEN | EL1PCEN, E2H = 0 layout */
    }
    isb();
    set_sync_handler(old);
}

/* MRS / MSR / SYS Xt with these fields (Arm ARM C5.1: L is bit 21, op0 bits 20:19). */
static inline uint32_t nv_insn(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                               bool read, unsigned xt)
{
    return 0xd5000000u | (read ? 1u << 21 : 0) | (uint32_t)op0 << 19 | (uint32_t)op1 << 16 |
           (uint32_t)crn << 12 | (uint32_t)crm << 8 | (uint32_t)op2 << 5 | xt;
}

/* A routine rebuilt for each access: one instruction on X0, then RET. */
static uint32_t nv_code[2] __attribute__((aligned(64), unused));
static uint64_t nv_value __attribute__((unused)); /* X0 in and out */

static inline void nv_patch(uint32_t insn)
{
    nv_code[0] = insn;
    nv_code[1] = 0xd65f03c0u; /* RET */
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" ::"r"(nv_code)
                     : "memory");
}

/* Runs the routine with X0 = nv_value in and out (at EL1 in nv_run, or at EL2). */
static inline void nv_call_code(void)
{
    register uint64_t x0 __asm__("x0") = nv_value;
    __asm__ volatile("blr %1" : "+r"(x0) : "r"(nv_code) : "x30", "memory", "cc");
    nv_value = x0;
}

/* The ISS of EC 0x18 for MRS/MSR/SYS with these fields (Arm ARM D24.2, ESR_ELx, ISS encoding). */
static inline uint32_t nv_sysreg_iss(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                     unsigned op2, unsigned rt, bool read)
{
    return (uint32_t)op0 << 20 | (uint32_t)op2 << 17 | (uint32_t)op1 << 14 | (uint32_t)crn << 10 |
           (uint32_t)rt << 5 | (uint32_t)crm << 1 | (read ? 1u : 0u);
}

/*
 * Emulation of a trapped MRS/MSR of the guest hypervisor's EL2 state (EC 0x18, FEAT_NV without NV2,
 * or registers without a VNCR slot): ELR/SPSR/ESR/FAR_EL2 are the real EL1 registers, as NV2 makes
 * them in hardware (the guest hypervisor's own exceptions are taken to the real EL1), VBAR_EL2 is
 * the real VBAR_EL1 (its vectors); any other register is kept in nv_shadow. Returns false if the
 * shadow is full.
 */
#define NV_KEY(op0, op1, crn, crm, op2)                                                            \
    ((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define NV_SHADOW_MAX 32
static struct {
    uint32_t key;
    uint64_t value;
} nv_shadow[NV_SHADOW_MAX] __attribute__((unused));
static unsigned nv_nshadow __attribute__((unused));

static inline uint64_t *nv_shadow_reg(uint32_t key)
{
    for (unsigned i = 0; i < nv_nshadow; i++)
        if (nv_shadow[i].key == key) return &nv_shadow[i].value;
    if (nv_nshadow == NV_SHADOW_MAX) return NULL;
    nv_shadow[nv_nshadow].key = key;
    nv_shadow[nv_nshadow].value = 0;
    return &nv_shadow[nv_nshadow++].value;
}

static inline bool nv_emulate_sysreg(struct exc_frame *f)
{
    uint32_t iss = ESR_ISS(f->esr);
    unsigned rt = (iss >> 5) & 31;
    bool read = iss & 1;
    uint64_t v = rt == 31 ? 0 : f->x[rt];

    switch (iss & 0x3ffc1e) {
    case NV_KEY(3, 4, 4, 0, 1):
        if (read)
            v = NV_EL1_READ(elr_el1, ELR_EL12);
        else
            NV_EL1_WRITE(v, elr_el1, ELR_EL12);
        break;
    case NV_KEY(3, 4, 4, 0, 0):
        if (read)
            v = NV_EL1_READ(spsr_el1, SPSR_EL12);
        else
            NV_EL1_WRITE(v, spsr_el1, SPSR_EL12);
        break;
    case NV_KEY(3, 4, 5, 2, 0):
        if (read)
            v = NV_EL1_READ(esr_el1, ESR_EL12);
        else
            NV_EL1_WRITE(v, esr_el1, ESR_EL12);
        break;
    case NV_KEY(3, 4, 6, 0, 0):
        if (read)
            v = NV_EL1_READ(far_el1, FAR_EL12);
        else
            NV_EL1_WRITE(v, far_el1, FAR_EL12);
        break;
    case NV_KEY(3, 4, 12, 0, 0):
        if (read)
            v = NV_EL1_READ(vbar_el1, VBAR_EL12);
        else
            NV_EL1_WRITE(v, vbar_el1, VBAR_EL12);
        break;
    default: {
        uint64_t *s = nv_shadow_reg(iss & 0x3ffc1e);
        if (!s) return false;
        if (read)
            v = *s;
        else
            *s = v;
    }
    }
    if (read && rt != 31) f->x[rt] = v;
    f->elr += 4;
    return true;
}

#endif
