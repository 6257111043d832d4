#pragma once
// Zeek logs, ASCII (TSV) and JSON: the header directives and rows of one file, turned into records
// of named values that zeek_records.h maps to flows, DNS answers and devices. This file knows the
// formats, not what any field means.
//
// TSV (Zeek's default ASCII writer): a header of `#separator \x09` (its value written with \x
// escapes), `#set_separator`, `#empty_field`, `#unset_field`, `#path`, `#open`, `#fields`,
// `#types`, then one row per record, fields split on the separator; a header may come again (logs
// concatenated, a writer restarted) and replaces the one before. In a value, \xNN is a byte and \\ a
// backslash (the separators and non-printable bytes are written so); the unset field ("-") is no
// value, the empty field ("(empty)") an empty one; containers (set[...], vector[...]) split on the
// set separator.
// JSON (LogAscii::use_json): one object per line, keys as TSV's field names, unset fields absent;
// `ts` a number of epoch seconds or an ISO 8601 string. Zeek leaves backslashes unescaped there, so
// values are taken as written.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/log_format.h"

namespace sovscan {

struct ZeekValue {
    bool set = false;   // false: unset ("-", absent, null) or of a type no field has (a JSON object)
    bool list = false;  // a container: `items` holds it (the empty field: none)
    std::string text;   // a scalar, unescaped (JSON numbers and booleans as TSV writes them: 12, T, F)
    std::vector<std::string> items;
};

// One row or JSON line: its log's path ("conn", "dns", ...; "" when unknown) and named values.
class ZeekRecord {
public:
    const std::string& path() const { return path_; }
    // The scalar `name`, or nullopt when it is absent, unset or a container.
    std::optional<std::string_view> text(std::string_view name) const;
    // The container `name` (a scalar reads as one item); empty when absent or unset.
    std::vector<std::string_view> items(std::string_view name) const;
    bool has(std::string_view name) const;  // present and set
    size_t size() const { return count_; }
    // JSON values of a type no Zeek field has (objects, nested arrays), read as unset.
    uint32_t wrong_types() const { return wrong_types_; }

private:
    friend class ZeekLogReader;
    const ZeekValue* find(std::string_view name) const;
    ZeekValue& add(std::string_view name);  // JSON: the next slot, its name set
    void clear() {
        count_ = 0;
        wrong_types_ = 0;
    }

    std::string path_;
    std::vector<std::string> names_;  // TSV: the header's fields; JSON: this line's keys
    std::vector<ZeekValue> values_;   // reused between records: no allocation per row once warm
    size_t count_ = 0;
    uint32_t wrong_types_ = 0;
};

class ZeekLogReader {
public:
    explicit ZeekLogReader(LogFormat format);  // zeek_tsv or zeek_json

    enum class Line : uint8_t { record, header, comment, malformed };
    // Reads one line into `out` (a record) or the header. `problem` says what is wrong with a
    // malformed line (a row before `#fields`, a field count that is not the header's, not JSON,
    // not an object); it quotes no input.
    Line read(std::string_view line, ZeekRecord& out, std::string& problem);

private:
    Line read_tsv(std::string_view line, ZeekRecord& out, std::string& problem);
    Line read_json(std::string_view line, ZeekRecord& out, std::string& problem);
    void header(std::string_view line);

    LogFormat format_;
    std::string separator_ = "\t", set_separator_ = ",", empty_field_ = "(empty)", unset_field_ = "-";
    std::string path_;
    std::vector<std::string> fields_;
    std::vector<bool> containers_;  // by field: its #types entry is set[...] or vector[...]
    bool have_fields_ = false;
    std::string scratch_;
};

// \xNN and \\ of a Zeek ASCII value, undone.
std::string zeek_unescape(std::string_view text);

}  // namespace sovscan
