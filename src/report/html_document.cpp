#include "report/html_document.h"

#include <fmt/format.h>

#include <array>
#include <span>

#include "common/escape.h"
#include "intel/sha256.h"
#include "report/html_assets.h"
#include "report/html_text.h"

namespace sovscan {

namespace {

std::string base64(std::span<const uint8_t> bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        uint32_t v = (uint32_t(bytes[i]) << 16) | (uint32_t(bytes[i + 1]) << 8) | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 63]);
    }
    if (size_t rest = bytes.size() - i) {
        uint32_t v = uint32_t(bytes[i]) << 16;
        if (rest == 2) v |= uint32_t(bytes[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

}  // namespace

std::string csp_hash_source(std::string_view text) {
    Sha256 sha;
    sha.update(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    const std::array<uint8_t, 32> digest = sha.finish();
    return "sha256-" + base64(digest);
}

std::string content_security_policy(std::string_view style, std::string_view script) {
    // default-src 'none' covers fetches, frames, fonts, media and workers; base-uri and form-action
    // are not fetches and need their own 'none'. Images only as data: URIs (none are used today).
    return fmt::format("default-src 'none'; img-src data:; style-src '{}'; script-src '{}'; base-uri 'none'; "
                       "form-action 'none'",
                       csp_hash_source(style), csp_hash_source(script));
}

HtmlDocument::HtmlDocument(std::string title, std::string lang)
    : title_(std::move(title)), lang_(std::move(lang)), style_(html_stylesheet()), script_(html_script()) {}

void HtmlDocument::write(std::ostream& out) const {
    // The policy comes first in <head>, before anything it governs.
    out << "<!DOCTYPE html>\n<html lang=\"" << html_text(lang_) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << html_escape(content_security_policy(style_, script_))
        << "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"referrer\" content=\"no-referrer\">\n"
        << "<title>" << html_text(title_) << "</title>\n"
        << "<style>" << style_ << "</style>\n</head>\n<body>\n"
        << body_ << "\n<script>" << script_ << "</script>\n</body>\n</html>\n";
}

}  // namespace sovscan
