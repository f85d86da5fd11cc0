#!/usr/bin/env bash
# -trace-file on the host clock: with one host thread per CPU (-accel tcg,thread=multi), several
# threads write events at once and the clock moves while a hook writes; with -icount auto on one
# thread, the clock moves too. Each SMP guest program's trace must validate
# (validate_trace.py: schema, spans that follow one another, an EL change at its event's time).
#
# Usage: check-host-clock.sh AVSIM ELF...
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 AVSIM ELF..." >&2; exit 2; }
avsim=$1
shift
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
for elf in "$@"; do
    for mode in "-accel tcg,thread=multi" "-icount auto"; do
        read -r -a opts <<<"$mode"
        name="$(basename "$elf") $mode"
        if ! timeout 120 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M \
            -nographic -semihosting -smp 4 "${opts[@]}" -kernel "$elf" \
            -trace-file "$tmp/t.json" </dev/null >"$tmp/out" 2>&1; then
            echo "FAIL: $name: avsim failed: $(tail -n 3 "$tmp/out")"
            failed=$((failed + 1))
            continue
        fi
        if python3 "$here/validate_trace.py" "$tmp/t.json" >"$tmp/v" 2>&1; then
            echo "ok   $name: $(tail -n 1 "$tmp/v")"
        else
            echo "FAIL: $name:"
            cat "$tmp/v"
            failed=$((failed + 1))
        fi
    done
done
echo "$failed failed"
[ "$failed" -eq 0 ]
