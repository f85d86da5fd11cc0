#!/usr/bin/env bash
# The events of guest.stats_events (EL2 takes SGIs, executes TLBIs, injects virtual interrupts
# through ICH_LR0/1_EL2 and HCR_EL2.VI into an EL1 guest that takes them) in -trace-file and
# -stats-file:
#  - the trace validates against tests/trace/chrome-trace.schema.json and avsim's timeline rules
#    (validate_trace.py) and has the expected events in order: SGI sent, IRQ to EL2 with its
#    INTID, acknowledge, TLBIs, LR injections, ERET to EL1 with the guest entry, the guest's
#    TLBIs, vIRQ 42 then 43 taken and acknowledged, the HVC exit, the HCR_EL2.VI injection and
#    its vIRQ with ICV_IAR1 reading 1023, TLBI ALLE2; two runs write the same file;
#  - the JSON's TLBI, interrupt and TLB counters equal the program's "expect:" lines;
#  - guest.cache_mmu_off under -cache mode=check: DC CVAC, DC CIVAC, then the checker's report;
#  - guest.el2_vhe: EL2's span changes regime (EL2 -> EL2&0 and back) where it writes
#    HCR_EL2.E2H, not only at its next exception;
#  - the validator rejects broken traces (each of a list of defects).
#
# Usage: check-events.sh AVSIM STATS_EVENTS_ELF CACHE_MMU_OFF_ELF EL2_VHE_ELF
set -uo pipefail
[ $# -eq 4 ] || { echo "usage: $0 AVSIM STATS_EVENTS_ELF CACHE_MMU_OFF_ELF EL2_VHE_ELF" >&2; exit 2; }
avsim=$1
elf=$2
cache_elf=$3
vhe_elf=$4
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
run() { # run ELF OUT [AVSIM OPTIONS...]
    local e=$1 out=$2
    shift 2
    timeout 60 "$avsim" -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
        -semihosting -kernel "$e" "$@" </dev/null >"$out" 2>"$tmp/err"
}

run "$elf" "$tmp/out" -trace-file "$tmp/a.json" -stats-file "$tmp/s.json" ||
    fail "avsim exit status $?: $(cat "$tmp/err")"
grep -q " 0 failed" "$tmp/out" || fail "the guest program failed: $(cat "$tmp/out")"

python3 "$here/validate_trace.py" "$tmp/a.json" --expect \
    "interrupt_assert:SGI 1 to cpu0{intid=1,class=SGI,target_cpu=0}" \
    "interrupt:IRQ to EL2{intid=1,virtual=false,source=GIC}" \
    "interrupt_ack:ack INTID 1{virtual=false,group=1}" \
    "interrupt_assert:SGI 1" "interrupt:IRQ to EL2{intid=1}" "interrupt_ack:ack INTID 1" \
    "interrupt_assert:SGI 1" "interrupt:IRQ to EL2{intid=1}" "interrupt_ack:ack INTID 1" \
    "tlb_maintenance:TLBI VAE2{operand=0x40003}" "tlb_maintenance:TLBI ALLE1" \
    "tlb_maintenance:TLBI ALLE1" \
    "interrupt_inject:inject vINTID 42 (ICH_LR0_EL2){vintid=42,lr=0,group=1,priority=144}" \
    "interrupt_inject:inject vINTID 43 (ICH_LR1_EL2){vintid=43,lr=1,priority=160}" \
    "cache_maintenance:DC CIVAC{el=2}" \
    "eret:ERET to EL1{from_el=2}" "world:guest entry{to_el=1}" \
    "tlb_maintenance:TLBI VMALLE1{el=1}" "tlb_maintenance:TLBI VAE1IS{el=1}" \
    "interrupt:vIRQ to EL1{intid=42,class=SPI,virtual=true,source=list register,from_el=1}" \
    "interrupt_ack:ack vINTID 42{virtual=true}" "eret:ERET to EL1{from_el=1}" \
    "interrupt:vIRQ to EL1{intid=43}" "interrupt_ack:ack vINTID 43" \
    "exception:HVC64 to EL2{from_el=1}" "world:guest exit{from_el=1}" \
    "eret:ERET to EL2{from_el=2}" \
    "interrupt_inject:inject vIRQ (HCR_EL2.VI){via=HCR_EL2.VI}" \
    "eret:ERET to EL1" "world:guest entry" \
    "interrupt:vIRQ to EL1{source=HCR_EL2.VI}" "interrupt_ack:ack vINTID 1023{class=other}" \
    "exception:HVC64 to EL2" "world:guest exit" "tlb_maintenance:TLBI ALLE2{el=2}" ||
    fail "stats_events trace"

# The counts of the program's "expect:" lines against -stats-file.
python3 - "$tmp/s.json" "$tmp/out" <<'PY' || fail "stats_events -stats-file values"
import json, re, sys
s = json.load(open(sys.argv[1]))["cpus"][0]["stats"]
out = open(sys.argv[2]).read()
def expect(prefix):
    m = re.search(r"^expect: " + prefix + r" (.*)$", out, re.M)
    if not m:
        sys.exit(f"no 'expect: {prefix}' line")
    words = m[1].split()
    return dict(zip(words[::2], words[1::2]))
bad = []
def same(what, got, want):
    print(f"{what}: {got} (expected {want})")
    if got != want:
        bad.append(what)
tlbi = {t["op"]: t["count"] for t in s["tlb"]["tlbi"]}
for op, n in expect("tlbi").items():
    same(f"TLBI {op}", tlbi.get(f"TLBI {op}"), int(n))
same("TLBI kinds", len(tlbi), len(expect("tlbi")))
e = expect("irq asserted sgi \\d+ acknowledged")
same("irq.asserted", s["irq"]["asserted"], dict(sgi=3, ppi=0, spi=0, lpi=0, other=0))
same("irq.acknowledged.sgi", s["irq"]["acknowledged"]["sgi"], int(e["sgi"]))
m = re.search(r"^expect: irq asserted sgi (\d+)", out, re.M)
same("irq.asserted.sgi", s["irq"]["asserted"]["sgi"], int(m[1]))
v = expect("irq virtual_acknowledged")
same("irq.virtual_acknowledged", s["irq"]["virtual_acknowledged"],
     dict(sgi=0, ppi=0, spi=int(v["spi"]), lpi=0, other=int(v["other"])))
i = expect("irq injected")
same("irq.injected", s["irq"]["injected"],
     dict(list_register=int(i["list_register"]), hcr_vi=int(i["hcr_vi"]), hcr_vf=0, hcr_vse=0))
t = expect("interrupts")
same("interrupts", s["interrupts"], dict(el0=0, el1=int(t["el1"]), el2=int(t["el2"])))
m = re.search(r"^expect: tlb miss el2 at least (\d+)", out, re.M)
print(f"tlb: {s['tlb']}")
if not (s["tlb"]["miss"]["el2"] >= int(m[1]) and s["tlb"]["hit"]["el2"] > 0 and
        s["tlb"]["miss"]["el1"] == 0 and s["tlb"]["hit"]["el1"] == 0):
    bad.append("tlb hit/miss (EL2 MMU on for the last part only, EL1 never)")
sys.exit(f"wrong: {bad}" if bad else 0)
PY

run "$elf" "$tmp/out2" -trace-file "$tmp/b.json" || fail "second run"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "two runs wrote different traces"

# The coherence checker's report, after the maintenance that precedes it.
run "$cache_elf" "$tmp/out3" -cache mode=check -trace-file "$tmp/c.json" ||
    fail "cache_mmu_off: exit status $?"
python3 "$here/validate_trace.py" "$tmp/c.json" --expect "cache_maintenance:DC CVAC{el=2}" \
    "cache_maintenance:DC CIVAC{el=2}" "cache_check:cache check report" ||
    fail "cache_mmu_off trace"
python3 - "$tmp/c.json" <<'PY' || fail "cache check report events"
import json, sys
ev = [e for e in json.load(open(sys.argv[1]))["traceEvents"] if e.get("cat") == "cache_check"]
print("reports:", [e["args"]["report"] for e in ev])
sys.exit(0 if len(ev) == 1 and ev[0]["args"]["report"].startswith("cache: stale read: cpu0 EL2")
         else 1)
PY

# Spans per translation regime: EL2 becomes the EL2&0 host when it sets E2H (before it first
# enters EL0) and plain EL2 again when it clears it.
run "$vhe_elf" "$tmp/out4" -trace-file "$tmp/v.json" || fail "el2_vhe: exit status $?"
python3 "$here/validate_trace.py" "$tmp/v.json" || fail "el2_vhe trace"
python3 - "$tmp/v.json" <<'PY' || fail "el2_vhe: EL2 spans do not follow HCR_EL2.E2H"
import json, sys
xs = [e for e in json.load(open(sys.argv[1]))["traceEvents"] if e["ph"] == "X"]
names = [x["name"] for x in xs]
print("spans:", names[:3], "...", names[-2:])
sys.exit(0 if names[:3] == ["EL2", "EL2 host (VHE)", "EL0 host"] and names[-1] == "EL2" and
         xs[-1]["args"]["regime"] == "EL2" else 1)
PY

# The validator rejects broken traces: each defect alone in a copy of the good one.
python3 - "$tmp/a.json" "$tmp" <<'PY'
import copy, json, sys
doc = json.load(open(sys.argv[1]))
def inst(d, n): return [e for e in d["traceEvents"] if e["ph"] == "i"][n]
def span(d, n): return [e for e in d["traceEvents"] if e["ph"] == "X"][n]
defects = {
    "no-ph": lambda d: inst(d, 3).pop("ph"),
    "unknown-ph": lambda d: inst(d, 3).update(ph="Q"),
    "dur-string": lambda d: span(d, 0).update(dur="12"),
    "negative-ts": lambda d: inst(d, 0).update(ts=-1),
    "instant-scope": lambda d: inst(d, 0).update(s="x"),
    "instant-with-dur": lambda d: inst(d, 0).update(dur=1),
    "metadata-no-args": lambda d: [e for e in d["traceEvents"] if e["ph"] == "M"][0].pop("args"),
    "no-traceEvents": lambda d: d.pop("traceEvents"),
    "time-goes-back": lambda d: inst(d, 5).update(ts=inst(d, 4)["ts"] - 1),
    "span-overlap": lambda d: span(d, 1).update(ts=span(d, 0)["ts"]),
    "eret-without-span": lambda d: [e for e in d["traceEvents"] if e["ph"] == "i" and
                                    e["cat"] == "eret" and e["args"]["to_el"] == 1][0]["args"]
                                   .update(to_el=0),
}
for name, f in defects.items():
    d = copy.deepcopy(doc)
    f(d)
    json.dump(d, open(f"{sys.argv[2]}/bad-{name}.json", "w"))
open(f"{sys.argv[2]}/bad-truncated.json", "w").write(open(sys.argv[1]).read()[:2000])
PY
for bad in "$tmp"/bad-*.json; do
    if python3 "$here/validate_trace.py" "$bad" >"$tmp/v.out" 2>&1; then
        fail "validator accepted $(basename "$bad")"
    else
        echo "rejected $(basename "$bad"): $(head -2 "$tmp/v.out" | tail -1)"
    fi
done
# ... and an expected event out of order.
python3 "$here/validate_trace.py" "$tmp/a.json" --expect "interrupt:vIRQ to EL1{intid=43}" \
    "interrupt:vIRQ to EL1{intid=42}" >/dev/null 2>&1 && fail "validator accepted a wrong order"

[ $failed -eq 0 ] && echo "event checks passed" || exit 1
