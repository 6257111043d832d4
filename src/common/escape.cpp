#include "common/escape.h"

#include <fmt/format.h>

namespace sovscan {

std::string printable(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (unsigned char c : raw) {
        if (c >= 0x20 && c < 0x7f && c != '\\') out.push_back(static_cast<char>(c));
        else fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
    }
    return out;
}

std::string readable_text(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    auto escape = [&](unsigned char c) { fmt::format_to(std::back_inserter(out), "\\x{:02x}", c); };
    for (size_t i = 0; i < raw.size();) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c < 0x80) {
            if (c >= 0x20 && c < 0x7f && c != '\\') out.push_back(static_cast<char>(c));
            else escape(c);
            ++i;
            continue;
        }
        // The length a lead byte announces, and the smallest code point that length may encode.
        size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        uint32_t cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
        bool ok = len != 0 && i + len <= raw.size();
        for (size_t k = 1; ok && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(raw[i + k]);
            ok = (cc & 0xc0) == 0x80;
            cp = (cp << 6) | (cc & 0x3f);
        }
        const uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        ok = ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0x80 && cp <= 0x9f);
        if (!ok) {
            escape(c);
            ++i;
            continue;
        }
        out.append(raw.substr(i, len));
        i += len;
    }
    return out;
}

std::string csv_cell(std::string_view text) {
    std::string cell;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r'))
        cell.push_back('\'');
    cell.append(text);
    bool quote = cell.find_first_of(",\"\r\n") != std::string::npos || cell != text;
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
