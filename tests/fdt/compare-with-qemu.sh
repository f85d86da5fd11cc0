#!/usr/bin/env bash
# Compares avsim's generated device tree with QEMU's for the same command lines:
# every node avsim emits must exist in QEMU's tree with the same properties and
# values. Phandle references are compared by the path of the node they point to.
# Nodes and properties only QEMU has (devices avsim lacks, the ITS, rng-seed and
# kaslr-seed) are not compared.
#
# Usage: compare-with-qemu.sh AVSIM_BINARY
# Exit status: 0 identical, 1 differences, 2 usage, 77 (skip) without QEMU or dtc.
set -u

[ $# -eq 1 ] || { echo "usage: $0 AVSIM_BINARY" >&2; exit 2; }
avsim=$1
qemu=${QEMU:-qemu-system-aarch64}
for tool in "$qemu" dtc; do
    command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '\x00\x01\x80\x52\x00\x80\xb0\x72\x02\x00\x00\xd4\x00\x00\x00\x14' >"$tmp/kernel.bin"
head -c 5000 /dev/zero >"$tmp/initrd"
differences=0

# flatten DTB: one "path<TAB>property<TAB>value" line per property (and "path<TAB><TAB>" per
# node), with the cells of phandle-valued properties replaced by the paths they point to.
flatten() {
    dtc -q -I dtb -O dts -s "$1" | awk -F'\t' '
        function path() { return depth ? stack[depth] : "/" }
        /^\/dts-v1\/;$/ || /^$/ { next }
        /\{$/ {
            sub(/^[ \t]+/, ""); sub(/ \{$/, "")
            parent = path()
            stack[++depth] = ($0 == "/") ? "/" : (parent == "/" ? "" : parent) "/" $0
            print path() "\t\t"
            next
        }
        /^[ \t]*\};$/ { depth--; next }
        {
            line = $0; sub(/^[ \t]+/, "", line); sub(/;$/, "", line)
            eq = index(line, " = ")
            prop = eq ? substr(line, 1, eq - 1) : line
            val = eq ? substr(line, eq + 3) : ""
            print path() "\t" prop "\t" val
        }' >"$tmp/raw"
    awk -F'\t' -v OFS='\t' '
        NR == FNR { if ($2 == "phandle") { v = $3; gsub(/[<>]/, "", v); target[v] = $1 } next }
        $2 ~ /^(phandle|interrupt-parent|clocks|cpu)$/ {
            gsub(/[<>]/, "", $3); n = split($3, cells, " "); $3 = ""
            for (i = 1; i <= n; i++) $3 = $3 (i > 1 ? " " : "") \
                ((cells[i] in target) ? "&" target[cells[i]] : "?" cells[i])
        }
        { print }' "$tmp/raw" "$tmp/raw"
}

# Nodes and properties only QEMU has within nodes avsim emits, left out on purpose.
qemu_only='^/chosen\t(rng-seed|kaslr-seed)$'

compare() {
    local name=$1 machine=$2 ours=$tmp/avsim.dtb theirs=$tmp/qemu.dtb report
    shift 2
    echo "== $name: -M $machine $*"
    rm -f "$ours" "$theirs"
    if ! "$avsim" -M "$machine,dumpdtb=$ours" -cpu max -nographic -kernel "$tmp/kernel.bin" "$@"; then
        echo "  avsim failed"
        differences=$((differences + 1))
        return
    fi
    if ! "$qemu" -M "$machine,dumpdtb=$theirs" -cpu max -nographic -nic none \
        -kernel "$tmp/kernel.bin" "$@" 2>"$tmp/qemu.err"; then
        echo "  QEMU failed: $(head -n 1 "$tmp/qemu.err")"
        differences=$((differences + 1))
        return
    fi
    flatten "$ours" >"$tmp/ours"
    flatten "$theirs" >"$tmp/theirs"
    report=$(awk -F'\t' -v qemu_only="$qemu_only" '
        NR == FNR { node[$1] = 1; if ($2 != "") val[$1 "\t" $2] = $3; next }
        !($1 in ours_node) { ours_node[$1] = 1; if (!($1 in node)) print "  " $1 ": not in QEMU'"'"'s tree" }
        $2 == "" || !($1 in node) { next }
        { seen[$1 "\t" $2] = 1 }
        !(($1 "\t" $2) in val) { print "  " $1 ": " $2 ": QEMU does not have it"; next }
        val[$1 "\t" $2] != $3 { print "  " $1 ": " $2 ": avsim " $3 ", QEMU " val[$1 "\t" $2] }
        END {
            for (k in val) {
                split(k, pn, "\t")
                if ((pn[1] in ours_node) && !(k in seen) && k !~ qemu_only)
                    print "  " pn[1] ": " pn[2] ": only QEMU has it"
            }
        }' "$tmp/theirs" "$tmp/ours")
    if [ -n "$report" ]; then
        echo "$report"
        differences=$((differences + $(echo "$report" | wc -l)))
    fi
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
