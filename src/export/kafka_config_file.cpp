#include "export/kafka_config_file.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

KafkaProperties parse_kafka_properties(std::string_view text, const std::string& name,
                                       std::vector<std::string>& errors) {
    KafkaProperties out;
    size_t line_no = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view raw = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_no;
        const std::string_view line = trimmed(raw);
        if (line.empty() || line.front() == '#') continue;
        const size_t eq = line.find('=');
        const std::string_view key = eq == std::string_view::npos ? std::string_view{} : trimmed(line.substr(0, eq));
        if (key.empty()) {
            // Only the key, if any, is shown: the line may be a secret without its '='.
            errors.push_back(fmt::format("{}:{}: expected KEY=VALUE", printable(name), line_no));
            continue;
        }
        out.push_back({std::string(key), std::string(trimmed(line.substr(eq + 1))),
                       fmt::format("{}:{}:", printable(name), line_no)});
    }
    return out;
}

bool is_secret_kafka_property(std::string_view key) {
    return key.find("password") != std::string_view::npos || key.find("secret") != std::string_view::npos ||
           key == "ssl.key.pem" || key == "sasl.oauthbearer.config" || key == "ssl_key";
}

}  // namespace sovscan
