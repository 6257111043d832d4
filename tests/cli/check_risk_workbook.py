#!/usr/bin/env python3
"""Reads back what `sovscan risk` wrote for spreadsheets and checks it cell by cell against the JSON
register of the same run (tests/cli/risk_workbook_cli_test.cpp runs it).

  check_risk_workbook.py xlsx REGISTER.xlsx REGISTER.json LANG
  check_risk_workbook.py csv-cs REGISTER.csv REGISTER.json LANG

Prints every mismatch and exits 1 when there is one; prints "ok N cells" otherwise."""
import csv
import datetime
import json
import sys

import openpyxl

STATUS = {"cs": {"open": "otevřené", "accepted": "přijaté"}, "en": {"open": "open", "accepted": "accepted"}}
YES = {"cs": ("ano", "ne"), "en": ("yes", "no")}
KIND = {"cs": {"vendor": "výrobce", "operator": "provozovatel sítě"}, "en": {"vendor": "vendor", "operator": "network operator"}}
TBD = {"cs": "bude rozhodnuto", "en": "to be decided"}
SHEETS = {
    "cs": ["Dokument", "Registr rizik", "Prohlášení o aplikovatelnosti", "Plán zvládání rizik", "Dodavatelé", "Aktiva",
           "Primární aktiva", "Metodika"],
    "en": ["Document", "Risk register", "Statement of applicability", "Treatment plan", "Suppliers", "Assets",
           "Primary assets", "Method"],
}


class Checker:
    def __init__(self):
        self.errors = []
        self.cells = 0

    def eq(self, where, got, want):
        self.cells += 1
        if want == "" or want == []:
            want = None
        if got == "":
            got = None
        if got != want:
            self.errors.append(f"{where}: got {got!r}, want {want!r}")

    def true(self, where, cond):
        self.cells += 1
        if not cond:
            self.errors.append(where)


def joined(items):
    return "; ".join(items) if items else None


def rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def level_names(j):
    return {lv["level"]: lv["name"] for lv in j["method"]["levels"]}


def check_table_sheet(c, ws, n_rows, n_cols, name):
    c.eq(f"{name}: frozen header", ws.freeze_panes, "A2")
    last = openpyxl.utils.get_column_letter(n_cols)
    c.eq(f"{name}: autofilter", ws.auto_filter.ref, f"A1:{last}{max(n_rows + 1, 1)}")
    c.true(f"{name}: column A has a width", (ws.column_dimensions["A"].width or 0) > 0)


def check_xlsx(path, j, lang):
    c = Checker()
    wb = openpyxl.load_workbook(path)
    c.eq("sheet names", wb.sheetnames, SHEETS[lang])
    names = level_names(j)
    doc, reg, soa, plan, sup, assets, primary, method = (wb[n] for n in SHEETS[lang])

    # Every string cell is a string, never a formula (a CMDB name "=HYPERLINK(...)" stays text).
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    c.true(f"{ws.title}!{cell.coordinate} is a formula", cell.data_type != "f")

    # Document: dates as dates, the header as in the JSON.
    values = {r[0]: r[1] for r in doc.iter_rows(min_row=3, values_only=True) if r[0] is not None}
    d = j["document"]
    assessed = [v for k, v in values.items() if k in ("Datum hodnocení", "Assessed on")]
    c.eq("document: assessed on", assessed[0] if assessed else None,
         datetime.datetime.fromisoformat(j["assessed_on"]))
    ev = d["evidence"]
    if ev["has_traffic"]:
        first = values.get("První paket (UTC)" if lang == "cs" else "First packet (UTC)")
        c.eq("document: first packet", first, datetime.datetime.fromisoformat(ev["first_packet"].rstrip("Z")))
    for key_cs, key_en, field in (("Organizace", "Organisation", "organisation"), ("Schválil", "Approved by", "approver"),
                                  ("Klasifikace", "Classification", "classification"), ("Verze", "Version", "version")):
        c.eq(f"document: {field}", values.get(key_cs if lang == "cs" else key_en), d[field] or TBD[lang])

    # Risk register.
    rs = rows(reg)
    c.eq("register: rows", len(rs), len(j["risks"]))
    check_table_sheet(c, reg, len(j["risks"]), 19, "register")
    for i, (row, r) in enumerate(zip(rs, j["risks"])):
        w = f"register row {i + 2}"
        c.eq(f"{w} id", row[0], r["id"])
        c.eq(f"{w} asset", row[1], r["asset"])
        c.eq(f"{w} asset name", row[2], r["asset_name"])
        c.eq(f"{w} threat", row[3], r["threat"])
        c.eq(f"{w} threat name", row[4], r["threat_name"])
        for col, field in ((5, "impact"), (7, "threat_level"), (8, "vulnerability"), (9, "score")):
            c.true(f"{w} {field} is a number", isinstance(row[col], (int, float)))
            c.eq(f"{w} {field}", row[col], r[field])
        c.eq(f"{w} aspects", row[6], r["impact_aspects"])
        c.eq(f"{w} level", row[10], r["level_name"])
        c.eq(f"{w} level code", row[11], r["level"])
        c.eq(f"{w} status", row[12], STATUS[lang][r["status"]])
        c.eq(f"{w} accepted by", row[13], joined([x["id"] for x in r["accepted_by"]]))
        c.eq(f"{w} expired", row[14], joined([x["id"] for x in r["expired_exceptions"]]))
        c.eq(f"{w} measures", row[15], joined(r["measures"]))
        c.eq(f"{w} vendors", row[16], joined(r["vendors"]))
        c.eq(f"{w} findings", row[17], "\n".join(f'{f["rule"]}: {f["summary"]}' for f in r["findings"]) or None)
        c.eq(f"{w} derivation", row[18], "\n".join(x["text"] for x in r["derivation"]))

    # Statement of applicability.
    ss = rows(soa)
    c.eq("soa: rows", len(ss), len(j["statement_of_applicability"]))
    check_table_sheet(c, soa, len(ss), 9, "soa")
    for i, (row, a) in enumerate(zip(ss, j["statement_of_applicability"])):
        w = f"soa row {i + 2}"
        c.eq(f"{w} measure", row[0], a["measure"])
        c.eq(f"{w} name", row[1], a["name"])
        c.eq(f"{w} decree", row[2], a["decree"])
        c.eq(f"{w} applicable", row[3], YES[lang][0 if a["applicable"] else 1])
        c.eq(f"{w} risks", row[5], joined(a["risks"]))
        c.eq(f"{w} status", row[6], a["status_text"])
        c.eq(f"{w} note", row[7], a["note"])

    # Treatment plan: deadlines as dates.
    ps = rows(plan)
    c.eq("plan: rows", len(ps), len(j["treatment_plan"]))
    check_table_sheet(c, plan, len(ps), 12, "plan")
    decree = {a["measure"]: a["decree"] for a in j["statement_of_applicability"]}
    for i, (row, t) in enumerate(zip(ps, j["treatment_plan"])):
        w = f"plan row {i + 2}"
        c.eq(f"{w} id", row[0], t["id"])
        c.eq(f"{w} measure", row[1], t["measure"])
        c.eq(f"{w} name", row[2], t["name"])
        c.eq(f"{w} decree", row[3], decree[t["measure"]])
        c.eq(f"{w} description", row[4], t["description"])
        c.eq(f"{w} goals", row[5], t["goals"])
        c.eq(f"{w} owner", row[6], t["owner"] or TBD[lang])
        c.eq(f"{w} resources", row[7], t["resources"])
        if t["deadline"]:
            c.eq(f"{w} deadline", row[8], datetime.datetime.fromisoformat(t["deadline"]))
        else:
            c.eq(f"{w} deadline", row[8], TBD[lang])
        c.eq(f"{w} risks", row[9], joined(t["risks"]))
        c.eq(f"{w} highest level", row[10], names[t["highest_level"]])
        c.eq(f"{w} implementation", row[11], t["implementation"])

    # Suppliers.
    su = rows(sup)
    c.eq("suppliers: rows", len(su), len(j["suppliers"]))
    check_table_sheet(c, sup, len(su), 10, "suppliers")
    for i, (row, x) in enumerate(zip(su, j["suppliers"])):
        w = f"suppliers row {i + 2}"
        c.eq(f"{w} name", row[0], x["name"])
        c.eq(f"{w} kind", row[1], KIND[lang].get(x["kind"], row[1]))
        c.eq(f"{w} id", row[2], x["id"])
        c.eq(f"{w} jurisdiction", row[3], x["jurisdiction"])
        c.eq(f"{w} high risk", row[4], YES[lang][0 if x["high_risk"] else 1])
        c.eq(f"{w} assets", row[5], joined(x["assets"]))
        c.eq(f"{w} findings", row[7], x["findings"])

    # Assets: C/I/A as numbers, inherited values included.
    as_ = rows(assets)
    c.eq("assets: rows", len(as_), len(j["assets"]))
    check_table_sheet(c, assets, len(as_), 11, "assets")
    for i, (row, a) in enumerate(zip(as_, j["assets"])):
        w = f"assets row {i + 2}"
        c.eq(f"{w} id", row[0], a["id"])
        c.eq(f"{w} name", row[1], a["name"])
        c.eq(f"{w} owner", row[3], a["owner"])
        for col, k in ((5, "c"), (6, "i"), (7, "a")):
            c.eq(f"{w} {k}", row[col], a[k]["value"])
        c.eq(f"{w} primary assets", row[9], joined(a["primary_assets"]))
        c.eq(f"{w} risks", row[10], joined(a["risks"]))

    # Primary assets.
    pr = rows(primary)
    c.eq("primary: rows", len(pr), len(j["primary_assets"]))
    for i, (row, p) in enumerate(zip(pr, j["primary_assets"])):
        w = f"primary row {i + 2}"
        c.eq(f"{w} id", row[0], p["id"])
        c.eq(f"{w} name", row[1], p["name"])
        for col, k in ((2, "c"), (3, "i"), (4, "a")):
            if p[k] is not None:
                c.eq(f"{w} {k}", row[col], p[k])
        c.eq(f"{w} supporting", row[5], joined(p["supporting"]))

    # Method: the appendix's section titles, in order.
    titles = [r[0] for r in method.iter_rows(values_only=True) if r[0] is not None]
    for s in j["method_appendix"]["sections"]:
        c.true(f"method: section {s['title']!r}", s["title"] in titles)
    return c


def check_csv_cs(path, j, lang):
    c = Checker()
    raw = open(path, "rb").read()
    c.true("csv-cs: starts with a UTF-8 byte-order mark", raw.startswith(b"\xef\xbb\xbf"))
    text = raw.decode("utf-8-sig")
    c.true("csv-cs: CRLF line ends", "\r\n" in text)
    table = list(csv.reader(text.splitlines(), delimiter=";"))
    header = table[0]
    want_header = {"cs": ["ID rizika", "ID aktiva", "Aktivum", "ID hrozby", "Hrozba", "Dopad"],
                   "en": ["Risk ID", "Asset ID", "Asset", "Threat ID", "Threat", "Impact"]}[lang]
    c.eq("csv-cs: header", header[:6], want_header)
    c.eq("csv-cs: columns", len(header), 32)
    body = table[1:]
    c.eq("csv-cs: rows", len(body), len(j["risks"]))
    for i, (row, r) in enumerate(zip(body, j["risks"])):
        w = f"csv-cs row {i + 2}"
        c.eq(f"{w} id", row[0], r["id"])
        c.eq(f"{w} asset", row[1], r["asset"])
        name = row[2][1:] if row[2][:1] == "'" and r["asset_name"][:1] in "=+-@" else row[2]
        c.eq(f"{w} asset name", name, r["asset_name"])
        c.eq(f"{w} score", row[9], str(r["score"]))
        c.eq(f"{w} level", row[10], r["level_name"])
        c.eq(f"{w} status", row[13], STATUS[lang][r["status"]])
        c.eq(f"{w} measures", row[19], joined(r["measures"]) or "")
        # Inherent and residual values (issue 15, defect 3): the same columns as the standard CSV.
        c.eq(f"{w} inherent score", row[24], str(r["inherent"]["score"]))
        c.eq(f"{w} residual score", row[27], str(r["residual"]["score"]))
        c.eq(f"{w} residual level", row[28], r["residual"]["level_name"])
    return c


def main():
    mode, path, json_path, lang = sys.argv[1:5]
    j = json.load(open(json_path, encoding="utf-8"))
    c = check_xlsx(path, j, lang) if mode == "xlsx" else check_csv_cs(path, j, lang)
    for e in c.errors:
        print(e)
    if c.errors:
        return 1
    print(f"ok {c.cells} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main())
