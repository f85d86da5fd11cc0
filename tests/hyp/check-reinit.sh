#!/usr/bin/env bash
# Experiment 1's pass/fail semantics under avsim's cache model (docs/experiments.md): the reinit
# guest (hyp/guest/reinit.c) checks its reloaded image with its MMU off after a PSCI
# SYSTEM_RESET.
#
# Usage: check-reinit.sh AVSIM HYP_DIR POLICY on|check
#   on     -cache mode=on: policy "none" must show the stale image (all 8192 payload words differ,
#          the guest fails: the test passes when it does), every other policy the pristine one;
#   check  -cache mode=check -d cache, policy none: the checker must report every stale word: a
#          read of a payload line, written last by the VMM's memcpy at EL2, with a clean to the
#          PoC missing.
set -uo pipefail
avsim=$1
hyp_dir=$2
policy=$3
mode=$4
words=8192
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
    -semihosting -cache "mode=$mode" -d cache -D "$tmp/log" -kernel "$hyp_dir/hyp.elf" \
    -append "guest=reinit policy=$policy" </dev/null 2>&1 | tr -d '\r' >"$tmp/out"
status=${PIPESTATUS[0]}
sed "s/^/guest: /" "$tmp/out" # (its own "N passed" line is not this test's)
passed=0
failed=0
check() { # check DESCRIPTION ACTUAL EXPECTED
    if [ "$2" = "$3" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1: got '$2', expected '$3'"
        failed=$((failed + 1))
    fi
}
differ=$(sed -nE 's/^image after the reset: ([0-9]+) of [0-9]+ words differ$/\1/p' "$tmp/out")
if [ "$policy" = none ]; then
    check "words of the image that differ after the reset" "$differ" "$words"
    check "the guest's exit status" "$status" 1
else
    check "words of the image that differ after the reset" "$differ" 0
    check "the guest's exit status" "$status" 0
fi
if [ "$mode" = check ]; then
    sym() { aarch64-linux-gnu-nm -S "$1" | awk -v n="$2" '$NF == n { print $1, ($4 ? $2 : 0) }'; }
    read -r memcpy_at memcpy_size < <(sym "$hyp_dir/hyp.elf" memcpy)
    read -r payload_at _ < <(sym "$hyp_dir/reinit.elf" payload)
    read -r payload_end _ < <(sym "$hyp_dir/reinit.elf" payload_end)
    # The guest's IPA 0x40000000 is the host's PA 0x42000000 (hyp/host/hyp.h).
    lo=$((0x$payload_at + 0x2000000)) hi=$((0x$payload_end + 0x2000000))
    mlo=$((0x$memcpy_at)) mhi=$((0x$memcpy_at + 0x$memcpy_size))
    reports=$(grep -c '^cache: stale read: ' "$tmp/log")
    if [ "$policy" = none ]; then
        check "stale-read reports" "$reports" "$words"
        named=$(sed -nE 's/^cache: stale read: cpu0 EL1 .* pa=0x([0-9a-f]+) .* written by cpu0 EL2 pc=0x([0-9a-f]+) .*missing: DC CVAC or DC CIVAC .*/\1 \2/p' "$tmp/log" |
            while read -r pa pc; do
                pa=$((0x$pa)) pc=$((0x$pc))
                [ "$pa" -ge "$lo" ] && [ "$pa" -lt "$hi" ] && [ "$pc" -ge "$mlo" ] && [ "$pc" -lt "$mhi" ] && echo
            done | wc -l)
        check "reports of a payload line written by the VMM's memcpy, missing DC CVAC/CIVAC" \
            "$named" "$words"
        check "checker summary" "$(grep -c "^avsim: cache check: $words stale reads" "$tmp/out")" 1
    else
        check "stale-read reports" "$reports" 0
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
