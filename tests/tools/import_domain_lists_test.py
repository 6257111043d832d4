#!/usr/bin/env python3
"""Tests of tools/import_domain_lists.py on a small catalog written to a temporary directory: the
v2fly syntax (includes with attribute filters, full:, comments, sections), which mapping row wins,
conflicts and rejections, routing lists never owning a PRC-linked vendor's domain, and --check."""
import contextlib
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.normpath(os.path.join(HERE, "..", "..", "tools", "import_domain_lists.py"))
sys.path.insert(0, os.path.dirname(TOOL))
import import_domain_lists as idl  # noqa: E402

COMMIT = "c975ccef9c19f005a3bfa7a33255d1b406deea64"

LISTS = {
    "acme": "# Acme group\ninclude:acme-iot\ninclude:other-co\nacme.com\nfull:api.acme.net @ads\n"
            "keyword:acme\nregexp:^acme[0-9]+\\.cn$\nacme.cn # China site\n",
    "acme-iot": "acme-iot.com\nacme-ads.com @ads\nacme-global.com @!cn\n",
    "other-co": "other.com\n",
    "category-electronic-cn": "# Electronic companies with access points in China\n\n"
                              "# 某某科技\nmoumou.cn\nmoumou.com\n#moumou.net\nmoumou.org\n\n"
                              "# Analog\n# its China site only\nanalog.cn\n\n"
                              "# 未知\nunknown.cn\n",
    "geolocation-cn": "# served from China\nserved.cn\n",
    "conflict": "acme.com\n",
}

VENDORS = [
    ("acme", "yes", "ip_camera"),
    ("acme-sub", "yes", "ip_camera"),
    ("moumou", "yes", "iot_module"),
    ("analog-devices", "no", "semiconductor"),
    ("goodco", "no", "cloud"),
]


class Catalog:
    """A throw-away data/ directory with the given mapping rows."""

    def __init__(self, mapping, hand=(), sources_extra=()):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.dir = self.tmp.name
        os.makedirs(os.path.join(d, "import", "v2fly", "data"))
        os.makedirs(os.path.join(d, "import", "routes", "data"))
        for name, text in LISTS.items():
            with open(os.path.join(d, "import", "v2fly", "data", name), "w", encoding="utf-8") as f:
                f.write(text)
        with open(os.path.join(d, "import", "routes", "data", "geolocation-cn"), "w", encoding="utf-8") as f:
            f.write(LISTS["geolocation-cn"])
        self._csv("import/sources.csv", idl.SOURCE_COLUMNS, [
            {"id": "v2fly", "repository": "v2fly/domain-list-community", "commit": COMMIT, "licence": "MIT",
             "kind": "company", "url_template": "https://example.org/{commit}/data/{list}"},
            {"id": "routes", "repository": "example/routes", "commit": COMMIT, "licence": "MIT",
             "kind": "routing", "url_template": "https://example.org/routes/{commit}/{list}"},
        ])
        self._csv("import/domain_lists.csv", idl.MAP_COLUMNS, [dict(zip(idl.MAP_COLUMNS, m)) for m in mapping])
        self._csv("vendors.csv", ["vendor_id", "prc_linked", "categories"],
                  [dict(zip(["vendor_id", "prc_linked", "categories"], v)) for v in VENDORS])
        self._csv("vendor_domains.csv", ["domain", "vendor_id"], [{"domain": h, "vendor_id": "acme"} for h in hand])

    def _csv(self, rel, cols, rows):
        with open(os.path.join(self.dir, rel), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            for r in rows:
                w.writerow({c: r.get(c, "") for c in cols})

    def run(self):
        imp = idl.Importer(self.dir)
        rows = imp.rows()
        return {r["domain"]: r for r in rows}, imp.problems

    def main(self, *args):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            rc = idl.main(["--data", self.dir, *args])
        return rc, err.getvalue()


class CatalogTest(unittest.TestCase):
    def catalog(self, *args, **kwargs):
        cat = Catalog(*args, **kwargs)
        self.addCleanup(cat.tmp.cleanup)
        return cat


def m(list_, vendor, section="", domain="", notes="", source="v2fly"):
    return (source, list_, section, domain, vendor, "", "", "", notes)


class ParseList(unittest.TestCase):
    def test_rules_includes_attributes_and_sections(self):
        lf = idl.parse_list("category-electronic-cn", LISTS["category-electronic-cn"])
        self.assertEqual(lf.sections, ["Electronic companies with access points in China", "某某科技", "Analog", "未知"])
        by_section = {}
        for r in lf.rules:
            by_section.setdefault(r.section, []).append(r.domain)
        # A commented-out rule ("#moumou.net") neither starts a section nor becomes a rule.
        self.assertEqual(by_section["某某科技"], ["moumou.cn", "moumou.com", "moumou.org"])
        self.assertEqual(by_section["Analog"], ["analog.cn"])
        acme = idl.parse_list("acme", LISTS["acme"])
        self.assertEqual([(r.domain, r.match, r.attrs) for r in acme.rules],
                         [("acme.com", "suffix", []), ("api.acme.net", "exact", ["ads"]), ("acme.cn", "suffix", [])])
        self.assertEqual(acme.includes, [("acme-iot", []), ("other-co", [])])
        self.assertEqual(acme.skipped, 2)  # keyword: and regexp: have no label-boundary meaning


class Mapping(CatalogTest):
    def test_file_section_and_domain_rows(self):
        cat = self.catalog([m("acme", "acme"), m("acme-iot", "acme-sub"),
                       m("category-electronic-cn", "moumou", section="某某科技"),
                       m("category-electronic-cn", "analog-devices", section="Analog"),
                       m("category-electronic-cn", "-", section="未知", notes="owner not identified"),
                       m("acme", "goodco", domain="acme.cn")])
        rows, problems = cat.run()
        self.assertEqual(problems, [])
        self.assertEqual(rows["acme.com"]["vendor_id"], "acme")
        self.assertEqual(rows["api.acme.net"]["match"], "exact")
        self.assertIn("@ads", rows["api.acme.net"]["notes"])
        self.assertEqual(rows["acme-iot.com"]["vendor_id"], "acme-sub")      # mapped on its own: not the includer's
        self.assertEqual(rows["other.com"]["vendor_id"], "acme")             # unmapped include: the includer's owner
        self.assertIn("via include:other-co", rows["other.com"]["notes"])
        self.assertEqual(rows["acme.cn"]["vendor_id"], "goodco")             # a domain row wins over the file row
        self.assertEqual(rows["moumou.org"]["vendor_id"], "moumou")
        self.assertEqual(rows["analog.cn"]["vendor_id"], "analog-devices")
        self.assertNotIn("unknown.cn", rows)                                  # rejected section: not imported
        self.assertNotIn("moumou.net", rows)
        r = rows["moumou.cn"]
        self.assertEqual((r["list"], r["list_commit"], r["licence"], r["evidence"]),
                         ("v2fly/domain-list-community:data/category-electronic-cn#某某科技", COMMIT, "MIT", "company_list"))
        self.assertEqual(r["source"], f"https://example.org/{COMMIT}/data/category-electronic-cn")

    def test_a_rejection_in_one_list_is_no_verdict_on_the_name(self):
        # The section is rejected in the routing grouping, the same name is mapped in a company file.
        rows, problems = self.catalog([m("category-electronic-cn", "-", section="某某科技", notes="seen elsewhere"),
                                       m("category-electronic-cn", "-", section="未知", notes="owner not identified"),
                                       m("conflict", "acme"), m("acme", "-", notes="grouping only")]).run()
        self.assertEqual(problems, [])
        self.assertEqual(sorted(rows), ["acme.com"])
        self.assertEqual(rows["acme.com"]["list"], "v2fly/domain-list-community:data/conflict")

    def test_domain_rows_reach_included_lists(self):
        rows, problems = self.catalog([m("acme", "-", notes="grouping only"),
                                       m("acme", "goodco", domain="other.com")]).run()
        self.assertEqual(problems, [])
        self.assertEqual(sorted(rows), ["other.com"])
        self.assertEqual(rows["other.com"]["vendor_id"], "goodco")

    def test_hand_curated_domains_win(self):
        rows, problems = self.catalog([m("acme", "acme")], hand=["acme.com"]).run()
        self.assertEqual(problems, [])
        self.assertNotIn("acme.com", rows)
        self.assertIn("acme.cn", rows)

    def test_conflicting_owners_are_a_problem(self):
        rows, problems = self.catalog([m("acme", "acme"), m("conflict", "goodco")]).run()
        self.assertEqual(len(problems), 1)
        self.assertIn("acme.com: given to acme by", problems[0])

    def test_rejection_needs_a_reason_and_vendors_must_exist(self):
        _, problems = self.catalog([m("acme", "-"), m("other-co", "nobody")]).run()
        self.assertIn("domain_lists.csv:2: notes: a rejected list or section needs the reason", problems)
        self.assertIn("domain_lists.csv:3: vendor_id: 'nobody' is not defined in vendors.csv", problems)

    def test_unknown_section_is_a_problem(self):
        _, problems = self.catalog([m("category-electronic-cn", "moumou", section="No such company")]).run()
        self.assertEqual(problems, ["domain_lists.csv:2: section: 'No such company' is not a section of "
                                    "v2fly:category-electronic-cn"])

    def test_routing_lists_never_own_a_prc_vendors_domain(self):
        _, problems = self.catalog([m("geolocation-cn", "acme", source="routes")]).run()
        self.assertEqual(len(problems), 1)
        self.assertIn("a routing list cannot attribute domains to a prc_linked=yes vendor (acme)", problems[0])
        rows, problems = self.catalog([m("geolocation-cn", "goodco", source="routes")]).run()
        self.assertEqual(problems, [])
        self.assertEqual((rows["served.cn"]["evidence"], rows["served.cn"]["confidence"]), ("routing_list", "low"))


class CommandLine(CatalogTest):
    def test_write_then_check(self):
        cat = self.catalog([m("acme", "acme")])
        self.assertEqual(cat.main("--check")[0], 1)  # nothing written yet
        self.assertEqual(cat.main()[0], 0)
        self.assertEqual(cat.main("--check")[0], 0)
        with open(os.path.join(cat.dir, "vendor_domains_imported.csv"), "a", encoding="utf-8") as f:
            f.write("x\r\n")
        rc, err = cat.main("--check")
        self.assertEqual(rc, 1)
        self.assertIn("is not what the mapping and lists give", err)

    def test_problems_exit_2(self):
        rc, err = self.catalog([m("acme", "nobody")]).main()
        self.assertEqual(rc, 2)
        self.assertIn("'nobody' is not defined in vendors.csv", err)

    def test_missing_list_is_a_clear_error(self):
        rc, err = self.catalog([m("no-such-list", "acme")]).main()
        self.assertEqual(rc, 2)
        self.assertIn("list 'no-such-list' is not in", err)


class RepositoryImport(unittest.TestCase):
    """The repository's data/vendor_domains_imported.csv is exactly what its mapping and lists give."""

    def test_repository_file_is_reproducible(self):
        out = subprocess.run([sys.executable, TOOL, "--check"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)


if __name__ == "__main__":
    unittest.main()
