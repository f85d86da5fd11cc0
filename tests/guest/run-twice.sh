#!/usr/bin/env bash
# Runs a guest twice on avsim (deterministic guest time, the default) and fails unless
# both runs print exactly the same output, instruction counts included.
# Usage: run-twice.sh AVSIM ELF [OPTION...]   (options such as -smp 4 are added to both runs)
set -euo pipefail
avsim=$1
elf=$2
shift 2
opts=(-M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic -semihosting
      -d stats -kernel "$elf" "$@")
one=$(timeout 60 "$avsim" "${opts[@]}" 2>&1 | sed -E 's/ in [0-9.]+ s: [0-9.]+ MIPS//')
two=$(timeout 60 "$avsim" "${opts[@]}" 2>&1 | sed -E 's/ in [0-9.]+ s: [0-9.]+ MIPS//')
if [ "$one" != "$two" ]; then
    diff <(echo "$one") <(echo "$two") || true
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$one" | tail -n 2
echo "1 passed, 0 failed"
