// The escapes every output uses for attacker- or operator-controlled text.
#include <gtest/gtest.h>

#include "common/escape.h"

namespace sovscan {
namespace {

TEST(Printable, AsciiOnlyEverythingElseAsHex) {
    EXPECT_EQ(printable("www.example.cn"), "www.example.cn");
    EXPECT_EQ(printable("a\x1b[31mb\\"), "a\\x1b[31mb\\x5c");
    EXPECT_EQ(printable("Ji\xc5\x99\xc3\xad"), "Ji\\xc5\\x99\\xc3\\xad");
}

TEST(ReadableText, KeepsWellFormedUtf8AndEscapesControls) {
    EXPECT_EQ(readable_text("Ji\xc5\x99\xc3\xad Nov\xc3\xa1k"), "Ji\xc5\x99\xc3\xad Nov\xc3\xa1k");  // Jiří Novák
    EXPECT_EQ(readable_text("\xe6\xb5\xb7\xe5\xba\xb7"), "\xe6\xb5\xb7\xe5\xba\xb7");              // 海康 (3-byte)
    EXPECT_EQ(readable_text("\xf0\x9f\x93\xb7"), "\xf0\x9f\x93\xb7");                              // 4-byte
    EXPECT_EQ(readable_text("a\x1b[31mb"), "a\\x1b[31mb");           // ESC
    EXPECT_EQ(readable_text("\r\n\t\x7f\\"), "\\x0d\\x0a\\x09\\x7f\\x5c");
    EXPECT_EQ(readable_text("\xc2\x9b" "31m"), "\\xc2\\x9b31m");         // C1 CSI, encoded in UTF-8
    EXPECT_EQ(readable_text("\xc0\xaf"), "\\xc0\\xaf");                 // overlong '/'
    EXPECT_EQ(readable_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");        // a UTF-16 surrogate
    EXPECT_EQ(readable_text("ab\xc5"), "ab\\xc5");                      // cut sequence at the end
    EXPECT_EQ(readable_text("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(readable_text("a\xe2\x80\xae" "b"), "a\\xe2\\x80\\xaeb");  // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(readable_text(""), "");
}

TEST(CsvCell, QuotesAndNeutralisesFormulas) {
    EXPECT_EQ(csv_cell("plain"), "plain");
    EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    for (const char* lead : {"+1", "-1", "@SUM(A1)", "\tx", "\rx"}) EXPECT_EQ(csv_cell(lead).find('\''), 1u) << lead;
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
    EXPECT_EQ(html_escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    EXPECT_EQ(html_escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    EXPECT_EQ(html_escape("a & b"), "a &amp; b");
}

}  // namespace
}  // namespace sovscan

namespace sovscan {
namespace {

TEST(Unprintable, UndoesPrintableAndReadableText) {
    const std::string raw = std::string("a\\b\x1b[31m\x00\xff", 10) + "Jiří\u202e";
    EXPECT_EQ(unprintable(printable(raw)), raw);
    EXPECT_EQ(unprintable(readable_text(raw)), raw);
    EXPECT_EQ(unprintable("plain text"), "plain text");
    EXPECT_EQ(unprintable("\\x5C\\x41"), "\\A");  // either case of hex digit
    // A backslash that begins no \xNN: text printable() never wrote.
    EXPECT_EQ(unprintable("a\\nb"), std::nullopt);
    EXPECT_EQ(unprintable("end\\x4"), std::nullopt);
    EXPECT_EQ(unprintable("end\\"), std::nullopt);
    EXPECT_EQ(unprintable("\\xg0"), std::nullopt);
}

}  // namespace
}  // namespace sovscan
