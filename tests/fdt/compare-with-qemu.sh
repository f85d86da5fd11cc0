#!/usr/bin/env bash
# Compares avsim's generated device tree with QEMU's for the same command lines:
# every node avsim emits must exist in QEMU's tree with the same properties and
# values. Phandle references are compared by the path of the node they point to.
# Nodes and properties only QEMU has (devices avsim lacks, the ITS, rng-seed and
# kaslr-seed) are not compared.
#
# Usage: compare-with-qemu.sh AVSIM_BINARY
# Exit status: 0 identical, 1 differences, 2 usage, 77 (skip) without QEMU or fdtget.
set -u

[ $# -eq 1 ] || { echo "usage: $0 AVSIM_BINARY" >&2; exit 2; }
avsim=$1
qemu=${QEMU:-qemu-system-aarch64}
for tool in "$qemu" fdtget; do
    command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '\x00\x01\x80\x52\x00\x80\xb0\x72\x02\x00\x00\xd4\x00\x00\x00\x14' >"$tmp/kernel.bin"
head -c 5000 /dev/zero >"$tmp/initrd"

# Properties QEMU writes in nodes avsim emits, which avsim leaves out on purpose.
qemu_only="/chosen:rng-seed /chosen:kaslr-seed"
# Properties whose cells are phandles.
phandle_props=" phandle interrupt-parent clocks cpu "

differences=0
diff_line() {
    echo "  $*"
    differences=$((differences + 1))
}

# nodes DTB PATH: PATH and every node below it, one per line.
nodes() {
    local dtb=$1 path=$2 child
    echo "$path"
    for child in $(fdtget -l "$dtb" "$path"); do
        nodes "$dtb" "${path%/}/$child"
    done
}

# phandle_map DTB: "value path" lines for every node with a phandle.
phandle_map() {
    local dtb=$1 path
    for path in $(nodes "$dtb" /); do
        fdtget -t u "$dtb" "$path" phandle 2>/dev/null | sed "s|\$| $path|"
    done
}

# value DTB MAP NODE PROP: the property's bytes, or for phandle properties the target paths.
value() {
    local dtb=$1 map=$2 node=$3 prop=$4 v
    if [[ $phandle_props == *" $prop "* ]]; then
        for v in $(fdtget -t u "$dtb" "$node" "$prop"); do
            awk -v v="$v" '$1 == v { print $2; found = 1 } END { if (!found) print "unknown:" v }' "$map"
        done | tr '\n' ' '
    else
        fdtget -t bx "$dtb" "$node" "$prop"
    fi
}

compare() {
    local name=$1 machine=$2 ours=$tmp/avsim.dtb theirs=$tmp/qemu.dtb node prop
    shift 2
    echo "== $name: -M $machine $*"
    rm -f "$ours" "$theirs"
    if ! "$avsim" -M "$machine,dumpdtb=$ours" -cpu max -nographic -kernel "$tmp/kernel.bin" "$@"; then
        diff_line "avsim failed"
        return
    fi
    if ! "$qemu" -M "$machine,dumpdtb=$theirs" -cpu max -nographic -nic none \
        -kernel "$tmp/kernel.bin" "$@" 2>"$tmp/qemu.err"; then
        diff_line "QEMU failed: $(head -n 1 "$tmp/qemu.err")"
        return
    fi
    phandle_map "$ours" >"$tmp/ours.map"
    phandle_map "$theirs" >"$tmp/theirs.map"
    for node in $(nodes "$ours" /); do
        if ! fdtget -p "$theirs" "$node" >"$tmp/theirs.props" 2>/dev/null; then
            diff_line "$node: not in QEMU's tree"
            continue
        fi
        fdtget -p "$ours" "$node" >"$tmp/ours.props"
        for prop in $(cat "$tmp/ours.props"); do
            if ! grep -qxF -- "$prop" "$tmp/theirs.props"; then
                diff_line "$node: $prop: QEMU does not have it"
            elif [ "$(value "$ours" "$tmp/ours.map" "$node" "$prop")" != \
                "$(value "$theirs" "$tmp/theirs.map" "$node" "$prop")" ]; then
                diff_line "$node: $prop: avsim '$(value "$ours" "$tmp/ours.map" "$node" "$prop")'" \
                    "QEMU '$(value "$theirs" "$tmp/theirs.map" "$node" "$prop")'"
            fi
        done
        for prop in $(cat "$tmp/theirs.props"); do
            grep -qxF -- "$prop" "$tmp/ours.props" && continue
            [[ " $qemu_only " == *" $node:$prop "* ]] && continue
            diff_line "$node: $prop: only QEMU has it"
        done
    done
}

compare "EL1, 1 CPU, bootargs" virt,gic-version=3 -m 128M -append "console=ttyAMA0 earlycon"
compare "EL2, 2 CPUs, initrd" virt,virtualization=on,gic-version=3 -m 256M -smp 2 \
    -initrd "$tmp/initrd"
compare "EL2, 8 CPUs, 1 GiB, initrd and bootargs" virt,virtualization=on,gic-version=3 -m 1G \
    -smp 8 -initrd "$tmp/initrd" -append "root=/dev/ram"

if [ "$differences" -ne 0 ]; then
    echo "$differences differences"
    exit 1
fi
echo "device trees match"
