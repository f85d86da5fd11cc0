/* Synchronous exceptions, exception entry and return (Arm ARM D1.3, D1.4). */
#ifndef AVSIM_EXCEPTION_H
#define AVSIM_EXCEPTION_H

#include "cpu/cpu.h"

/* ESR_ELx.EC values (Arm ARM D24.2.40). */
enum {
    EC_UNKNOWN = 0x00,
    EC_WFX = 0x01,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0E,
    EC_SVC64 = 0x15,
    EC_HVC64 = 0x16,
    EC_SMC64 = 0x17,
    EC_SYSREG = 0x18,
    EC_ERET = 0x1A,
    EC_IABORT_LOWER = 0x20,
    EC_IABORT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DABORT_LOWER = 0x24,
    EC_DABORT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_SERROR = 0x2F,
    EC_BRK = 0x3C,
};

/* Fault status codes (DFSC/IFSC). */
enum {
    FSC_ADDR_SIZE_L0 = 0x00,
    FSC_TRANSLATION_L0 = 0x04,
    FSC_EXTERNAL = 0x10,
    FSC_ALIGNMENT = 0x21,
};

#define ESR_IL (1u << 25)

static inline uint32_t esr_make(unsigned ec, bool il, uint32_t iss)
{
    return ((uint32_t)ec << 26) | (il ? ESR_IL : 0) | (iss & 0x1FFFFFF);
}

/*
 * Takes a synchronous exception to target_el (1 or 2): saves PSTATE into
 * SPSR_ELx, preferred_return into ELR_ELx, writes ESR_ELx (and FAR_ELx when
 * far_valid), and sets cpu->next_pc to the vector (Arm ARM D1.3.4).
 */
void exc_take_sync(cpu_t *cpu, unsigned target_el, uint32_t esr, uint64_t far, bool far_valid,
                   uint64_t preferred_return);

/* EL a synchronous exception from the current EL goes to: max(EL1, EL), or EL2 when HCR_EL2.TGE
 * routes EL0. */
unsigned exc_sync_target_el(const cpu_t *cpu);

/* UNDEFINED instruction at cpu->pc (EC 0x00, IL = 1). */
void exc_undefined(cpu_t *cpu);

/* Asynchronous IRQ/FIQ (virt: a virtual one) taken before the instruction at cpu->pc. */
void exc_take_irq(cpu_t *cpu, unsigned target_el, bool fiq, bool virt);

/* The virtual SError of HCR_EL2.VSE, taken to EL1 before the instruction at cpu->pc. */
void exc_take_virtual_serror(cpu_t *cpu);

/* ERET from the current EL (Arm ARM D1.4, including illegal exception return). */
void exc_return(cpu_t *cpu);

#endif
