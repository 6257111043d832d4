// `sovscan intel update` end to end on real data: an "old" intel is built from a trimmed copy of the
// installed npm ASN tables and IEEE registry, then updated from the real ones. The report must name
// exactly the ranges, ASNs and assignments that were trimmed away; a dry run must leave the files
// alone; a second update must find nothing to do; a missing package directory is a clear error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/csv_reader.h"
#include "intel/asn_table.h"
#include "intel/intel_update.h"
#include "intel/sha256.h"
#include "intel_fixture.h"
#include "support/test_support.h"

namespace sovscan {
namespace {
namespace fs = std::filesystem;

// The set-up installs the npm packages beside the default intel directory.
const fs::path kRealNpm = fs::path(SOVSCAN_DEFAULT_INTEL_DIR).parent_path() / "npm";
const fs::path kRealIeee = "/usr/share/ieee-data";
const fs::path kAsnPackage = fs::path("node_modules") / "@ip-location-db" / "asn";

std::string read_all(const fs::path& p) {
    std::string text, error;
    EXPECT_TRUE(read_text_file(p.string(), text, error)) << p << ": " << error;
    return text;
}

std::string sha256_of(const fs::path& p) {
    std::string hex, error;
    EXPECT_TRUE(Sha256::file_hex(p.string(), hex, error)) << p << ": " << error;
    return hex;
}

// One CSV record of a file, with the line it is on.
struct Row {
    size_t line;
    std::vector<std::string> fields;
};

std::vector<Row> read_rows(const fs::path& p) {
    std::vector<Row> rows;
    std::string error;
    EXPECT_TRUE(for_each_csv_record(
        read_all(p),
        [&](const std::vector<std::string>& f, size_t line) {
            rows.push_back({line, f});
            return true;
        },
        error))
        << p << ": " << error;
    return rows;
}

// Writes `from` to `to` without the given (1-based) lines.
void write_without_lines(const fs::path& from, const fs::path& to, const std::set<size_t>& skip) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary);
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n)
        if (!skip.count(n)) out << line << '\n';
}

IpAddress v6_address(const std::string& decimal) {
    U128 v = *parse_decimal_u128(decimal);
    uint8_t b[16];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v.hi >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<uint8_t>(v.lo >> (56 - 8 * i));
    return IpAddress::v6_bytes(b);
}

// What the trimmed copy leaves out, and so what an update to the real data must report as added.
struct Trimmed {
    std::set<size_t> v4_lines, v6_lines, oui36_lines;
    std::vector<AsnRange> ranges;     // v4 then v6, ascending
    std::vector<AsnNamed> asns;       // ASNs whose only range was trimmed, ascending
    std::vector<std::string> oui36;   // MA-S prefixes
};

// Picks rows whose removal changes nothing else: ranges that touch no neighbour (so no clipping
// moves), of ASNs with a single organisation string (so no "most frequent organisation" changes);
// three ASNs with a single range (which disappear), and two more ranges of bigger ASNs.
Trimmed choose_trimmed(const std::vector<Row>& v4, const std::vector<Row>& v6, const std::vector<Row>& oui36) {
    std::map<std::string, size_t> ranges_of;
    std::map<std::string, std::set<std::string>> orgs_of;
    for (const auto* rows : {&v4, &v6})
        for (const auto& r : *rows) ++ranges_of[r.fields[2]], orgs_of[r.fields[2]].insert(r.fields[3]);

    std::vector<size_t> order(v4.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto start = [&](size_t i) { return std::stoull(v4[i].fields[0]); };
    auto end = [&](size_t i) { return std::stoull(v4[i].fields[1]); };
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return start(a) < start(b); });

    // The first suitable row at or after a sorted position.
    auto pick_from = [&](size_t from, bool want_single) -> std::optional<size_t> {
        for (size_t j = std::max<size_t>(from, 1); j + 1 < order.size(); ++j) {
            size_t i = order[j];
            const std::string& asn = v4[i].fields[2];
            bool alone = end(order[j - 1]) < start(i) && end(i) < start(order[j + 1]);
            if (!alone || orgs_of[asn].size() != 1) continue;
            if (want_single ? ranges_of[asn] == 1 : ranges_of[asn] >= 10) return i;
        }
        return std::nullopt;
    };
    Trimmed t;
    const size_t n = order.size();
    for (auto [from, single] : {std::pair{n / 5, true}, std::pair{2 * n / 5, true}, std::pair{3 * n / 5, true},
                                std::pair{n / 10, false}, std::pair{9 * n / 10, false}}) {
        auto i = pick_from(from, single);
        if (!i) continue;
        const uint32_t asn = static_cast<uint32_t>(std::stoul(v4[*i].fields[2]));
        t.v4_lines.insert(v4[*i].line);
        t.ranges.push_back({IpAddress::v4(static_cast<uint32_t>(start(*i))), IpAddress::v4(static_cast<uint32_t>(end(*i))),
                            asn});
        if (single) t.asns.push_back({asn, v4[*i].fields[3]});
    }
    // One IPv6 range of a big single-organisation ASN, in the middle of the table (neighbours apart).
    for (size_t i = v6.size() / 2; i + 1 < v6.size(); ++i) {
        const std::string& asn = v6[i].fields[2];
        if (ranges_of[asn] < 10 || orgs_of[asn].size() != 1) continue;
        if (!(v6_address(v6[i - 1].fields[1]) < v6_address(v6[i].fields[0]) &&
              v6_address(v6[i].fields[1]) < v6_address(v6[i + 1].fields[0])))
            continue;
        t.v6_lines.insert(v6[i].line);
        t.ranges.push_back({v6_address(v6[i].fields[0]), v6_address(v6[i].fields[1]),
                            static_cast<uint32_t>(std::stoul(asn))});
        break;
    }
    std::sort(t.ranges.begin(), t.ranges.end());
    std::sort(t.asns.begin(), t.asns.end(), [](const AsnNamed& a, const AsnNamed& b) { return a.asn < b.asn; });
    // Two MA-S assignments that occur once.
    std::map<std::string, int> seen;
    for (const auto& r : oui36) ++seen[r.fields[1]];
    for (size_t i = oui36.size() / 3; i < oui36.size() && t.oui36.size() < 2; i += 101)
        if (oui36[i].fields[0] == "MA-S" && seen[oui36[i].fields[1]] == 1) {
            t.oui36_lines.insert(oui36[i].line);
            t.oui36.push_back(oui36[i].fields[1]);
        }
    std::sort(t.oui36.begin(), t.oui36.end());
    return t;
}

class IntelUpdate : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("sovscan-intel-update-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    // A copy of the real npm dir and IEEE registry without the rows of `t`; the MMDB packages are
    // linked, not copied.
    void make_trimmed_inputs(const Trimmed& t) {
        const fs::path pkgs = root_ / "old-npm" / "node_modules" / "@ip-location-db";
        fs::create_directories(pkgs / "asn");
        for (const char* p : {"dbip-country-mmdb", "geo-whois-asn-country-mmdb"})
            fs::create_directory_symlink(kRealNpm / "node_modules" / "@ip-location-db" / p, pkgs / p);
        fs::copy_file(kRealNpm / kAsnPackage / "package.json", pkgs / "asn" / "package.json");
        write_without_lines(kRealNpm / kAsnPackage / "asn-ipv4-num.csv", pkgs / "asn" / "asn-ipv4-num.csv", t.v4_lines);
        write_without_lines(kRealNpm / kAsnPackage / "asn-ipv6-num.csv", pkgs / "asn" / "asn-ipv6-num.csv", t.v6_lines);
        fs::create_directories(root_ / "old-ieee");
        for (const char* f : {"oui.csv", "mam.csv"}) fs::copy_file(kRealIeee / f, root_ / "old-ieee" / f);
        write_without_lines(kRealIeee / "oui36.csv", root_ / "old-ieee" / "oui36.csv", t.oui36_lines);
    }
    IntelUpdateOptions from_real(bool dry_run) const {
        IntelUpdateOptions o;
        o.build.npm_dir = kRealNpm.string();
        o.build.ieee_dir = kRealIeee.string();
        o.build.out_dir = (root_ / "intel").string();
        o.dry_run = dry_run;
        return o;
    }
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(root_)) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
    fs::path root_;
};

TEST_F(IntelUpdate, ReportsWhatTheTrimmedCopyLackedThenReplaces) {
    ASSERT_TRUE(fs::is_directory(kRealNpm / kAsnPackage)) << kRealNpm << ": run scripts/install-intel.sh";
    const auto v4 = read_rows(kRealNpm / kAsnPackage / "asn-ipv4-num.csv");
    const auto v6 = read_rows(kRealNpm / kAsnPackage / "asn-ipv6-num.csv");
    auto oui36 = read_rows(kRealIeee / "oui36.csv");
    oui36.erase(oui36.begin());  // header
    const Trimmed t = choose_trimmed(v4, v6, oui36);
    ASSERT_EQ(t.asns.size(), 3u);
    ASSERT_EQ(t.ranges.size(), 6u);
    ASSERT_EQ(t.oui36.size(), 2u);
    make_trimmed_inputs(t);

    // The "old" intel, from the trimmed copy.
    IntelBuildOptions old_build;
    old_build.npm_dir = (root_ / "old-npm").string();
    old_build.ieee_dir = (root_ / "old-ieee").string();
    old_build.out_dir = (root_ / "intel").string();
    Diagnostics d;
    ASSERT_TRUE(build_intel(old_build, d)) << test::problems_text(d);
    const std::string old_manifest = read_all(root_ / "intel" / "manifest.json");
    const std::string old_asn_sha = sha256_of(root_ / "intel" / "asn.bin");

    // Dry run: the full report, nothing replaced, no staging directory left behind.
    IntelUpdateReport dry;
    ASSERT_TRUE(update_intel(from_real(true), d, dry)) << test::problems_text(d);
    EXPECT_TRUE(dry.dry_run);
    EXPECT_FALSE(dry.replaced);
    ASSERT_TRUE(dry.diff.had_previous);
    EXPECT_TRUE(dry.diff.changed());
    EXPECT_EQ(dry.diff.ranges_added, t.ranges);
    EXPECT_TRUE(dry.diff.ranges_removed.empty());
    ASSERT_EQ(dry.diff.asns_added.size(), t.asns.size());
    for (size_t i = 0; i < t.asns.size(); ++i) {
        EXPECT_EQ(dry.diff.asns_added[i].asn, t.asns[i].asn);
        EXPECT_EQ(dry.diff.asns_added[i].org, t.asns[i].org);
    }
    EXPECT_TRUE(dry.diff.asns_removed.empty());
    EXPECT_TRUE(dry.diff.asns_renamed.empty());
    std::vector<std::string> oui_added;
    for (const auto& a : dry.diff.oui_added) {
        EXPECT_EQ(a.registry, "MA-S");
        oui_added.push_back(a.prefix);
    }
    EXPECT_EQ(oui_added, t.oui36);
    EXPECT_TRUE(dry.diff.oui_removed.empty());
    EXPECT_EQ(dry.diff.new_counts.v4_ranges, dry.diff.old_counts.v4_ranges + 5);
    EXPECT_EQ(dry.diff.new_counts.v6_ranges, dry.diff.old_counts.v6_ranges + 1);
    EXPECT_EQ(dry.diff.new_counts.oui[2], dry.diff.old_counts.oui[2] + 2);
    // Versions are named; the same package versions, but the ASN and IEEE inputs differ.
    std::map<std::string, IntelSourceChange> sources;
    for (const auto& s : dry.diff.sources) sources[s.id] = s;
    ASSERT_EQ(sources.size(), 4u);
    EXPECT_FALSE(sources["asn"].new_version.empty());
    EXPECT_FALSE(sources["asn"].version_changed());
    EXPECT_TRUE(sources["asn"].inputs_changed());
    EXPECT_TRUE(sources["ieee_oui"].inputs_changed());
    EXPECT_FALSE(sources["geo_country"].inputs_changed());
    EXPECT_EQ(read_all(root_ / "intel" / "manifest.json"), old_manifest);
    EXPECT_EQ(sha256_of(root_ / "intel" / "asn.bin"), old_asn_sha);
    EXPECT_EQ(entries(), (std::vector<std::string>{"intel", "old-ieee", "old-npm"}));

    // The JSON report caps its lists but keeps the counts.
    auto j = intel_update_json(dry, 2);
    EXPECT_EQ(j["asn"]["ranges_added"]["count"], 6);
    EXPECT_EQ(j["asn"]["ranges_added"]["items"].size(), 2u);
    EXPECT_EQ(j["asn"]["ranges_added"]["truncated"], true);
    EXPECT_EQ(j["asn"]["asns_added"]["items"][0]["asn"], t.asns[0].asn);
    EXPECT_EQ(j["oui"]["added"]["count"], 2);
    EXPECT_EQ(j["replaced"], false);

    // The update itself: the files are replaced and answer for the trimmed ranges.
    IntelUpdateReport real;
    ASSERT_TRUE(update_intel(from_real(false), d, real)) << test::problems_text(d);
    EXPECT_TRUE(real.replaced);
    EXPECT_EQ(real.diff.ranges_added, t.ranges);
    EXPECT_NE(sha256_of(root_ / "intel" / "asn.bin"), old_asn_sha);
    EXPECT_EQ(entries(), (std::vector<std::string>{"intel", "old-ieee", "old-npm"}));
    IntelPaths paths;
    paths.intel_dir = (root_ / "intel").string();
    paths.catalog_dir = test::source_dir() + "/data";
    Diagnostics ld;
    auto intel = Intel::load(paths, ld);
    ASSERT_TRUE(intel) << test::problems_text(ld);
    EXPECT_FALSE(ld.has_errors()) << test::problems_text(ld);
    for (const auto& r : t.ranges) {
        auto hit = intel->asn(r.first);
        ASSERT_TRUE(hit) << r.first.to_string();
        EXPECT_EQ(hit->asn, r.asn) << r.first.to_string();
    }
    const std::string manifest = read_all(root_ / "intel" / "manifest.json");
    EXPECT_NE(manifest.find(sha256_of(kRealNpm / kAsnPackage / "asn-ipv4-num.csv")), std::string::npos);

    // Nothing left to do.
    IntelUpdateReport again;
    ASSERT_TRUE(update_intel(from_real(false), d, again)) << test::problems_text(d);
    EXPECT_FALSE(again.diff.changed());
    EXPECT_FALSE(again.replaced);
    EXPECT_TRUE(again.diff.ranges_added.empty());
    EXPECT_EQ(read_all(root_ / "intel" / "manifest.json"), manifest);
}

TEST_F(IntelUpdate, FirstInstallReportsEverythingAsNew) {
    IntelUpdateReport r;
    Diagnostics d;
    ASSERT_TRUE(update_intel(from_real(true), d, r)) << test::problems_text(d);
    EXPECT_FALSE(r.diff.had_previous);
    EXPECT_TRUE(r.diff.changed());
    EXPECT_EQ(r.diff.ranges_added.size(), size_t{r.diff.new_counts.v4_ranges} + r.diff.new_counts.v6_ranges);
    EXPECT_EQ(r.diff.old_counts.v4_ranges, 0u);
    EXPECT_FALSE(fs::exists(root_ / "intel"));  // a dry run creates nothing
}

TEST_F(IntelUpdate, MissingPackageDirectoryIsAClearError) {
    IntelUpdateOptions o = from_real(false);
    o.build.npm_dir = (root_ / "no-such-npm").string();
    IntelUpdateReport r;
    Diagnostics d;
    EXPECT_FALSE(update_intel(o, d, r));
    ASSERT_EQ(d.problems().size(), 1u) << test::problems_text(d);
    EXPECT_EQ(d.problems()[0].input, o.build.npm_dir);
    EXPECT_NE(d.problems()[0].message.find("npm package directory missing"), std::string::npos);
    EXPECT_NE(d.problems()[0].message.find("scripts/install-intel.sh"), std::string::npos);
    EXPECT_FALSE(fs::exists(root_ / "intel"));
    EXPECT_EQ(entries(), std::vector<std::string>{});
}

}  // namespace
}  // namespace sovscan
