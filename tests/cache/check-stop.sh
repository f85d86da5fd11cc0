#!/usr/bin/env bash
# -cache mode=check,stop=on stops at the first report with exit status 4 and prints it; -d stats
# prints the cache counters. Usage: check-stop.sh AVSIM CACHE_MMU_OFF_ELF
set -u
[ $# -eq 2 ] || { echo "usage: $0 AVSIM ELF" >&2; exit 2; }
avsim=$1
elf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
opts=(-M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic -semihosting)
fail=0

timeout -k 5 60 "$avsim" "${opts[@]}" -cache mode=check,stop=on -kernel "$elf" </dev/null \
    >"$tmp/out" 2>"$tmp/err"
status=$?
cat "$tmp/out" "$tmp/err"
[ "$status" -eq 4 ] || { echo "FAILED: exit status $status, expected 4"; fail=1; }
grep -q '^avsim: cache: stale read: cpu0 EL2 ' "$tmp/err" || { echo "FAILED: no report"; fail=1; }
grep -q 'stopping at the first report' "$tmp/err" || { echo "FAILED: no stop message"; fail=1; }
# The program stopped at the stale read: it printed nothing after it.
if grep -q 'passed, ' "$tmp/out"; then echo "FAILED: the program ran on"; fail=1; fi

timeout -k 5 60 "$avsim" "${opts[@]}" -cache mode=on -d stats -kernel "$elf" </dev/null \
    >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] || { echo "FAILED: mode=on exit status $status"; fail=1; }
for counter in "L1D misses" "L2 write-backs" "uncached accesses" "DC CVAC: 1, lines 2" \
    "DC CIVAC: 1, lines 2"; do
    grep -q "^cpu0: cache EL2 $counter" "$tmp/err" || { echo "FAILED: no '$counter' in -d stats"; fail=1; }
done
grep '^cpu0: cache ' "$tmp/err"
[ "$fail" -eq 0 ] && echo "passed"
exit "$fail"
