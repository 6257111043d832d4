// An operator's whole set of documents in Czech (issue 15): `sovscan risk --lang cs` and
// `sovscan scan --lang cs` on real IoT captures of the corpus (iot-sentinel: plugs, cameras, hubs,
// a kettle) with a Czech CMDB written here (devices known by MAC only, an uncatalogued maker).
// No English category key, basis token, finding summary or binary unit inside the Czech pages;
// counts agree with their nouns; numbers in Czech typography; the scan report's high-risk
// countries drawn on their own scale beside a large total elsewhere, its long list of inputs folded
// after the charts, a legend for "DE / SG", and a one-minute capture's timeline in seconds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

class CzechDocuments : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("czech-cli");
        std::ofstream(dir_ / "cmdb.csv", std::ios::binary)
            << "id,name,ip,mac,category,manufacturer,location,owner,c,i,a\r\n"
               "HW-001,Kamera vrátnice,,b0:c5:54:25:5b:0e,ip_camera,D-Link,Vrátnice,Jiří Novák,3,2,2\r\n"
               "HW-002,Chytrá zásuvka kuchyňka,,50:c7:bf:00:fc:a3,consumer_iot,TP-Link,Kuchyňka,Petra Malá,,,\r\n"
               "HW-003,Zásuvka sklad,,74:da:38:4a:76:49,network_equipment,Zásuvky Novák s.r.o.,Sklad,,,,\r\n";
    }

    // Every device's first capture, the camera's and the plug's others: 29 files, a folder's worth.
    static std::string captures() {
        std::string list;
        for (const char* device : {"D-LinkDayCam", "EdimaxPlug2101W", "EdnetGateway", "SmarterCoffee", "iKettle2"})
            list += " " + corpus_file(std::string("iot-sentinel/") + device + "/Setup-A-1-STA.pcap");
        for (const char* c : {"Setup-C-5-STA.pcap", "Setup-C-7-STA.pcap"}) list += " " + corpus_file(std::string("iot-sentinel/D-LinkCam/") + c);
        for (const char* c : {"A-1", "A-2", "A-3", "A-4", "A-5", "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8", "C-9",
                              "C-10", "C-11", "C-12", "C-13", "C-14", "C-15"})
            list += " " + corpus_file(std::string("iot-sentinel/TP-LinkPlugHS100/Setup-") + c + "-STA.pcap");
        for (const char* c : {"Setup-A-3-STA.pcap", "Setup-C-15-STA.pcap"}) list += " " + corpus_file(std::string("iot-sentinel/EdimaxPlug1101W/") + c);
        return list + " --inventory " + path("cmdb.csv") + " --no-progress -q --fail-on never";
    }
    static bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

};

TEST_F(CzechDocuments, RegisterHasNoEnglishInside) {
    const CliResult r = run_sovscan("risk" + captures() + " --lang cs -o " + path("register.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string page = read("register.html");
    for (const char* english : {"network_equipment", "ip_camera", "consumer_iot", "mac_oui", "vendor_cloud", " is a ",
                                " is made by", " sent ", "KiB", "MiB", "z celkem", "se netýká"})
        EXPECT_FALSE(has(page, english)) << english;
    EXPECT_TRUE(has(page, "<td>IP kamera</td>"));
    EXPECT_TRUE(has(page, "<td>síťové zařízení</td>"));
    EXPECT_TRUE(has(page, "zjištěno: prefix MAC (OUI)"));
    // Summaries from the findings' fields, in Czech.
    EXPECT_TRUE(has(page, "SOV-005: 50:c7:bf:00:fc:a3") && has(page, ": zařízení nebo síťové rozhraní výrobce ")) << page;
    EXPECT_TRUE(has(page, ": odesláno ") && has(page, " (server umístěn v CN)"));
    // Counts agree with their nouns; numbers in Czech typography (no-break space, decimal comma).
    EXPECT_TRUE(has(page, "<span class=\"l\">aktiv</span>") || has(page, "<span class=\"l\">aktiva</span>"));
    EXPECT_TRUE(has(page, "<dd>10\u00a0000\u00a0000 bajtů</dd>"));
    EXPECT_TRUE(has(page, "bez platné výjimky: 4 ze 4; zvýšení") || has(page, "bez platné výjimky: 2 ze 2; zvýšení") ||
                has(page, "bez platné výjimky: 1 z 1; zvýšení"));
    EXPECT_TRUE(has(page, "méně než práh 10,0 MB"));
    // The threat catalog's citation reads as Czech and cites public addresses only.
    EXPECT_TRUE(has(page, "netýká se lokálně nasazených open-source modelů"));
    EXPECT_FALSE(has(page, "NÚKIB warning of 17 Dec 2018"));

    // The Markdown register says the same in the same words.
    const CliResult md = run_sovscan("risk" + captures() + " --lang cs -o " + path("register.md"));
    ASSERT_EQ(md.exit_code, 0) << md.err;
    const std::string text = read("register.md");
    for (const char* english : {"network_equipment", "consumer_iot", "mac_oui", " is a ", " sent ", "KiB", "z celkem",
                                "NÚKIB warning of 17 Dec 2018", "data/vendors.csv"})
        EXPECT_FALSE(has(text, english)) << english;
    EXPECT_TRUE(has(text, "| síťové zařízení |")) << text;
    EXPECT_TRUE(has(text, "https://www.govcert.cz/en/info/events/2682-"));
}

TEST_F(CzechDocuments, ScanReportInCzechAndInEnglish) {
    CliResult r = run_sovscan("scan" + captures() + " --lang cs -o " + path("scan-cs.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string cs = read("scan-cs.html");
    EXPECT_TRUE(has(cs, "<html lang=\"cs\">"));
    for (const char* words : {"<h2>Souhrn</h2>", "<h2>Expozice v přehledu</h2>", "<h2>Nálezy</h2>", "<h2>Zařízení</h2>",
                              "<h2>Vstupy</h2>", "Expozice podle jurisdikce", "data-label=\"Závažnost\"",
                              "<span class=\"badge sev-high\">vysoká</span>", "otevřených nálezů", "„DE / SG“"})
        EXPECT_TRUE(has(cs, words)) << words;
    for (const char* english : {"<h2>Findings</h2>", " sent ", " is a ", "KiB", "MiB", "Exposure by"})
        EXPECT_FALSE(has(cs, english)) << english;
    // 264 kB to IE beside 1.9 kB to CN: the high-risk countries again, on their own scale.
    EXPECT_TRUE(has(cs, "<figcaption>Expozice vůči rizikovým jurisdikcím</figcaption>"));
    // 29 inputs: after the charts, folded.
    EXPECT_LT(cs.find("id=\"charts\""), cs.find("id=\"input-files\""));
    EXPECT_TRUE(has(cs, "<details><summary>29 vstupů</summary>"));
    // The folded table keeps its filter, which finds its table by the one element with its id.
    EXPECT_EQ(cs.find("id=\"inputs\"", cs.find("id=\"inputs\"") + 1), std::string::npos);

    // The default stays English, in the same decimal units.
    r = run_sovscan("scan" + captures() + " -o " + path("scan-en.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string en = read("scan-en.html");
    EXPECT_TRUE(has(en, "<html lang=\"en\">"));
    EXPECT_TRUE(has(en, "<h2>Findings</h2>"));
    EXPECT_TRUE(has(en, "<figcaption>Exposure to high-risk jurisdictions</figcaption>"));
    EXPECT_TRUE(has(en, "<details><summary>29 inputs</summary>"));
    EXPECT_TRUE(has(en, "&quot;DE / SG&quot;"));
    EXPECT_FALSE(has(en, "KiB"));

    EXPECT_NE(run_sovscan("scan" + captures() + " --lang de -o " + path("x.html")).exit_code, 0);
}

TEST_F(CzechDocuments, AssetTableInCzech) {
    const std::string args = " " + corpus_file("iot-sentinel/TP-LinkPlugHS100/Setup-C-2-STA.pcap") + " --inventory " +
                             path("cmdb.csv") + " --no-progress --fail-on never";
    CliResult r = run_sovscan("assets" + args + " --lang cs");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* words : {"VERDIKT   AKTIVUM", "KATEGORIE", "VÝROBCE", "rizikové  Chytrá zásuvka kuchyňka",
                              "spotřební zaříz~", "síťové zařízení", "v pořádku Kamera vrátnice", "IP kamera",
                              "prefix MAC (OUI)", "výrobce v inventáři", "nálezy k aktivům: "})
        EXPECT_TRUE(has(r.out, words)) << words << "\n" << r.out;
    for (const char* english : {"consumer_iot", "network_equipment", "high_risk", "MAC OUI", "asset finding"})
        EXPECT_FALSE(has(r.out, english)) << english;
    r = run_sovscan("assets" + args);  // English by default, as before
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "VERDICT   ASSET") && has(r.out, "high_risk Chytrá zásuvka kuchyňka") && has(r.out, "consumer_iot"))
        << r.out;
}

TEST_F(CzechDocuments, OneMinuteCaptureHasATimelineInSeconds) {
    const CliResult r = run_sovscan("scan " + corpus_file("iot-sentinel/TP-LinkPlugHS100/Setup-C-2-STA.pcap") +
                                    " --no-progress -q --fail-on never --lang cs -o " + path("short.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string page = read("short.html");
    const size_t timeline = page.find("<figcaption>Nálezy v čase</figcaption>");
    ASSERT_NE(timeline, std::string::npos);
    const std::string svg = page.substr(timeline, page.find("</svg>", timeline) - timeline);
    EXPECT_TRUE(has(svg, ">0 s</text>")) << svg;
    EXPECT_TRUE(has(svg, ">5 s</text>") || has(svg, ">10 s</text>")) << svg;
    EXPECT_TRUE(has(svg, ">od ") && has(svg, " UTC</text>")) << svg;
}

}  // namespace
}  // namespace sovscan::test
