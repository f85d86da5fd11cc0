#!/usr/bin/env bash
# Usage: tests/linux/boot.sh AVSIM DIR EL SMP [TEST]
# Boots the pinned Debian kernel (tests/linux/prepare DIR) with its busybox initramfs at EL1
# (-M virt,gic-version=3) or EL2 (virtualization=on; KVM in nested mode) with SMP CPUs, and
# passes when: avsim exits 0 after Linux powered off ("reboot: Power down", no panic), /init's
# checks all passed (tests/linux/init; TEST adds avsim.test=TEST), and `-d unimp` logged
# nothing. Prints the wall time from start to power-off, the guest's uptime, and avsim's instruction count and MIPS.
# AVSIM_ARGS: more avsim options (e.g. -accel tcg,thread=multi).
# Exit status 77 (skip) only when the kernel is not cached and the network is unreachable.
set -uo pipefail
if [ $# -lt 4 ] || [ $# -gt 5 ]; then
    echo "usage: tests/linux/boot.sh AVSIM DIR EL SMP [TEST]" >&2
    exit 1
fi
avsim=$1 dir=$2 el=$3 smp=$4 test=${5:+ avsim.test=$5}
here=$(cd "$(dirname "$0")" && pwd)
"$here/prepare" "$dir" >/dev/null || exit $?

case $el in
1) machine=virt,gic-version=3 kvm= ;;
2) machine=virt,virtualization=on,gic-version=3 kvm=" kvm-arm.mode=nested" ;;
*)
    echo "boot.sh: EL must be 1 or 2" >&2
    exit 1
    ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name="linux EL$el -smp $smp${5:+ ($5)}${AVSIM_ARGS:+ $AVSIM_ARGS}"
read -r -a extra <<<"${AVSIM_ARGS:-}"

t0=$(date +%s.%N)
timeout 600 "$avsim" "${extra[@]}" -M "$machine" -cpu max -m 1G -smp "$smp" -nographic -no-reboot \
    -kernel "$dir/Image" -initrd "$dir/initrd.cpio.gz" \
    -append "console=ttyAMA0 panic=-1 avsim.cpus=$smp avsim.el=$el$kvm$test" \
    -d unimp,stats -D "$tmp/log" </dev/null >"$tmp/out" 2>&1
status=$?
t1=$(date +%s.%N)

# -d stats prints its block at exit, starting with "avsim: N instructions"; everything before
# it in the log is -d unimp output.
unimp=$(sed '/^avsim: [0-9]* instructions/,$d' "$tmp/log")
stats=$(grep -m1 '^avsim: [0-9]* instructions' "$tmp/log")
errors=()
[ $status -eq 0 ] || errors+=("avsim exited with status $status")
grep -q '^avsim-linux: init started' "$tmp/out" || errors+=("no marker from /init")
grep -Eq '^avsim-linux: [1-9][0-9]* passed, 0 failed' "$tmp/out" || errors+=("/init's checks did not all pass")
grep -q 'reboot: Power down' "$tmp/out" || errors+=("Linux did not power off")
! grep -q 'Kernel panic' "$tmp/out" || errors+=("kernel panic")
[ -z "$unimp" ] || errors+=("-d unimp logged unimplemented or UNDEFINED accesses")

uptime=$(sed -n 's/^\[ *\([0-9.]*\)\] reboot: Power down.*/\1/p' "$tmp/out")
instr=$(sed -n 's/^avsim: \([0-9]*\) instructions.*: \([0-9.]*\) MIPS.*/\1 \2/p' <<<"$stats")
read -r n mips <<<"$instr"
printf '%s: %.1f s wall to power-off, guest uptime %s s, %s M instructions, %s MIPS\n' \
    "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "${uptime:-?}" "$(( ${n:-0} / 1000000 ))" "${mips:-?}"
grep -E '^(avsim-linux|perftest):' "$tmp/out"
if [ ${#errors[@]} -gt 0 ]; then
    printf 'FAIL: %s\n' "${errors[@]}"
    echo "--- console (last 40 lines)"
    tail -n 40 "$tmp/out"
    if [ -n "$unimp" ]; then
        echo "--- -d unimp"
        head -n 40 <<<"$unimp"
    fi
    exit 1
fi
echo "PASS: $name"
