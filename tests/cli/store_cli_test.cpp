// --store, `sovscan history`, `sovscan diff` and `sovscan report` with the real binary on real
// captures: the README's first steps (the same scan twice, then history and diff), what changed
// between two different captures of one sensor, alerts only for exposures the store never saw,
// the period report, SOVSCAN_STORE and the policy's `store:`, retention, and the errors.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/cli_run.h"
#include "store/sqlite_store.h"

namespace sovscan::test {
namespace {

using nlohmann::json;

class StoreCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() { make_dir("store-cli"); }

    static std::string scan(const std::string& capture, const std::string& store, const std::string& more = "") {
        return fmt::format("scan {} --store {} --sensor site-a --no-progress -q --fail-on never {}", capture, store, more);
    }
    static std::set<std::string> finding_ids(const std::string& report_json) {
        std::set<std::string> ids;
        const json report = json::parse(report_json);  // kept: a loop over a temporary's member dangles
        for (const auto& f : report["findings"]) ids.insert(f["id"].get<std::string>());
        return ids;
    }
    static size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }
};

TEST_F(StoreCli, TheSameScanTwiceThenHistoryAndDiff) {
    const std::string store = path("twice.db");
    const std::string wechat = corpus_file("ndpi/wechat.pcap");
    ASSERT_EQ(run_sovscan(scan(wechat, store)).exit_code, 0);
    const CliResult second = run_sovscan(scan(wechat, store, "-o " + path("second.html")));
    ASSERT_EQ(second.exit_code, 0) << second.err;

    const CliResult table = run_sovscan("history --store " + store);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(lines(table.out), 3u) << table.out;  // header and two runs
    EXPECT_NE(table.out.find("site-a"), std::string::npos);

    const CliResult history = run_sovscan("history --json --store " + store);
    ASSERT_EQ(history.exit_code, 0) << history.err;
    const json runs = json::parse(history.out)["runs"];
    ASSERT_EQ(runs.size(), 2u);
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(runs[i]["id"], i + 1);
        EXPECT_EQ(runs[i]["sensor"], "site-a");
        EXPECT_EQ(runs[i]["findings"], 5);
        EXPECT_EQ(runs[i]["complete"], true);
        EXPECT_EQ(runs[i]["inputs"][0]["path"], wechat);
        EXPECT_EQ(runs[i]["inputs"][0]["sha256"].get<std::string>().size(), 64u);
    }

    const CliResult diff = run_sovscan("diff --json --store " + store);
    ASSERT_EQ(diff.exit_code, 0) << diff.err;
    const json d = json::parse(diff.out);
    EXPECT_EQ(d["from"]["id"], 1);
    EXPECT_EQ(d["to"]["id"], 2);
    EXPECT_TRUE(d["exposures"].empty()) << diff.out;  // the same capture: nothing changed

    // The second run's HTML report says what changed since the first: nothing.
    const std::string html = read("second.html");
    EXPECT_NE(html.find("<section id=\"changes\"><h2>Changed since the previous run</h2>"), std::string::npos);
    EXPECT_NE(html.find("Exposures: 0 new, 0 more severe, 0 less severe, 0 with traffic grown past 2×, 0 gone."),
              std::string::npos);
}

TEST_F(StoreCli, DiffOfTwoCapturesOfOneSensor) {
    const std::string store = path("two.db");
    const CliResult a = run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), store, "--format json"));
    const CliResult b = run_sovscan(scan(corpus_file("ndpi/1kxun.pcap"), store, "--format json"));
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const std::set<std::string> before = finding_ids(a.out), after = finding_ids(b.out);
    size_t added = 0, gone = 0;
    for (const std::string& id : after) added += !before.count(id);
    for (const std::string& id : before) gone += !after.count(id);
    ASSERT_GT(added, 0u);

    const CliResult diff = run_sovscan("diff 1 2 --json --store " + store);
    ASSERT_EQ(diff.exit_code, 0) << diff.err;
    const json d = json::parse(diff.out);
    EXPECT_EQ(d["counts"]["new"], added);
    EXPECT_EQ(d["counts"]["gone"], gone);
    std::set<std::string> new_ids;
    for (const auto& e : d["exposures"])
        if (e["change"] == "new") new_ids.insert(e["id"].get<std::string>());
    for (const std::string& id : new_ids) EXPECT_TRUE(after.count(id) && !before.count(id)) << id;

    // The table and the HTML page say the same.
    const CliResult table = run_sovscan("diff --store " + store + " --sensor site-a");
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find(fmt::format("Exposures: {} new,", added)), std::string::npos) << table.out;
    ASSERT_EQ(run_sovscan("diff --store " + store + " -o " + path("diff.html")).exit_code, 0);
    const std::string html = read("diff.html");
    EXPECT_NE(html.find(fmt::format("Exposures: {} new,", added)), std::string::npos);
    EXPECT_NE(html.find("id=\"changes-table\""), std::string::npos);
}

TEST_F(StoreCli, AlertsOnlyForExposuresTheStoreNeverSaw) {
    const std::string store = path("alerts.db");
    const std::string wechat = corpus_file("ndpi/wechat.pcap");
    ASSERT_EQ(run_sovscan(scan(wechat, store, "--alerts " + path("first.jsonl"))).exit_code, 0);
    EXPECT_EQ(lines(read("first.jsonl")), 5u);
    ASSERT_EQ(run_sovscan(scan(wechat, store, "--alerts " + path("second.jsonl"))).exit_code, 0);
    EXPECT_EQ(read("second.jsonl"), "") << "every exposure was in the store already";
    // A sensor of another name: the same exposures are the same ids, known to the store.
    ASSERT_EQ(run_sovscan(fmt::format("scan {} --store {} --sensor site-b -q --fail-on never --alerts {}", wechat, store,
                                      path("third.jsonl")))
                  .exit_code,
              0);
    EXPECT_EQ(read("third.jsonl"), "");
}

TEST_F(StoreCli, ReportOverAPeriod) {
    const std::string store = path("period.db");
    const CliResult a = run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), store, "--format json"));
    const CliResult b = run_sovscan(scan(corpus_file("ndpi/1kxun.pcap"), store, "--format json"));
    ASSERT_EQ(a.exit_code, 0);
    ASSERT_EQ(b.exit_code, 0);
    std::set<std::string> all = finding_ids(a.out);
    for (const std::string& id : finding_ids(b.out)) all.insert(id);

    // Traffic times are the captures' (years ago): --since 30d sees none of it.
    const CliResult recent = run_sovscan("report --since 30d --format json --store " + store);
    ASSERT_EQ(recent.exit_code, 0) << recent.err;
    EXPECT_TRUE(json::parse(recent.out)["findings"].empty());

    ASSERT_EQ(run_sovscan("report --from 2000-01-01 --store " + store + " -o " + path("all.json")).exit_code, 0);
    const json r = json::parse(read("all.json"));
    EXPECT_EQ(r["runs"], 2);
    std::set<std::string> ids;
    for (const auto& f : r["findings"]) {
        ids.insert(f["id"].get<std::string>());
        EXPECT_LE(f["first_seen"].get<std::string>(), f["last_seen"].get<std::string>());
        EXPECT_EQ(f["new_in_period"], true);
    }
    EXPECT_EQ(ids, all);
    size_t new_days = 0;
    for (const auto& d : r["timeline"]) new_days += d["new_exposures"].get<size_t>();
    EXPECT_EQ(new_days, all.size());

    ASSERT_EQ(run_sovscan("report --from 2000-01-01 --store " + store + " -o " + path("all.csv")).exit_code, 0);
    EXPECT_EQ(lines(read("all.csv")), all.size() + 1);
    ASSERT_EQ(run_sovscan("report --from 2000-01-01 --store " + store + " -o " + path("all.html")).exit_code, 0);
    EXPECT_NE(read("all.html").find("id=\"timeline-table\""), std::string::npos);

    const CliResult bad = run_sovscan("report --since 30x --store " + store + " --format json");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--since 30x: give a number of hours, days or weeks"), std::string::npos) << bad.err;
}

TEST_F(StoreCli, EnvironmentAndPolicyNameTheStore) {
    write("site.yaml", "store: from-policy.db\n");
    ASSERT_EQ(run_sovscan(fmt::format("scan {} --policy {} --sensor p --no-progress -q --fail-on never",
                                      corpus_file("ndpi/wechat.pcap"), path("site.yaml")))
                  .exit_code,
              0);
    EXPECT_TRUE(std::filesystem::exists(path("from-policy.db"))) << "relative to the policy file";
    const CliResult env = run_program("SOVSCAN_STORE=" + path("from-policy.db") + " " + sovscan_binary(), "history --json");
    ASSERT_EQ(env.exit_code, 0) << env.err;
    EXPECT_EQ(json::parse(env.out)["runs"].size(), 1u);
    // --store wins over both.
    ASSERT_EQ(run_program("SOVSCAN_STORE=" + path("env.db") + " " + sovscan_binary(),
                          fmt::format("assets {} --policy {} --store {} -q --fail-on never", corpus_file("ndpi/wechat.pcap"),
                                      path("site.yaml"), path("option.db")))
                  .exit_code,
              0);
    EXPECT_TRUE(std::filesystem::exists(path("option.db")));
    EXPECT_FALSE(std::filesystem::exists(path("env.db")));
    EXPECT_EQ(json::parse(run_sovscan("history --json --store " + path("from-policy.db")).out)["runs"].size(), 1u);
}

TEST_F(StoreCli, KeepPrunesOldRuns) {
    const std::string store = path("keep.db");
    ASSERT_EQ(run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), store)).exit_code, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    // 0.00001 days is 0.864 s: the first run is older than that.
    ASSERT_EQ(run_sovscan(scan(corpus_file("ndpi/1kxun.pcap"), store, "--keep 0.00001")).exit_code, 0);
    const json runs = json::parse(run_sovscan("history --json --store " + store).out)["runs"];
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0]["id"], 2);
}

TEST_F(StoreCli, ClearErrors) {
    const CliResult pg = run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), "postgresql://u:pw@db/sovscan"));
    EXPECT_EQ(pg.exit_code, 2);
    EXPECT_NE(pg.err.find("the PostgreSQL store is not built yet"), std::string::npos) << pg.err;

    const CliResult missing = run_sovscan("history --store " + path("nothing.db"));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("nothing.db: no such store"), std::string::npos) << missing.err;

    const std::string one = path("one.db");
    ASSERT_EQ(run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), one)).exit_code, 0);
    const CliResult lonely = run_sovscan("diff --store " + one);
    EXPECT_EQ(lonely.exit_code, 2);
    EXPECT_NE(lonely.err.find("sensor site-a has 1 run(s)"), std::string::npos) << lonely.err;

    // A capture given as the store is refused before anything is read, and left as it was.
    const std::string capture = path("copy.pcap");
    std::filesystem::copy_file(corpus_file("ndpi/1kxun.pcap"), capture);
    const std::string before = file_text(capture);
    const CliResult wrong = run_sovscan(scan(corpus_file("ndpi/wechat.pcap"), capture));
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_NE(wrong.err.find("not a sovscan store"), std::string::npos) << wrong.err;
    EXPECT_EQ(file_text(capture), before);

    const CliResult no_store = run_sovscan("history");
    EXPECT_EQ(no_store.exit_code, 2);
    EXPECT_NE(no_store.err.find("no store: give --store FILE or set SOVSCAN_STORE"), std::string::npos);
}


// Strings a store holds came from captures and inventories (or a tampered file): every output of
// history, diff and report escapes them as the scan report does.
TEST_F(StoreCli, HostileStringsAreEscapedInEveryOutput) {
    const std::string store = path("hostile.db");
    {
        SqliteRunStore writer(store, StoreAccess::read_write);
        for (int n = 0; n < 2; ++n) {
            RunRecord run;
            run.info.sensor = "evil\x1b[31m<b>";
            run.info.generated_at = "2026-01-01T00:00:00Z";
            run.info.first_ns = 1767225600000000000 + n;
            run.info.last_ns = run.info.first_ns + 1;
            run.info.recorded_ns = run.info.last_ns;
            run.info.inputs.push_back({"=cmd|' /C calc'!A0.pcap", "capture", 1, ""});
            StoredFinding f;
            f.id = n ? "00000000000000a1" : "00000000000000a0";
            f.rule = "SOV-001";
            f.severity = Severity::high;
            f.asset = "<script>alert(1)</script>";
            f.counterpart = "=HYPERLINK(\"http://x\")";
            f.summary = "\x1b]0;owned\x07 <img src=x onerror=alert(1)>";
            f.first_ns = run.info.first_ns;
            f.last_ns = run.info.last_ns;
            run.findings.push_back(f);
            writer.write_run(run);
        }
    }
    const CliResult table = run_sovscan("history --store " + store);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(table.out.find('\x1b'), std::string::npos) << table.out;
    const CliResult diff = run_sovscan("diff 1 2 --store " + store);
    ASSERT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_EQ(diff.out.find('\x1b'), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("\\x1b]0;owned\\x07"), std::string::npos) << diff.out;

    ASSERT_EQ(run_sovscan("diff 1 2 --store " + store + " -o " + path("hostile.html")).exit_code, 0);
    const std::string html = read("hostile.html");
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);

    ASSERT_EQ(run_sovscan("report --from 2026-01-01 --to 2026-01-01 --store " + store + " -o " + path("hostile.csv")).exit_code, 0);
    const std::string csv = read("hostile.csv");
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv;
    EXPECT_EQ(csv.find('\x1b'), std::string::npos) << csv;
    ASSERT_EQ(run_sovscan("report --from 2026-01-01 --to 2026-01-01 --store " + store + " -o " + path("hostile.html")).exit_code, 0);
    const std::string page = read("hostile.html");
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(page.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace sovscan::test
