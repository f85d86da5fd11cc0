#!/usr/bin/env bash
# Usage: run-fpu-check.sh FPU_CHECK HARNESS COUNT [SEED]
# Runs fpu-check against QEMU user mode 10+ (QEMU_USER=path, else qemu-aarch64);
# exits 77 (skipped) when no such QEMU is installed. Older QEMU user modes
# differ from Arm (and from QEMU 10), e.g. FJCVTZS of a flushed denormal.
set -u
[ $# -ge 3 ] || { echo "usage: $0 FPU_CHECK HARNESS COUNT [SEED]" >&2; exit 2; }
qemu=${QEMU_USER:-qemu-aarch64}
if ! command -v "$qemu" >/dev/null 2>&1 ||
    ! "$qemu" --version 2>/dev/null | head -n1 | grep -Eq 'version (1[0-9]|[2-9][0-9])\.'; then
    echo "fpu-check: skipped, no QEMU 10+ user mode ($qemu; set QEMU_USER)"
    exit 77
fi
exec "$1" -n "$3" -s "${4:-$(date +%s)}" "$qemu" "$2"
