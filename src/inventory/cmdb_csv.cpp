#include "inventory/cmdb_csv.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "common/csv_reader.h"
#include "common/escape.h"
#include "inventory/cmdb_columns.h"

namespace sovscan {

namespace {

class CmdbCsvReader {
public:
    explicit CmdbCsvReader(const std::string& file) : file_(printable(file)), assembler_(file) {}

    InventoryReadResult read(std::string_view text) {
        std::string error;
        bool ok = for_each_csv_record(
            text,
            [this](const std::vector<std::string>& fields, size_t line) {
                return labels_.empty() ? header(fields, line) : row(fields, line);
            },
            error);
        // Quoting the parser cannot resynchronise after ends the file; the rows before it stand.
        if (!ok && !error.empty())
            assembler_.problem(file_, fmt::format("{}; the rest of the file was not read", error));
        else if (ok && labels_.empty())
            assembler_.problem(file_, "empty file (no header row)");
        return assembler_.take();
    }

private:
    bool header(const std::vector<std::string>& fields, size_t line) {
        for (size_t i = 0; i < fields.size(); ++i) {
            // An unnamed column still needs a name for its attributes and messages.
            bool blank = fields[i].find_first_not_of(" \t") == std::string::npos;
            labels_.push_back(blank ? fmt::format("column{}", i + 1) : fields[i]);
        }
        std::vector<std::string_view> views(labels_.begin(), labels_.end());
        std::vector<size_t> duplicates;
        columns_ = resolve_cmdb_columns(views, duplicates);
        for (size_t i : duplicates)
            assembler_.problem(cell_where(line, labels_[i]),
                               "a second column with this meaning; its values are kept as a plain attribute");
        bool documented = false;
        for (const auto& column : columns_) documented = documented || column.has_value();
        if (!documented) {
            assembler_.problem(fmt::format("{}:{}", file_, line),
                               "the header names none of the columns id, name, ip, mac, manufacturer, model, category, "
                               "location, owner, c, i, a (or their aliases): not a CMDB export; not read");
            return false;
        }
        return true;
    }

    bool row(const std::vector<std::string>& fields, size_t line) {
        if (fields.size() != labels_.size()) {
            assembler_.problem(fmt::format("{}:{}", file_, line),
                               fmt::format("{} fields, the header has {}; row skipped", fields.size(), labels_.size()));
            return true;
        }
        assembler_.begin_row(fmt::format("line {}", line),
                             [this, line](std::string_view column) { return cell_where(line, column); });
        for (size_t i = 0; i < fields.size(); ++i) assembler_.cell(labels_[i], columns_[i], fields[i]);
        assembler_.end_row();
        return true;
    }

    // "assets.csv:12: column ip", or "assets.csv:12" for the row as a whole.
    std::string cell_where(size_t line, std::string_view column) const {
        if (column.empty()) return fmt::format("{}:{}", file_, line);
        return fmt::format("{}:{}: column {}", file_, line, printable(column));
    }

    std::string file_;  // printable, for messages
    CmdbRecordAssembler assembler_;
    std::vector<std::string> labels_;
    std::vector<std::optional<CmdbColumn>> columns_;
};

}  // namespace

InventoryReadResult read_cmdb_csv(std::string_view text, const std::string& file) {
    return CmdbCsvReader(file).read(text);
}

}  // namespace sovscan
