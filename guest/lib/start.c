/* C start-up: per-CPU set-up and main() (secondary CPUs: psci.c). */
#include "exception.h"
#include "libc.h"
#include "platform.h"
#include "sysreg.h"

#define MAX_CPUS       8
#define HCR_EL2_E2H    (1ull << 34)
#define CPTR_EL2_TFP   (1ull << 10) /* E2H == 0 layout */
#define CPACR_FPEN_ALL (3ull << 20) /* CPACR_EL1, and CPTR_EL2 when E2H == 1 */

int main(void);
void lib_start(void);

extern char vectors_el1[], vectors_el2[];

/* SP_EL1 of programs running at EL2, for exceptions taken to EL1 after they drop to it. */
#define EL1_STACK_SIZE 8192
static uint8_t el1_stacks[MAX_CPUS][EL1_STACK_SIZE] __attribute__((aligned(16)));

/*
 * Lets FP/SIMD run without traps, installs the vectors and, at EL2, gives
 * SP_EL1 a stack. The CPTR_EL2 layout depends on HCR_EL2.E2H; with E2H set,
 * the EL1 register names used at EL2 reach the EL2 registers, so EL2's are
 * written last.
 */
void cpu_setup(void)
{
    unsigned el = current_el();

    if (el != 1 && el != 2) {
        printf("guest lib: unsupported exception level EL%u\n", el);
        exit(1);
    }
    write_sysreg(read_sysreg(cpacr_el1) | CPACR_FPEN_ALL, cpacr_el1);
    write_sysreg(vectors_el1, vbar_el1);
    if (el == 2) {
        uint64_t cptr = read_sysreg(cptr_el2);
        if (read_sysreg(hcr_el2) & HCR_EL2_E2H)
            cptr |= CPACR_FPEN_ALL;
        else
            cptr &= ~CPTR_EL2_TFP;
        write_sysreg(cptr, cptr_el2);
        write_sysreg(vectors_el2, vbar_el2);
        write_sysreg(el1_stacks[read_sysreg(mpidr_el1) & (MAX_CPUS - 1)] + EL1_STACK_SIZE, sp_el1);
    }
    isb();
}

void lib_start(void)
{
    cpu_setup();
    exit(main());
}
