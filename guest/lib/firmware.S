/*
 * Calls into "firmware": Arm semihosting (HLT #0xF000 in A64, operation in
 * w0, parameter in x1, result in x0) and SMC/HVC with the SMC Calling
 * Convention (function ID in w0, arguments in x1-x3, result in x0). As plain
 * functions, callers already assume x0-x17 are clobbered.
 */
    .text
    .global semihost_call, semihost_trap
    .balign 4
semihost_call:
semihost_trap:
    hlt     #0xf000
    ret

    .global smc_call
smc_call:
    smc     #0
    ret

    .global hvc_call
hvc_call:
    hvc     #0
    ret
