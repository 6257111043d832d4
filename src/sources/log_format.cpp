#include "sources/log_format.h"

#include <array>

namespace sovscan {

const char* log_format_label(LogFormat f) {
    switch (f) {
        case LogFormat::zeek_tsv: return "zeek-tsv";
        case LogFormat::zeek_json: return "zeek-json";
        case LogFormat::suricata_eve: return "suricata-eve";
    }
    return "?";
}

namespace {

// `"key"` followed (after blanks) by ':' somewhere in `line`: a key, not a value that says the word.
bool has_key(std::string_view line, std::string_view key) {
    for (size_t at = 0; (at = line.find(key, at)) != std::string_view::npos; at += key.size()) {
        if (at == 0 || line[at - 1] != '"' || at + key.size() >= line.size() || line[at + key.size()] != '"') continue;
        size_t p = at + key.size() + 1;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
        if (p < line.size() && line[p] == ':') return true;
    }
    return false;
}

}  // namespace

std::optional<LogFormat> sniff_log_format(std::string_view text) {
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.starts_with("#separator ")) return LogFormat::zeek_tsv;
        if (line.empty() || line.front() == '#') continue;
        size_t p = 0;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
        if (p == line.size()) continue;
        if (line[p] != '{') return std::nullopt;
        if (has_key(line, "event_type") && has_key(line, "timestamp")) return LogFormat::suricata_eve;
        if (has_key(line, "ts")) {
            static constexpr std::array<std::string_view, 8> kZeekKeys = {
                "uid", "uids", "id.orig_h", "_path", "software_type", "port_num", "certificate.subject", "fingerprint"};
            for (std::string_view k : kZeekKeys)
                if (has_key(line, k)) return LogFormat::zeek_json;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace sovscan
