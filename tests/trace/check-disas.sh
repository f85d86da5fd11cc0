#!/usr/bin/env bash
# -d in_asm, exec and cpu on guest.el2_traps: with Capstone (HAVE_CAPSTONE=1) the log shows
# disassembly, with the mnemonics the test executes (hvc, eret, msr, mrs, wfi) in the in_asm
# blocks and in the exec lines at the right EL; without it the raw words (".word 0x..."). -d cpu
# prints the registers before each instruction: as many PSTATE lines as exec lines.
#
# Usage: check-disas.sh AVSIM EL2_TRAPS_ELF HAVE_CAPSTONE
set -uo pipefail
avsim=$1
elf=$2
capstone=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
has() { grep -Eq "$2" "$1" || fail "no line matching '$2' in $(basename "$1")"; }

timeout 120 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
    -semihosting -kernel "$elf" -d in_asm -D "$tmp/in_asm" </dev/null >/dev/null 2>&1 ||
    fail "-d in_asm: exit status $?"
timeout 120 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
    -semihosting -kernel "$elf" -d exec,cpu -D "$tmp/exec" </dev/null >/dev/null 2>&1 ||
    fail "-d exec,cpu: exit status $?"

has "$tmp/in_asm" '^IN: cpu0 EL2$'
has "$tmp/in_asm" '^IN: cpu0 EL1$'
if [ "$capstone" = 1 ]; then
    for m in 'hvc #0x[0-9a-f]+' 'eret' 'msr [a-z_0-9]+, x[0-9]+' 'mrs x[0-9]+, [a-z_0-9]+' 'wfi' \
        'adrp x[0-9]+, #0x[0-9a-f]+' 'ret'; do
        has "$tmp/in_asm" "^0x[0-9a-f]{16}:  [0-9a-f]{8}      $m\$"
    done
    has "$tmp/exec" '^cpu0: EL1 0x[0-9a-f]{16}: d4[0-9a-f]{6}  hvc #0x[0-9a-f]+$'
    has "$tmp/exec" '^cpu0: EL2 0x[0-9a-f]{16}: d69f03e0  eret$'
    has "$tmp/exec" '^cpu0: EL1 0x[0-9a-f]{16}: d503207f  wfi$'
else
    has "$tmp/in_asm" '^0x[0-9a-f]{16}:  d69f03e0      \.word 0xd69f03e0$'
    has "$tmp/exec" '^cpu0: EL2 0x[0-9a-f]{16}: d69f03e0  \.word 0xd69f03e0$'
fi
# Every decoded instruction shows its word as executed: the disassembly is of that word.
grep -E '^cpu0: EL[0-2] 0x[0-9a-f]{16}: [0-9a-f]{8}  .+$' "$tmp/exec" >"$tmp/execlines"
nexec=$(wc -l <"$tmp/execlines")
npstate=$(grep -c '^PSTATE=[0-9a-f]{8} [-N][-Z][-C][-V] EL[0-2][ht]$' -E "$tmp/exec")
[ "$nexec" -gt 100000 ] || fail "only $nexec exec lines"
[ "$nexec" = "$npstate" ] || fail "$nexec exec lines but $npstate register dumps"
has "$tmp/exec" '^cpu0: PC=[0-9a-f]{16} X00=[0-9a-f]{16} X01='
has "$tmp/exec" ' SP=[0-9a-f]{16}$'
[ $failed -eq 0 ] && echo "disassembly checks passed ($nexec instructions)" || exit 1
