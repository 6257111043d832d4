#pragma once
// A pretty-printed JSON document written piece by piece, so that a report of a million assets never
// exists whole in memory (issue 19: a DOM of the whole report took 20 GB for a 10^6-row CMDB).
// Each piece is a small nlohmann value (one asset, one finding) serialised straight to the stream;
// the bytes are exactly those nlohmann's dump(2) writes for the whole document, so the report's
// schema and layout do not depend on how it was written. Invalid UTF-8 is replaced, as the reports
// always did (error_handler_t::replace).
#include <nlohmann/json.hpp>

#include <ostream>
#include <string_view>
#include <vector>

namespace sovscan {

class JsonStreamWriter {
public:
    explicit JsonStreamWriter(std::ostream& out);

    // Opens the document's outermost object, or an object or array as the next member (`key`) or
    // element (no key) of the one open now.
    void begin_object();
    void begin_object(std::string_view key);
    void begin_array(std::string_view key);
    // A whole value as the next member of the open object / element of the open array.
    void member(std::string_view key, const nlohmann::ordered_json& value);
    void element(const nlohmann::ordered_json& value);
    // Closes the innermost open object or array; closing the outermost ends the line too.
    void end();

    // How many objects and arrays are open (0 once the document is complete).
    size_t depth() const { return open_.size(); }

private:
    struct Open {
        char close;
        bool empty = true;
    };
    // Starts the next member or element: the separator, the line break and the indentation.
    void next_item();
    void key(std::string_view key);
    void open(char bracket, char close);
    void indent(size_t levels);

    std::ostream& out_;
    nlohmann::detail::serializer<nlohmann::ordered_json> serializer_;
    std::vector<Open> open_;
};

}  // namespace sovscan
