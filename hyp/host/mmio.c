/*
 * Trapped MMIO: a guest data access to an IPA that stage 2 leaves unmapped and that a device
 * claims. The data abort's instruction syndrome (Arm ARM D24.2.44, ISS for data aborts) says what
 * the instruction did: ISV = 1 means SAS (size), SSE (sign-extend), SRT (register), SF (64-bit
 * register) and WnR (write) are valid, so the host can perform the access for the guest and step
 * over the instruction. Accesses without a syndrome (load/store pair, writeback forms, SIMD) get
 * a synchronous External abort, as KVM refuses them too.
 *
 * The console is a PL011-compatible subset at IPA 0x09000000 (where the virt board's UART is, so
 * guest/lib's UART code works unchanged): a write to DR (offset 0) sends the byte to the host's
 * UART, FR (offset 0x18) reads "transmit FIFO empty, receive FIFO empty", everything else is
 * RAZ/WI. There is no input.
 */
#include "hyp.h"

#define UART_DR      0x00
#define UART_FR      0x18
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFE (1u << 7)

static volatile int console_lock;

static bool console_access(uint64_t ipa, bool write, uint64_t *val)
{
    if (ipa - GUEST_UART_IPA >= GUEST_UART_SIZE) return false;
    uint64_t off = ipa - GUEST_UART_IPA;
    if (write) {
        if (off == UART_DR) {
            hyp_lock(&console_lock);
            uart_write_byte((uint8_t)*val);
            hyp_unlock(&console_lock);
        }
    } else {
        *val = off == UART_FR ? UART_FR_TXFE | UART_FR_RXFE : 0;
    }
    return true;
}

bool mmio_handle(struct vcpu *v, uint64_t ipa, uint64_t esr)
{
    uint32_t iss = esr & ESR_ISS_MASK;
    bool write = iss & DABT_WNR;
    uint64_t val = 0;

    if (ESR_EC(esr) != EC_DABT_LOWER) return false;
    bool device = ipa - GUEST_UART_IPA < GUEST_UART_SIZE ||
                  ipa - GUEST_GICD_IPA < GUEST_GICD_SIZE ||
                  ipa - GUEST_GICR_IPA < GUEST_GICR_SIZE * vm.nr_vcpus;
    if (!device) return false;
    vm.st.mmio_exits++;
    if (iss & DABT_CM) { /* cache maintenance by VA on a device: nothing to maintain */
        vcpu_skip(v);
        return true;
    }
    if (!(iss & DABT_ISV)) {
        printf("hyp: vCPU %u: MMIO access without syndrome at IPA 0x%lx (PC 0x%lx)\n", v->id, ipa,
               v->ctx.pc);
        vcpu_inject_dabt(v, read_sysreg(far_el2));
        return true;
    }
    unsigned size = 1u << DABT_SAS(iss), rt = DABT_SRT(iss);
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    if (write) val = vcpu_reg(v, rt) & mask;
    if (!console_access(ipa, write, &val)) vgic_mmio(v, ipa, write, size, &val);
    if (!write) {
        val &= mask;
        if ((iss & DABT_SSE) && size < 8 && (val >> (8 * size - 1) & 1)) val |= ~mask;
        if (!(iss & DABT_SF)) val = (uint32_t)val;
        vcpu_set_reg(v, rt, val);
    }
    vcpu_skip(v);
    return true;
}
