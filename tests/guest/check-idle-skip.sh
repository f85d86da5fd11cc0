#!/usr/bin/env bash
# WFI with nothing pending skips to the next timer deadline instead of spinning: the guest
# sleeps 2 s of counter time (2e9 ticks at 1 GHz), yet avsim retires only a few million
# instructions. Counting instructions, not seconds, keeps the check exact and load-proof.
set -euo pipefail
avsim=$1
elf=$2
out=$(timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
      -semihosting -d stats -kernel "$elf" 2>&1)
echo "$out" | tail -n 3
n=$(echo "$out" | sed -nE 's/^avsim: ([0-9]+) instructions.*/\1/p')
limit=20000000
if [ -z "$n" ] || [ "$n" -ge "$limit" ]; then
    echo "idle skip: ${n:-no} instructions for a 2 s sleep (limit $limit)"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "idle skip: $n instructions for a 2 s sleep"
echo "1 passed, 0 failed"
