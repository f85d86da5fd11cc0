/* System-register access and barriers for guest programs. */
#ifndef GUEST_SYSREG_H
#define GUEST_SYSREG_H

#include <stdint.h>

#define GUEST_STRINGIFY_(x) #x
#define GUEST_STRINGIFY(x)  GUEST_STRINGIFY_(x)

/*
 * read_sysreg(NAME) / write_sysreg(value, NAME): NAME is any register the
 * assembler knows (sctlr_el1) or a generic encoding, best written with
 * SYS_REG(op0, op1, crn, crm, op2), which works for registers newer than
 * -march=armv8.1-a.
 */
#define SYS_REG(op0, op1, crn, crm, op2) s##op0##_##op1##_c##crn##_c##crm##_##op2

#define read_sysreg(reg)                                                                           \
    ({                                                                                             \
        uint64_t sysreg_val_;                                                                      \
        __asm__ volatile("mrs %0, " GUEST_STRINGIFY(reg) : "=r"(sysreg_val_));                     \
        sysreg_val_;                                                                               \
    })

#define write_sysreg(val, reg)                                                                     \
    __asm__ volatile("msr " GUEST_STRINGIFY(reg) ", %x0" : : "rZ"((uint64_t)(val)) : "memory")

#define isb()    __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")
#define dmb(opt) __asm__ volatile("dmb " #opt : : : "memory")
#define wfi()    __asm__ volatile("wfi" : : : "memory")
#define wfe()    __asm__ volatile("wfe" : : : "memory")
#define sev()    __asm__ volatile("sev" : : : "memory")

/* LDAR / STLR of a doubleword: the one-way barriers of flags handed between CPUs. */
static inline uint64_t load_acquire(const volatile uint64_t *p)
{
    uint64_t v;
    __asm__ volatile("ldar %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static inline void store_release(volatile uint64_t *p, uint64_t v)
{
    __asm__ volatile("stlr %1, [%0]" : : "r"(p), "r"(v) : "memory");
}

/* PSTATE.DAIF masks (daifset/daifclr immediates: D=8, A=4, I=2, F=1). */
#define irq_enable()  __asm__ volatile("msr daifclr, #2" : : : "memory")
#define irq_disable() __asm__ volatile("msr daifset, #2" : : : "memory")

/* The Exception level this code runs at (CurrentEL[3:2]). */
/* Cleans and invalidates the data-cache lines of [p, p + n) to the Point of Coherency, then
 * DSB SY: for data one side reads or writes with its MMU or caches off (Device / Non-cacheable)
 * and the other with them on (Arm ARM B2.11; avsim -cache mode=on shows what goes wrong without).
 */
static inline void dcache_clean_inval_poc(const volatile void *p, unsigned long n)
{
    uint64_t ctr;
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    uintptr_t line = 4ul << ((ctr >> 16) & 15), a = (uintptr_t)p & ~(line - 1);
    for (; a < (uintptr_t)p + n; a += line)
        __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
    dsb(sy);
}

static inline unsigned current_el(void)
{
    return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3;
}

/* NZCV flag bits as held in the NZCV register (bits 31:28). */
#define NZCV_N (1ull << 31)
#define NZCV_Z (1ull << 30)
#define NZCV_C (1ull << 29)
#define NZCV_V (1ull << 28)

static inline uint64_t read_nzcv(void)
{
    return read_sysreg(nzcv);
}

/* ESR_ELx fields (Arm ARM D24.2, ESR_EL1). */
#define ESR_EC(esr)  (((esr) >> 26) & 0x3f)
#define ESR_IL       (1ull << 25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

#define EC_UNKNOWN      0x00
#define EC_WFX          0x01
#define EC_FP_ACCESS    0x07
#define EC_ILLEGAL      0x0e
#define EC_SVC64        0x15
#define EC_HVC64        0x16
#define EC_SMC64        0x17
#define EC_SYSREG       0x18
#define EC_IABT_LOWER   0x20
#define EC_IABT_CURRENT 0x21
#define EC_PC_ALIGN     0x22
#define EC_DABT_LOWER   0x24
#define EC_DABT_CURRENT 0x25
#define EC_SP_ALIGN     0x26
#define EC_SERROR       0x2f
#define EC_BRK64        0x3c

#endif
