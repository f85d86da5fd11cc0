/*
 * System instructions at EL2 (run with virtualization=on): hints, barriers,
 * MRS/MSR of special-purpose registers, MSR immediate, exception generation
 * (SVC, HVC, BRK, HLT, UDF), PSCI through SMC, ERET to EL1 and back, illegal
 * exception return, PC alignment and data aborts. Syndromes are printed so
 * that the comparison with QEMU checks every ESR bit.
 */
#include "test.h"

static void test_hints_and_barriers(void)
{
    uint64_t lr_before, lr_after;
    /* Unadvertised or pointer-authentication hints must leave state unchanged here. */
    __asm__ volatile("mov %x0, x30\n\t"
                     "nop\n\tyield\n\tsevl\n\twfe\n\t"
                     "hint #0x22\n\t" /* BTI c */
                     "hint #0x19\n\t" /* PACIASP */
                     "hint #0x1d\n\t" /* AUTIASP */
                     "hint #0x14\n\t" /* CSDB */
                     "dsb sy\n\tdmb ish\n\tisb\n\tclrex\n\t"
                     "mov %x1, x30"
                     : "=&r"(lr_before), "=&r"(lr_after));
    CHECK_EQ(lr_after, lr_before);
}

static void test_special_registers(void)
{
    CHECK_EQ(current_el(), 2);

    write_sysreg(0xA0000000ull, nzcv);
    CHECK_EQ(read_sysreg(nzcv), 0xA0000000ull);
    write_sysreg(0xFFFFFFFFull, nzcv); /* only bits [31:28] exist */
    CHECK_EQ(read_sysreg(nzcv), 0xF0000000ull);

    uint64_t daif = read_sysreg(daif);
    __asm__ volatile("msr daifclr, #0xf");
    CHECK_EQ(read_sysreg(daif), 0);
    __asm__ volatile("msr daifset, #0x5");
    CHECK_EQ(read_sysreg(daif), 0x140);
    write_sysreg(daif, daif);
    CHECK_EQ(read_sysreg(daif), daif);

    write_sysreg(0x1122334455667788ull, tpidr_el0);
    CHECK_EQ(read_sysreg(tpidr_el0), 0x1122334455667788ull);
    write_sysreg(0x8877665544332211ull, tpidr_el2);
    CHECK_EQ(read_sysreg(tpidr_el2), 0x8877665544332211ull);

    /* SPSel: with SPSel = 0 the stack pointer is SP_EL0. */
    uint64_t sp_el0_view, spsel;
    __asm__ volatile("msr sp_el0, %x2\n\t"
                     "msr spsel, #0\n\t"
                     "mov %x0, sp\n\t"
                     "mrs %x1, spsel\n\t"
                     "msr spsel, #1"
                     : "=&r"(sp_el0_view), "=&r"(spsel)
                     : "r"(0x40123450ull));
    CHECK_EQ(sp_el0_view, 0x40123450ull);
    CHECK_EQ(spsel, 0);
    CHECK_EQ(read_sysreg(spsel), 1);

    /* VBAR bits [10:0] are RES0; [4:0] read as zero on avsim and QEMU alike. */
    uint64_t vbar = read_sysreg(vbar_el1);
    write_sysreg(0x40000fffull, vbar_el1);
    CHECK_EQ(read_sysreg(vbar_el1) & 0x1f, 0);
    write_sysreg(vbar, vbar_el1);
}

static void show(const char *what, const struct exc_frame *f, uint64_t expected_elr)
{
    printf("%s: EC=0x%02x IL=%u ISS=0x%07x elr_ok=%d\n", what, (unsigned)ESR_EC(f->esr),
           (unsigned)((f->esr >> 25) & 1), (unsigned)ESR_ISS(f->esr), f->elr == expected_elr);
}

static void test_exception_generation(void)
{
    struct exc_frame f;
    uint64_t at;

    exc_catch_begin();
    __asm__ volatile("adr %x0, 1f\n1: svc #0x1234" : "=r"(at));
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_SVC64);
    show("svc", &f, at + 4);

    exc_catch_begin();
    __asm__ volatile("adr %x0, 1f\n1: hvc #0xbeef" : "=r"(at));
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_HVC64);
    show("hvc", &f, at + 4);

    exc_catch_begin();
    __asm__ volatile("adr %x0, 1f\n1: brk #0x77" : "=r"(at));
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(ESR_EC(f.esr), EC_BRK64);
    show("brk", &f, at); /* BRK reports itself as the preferred return */

    exc_catch_begin();
    __asm__ volatile("adr %x0, 1f\n1: hlt #0x1" : "=r"(at));
    CHECK_EQ(exc_catch_end(&f), 1);
    show("hlt #1", &f, at);

    exc_catch_begin();
    __asm__ volatile("adr %x0, 1f\n1: udf #0x42" : "=r"(at));
    CHECK_EQ(exc_catch_end(&f), 1);
    show("udf", &f, at);

    exc_catch_begin();
    __asm__ volatile("mrs x0, s3_0_c15_c15_7" ::: "x0"); /* IMPLEMENTATION DEFINED space */
    CHECK_EQ(exc_catch_end(&f), 1);
    show("mrs impdef", &f, f.elr);

    exc_catch_begin();
    __asm__ volatile("mrs x0, s3_6_c1_c1_0" ::: "x0"); /* SCR_EL3 without EL3 */
    CHECK_EQ(exc_catch_end(&f), 1);
    show("mrs scr_el3", &f, f.elr);
}

static void test_psci(void)
{
    CHECK_EQ(psci_call(PSCI_VERSION, 0, 0, 0), 0x10001);
    CHECK_EQ(psci_call(PSCI_FEATURES, PSCI_CPU_ON, 0, 0), PSCI_SUCCESS);
    CHECK_EQ(psci_call(PSCI_FEATURES, 0x84000005u, 0, 0), PSCI_NOT_SUPPORTED); /* MIGRATE */
    CHECK_EQ(psci_call(0x8400ff00u, 0, 0, 0), PSCI_NOT_SUPPORTED);
    CHECK_EQ(psci_call(PSCI_AFFINITY_INFO, 0, 0, 0), 0); /* CPU 0 is on */
}

/* ---- ERET to EL1, HVC back to EL2 ---- */

static volatile uint64_t resume_el2;
static struct exc_frame hvc_frame;

static void hvc_to_el2(struct exc_frame *f)
{
    hvc_frame = *f;
    f->spsr = 0x3c9; /* EL2h, DAIF masked */
    f->elr = resume_el2;
}

static void test_eret_and_lower_el(void)
{
    uint64_t el_seen, x_kept;
    exc_handler_t old = set_sync_handler(hvc_to_el2);
    /* EL1 is AArch64 (HCR_EL2.RW); QEMU also implements AArch32 EL1, where RW resets to 0. */
    uint64_t hcr = read_sysreg(hcr_el2);
    write_sysreg(hcr | (1ull << 31), hcr_el2);
    isb();
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%x2]\n\t"
                     "adr x9, 1f\n\t"
                     "msr elr_el2, x9\n\t"
                     "mov x9, #0x3c5\n\t" /* EL1h, DAIF masked */
                     "msr spsr_el2, x9\n\t"
                     "mov x11, #0x5a\n\t"
                     "eret\n"
                     "1: mrs %x0, CurrentEL\n\t"
                     "hvc #0x55\n\t"
                     "mov x11, #0\n" /* skipped: the handler resumes at 2 */
                     "2: mov %x1, x11"
                     : "=&r"(el_seen), "=&r"(x_kept)
                     : "r"(&resume_el2)
                     : "x9", "x11", "memory");
    set_sync_handler(old);
    write_sysreg(hcr, hcr_el2);
    CHECK_EQ(el_seen, 1 << 2);
    CHECK_EQ(x_kept, 0x5a);
    CHECK_EQ(ESR_EC(hvc_frame.esr), EC_HVC64);
    CHECK_EQ(ESR_ISS(hvc_frame.esr), 0x55);
    CHECK_EQ(hvc_frame.vector, EXC_SOURCE_LOWER_A64 * 4 + EXC_SYNC);
    CHECK_EQ(hvc_frame.spsr & 0x3ff, 0x3c5);
    CHECK_EQ(current_el(), 2);
}

/* ---- Illegal exception return: ERET to EL3 sets PSTATE.IL; the next instruction faults. ---- */

static void clear_il(struct exc_frame *f)
{
    hvc_frame = *f;
    f->spsr &= ~(1ull << 20); /* returning with PSTATE.IL set would fault again */
    f->elr += 4;
}

static void test_illegal_return(void)
{
    exc_handler_t old = set_sync_handler(clear_il);
    __asm__ volatile("adr x9, 1f\n\t"
                     "msr elr_el2, x9\n\t"
                     "mov x9, #0x3cd\n\t" /* EL3h: not implemented */
                     "msr spsr_el2, x9\n\t"
                     "eret\n"
                     "1: nop\n\t"
                     "nop"
                     :
                     :
                     : "x9", "memory");
    set_sync_handler(old);
    CHECK_EQ(ESR_EC(hvc_frame.esr), EC_ILLEGAL);
    printf("illegal return: EC=0x%02x spsr.IL=%u spsr.M=0x%x\n", (unsigned)ESR_EC(hvc_frame.esr),
           (unsigned)((hvc_frame.spsr >> 20) & 1), (unsigned)(hvc_frame.spsr & 0xf));
}

/* ---- Aborts ---- */

static void resume_at_x30(struct exc_frame *f)
{
    hvc_frame = *f;
    f->elr = f->x[30];
}

static void test_aborts(void)
{
    struct exc_frame f;
    exc_handler_t old = set_sync_handler(resume_at_x30);
    uint64_t target = 0x40100002ull;
    __asm__ volatile("adr x30, 1f\n\t"
                     "br %x0\n"
                     "1:"
                     :
                     : "r"(target)
                     : "x30", "memory");
    set_sync_handler(old);
    CHECK_EQ(ESR_EC(hvc_frame.esr), EC_PC_ALIGN);
    CHECK_EQ(hvc_frame.far, target);
    printf("pc alignment: EC=0x%02x ISS=0x%x\n", (unsigned)ESR_EC(hvc_frame.esr),
           (unsigned)ESR_ISS(hvc_frame.esr));

    /* Just past the end of 128 MiB of RAM: nothing is mapped there. */
    volatile uint64_t *hole = (volatile uint64_t *)0x48000000ull;
    exc_catch_begin();
    (void)*hole;
    CHECK_EQ(exc_catch_end(&f), 1);
    CHECK_EQ(f.far, 0x48000000ull);
    printf("read past RAM: EC=0x%02x ISS=0x%x\n", (unsigned)ESR_EC(f.esr),
           (unsigned)ESR_ISS(f.esr));
    exc_catch_begin();
    *hole = 1;
    CHECK_EQ(exc_catch_end(&f), 1);
    printf("write past RAM: EC=0x%02x ISS=0x%x\n", (unsigned)ESR_EC(f.esr),
           (unsigned)ESR_ISS(f.esr));

    /* A VA beyond the physical address range (avsim: 48 bits, QEMU max: 52) with the MMU off. */
    exc_catch_begin();
    (void)*(volatile uint64_t *)0x0020000000000000ull;
    CHECK_EQ(exc_catch_end(&f), 1);
    printf("read beyond PA range: EC=0x%02x ISS=0x%x\n", (unsigned)ESR_EC(f.esr),
           (unsigned)ESR_ISS(f.esr));
}

int main(void)
{
    test_hints_and_barriers();
    test_special_registers();
    test_exception_generation();
    test_psci();
    test_eret_and_lower_el();
    test_illegal_return();
    test_aborts();
    return test_summary();
}
