#!/usr/bin/env bash
# Differential test of avsim against QEMU with random instructions
# (tests/diff/README.md).
#
# Usage: run-diff.sh AVSIM SEED COUNT [CLASSES]
#   AVSIM    the avsim binary
#   SEED     random seed (a number; printed so that a failure can be replayed)
#   COUNT    random test instructions to compare (suffixes k and M allowed)
#   CLASSES  comma-separated instruction classes, or all (the default):
#            dpimm dpreg branch ldst excl atomic misc smc fp simdint simdfp
#            fpldst (and align, which all leaves out)
#
# Environment:
#   DIFF_TOOLS        directory holding diffgen and diff_harness.o
#                     (default: tests/diff in the build directory of AVSIM)
#   QEMU              QEMU binary (default qemu-system-aarch64, 10 or later)
#   DIFF_CC           cross compiler (default aarch64-linux-gnu-gcc)
#   DIFF_JOBS         programs run at the same time (default: processors)
#   DIFF_PER_CASE     random instructions per case (default 16)
#   DIFF_CHUNK        cases per guest program (default 20000)
#   DIFF_REPORTS      mismatching cases to analyse in detail (default 5)
#   DIFF_COVERAGE     coverage report file (default: DIFF_TOOLS/diff-coverage.txt)
#   DIFF_KEEP         keep the work files in this directory
#   DIFF_FIRST        number of the first case (default 0): replays a reported
#                     case with DIFF_FIRST=ID and COUNT = DIFF_PER_CASE
#
# Exit status: 0 no difference, 1 differences (each reported, reduced to one
# instruction where possible), 2 bad usage or set-up, 77 QEMU 10+ missing.
set -u -o pipefail

usage() {
    sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0" >&2
    exit 2
}
die() {
    echo "run-diff: $*" >&2
    exit 2
}

[ $# -eq 3 ] || [ $# -eq 4 ] || usage
avsim=$1
seed=$2
count=$3
classes=${4:-all}
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$avsim" ] || die "avsim binary '$avsim' not found or not executable"
[[ $seed =~ ^[0-9]+$ ]] || die "SEED must be a number, not '$seed'"
case $count in
*[kK]) count=$((${count%[kK]} * 1000)) ;;
*M) count=$((${count%M} * 1000000)) ;;
esac
[[ $count =~ ^[0-9]+$ ]] && [ "$count" -gt 0 ] || die "COUNT must be a positive number, not '$3'"

tools=${DIFF_TOOLS:-$(cd "$(dirname "$avsim")" && pwd)/tests/diff}
diffgen=$tools/diffgen
harness=$tools/diff_harness.o
qemu=${QEMU:-qemu-system-aarch64}
cc=${DIFF_CC:-aarch64-linux-gnu-gcc}
jobs=${DIFF_JOBS:-$(nproc)}
per_case=${DIFF_PER_CASE:-16}
chunk=${DIFF_CHUNK:-20000}
reports=${DIFF_REPORTS:-5}
first_case=${DIFF_FIRST:-0}
coverage=${DIFF_COVERAGE:-$tools/diff-coverage.txt}
for setting in "DIFF_FIRST=$first_case" "DIFF_JOBS=$jobs" "DIFF_PER_CASE=$per_case" \
    "DIFF_CHUNK=$chunk" "DIFF_REPORTS=$reports"; do
    [[ ${setting#*=} =~ ^[0-9]+$ ]] || die "${setting%%=*} must be a number"
done
[ "$jobs" -gt 0 ] && [ "$per_case" -gt 0 ] && [ "$chunk" -gt 0 ] ||
    die "DIFF_JOBS, DIFF_PER_CASE and DIFF_CHUNK must be positive"
[ -x "$diffgen" ] || die "$diffgen not found (build the diffgen target, or set DIFF_TOOLS)"
[ -f "$harness" ] || die "$harness not found (build the diff_harness target, or set DIFF_TOOLS)"
command -v "$cc" >/dev/null || die "cross compiler $cc not found"
"$diffgen" classes >/dev/null || die "diffgen does not run"
if ! command -v "$qemu" >/dev/null 2>&1 ||
    ! "$qemu" --version 2>/dev/null | head -n1 | grep -Eq 'version (1[0-9]|[2-9][0-9])\.'; then
    echo "run-diff: skipped: QEMU 10 or later ($qemu) is not installed"
    exit 77
fi

if [ -n "${DIFF_KEEP:-}" ]; then
    work=$DIFF_KEEP
    mkdir -p "$work" || die "cannot create $work"
else
    work=$(mktemp -d) || die "cannot create a work directory"
    trap 'rm -rf "$work"' EXIT
fi

# Checks the classes (and everything diffgen is given) once, with a clear message.
"$diffgen" gen -s "$seed" -c "$classes" -k "$per_case" -n 1 -o "$work/check.bin" ||
    die "diffgen rejects these settings (seed $seed, classes $classes, DIFF_PER_CASE $per_case)"

machine=virt,virtualization=on,gic-version=3
common=(-M "$machine" -cpu max -m 128M -nographic -semihosting)
run_timeout=600

# build BLOB ELF: links the harness with a case blob.
build() {
    "$cc" -I"$here" -DDIFF_BLOB_PATH="\"$1\"" -c "$here/guest/blob.S" -o "$1.o" &&
        "$cc" -nostdlib -static -no-pie -T "$here/../../guest/lib/link.ld" -Wl,--gc-sections \
            -Wl,--build-id=none -Wl,-z,max-page-size=4096 -o "$2" "$harness" "$1.o" -lgcc
}

# run_both ELF PREFIX: PREFIX.qemu and PREFIX.avsim (console), .status, .err.
run_both() {
    timeout -k 5 "$run_timeout" "$qemu" "${common[@]}" -nic none -kernel "$1" \
        </dev/null >"$2.qemu" 2>"$2.qemu.err"
    echo $? >"$2.qemu.status"
    timeout -k 5 "$run_timeout" "$avsim" "${common[@]}" -kernel "$1" \
        </dev/null >"$2.avsim" 2>"$2.avsim.err"
    echo $? >"$2.avsim.status"
}

# run_chunk INDEX FIRST N: generates, builds, runs and compares one program.
run_chunk() {
    local p=$work/chunk$1
    if ! "$diffgen" gen -s "$seed" -c "$classes" -k "$per_case" -f "$2" -n "$3" \
        --coverage "$p.cov" -o "$p.bin" 2>"$p.log" || ! build "$p.bin" "$p.elf" 2>>"$p.log"; then
        echo setup >"$p.result"
        return
    fi
    run_both "$p.elf" "$p"
    "$diffgen" cmp "$p.qemu" "$p.avsim" >"$p.cmp" 2>>"$p.log"
    echo $? >"$p.result"
    rm -f "$p.bin" "$p.bin.o" "$p.elf"
}

# disassemble WORD...: one line "WORD  text" per word.
disassemble() {
    local bin=$work/words.bin w
    : >"$bin"
    for w in "$@"; do
        printf '%b' "\\x${w:6:2}\\x${w:4:2}\\x${w:2:2}\\x${w:0:2}" >>"$bin"
    done
    "${cc%gcc}objdump" -D -b binary -m aarch64 "$bin" 2>/dev/null |
        awk -F'\t' '/^ *[0-9a-f]+:\t/ { t = $3; for (i = 4; i <= NF; i++) t = t " " $i;
                                       gsub(/ +/, " ", t); print $2 " " t }'
}

# explain_case ID: replays a mismatching case in full, finds the first
# instruction whose result differs, and re-runs that instruction on its own.
explain_case() {
    local id=$1 d=$work/case$1
    local gen=("$diffgen" gen -s "$seed" -c "$classes" -k "$per_case" -f "$id" -n 1)
    mkdir -p "$d"
    echo "=== MISMATCH in case $id of seed $seed (classes $classes, $per_case per case)"
    echo "    replay: DIFF_FIRST=$id DIFF_PER_CASE=$per_case $0 AVSIM $seed $per_case $classes"
    if ! "${gen[@]}" --full --listing "$d/listing" -o "$d/full.bin" ||
        ! "${gen[@]}" --prefixes -o "$d/prefix.bin" || ! build "$d/full.bin" "$d/full.elf" ||
        ! build "$d/prefix.bin" "$d/prefix.elf"; then
        echo "    (cannot rebuild the case)"
        return
    fi
    echo "--- the case (S = set-up, T = random test instruction):"
    mapfile -t words < <(awk -F'\t' 'NR > 1 { print $2 }' "$d/listing")
    paste <(awk -F'\t' 'NR > 1 { printf "%4d %s %-7s %-44s\n", $1, $3, $4, $5 }' "$d/listing") \
        <(disassemble "${words[@]}") | sed 's/^/    /'
    run_both "$d/full.elf" "$d/full"
    run_both "$d/prefix.elf" "$d/prefix"
    if [ "$(cat "$d/full.avsim.status")" != 0 ]; then
        echo "--- avsim exit status $(cat "$d/full.avsim.status"); its stderr:"
        head -n 20 "$d/full.avsim.err" | sed 's/^/    /'
    fi
    echo "--- initial state:"
    "$diffgen" show "$d/prefix.qemu" 0 || true
    if "$diffgen" cmp "$d/full.qemu" "$d/full.avsim" >/dev/null 2>&1; then
        echo "--- the full replay agrees (the mismatch did not reproduce)"
        return
    fi
    echo "--- final state, QEMU vs avsim:"
    "$diffgen" explain "$d/full.qemu" "$d/full.avsim" "$id" qemu avsim 2>&1 || true
    local first
    first=$("$diffgen" cmp "$d/prefix.qemu" "$d/prefix.avsim" 2>/dev/null |
        awk '$1 == "mismatch" || $1 == "missing" { print $2; exit }')
    if [ -z "$first" ] || [ "$first" = 0 ]; then
        echo "--- no single instruction isolated (first differing prefix: ${first:-none})"
        return
    fi
    local index=$((first - 1)) word
    word=${words[$index]}
    echo "--- REDUCED: the first difference appears after instruction $index:"
    echo "    $(disassemble "$word")    [$(awk -F'\t' -v i="$index" 'NR > 1 && $1 == i { print $4 ": " $5 }' "$d/listing")]"
    echo "    inputs (the state before it, identical on both):"
    "$diffgen" show "$d/prefix.qemu" "$index" --memory | sed 's/^/  /'
    echo "    outputs, QEMU vs avsim:"
    "$diffgen" explain "$d/prefix.qemu" "$d/prefix.avsim" "$first" qemu avsim 2>&1 | sed 's/^/  /'
    if "$diffgen" single "$d/prefix.qemu" "$index" "0x$word" -o "$d/single.bin" 2>"$d/single.log" &&
        build "$d/single.bin" "$d/single.elf"; then
        run_both "$d/single.elf" "$d/single"
        if "$diffgen" cmp "$d/single.qemu" "$d/single.avsim" >/dev/null 2>&1; then
            echo "    alone (same inputs, other address): no difference"
        else
            echo "    alone (same inputs, other address), QEMU vs avsim:"
            "$diffgen" explain "$d/single.qemu" "$d/single.avsim" 0 qemu avsim 2>&1 | sed 's/^/  /'
        fi
    else
        echo "    alone: not replayable ($(cat "$d/single.log"))"
    fi
}

start=$(date +%s)
ncases=$(((count + per_case - 1) / per_case))
nchunks=$(((ncases + chunk - 1) / chunk))
echo "run-diff: seed $seed, $count instructions in $ncases case(s) of $per_case, classes $classes;" \
    "$nchunks program(s), $jobs at a time"
running=0
for ((c = 0; c < nchunks; c++)); do
    n=$((ncases - c * chunk < chunk ? ncases - c * chunk : chunk))
    run_chunk "$c" $((first_case + c * chunk)) "$n" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

status=0
bad_cases=()
for ((c = 0; c < nchunks; c++)); do
    p=$work/chunk$c
    result=$(cat "$p.result" 2>/dev/null || echo setup)
    case $result in
    0) ;;
    1)
        status=1
        mapfile -t -O "${#bad_cases[@]}" bad_cases < <(awk '$1 != "unfinished" { print $2 }' "$p.cmp")
        echo "run-diff: program $c: $(grep -c . "$p.cmp") difference(s); avsim exit status" \
            "$(cat "$p.avsim.status")"
        grep -q unfinished "$p.cmp" && head -n 5 "$p.avsim.err" | sed 's/^/  avsim: /'
        ;;
    *)
        echo "run-diff: program $c could not be run or compared ($result):"
        head -n 20 "$p.log" 2>/dev/null | sed 's/^/  /'
        [ -f "$p.qemu.status" ] && echo "  QEMU exit status $(cat "$p.qemu.status")" &&
            tail -n 5 "$p.qemu" "$p.qemu.err" | sed 's/^/  /'
        [ "$status" -eq 1 ] || status=2
        ;;
    esac
done

cat "$work"/chunk*.cov 2>/dev/null | awk -F'\t' '{ n[$1 "\t" $2] += $3 }
    END { for (k in n) print k "\t" n[k] }' | sort >"$coverage"
echo "run-diff: instructions compared per class (encoding groups; full report in $coverage):"
awk -F'\t' '{ n[$1] += $3; g[$1]++ } END { for (c in n) printf "  %-8s %10d  (%d groups)\n", c, n[c], g[c] }' \
    "$coverage" | sort

if [ "${#bad_cases[@]}" -gt 0 ]; then
    echo "run-diff: ${#bad_cases[@]} case(s) differ; analysing the first $reports"
    for id in "${bad_cases[@]:0:$reports}"; do
        explain_case "$id"
    done
fi
echo "run-diff: $([ $status -eq 0 ] && echo PASSED || echo FAILED) (seed $seed, $(($(date +%s) - start)) s)"
exit $status
