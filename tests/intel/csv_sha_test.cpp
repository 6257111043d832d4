// The small building blocks: RFC 4180 parsing and SHA-256.
#include <gtest/gtest.h>

#include "common/csv_reader.h"
#include "intel/sha256.h"

namespace sovscan {
namespace {

TEST(Csv, Rfc4180) {
    CsvTable t;
    std::string e;
    ASSERT_TRUE(CsvTable::parse("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\nline\",\r\n", t, e)) << e;
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.header()[0], "a");
    EXPECT_EQ(t.get(0, "b"), "x, y");
    EXPECT_EQ(t.get(0, "c"), "say \"hi\"");
    EXPECT_EQ(t.get(1, "b"), "multi\nline");
    EXPECT_EQ(t.get(1, "c"), "");
    EXPECT_EQ(t.line_of(1), 4u);
    EXPECT_EQ(t.get(0, "nope"), "");
    EXPECT_EQ(t.column("c"), 2);
}

TEST(Csv, Errors) {
    CsvTable t;
    std::string e;
    EXPECT_FALSE(CsvTable::parse("a,b\n1,2,3\n", t, e));
    EXPECT_NE(e.find("line 2"), std::string::npos) << e;
    EXPECT_FALSE(CsvTable::parse("a,b\n\"1,2\n", t, e));
    EXPECT_FALSE(CsvTable::parse("a,b\n\"1\"x,2\n", t, e));
    EXPECT_FALSE(CsvTable::parse("a,b\n1\"x,2\n", t, e));
    EXPECT_FALSE(CsvTable::parse("", t, e));
}

std::string sha(std::string_view s) {
    Sha256 h;
    h.update({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
    return Sha256::hex(h.finish());
}

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(sha(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    std::string million(1000000, 'a');
    EXPECT_EQ(sha(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Fed in odd-sized pieces: same digest.
    Sha256 h;
    for (size_t i = 0; i < million.size(); i += 7)
        h.update({reinterpret_cast<const uint8_t*>(million.data()) + i, std::min<size_t>(7, million.size() - i)});
    EXPECT_EQ(Sha256::hex(h.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace sovscan
