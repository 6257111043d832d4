#include "risk/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "common/escape.h"

namespace sovscan {

namespace {

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(';', start);
        if (end == std::string::npos) end = s.size();
        std::string item(s.substr(start, end - start));
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
        start = end + 1;
    }
    return out;
}

const std::set<std::string_view> kTriggers = {"located",       "operated",   "resolver", "vendor_cloud", "vendor_device",
                                              "vendor_device_high", "inbound", "admin_port", "model",        "any"};

// Reads one table's rows, collecting "file:line: column: what" problems; a row with a problem is
// dropped, the others kept.
class TableReader {
public:
    TableReader(std::string_view file, const CsvTable& t, std::vector<std::string>& problems)
        : file_(file), t_(t), problems_(problems) {}

    bool has_columns(std::initializer_list<std::string_view> names) {
        bool ok = true;
        for (std::string_view n : names)
            if (t_.column(n) < 0) {
                problems_.push_back(fmt::format("{}: missing column {}", file_, n));
                ok = false;
            }
        return ok;
    }
    // A required, non-empty field.
    std::string need(size_t row, std::string_view column) {
        const std::string v(t_.get(row, column));
        if (v.empty()) problem(row, column, "is empty");
        return v;
    }
    int level(size_t row, std::string_view column) {
        const std::string v = need(row, column);
        if (v.size() != 1 || v[0] < '1' || v[0] > '4') {
            if (!v.empty()) problem(row, column, fmt::format("'{}' is not 1-4", printable(v)));
            return 0;
        }
        return v[0] - '0';
    }
    void problem(size_t row, std::string_view column, const std::string& what) {
        problems_.push_back(fmt::format("{}:{}: {}: {}", file_, t_.line_of(row), column, what));
        row_ok_ = false;
    }
    // True when the row had no problem since the last call.
    bool row_ok() {
        bool ok = row_ok_;
        row_ok_ = true;
        return ok;
    }
    Bilingual text(size_t row, std::string_view base) {
        return {need(row, fmt::format("{}_cs", base)), need(row, fmt::format("{}_en", base))};
    }

private:
    std::string_view file_;
    const CsvTable& t_;
    std::vector<std::string>& problems_;
    bool row_ok_ = true;
};

}  // namespace

std::unique_ptr<RiskCatalog> RiskCatalog::load(const std::string& dir, std::vector<std::string>& problems) {
    RiskCatalogTables t;
    std::string error;
    auto read = [&](std::string_view file, CsvTable& table) {
        if (!CsvTable::read_file(fmt::format("{}/{}", dir, file), table, error))
            problems.push_back(fmt::format("{}: {}", file, error));
    };
    read(RiskCatalogFiles::threats, t.threats);
    read(RiskCatalogFiles::measures, t.measures);
    read(RiskCatalogFiles::asset_values, t.asset_values);
    return from_tables(t, problems);
}

std::unique_ptr<RiskCatalog> RiskCatalog::from_tables(const RiskCatalogTables& t, std::vector<std::string>& problems) {
    auto c = std::make_unique<RiskCatalog>();

    TableReader th(RiskCatalogFiles::threats, t.threats, problems);
    if (th.has_columns({"threat_id", "name_cs", "name_en", "level", "aspects", "jurisdictions", "vendor_ids", "excludes",
                        "issued", "issuer", "citation", "confidence", "source"})) {
        std::set<std::string> ids;
        for (size_t r = 0; r < t.threats.size(); ++r) {
            ThreatEntry e;
            e.id = th.need(r, "threat_id");
            if (!e.id.empty() && !ids.insert(e.id).second) th.problem(r, "threat_id", "given twice");
            e.name = th.text(r, "name");
            e.level = th.level(r, "level");
            for (const std::string& a : split_list(th.need(r, "aspects"))) {
                if (a == "C") e.c = true;
                else if (a == "I") e.i = true;
                else if (a == "A") e.a = true;
                else th.problem(r, "aspects", fmt::format("'{}' is not C, I or A", printable(a)));
            }
            e.jurisdictions = split_list(t.threats.get(r, "jurisdictions"));
            e.vendor_ids = split_list(t.threats.get(r, "vendor_ids"));
            if (e.jurisdictions.empty() && e.vendor_ids.empty())
                th.problem(r, "jurisdictions", "neither jurisdictions nor vendor_ids: the threat would apply to nothing");
            const std::string ex(t.threats.get(r, "excludes"));
            if (ex == "local_model") e.excludes_local_models = true;
            else if (!ex.empty()) th.problem(r, "excludes", fmt::format("'{}' is not local_model", printable(ex)));
            e.issued = th.need(r, "issued");
            e.issuer = th.need(r, "issuer");
            e.citation = th.need(r, "citation");
            e.confidence = th.need(r, "confidence");
            e.notes = std::string(t.threats.get(r, "notes"));
            e.source = th.need(r, "source");
            if (th.row_ok()) c->threats_.push_back(std::move(e));
        }
    }

    TableReader me(RiskCatalogFiles::measures, t.measures, problems);
    if (me.has_columns({"measure_id", "name_cs", "name_en", "description_cs", "description_en", "goal_cs", "goal_en",
                        "resources_cs", "resources_en", "implementation_cs", "implementation_en", "triggers", "source"})) {
        std::set<std::string> ids;
        for (size_t r = 0; r < t.measures.size(); ++r) {
            MeasureEntry m;
            m.id = me.need(r, "measure_id");
            if (!m.id.empty() && !ids.insert(m.id).second) me.problem(r, "measure_id", "given twice");
            m.name = me.text(r, "name");
            m.description = me.text(r, "description");
            m.goal = me.text(r, "goal");
            m.resources = me.text(r, "resources");
            m.implementation = me.text(r, "implementation");
            m.triggers = split_list(me.need(r, "triggers"));
            for (const std::string& tr : m.triggers)
                if (!kTriggers.count(tr)) me.problem(r, "triggers", fmt::format("unknown trigger '{}'", printable(tr)));
            m.source = me.need(r, "source");
            m.decree = std::string(t.measures.get(r, "decree"));  // optional column: "" without it
            if (me.row_ok()) c->measures_.push_back(std::move(m));
        }
    }

    TableReader av(RiskCatalogFiles::asset_values, t.asset_values, problems);
    if (av.has_columns({"category", "aliases", "c", "i", "a", "rationale", "confidence", "source"})) {
        std::set<std::string> words;
        for (size_t r = 0; r < t.asset_values.size(); ++r) {
            AssetValueDefault d;
            d.category = category_key(av.need(r, "category"));
            for (const std::string& alias : split_list(t.asset_values.get(r, "aliases")))
                d.aliases.push_back(category_key(alias));
            d.cia.c = static_cast<uint8_t>(av.level(r, "c"));
            d.cia.i = static_cast<uint8_t>(av.level(r, "i"));
            d.cia.a = static_cast<uint8_t>(av.level(r, "a"));
            d.rationale = av.need(r, "rationale");
            d.confidence = av.need(r, "confidence");
            d.source = av.need(r, "source");
            if (!d.category.empty() && !words.insert(d.category).second) av.problem(r, "category", "given twice");
            for (const std::string& alias : d.aliases)
                if (!words.insert(alias).second)
                    av.problem(r, "aliases", fmt::format("'{}' already names another category", printable(alias)));
            if (av.row_ok()) c->asset_values_.push_back(std::move(d));
        }
        if (!c->asset_value("default") || c->asset_value("default")->category != "default")
            problems.push_back(fmt::format("{}: no 'default' row (values for assets of unknown category)",
                                           RiskCatalogFiles::asset_values));
    }
    return c;
}

const ThreatEntry* RiskCatalog::threat(std::string_view id) const {
    for (const ThreatEntry& t : threats_)
        if (t.id == id) return &t;
    return nullptr;
}

const MeasureEntry* RiskCatalog::measure(std::string_view id) const {
    for (const MeasureEntry& m : measures_)
        if (m.id == id) return &m;
    return nullptr;
}

std::string category_key(std::string_view word) {
    std::string out;
    bool gap = false;
    for (char ch : word) {
        if (ch == ' ' || ch == '-' || ch == '/' || ch == '\t') {
            gap = !out.empty();
            continue;
        }
        if (gap) out.push_back('_');
        gap = false;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    return out;
}

const AssetValueDefault* RiskCatalog::asset_value(std::string_view category) const {
    const std::string key = category_key(category);
    const AssetValueDefault* fallback = nullptr;
    for (const AssetValueDefault& d : asset_values_) {
        if (d.category == "default") fallback = &d;
        if (key.empty()) continue;
        if (d.category == key || std::find(d.aliases.begin(), d.aliases.end(), key) != d.aliases.end()) return &d;
    }
    return fallback;
}

}  // namespace sovscan
