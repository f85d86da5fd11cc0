#!/usr/bin/env bash
# -trace-file on guest.el2_traps (EL2 runs code at EL1 and EL0 that traps back to EL2): the trace
# validates (tests/trace/validate_trace.py: schema, monotonic time per CPU, contiguous EL spans,
# EL changes at exceptions and ERETs) and has, in order, the guest entry (ERET to EL1), an HVC to
# EL2 with its guest exit, the return to EL1, a trapped MSR/MRS (EC 0x18) and a trapped WFI (EC
# 0x01); its exception events per EC and target EL equal -d stats's counts; two runs give the same
# file (guest time, icount mode); max-events=50 caps it with a message; bad specs are refused.
#
# Usage: check-trace.sh AVSIM EL2_TRAPS_ELF
set -uo pipefail
avsim=$1
elf=$2
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # run TRACE-SPEC LOG
    timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
        -semihosting -kernel "$elf" -trace-file "$1" -d stats -D "$2" </dev/null >"$tmp/out" \
        2>"$tmp/err"
}
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

run "$tmp/a.json" "$tmp/a.log" || fail "avsim exit status $?: $(cat "$tmp/err")"
python3 "$here/validate_trace.py" "$tmp/a.json" --expect "eret:ERET to EL1" "world:guest entry" \
    "exception:HVC64 to EL2" "world:guest exit" "eret:ERET to EL1" "world:guest entry" \
    "exception:SYS64 to EL2" "exception:WFx to EL2" || fail "validation"

# Exceptions in the trace, by target EL and EC, against the "-d stats" lines.
python3 - "$tmp/a.json" "$tmp/a.log" <<'PY' || fail "trace exception counts differ from -d stats"
import collections, json, re, sys
trace = json.load(open(sys.argv[1]))["traceEvents"]
got = collections.Counter((e["args"]["to_el"], e["args"]["ec"]) for e in trace
                          if e.get("ph") == "i" and e["cat"] == "exception")
want = collections.Counter()
for line in open(sys.argv[2]):
    m = re.match(r"cpu0: exceptions to EL(\d) EC 0x([0-9a-f]+): (\d+)$", line)
    if m:
        want[(int(m[1]), int(m[2], 16))] = int(m[3])
print("exceptions by (EL, EC):", dict(sorted(got.items())))
sys.exit(0 if got == want and got else 1)
PY

run "$tmp/b.json" "$tmp/b.log" || fail "second run"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "two runs wrote different traces"

run "$tmp/c.json,max-events=50" "$tmp/c.log" || fail "capped run: exit status $?"
grep -q "max-events=50 reached" "$tmp/err" || fail "no message when the cap is reached"
python3 "$here/validate_trace.py" "$tmp/c.json" --max-events 50 || fail "capped trace"

for bad in "" "$tmp/d.json,max-events=0" "$tmp/d.json,max-events=x" "$tmp/d.json,size=3" \
    "$tmp/no/such/dir.json"; do
    run "$bad" "$tmp/d.log"
    status=$?
    [ $status -eq 1 ] && grep -q "^avsim: -trace-file" "$tmp/err" ||
        fail "-trace-file '$bad': status $status, stderr: $(cat "$tmp/err")"
done

# The validator itself rejects a trace whose time goes back.
python3 - "$tmp/a.json" "$tmp/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
inst = [e for e in d["traceEvents"] if e.get("ph") == "i"]
inst[5]["ts"] = inst[4]["ts"] - 1
json.dump(d, open(sys.argv[2], "w"))
PY
python3 "$here/validate_trace.py" "$tmp/bad.json" >/dev/null 2>&1 && fail "validator accepted a bad trace"

[ $failed -eq 0 ] && echo "trace checks passed" || exit 1
