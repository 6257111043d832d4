// libFuzzer: any bytes as the operator's suppliers file (`sovscan risk --suppliers FILE`). Rows
// come back parsed or as "<file>:<line>: ..." errors with their values escaped — never a crash,
// hang or exception.
//   build-hardened/fuzz/fuzz_supplier_list -max_total_time=60 seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "risk/supplier_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> errors;
    const sovscan::SupplierList list = sovscan::parse_supplier_list(text, "fuzz.csv", errors);
    for (const std::string& e : errors) {
        if (e.rfind("fuzz.csv", 0) != 0) std::abort();
        for (const char c : e)
            if (c == '\n' || c == '\x1b' || c == '\0') std::abort();  // one line, escaped
    }
    for (const sovscan::SupplierListRow& row : list.rows) {
        if (row.supplier.empty() || row.listed_at.rfind("fuzz.csv:", 0) != 0) std::abort();
        (void)sovscan::normalised_supplier_name(row.supplier);
    }
    return 0;
}
