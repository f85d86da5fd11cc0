#!/usr/bin/env bash
# Usage: tests/linux/shell.sh AVSIM DIR
# An interactive Linux shell answers keystrokes: boots the pinned kernel (tests/linux/prepare
# DIR) at EL1 with -smp 2 to a busybox shell on ttyAMA0, and once the shell is up types
# commands into avsim's stdin (a pipe, so the PL011 receives them as the guest runs), each
# after the previous one's answer: an arithmetic echo the shell must evaluate (its input,
# echoed by the tty, does not contain the answer), then `poweroff -f`. Passes when the answers
# appear, Linux powers off and avsim exits 0. Exit status 77 (skip) only when the kernel is not
# cached and the network is unreachable.
set -uo pipefail
if [ $# -ne 2 ]; then
    echo "usage: tests/linux/shell.sh AVSIM DIR" >&2
    exit 1
fi
avsim=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
"$here/prepare" "$dir" >/dev/null || exit $?

tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkfifo "$tmp/in"
timeout 600 "$avsim" -M virt,gic-version=3 -cpu max -m 1G -smp 2 -nographic -no-reboot \
    -kernel "$dir/Image" -initrd "$dir/initrd.cpio.gz" \
    -append "console=ttyAMA0 panic=-1 avsim.cpus=2 avsim.el=1 avsim.test=shell" \
    <"$tmp/in" >"$tmp/out" 2>&1 &
pid=$!
exec 3>"$tmp/in" # held open: avsim's stdin stays a live pipe until the end

# wait_for REGEX SECONDS: until the console shows REGEX (0), avsim ends or time runs out (1).
wait_for() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        grep -Eq "$1" "$tmp/out" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

errors=()
if ! wait_for '^avsim-linux: shell ready' 300; then
    errors+=("the shell did not come up")
else
    t0=$(date +%s.%N)
    # shellcheck disable=SC2016 # the guest's shell expands it
    printf 'echo answer-$((6 * 7))\n' >&3
    if wait_for '^answer-42' 60; then
        t1=$(date +%s.%N)
        echo "shell answered in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
    else
        errors+=("no answer to 'echo answer-\$((6 * 7))'")
    fi
    printf 'cat /proc/cpuinfo | grep -c ^processor\n' >&3
    wait_for $'^2\r?$' 60 || errors+=("no answer to the CPU count pipeline")
    printf 'poweroff -f\n' >&3
fi
exec 3>&-
[ ${#errors[@]} -eq 0 ] || kill "$pid" 2>/dev/null
wait "$pid"
status=$?
pid=

[ $status -eq 0 ] || errors+=("avsim exited with status $status")
grep -q 'reboot: Power down' "$tmp/out" || errors+=("Linux did not power off")
if [ ${#errors[@]} -gt 0 ]; then
    printf 'FAIL: %s\n' "${errors[@]}"
    echo "--- console (last 30 lines)"
    tail -n 30 "$tmp/out"
    exit 1
fi
sed -n '/^avsim-linux: shell ready/,$p' "$tmp/out"
echo "PASS: linux shell"
