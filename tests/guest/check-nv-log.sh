#!/usr/bin/env bash
# Runs guest.nv_nested (a host hypervisor running a guest hypervisor that runs an L2 guest, with
# NV only and with NV2) under `-d nv,stats` and checks that the FEAT_NV visibility agrees with
# itself and with the guest: the log has VNCR redirect lines and ERET trap lines; the counters
# `-d stats` prints are non-zero and equal to the number of log lines of their kind (VNCR loads
# and stores, NV ERET traps, NV register traps, NV2 EL2-to-EL1 redirects); and the exceptions to
# EL2 with EC 0x1A and 0x18 equal the sums of the per-phase trap counts the guest prints itself.
#
# Usage: check-nv-log.sh AVSIM NV_NESTED_ELF
set -uo pipefail
avsim=$1
elf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
    -semihosting -d nv,stats -D "$tmp/log" -kernel "$elf" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?
tr -d '\r' <"$tmp/out" >"$tmp/console" # the UART ends lines with CR LF
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
check_nonzero() { # check_nonzero DESCRIPTION VALUE
    if [ -n "$2" ] && [ "$2" -gt 0 ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1: got '$2', expected a positive count"
        failed=$((failed + 1))
    fi
}
# counter NAME: the value of the "cpu0: NAME: N" line of -d stats (empty if absent)
counter() { sed -nE "s/^cpu0: $1: ([0-9]+)$/\1/p" "$tmp/log"; }
# lines REGEX: how many log lines match
lines() { grep -cE "$1" "$tmp/log"; }
# guest_sum EC: the sum of the guest's own "EC 0x.. xN" counts over its trap lines
guest_sum() {
    grep -E ' traps, ' "$tmp/console" | grep -oE "EC $1 x[0-9]+" | awk '{ s += substr($3, 2) } END { print s + 0 }'
}

check "guest exit status" "$status" 0
check "guest summary" "$(grep -cE '^[0-9]+ passed, 0 failed$' "$tmp/console")" 1

loads=$(counter "VNCR loads")
stores=$(counter "VNCR stores")
erets=$(counter "NV ERET traps")
sysregs=$(counter "NV register traps")
redirects=$(counter "NV2 EL2-to-EL1 redirects")
el2_eret=$(counter "exceptions to EL2 EC 0x1a")
el2_sys=$(counter "exceptions to EL2 EC 0x18")
for name in loads stores erets sysregs redirects el2_eret el2_sys; do
    check_nonzero "$name" "${!name}"
done

check "VNCR loads = load lines" "$(lines '^cpu0: NV2: MRS [A-Z0-9_]+ <- VNCR 0x[0-9a-f]+ value 0x[0-9a-f]+ pc=0x[0-9a-f]+$')" "$loads"
check "VNCR stores = store lines" "$(lines '^cpu0: NV2: MSR [A-Z0-9_]+ -> VNCR 0x[0-9a-f]+ value 0x[0-9a-f]+ pc=0x[0-9a-f]+$')" "$stores"
check "NV ERET traps = ERET lines" "$(lines '^cpu0: NV: ERET trapped at pc=0x[0-9a-f]+$')" "$erets"
check "NV register traps = trap lines" "$(lines '^cpu0: NV: M[RS][SR] [A-Z0-9_]+ trapped to EL2 pc=0x[0-9a-f]+$')" "$sysregs"
check "NV2 redirects = redirect lines" "$(lines '^cpu0: NV2: M[RS][SR] [A-Z0-9_]+ reaches [A-Z0-9_]+ pc=0x[0-9a-f]+$')" "$redirects"
# nv_nested takes no ERET trap but FEAT_NV's, and no EC 0x18 trap but FEAT_NV's register traps.
check "EC 0x1a to EL2 = NV ERET traps" "$el2_eret" "$erets"
check "EC 0x1a to EL2 = guest's EC 0x1a counts" "$el2_eret" "$(guest_sum 0x1a)"
check "EC 0x18 to EL2 = NV register traps" "$el2_sys" "$sysregs"
check "EC 0x18 to EL2 = guest's EC 0x18 counts" "$el2_sys" "$(guest_sum 0x18)"

if [ "$failed" -ne 0 ]; then
    echo "guest output:"
    cat "$tmp/console"
    echo "log (stats and first lines):"
    grep -vE '^cpu0: NV' "$tmp/log"
    head -n 20 "$tmp/log"
    [ -s "$tmp/err" ] && cat "$tmp/err"
else
    echo "VNCR loads $loads, stores $stores; NV ERET traps $erets; NV register traps $sysregs;" \
        "NV2 redirects $redirects"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
