// libFuzzer: any bytes as an inventory file of any format, then merged and written as the report
// writes assets. Nothing may crash, hang or throw; every record lands in exactly one asset; asset
// ids are unique; the JSON of every asset serialises; readable_text() leaves no control byte.
//   build-fuzz-assets/fuzz/fuzz_asset_merge -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "assess/asset_merger.h"
#include "common/escape.h"
#include "fuzz_inventory_checks.h"
#include "inventory/inventory_reader.h"
#include "report/asset_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (unsigned char c : sovscan::readable_text(text))
        if (c < 0x20 || c == 0x7f) std::abort();

    sovscan::InventoryReadResult result = sovscan::read_inventory_text(text, "fuzz.input");
    sovscan::fuzz::check_problems(result);
    sovscan::fuzz::check_records(result);
    // Twice the records: every key collides with another record's.
    std::vector<sovscan::AssetRecord> records = result.records;
    records.insert(records.end(), result.records.begin(), result.records.end());
    std::vector<sovscan::MergedAsset> assets = sovscan::AssetMerger().merge(records);

    size_t attributes = 0, in_assets = 0;
    for (const auto& r : records) attributes += r.attributes.size();
    std::set<std::string> ids;
    for (const auto& a : assets) {
        in_assets += a.attributes.size();
        if (a.id.empty() || !ids.insert(a.id).second) std::abort();
        (void)sovscan::asset_json(a).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    if (attributes != in_assets) std::abort();
    return 0;
}
