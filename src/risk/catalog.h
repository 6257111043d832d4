#pragma once
// The risk method's knowledge as data (data/threats.csv, data/measures.csv,
// data/risk_asset_values.csv, each row with its source): which threats NÚKIB has warned of and what
// they apply to, which measures answer which evidence, and default asset values per category.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "risk/text.h"
#include "common/csv_reader.h"
#include "inventory/asset_record.h"

namespace sovscan {

struct ThreatEntry {
    std::string id;  // e.g. NUKIB-2025-PRC
    Bilingual name;
    int level = 3;                           // 1-4 on the threat scale (the catalog's; settings may override)
    bool c = false, i = false, a = false;    // the aspects it harms: impact is the highest of these
    std::vector<std::string> jurisdictions;  // applies to evidence in/controlled from these (ISO codes)
    std::vector<std::string> vendor_ids;     // ... or to these catalogued vendors
    bool excludes_local_models = false;      // local weights that never reach the vendor are excluded
    std::string issued, issuer;              // YYYY-MM-DD, authority
    std::string citation;                    // in Czech, as the report cites it
    std::string confidence, notes, source;
};

struct MeasureEntry {
    std::string id;  // e.g. M-EGRESS-JUR
    Bilingual name, description, goal, resources, implementation;
    // Evidence that makes it applicable (risk_evidence.h: located, operated, resolver, vendor_cloud,
    // vendor_device, vendor_device_high, inbound, admin_port, model, any).
    std::vector<std::string> triggers;
    // The decree 409/2025 sections it carries out ("§ 18 písm. b), e)"): the optional column
    // `decree` of measures.csv, "" when the file has none.
    std::string decree;
    std::string source;
};

struct AssetValueDefault {
    std::string category;              // lower case; "default" for unknown categories
    std::vector<std::string> aliases;  // other category words that mean the same (camera, cctv, ...)
    CiaValues cia;
    std::string rationale, confidence, source;
};

struct RiskCatalogFiles {
    static constexpr std::string_view threats = "threats.csv";
    static constexpr std::string_view measures = "measures.csv";
    static constexpr std::string_view asset_values = "risk_asset_values.csv";
};

struct RiskCatalogTables {
    CsvTable threats, measures, asset_values;
};

// A category word as the asset-value rows and the policy's `risk: asset_values` compare it: ASCII
// lower case, outer blanks trimmed, every run of spaces, hyphens and slashes one underscore. So the
// words nmap ("general purpose", "power-device", "VoIP phone"), CycloneDX ("operating-system") and
// a CMDB ("IP Camera") write meet the rows' underscore spellings.
std::string category_key(std::string_view word);

class RiskCatalog {
public:
    // Reads the three files from `dir` (the project's data/ or $SOVSCAN_CATALOG_DIR). Every problem
    // ("threats.csv:4: level: '5' is not 1-4") is added to `problems`; rows that convert are kept.
    static std::unique_ptr<RiskCatalog> load(const std::string& dir, std::vector<std::string>& problems);
    static std::unique_ptr<RiskCatalog> from_tables(const RiskCatalogTables& t, std::vector<std::string>& problems);

    const std::vector<ThreatEntry>& threats() const { return threats_; }
    const std::vector<MeasureEntry>& measures() const { return measures_; }
    const std::vector<AssetValueDefault>& asset_values() const { return asset_values_; }

    const ThreatEntry* threat(std::string_view id) const;
    const MeasureEntry* measure(std::string_view id) const;
    // The row for a category word (by category or alias, compared as category_key()), else the
    // "default" row (null only when the file has none).
    const AssetValueDefault* asset_value(std::string_view category) const;

private:
    std::vector<ThreatEntry> threats_;
    std::vector<MeasureEntry> measures_;
    std::vector<AssetValueDefault> asset_values_;
};

}  // namespace sovscan
