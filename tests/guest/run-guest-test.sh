#!/usr/bin/env bash
# Runs a guest test program on avsim, then (when QEMU 10+ is installed) on
# QEMU with the same options, and compares the two console outputs.
#
# Usage: run-guest-test.sh [--no-qemu] [--input COMMAND] AVSIM ELF [MACHINE [EXTRA_OPTION...]]
#   MACHINE defaults to virt,virtualization=on,gic-version=3; EXTRA_OPTIONs
#   (e.g. -smp 2) go to both simulators. --no-qemu skips the comparison.
#   --input: the output of the shell COMMAND is each simulator's stdin (else /dev/null).
#   QEMU=path selects the QEMU binary (default qemu-system-aarch64).
# Passes when avsim exits with status 0 within 60 s, prints no failure
# marker, and (if QEMU ran) QEMU's output and exit status are identical.
set -u

usage() {
    echo "usage: $0 [--no-qemu] AVSIM ELF [MACHINE [EXTRA_OPTION...]]" >&2
    exit 2
}

use_qemu=1
input=""
while [ $# -gt 0 ]; do
    case $1 in
    --no-qemu) use_qemu=0; shift ;;
    --input) [ $# -ge 2 ] || usage; input=$2; shift 2 ;;
    *) break ;;
    esac
done
[ $# -ge 2 ] || usage
avsim=$1
elf=$2
machine=${3:-virt,virtualization=on,gic-version=3}
shift $(($# >= 3 ? 3 : 2))
[ -x "$avsim" ] || { echo "error: avsim binary '$avsim' not found or not executable" >&2; exit 2; }
[ -f "$elf" ] || { echo "error: guest program '$elf' not found" >&2; exit 2; }

qemu=${QEMU:-qemu-system-aarch64}
timeout_s=60
opts=(-M "$machine" -cpu max -m 128M -nographic -semihosting "$@" -kernel "$elf")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME BINARY [OPTION...]: runs the guest with the options, then OPTIONs;
# output in $tmp/NAME.out and .err, exit status in $tmp/NAME.status.
run() {
    local name=$1 binary=$2 status
    shift 2
    if [ -n "$input" ]; then
        bash -c "$input" | timeout -k 5 "$timeout_s" "$binary" "${opts[@]}" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    else
        timeout -k 5 "$timeout_s" "$binary" "${opts[@]}" "$@" </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
    fi
    status=$?
    echo "$status" >"$tmp/$name.status"
    return "$status"
}

# A guest that failed after losing semihosting, or a test summary with failures.
failure_marker() {
    grep -aEq '^\*\*\* exit status|^[0-9]+ passed, [1-9][0-9]* failed' "$1"
}

qemu_version_ok() {
    command -v "$qemu" >/dev/null 2>&1 &&
        "$qemu" --version 2>/dev/null | head -n1 | grep -Eq 'version (1[0-9]|[2-9][0-9])\.'
}

echo "avsim: $avsim ${opts[*]}"
run avsim "$avsim"
avsim_status=$(cat "$tmp/avsim.status")
cat "$tmp/avsim.out"
if [ "$avsim_status" -ne 0 ] || failure_marker "$tmp/avsim.out"; then
    [ "$avsim_status" -eq 124 ] && echo "avsim: timed out after ${timeout_s} s"
    if [ -s "$tmp/avsim.err" ]; then
        echo "avsim stderr:"
        cat "$tmp/avsim.err"
    fi
    echo "FAILED: avsim exit status $avsim_status"
    exit 1
fi
echo "avsim: passed"

if [ "$use_qemu" -eq 0 ]; then
    echo "qemu: skipped (disabled for this test)"
    exit 0
fi
if ! qemu_version_ok; then
    echo "qemu: skipped (QEMU 10 or later not installed)"
    exit 0
fi
# No NIC: QEMU's default virtio-net wants an option ROM (efi-virtio.rom) that may not be installed.
run qemu "$qemu" -nic none
qemu_status=$(cat "$tmp/qemu.status")
if ! diff -u --label qemu.out --label avsim.out "$tmp/qemu.out" "$tmp/avsim.out" >"$tmp/diff"; then
    echo "FAILED: avsim's output differs from QEMU's (qemu exit status $qemu_status):"
    cat "$tmp/diff"
    [ -s "$tmp/qemu.err" ] && { echo "qemu stderr:"; cat "$tmp/qemu.err"; }
    exit 1
fi
if [ "$qemu_status" -ne "$avsim_status" ]; then
    echo "FAILED: same output, but QEMU exited with status $qemu_status"
    exit 1
fi
echo "qemu: same output and exit status"
exit 0
