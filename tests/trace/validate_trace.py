#!/usr/bin/env python3
"""Validates an avsim -trace-file against the Chrome trace-event format, with the JSON Schema
tests/trace/chrome-trace.schema.json (python3-jsonschema), and checks its meaning: per thread
(CPU), instant timestamps never decrease; the EL spans ("X") follow one another without overlap;
every instant lies inside a span; an exception, interrupt or ERET that changes EL ends a span at
the old EL and starts one at the new EL at its timestamp.

Usage: validate_trace.py TRACE.json [--expect CAT:NAME[{KEY=VALUE,...}] ...] [--max-events N]
  --expect: instant events that must appear on CPU 0 in this order (NAME: a prefix of the name;
            KEY=VALUE: args.KEY must print as VALUE, e.g. 'interrupt:vIRQ to EL1{intid=42}').
  --max-events: the trace was capped at N events (otherData says so, events dropped).
Prints what it found; exits 1 on the first class of failure, with the reasons."""
import argparse
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("FAIL: python3-jsonschema is missing (scripts/install-deps installs it)")

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chrome-trace.schema.json")
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
    try:
        with open(a.trace) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"FAIL: not a readable JSON document: {e}")
    with open(SCHEMA) as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)  # the schema itself is valid draft-07
    validator = jsonschema.Draft7Validator(schema)
    for err in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])[:20]:
        where = "/".join(str(p) for p in err.absolute_path)
        errors.append(f"{where or 'document'}: {err.message}")
    if errors:
        sys.exit("FAIL: schema (chrome-trace.schema.json):\n  " + "\n  ".join(errors))
    other = doc.get("otherData", {})
    spans, instants = {}, {}
    for k, e in enumerate(doc["traceEvents"]):
        ph = e["ph"]
        if ph not in ("M", "X", "i"):
            errors.append(f"event {k}: phase {ph!r} (avsim writes M, X and i)")
            continue
        if e["pid"] != 0:
            errors.append(f"event {k}: pid {e['pid']} (the machine is pid 0)")
        if ph == "M":
            continue
        if not isinstance(e.get("cat"), str) or not isinstance(e.get("args"), dict):
            errors.append(f"event {k}: avsim's events have a cat and args")
            continue
        if ph == "X":
            for field, typ in SPAN_ARGS.items():
                if not isinstance(e["args"].get(field), typ):
                    errors.append(f"event {k}: span args.{field} missing or not {typ.__name__}")
            spans.setdefault(e["tid"], []).append(e)
        else:
            if e.get("s") != "t":
                errors.append(f"event {k}: avsim's instants are thread-scoped (s = t)")
            if e["cat"] in EL_CHANGE_CATS and not all(
                    type(e["args"].get(f)) is int for f in ("from_el", "to_el")):
                errors.append(f"event {k}: {e['cat']} without integer from_el and to_el")
            instants.setdefault(e["tid"], []).append(e)
    if errors:
        sys.exit("FAIL: avsim's events:\n  " + "\n  ".join(errors[:20]))

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

    seq = instants.get(0, [])
    pos = 0
    for want in a.expect:
        cat, name = want.split(":", 1)
        need = {}
        if name.endswith("}") and "{" in name:
            name, kv = name[:-1].split("{", 1)
            need = dict(item.split("=", 1) for item in kv.split(","))

        def match(e):
            if e["cat"] != cat or not e["name"].startswith(name):
                return False
            return all(k in e["args"] and json.dumps(e["args"][k]).strip('"') == v
                       for k, v in need.items())
        while pos < len(seq) and not match(seq[pos]):
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
