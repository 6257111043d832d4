#include "store/sqlite_schema.h"

namespace sovscan::sqlite {

namespace {

// Version 1. Exposures (one row per stable finding id, ever) are kept apart from the per-run
// numbers, so that a run adds small rows of numbers, and "seen before?" is one index lookup.
// exposure_spans records when each exposure was seen without a break (consecutive runs of one
// sensor): a period report reads spans, never every run's rows.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE sensors(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sensor INTEGER NOT NULL REFERENCES sensors(id),
  command_line TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  recorded_ns INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  intel_versions TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  policy_digest TEXT NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0,
  packets INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  assets INTEGER NOT NULL);
CREATE INDEX runs_by_sensor ON runs(sensor, id);
CREATE INDEX runs_by_recorded ON runs(recorded_ns);
CREATE TABLE run_inputs(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY(run, position)) WITHOUT ROWID;
CREATE TABLE exposures(
  id INTEGER PRIMARY KEY,
  finding_id TEXT NOT NULL UNIQUE,
  rule TEXT NOT NULL,
  asset TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  counterpart TEXT NOT NULL,
  country TEXT NOT NULL,
  vendor TEXT NOT NULL,
  first_seen_ns INTEGER NOT NULL);
CREATE TABLE run_findings(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  exposure INTEGER NOT NULL REFERENCES exposures(id),
  severity INTEGER NOT NULL,
  summary TEXT NOT NULL,
  bytes_sent INTEGER NOT NULL,
  bytes_received INTEGER NOT NULL,
  packets_sent INTEGER NOT NULL,
  packets_received INTEGER NOT NULL,
  flows INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  PRIMARY KEY(run, exposure)) WITHOUT ROWID;
CREATE TABLE exposure_spans(
  exposure INTEGER NOT NULL REFERENCES exposures(id),
  sensor INTEGER NOT NULL REFERENCES sensors(id),
  first_run INTEGER NOT NULL,
  last_run INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  PRIMARY KEY(exposure, sensor, first_run)) WITHOUT ROWID;
CREATE INDEX spans_by_last_run ON exposure_spans(last_run);
CREATE TABLE assets(
  id INTEGER PRIMARY KEY,
  asset_id TEXT NOT NULL UNIQUE);
CREATE TABLE run_assets(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  asset INTEGER NOT NULL REFERENCES assets(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  verdict TEXT NOT NULL,
  vendor TEXT NOT NULL,
  bytes_sent INTEGER NOT NULL,
  bytes_received INTEGER NOT NULL,
  flows INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  PRIMARY KEY(run, asset)) WITHOUT ROWID;
CREATE TABLE daily_aggregates(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  bytes_sent INTEGER NOT NULL,
  bytes_received INTEGER NOT NULL,
  packets_sent INTEGER NOT NULL,
  packets_received INTEGER NOT NULL,
  flows INTEGER NOT NULL,
  PRIMARY KEY(run, kind, day, key)) WITHOUT ROWID;
)sql";

// Version 2: whether the scan itself was partial (a damaged input, an interrupted read), and the
// devices seen on the local link.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE runs ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
CREATE TABLE device_sightings(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  mac TEXT NOT NULL,
  ips TEXT NOT NULL,
  organisation TEXT NOT NULL,
  vendor TEXT NOT NULL,
  frames INTEGER NOT NULL,
  first_ns INTEGER NOT NULL,
  last_ns INTEGER NOT NULL,
  PRIMARY KEY(run, mac)) WITHOUT ROWID;
)sql";

}  // namespace

const std::vector<std::string_view>& schema_migrations() {
    static const std::vector<std::string_view> kSteps{kVersion1, kVersion2};
    return kSteps;
}

}  // namespace sovscan::sqlite
