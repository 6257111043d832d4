// The embedded store (store/sqlite_store.h) with runs of a real capture: a run written reads back
// whole, exposures keep their stable ids across runs, the period query and the diff see what
// changed, retention prunes, an older schema is upgraded with its runs, and what is no store is
// refused without being touched.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>
#include <string>

#include "engine/scan_engine.h"
#include "intel/sha256.h"
#include "store/period_query.h"
#include "store/run_diff.h"
#include "store/sqlite_schema.h"
#include "store/sqlite_store.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ScanOptions opt;
        opt.inputs = {corpus_file("ndpi/wechat.pcap")};
        opt.sensor = "site-a";
        opt.command_line = {"sovscan", "scan", "wechat.pcap"};
        Diagnostics diag;
        auto report = ScanEngine::run(opt, diag);
        ASSERT_TRUE(report);
        report_ = new ScanReport(std::move(*report));
    }
    static void TearDownTestSuite() {
        delete report_;
        report_ = nullptr;
    }
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-store-test-" + std::to_string(getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    static RunRecord record(int64_t recorded_ns = 1'700'000'000'000'000'000) {
        RunRecord r = run_record_from(*report_);
        r.info.recorded_ns = recorded_ns;
        return r;
    }
    static std::set<std::string> ids_of(const std::vector<StoredFinding>& findings) {
        std::set<std::string> ids;
        for (const StoredFinding& f : findings) ids.insert(f.id);
        return ids;
    }

    static inline ScanReport* report_ = nullptr;
    fs::path dir_;
};

TEST_F(SqliteStoreTest, ARunReadsBackWholeWithItsInputsDigested) {
    ASSERT_EQ(report_->findings.size(), 5u);  // wechat.pcap: 3 SOV-001, 1 SOV-002, 1 SOV-005
    SqliteRunStore store(path("runs.db"), StoreAccess::read_write);
    EXPECT_EQ(store.schema_version(), sqlite::current_schema_version());
    const int64_t id = store.write_run(record());
    EXPECT_EQ(id, 1);

    const std::vector<RunInfo> runs = store.list_runs({});
    ASSERT_EQ(runs.size(), 1u);
    const RunInfo& info = runs[0];
    EXPECT_EQ(info.sensor, "site-a");
    EXPECT_EQ(info.command_line, "sovscan scan wechat.pcap");
    EXPECT_TRUE(info.complete);
    EXPECT_FALSE(info.partial);
    EXPECT_EQ(info.findings, 5u);
    EXPECT_EQ(info.packets, report_->packets);
    EXPECT_EQ(info.first_ns, report_->first_ns);
    EXPECT_EQ(info.last_ns, report_->last_ns);
    EXPECT_EQ(info.policy_digest.size(), 64u);
    EXPECT_NE(info.intel_versions.find("catalog="), std::string::npos) << info.intel_versions;
    ASSERT_EQ(info.inputs.size(), 1u);
    EXPECT_EQ(info.inputs[0].size, fs::file_size(corpus_file("ndpi/wechat.pcap")));
    // The digest OpenSSL made equals the intel builder's own SHA-256 of the file.
    std::string expected, error;
    ASSERT_TRUE(Sha256::file_hex(corpus_file("ndpi/wechat.pcap"), expected, error)) << error;
    EXPECT_EQ(info.inputs[0].sha256, expected);

    const auto run = store.load_run(id);
    ASSERT_TRUE(run);
    std::set<std::string> expected_ids;
    uint64_t bytes = 0;
    for (const Finding& f : report_->findings) {
        expected_ids.insert(stable_finding_id(f));
        bytes += f.bytes_sent;
    }
    EXPECT_EQ(ids_of(run->findings), expected_ids);
    uint64_t stored_bytes = 0;
    for (const StoredFinding& f : run->findings) stored_bytes += f.bytes_sent;
    EXPECT_EQ(stored_bytes, bytes);
    EXPECT_EQ(run->aggregates.size(), record().aggregates.size());
    EXPECT_EQ(run->devices.size(), report_->devices.size());
    EXPECT_FALSE(store.load_run(id + 1));
}

TEST_F(SqliteStoreTest, TheSameExposuresAreKnownAndTheirSpansContinue) {
    SqliteRunStore store(path("runs.db"), StoreAccess::read_write);
    RunRecord first = record();
    std::vector<std::string> ids;
    for (const StoredFinding& f : first.findings) ids.push_back(f.id);
    EXPECT_TRUE(store.known_findings(ids).empty());
    store.write_run(first);
    EXPECT_EQ(store.known_findings(ids).size(), 5u);
    store.write_run(record());
    RunRecord other_sensor = record();
    other_sensor.info.sensor = "site-b";
    store.write_run(other_sensor);

    const auto period = store.exposures_in_period(report_->first_ns, report_->last_ns, "");
    ASSERT_EQ(period.size(), 5u);
    for (const PeriodExposure& p : period) {
        EXPECT_EQ(p.sensors, (std::vector<std::string>{"site-a", "site-b"})) << p.latest.id;
        EXPECT_EQ(p.spans.size(), 2u) << "one span per sensor: site-a's two runs continue one";
        EXPECT_FALSE(p.latest.summary.empty());
    }
    EXPECT_EQ(store.exposures_in_period(report_->first_ns, report_->last_ns, "site-b").size(), 5u);
    EXPECT_TRUE(store.exposures_in_period(report_->last_ns + 1, report_->last_ns + 1000, "").empty());

    const PeriodReport r = build_period_report(store, report_->first_ns, report_->last_ns, "site-a", "now");
    EXPECT_EQ(r.runs, 2u);
    EXPECT_EQ(r.findings.size(), 5u);
    EXPECT_EQ(r.sensors, (std::vector<std::string>{"site-a"}));
    ASSERT_FALSE(r.timeline.empty());
    size_t new_total = 0;
    for (const PeriodDay& d : r.timeline) new_total += d.new_exposures;
    EXPECT_EQ(new_total, 5u);
}

TEST_F(SqliteStoreTest, DiffSeesNewGoneSeverityAndGrowth) {
    SqliteRunStore store(path("runs.db"), StoreAccess::read_write);
    RunRecord before = record();
    RunRecord after = record();
    ASSERT_GE(after.findings.size(), 4u);
    const std::string gone = after.findings[0].id;
    after.findings.erase(after.findings.begin());  // gone
    after.findings[0].severity = Severity::critical;  // up (none of wechat's is critical)
    after.findings[1].bytes_sent = (after.findings[1].bytes_sent + after.findings[1].bytes_received) * 3 + 1;
    StoredFinding added = after.findings[2];
    added.id = "00000000000000aa";
    after.findings.push_back(added);
    before.info.id = store.write_run(before);
    after.info.id = store.write_run(after);

    const RunChanges c = diff_runs(*store.load_run(before.info.id), *store.load_run(after.info.id), 2.0);
    EXPECT_EQ(c.from.id, 1);
    EXPECT_EQ(c.to.id, 2);
    EXPECT_EQ(c.count(ExposureChange::Kind::added), 1u);
    EXPECT_EQ(c.count(ExposureChange::Kind::gone), 1u);
    EXPECT_EQ(c.count(ExposureChange::Kind::severity_up), 1u);
    EXPECT_EQ(c.count(ExposureChange::Kind::severity_down), 0u);
    EXPECT_EQ(c.count(ExposureChange::Kind::traffic_grown), 1u);
    ASSERT_EQ(c.exposures.size(), 4u);
    EXPECT_EQ(c.exposures.front().finding_id, "00000000000000aa");  // new first
    EXPECT_EQ(c.exposures.back().finding_id, gone);                 // gone last
    // Against itself: nothing.
    EXPECT_TRUE(diff_runs(*store.load_run(1), *store.load_run(1), 2.0).exposures.empty());
}

TEST_F(SqliteStoreTest, RetentionPrunesOldRunsAndWhatOnlyTheyHad) {
    SqliteRunStore store(path("runs.db"), StoreAccess::read_write);
    RunRecord old_run = record(1'000);
    old_run.findings.push_back(old_run.findings[0]);
    old_run.findings.back().id = "00000000000000bb";  // only the old run has it
    store.write_run(old_run);
    store.write_run(record(5'000));
    EXPECT_EQ(store.prune_before(2'000), 1u);
    const auto runs = store.list_runs({});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].id, 2);
    EXPECT_TRUE(store.known_findings({"00000000000000bb"}).empty());
    EXPECT_EQ(store.known_findings({record().findings[0].id}).size(), 1u);
    EXPECT_EQ(store.prune_before(2'000), 0u);
}

// A store made by the first schema (version 1, built here with its own SQL and rows written as
// that version's code wrote them) is upgraded when opened, and its runs still read.
TEST_F(SqliteStoreTest, AVersionOneStoreIsUpgradedAndItsRunsStillRead) {
    const std::string file = path("v1.db");
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
        const std::string v1(sqlite::schema_migrations().at(0));
        const std::string rows = v1 + R"sql(
PRAGMA user_version = 1;
INSERT INTO sensors(id, name) VALUES(1, 'old-sensor');
INSERT INTO runs(id, sensor, command_line, generated_at, recorded_ns, first_ns, last_ns, intel_versions,
  catalog_version, policy_digest, complete, packets, findings, assets)
  VALUES(1, 1, 'sovscan scan old.pcap', '2026-01-05T10:00:00Z', 1767607200000000000, 1767600000000000000,
         1767603600000000000, 'catalog=2026.01', '2026.01', 'abc', 1, 1234, 1, 0);
INSERT INTO run_inputs VALUES(1, 0, 'old.pcap', 'capture', 4096, 'deadbeef');
INSERT INTO exposures(id, finding_id, rule, asset, asset_id, counterpart, country, vendor, first_seen_ns)
  VALUES(1, '0123456789abcdef', 'SOV-001', '10.0.0.5', '', '47.74.1.2', 'CN', 'Alibaba', 1767600000000000000);
INSERT INTO run_findings VALUES(1, 1, 3, '10.0.0.5 sent 1.2 MB to 47.74.1.2 (CN, Alibaba)', 1200000, 3400, 900,
  40, 7, 1767600000000000000, 1767603600000000000, 0);
INSERT INTO exposure_spans VALUES(1, 1, 1, 1, 1767600000000000000, 1767603600000000000);
)sql";
        char* err = nullptr;
        ASSERT_EQ(sqlite3_exec(db, rows.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
        sqlite3_close(db);
    }
    SqliteRunStore store(file, StoreAccess::read_write);
    EXPECT_EQ(store.schema_version(), 2);
    const auto runs = store.list_runs({});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].sensor, "old-sensor");
    EXPECT_FALSE(runs[0].partial);  // the column version 2 added, defaulted
    ASSERT_EQ(runs[0].inputs.size(), 1u);
    EXPECT_EQ(runs[0].inputs[0].sha256, "deadbeef");
    const auto old_run = store.load_run(1);
    ASSERT_TRUE(old_run);
    ASSERT_EQ(old_run->findings.size(), 1u);
    EXPECT_EQ(old_run->findings[0].severity, Severity::high);
    EXPECT_EQ(old_run->findings[0].bytes_sent, 1200000u);
    EXPECT_TRUE(old_run->devices.empty());
    // And it takes new runs, with devices.
    RunRecord fresh = record();
    const int64_t id = store.write_run(fresh);
    EXPECT_EQ(id, 2);
    EXPECT_EQ(store.load_run(id)->devices.size(), fresh.devices.size());
}

TEST_F(SqliteStoreTest, ANewerSchemaIsRefused) {
    const std::string file = path("future.db");
    { SqliteRunStore store(file, StoreAccess::read_write); }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    try {
        SqliteRunStore store(file, StoreAccess::read_write);
        FAIL() << "opened";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 99, newer than this sovscan's 2"), std::string::npos)
            << e.what();
    }
}

TEST_F(SqliteStoreTest, WhatIsNoStoreIsRefusedAndLeftAlone) {
    const std::string capture = path("a.pcap");
    fs::copy_file(corpus_file("ndpi/wechat.pcap"), capture);
    const std::string before = file_text(capture);
    try {
        open_run_store(capture, StoreAccess::read_write);
        FAIL() << "opened a capture as a store";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("not a sovscan store"), std::string::npos) << e.what();
    }
    EXPECT_EQ(file_text(capture), before);
    EXPECT_FALSE(fs::exists(capture + "-wal"));

    try {
        open_run_store(path("missing.db"), StoreAccess::read_only);
        FAIL() << "opened a missing store for reading";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("no such store"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(path("missing.db")));
}

TEST_F(SqliteStoreTest, PostgresqlIsNotBuiltYet) {
    try {
        open_run_store("postgresql://user:secret@db.example/sovscan", StoreAccess::read_write);
        FAIL() << "opened";
    } catch (const StoreError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("PostgreSQL store is not built yet"), std::string::npos) << what;
        EXPECT_EQ(what.find("secret"), std::string::npos) << "the password is never printed";
    }
}

}  // namespace
}  // namespace sovscan::test
