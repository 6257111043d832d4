#include "common/csv_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sovscan {

bool for_each_csv_record(std::string_view text,
                         const std::function<bool(const std::vector<std::string>&, size_t)>& on_record,
                         std::string& error) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string> fields;
    std::string field;
    size_t line = 1, record_line = 1;
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        fields.clear();
        record_line = line;
        // One record: fields separated by commas up to an unquoted line end.
        for (;;) {
            field.clear();
            if (i < n && text[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= n) {
                        error = fmt::format("line {}: unterminated quoted field", record_line);
                        return false;
                    }
                    char c = text[i++];
                    if (c == '"') {
                        if (i < n && text[i] == '"') {
                            field.push_back('"');
                            ++i;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field.push_back(c);
                    }
                }
                if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    error = fmt::format("line {}: characters after a closing quote", line);
                    return false;
                }
            } else {
                size_t start = i;
                while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') {
                        error = fmt::format("line {}: quote inside an unquoted field", line);
                        return false;
                    }
                    ++i;
                }
                field.assign(text.substr(start, i - start));
            }
            fields.push_back(field);
            if (i < n && text[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (i < n && text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        // A blank line (one empty unquoted field) is no record.
        if (fields.size() == 1 && fields[0].empty()) continue;
        if (!on_record(fields, record_line)) return false;
    }
    return true;
}

bool CsvTable::parse(std::string_view text, CsvTable& out, std::string& error) {
    out = CsvTable{};
    bool first = true;
    bool ok = for_each_csv_record(
        text,
        [&](const std::vector<std::string>& fields, size_t line) {
            if (first) {
                out.header_ = fields;
                first = false;
                return true;
            }
            if (fields.size() != out.header_.size()) {
                error = fmt::format("line {}: {} fields, header has {}", line, fields.size(), out.header_.size());
                return false;
            }
            out.rows_.push_back(fields);
            out.lines_.push_back(line);
            return true;
        },
        error);
    if (ok && first) {
        error = "empty file (no header row)";
        return false;
    }
    return ok;
}

bool CsvTable::read_file(const std::string& path, CsvTable& out, std::string& error) {
    std::string text;
    if (!read_text_file(path, text, error)) return false;
    return parse(text, out, error);
}

int CsvTable::column(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return static_cast<int>(i);
    return -1;
}

const std::string& CsvTable::get(size_t row, std::string_view name) const {
    static const std::string empty;
    int c = column(name);
    return c < 0 ? empty : rows_[row][static_cast<size_t>(c)];
}

bool read_text_file(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = std::move(ss).str();
    return true;
}

}  // namespace sovscan
