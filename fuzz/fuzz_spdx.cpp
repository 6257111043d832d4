// libFuzzer: any bytes as an SPDX 2.3 JSON SBOM. The reader must return records and problems -- never crash,
// hang or throw -- and keep the invariants in fuzz_inventory_checks.h.
//   build-inventory-fuzz/fuzz/fuzz_spdx -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_inventory_checks.h"
#include "inventory/spdx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    sovscan::InventoryReadResult result = sovscan::read_spdx(text, "fuzz\x1b[0m.input");
    sovscan::fuzz::check_problems(result);
    sovscan::fuzz::check_records(result);
    return 0;
}
