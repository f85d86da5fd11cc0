/*
 * Entry point of every guest program. Runs at EL2 or EL1 with the MMU off
 * (an ELF boot on QEMU's virt board: DAIF masked, registers at reset values).
 * Sets the stack, zeroes .bss and continues in C (lib_start in start.c) with
 * x0 and x1 as the loader left them: the guests of the reference hypervisor
 * get their boot arguments there (hyp/guest/rt/rt.c).
 */
#define BOOT_STACK_SIZE      0x10000
#define SECONDARY_STACK_SIZE 0x4000
#define MAX_CPUS             8

    .section .text.boot, "ax"
    .global _start
_start:
    adrp    x2, boot_stack_top
    add     x2, x2, :lo12:boot_stack_top
    mov     sp, x2
    adrp    x2, __bss_start
    add     x2, x2, :lo12:__bss_start
    adrp    x3, __bss_end
    add     x3, x3, :lo12:__bss_end
1:  cmp     x2, x3
    b.hs    2f
    stp     xzr, xzr, [x2], #16
    b       1b
2:  bl      lib_start
3:  wfe
    b       3b

/*
 * Entry of a CPU started by PSCI CPU_ON (cpu_start in psci.c): x0 = context
 * ID = CPU index. Each secondary CPU gets its own stack.
 */
    .global secondary_entry
secondary_entry:
    cmp     x0, #MAX_CPUS
    b.hs    3b
    adrp    x1, secondary_stacks
    add     x1, x1, :lo12:secondary_stacks
    mov     x2, #SECONDARY_STACK_SIZE
    madd    x1, x0, x2, x1
    add     sp, x1, x2
    bl      lib_secondary_start
    b       3b

    .section .bss.stack, "aw", %nobits
    .balign 16
boot_stack:
    .space  BOOT_STACK_SIZE
boot_stack_top:
    .balign 16
secondary_stacks:
    .space  SECONDARY_STACK_SIZE * MAX_CPUS
