#include "risk/supplier_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "common/csv_reader.h"
#include "common/escape.h"

namespace sovscan {

namespace {

enum class SupplierColumn : uint8_t { supplier, contract, contact, last_assessment, significant };

struct ColumnName {
    std::string_view key;  // lower case, without ' ', '_', '-', '.'; Czech with and without diacritics
    SupplierColumn column;
};
constexpr std::array kColumnNames = {
    ColumnName{"supplier", SupplierColumn::supplier},       ColumnName{"dodavatel", SupplierColumn::supplier},
    ColumnName{"vendor", SupplierColumn::supplier},         ColumnName{"contract", SupplierColumn::contract},
    ColumnName{"smlouva", SupplierColumn::contract},        ColumnName{"contact", SupplierColumn::contact},
    ColumnName{"kontakt", SupplierColumn::contact},         ColumnName{"lastassessment", SupplierColumn::last_assessment},
    ColumnName{"lastassessed", SupplierColumn::last_assessment},
    ColumnName{"poslednihodnoceni", SupplierColumn::last_assessment},
    ColumnName{"posledníhodnocení", SupplierColumn::last_assessment},
    ColumnName{"significant", SupplierColumn::significant}, ColumnName{"significance", SupplierColumn::significant},
    ColumnName{"vyznamny", SupplierColumn::significant},    ColumnName{"významný", SupplierColumn::significant},
};
constexpr std::string_view kColumnList = "supplier, contract, contact, last_assessment, significant";

std::string header_key(std::string_view h) {
    std::string k;
    for (char c : h) {
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t') continue;
        k.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    // Czech capitals a header may start with ("Dodavatel" is ASCII; "Významný" is not capitalised
    // in its accented letter): nothing more to fold.
    return k;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// YYYY-MM-DD, or D.M.YYYY as Czech spreadsheets write dates.
std::optional<CalendarDate> parse_date(std::string_view s) {
    if (auto d = CalendarDate::parse(s)) return d;
    unsigned day = 0, month = 0;
    int year = 0;
    char tail = 0;
    const std::string text(s);
    if (std::sscanf(text.c_str(), "%u.%u.%d%c", &day, &month, &year, &tail) != 3) return std::nullopt;
    return CalendarDate::parse(fmt::format("{:04}-{:02}-{:02}", year, month, day));
}

std::optional<bool> parse_yes_no(std::string_view s) {
    const std::string k = header_key(s);
    for (std::string_view y : {"yes", "ano", "true", "1", "y", "a"})
        if (k == y) return true;
    for (std::string_view n : {"no", "ne", "false", "0", "n"})
        if (k == n) return false;
    return std::nullopt;
}

// The separator of the header line: a semicolon when it has more of them than commas.
char separator_of(std::string_view text) {
    const std::string_view first = text.substr(0, text.find('\n'));
    return std::count(first.begin(), first.end(), ';') > std::count(first.begin(), first.end(), ',') ? ';' : ',';
}

// The RFC 4180 reader splits on commas only. Swapping every ',' with ';' (in quoted fields too)
// turns a semicolon file into a comma file with the same quoting; swapping again in each field
// gives its text back exactly.
void swap_separators(std::string& s) {
    for (char& c : s) c = c == ',' ? ';' : c == ';' ? ',' : c;
}

class SupplierListParser {
public:
    SupplierListParser(const std::string& file, std::vector<std::string>& errors)
        : file_(printable(file)), errors_(errors) {}

    SupplierList parse(std::string_view input) {
        SupplierList list;
        list.file = file_;
        std::string text(input);
        const bool semicolons = separator_of(text) == ';';
        if (semicolons) swap_separators(text);
        std::string error;
        const bool ok = for_each_csv_record(
            text,
            [&](const std::vector<std::string>& record, size_t line) {
                std::vector<std::string> fields = record;
                if (semicolons)
                    for (std::string& f : fields) swap_separators(f);
                if (columns_.empty()) return header(fields, line);
                row(fields, line, list);
                return true;
            },
            error);
        if (!ok && !error.empty()) errors_.push_back(fmt::format("{}: {}; the rest of the file was not read", file_, error));
        else if (ok && columns_.empty() && !header_failed_) errors_.push_back(fmt::format("{}: empty file (no header row)", file_));
        return list;
    }

private:
    bool header(const std::vector<std::string>& fields, size_t line) {
        bool bad = false;
        for (const std::string& f : fields) {
            const std::string k = header_key(trimmed(f));
            auto it = std::find_if(kColumnNames.begin(), kColumnNames.end(), [&](const ColumnName& c) { return c.key == k; });
            if (it == kColumnNames.end()) {
                errors_.push_back(fmt::format("{}:{}: unknown column '{}' (columns: {})", file_, line, printable(f), kColumnList));
                bad = true;
                columns_.push_back(std::nullopt);
                continue;
            }
            if (std::find(columns_.begin(), columns_.end(), it->column) != columns_.end()) {
                errors_.push_back(fmt::format("{}:{}: column '{}' given twice", file_, line, printable(f)));
                bad = true;
            }
            columns_.push_back(it->column);
        }
        if (std::find(columns_.begin(), columns_.end(), SupplierColumn::supplier) == columns_.end()) {
            errors_.push_back(fmt::format("{}:{}: no supplier column (the supplier's catalog id or name; columns: {})", file_,
                                          line, kColumnList));
            bad = true;
        }
        header_failed_ = bad;
        if (bad) columns_.clear();
        return !bad;
    }

    void row(const std::vector<std::string>& fields, size_t line, SupplierList& list) {
        const std::string where = fmt::format("{}:{}", file_, line);
        if (fields.size() != columns_.size()) {
            errors_.push_back(fmt::format("{}: {} fields, the header has {}", where, fields.size(), columns_.size()));
            return;
        }
        SupplierListRow r;
        r.listed_at = where;
        bool bad = false;
        for (size_t i = 0; i < fields.size(); ++i) {
            const std::string_view v = trimmed(fields[i]);
            switch (*columns_[i]) {
                case SupplierColumn::supplier: r.supplier = v; break;
                case SupplierColumn::contract: r.contract = v; break;
                case SupplierColumn::contact: r.contact = v; break;
                case SupplierColumn::last_assessment:
                    if (v.empty()) break;
                    r.last_assessment = parse_date(v);
                    if (!r.last_assessment) {
                        errors_.push_back(fmt::format("{}: last_assessment '{}' is not a date (YYYY-MM-DD or D.M.YYYY)", where,
                                                      printable(v)));
                        bad = true;
                    }
                    break;
                case SupplierColumn::significant:
                    if (v.empty()) break;
                    r.significant = parse_yes_no(v);
                    if (!r.significant) {
                        errors_.push_back(fmt::format("{}: significant '{}' is neither yes nor no (yes/no, ano/ne, or empty "
                                                      "for the criteria)", where, printable(v)));
                        bad = true;
                    }
                    break;
            }
        }
        const std::string key = normalised_supplier_name(r.supplier);
        if (key.empty()) {
            errors_.push_back(fmt::format("{}: no supplier named (give its catalog id or name)", where));
            bad = true;
        } else if (auto [it, fresh] = first_line_.try_emplace(key, where); !fresh) {
            errors_.push_back(fmt::format("{}: supplier '{}' is listed already at {}", where, printable(r.supplier), it->second));
            bad = true;
        }
        if (!bad) list.rows.push_back(std::move(r));
    }

    std::string file_;
    std::vector<std::string>& errors_;
    std::vector<std::optional<SupplierColumn>> columns_;
    bool header_failed_ = false;
    std::map<std::string, std::string> first_line_;  // normalised name -> where listed
};

}  // namespace

namespace {

// The lower-case form of a two-byte UTF-8 letter of Latin-1 and Latin Extended-A (Czech, German,
// Polish ... capitals: "Údržba" and "ÚDRŽBA" are one name); other code points as they are.
char32_t lower_latin(char32_t c) {
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    const bool even_upper = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if ((even_upper && c % 2 == 0) || (odd_upper && c % 2 == 1)) return c + 1;
    return c;
}

}  // namespace

std::string normalised_supplier_name(std::string_view name) {
    // Legal forms, as whole words once dots are gone ("s.r.o." -> "sro", "Co.," -> "co").
    static constexpr std::array<std::string_view, 28> kLegalForms = {
        "co",  "ltd", "inc",  "incorporated", "corp", "corporation", "company", "limited", "llc", "plc",
        "gmbh", "ag", "sa",   "se",           "bv",   "nv",          "oy",      "ab",      "as",  "sro",
        "spol", "kg", "srl",  "spa",          "pte",  "pty",         "kk",      "lp"};
    std::string cleaned;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '.') continue;
        const auto u = static_cast<unsigned char>(c);
        if ((u & 0xE0) == 0xC0 && i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) {
            const char32_t cp = lower_latin((char32_t(u & 0x1F) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3F));
            cleaned.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            cleaned.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            ++i;
        } else if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) cleaned.push_back(c);
        else if (c >= 'A' && c <= 'Z') cleaned.push_back(static_cast<char>(c - 'A' + 'a'));
        else cleaned.push_back(' ');
    }
    std::string out;
    size_t i = 0;
    while (i < cleaned.size()) {
        const size_t start = cleaned.find_first_not_of(' ', i);
        if (start == std::string::npos) break;
        const size_t end = std::min(cleaned.find(' ', start), cleaned.size());
        const std::string_view word(cleaned.data() + start, end - start);
        if (std::find(kLegalForms.begin(), kLegalForms.end(), word) == kLegalForms.end()) {
            if (!out.empty()) out.push_back(' ');
            out.append(word);
        }
        i = end;
    }
    return out;
}

SupplierList parse_supplier_list(std::string_view text, const std::string& file, std::vector<std::string>& errors) {
    return SupplierListParser(file, errors).parse(text);
}

SupplierList read_supplier_list(const std::string& path, std::vector<std::string>& errors) {
    std::string text, error;
    if (!read_text_file(path, text, error)) {
        errors.push_back(fmt::format("{}: {}", printable(path), error));
        return SupplierList{printable(path), {}};
    }
    return parse_supplier_list(text, path, errors);
}

}  // namespace sovscan
