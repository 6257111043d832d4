#include "store/run_record.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <tuple>

#include "common/calendar_date.h"
#include "store/input_digests.h"

namespace sovscan {

namespace {

std::string hex(const unsigned char* p, size_t n) {
    std::string out;
    out.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) out += fmt::format("{:02x}", p[i]);
    return out;
}

std::string text_sha256(const std::string& text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
    return hex(md, len);
}

std::string asset_label(const Asset& a) {
    if (a.has_ip) return a.ip.to_string();
    return a.macs.empty() ? std::string() : a.macs[0].to_string();
}

std::string counterpart_label(const Finding& f) {
    if (rule_info(f.rule).subject != RuleSubject::traffic) return {};
    const Counterpart& c = f.counterpart;
    return c.has_ip() || c.names.empty() ? c.ip.to_string() : c.names[0].name;
}

std::string vendor_of(const Finding& f) {
    const Counterpart& c = f.counterpart;
    if (!c.vendor_name.empty()) return c.vendor_name;
    if (!c.operator_name.empty()) return c.operator_name;
    return f.asset.mac_vendor_name;
}

StoredFinding stored_finding(const Finding& f) {
    StoredFinding s;
    s.id = stable_finding_id(f);
    s.rule = std::string(rule_info(f.rule).code);
    s.severity = f.severity;
    s.asset = asset_label(f.asset);
    s.asset_id = f.asset.id;
    s.counterpart = counterpart_label(f);
    s.country = f.counterpart->located_in;
    s.vendor = vendor_of(f);
    s.summary = f.summary;
    s.bytes_sent = f.bytes_sent;
    s.bytes_received = f.bytes_received;
    s.packets_sent = f.packets_sent;
    s.packets_received = f.packets_received;
    s.flows = f.flows;
    s.first_ns = f.first_ns;
    s.last_ns = f.last_ns;
    s.suppressed = f.suppressed();
    return s;
}

StoredAsset stored_asset(const MergedAsset& a) {
    StoredAsset s;
    s.id = a.id;
    s.name = a.name;
    s.category = a.category;
    s.verdict = std::string(verdict_label(a.verdict));
    s.vendor = a.vendors.empty() ? std::string() : a.vendors.front().vendor_name.str();
    s.bytes_sent = a.traffic->bytes_sent;
    s.bytes_received = a.traffic->bytes_received;
    s.flows = a.traffic->flows;
    s.first_ns = a.traffic->first_ns;
    s.last_ns = a.traffic->last_ns;
    return s;
}

// Sums per (day, kind, key). Traffic is known per finding over its whole span, not per day: it is
// counted on the day of its first packet (docs/store.md says so).
class AggregateSums {
public:
    void add(DailyAggregate::Kind kind, const std::string& key, int64_t first_ns, uint64_t bytes_sent,
             uint64_t bytes_received, uint64_t packets_sent, uint64_t packets_received, uint64_t flows) {
        if (key.empty()) return;
        DailyAggregate& a = sums_[{utc_day(first_ns), static_cast<int>(kind), key}];
        a.bytes_sent += bytes_sent;
        a.bytes_received += bytes_received;
        a.packets_sent += packets_sent;
        a.packets_received += packets_received;
        a.flows += flows;
    }
    std::vector<DailyAggregate> take() {
        std::vector<DailyAggregate> out;
        out.reserve(sums_.size());
        for (auto& [k, a] : sums_) {
            a.day = std::get<0>(k);
            a.kind = static_cast<DailyAggregate::Kind>(std::get<1>(k));
            a.key = std::get<2>(k);
            out.push_back(std::move(a));
        }
        return out;
    }

private:
    std::map<std::tuple<std::string, int, std::string>, DailyAggregate> sums_;
};

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

}  // namespace

const char* aggregate_kind_label(DailyAggregate::Kind k) {
    return k == DailyAggregate::Kind::counterpart ? "counterpart" : "asset";
}

std::string utc_day(int64_t ns) {
    return CalendarDate::utc_day_of(static_cast<std::time_t>(ns / 1000000000)).to_string();
}

std::string policy_digest(const Policy& p) {
    std::string text = "file=" + p.file_sha256 + "\nhigh_risk=";
    for (const std::string& j : p.high_risk_jurisdictions) text += j + ",";
    text += "\nhome=";
    for (const Cidr& c : p.home_networks) text += c.to_string() + ",";
    text += "\nadmin=";
    for (const auto& [port, label] : p.admin_ports) text += fmt::format("{}:{},", port, label);
    text += "\nseverity=";
    for (Severity s : p.severity) text += fmt::format("{},", static_cast<int>(s));
    text += fmt::format("\nfail_on={}\n", p.fail_on_label());
    for (const PolicyException& e : p.exceptions) text += "exception=" + e.ref().id + "|" + e.ref().expires.to_string() + "\n";
    return text_sha256(text);
}

RunRecord run_record_from(const ScanReport& report, InputDigests* digests) {
    RunRecord r;
    RunInfo& info = r.info;
    info.sensor = report.sensor;
    info.command_line = join(report.command_line, " ");
    info.generated_at = report.generated_at;
    info.first_ns = report.first_ns;
    info.last_ns = report.last_ns;
    info.packets = report.packets;
    info.partial = report.partial();
    std::vector<std::string> versions;
    for (const IntelSource& s : report.intel) {
        versions.push_back(s.id + "=" + s.version);
        if (s.id == "catalog") info.catalog_version = s.version;
    }
    info.intel_versions = join(versions, ", ");
    info.policy_digest = policy_digest(report.policy);
    auto add_input = [&info, digests](const std::string& path, const std::string& kind) {
        RunInput in{path, kind, 0, ""};
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) {
            in.size = std::filesystem::file_size(path, ec);
            in.sha256 = digests ? digests->of(path) : file_sha256(path);
        }
        info.inputs.push_back(std::move(in));
    };
    for (const InputSummary& in : report.inputs) add_input(in.path, in.kind);
    if (report.inventory)
        for (const std::string& f : report.inventory->files) add_input(f, "inventory");

    AggregateSums sums;
    r.findings.reserve(report.findings.size());
    for (const Finding& f : report.findings) {
        r.findings.push_back(stored_finding(f));
        const StoredFinding& s = r.findings.back();
        sums.add(DailyAggregate::Kind::counterpart, s.counterpart, f.first_ns, f.bytes_sent, f.bytes_received,
                 f.packets_sent, f.packets_received, f.flows);
        if (!report.inventory)  // without an inventory, an asset is its address
            sums.add(DailyAggregate::Kind::asset, s.asset, f.first_ns, f.bytes_sent, f.bytes_received, f.packets_sent,
                     f.packets_received, f.flows);
    }
    if (report.inventory) {
        for (const MergedAsset& a : report.inventory->assets) {
            r.assets.push_back(stored_asset(a));
            if (a.traffic->flows > 0)
                sums.add(DailyAggregate::Kind::asset, a.id, a.traffic->first_ns, a.traffic->bytes_sent,
                         a.traffic->bytes_received, 0, 0, a.traffic->flows);
        }
    }
    r.aggregates = sums.take();
    for (const DeviceRecord& d : report.devices) {
        StoredDevice s;
        s.mac = d.mac.to_string();
        std::vector<std::string> ips;
        for (const IpAddress& ip : d.ips) ips.push_back(ip.to_string());
        s.ips = join(ips, ", ");
        s.organisation = d.organisation;
        s.vendor = d.vendor_name;
        s.frames = d.frames;
        s.first_ns = d.first_ns;
        s.last_ns = d.last_ns;
        r.devices.push_back(std::move(s));
    }
    info.findings = r.findings.size();
    info.assets = r.assets.size();
    return r;
}

}  // namespace sovscan
