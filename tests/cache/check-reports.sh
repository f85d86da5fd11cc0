#!/usr/bin/env bash
# The coherence checker's reports against what a cache test expects (docs/caches.md).
#
# Usage: check-reports.sh AVSIM ELF MACHINE [EXTRA_OPTION...]
# Runs the guest with -cache mode=check -d cache; the guest prints one line
#   expect: KIND pc=PC by pc=WRITER_PC          (KIND: stale-read, stale-exec, lost-write)
# for every hazard it creates. Passes when the guest's checks pass and the reports in the log,
# reduced to the same form, are exactly those lines (each hazard once, with the right PCs of
# the access and of the write it missed; nothing for the corrected sequences), and the summary
# line counts them.
set -u
[ $# -ge 3 ] || { echo "usage: $0 AVSIM ELF MACHINE [EXTRA_OPTION...]" >&2; exit 2; }
avsim=$1
elf=$2
machine=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout -k 5 120 "$avsim" -M "$machine" -cpu max -m 128M -nographic -semihosting "$@" \
    -cache mode=check -d cache -D "$tmp/log" -kernel "$elf" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
cat "$tmp/out"
if [ "$status" -ne 0 ] || grep -aEq '^[0-9]+ passed, [1-9][0-9]* failed' "$tmp/out"; then
    cat "$tmp/err"
    echo "FAILED: avsim exit status $status"
    exit 1
fi

tr -d '\r' <"$tmp/out" | sed -n 's/^expect: //p' | sort >"$tmp/expected"
# "cache: stale read: cpu0 EL2 pc=0x... ... written by cpu0 EL2 pc=0x... ..." -> "stale-read pc=0x... by pc=0x..."
sed -nE 's/^cache: (stale read|stale execution|lost write): cpu[0-9]+ EL[0-2] (pc=0x[0-9a-f]+) .* written by cpu[0-9]+ EL[0-2] (pc=0x[0-9a-f]+) .*$/\1 \2 by \3/p' \
    "$tmp/log" | sed -e 's/^stale read/stale-read/' -e 's/^stale execution/stale-exec/' \
    -e 's/^lost write/lost-write/' | sort >"$tmp/reported"
echo "checker log:"
cat "$tmp/log"
cat "$tmp/err"
fail=0
if [ "$(grep -c '^cache: ' "$tmp/log")" -ne "$(wc -l <"$tmp/reported")" ]; then
    echo "FAILED: a report line is not in the expected form"
    fail=1
fi
if ! diff -u --label expected --label reported "$tmp/expected" "$tmp/reported"; then
    echo "FAILED: the reports differ from the expected hazards"
    fail=1
fi
n=$(wc -l <"$tmp/reported")
if [ "$n" -gt 0 ] && ! grep -q "cache check: .*(-d cache lists them)" "$tmp/err"; then
    echo "FAILED: no summary line"
    fail=1
fi
[ "$fail" -eq 0 ] && echo "passed: $n report(s) as expected"
exit "$fail"
