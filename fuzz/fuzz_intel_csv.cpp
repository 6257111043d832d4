// libFuzzer target for the RFC 4180 reader that parses the npm ASN CSVs and the catalog: any bytes
// must give either a table whose every row has the header's width, or an error naming the line.
// The table's fields are views into its own copy of the text: they must survive moving the table
// (short texts live in a string's own buffer) and agree with the record-by-record reader.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    std::vector<std::vector<std::string>> records;
    const bool streamed = sovscan::for_each_csv_record(
        text,
        [&records](const std::vector<std::string>& fields, size_t) {
            records.push_back(fields);
            return records.size() < 100000;
        },
        error);
    sovscan::CsvTable parsed;
    error.clear();
    if (sovscan::CsvTable::parse(text, parsed, error)) {
        sovscan::CsvTable table = std::move(parsed);  // views must follow the moved text
        if (!streamed || records.size() != table.size() + 1) std::abort();
        for (size_t row = 0; row < table.size(); ++row)
            for (size_t c = 0; c < table.header().size(); ++c) {
                if (table.field(row, c) != records[row + 1][c]) std::abort();
                if (table.get(row, table.header()[c]).size() > size) std::abort();
            }
    } else if (error.empty()) {
        std::abort();  // a failure must say why
    }
    return 0;
}
