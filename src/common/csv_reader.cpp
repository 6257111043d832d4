#include "common/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sovscan {

CsvRecordReader::CsvRecordReader(std::string_view text, std::deque<std::string>& unescaped)
    : text_(text), unescaped_(unescaped) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

namespace {

// Bytes that end an unquoted field or make it malformed: a table lookup per byte instead of four
// comparisons (the catalog's files are megabytes, read at every start).
struct FieldStops {
    bool stop[256] = {};
    constexpr FieldStops() {
        stop[static_cast<unsigned char>(',')] = stop[static_cast<unsigned char>('\r')] = true;
        stop[static_cast<unsigned char>('\n')] = stop[static_cast<unsigned char>('"')] = true;
    }
};
constexpr FieldStops kFieldStops;

// The first byte at or after `i` that ends an unquoted field (or a quote): sixteen bytes at a time
// with SSE2 (on every x86-64), else eight at a time (SWAR "has byte" test: a word's bytes equal to
// c become 0 after XOR, and (x - 0x01..) & ~x sets the top bit of the lowest such byte; higher bytes
// may be false positives, the lowest never is), else byte by byte (big-endian).
size_t find_field_stop(std::string_view t, size_t i) {
    const size_t n = t.size();
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                  quote = _mm_set1_epi8('"');
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, cr)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, quote)));
        if (const int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(std::countr_zero(unsigned(mask)));
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
        auto has = [](uint64_t w, uint8_t c) {
            const uint64_t x = w ^ (kOnes * c);
            return (x - kOnes) & ~x & kHighs;
        };
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            std::memcpy(&w, t.data() + i, 8);
            const uint64_t m = has(w, ',') | has(w, '\r') | has(w, '\n') | has(w, '"');
            if (m) return i + static_cast<size_t>(std::countr_zero(m) >> 3);
        }
    }
    while (i < n && !kFieldStops.stop[static_cast<unsigned char>(t[i])]) ++i;
    return i;
}

}  // namespace

bool CsvRecordReader::field(std::string_view& out) {
    const size_t n = text_.size();
    if (i_ < n && text_[i_] == '"') {
        const size_t start = ++i_, start_line = line_;
        bool escaped = false;
        for (;;) {
            // The next quote ends the field or begins an escaped one ("").
            const void* q = i_ < n ? std::memchr(text_.data() + i_, '"', n - i_) : nullptr;
            if (!q) {
                error_ = fmt::format("line {}: unterminated quoted field", start_line);
                return false;
            }
            const size_t at = static_cast<size_t>(static_cast<const char*>(q) - text_.data());
            line_ += static_cast<size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(i_),
                                                    text_.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
            i_ = at + 1;
            if (i_ < n && text_[i_] == '"') {
                escaped = true;
                ++i_;
            } else {
                break;
            }
        }
        std::string_view raw = text_.substr(start, i_ - 1 - start);
        if (escaped) {
            std::string& u = unescaped_.emplace_back();
            u.reserve(raw.size());
            for (size_t k = 0; k < raw.size(); ++k) {
                u.push_back(raw[k]);
                if (raw[k] == '"') ++k;  // "" -> "
            }
            raw = u;
        }
        if (i_ < n && text_[i_] != ',' && text_[i_] != '\r' && text_[i_] != '\n') {
            error_ = fmt::format("line {}: characters after a closing quote", line_);
            return false;
        }
        out = raw;
        return true;
    }
    const size_t start = i_;
    i_ = find_field_stop(text_, i_);
    if (i_ < n && text_[i_] == '"') {
        error_ = fmt::format("line {}: quote inside an unquoted field", line_);
        return false;
    }
    out = text_.substr(start, i_ - start);
    return true;
}

bool CsvRecordReader::next(std::vector<std::string_view>& fields, size_t& line) {
    const size_t n = text_.size();
    while (i_ < n) {
        fields.clear();
        line = line_;
        // One record: fields separated by commas up to an unquoted line end.
        for (;;) {
            std::string_view f;
            if (!field(f)) return false;
            fields.push_back(f);
            if (i_ < n && text_[i_] == ',') {
                ++i_;
                continue;
            }
            break;
        }
        if (i_ < n && text_[i_] == '\r') ++i_;
        if (i_ < n && text_[i_] == '\n') ++i_;
        ++line_;
        // A blank line (one empty unquoted field) is no record.
        if (fields.size() == 1 && fields[0].empty()) continue;
        return true;
    }
    return false;
}

bool for_each_csv_record(std::string_view text,
                         const std::function<bool(const std::vector<std::string>&, size_t)>& on_record,
                         std::string& error) {
    std::deque<std::string> unescaped;
    CsvRecordReader reader(text, unescaped);
    std::vector<std::string_view> views;
    std::vector<std::string> fields;
    size_t line = 0;
    while (reader.next(views, line)) {
        fields.resize(views.size());
        for (size_t k = 0; k < views.size(); ++k) fields[k].assign(views[k]);
        if (!on_record(fields, line)) return false;
        unescaped.clear();  // the views of the record just handed out are no longer needed
    }
    if (!reader.error().empty()) {
        error = reader.error();
        return false;
    }
    return true;
}

bool CsvTable::parse(std::string_view text, CsvTable& out, std::string& error) {
    // Not zero-filled first: the copy overwrites every byte.
    auto copy = std::make_unique_for_overwrite<char[]>(text.size());
    std::memcpy(copy.get(), text.data(), text.size());
    return parse_owned(std::move(copy), text.size(), out, error);
}

bool CsvTable::parse_owned(std::unique_ptr<char[]> text, size_t size, CsvTable& out, std::string& error) {
    out = CsvTable{};
    out.text_ = std::move(text);
    CsvRecordReader reader(std::string_view(out.text_.get(), size), out.unescaped_);
    std::vector<std::string_view> fields;
    size_t line = 0;
    bool first = true;
    while (reader.next(fields, line)) {
        if (first) {
            out.header_.assign(fields.begin(), fields.end());
            first = false;
            continue;
        }
        if (fields.size() != out.header_.size()) {
            error = fmt::format("line {}: {} fields, header has {}", line, fields.size(), out.header_.size());
            return false;
        }
        out.fields_.insert(out.fields_.end(), fields.begin(), fields.end());
        out.lines_.push_back(line);
    }
    if (!reader.error().empty()) {
        error = reader.error();
        return false;
    }
    if (first) {
        error = "empty file (no header row)";
        return false;
    }
    return true;
}

bool CsvTable::read_file(const std::string& path, CsvTable& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        return false;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) {  // not a regular file: through a stream
        std::string text;
        if (!read_text_file(path, text, error)) return false;
        return parse(text, out, error);
    }
    in.seekg(0, std::ios::beg);
    // Read straight into the buffer the table keeps: no zero fill, no second copy.
    auto text = std::make_unique_for_overwrite<char[]>(static_cast<size_t>(size));
    if (!in.read(text.get(), size) || in.gcount() != size) {
        error = fmt::format("cannot read: {}", std::strerror(errno));
        return false;
    }
    return parse_owned(std::move(text), static_cast<size_t>(size), out, error);
}

int CsvTable::column(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return static_cast<int>(i);
    return -1;
}

std::string_view CsvTable::get(size_t row, std::string_view name) const {
    const int c = column(name);
    return c < 0 ? std::string_view() : field(row, static_cast<size_t>(c));
}

bool read_text_file(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        return false;
    }
    // One read of the whole file where its size is known (a regular file), else through a stream.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size >= 0) {
        in.seekg(0, std::ios::beg);
        out.resize(static_cast<size_t>(size));
        if (in.read(out.data(), size) && in.gcount() == size) return true;
        in.clear();
        in.seekg(0, std::ios::beg);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = std::move(ss).str();
    return true;
}

std::vector<std::string> split_field_list(std::string_view field, char separator) {
    std::vector<std::string> out;
    while (!field.empty()) {
        const size_t p = field.find(separator);
        const std::string_view item = field.substr(0, p);
        if (!item.empty()) out.emplace_back(item);
        if (p == std::string_view::npos) break;
        field.remove_prefix(p + 1);
    }
    return out;
}

}  // namespace sovscan
