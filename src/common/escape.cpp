#include "common/escape.h"

#include <fmt/format.h>

namespace sovscan {

namespace {

std::string printable_keeping(std::string_view raw, bool keep_backslash) {
    std::string out;
    out.reserve(raw.size());
    for (unsigned char c : raw) {
        if (c >= 0x20 && c < 0x7f && (c != '\\' || keep_backslash)) out.push_back(static_cast<char>(c));
        else fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
    }
    return out;
}

}  // namespace

std::string printable(std::string_view raw) { return printable_keeping(raw, false); }
std::string printable_again(std::string_view escaped) { return printable_keeping(escaped, true); }

std::optional<std::string> unprintable(std::string_view escaped) {
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(escaped.size());
    for (size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] != '\\') {
            out.push_back(escaped[i]);
            continue;
        }
        if (escaped.size() - i < 4 || escaped[i + 1] != 'x' || hex(escaped[i + 2]) < 0 || hex(escaped[i + 3]) < 0)
            return std::nullopt;
        out.push_back(static_cast<char>(hex(escaped[i + 2]) * 16 + hex(escaped[i + 3])));
        i += 3;
    }
    return out;
}

namespace {

// Length of the valid, well-formed UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms,
// no surrogates, at most U+10FFFF), 0 when there is none; its code point in `cp`.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    size_t n = 0;
    if (c >= 0xc2 && c <= 0xdf) n = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) n = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) n = 4, cp = c & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (b(k) & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

bool dangerous(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string readable_text(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size();) {
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        uint32_t cp = 0;
        const size_t n = c >= 0x80 ? utf8_sequence(raw, i, cp) : 0;
        if (n && !dangerous(cp)) {
            out.append(raw.substr(i, n));
            i += n;
            continue;
        }
        // One byte at a time: a malformed sequence's next byte may start a valid one.
        const size_t len = n ? n : 1;
        for (size_t k = 0; k < len; ++k) fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned char>(raw[i + k]));
        i += len;
    }
    return out;
}

std::string readable_again(std::string_view escaped) {
    std::string out;
    out.reserve(escaped.size());
    size_t start = 0;
    for (size_t at = escaped.find('\\'); at != std::string_view::npos; at = escaped.find('\\', start)) {
        out += readable_text(escaped.substr(start, at - start));
        out.push_back('\\');
        start = at + 1;
    }
    out += readable_text(escaped.substr(start));
    return out;
}

std::string csv_cell(std::string_view text) { return csv_cell_separated(text, ','); }

std::string csv_cell_separated(std::string_view text, char separator) {
    std::string cell;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r'))
        cell.push_back('\'');
    cell.append(text);
    const char specials[] = {separator, '"', '\r', '\n', '\0'};
    bool quote = cell.find_first_of(specials) != std::string::npos || cell != text;
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace sovscan
