#include "corpus/facts.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sovscan::test {

namespace {

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string strip_ticks(std::string s) {
    s = trim(s);
    if (s.size() >= 2 && s.front() == '`' && s.back() == '`') s = s.substr(1, s.size() - 2);
    return s;
}

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    // Split on '|' outside backticks (names may contain '|'? they do not in FACTS, but be careful).
    std::string cur;
    bool tick = false;
    for (size_t i = 1; i < line.size(); ++i) {
        char c = line[i];
        if (c == '`') tick = !tick;
        if (c == '|' && !tick) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!trim(cur).empty()) out.push_back(trim(cur));
    return out;
}

// A number cell; a malformed one is a test failure naming the line, never an exception.
uint64_t number(const std::string& cell, const std::string& line) {
    try {
        size_t used = 0;
        uint64_t v = std::stoull(cell, &used);
        if (used == cell.size()) return v;
    } catch (const std::exception&) {
    }
    ADD_FAILURE() << "FACTS.md: not a number '" << cell << "' in: " << line;
    return 0;
}

std::vector<Endpoint> endpoints(const std::string& cell) {
    std::vector<Endpoint> out;
    for (const std::string& part : split(cell, ',')) {
        // "TCP 106.15.100.123:443 [CN AS37963]"
        std::istringstream in(part);
        Endpoint e;
        std::string addr, bracket1, bracket2;
        in >> e.transport >> addr >> bracket1 >> bracket2;
        auto colon = addr.rfind(':');
        if (colon == std::string::npos) continue;
        e.ip = addr.substr(0, colon);
        e.port = static_cast<uint16_t>(number(addr.substr(colon + 1), cell));
        if (bracket1.size() > 1) e.country = bracket1.substr(1);
        if (bracket2.size() > 3) e.asn = static_cast<uint32_t>(number(bracket2.substr(2, bracket2.size() - 3), cell));
        out.push_back(e);
    }
    return out;
}

}  // namespace

std::vector<CaptureFacts> load_facts(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        ADD_FAILURE() << "cannot read " << path;
        return {};
    }
    std::vector<CaptureFacts> out;
    std::string line, table;
    while (std::getline(in, line)) {
        if (line.rfind("### `", 0) == 0) {
            CaptureFacts f;
            auto end = line.find('`', 5);
            f.path = line.substr(5, end - 5);
            auto open = line.find('(', end), close = line.find(')', end);
            if (open != std::string::npos) f.category = line.substr(open + 1, close - open - 1);
            out.push_back(f);
            table.clear();
            continue;
        }
        if (out.empty() || line.empty() || line[0] != '|') continue;
        auto c = cells(line);
        if (c.empty()) continue;
        if (c[0] == "fact" || c[0] == "name" || c[0] == "ip" || c[0] == "mac" || c[0] == "where" || c[0] == "L4") {
            table = c[0];
            continue;
        }
        if (c[0].rfind("---", 0) == 0 || c[0].rfind("...", 0) == 0) continue;  // rule, or "... 17 more"
        CaptureFacts& f = out.back();
        if (table == "fact" && c.size() >= 2) {
            if (c[0] == "packets (capinfos)") f.packets = number(c[1], line);
            else if (c[0] == "TCP+UDP conversations (tshark, 5-tuple)") f.tcp_udp_conversations = static_cast<int64_t>(number(c[1], line));
            else if (c[0] == "nDPI flows (expected output)" && c[1] != "-") f.ndpi_flows = static_cast<int64_t>(number(c[1], line));
        } else if (table == "name" && c.size() >= 6) {
            NameFact n;
            n.name = strip_ticks(c[0]);
            n.sni = endpoints(c[2]);
            n.http_host = endpoints(c[3]);
            n.dns_queries = c[4].empty() ? 0 : static_cast<int>(number(c[4], line));
            n.dns_answers = split(c[5], ',');
            f.names.push_back(n);
        } else if (table == "ip" && c.size() >= 6) {
            IpFact i;
            i.ip = c[0];
            i.frames = number(c[1], line);
            if (c[2] != "-") i.server_on = split(c[2], ',');
            i.country = c[3];
            i.asn = c[4].empty() ? 0 : static_cast<uint32_t>(number(c[4], line));
            i.as_name = c[5];
            f.ips.push_back(i);
        } else if (table == "mac" && c.size() >= 5) {
            MacFact m;
            m.mac = c[0];
            m.organisation = c[1];
            m.registrant_country = c[2];
            m.frames_as_source = number(c[3], line);
            m.why = c[4];
            f.macs.push_back(m);
        }
    }
    return out;
}

std::vector<IndexRow> load_index(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        ADD_FAILURE() << "cannot read " << path;
        return {};
    }
    std::vector<IndexRow> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        auto f = split(line, '\t');
        if (f.size() < 7) continue;
        IndexRow r;
        r.path = f[0];
        r.packets = number(f[3], line);
        r.encapsulation = f[4];
        r.category = f[5];
        r.ndpi_flows = f[6] == "-" || f[6].empty() ? -1 : static_cast<int64_t>(number(f[6], line));
        out.push_back(r);
    }
    return out;
}

std::string unescape_tshark(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && isdigit(static_cast<unsigned char>(s[i + 1])) &&
            isdigit(static_cast<unsigned char>(s[i + 2])) && isdigit(static_cast<unsigned char>(s[i + 3]))) {
            out.push_back(static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

}  // namespace sovscan::test
