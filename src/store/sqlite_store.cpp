#include "store/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "common/escape.h"
#include "store/sqlite_schema.h"

namespace sovscan {

namespace {

int64_t wall_clock_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr std::string_view kRunColumns =
    "r.id, s.name, r.command_line, r.generated_at, r.recorded_ns, r.first_ns, r.last_ns, r.intel_versions, "
    "r.catalog_version, r.policy_digest, r.complete, r.partial, r.packets, r.findings, r.assets";

RunInfo run_info_of(const sqlite::Statement& q) {
    RunInfo i;
    i.id = q.int64(0);
    i.sensor = q.text(1);
    i.command_line = q.text(2);
    i.generated_at = q.text(3);
    i.recorded_ns = q.int64(4);
    i.first_ns = q.int64(5);
    i.last_ns = q.int64(6);
    i.intel_versions = q.text(7);
    i.catalog_version = q.text(8);
    i.policy_digest = q.text(9);
    i.complete = q.int64(10) != 0;
    i.partial = q.int64(11) != 0;
    i.packets = q.uint64(12);
    i.findings = q.uint64(13);
    i.assets = q.uint64(14);
    return i;
}

Severity severity_of(int64_t v) {
    return static_cast<Severity>(std::clamp<int64_t>(v, 0, static_cast<int64_t>(Severity::critical)));
}

}  // namespace

SqliteRunStore::SqliteRunStore(const std::string& path, StoreAccess access)
    : db_(path, [&] {
          std::error_code ec;
          if (access == StoreAccess::read_only && !std::filesystem::exists(path, ec))
              throw StoreError(fmt::format("{}: no such store (a scan with --store {} makes it)", printable(path),
                                           printable(path)));
          return access == StoreAccess::read_only ? SQLITE_OPEN_READWRITE
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      }()) {
    // A sensor writing while `sovscan history` reads: wait for the other side's lock instead of
    // failing at once.
    sqlite3_busy_timeout(db_.handle(), 30000);
    // WAL: readers never block the writer; a commit is one append to the log. synchronous=FULL: the
    // log is synced at every commit (one per run), so a run reported written survives a power cut.
    db_.exec("PRAGMA journal_mode=WAL", "not a sovscan store (cannot set WAL mode)");
    db_.exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", "setting up");
    migrate();
}

int SqliteRunStore::schema_version() {
    sqlite::Statement q(db_, "PRAGMA user_version");
    q.step();
    return static_cast<int>(q.int64(0));
}

void SqliteRunStore::migrate() {
    const int current = sqlite::current_schema_version();
    int version = schema_version();
    if (version == current) return;
    if (version > current)
        throw StoreError(fmt::format("{}: the store has schema version {}, newer than this sovscan's {}; use a newer "
                                     "sovscan",
                                     printable(db_.path()), version, current));
    if (version == 0) {  // version 0 is an empty database, never a file of someone else's
        sqlite::Statement tables(db_, "SELECT count(*) FROM sqlite_master");
        tables.step();
        if (tables.int64(0) != 0)
            throw StoreError(fmt::format("{}: not a sovscan store (an SQLite database with other tables)",
                                         printable(db_.path())));
    }
    sqlite::Transaction tx(db_);
    const auto& steps = sqlite::schema_migrations();
    for (; version < current; ++version)
        db_.exec(steps[static_cast<size_t>(version)], fmt::format("upgrading the schema to version {}", version + 1));
    db_.exec(fmt::format("PRAGMA user_version = {}", current), "upgrading the schema");
    tx.commit();
}

int64_t SqliteRunStore::sensor_id(const std::string& name) {
    sqlite::Statement add(db_, "INSERT OR IGNORE INTO sensors(name) VALUES(?)");
    add.bind(1, name).run();
    sqlite::Statement q(db_, "SELECT id FROM sensors WHERE name = ?");
    q.bind(1, name);
    q.step();
    return q.int64(0);
}

int64_t SqliteRunStore::write_run(const RunRecord& run) {
    try {
        sqlite::Transaction tx(db_);
        const int64_t sensor = sensor_id(run.info.sensor);
        // The row first, marked incomplete, and marked complete last, in the same transaction: a
        // reader never sees a complete run with rows missing, whatever a backend does.
        sqlite::Statement add(db_,
                              "INSERT INTO runs(sensor, command_line, generated_at, recorded_ns, first_ns, last_ns, "
                              "intel_versions, catalog_version, policy_digest, complete, partial, packets, findings, "
                              "assets) VALUES(?,?,?,?,?,?,?,?,?,0,?,?,?,?)");
        const RunInfo& i = run.info;
        add.bind(1, sensor).bind(2, i.command_line).bind(3, i.generated_at);
        add.bind(4, i.recorded_ns ? i.recorded_ns : wall_clock_ns()).bind(5, i.first_ns).bind(6, i.last_ns);
        add.bind(7, i.intel_versions).bind(8, i.catalog_version).bind(9, i.policy_digest);
        add.bind(10, i.partial ? 1 : 0).bind(11, i.packets).bind(12, run.findings.size()).bind(13, run.assets.size());
        add.run();
        const int64_t id = db_.last_insert_rowid();
        write_rows(id, sensor, run);
        sqlite::Statement done(db_, "UPDATE runs SET complete = 1 WHERE id = ?");
        done.bind(1, id).run();
        tx.commit();
        return id;
    } catch (const StoreError& e) {
        throw StoreError(fmt::format("{}; the run was not written, the store is as it was", e.what()));
    }
}

void SqliteRunStore::write_rows(int64_t run_id, int64_t sensor, const RunRecord& run) {
    int64_t previous_run = 0;  // this sensor's run before: an exposure it had continues its span
    {
        sqlite::Statement q(db_, "SELECT coalesce(max(id), 0) FROM runs WHERE sensor = ? AND id < ?");
        q.bind(1, sensor).bind(2, run_id);
        q.step();
        previous_run = q.int64(0);
    }
    sqlite::Statement in(db_, "INSERT INTO run_inputs(run, position, path, kind, size, sha256) VALUES(?,?,?,?,?,?)");
    for (size_t n = 0; n < run.info.inputs.size(); ++n) {
        const RunInput& x = run.info.inputs[n];
        in.bind(1, run_id).bind(2, static_cast<int64_t>(n)).bind(3, x.path).bind(4, x.kind).bind(5, x.size);
        in.bind(6, x.sha256).run();
    }

    sqlite::Statement find(db_, "SELECT id FROM exposures WHERE finding_id = ?");
    sqlite::Statement add_exposure(db_,
                                   "INSERT INTO exposures(finding_id, rule, asset, asset_id, counterpart, country, "
                                   "vendor, first_seen_ns) VALUES(?,?,?,?,?,?,?,?)");
    sqlite::Statement extend(db_,
                             "UPDATE exposure_spans SET last_run = ?1, first_ns = min(first_ns, ?2), "
                             "last_ns = max(last_ns, ?3) WHERE exposure = ?4 AND sensor = ?5 AND last_run = ?6");
    sqlite::Statement open_span(db_,
                                "INSERT OR IGNORE INTO exposure_spans(exposure, sensor, first_run, last_run, first_ns, "
                                "last_ns) VALUES(?1, ?2, ?3, ?3, ?4, ?5)");
    sqlite::Statement add_finding(db_,
                                  "INSERT OR IGNORE INTO run_findings(run, exposure, severity, summary, bytes_sent, "
                                  "bytes_received, packets_sent, packets_received, flows, first_ns, last_ns, "
                                  "suppressed) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    // A finding without traffic (an inventory's device) is seen when the run's traffic was, or
    // when the run was recorded.
    const int64_t run_seen = run.info.first_ns ? run.info.first_ns : run.info.recorded_ns ? run.info.recorded_ns : wall_clock_ns();
    for (const StoredFinding& f : run.findings) {
        const int64_t first = f.first_ns ? f.first_ns : run_seen;
        const int64_t last = f.last_ns ? f.last_ns : std::max(first, run.info.last_ns);
        int64_t exposure = 0;
        find.bind(1, f.id);
        if (find.step()) {
            exposure = find.int64(0);
            find.reset();
        } else {
            find.reset();
            add_exposure.bind(1, f.id).bind(2, f.rule).bind(3, f.asset).bind(4, f.asset_id).bind(5, f.counterpart);
            add_exposure.bind(6, f.country).bind(7, f.vendor).bind(8, first).run();
            exposure = db_.last_insert_rowid();
        }
        extend.bind(1, run_id).bind(2, first).bind(3, last).bind(4, exposure).bind(5, sensor).bind(6, previous_run);
        extend.run();
        if (db_.changes() == 0)
            open_span.bind(1, exposure).bind(2, sensor).bind(3, run_id).bind(4, first).bind(5, last).run();
        add_finding.bind(1, run_id).bind(2, exposure).bind(3, static_cast<int64_t>(f.severity)).bind(4, f.summary);
        add_finding.bind(5, f.bytes_sent).bind(6, f.bytes_received).bind(7, f.packets_sent).bind(8, f.packets_received);
        add_finding.bind(9, f.flows).bind(10, f.first_ns).bind(11, f.last_ns).bind(12, f.suppressed ? 1 : 0).run();
    }

    sqlite::Statement find_asset(db_, "SELECT id FROM assets WHERE asset_id = ?");
    sqlite::Statement add_asset(db_, "INSERT INTO assets(asset_id) VALUES(?)");
    sqlite::Statement add_run_asset(db_,
                                    "INSERT OR IGNORE INTO run_assets(run, asset, name, category, verdict, vendor, "
                                    "bytes_sent, bytes_received, flows, first_ns, last_ns) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    for (const StoredAsset& a : run.assets) {
        int64_t asset = 0;
        find_asset.bind(1, a.id);
        if (find_asset.step()) {
            asset = find_asset.int64(0);
            find_asset.reset();
        } else {
            find_asset.reset();
            add_asset.bind(1, a.id).run();
            asset = db_.last_insert_rowid();
        }
        add_run_asset.bind(1, run_id).bind(2, asset).bind(3, a.name).bind(4, a.category).bind(5, a.verdict);
        add_run_asset.bind(6, a.vendor).bind(7, a.bytes_sent).bind(8, a.bytes_received).bind(9, a.flows);
        add_run_asset.bind(10, a.first_ns).bind(11, a.last_ns).run();
    }

    sqlite::Statement add_aggregate(db_,
                                    "INSERT INTO daily_aggregates(run, kind, day, key, bytes_sent, bytes_received, "
                                    "packets_sent, packets_received, flows) VALUES(?,?,?,?,?,?,?,?,?)");
    for (const DailyAggregate& a : run.aggregates) {
        add_aggregate.bind(1, run_id).bind(2, aggregate_kind_label(a.kind)).bind(3, a.day).bind(4, a.key);
        add_aggregate.bind(5, a.bytes_sent).bind(6, a.bytes_received).bind(7, a.packets_sent);
        add_aggregate.bind(8, a.packets_received).bind(9, a.flows).run();
    }

    sqlite::Statement add_device(db_,
                                 "INSERT OR REPLACE INTO device_sightings(run, mac, ips, organisation, vendor, frames, "
                                 "first_ns, last_ns) VALUES(?,?,?,?,?,?,?,?)");
    for (const StoredDevice& d : run.devices) {
        add_device.bind(1, run_id).bind(2, d.mac).bind(3, d.ips).bind(4, d.organisation).bind(5, d.vendor);
        add_device.bind(6, d.frames).bind(7, d.first_ns).bind(8, d.last_ns).run();
    }
}

std::vector<RunInfo> SqliteRunStore::list_runs(const RunFilter& filter) {
    // A run's time is its traffic's; a run that read no traffic (an inventory) is placed when it was recorded.
    sqlite::Statement q(
        db_, fmt::format("SELECT {} FROM runs r JOIN sensors s ON s.id = r.sensor WHERE (?1 = '' OR s.name = ?1) "
                         "AND (?2 = 0 OR coalesce(nullif(r.last_ns, 0), r.recorded_ns) >= ?2) "
                         "AND (?3 = 0 OR coalesce(nullif(r.first_ns, 0), r.recorded_ns) <= ?3) "
                         "ORDER BY r.id DESC LIMIT ?4",
                         kRunColumns));
    q.bind(1, filter.sensor).bind(2, filter.from_ns).bind(3, filter.to_ns);
    q.bind(4, filter.limit ? static_cast<int64_t>(filter.limit) : int64_t{-1});
    std::vector<RunInfo> runs;
    while (q.step()) runs.push_back(run_info_of(q));
    std::reverse(runs.begin(), runs.end());
    sqlite::Statement inputs(db_, "SELECT path, kind, size, sha256 FROM run_inputs WHERE run = ? ORDER BY position");
    for (RunInfo& r : runs) {
        inputs.bind(1, r.id);
        while (inputs.step()) r.inputs.push_back({inputs.text(0), inputs.text(1), inputs.uint64(2), inputs.text(3)});
        inputs.reset();
    }
    return runs;
}

std::optional<RunRecord> SqliteRunStore::load_run(int64_t id) {
    RunRecord run;
    {
        sqlite::Statement q(db_, fmt::format("SELECT {} FROM runs r JOIN sensors s ON s.id = r.sensor WHERE r.id = ?",
                                             kRunColumns));
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        run.info = run_info_of(q);
    }
    sqlite::Statement inputs(db_, "SELECT path, kind, size, sha256 FROM run_inputs WHERE run = ? ORDER BY position");
    inputs.bind(1, id);
    while (inputs.step()) run.info.inputs.push_back({inputs.text(0), inputs.text(1), inputs.uint64(2), inputs.text(3)});

    sqlite::Statement f(db_,
                        "SELECT e.finding_id, e.rule, f.severity, e.asset, e.asset_id, e.counterpart, e.country, "
                        "e.vendor, f.summary, f.bytes_sent, f.bytes_received, f.packets_sent, f.packets_received, "
                        "f.flows, f.first_ns, f.last_ns, f.suppressed FROM run_findings f JOIN exposures e "
                        "ON e.id = f.exposure WHERE f.run = ?");
    f.bind(1, id);
    while (f.step()) {
        StoredFinding s;
        s.id = f.text(0);
        s.rule = f.text(1);
        s.severity = severity_of(f.int64(2));
        s.asset = f.text(3);
        s.asset_id = f.text(4);
        s.counterpart = f.text(5);
        s.country = f.text(6);
        s.vendor = f.text(7);
        s.summary = f.text(8);
        s.bytes_sent = f.uint64(9);
        s.bytes_received = f.uint64(10);
        s.packets_sent = f.uint64(11);
        s.packets_received = f.uint64(12);
        s.flows = f.uint64(13);
        s.first_ns = f.int64(14);
        s.last_ns = f.int64(15);
        s.suppressed = f.int64(16) != 0;
        run.findings.push_back(std::move(s));
    }

    sqlite::Statement a(db_,
                        "SELECT x.asset_id, a.name, a.category, a.verdict, a.vendor, a.bytes_sent, a.bytes_received, "
                        "a.flows, a.first_ns, a.last_ns FROM run_assets a JOIN assets x ON x.id = a.asset "
                        "WHERE a.run = ? ORDER BY x.asset_id");
    a.bind(1, id);
    while (a.step())
        run.assets.push_back({a.text(0), a.text(1), a.text(2), a.text(3), a.text(4), a.uint64(5), a.uint64(6),
                              a.uint64(7), a.int64(8), a.int64(9)});

    sqlite::Statement g(db_,
                        "SELECT kind, day, key, bytes_sent, bytes_received, packets_sent, packets_received, flows "
                        "FROM daily_aggregates WHERE run = ? ORDER BY kind, day, key");
    g.bind(1, id);
    while (g.step()) {
        DailyAggregate d;
        d.kind = g.text(0) == "asset" ? DailyAggregate::Kind::asset : DailyAggregate::Kind::counterpart;
        d.day = g.text(1);
        d.key = g.text(2);
        d.bytes_sent = g.uint64(3);
        d.bytes_received = g.uint64(4);
        d.packets_sent = g.uint64(5);
        d.packets_received = g.uint64(6);
        d.flows = g.uint64(7);
        run.aggregates.push_back(std::move(d));
    }

    sqlite::Statement d(db_,
                        "SELECT mac, ips, organisation, vendor, frames, first_ns, last_ns FROM device_sightings "
                        "WHERE run = ? ORDER BY mac");
    d.bind(1, id);
    while (d.step())
        run.devices.push_back({d.text(0), d.text(1), d.text(2), d.text(3), d.uint64(4), d.int64(5), d.int64(6)});
    return run;
}

std::set<std::string> SqliteRunStore::known_findings(const std::vector<std::string>& ids) {
    std::set<std::string> known;
    sqlite::Statement q(db_, "SELECT 1 FROM exposures WHERE finding_id = ?");
    for (const std::string& id : ids) {
        q.bind(1, id);
        if (q.step()) known.insert(id);
        q.reset();
    }
    return known;
}

std::vector<PeriodExposure> SqliteRunStore::exposures_in_period(int64_t from_ns, int64_t to_ns,
                                                               const std::string& sensor) {
    // One pass over the spans in the period, each with its last run's numbers (a primary-key lookup
    // SQLite makes inside the join): how each exposure stands in its latest run of the period.
    sqlite::Statement q(db_,
                        "SELECT sp.exposure, sp.first_ns, sp.last_ns, sp.last_run, sn.name, e.finding_id, e.rule, "
                        "e.asset, e.asset_id, e.counterpart, e.country, e.vendor, e.first_seen_ns, "
                        "f.severity, f.summary, f.bytes_sent, f.bytes_received, f.packets_sent, f.packets_received, "
                        "f.flows, f.first_ns, f.last_ns, f.suppressed "
                        "FROM exposure_spans sp JOIN exposures e ON e.id = sp.exposure "
                        "JOIN sensors sn ON sn.id = sp.sensor "
                        "LEFT JOIN run_findings f ON f.run = sp.last_run AND f.exposure = sp.exposure "
                        "WHERE sp.last_ns >= ?1 AND sp.first_ns <= ?2 AND (?3 = '' OR sn.name = ?3) "
                        "ORDER BY sp.exposure");
    q.bind(1, from_ns).bind(2, to_ns).bind(3, sensor);
    std::vector<PeriodExposure> out;
    {
        sqlite::Statement count(db_, "SELECT count(*) FROM exposures");
        count.step();
        out.reserve(static_cast<size_t>(count.int64(0)));
    }
    int64_t current = -1, latest_run = -1;
    while (q.step()) {
        const int64_t exposure = q.int64(0), run = q.int64(3);
        const int64_t first = std::max(q.int64(1), from_ns), last = std::min(q.int64(2), to_ns);
        if (exposure != current) {
            current = exposure;
            latest_run = -1;
            PeriodExposure p;
            p.latest.id = q.text(5);
            p.latest.rule = q.text(6);
            p.latest.asset = q.text(7);
            p.latest.asset_id = q.text(8);
            p.latest.counterpart = q.text(9);
            p.latest.country = q.text(10);
            p.latest.vendor = q.text(11);
            p.ever_first_seen_ns = q.int64(12);
            p.first_seen_ns = first;
            p.last_seen_ns = last;
            out.push_back(std::move(p));
        }
        PeriodExposure& p = out.back();
        p.first_seen_ns = std::min(p.first_seen_ns, first);
        p.last_seen_ns = std::max(p.last_seen_ns, last);
        std::string name = q.text(4);
        if (std::find(p.sensors.begin(), p.sensors.end(), name) == p.sensors.end()) {
            p.sensors.push_back(std::move(name));
            std::sort(p.sensors.begin(), p.sensors.end());
        }
        p.spans.emplace_back(first, last);
        if (run > latest_run && !q.is_null(13)) {
            latest_run = run;
            StoredFinding& s = p.latest;
            s.severity = severity_of(q.int64(13));
            s.summary = q.text(14);
            s.bytes_sent = q.uint64(15);
            s.bytes_received = q.uint64(16);
            s.packets_sent = q.uint64(17);
            s.packets_received = q.uint64(18);
            s.flows = q.uint64(19);
            s.first_ns = q.int64(20);
            s.last_ns = q.int64(21);
            s.suppressed = q.int64(22) != 0;
        }
    }
    return out;
}

size_t SqliteRunStore::prune_before(int64_t before_ns) {
    try {
        sqlite::Transaction tx(db_);
        sqlite::Statement drop(db_, "DELETE FROM runs WHERE recorded_ns < ?");
        drop.bind(1, before_ns).run();
        const size_t runs = static_cast<size_t>(db_.changes());
        if (runs > 0) {
            // Spans whose last run went (they began earlier still), then what no run refers to.
            db_.exec("DELETE FROM exposure_spans WHERE last_run NOT IN (SELECT id FROM runs);"
                     "DELETE FROM exposures WHERE id NOT IN (SELECT exposure FROM exposure_spans);"
                     "DELETE FROM assets WHERE id NOT IN (SELECT DISTINCT asset FROM run_assets);",
                     "pruning");
        }
        tx.commit();
        return runs;
    } catch (const StoreError& e) {
        throw StoreError(fmt::format("{}; nothing was pruned", e.what()));
    }
}

}  // namespace sovscan
