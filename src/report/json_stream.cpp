#include "report/json_stream.h"

#include <cassert>

namespace sovscan {

namespace {
// The reports' indentation (dump(2)).
constexpr unsigned kIndentStep = 2;
}  // namespace

using nlohmann::ordered_json;

JsonStreamWriter::JsonStreamWriter(std::ostream& out)
    : out_(out),
      serializer_(nlohmann::detail::output_adapter<char>(out), ' ', ordered_json::error_handler_t::replace) {}

void JsonStreamWriter::indent(size_t levels) {
    for (size_t i = 0; i < levels * kIndentStep; ++i) out_.put(' ');
}

void JsonStreamWriter::next_item() {
    assert(!open_.empty());
    out_ << (open_.back().empty ? "\n" : ",\n");
    open_.back().empty = false;
    indent(open_.size());
}

void JsonStreamWriter::key(std::string_view key) {
    assert(!open_.empty() && open_.back().close == '}');
    next_item();
    // Keys are the report's own words, but escaped the one way nlohmann escapes strings all the same.
    serializer_.dump(ordered_json(key), false, false, 0);
    out_ << ": ";
}

void JsonStreamWriter::open(char bracket, char close) {
    out_.put(bracket);
    open_.push_back(Open{close});
}

void JsonStreamWriter::begin_object() {
    if (!open_.empty()) next_item();
    open('{', '}');
}

void JsonStreamWriter::begin_object(std::string_view name) {
    key(name);
    open('{', '}');
}

void JsonStreamWriter::begin_array(std::string_view name) {
    key(name);
    open('[', ']');
}

void JsonStreamWriter::member(std::string_view name, const ordered_json& value) {
    key(name);
    serializer_.dump(value, true, false, kIndentStep, static_cast<unsigned>(open_.size() * kIndentStep));
}

void JsonStreamWriter::element(const ordered_json& value) {
    assert(!open_.empty() && open_.back().close == ']');
    next_item();
    serializer_.dump(value, true, false, kIndentStep, static_cast<unsigned>(open_.size() * kIndentStep));
}

void JsonStreamWriter::end() {
    assert(!open_.empty());
    const Open closing = open_.back();
    open_.pop_back();
    // nlohmann writes an empty object or array as "{}" / "[]", a full one with its closing bracket
    // on a line of its own at the opening line's indentation.
    if (!closing.empty) {
        out_.put('\n');
        indent(open_.size());
    }
    out_.put(closing.close);
    if (open_.empty()) out_.put('\n');
}

}  // namespace sovscan
