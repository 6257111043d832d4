#pragma once
// RFC 4180 CSV (comma, `"` quoting with `""` escapes, CRLF or LF line ends, optional UTF-8 BOM).
// Streaming, so that the 400k-row ASN tables compile without holding a parsed copy in memory. In
// common because both the intel catalog and the inventory readers (CMDB exports) read CSV.
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sovscan {

// Reads RFC 4180 records one at a time without copying: each field is a view into the text, except
// a quoted field with an escaped quote ("") inside, which is unescaped into `unescaped` (views into
// it stay valid as long as it lives: a deque never moves its strings).
class CsvRecordReader {
public:
    CsvRecordReader(std::string_view text, std::deque<std::string>& unescaped);
    // The next record into `fields` and the 1-based line it starts on; false at the end or on
    // malformed quoting (then error() says where). Blank lines are skipped.
    bool next(std::vector<std::string_view>& fields, size_t& line);
    const std::string& error() const { return error_; }

private:
    bool field(std::string_view& out);
    std::string_view text_;
    size_t i_ = 0, line_ = 1;
    std::deque<std::string>& unescaped_;
    std::string error_;
};

// Calls `on_record(fields, line)` for every record (including the header); `line` is the 1-based
// line the record starts on. Returns false and sets `error` on malformed quoting, or when the
// callback returns false (then `error` is left as the callback set it, or empty).
bool for_each_csv_record(std::string_view text,
                         const std::function<bool(const std::vector<std::string>& fields, size_t line)>& on_record,
                         std::string& error);

// A small CSV file held in memory with columns looked up by header name: the catalog tables. The
// fields are views into the table's own copy of the text (no copy per field: the catalog's ten
// thousand rows load in milliseconds).
class CsvTable {
public:
    // Parses `text`; every record must have as many fields as the header.
    static bool parse(std::string_view text, CsvTable& out, std::string& error);
private:
    // Parses the `size` bytes of `text`, which the table keeps.
    static bool parse_owned(std::unique_ptr<char[]> text, size_t size, CsvTable& out, std::string& error);

public:
    static bool read_file(const std::string& path, CsvTable& out, std::string& error);

    // Movable (the text's buffer moves with it, so the views stay valid), not copyable.
    CsvTable() = default;
    CsvTable(CsvTable&&) = default;
    CsvTable& operator=(CsvTable&&) = default;
    CsvTable(const CsvTable&) = delete;
    CsvTable& operator=(const CsvTable&) = delete;

    const std::vector<std::string>& header() const { return header_; }
    size_t size() const { return lines_.size(); }
    // -1 when the table has no such column.
    int column(std::string_view name) const;
    // Field of `row` in column `name`; "" when the column is absent.
    std::string_view get(size_t row, std::string_view name) const;
    // Field of `row` in column index `column` (0 <= column < header().size()).
    std::string_view field(size_t row, size_t column) const { return fields_[row * header_.size() + column]; }
    size_t line_of(size_t row) const { return lines_[row]; }

private:
    // The file; fields_ views point into it (on the heap, so that moving the table, or a short
    // text in the string's own small buffer, never invalidates them) ...
    std::unique_ptr<char[]> text_;
    std::deque<std::string> unescaped_;   // ... or into these (fields with "" inside)
    std::vector<std::string> header_;
    std::vector<std::string_view> fields_;  // row-major, header_.size() per row
    std::vector<size_t> lines_;
};

// The items of a list field ("ip_camera;cloud", "CN;HK;MO"), empty items skipped.
std::vector<std::string> split_field_list(std::string_view field, char separator = ';');

// Reads a whole file; false (with `error`) when it cannot be read.
bool read_text_file(const std::string& path, std::string& out, std::string& error);

}  // namespace sovscan
