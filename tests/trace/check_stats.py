#!/usr/bin/env python3
"""-stats-file FILE.json against -d stats: runs avsim on a guest with both, then checks that the
JSON has every documented field with the right type (docs/stats.md), that each counter line of the
text summary has the same value in the JSON, that every non-zero JSON counter has its text line,
and that "total" is the sum of the CPUs.

Usage: check_stats.py AVSIM ELF [AVSIM OPTIONS...] [-- REQUIRED-NONZERO-FIELD...]"""
import json
import os
import re
import subprocess
import sys
import tempfile

EL = ("el0", "el1", "el2")
CACHE_ROWS = {"L1D hits": "l1d_hit", "L1D misses": "l1d_miss", "L1I hits": "l1i_hit",
              "L1I misses": "l1i_miss", "L2 hits": "l2_hit", "L2 misses": "l2_miss",
              "L1D write-backs": "l1d_writeback", "L2 write-backs": "l2_writeback",
              "L1D evictions": "l1d_evict", "L1I evictions": "l1i_evict",
              "L2 evictions": "l2_evict", "L1D snoops": "snoop", "uncached accesses": "uncached"}
NV = {"NV register traps": "sysreg_traps", "NV ERET traps": "eret_traps",
      "VNCR loads": "vncr_loads", "VNCR stores": "vncr_stores",
      "NV2 EL2-to-EL1 redirects": "nv2_redirects"}

IRQ_CLASSES = {"sgi": "SGI", "ppi": "PPI", "spi": "SPI", "lpi": "LPI", "other": "other"}
INJECTED = {"list_register": "ICH_LR", "hcr_vi": "HCR_EL2.VI", "hcr_vf": "HCR_EL2.VF",
            "hcr_vse": "HCR_EL2.VSE"}


def per_el(d):
    assert set(d) == set(EL) and all(type(v) is int for v in d.values()), d
    return d


def flatten(s):
    """The counters of one stats object as {text-summary key: value}; checks the types."""
    out = {}
    for i, el in enumerate(EL):
        out[f"instructions at EL{i}"] = per_el(s["instructions"])[el]
        out[f"interrupts to EL{i}"] = per_el(s["interrupts"])[el]
        out[f"ERET at EL{i}"] = per_el(s["erets"])[el]
    for e in s["exceptions"]:
        assert type(e["to_el"]) is int and type(e["ec"]) is int and type(e["count"]) is int, e
        assert isinstance(e["ec_name"], str) and e["count"] > 0, e
        out[f"exceptions to EL{e['to_el']} EC 0x{e['ec']:02x}"] = e["count"]
    for text, key in NV.items():
        assert type(s["nv"][key]) is int
        out[text] = s["nv"][key]
    assert type(s["wait_ns"]) is int
    out["ns waiting in WFI/WFE"] = s["wait_ns"]
    for i, el in enumerate(EL):
        out[f"TLB hits at EL{i}"] = per_el(s["tlb"]["hit"])[el]
        out[f"TLB misses at EL{i}"] = per_el(s["tlb"]["miss"])[el]
    for t in s["tlb"]["tlbi"]:
        assert t["op"].startswith("TLBI ") and type(t["count"]) is int and t["count"] > 0, t
        out[t["op"]] = t["count"]
    irq = s["irq"]
    for key, text in (("asserted", "{} interrupts asserted"),
                      ("acknowledged", "{} interrupts acknowledged"),
                      ("virtual_acknowledged", "virtual {} interrupts acknowledged")):
        assert set(irq[key]) == set(IRQ_CLASSES), irq[key]
        for cls, name in IRQ_CLASSES.items():
            assert type(irq[key][cls]) is int
            out[text.format(name)] = irq[key][cls]
    assert set(irq["injected"]) == set(INJECTED), irq["injected"]
    for key, name in INJECTED.items():
        assert type(irq["injected"][key]) is int
        out[f"virtual interrupts injected by {name}"] = irq["injected"][key]
    c = s["cache"]
    for text, key in CACHE_ROWS.items():
        for i, el in enumerate(EL):
            out[f"cache EL{i} {text}"] = per_el(c[key])[el]
    for m in c["maintenance"]:
        assert isinstance(m["op"], str) and type(m["el"]) is int and m["count"] > 0, m
        out[f"cache EL{m['el']} {m['op']}"] = f"{m['count']}, lines {m['lines']}"
    return out


def main():
    args = sys.argv[1:]
    required = []
    if "--" in args:
        required = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    avsim, elf, extra = args[0], args[1], args[2:]
    with tempfile.TemporaryDirectory() as tmp:
        js, log = os.path.join(tmp, "stats.json"), os.path.join(tmp, "log")
        r = subprocess.run([avsim, "-M", "virt,virtualization=on,gic-version=3", "-cpu", "max",
                            "-m", "128M", "-nographic", "-semihosting", "-kernel", elf,
                            "-d", "stats", "-D", log, "-stats-file", js] + extra,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        if r.returncode != 0:
            sys.exit(f"FAIL: avsim exit status {r.returncode}: {r.stderr.decode()}")
        doc = json.load(open(js))
        text = open(log).read()
    assert doc["version"] == 1 and type(doc["instructions"]) is int
    assert isinstance(doc["host_seconds"], (int, float)) and isinstance(doc["mips"], (int, float))
    fails = []
    m = re.search(r"^avsim: (\d+) instructions in", text, re.M)
    if not m or int(m[1]) != doc["instructions"]:
        fails.append(f"instructions: text {m and m[1]}, JSON {doc['instructions']}")
    lines = {}
    for who, key, val in re.findall(r"^(cpu\d+|all): (.+): (\d+(?:, lines \d+)?)$", text, re.M):
        lines[(who, key)] = val
    cpus = doc["cpus"]
    whos = [(f"cpu{c['cpu']}", c["stats"]) for c in cpus]
    assert all(type(c["guest_time_ns"]) is int for c in cpus)
    if len(cpus) > 1:
        whos.append(("all", doc["total"]))
    total = {}
    for who, s in whos:
        flat = flatten(s)
        for k, v in flat.items():
            if who != "all" and type(v) is int:
                total[k] = total.get(k, 0) + v
            t = lines.get((who, k))
            if (t is None and v not in (0, "0")) or (t is not None and str(v) != t):
                fails.append(f"{who}: {k}: text {t}, JSON {v}")
        for (w, k) in lines:
            if w == who and k not in flat:
                fails.append(f"{who}: text line '{k}' has no JSON field")
    tot = flatten(doc["total"])
    for k, v in total.items():
        if tot[k] != v:
            fails.append(f"total: {k}: {tot[k]}, sum of CPUs {v}")
    for req in required:
        if not any(k.startswith(req) and v not in (0, "0") for k, v in tot.items()):
            fails.append(f"expected a non-zero '{req}' counter")
    if fails:
        sys.exit("FAIL:\n  " + "\n  ".join(fails[:30]))
    print(f"OK: {len(lines)} text counters agree with the JSON; required {required}")


if __name__ == "__main__":
    main()
