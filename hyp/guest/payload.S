/*
 * 64 KiB of initialised data in the guest image (reinit.c): word i is i * 0x9e3779b97f4a7c15, so
 * any stale or lost word is seen.
 */
    .section .data.payload, "aw"
    .balign 4096
    .global payload, payload_end
payload:
    .set i, 0
    .rept 8192
    .quad i * 0x9e3779b97f4a7c15
    .set i, i + 1
    .endr
payload_end:
