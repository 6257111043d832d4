#!/usr/bin/env python3
"""Prints the catalog's size as Markdown tables: rows per file, and per sector (category) the vendors
that are PRC-controlled, partial and counter-examples, with how many of each the catalog can name by a
domain, an IEEE organisation name or an operated network. docs/knowledge.md quotes its output.

    tools/catalog_stats.py [--data DIR]
"""
import argparse
import csv
import os
import sys
from collections import Counter, defaultdict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# The sectors issue 14 asks to cover, in the order of the vocabulary (src/intel/category.cpp).
SECTORS = ["smartphone", "consumer_electronics", "home_appliance", "smart_home", "consumer_iot", "robotics",
           "ip_camera", "access_control", "drone", "ev", "ev_charger", "pv_inverter", "battery", "smart_meter",
           "iot_module", "semiconductor", "router", "network_equipment", "server", "pc", "printer", "medical",
           "industrial_automation", "cloud", "cdn", "llm_ai", "telecom", "security_software", "ecommerce",
           "social_media", "video", "maps", "travel", "payment", "finance", "games", "input_method", "browser",
           "media", "education", "app", "other"]


def rows(data, name):
    path = os.path.join(data, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    args = ap.parse_args(argv)
    d = args.data
    vendors = rows(d, "vendors.csv")
    curated = rows(d, "vendor_domains.csv")
    imported = rows(d, "vendor_domains_imported.csv")
    ouis = rows(d, "oui_vendors.csv")
    by_id = {v["vendor_id"]: v for v in vendors}
    domains = Counter(r["vendor_id"] for r in curated + imported)
    oui_names = Counter(r["vendor_id"] for r in ouis)

    print("| file | rows |")
    print("|---|---|")
    for name in ["vendors.csv", "vendor_domains.csv", "vendor_domains_imported.csv", "oui_vendors.csv",
                 "asn_operators.csv", "vendor_names.csv", "designation_lists.csv", "designations.csv",
                 "ownership_changes.csv", "lookalikes.csv", "public_resolvers.csv", "model_origins.csv",
                 "package_namespaces.csv"]:
        print(f"| `{name}` | {len(rows(d, name)):,} |")
    linked = Counter(v["prc_linked"] for v in vendors)
    print()
    print(f"Vendors: {linked['yes']:,} PRC-controlled (prc_linked=yes), {linked['partial']:,} partial (review), "
          f"{linked['no']:,} counter-examples (no).")
    dom_linked = Counter(by_id[r["vendor_id"]]["prc_linked"] for r in curated + imported if r["vendor_id"] in by_id)
    print(f"Domains: {len(curated) + len(imported):,} ({len(curated):,} curated by hand, {len(imported):,} imported "
          f"from per-company lists): {dom_linked['yes']:,} of PRC-controlled vendors, {dom_linked['partial']:,} of "
          f"partial ones, {dom_linked['no']:,} of counter-examples.")
    print()
    print("| sector | PRC vendors | with a domain | with an OUI name | partial | counter-examples | with a domain or OUI name |")
    print("|---|---|---|---|---|---|---|")
    per = defaultdict(Counter)
    for v in vendors:
        for c in v["categories"].split(";"):
            k = v["prc_linked"]
            per[c][k] += 1
            if k == "yes":
                per[c]["yes_dom"] += domains[v["vendor_id"]] > 0
                per[c]["yes_oui"] += oui_names[v["vendor_id"]] > 0
            if k == "no":
                per[c]["no_named"] += domains[v["vendor_id"]] > 0 or oui_names[v["vendor_id"]] > 0
    for s in SECTORS:
        p = per[s]
        print(f"| {s} | {p['yes']} | {p['yes_dom']} | {p['yes_oui']} | {p['partial']} | {p['no']} | {p['no_named']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
