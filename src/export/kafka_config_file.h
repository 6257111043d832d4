#pragma once
// A librdkafka properties file (`--kafka-config FILE`, the format kcat -F and the Java clients
// read): KEY=VALUE lines, `#` comments, blank lines. It keeps secrets (sasl.password,
// ssl.key.password) out of the command line, which the process list shows and every report
// records.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sovscan {

// One librdkafka setting and where it was given, for the errors: "--kafka-option" or "FILE:LINE:".
struct KafkaProperty {
    std::string key, value, origin;
};
using KafkaProperties = std::vector<KafkaProperty>;

// The properties of `text`, in order; a line that is not KEY=VALUE adds "<name>:<line>: ..." (its
// text escaped) to `errors` and is skipped. Keys and values are trimmed of spaces and tabs; a
// value may contain '='. Lines end with \n or \r\n.
KafkaProperties parse_kafka_properties(std::string_view text, const std::string& name,
                                       std::vector<std::string>& errors);

// Whether a property's value is a secret (a password, a client secret, a private key): never
// written to a report or a terminal.
bool is_secret_kafka_property(std::string_view key);

}  // namespace sovscan
