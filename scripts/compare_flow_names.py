#!/usr/bin/env python3
"""Compares the flow names two sovscan builds give on every capture of the corpus.

    scripts/compare_flow_names.py BEFORE/sovscan AFTER/sovscan [CORPUS_DIR]

Runs `scan FILE --flows` with each build on every .pcap/.pcapng/.cap under CORPUS_DIR (default
../shared/corpus beside the project), matches flows by first packet time and 5-tuple, and prints the
totals and every flow whose server_name, name_source or dns_basis differs (a build without the
dns_basis column reads as an empty one). Used for docs/observe.md, "DNS names and time".
"""
import collections
import csv
import os
import subprocess
import sys
import tempfile


def flows(binary, capture, workdir):
    out = os.path.join(workdir, "flows.csv")
    subprocess.run([binary, "scan", capture, "--flows", out, "--fail-on", "never", "--no-progress",
                    "-o", os.path.join(workdir, "report.json")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    rows = {}
    if os.path.exists(out):
        with open(out, newline="", errors="replace") as fh:
            for r in csv.DictReader(fh):
                key = (r["first_seen"], r["proto"], r["client_ip"], r["client_port"], r["server_ip"],
                       r["server_port"], r["vlan"])
                rows[key] = (r["server_name"], r["name_source"], r.get("dns_basis", ""))
        os.remove(out)
    return rows


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    before_bin, after_bin = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "..", "shared", "corpus")
    captures = sorted(os.path.join(d, f) for d, _, files in os.walk(corpus) for f in files
                      if f.endswith((".pcap", ".pcapng", ".cap")))
    if not captures:
        sys.exit(f"no captures under {corpus}")
    totals = collections.Counter()
    changes = []
    with tempfile.TemporaryDirectory() as work:
        for cap in captures:
            before, after = flows(before_bin, cap, work), flows(after_bin, cap, work)
            totals["captures"] += 1
            totals["flows"] += len(after)
            totals["flows only in one build"] += len(set(before) ^ set(after))
            for key, a in after.items():
                b = before.get(key)
                if b is None:
                    continue
                totals["named by dns before"] += b[1] == "dns"
                totals["named by dns after"] += a[1] == "dns"
                if a[1] == "dns":
                    totals[f"dns_basis {a[2]}"] += 1
                if a[:2] != b[:2]:
                    totals["name changed"] += 1
                    changes.append((os.path.relpath(cap, corpus), key, b, a))
                elif a[2] != b[2] and a[2] not in ("", "own_before"):
                    totals["same name, weaker basis"] += 1
                    changes.append((os.path.relpath(cap, corpus), key, b, a))
    for k in sorted(totals):
        print(f"{k}: {totals[k]}")
    for cap, key, b, a in changes:
        first, proto, cip, cport, sip, sport, _ = key
        print(f"{cap}  {first} {proto} {cip}:{cport} -> {sip}:{sport}  {b[0]} ({b[1]} {b[2]}) -> {a[0]} ({a[1]} {a[2]})")


if __name__ == "__main__":
    main()
