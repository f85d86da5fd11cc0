#!/usr/bin/env bash
# Instructions per Exception level in -d stats: guest.stats_el_insns runs loops of known length at
# EL1 and EL0 and prints how many instructions each must have retired ("expect: ELn instructions
# N"); the counters must say exactly that, and the three ELs must add up to the run's total.
#
# Usage: check-el-insns.sh AVSIM STATS_EL_INSNS_ELF
set -uo pipefail
avsim=$1
elf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
    -semihosting -d stats -D "$tmp/log" -kernel "$elf" </dev/null | tr -d '\r' >"$tmp/out"
passed=0
failed=0
check() { # check DESCRIPTION ACTUAL EXPECTED
    if [ -n "$3" ] && [ "$2" = "$3" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1: got '$2', expected '$3'"
        failed=$((failed + 1))
    fi
}
counter() { sed -nE "s/^cpu0: instructions at EL$1: ([0-9]+)$/\1/p" "$tmp/log"; }
for el in 0 1; do
    expected=$(sed -nE "s/^expect: EL$el instructions ([0-9]+)$/\1/p" "$tmp/out")
    check "instructions at EL$el" "$(counter $el)" "$expected"
done
total=$(sed -nE 's/^avsim: ([0-9]+) instructions.*/\1/p' "$tmp/log")
el0=$(counter 0) el1=$(counter 1) el2=$(counter 2)
check "EL0 + EL1 + EL2 = all" "$((${el0:-0} + ${el1:-0} + ${el2:-0}))" "$total"
grep -q '^[0-9]* passed, 0 failed' "$tmp/out" || check "the guest's own checks" failed passed
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
