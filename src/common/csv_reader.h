#pragma once
// RFC 4180 CSV (comma, `"` quoting with `""` escapes, CRLF or LF line ends, optional UTF-8 BOM).
// Streaming, so that the 400k-row ASN tables compile without holding a parsed copy in memory. In
// common because both the intel catalog and the inventory readers (CMDB exports) read CSV.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sovscan {

// Calls `on_record(fields, line)` for every record (including the header); `line` is the 1-based
// line the record starts on. Returns false and sets `error` on malformed quoting, or when the
// callback returns false (then `error` is left as the callback set it, or empty).
bool for_each_csv_record(std::string_view text,
                         const std::function<bool(const std::vector<std::string>& fields, size_t line)>& on_record,
                         std::string& error);

// A small CSV file held in memory with columns looked up by header name: the catalog tables.
class CsvTable {
public:
    // Parses `text`; every record must have as many fields as the header.
    static bool parse(std::string_view text, CsvTable& out, std::string& error);
    static bool read_file(const std::string& path, CsvTable& out, std::string& error);

    const std::vector<std::string>& header() const { return header_; }
    size_t size() const { return rows_.size(); }
    // -1 when the table has no such column.
    int column(std::string_view name) const;
    // Field of `row` in column `name`; "" when the column is absent.
    const std::string& get(size_t row, std::string_view name) const;
    size_t line_of(size_t row) const { return lines_[row]; }

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<size_t> lines_;
};

// Reads a whole file; false (with `error`) when it cannot be read.
bool read_text_file(const std::string& path, std::string& out, std::string& error);

}  // namespace sovscan
