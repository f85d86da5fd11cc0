#!/usr/bin/env python3
"""Validates an avsim -trace-file against the Chrome trace-event format (the subset avsim writes)
and checks its meaning: per thread (CPU), instant timestamps never decrease; the EL spans ("X")
follow one another without overlap; every instant lies inside a span; an exception, interrupt or
ERET that changes EL ends a span at the old EL and starts one at the new EL at its timestamp.

Usage: validate_trace.py TRACE.json [--expect CAT:NAME ...] [--max-events N]
  --expect: instant events that must appear on CPU 0 in this order (NAME: a prefix of the name).
  --max-events: the trace was capped at N events (otherData says so, events dropped).
Prints what it found; exits 1 on the first class of failure, with the reasons."""
import argparse
import json
import sys

SCHEMA = {  # ph -> {field: type(s)}
    "M": {"name": str, "ph": str, "pid": int, "tid": int, "args": dict},
    "X": {"name": str, "cat": str, "ph": str, "pid": int, "tid": int, "ts": (int, float),
          "dur": (int, float), "args": dict},
    "i": {"name": str, "cat": str, "ph": str, "s": str, "pid": int, "tid": int,
          "ts": (int, float), "args": dict},
}
SPAN_ARGS = {"el": int, "regime": str, "stage2": bool, "nv": bool}
EL_CHANGE_CATS = ("exception", "interrupt", "eret")


def ns(x):
    return round(x * 1000)  # ts and dur are microseconds with ns precision


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--expect", nargs="*", default=[])
    ap.add_argument("--max-events", type=int)
    a = ap.parse_args()
    errors = []
    with open(a.trace) as f:
        doc = json.load(f)  # must be valid JSON
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        sys.exit("FAIL: not a JSON object with a traceEvents array")
    if doc.get("displayTimeUnit") not in ("ms", "ns"):
        errors.append("displayTimeUnit must be ms or ns")
    other = doc.get("otherData", {})
    spans, instants = {}, {}
    for k, e in enumerate(doc["traceEvents"]):
        ph = e.get("ph") if isinstance(e, dict) else None
        if ph not in SCHEMA:
            errors.append(f"event {k}: unknown or missing ph {ph!r}")
            continue
        for field, typ in SCHEMA[ph].items():
            if field not in e:
                errors.append(f"event {k}: missing {field}")
            elif not isinstance(e[field], typ) or isinstance(e[field], bool):
                errors.append(f"event {k}: {field} has type {type(e[field]).__name__}")
        if errors:
            continue
        if e["pid"] != 0:
            errors.append(f"event {k}: pid {e['pid']} (the machine is pid 0)")
        if ph == "M":
            continue
        if e["ts"] < 0:
            errors.append(f"event {k}: negative ts")
        if ph == "X":
            if e["dur"] < 0:
                errors.append(f"event {k}: negative dur")
            for field, typ in SPAN_ARGS.items():
                if not isinstance(e["args"].get(field), typ):
                    errors.append(f"event {k}: span args.{field} missing or not {typ.__name__}")
            spans.setdefault(e["tid"], []).append(e)
        else:
            if e["s"] not in ("t", "p", "g"):
                errors.append(f"event {k}: instant scope {e['s']!r}")
            instants.setdefault(e["tid"], []).append(e)
    if errors:
        sys.exit("FAIL: schema:\n  " + "\n  ".join(errors[:20]))

    for tid, evs in instants.items():
        for p, q in zip(evs, evs[1:]):
            if ns(q["ts"]) < ns(p["ts"]):
                errors.append(f"cpu{tid}: instant ts goes back: {p['ts']} then {q['ts']}")
                break
    for tid, ss in spans.items():
        for p, q in zip(ss, ss[1:]):
            if ns(q["ts"]) < ns(p["ts"]) + ns(p["dur"]):
                errors.append(f"cpu{tid}: spans overlap or are out of order at ts {q['ts']}")
                break
    for tid, evs in instants.items():
        ss = spans.get(tid, [])
        starts = {ns(s["ts"]): s for s in ss}
        ends = {}
        for s in ss:
            ends.setdefault(ns(s["ts"]) + ns(s["dur"]), s)
        j = 0
        for e in evs:
            t = ns(e["ts"])
            while j < len(ss) and ns(ss[j]["ts"]) + ns(ss[j]["dur"]) < t:
                j += 1
            if j == len(ss) or ns(ss[j]["ts"]) > t:
                errors.append(f"cpu{tid}: instant {e['name']} at {e['ts']} outside every span")
                break
            args = e["args"]
            if e["cat"] in EL_CHANGE_CATS and args["from_el"] != args["to_el"]:
                new, old = starts.get(t), ends.get(t)
                if not new or new["args"]["el"] != args["to_el"]:
                    errors.append(f"cpu{tid}: {e['name']} at {e['ts']}: no EL{args['to_el']} "
                                  "span starts there")
                if not old or old["args"]["el"] != args["from_el"]:
                    errors.append(f"cpu{tid}: {e['name']} at {e['ts']}: no EL{args['from_el']} "
                                  "span ends there")
                if len(errors) > 10:
                    break
    if errors:
        sys.exit("FAIL: timeline:\n  " + "\n  ".join(errors[:20]))

    seq = [(e["cat"], e["name"]) for e in instants.get(0, [])]
    pos = 0
    for want in a.expect:
        cat, name = want.split(":", 1)
        while pos < len(seq) and not (seq[pos][0] == cat and seq[pos][1].startswith(name)):
            pos += 1
        if pos == len(seq):
            sys.exit(f"FAIL: expected event {want} (in order after the previous ones) not found")
        pos += 1

    if a.max_events is not None:
        if other.get("max_events") != a.max_events or other.get("events") != a.max_events:
            sys.exit(f"FAIL: otherData {other}: expected {a.max_events} events written")
        if not other.get("dropped_events", 0) > 0:
            sys.exit("FAIL: a capped trace should report dropped events")
        n = sum(len(v) for v in instants.values())
        if n != a.max_events:
            sys.exit(f"FAIL: {n} instant events, expected the cap {a.max_events}")
    nspans = sum(len(v) for v in spans.values())
    ninst = sum(len(v) for v in instants.values())
    print(f"OK: {ninst} instant events, {nspans} spans, {len(a.expect)} expected events in order")


if __name__ == "__main__":
    main()
