/*
 * Running single instructions at EL1 or EL0 for the FEAT_FGT and FEAT_HCX tests (Arm ARM
 * D24.2.67-75: HFGRTR_EL2, HFGWTR_EL2, HFGITR_EL2, HDFGRTR_EL2, HDFGWTR_EL2).
 *
 * The program stays at EL2 (HCR_EL2.E2H = 0). fgt_run() enters an instruction's routine at EL1 or
 * EL0 with a given HCR_EL2 and records every exception it causes, whichever EL takes it. EL1's
 * vector table only does HVC #(0xE200 + vector index), so that nothing at EL1 reads ESR_EL1 or
 * executes ERET (registers and instructions the fine-grained traps under test cover): the EL2
 * handler reads the EL1 exception registers itself and returns straight to where the exception
 * came from. A routine returns with RET to a stub that does HVC #0xE1 (EL1) or SVC #0xE0 (EL0,
 * taken to EL1, or to EL2 under HCR_EL2.TGE or HFGITR_EL2.SVC_EL0), which ends the run.
 *
 * Each routine (FGT_FN) is assembly: optional set-up, then the instruction under test at the
 * label NAME_at, then RET. The handler resumes after NAME_at, except for an SVC or HVC that
 * already returns after it (ELR = the next instruction), so it also tells whether ELR pointed at
 * the instruction: HFGITR_EL2.SVC_EL0/SVC_EL1 return to the SVC itself. After an instruction
 * abort it resumes at X30: a routine that executes elsewhere does so with BLR.
 */
#ifndef FGT_UTIL_H
#define FGT_UTIL_H

#include "test.h"

#define HCR_RW   (1ull << 31)
#define HCR_FMO  (1ull << 3)
#define HCR_IMO  (1ull << 4)
#define HCR_TID1 (1ull << 16)
#define HCR_TID2 (1ull << 17)
#define HCR_TSW  (1ull << 22)
#define HCR_TPCP (1ull << 23)
#define HCR_TPU  (1ull << 24)
#define HCR_TTLB (1ull << 25)
#define HCR_TVM  (1ull << 26)
#define HCR_TGE  (1ull << 27)
#define HCR_TDZ  (1ull << 28)
#define HCR_TRVM (1ull << 30)
#define HCR_E2H  (1ull << 34)
#define HCR_NV   (1ull << 42)
#define HCR_NV1  (1ull << 43)
#define HCR_AT   (1ull << 44)
#define HCR_NV2  (1ull << 45)

#define HFGRTR_EL2  SYS_REG(3, 4, 1, 1, 4)
#define HFGWTR_EL2  SYS_REG(3, 4, 1, 1, 5)
#define HFGITR_EL2  SYS_REG(3, 4, 1, 1, 6)
#define HDFGRTR_EL2 SYS_REG(3, 4, 3, 1, 4)
#define HDFGWTR_EL2 SYS_REG(3, 4, 3, 1, 5)
#define VNCR_EL2    SYS_REG(3, 4, 2, 2, 0)
#define ESR_EL12    SYS_REG(3, 5, 5, 2, 0)
#define ELR_EL12    SYS_REG(3, 5, 4, 0, 1)
#define SPSR_EL12   SYS_REG(3, 5, 4, 0, 0)
#define FAR_EL12    SYS_REG(3, 5, 6, 0, 0)

/* SCTLR_EL1 (and SCTLR_EL2 with E2H = 1) EL0 enables: DC ZVA, CTR_EL0, cache maintenance. */
#define SCTLR_DZE (1ull << 14)
#define SCTLR_UCT (1ull << 15)
#define SCTLR_UCI (1ull << 26)

#define MDCR_TDA   (1ull << 9)
#define MDCR_TDOSA (1ull << 10)
#define MDCR_TDCC  (1ull << 27)
#define MDSCR_TDCC (1ull << 12)
#define CPTR_TCPAC (1ull << 31)

#define EC_ERET 0x1a

/* The five FGT registers, as indexes. */
enum { FGR, FGW, FGI, FDR, FDW, FG_NREGS };
static const char *const fgt_names[FG_NREGS] = {"HFGRTR", "HFGWTR", "HFGITR", "HDFGRTR", "HDFGWTR"};

static inline void fgt_set(const uint64_t v[FG_NREGS])
{
    write_sysreg(v[FGR], HFGRTR_EL2);
    write_sysreg(v[FGW], HFGWTR_EL2);
    write_sysreg(v[FGI], HFGITR_EL2);
    write_sysreg(v[FDR], HDFGRTR_EL2);
    write_sysreg(v[FDW], HDFGWTR_EL2);
    isb();
}

/* Only bit `bit` of register `reg` set (reg < 0: all clear). */
static inline void fgt_only(int reg, unsigned bit)
{
    uint64_t v[FG_NREGS] = {0};
    if (reg >= 0) v[reg] = 1ull << bit;
    fgt_set(v);
}

/* Every bit of every FGT register set except bit `bit` of register `reg`. */
static inline void fgt_all_but(int reg, unsigned bit)
{
    uint64_t v[FG_NREGS] = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
    if (reg >= 0) v[reg] &= ~(1ull << bit);
    fgt_set(v);
}

static inline void fgt_clear(void)
{
    fgt_only(-1, 0);
}

/* FGT_FN(name, setup, insn): void name(void) runs `setup` then `insn` at the label name_at. */
#define FGT_FN(name, setup, insn)                                                                  \
    void name(void);                                                                               \
    extern char name##_at[];                                                                       \
    __asm__(".pushsection .text\n.balign 4\n" #name ":\n" setup "\n" #name "_at: " insn            \
            "\n\tret\n.popsection")

/* Set-up fragments: x0 = fgt_wval (the value a write stores), x0 = &fgt_scratch (for DC/IC/AT). */
#define SETUP_WVAL    "\tadrp x0, fgt_wval\n\tldr x0, [x0, :lo12:fgt_wval]"
#define SETUP_SCRATCH "\tadrp x0, fgt_scratch\n\tadd x0, x0, :lo12:fgt_scratch"
uint64_t fgt_wval;
uint64_t fgt_scratch[64] __attribute__((aligned(256)));
uint64_t fgt_result; /* routines that read store what they read here */

/* One exception: el 1 or 2, syndrome, ELR relative to the instruction under test, FAR. */
struct fgt_event {
    unsigned el;
    uint64_t esr;
    int64_t elr_off;
    uint64_t far;
};
struct fgt_result {
    unsigned taken;
    struct fgt_event last;
};

extern char fgt_el1_vectors[];
void fgt_el1_return(void);
void fgt_el0_return(void);
__asm__(".pushsection .text\n"
        ".balign 2048\n"
        "fgt_el1_vectors:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        "hvc #(0xe200 + \\i)\n"
        "b .\n"
        ".endr\n"
        "fgt_el1_return: hvc #0xe1\n"
        "b .\n"
        "fgt_el0_return: svc #0xe0\n"
        "b .\n"
        ".popsection");

static struct {
    uint64_t at; /* the instruction under test */
    uint64_t resume;
    struct fgt_result r;
} fgt_run_state;
static uint64_t fgt_el0_stack[1024] __attribute__((aligned(16)));
static uint64_t fgt_el1_stack[1024] __attribute__((aligned(16)));

/* Where to resume after an exception at elr: past the instruction under test unless ELR already
 * is (SVC, HVC); after an instruction abort, at X30 (the routine branched there with BLR). */
static inline uint64_t fgt_resume_at(uint64_t elr, uint64_t esr, uint64_t x30)
{
    unsigned ec = ESR_EC(esr);
    if (ec == EC_IABT_LOWER || ec == EC_IABT_CURRENT) return x30;
    if ((ec == EC_SVC64 || ec == EC_HVC64) && elr != fgt_run_state.at) return elr;
    return elr + 4;
}

static inline void fgt_record(unsigned el, uint64_t esr, uint64_t elr, uint64_t far)
{
    fgt_run_state.r.taken++;
    fgt_run_state.r.last = (struct fgt_event){el, esr, (int64_t)(elr - fgt_run_state.at), far};
}

static inline void fgt_end_run(struct exc_frame *f)
{
    f->elr = fgt_run_state.resume;
    f->spsr = 0x3c9; /* EL2h, DAIF masked */
}

static inline void fgt_handler(struct exc_frame *f)
{
    unsigned ec = ESR_EC(f->esr), iss = ESR_ISS(f->esr);

    if (f->el != 2 || f->vector / 4 != EXC_SOURCE_LOWER_A64) {
        printf("fgt: unexpected exception\n");
        exc_print(f);
        exit(1);
    }
    if ((ec == EC_HVC64 && iss == 0xe1) || (ec == EC_SVC64 && iss == 0xe0)) {
        fgt_end_run(f);
        return;
    }
    if (ec == EC_HVC64 && (iss & 0xff00) == 0xe200) {
        /* Taken to EL1: its registers, through the _EL12 names while E2H = 1. */
        bool e2h = read_sysreg(hcr_el2) & HCR_E2H;
        uint64_t esr = e2h ? read_sysreg(ESR_EL12) : read_sysreg(esr_el1);
        uint64_t elr = e2h ? read_sysreg(ELR_EL12) : read_sysreg(elr_el1);
        uint64_t spsr = e2h ? read_sysreg(SPSR_EL12) : read_sysreg(spsr_el1);
        uint64_t far = e2h ? read_sysreg(FAR_EL12) : read_sysreg(far_el1);
        if (ESR_EC(esr) == EC_SVC64 && ESR_ISS(esr) == 0xe0) {
            fgt_end_run(f);
            return;
        }
        fgt_record(1, esr, elr, far);
        f->elr = fgt_resume_at(elr, esr, f->x[30]);
        /* Under HCR_EL2.NV, SPSR_EL1.M reports EL2 for EL1 (Arm ARM I_ZJRNN): return to EL1. */
        if (((spsr >> 2) & 3) == 2) spsr = (spsr & ~0xcull) | 0x4;
        f->spsr = spsr;
        return;
    }
    fgt_record(2, f->esr, f->elr, f->far);
    f->elr = fgt_resume_at(f->elr, f->esr, f->x[30]);
}

/* Runs fn at EL (1 or 0) with HCR_EL2 = hcr | RW; back at EL2 with HCR_EL2 = RW. */
static inline struct fgt_result fgt_run(void (*fn)(void), const void *at, unsigned el, uint64_t hcr)
{
    exc_handler_t old = set_sync_handler(fgt_handler);
    fgt_run_state.at = (uint64_t)at;
    fgt_run_state.r.taken = 0;
    write_sysreg((uint64_t)fgt_el1_vectors, vbar_el1);
    write_sysreg(hcr | HCR_RW, hcr_el2);
    isb();
    lower_el_enter(fn, el ? 0x3c5 : 0x3c0, &fgt_el0_stack[1024], &fgt_el1_stack[1024],
                   el ? fgt_el1_return : fgt_el0_return, &fgt_run_state.resume, 0);
    write_sysreg(HCR_RW, hcr_el2);
    isb();
    set_sync_handler(old);
    return fgt_run_state.r;
}

/* The ESR an MRS/MSR/SYS instruction word traps with (EC 0x18, IL; Arm ARM D24.2 ESR_ELx ISS
 * encoding for EC 0x18), an SVC (EC 0x15, imm16) or an ERET (EC 0x1A, ISS 0). */
static inline uint64_t fgt_expected_esr(uint32_t insn)
{
    if ((insn & 0xffe0001f) == 0xd4000001) return 0x56000000u | ((insn >> 5) & 0xffff);
    if (insn == 0xd69f03e0) return 0x6a000000u;
    unsigned op0 = (insn >> 19) & 3, op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15;
    unsigned crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7, rt = insn & 31;
    unsigned read = (insn >> 21) & 1;
    return 0x62000000u | op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | read;
}

/* Prints one outcome: "none", or "EL<n> ESR 0x... ELR <+off>". */
static inline void fgt_print(const struct fgt_result *r)
{
    if (!r->taken) {
        printf("none");
        return;
    }
    printf("EL%u ESR 0x%08lx ELR %s", r->last.el, (unsigned long)r->last.esr,
           r->last.elr_off == 0   ? "insn"
           : r->last.elr_off == 4 ? "insn+4"
                                  : "elsewhere");
    if (r->taken != 1) printf(" (%u exceptions)", r->taken);
}

#endif
