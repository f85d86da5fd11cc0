/*
 * FEAT_NV2: the byte order of the transformed accesses to the VNCR page is SCTLR_EL2.EE's (they
 * are EL2 data accesses), not the guest hypervisor's SCTLR_EL1.EE (Arm ARM VNCR_EL2 and the NV2
 * memory-access pseudocode; reference nv2-and-timer.md sections 5.2 and 11.4).
 * With mixed-endian support (ID_AA64MMFR0_EL1.BigEnd != 0, as QEMU's max CPU) the host sets
 * SCTLR_EL2.EE = 1 just before entering the guest hypervisor (NVx = 111, SCTLR_EL1.EE = 0), whose
 * MSR VTTBR_EL2 must store slot 0x020 big-endian and MRS HCR_EL2 load slot 0x078 big-endian; the
 * host's EL2 vectors clear EE before the library's vectors touch memory. Without it (BigEnd = 0,
 * SCTLR_EL2.EE RES0 for a little-endian implementation) EE must read 0 and the slots be
 * little-endian.
 *
 * guest-test-qemu: skip QEMU has FEAT_MixedEnd, avsim has not: the outputs differ by design
 * guest-test-cflags: -mgeneral-regs-only
 */
#include "nv_util.h"

#define SCTLR_EE (1ull << 25)

extern char nv_ee_vectors[], vectors_el2[];
__asm__(".pushsection .text\n"
        ".balign 2048\n"
        "nv_ee_vectors:\n"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
        ".balign 0x80\n"
        "msr tpidr_el2, x0\n"
        "mrs x0, sctlr_el2\n"
        "bic x0, x0, #(1 << 25)\n"
        "msr sctlr_el2, x0\n"
        "isb\n"
        "mrs x0, tpidr_el2\n"
        "b vectors_el2 + \\i * 0x80\n"
        ".endr\n"
        ".popsection");

static uint64_t guest_read, sctlr_seen;
static void guest(void)
{
    uint64_t v = 0x0102030405060708ull, r;
    __asm__ volatile("msr vttbr_el2, %1\n\tmrs %0, hcr_el2" : "=&r"(r) : "r"(v) : "memory");
    guest_read = r;
}

int main(void)
{
    CHECK_EQ(current_el(), 2);
    unsigned bigend = (read_sysreg(id_aa64mmfr0_el1) >> 8) & 0xf;
    printf("ID_AA64MMFR0_EL1.BigEnd %u\n", bigend);

    nv_fill_page();
    nv_page[0x078 / 8] = 0x1122334455667788ull;
    dsb(sy);
    write_sysreg((uint64_t)nv_page, VNCR_EL2);
    write_sysreg(nv_ee_vectors, vbar_el2);
    isb();
    nv.hcr = HCR_NV | HCR_NV1 | HCR_NV2;
    nv.sctlr_el2_or = SCTLR_EE;
    nv_run(guest);
    nv.sctlr_el2_or = 0;
    write_sysreg(vectors_el2, vbar_el2);
    isb();
    /* What EE was while the guest ran: set again, read back, cleared. */
    write_sysreg(read_sysreg(sctlr_el2) | SCTLR_EE, sctlr_el2);
    isb();
    __asm__ volatile("mrs %0, sctlr_el2\n\t"
                     "bic x9, %0, #(1 << 25)\n\t"
                     "msr sctlr_el2, x9\n\t"
                     "isb"
                     : "=&r"(sctlr_seen)
                     :
                     : "x9", "memory");
    bool ee = sctlr_seen & SCTLR_EE;
    printf("SCTLR_EL2.EE written 1 reads %u\n", ee);
    printf("111: MSR VTTBR_EL2 0x0102030405060708 -> slot 0x%016lx\n", nv_page[0x020 / 8]);
    printf("111: slot 0x1122334455667788 -> MRS HCR_EL2 0x%016lx\n", guest_read);
    CHECK_EQ(nv.taken, 0);
    CHECK_EQ(ee, bigend != 0);
    CHECK_EQ(nv_page[0x020 / 8], ee ? 0x0807060504030201ull : 0x0102030405060708ull);
    CHECK_EQ(guest_read, ee ? 0x8877665544332211ull : 0x1122334455667788ull);
    return test_summary();
}
