#!/usr/bin/env python3
"""Imports vendor domains from maintained public per-company domain lists into the catalog.

The lists (for example v2fly/domain-list-community, MIT) say which domains a company uses; they do
not say who controls the company. That is reviewed by a person and lives in data/vendors.csv. This
script joins the two through a reviewed mapping, data/import/domain_lists.csv, and writes
data/vendor_domains_imported.csv, one row per domain with the list, its commit and licence.

    tools/import_domain_lists.py                  # write data/vendor_domains_imported.csv
    tools/import_domain_lists.py --check          # exit 1 if the file differs from what would be written
    tools/import_domain_lists.py --sections LIST  # the sections of one list and how each is mapped
    tools/import_domain_lists.py --unmapped       # lists and sections not reviewed yet
    tools/import_domain_lists.py --snapshot GITDIR  # refresh data/import/<source>/ from a git checkout

Inputs (all in the repository, so that the import is reproducible without the network):
  data/import/sources.csv       one row per list collection: id, repository, commit, licence, kind
  data/import/<id>/             the list files used, copied from that commit (facts, with LICENSE)
  data/import/domain_lists.csv  the reviewed mapping: source, list, section, domain -> vendor_id
  data/vendors.csv              reviewed companies (control, parent, evidence)
  data/vendor_domains.csv       hand-curated domains: they win over imported ones

List syntax (v2fly): `# comment`, `include:other [@attr] [@-attr]`, `domain:x` or bare `x` (x and its
subdomains), `full:x` (x only), `keyword:`/`regexp:` (skipped: no label-boundary meaning),
attributes `@ads`, `@cn`, `@!cn` after a rule, affiliations `&list` (ignored).

Sections: in files that group many companies, a block of comment lines that follows a rule or a
blank line starts a section titled by its first line ("# 紫光集团" -> "紫光集团"); a comment that is a
bare domain (a commented-out rule) does not. A mapping row with an empty section maps the whole
file; a row with a section maps that section and wins over the file's row; a row with a domain maps
that one domain and wins over both. vendor_id "-" means reviewed and not imported (notes say why).

Kinds of list collection (sources.csv `kind`), and what each may prove:
  company   the file or section names the company that owns the domains: the reviewed vendor's
            verdict applies.
  routing   "reachable in / accelerated for China" lists: they say where a name is served from, not
            who owns it. Rows from them may only map to vendors whose prc_linked is not `yes`, and are
            written with evidence=routing_list and confidence low, which the assessment caps at review.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.path.join(ROOT, "data")
IMPORT_DIR = os.path.join(DATA, "import")

OUT_COLUMNS = ["domain", "vendor_id", "purpose", "categories", "match", "confidence", "evidence", "notes",
               "source", "list", "list_commit", "licence"]
MAP_COLUMNS = ["source", "list", "section", "domain", "vendor_id", "purpose", "categories", "confidence", "notes"]
SOURCE_COLUMNS = ["id", "repository", "commit", "licence", "kind", "url_template", "notes"]

LDH = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
COMMENTED_RULE = re.compile(r"^(?:(?:domain|full):)?[a-z0-9.-]+\.[a-z0-9-]+(?:\s+@\S+)*$")


class ImportError_(Exception):
    pass


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in columns})
    return buf.getvalue()


def normalise(domain: str) -> str:
    d = domain.strip().lower().rstrip(".")
    if any(ord(c) > 0x7F for c in d):
        d = d.encode("idna").decode("ascii")
    return d


@dataclass
class Rule:
    domain: str        # as written in the list (lower case)
    match: str         # suffix or exact
    attrs: list[str]   # v2fly attributes without '@'
    section: str       # title of the section it was written in ("" before any)


@dataclass
class ListFile:
    name: str
    rules: list[Rule] = field(default_factory=list)
    includes: list[tuple[str, list[str]]] = field(default_factory=list)  # (list, attribute filters)
    skipped: int = 0   # keyword/regexp rules
    sections: list[str] = field(default_factory=list)


def parse_list(name: str, text: str) -> ListFile:
    lf = ListFile(name)
    section = ""
    in_block = False      # inside a run of comment lines
    block_titled = False  # that run has given its section title
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            in_block = False
            continue
        if line.startswith("#"):
            if not in_block:
                in_block, block_titled = True, False
            title = line.lstrip("#").strip()
            if not block_titled and title and not title.startswith("http") and not COMMENTED_RULE.match(title.lower()):
                section, block_titled = title, True
                lf.sections.append(title)
            continue
        in_block = False
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        head, rest = parts[0], parts[1:]
        attrs = [p[1:] for p in rest if p.startswith("@")]
        if head.startswith("include:"):
            lf.includes.append((head[len("include:"):], attrs))
            continue
        if head.startswith(("keyword:", "regexp:")):
            lf.skipped += 1
            continue
        match = "suffix"
        if head.startswith("full:"):
            match, head = "exact", head[len("full:"):]
        elif head.startswith("domain:"):
            head = head[len("domain:"):]
        lf.rules.append(Rule(head.lower(), match, attrs, section))
    return lf


def attrs_pass(attrs: list[str], filters: list[str]) -> bool:
    """v2fly selective inclusion: `@a` keeps rules with a, `@-a` drops rules with a."""
    for f in filters:
        if f.startswith("-"):
            if f[1:] in attrs:
                return False
        elif f not in attrs:
            return False
    return True


@dataclass
class Mapping:
    row: dict[str, str]
    line: int


class Importer:
    def __init__(self, data_dir: str = DATA):
        self.data_dir = data_dir
        self.import_dir = os.path.join(data_dir, "import")
        self.sources = {r["id"]: r for r in read_csv(os.path.join(self.import_dir, "sources.csv"))}
        self.mapping_rows = read_csv(os.path.join(self.import_dir, "domain_lists.csv"))
        self.vendors = {r["vendor_id"]: r for r in read_csv(os.path.join(data_dir, "vendors.csv"))}
        self.hand = {normalise(r["domain"]) for r in read_csv(os.path.join(data_dir, "vendor_domains.csv"))}
        self._lists: dict[tuple[str, str], ListFile] = {}
        self.problems: list[str] = []
        self.tlds_skipped = 0

    # ---- lists ----
    def list_path(self, source: str, name: str) -> str:
        return os.path.join(self.import_dir, source, "data", name)

    def load(self, source: str, name: str) -> ListFile:
        key = (source, name)
        if key not in self._lists:
            path = self.list_path(source, name)
            if not os.path.exists(path):
                raise ImportError_(f"{source}: list {name!r} is not in {os.path.dirname(path)} "
                                   f"(refresh the snapshot with --snapshot)")
            with open(path, encoding="utf-8") as f:
                self._lists[key] = parse_list(name, f.read())
        return self._lists[key]

    # ---- mapping ----
    def index_mapping(self) -> dict[tuple[str, str, str, str], Mapping]:
        index: dict[tuple[str, str, str, str], Mapping] = {}
        for i, r in enumerate(self.mapping_rows, start=2):
            for c in MAP_COLUMNS:
                r.setdefault(c, "")
            key = (r["source"], r["list"], r["section"], normalise(r["domain"]) if r["domain"] else "")
            where = f"domain_lists.csv:{i}"
            if r["source"] not in self.sources:
                self.problems.append(f"{where}: source: {r['source']!r} is not in sources.csv")
                continue
            if key in index:
                self.problems.append(f"{where}: duplicate mapping (first on line {index[key].line})")
                continue
            vid = r["vendor_id"]
            if vid != "-" and vid not in self.vendors:
                self.problems.append(f"{where}: vendor_id: {vid!r} is not defined in vendors.csv")
            if vid == "-" and not r["notes"].strip():
                self.problems.append(f"{where}: notes: a rejected list or section needs the reason")
            if self.sources[r["source"]]["kind"] == "routing" and vid not in ("-",) \
                    and self.vendors.get(vid, {}).get("prc_linked") == "yes":
                self.problems.append(f"{where}: vendor_id: a routing list cannot attribute domains to a "
                                     f"prc_linked=yes vendor ({vid}); it is at most review evidence")
            index[key] = Mapping(r, i)
        return index

    def rows(self) -> list[dict[str, str]]:
        index = self.index_mapping()
        by_file: dict[tuple[str, str], list[Mapping]] = {}
        for (source, name, section, domain), m in index.items():
            by_file.setdefault((source, name), []).append(m)

        chosen: dict[str, tuple[int, dict[str, str]]] = {}  # domain -> (priority, row)

        def offer(domain: str, priority: int, row: dict[str, str]):
            have = chosen.get(domain)
            if have is None or priority > have[0]:
                chosen[domain] = (priority, row)
            elif priority == have[0] and have[1]["vendor_id"] != row["vendor_id"]:
                self.problems.append(
                    f"{domain}: given to {have[1]['vendor_id']} by {have[1]['list']} and to {row['vendor_id']} by "
                    f"{row['list']}: add a domain row to data/import/domain_lists.csv that decides")

        for (source, name), maps in sorted(by_file.items()):
            lf = self.load(source, name)
            file_map = next((m for m in maps if not m.row["section"] and not m.row["domain"]), None)
            section_maps = {m.row["section"]: m for m in maps if m.row["section"] and not m.row["domain"]}
            domain_maps = {normalise(m.row["domain"]): m for m in maps if m.row["domain"]}
            for s in section_maps:
                if s not in lf.sections:
                    self.problems.append(f"domain_lists.csv:{section_maps[s].line}: section: {s!r} is not a "
                                         f"section of {source}:{name}")
            seen_domains = {normalise(r.domain) for r in lf.rules}
            for d, m in domain_maps.items():
                if d not in seen_domains and not self.reachable(source, name, d):
                    self.problems.append(f"domain_lists.csv:{m.line}: domain: {d!r} is not in {source}:{name}")
            # Direct rules of the file.
            for rule in lf.rules:
                d = normalise(rule.domain)
                m, priority = None, 0
                if d in domain_maps:
                    m, priority = domain_maps[d], 4
                elif rule.section in section_maps:
                    m, priority = section_maps[rule.section], 3
                elif file_map:
                    m, priority = file_map, 2
                # A rejection ("-") keeps this list's rule out; it is no verdict on the name, which
                # another list may still give to its owner.
                if m is None or m.row["vendor_id"] == "-":
                    continue
                offer(d, priority, self.make_row(source, name, rule, m, via=None))
            # Included lists that have no mapping of their own belong to the including file's owner,
            # unless a domain row of the including file says otherwise.
            if file_map or domain_maps:
                for inc_name, filters, via_rule in self.included_rules(source, name, set(by_file)):
                    d = normalise(via_rule.domain)
                    m, priority = (domain_maps[d], 4) if d in domain_maps else (file_map, 1)
                    if m is None or m.row["vendor_id"] == "-":
                        continue
                    offer(d, priority, self.make_row(source, name, via_rule, m, via=inc_name))

        out = []
        for d, (priority, row) in sorted(chosen.items()):
            if d in self.hand:
                continue
            if "." not in d:
                # A brand top-level domain ("google", "xbox"): the catalogue matches names of two
                # labels or more, so a whole TLD is left out rather than reported.
                self.tlds_skipped += 1
                continue
            if not LDH.match(d):
                self.problems.append(f"{row['list']}: {d!r} is not a well-formed domain")
                continue
            out.append(row)
        return out

    def reachable(self, source: str, name: str, domain: str) -> bool:
        return any(normalise(r.domain) == domain for _, _, r in self.included_rules(source, name, set()))

    def included_rules(self, source: str, name: str, mapped: set[tuple[str, str]]):
        """Rules reached through include: from `name`, stopping at lists mapped on their own."""
        stack = [(name, [])]
        seen = {name}
        while stack:
            cur, _ = stack.pop()
            for inc, filters in self.load(source, cur).includes:
                if inc in seen or (source, inc) in mapped:
                    continue
                seen.add(inc)
                lf = self.load(source, inc)
                for r in lf.rules:
                    if attrs_pass(r.attrs, filters):
                        yield inc, filters, r
                stack.append((inc, filters))

    def make_row(self, source: str, name: str, rule: Rule, m: Mapping, via: str | None) -> dict[str, str]:
        src = self.sources[source]
        vendor = self.vendors.get(m.row["vendor_id"], {})
        routing = src["kind"] == "routing"
        where = name + (f"#{rule.section}" if rule.section and not via else "")
        url = src["url_template"].format(commit=src["commit"], list=via or name)
        notes = []
        if via:
            notes.append(f"via include:{via} from {name}")
        if rule.attrs:
            notes.append("list attributes: " + " ".join("@" + a for a in rule.attrs))
        if m.row["notes"]:
            notes.append(m.row["notes"])
        return {
            "domain": normalise(rule.domain),
            "vendor_id": m.row["vendor_id"],
            "purpose": m.row["purpose"] or "company domain",
            "categories": m.row["categories"] or vendor.get("categories", ""),
            "match": rule.match,
            "confidence": "low" if routing else (m.row["confidence"] or "high"),
            "evidence": "routing_list" if routing else "company_list",
            "notes": "; ".join(notes),
            "source": url,
            "list": f"{src['repository']}:data/{via or name}" + (f"#{rule.section}" if rule.section and not via else ""),
            "list_commit": src["commit"],
            "licence": src["licence"],
        }

    # ---- reports for reviewers ----
    def unmapped(self) -> list[str]:
        index = self.index_mapping()
        mapped_files = {(s, n) for (s, n, sec, d) in index if not sec and not d}
        mapped_sections = {(s, n, sec) for (s, n, sec, d) in index if sec and not d}
        out = []
        for source in self.sources:
            base = os.path.join(self.import_dir, source, "data")
            if not os.path.isdir(base):
                continue
            for name in sorted(os.listdir(base)):
                if (source, name) in mapped_files:
                    continue
                lf = self.load(source, name)
                for s in [""] + lf.sections:
                    if (source, name, s) not in mapped_sections:
                        n = sum(1 for r in lf.rules if r.section == s)
                        if n:
                            out.append(f"{source}:{name}#{s}\t{n} rules" if s else f"{source}:{name}\t{n} rules")
        return out


def snapshot(importer: Importer, source: str, gitdir: str, commit: str | None) -> None:
    """Copies the mapped lists and everything they include from a git checkout into data/import/<source>/."""
    src = importer.sources[source]
    commit = commit or src["commit"]

    def show(path: str) -> str:
        return subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"], check=True,
                              capture_output=True).stdout.decode("utf-8")

    names = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", commit, "data/"], check=True,
                           capture_output=True, text=True).stdout.split()
    wanted = {r["list"] for r in importer.mapping_rows if r["source"] == source}
    target = os.path.join(importer.import_dir, source, "data")
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.makedirs(target)
    todo, done = list(wanted), set()
    available = {n.split("/", 1)[1] for n in names}
    while todo:
        name = todo.pop()
        if name in done:
            continue
        if name not in available:
            raise ImportError_(f"{source}: {name!r} does not exist at {commit}")
        done.add(name)
        text = show(f"data/{name}")
        with open(os.path.join(target, name), "w", encoding="utf-8") as f:
            f.write(text)
        todo.extend(inc for inc, _ in parse_list(name, text).includes)
    with open(os.path.join(importer.import_dir, source, "LICENSE"), "w", encoding="utf-8") as f:
        f.write(show("LICENSE"))
    print(f"{source}: {len(done)} lists copied from {commit}", file=sys.stderr)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DATA, help="the catalog directory (default: the repository's data/)")
    ap.add_argument("--check", action="store_true", help="compare with the written file instead of writing it")
    ap.add_argument("--sections", metavar="SOURCE:LIST", help="print the sections of a list and their mapping")
    ap.add_argument("--unmapped", action="store_true", help="print sections not reviewed yet")
    ap.add_argument("--snapshot", metavar="GITDIR", help="copy the mapped lists from a git checkout first")
    ap.add_argument("--source", default="v2fly", help="the source --snapshot refreshes (default v2fly)")
    ap.add_argument("--commit", help="the commit --snapshot copies (default: sources.csv's)")
    args = ap.parse_args(argv)

    imp = Importer(args.data)
    try:
        if args.snapshot:
            snapshot(imp, args.source, args.snapshot, args.commit)
        if args.sections:
            source, name = args.sections.split(":", 1)
            lf = imp.load(source, name)
            index = imp.index_mapping()
            for s in [""] + lf.sections:
                n = sum(1 for r in lf.rules if r.section == s)
                m = index.get((source, name, s, "")) or index.get((source, name, "", ""))
                print(f"{s or '(before any section)'}\t{n} rules\t{m.row['vendor_id'] if m else 'UNMAPPED'}")
            return 0
        if args.unmapped:
            for line in imp.unmapped():
                print(line)
            return 0
        rows = imp.rows()
    except ImportError_ as e:
        print(f"import_domain_lists: {e}", file=sys.stderr)
        return 2
    if imp.problems:
        for p in imp.problems:
            print(f"import_domain_lists: {p}", file=sys.stderr)
        return 2
    text = write_csv(rows, OUT_COLUMNS)
    out = os.path.join(args.data, "vendor_domains_imported.csv")
    if args.check:
        current = open(out, encoding="utf-8", newline="").read() if os.path.exists(out) else ""
        if current != text:
            print(f"import_domain_lists: {out} is not what the mapping and lists give: run "
                  f"tools/import_domain_lists.py", file=sys.stderr)
            return 1
        print(f"import_domain_lists: {out} is up to date ({len(rows)} domains)")
        return 0
    with open(out + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(out + ".tmp", out)
    vendors = len({r["vendor_id"] for r in rows})
    print(f"import_domain_lists: {len(rows)} domains of {vendors} vendors -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
