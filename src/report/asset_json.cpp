#include "report/asset_json.h"

#include <algorithm>

#include "common/escape.h"
#include "common/time_format.h"
#include "report/json_stream.h"

namespace sovscan {
namespace {

using nlohmann::ordered_json;

// Inputs are operators' files and devices' own words: readable_text() keeps their UTF-8 and escapes
// control characters and malformed bytes.
std::string t(const std::string& s) { return readable_text(s); }
ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(readable_text(s)); }
ordered_json texts(const std::vector<std::string>& v) {
    ordered_json out = ordered_json::array();
    for (const std::string& s : v) out.push_back(readable_text(s));
    return out;
}
ordered_json time_or_null(int64_t ns) { return ns ? ordered_json(rfc3339_utc(ns)) : ordered_json(nullptr); }
ordered_json level_or_null(uint8_t v) { return v ? ordered_json(v) : ordered_json(nullptr); }

template <typename T, typename F>
ordered_json array_of(const std::vector<T>& items, F to_json) {
    ordered_json out = ordered_json::array();
    for (const T& item : items) out.push_back(to_json(item));
    return out;
}

}  // namespace

ordered_json asset_source_json(const AssetSource& s) {
    return {{"kind", asset_source_label(s.kind)},
            {"file", nullable(s.file)},
            {"location", nullable(s.location)},
            {"detail", nullable(s.detail)}};
}

namespace {

// An asset's members in schema order, handed to `out` one by one: `member(key, value)` for a
// small value, `array(key, items, to_json)` for a list that grows with the inputs (an SBOM's
// components, their attributions). One emitter for the DOM (asset_json) and the stream
// (write_asset_json), so the two cannot drift apart.
template <typename Out>
void emit_asset(const MergedAsset& a, Out& j) {
    j.member("id", t(a.id));
    j.member("name", t(a.name));
    j.member("category", nullable(a.category));
    j.member("category_basis", nullable(a.category_basis));
    j.member("verdict", std::string(verdict_label(a.verdict)));
    j.member("jurisdictions", a.judgement.jurisdictions);
    j.member("inventory_ids", texts(a.inventory_ids));
    j.member("ips", array_of(a.ips, [](const IpAddress& ip) { return ip.to_string(); }));
    j.member("macs", array_of(a.macs, [](const MacAddress& m) { return m.to_string(); }));
    j.member("randomised_mac", a.randomised_mac);
    j.member("hostnames", texts(a.hostnames));
    j.member("sources", array_of(a.sources, [](AssetSourceKind k) { return std::string(asset_source_label(k)); }));
    j.member("owner", nullable(a.owner));
    j.member("location", nullable(a.location));
    j.member("cia", {{"c", level_or_null(a.cia.c)}, {"i", level_or_null(a.cia.i)}, {"a", level_or_null(a.cia.a)}});
    j.array("vendors", a.vendors, [](const VendorAttribution& v) {
        return ordered_json{{"id", nullable(v.vendor_id)},
                            {"name", t(v.vendor_name)},
                            {"controlled_by", nullable(v.controlled_by)},
                            {"prc_linked", nullable(v.prc_linked)},
                            {"registrant_country", nullable(v.registrant_country)},
                            {"basis", v.basis},
                            {"value", t(v.value)},
                            {"component", nullable(v.component)},
                            {"software", v.software},
                            {"confidence", v.confidence},
                            {"source", asset_source_json(v.source)}};
    });
    j.array("attributes", a.attributes, [](const AssetAttribute& at) {
        return ordered_json{{"name", t(at.name)},
                            {"value", t(at.value)},
                            {"confidence", at.confidence},
                            {"count", at.count},
                            {"source", asset_source_json(at.source)}};
    });
    j.array("software", a.software, [](const SoftwareComponent& c) {
        return ordered_json{{"name", t(c.name)},          {"version", nullable(c.version)},
                            {"kind", nullable(c.kind)}, {"supplier", nullable(c.supplier)},
                            {"manufacturer", nullable(c.manufacturer)}, {"publisher", nullable(c.publisher)},
                            {"author", nullable(c.author)}, {"purl", nullable(c.purl)},
                            {"cpe", nullable(c.cpe)},   {"source", asset_source_json(c.source)}};
    });
    j.array("models", a.models, [](const ModelArtifact& m) {
        return ordered_json{{"path", t(m.path)},
                            {"format", m.format},
                            {"architecture", nullable(m.architecture)},
                            {"name", nullable(m.name)},
                            {"organization", nullable(m.organization)},
                            {"base_model", nullable(m.base_model)},
                            {"local_weights", m.local_weights}};
    });
    const AssetTraffic& t = a.traffic;
    j.member("traffic", {{"bytes_sent", t.bytes_sent},
                         {"bytes_received", t.bytes_received},
                         {"flows", t.flows},
                         {"high_risk_bytes_sent", t.high_risk_bytes_sent},
                         {"high_risk_bytes_received", t.high_risk_bytes_received},
                         {"high_risk_flows", t.high_risk_flows},
                         {"first_seen", time_or_null(t.first_ns)},
                         {"last_seen", time_or_null(t.last_ns)},
                         {"inbound_from_high_risk", t.inbound_from_high_risk},
                         {"admin_port_inbound", t.admin_port_inbound},
                         {"vendor_clouds", array_of(t.vendor_clouds, [](const AssetTraffic::CloudContact& c) {
                              return ordered_json{{"vendor_id", c.vendor_id},
                                                  {"domain", c.domain},
                                                  {"flows", c.flows},
                                                  {"bytes_sent", c.bytes_sent}};
                          })}});
}

// emit_asset's members into one DOM object.
class DomAsset {
public:
    void member(const char* key, ordered_json value) { j_[key] = std::move(value); }
    template <typename T, typename F>
    void array(const char* key, const std::vector<T>& items, F to_json) {
        j_[key] = array_of(items, to_json);
    }
    ordered_json take() { return std::move(j_); }

private:
    ordered_json j_;
};

// emit_asset's members straight into a streamed document, long lists element by element.
class StreamedAsset {
public:
    explicit StreamedAsset(JsonStreamWriter& w) : w_(w) {}
    void member(const char* key, const ordered_json& value) { w_.member(key, value); }
    template <typename T, typename F>
    void array(const char* key, const std::vector<T>& items, F to_json) {
        w_.begin_array(key);
        for (const T& item : items) w_.element(to_json(item));
        w_.end();
    }

private:
    JsonStreamWriter& w_;
};

}  // namespace

ordered_json asset_json(const MergedAsset& a) {
    DomAsset dom;
    emit_asset(a, dom);
    return dom.take();
}

void write_asset_json(JsonStreamWriter& w, const MergedAsset& a) {
    StreamedAsset streamed(w);
    w.begin_object();
    emit_asset(a, streamed);
    w.end();
}

ordered_json inventory_summary_json(const AssetInventory& inv) {
    auto count = [&](Verdict v) {
        return std::count_if(inv.assets.begin(), inv.assets.end(), [v](const MergedAsset& a) { return a.verdict == v; });
    };
    return {{"files", inv.files},
            {"records", inv.records},
            {"problems", inv.problems},
            {"assets", inv.assets.size()},
            {"high_risk", count(Verdict::high_risk)},
            {"review", count(Verdict::review)}};
}

}  // namespace sovscan
