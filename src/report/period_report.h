#pragma once
// One report over a period from a store (`sovscan report --since 30d`): every exposure seen in the
// period with when it was first and last seen in it, and the timeline by day. Built by
// store/period_query.h; written as JSON, CSV (the findings) or an HTML page.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "assess/severity.h"

namespace sovscan {

struct PeriodFinding {
    std::string id, rule, asset, counterpart, country, vendor, summary;
    Severity severity = Severity::info;  // as the latest run in the period judged it
    bool suppressed = false;
    uint64_t bytes_sent = 0, bytes_received = 0, flows = 0;  // in that latest run
    int64_t first_seen_ns = 0, last_seen_ns = 0;  // within the period
    int64_t ever_first_seen_ns = 0;               // in the whole store
    bool new_in_period = false;                   // never seen before the period began
    std::vector<std::string> sensors;
};

struct PeriodDay {
    std::string day;  // YYYY-MM-DD (UTC)
    size_t runs = 0;           // runs whose traffic touched the day
    size_t exposures = 0;      // exposures seen that day
    size_t new_exposures = 0;  // ... seen that day for the first time in the store
};

struct PeriodReport {
    std::string generated_at, store;
    int64_t from_ns = 0, to_ns = 0;
    std::string sensor;  // "" = every sensor
    std::vector<std::string> sensors;  // the sensors whose runs are in it
    size_t runs = 0;
    std::vector<PeriodFinding> findings;  // most severe first
    std::vector<PeriodDay> timeline;      // every day of the period, oldest first
};

void write_period_json(const PeriodReport& r, std::ostream& out);
void write_period_csv(const PeriodReport& r, std::ostream& out);
void write_period_html(const PeriodReport& r, std::ostream& out);

}  // namespace sovscan
