#!/usr/bin/env bash
# A CPU whose exception vector faults takes the same exception forever (hardware and QEMU
# spin). avsim stops it: exit status 3 and a diagnosis (PC, EL, ESR, FAR, VBAR) on stderr.
# With -no-exception-loop-check it keeps running. A guest taking many exceptions that each
# complete (SVC handled by ERET, 20000 times) is not a loop.
#
# Usage: check-exception-loop.sh AVSIM CROSS_CC
set -uo pipefail
avsim=$1
cc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# build NAME: assembles the program on stdin into $tmp/NAME.elf, loaded and entered at RAM + 0x80000.
build() {
    "$cc" -nostdlib -static -Wl,-Ttext=0x40080000 -Wl,--build-id=none -x assembler - \
        -o "$tmp/$1.elf" || { echo "cannot assemble $1"; exit 2; }
}

# VBAR of the current EL (1 or 2) := x0.
set_vbar='
    mrs  x1, CurrentEL
    cmp  x1, #8
    b.ne 1f
    msr  vbar_el2, x0
    b    2f
1:  msr  vbar_el1, x0
2:  isb
'
# The vectors are in unmapped memory: the fetch at VBAR + 0x200 faults, forever.
build unmapped <<EOF2
    .global _start
_start:
    mov  x0, #0x10000
$set_vbar
    udf  #0
EOF2
# The vector holds UDF: each UNDEFINED exception is taken at the vector itself.
build udf <<EOF2
    .global _start
_start:
    adr  x0, vectors
$set_vbar
    udf  #0
    .balign 2048
vectors:
    .space 0x200
    udf  #1
EOF2
# 20000 SVCs, each returned from, then PSCI SYSTEM_OFF (HVC at EL1).
build svc_loop <<EOF2
    .global _start
_start:
    adr  x0, vectors
$set_vbar
    mov  x2, #20000
3:  svc  #0
    subs x2, x2, #1
    b.ne 3b
    movz x0, #0x0008
    movk x0, #0x8400, lsl #16
    hvc  #0
    b    .
    .balign 2048
vectors:
    .space 0x200
    eret
EOF2

# expect NAME STATUS PATTERN ELF MACHINE [OPTION...]: avsim's exit status is STATUS and its
# stderr matches PATTERN (an extended regular expression; empty: stderr must be empty).
expect() {
    local name=$1 want=$2 pattern=$3 elf=$4 machine=$5
    shift 5
    timeout -k 5 "${limit:-30}" "$avsim" -M "$machine" -cpu max -m 128M -nographic "$@" \
        -kernel "$tmp/$elf.elf" </dev/null >"$tmp/out" 2>"$tmp/err"
    local status=$?
    local ok=1
    [ "$status" -eq "$want" ] || ok=0
    if [ -n "$pattern" ]; then
        grep -Eq "$pattern" "$tmp/err" || ok=0
    else
        [ ! -s "$tmp/err" ] || ok=0
    fi
    if [ "$ok" -eq 1 ]; then
        echo "ok: $name (status $status)"
        passed=$((passed + 1))
    else
        echo "FAIL: $name: status $status (want $want), stderr:"
        cat "$tmp/err"
        failed=$((failed + 1))
    fi
}

el1='PC 0x0000000000010200  EL1  ESR_EL1 0x86000010 \(EC 0x21\)  FAR_EL1 0x0000000000010200  VBAR_EL1 0x0000000000010000'
el2='PC 0x0000000000010200  EL2  ESR_EL2 0x86000010 \(EC 0x21\)  FAR_EL2 0x0000000000010200  VBAR_EL2 0x0000000000010000'
expect "unmapped vectors, EL1" 3 "$el1" unmapped virt,gic-version=3
expect "unmapped vectors, EL2" 3 "$el2" unmapped virt,virtualization=on,gic-version=3
expect "unmapped vectors, 4 CPUs" 3 "cpu0 is stuck in an exception loop" unmapped \
    virt,gic-version=3 -smp 4
expect "UDF at the vector" 3 "EL1  ESR_EL1 0x02000000 \(EC 0x00\)" udf virt,gic-version=3
expect "20000 SVCs handled" 0 "" svc_loop virt,gic-version=3
# Disabled: still looping when the timeout (status 124) ends it.
limit=3 expect "unmapped vectors, -no-exception-loop-check" 124 "" unmapped virt,gic-version=3 \
    -no-exception-loop-check

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
