#!/usr/bin/env bash
# Usage: tests/linux/kvm.sh AVSIM|qemu DIR MODE [N]
# Boots the pinned kernel at EL2 (tests/linux/prepare DIR, with DIR/kvmtest in the initramfs) on
# avsim (AVSIM, the binary) or on QEMU 10 ("qemu": qemu-system-aarch64), and runs the KVM test
# program (tests/linux/kvmtest.c) with N round trips per phase (default 200):
#   el1     KVM in VHE mode; an EL1 guest
#   nested  kvm-arm.mode=nested (VHE+NV2); the EL1 guest, then a vCPU with EL2 whose guest
#           hypervisor runs an L2 guest
#   busy    nested, -smp 2: both, pinned to CPU 0, with CPU 1 idle and then busy; each phase's
#           median guest time per round trip must agree within 10 %
# The kernel runs with cryptomgr.notests: its crypto self-tests would otherwise keep CPU 0 busy
# for seconds after boot, preempting kvmtest. Passes when the machine exits 0 after Linux powered off, /init's checks (the kvmtest ones
# included) all passed, every kvmtest phase printed PASS, and on avsim `-d unimp` logged
# nothing. Prints kvmtest's figures and the wall time. Exit status 77 (skip) only when the
# kernel is not cached and the network is unreachable, or QEMU is not installed.
# AVSIM_ARGS: more avsim options (e.g. -accel tcg,thread=multi).
set -uo pipefail
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: tests/linux/kvm.sh AVSIM|qemu DIR el1|nested|busy [N]" >&2
    exit 1
fi
emu=$1 dir=$2 mode=$3 n=${4:-200}
here=$(cd "$(dirname "$0")" && pwd)
"$here/prepare" "$dir" >/dev/null || exit $?
if [ ! -f "$dir/kvmtest" ]; then
    echo "kvm.sh: $dir/kvmtest was not built (no aarch64-linux-gnu-gcc?)" >&2
    exit 1
fi

smp=1 test=kvm kvm=" kvm-arm.mode=nested" phases=9
case $mode in
el1) kvm= phases=4 ;;
nested) ;;
busy) smp=2 test=kvmbusy phases=18 ;;
*)
    echo "kvm.sh: MODE must be el1, nested or busy" >&2
    exit 1
    ;;
esac
append="console=ttyAMA0 panic=-1 cryptomgr.notests avsim.cpus=$smp avsim.el=2$kvm avsim.test=$test avsim.kvmn=$n"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$emu" = qemu ]; then
    if ! command -v qemu-system-aarch64 >/dev/null; then
        echo "SKIP: qemu-system-aarch64 is not installed"
        exit 77
    fi
    name="kvmtest $mode on QEMU"
    cmd=(qemu-system-aarch64 -nic none)
    : >"$tmp/log"
else
    name="kvmtest $mode on avsim${AVSIM_ARGS:+ $AVSIM_ARGS}"
    read -r -a extra <<<"${AVSIM_ARGS:-}"
    cmd=("$emu" "${extra[@]}" -d unimp -D "$tmp/log")
fi

t0=$(date +%s.%N)
timeout 600 "${cmd[@]}" -M virt,virtualization=on,gic-version=3 -cpu max -m 1G -smp "$smp" \
    -nographic -no-reboot -kernel "$dir/Image" -initrd "$dir/initrd.cpio.gz" -append "$append" \
    </dev/null >"$tmp/out" 2>&1
status=$?
t1=$(date +%s.%N)

errors=()
[ $status -eq 0 ] || errors+=("exit status $status")
grep -q '^avsim-linux: init started' "$tmp/out" || errors+=("no marker from /init")
grep -Eq '^avsim-linux: [1-9][0-9]* passed, 0 failed' "$tmp/out" || errors+=("/init's checks did not all pass")
grep -q 'avsim-linux: ok   kvmtest' "$tmp/out" || errors+=("kvmtest did not run")
pass=$(grep -c 'kvmtest: PASS' "$tmp/out")
[ "$pass" -eq $phases ] || errors+=("$pass of $phases kvmtest phases passed")
! grep -q 'kvmtest: FAIL' "$tmp/out" || errors+=("kvmtest failed")
grep -q 'reboot: Power down' "$tmp/out" || errors+=("Linux did not power off")
[ ! -s "$tmp/log" ] || errors+=("-d unimp logged unimplemented or UNDEFINED accesses")

printf '%s: %.1f s wall to power-off, N = %s\n' "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$n"
grep -a 'kvmtest: \(PASS\|FAIL\)\|per round trip:\|busy loop\|idle,\|avsim-linux: [0-9]' "$tmp/out" | sed 's/^avsim-linux: kvmtest:/kvmtest:/'
if [ ${#errors[@]} -gt 0 ]; then
    printf 'FAIL: %s\n' "${errors[@]}"
    echo "--- console (last 40 lines)"
    tail -n 40 "$tmp/out"
    [ ! -s "$tmp/log" ] || { echo "--- -d unimp"; head -n 40 "$tmp/log"; }
    exit 1
fi
echo "PASS: $name"
