#pragma once
// Reading HTTP/1.x-style text: start line and header fields. Shared by HTTP over TCP (http.cpp)
// and SSDP, which is HTTP over UDP (ssdp.cpp).
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace sovscan::observe {

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ASCII case-insensitive equality, for header names and tokens (letters, digits, '-', '_').
inline bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lx = (x >= 'A' && x <= 'Z') ? char(x + 32) : x;
               const auto ly = (y >= 'A' && y <= 'Z') ? char(y + 32) : y;
               return lx == ly;
           });
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Whether `s` contains `needle` (ASCII case-insensitive).
inline bool icontains(std::string_view s, std::string_view needle) {
    if (needle.size() > s.size()) return false;
    for (size_t i = 0; i + needle.size() <= s.size(); ++i)
        if (iequals(s.substr(i, needle.size()), needle)) return true;
    return false;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// "HTTP/1.1 200 OK", "HTTP/1.0 200" (the reason phrase is optional).
inline bool is_ok_status_line(std::string_view text) {
    if (text.size() < 12 || !istarts_with(text, "HTTP/1.") || text.substr(8, 4) != " 200") return false;
    return text.size() == 12 || text[12] == ' ' || text[12] == '\r' || text[12] == '\n';
}

// Whether a whole message is at hand or only the start of a stream.
enum class TextEnd : bool { stream, datagram };

// Calls on_field(name, value) for each complete header line after the start line (names and values
// trimmed). Returns the offset just past the empty line that ends the header block, or 0 while the
// block is not complete. In a datagram (SSDP) the end of the text also ends the last line and the
// block: some devices leave out the final empty line; the return is then the text's size.
template <typename OnField>
size_t for_each_header(std::string_view block, OnField on_field, TextEnd end = TextEnd::stream) {
    size_t line_start = block.find('\n');
    if (line_start == std::string_view::npos) return end == TextEnd::datagram ? block.size() : 0;
    ++line_start;
    for (;;) {
        size_t eol = block.find('\n', line_start);
        if (eol == std::string_view::npos) {
            if (end == TextEnd::stream) return 0;
            eol = block.size();
        }
        std::string_view line = block.substr(line_start, eol - line_start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return std::min(eol + 1, block.size());
        if (const size_t colon = line.find(':'); colon != std::string_view::npos)
            on_field(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
        if (eol >= block.size()) return block.size();
        line_start = eol + 1;
    }
}

}  // namespace sovscan::observe
