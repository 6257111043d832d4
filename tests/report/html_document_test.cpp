// The HTML skeleton: a Content-Security-Policy that allows exactly the page's own style and script
// (by SHA-256, checked against known answers), and nothing remote.
#include <gtest/gtest.h>

#include <sstream>

#include "report/html_assets.h"
#include "report/html_document.h"

namespace sovscan {
namespace {

std::string between(const std::string& s, const std::string& open, const std::string& close, size_t from = 0) {
    size_t a = s.find(open, from);
    if (a == std::string::npos) return "";
    a += open.size();
    size_t b = s.find(close, a);
    return b == std::string::npos ? "" : s.substr(a, b - a);
}

size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

TEST(HtmlDocument, HashSourcesMatchKnownSha256) {
    // FIPS 180-4 test vectors, base64 as CSP writes them.
    EXPECT_EQ(csp_hash_source(""), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    EXPECT_EQ(csp_hash_source("abc"), "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(HtmlDocument, PolicyAllowsOnlyTheInlineStyleAndScriptByHash) {
    HtmlDocument doc("t");
    doc.append("<p>body</p>");
    std::ostringstream out;
    doc.write(out);
    const std::string html = out.str();

    const std::string csp = between(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    ASSERT_FALSE(csp.empty()) << html.substr(0, 400);
    const std::string script = between(html, "<script>", "</script>");
    const std::string style = between(html, "<style>", "</style>");
    ASSERT_EQ(script, html_script());
    ASSERT_EQ(style, html_stylesheet());
    // CSP in a <meta> writes ' as &#39; (html_escape); the browser reads it back as '.
    std::string expected = "default-src &#39;none&#39;; img-src data:; style-src &#39;" + csp_hash_source(style) +
                           "&#39;; script-src &#39;" + csp_hash_source(script) + "&#39;";
    EXPECT_EQ(csp.substr(0, expected.size()), expected);
    EXPECT_NE(csp.find("base-uri &#39;none&#39;"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);

    // The policy governs everything after it: it comes before the style and the script.
    EXPECT_LT(html.find("Content-Security-Policy"), html.find("<style>"));
    EXPECT_LT(html.find("Content-Security-Policy"), html.find("<script>"));
    EXPECT_EQ(count(html, "<script"), 1u);
    EXPECT_EQ(count(html, "<style"), 1u);
}

TEST(HtmlDocument, AssetsLoadNothingAndNeverBuildMarkup) {
    for (std::string_view asset : {html_script(), html_stylesheet()}) {
        const std::string a(asset);
        EXPECT_EQ(a.find("http:"), std::string::npos);
        EXPECT_EQ(a.find("https:"), std::string::npos);
        EXPECT_EQ(a.find("url("), std::string::npos);
        EXPECT_EQ(a.find("@import"), std::string::npos);
        EXPECT_EQ(a.find("</script"), std::string::npos);  // would end the element early
        EXPECT_EQ(a.find("</style"), std::string::npos);
    }
    const std::string script(html_script());
    for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
                             "setTimeout(", "fetch(", "XMLHttpRequest"})
        EXPECT_EQ(script.find(sink), std::string::npos) << sink;
}

TEST(HtmlDocument, TitleAndLanguageAreEscaped) {
    HtmlDocument doc("</title><script>x()</script>", "cs\"><x");
    std::ostringstream out;
    doc.write(out);
    const std::string html = out.str();
    EXPECT_NE(html.find("<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>"), std::string::npos);
    EXPECT_NE(html.find("<html lang=\"cs&quot;&gt;&lt;x\">"), std::string::npos);
    EXPECT_EQ(count(html, "<script"), 1u);
}

}  // namespace
}  // namespace sovscan
