/*
 * Entry of a guest running under the hypervisor (hyp/host/vmm.c), at EL1 with the MMU off:
 * x0 = how many times the VM was reset before this boot, x1 = the arg= value of the hypervisor's
 * command line. Sets the stack, zeroes .bss and continues in C (rt_start in rt.c).
 */
#define BOOT_STACK_SIZE      0x10000
#define SECONDARY_STACK_SIZE 0x4000
#define MAX_CPUS             8

    .section .text.boot, "ax"
    .global _start
_start:
    mov     x19, x0
    mov     x20, x1
    adrp    x0, boot_stack_top
    add     x0, x0, :lo12:boot_stack_top
    mov     sp, x0
    adrp    x0, __bss_start
    add     x0, x0, :lo12:__bss_start
    adrp    x1, __bss_end
    add     x1, x1, :lo12:__bss_end
1:  cmp     x0, x1
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:  mov     x0, x19
    mov     x1, x20
    bl      rt_start
3:  wfe
    b       3b

/* A CPU started by PSCI CPU_ON through cpu_start (rt.c): x0 = CPU index. */
    .global rt_secondary_entry
rt_secondary_entry:
    cmp     x0, #MAX_CPUS
    b.hs    3b
    adrp    x1, secondary_stacks
    add     x1, x1, :lo12:secondary_stacks
    mov     x2, #SECONDARY_STACK_SIZE
    madd    x1, x0, x2, x1
    add     sp, x1, x2
    bl      rt_secondary_start
    b       3b

    .section .bss.stack, "aw", %nobits
    .balign 16
boot_stack:
    .space  BOOT_STACK_SIZE
boot_stack_top:
    .balign 16
secondary_stacks:
    .space  SECONDARY_STACK_SIZE * MAX_CPUS
