// libFuzzer target for the RFC 4180 reader that parses the npm ASN CSVs and the catalog: any bytes
// must give either a table whose every row has the header's width, or an error naming the line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    sovscan::CsvTable table;
    if (sovscan::CsvTable::parse(text, table, error)) {
        for (size_t row = 0; row < table.size(); ++row)
            for (const std::string& column : table.header()) (void)table.get(row, column);
    } else if (error.empty()) {
        std::abort();  // a failure must say why
    }
    size_t records = 0;
    sovscan::for_each_csv_record(
        text, [&records](const std::vector<std::string>&, size_t) { return ++records < 100000; }, error);
    return 0;
}
