#include <gtest/gtest.h>

#include "common/time_format.h"

namespace sovscan {
namespace {

TEST(TimeFormat, EpochSecondsExactly) {
    EXPECT_EQ(parse_epoch_seconds("1510026415.995389"), 1510026415995389000);
    EXPECT_EQ(parse_epoch_seconds("1510026415"), 1510026415000000000);
    EXPECT_EQ(parse_epoch_seconds("1.000000001999"), 1000000001);  // digits past ns are dropped
    EXPECT_EQ(parse_epoch_seconds("XXXXXXXXXX.XXXXXX"), std::nullopt);
    EXPECT_EQ(parse_epoch_seconds("-1"), std::nullopt);
    EXPECT_EQ(parse_epoch_seconds("1."), std::nullopt);
    EXPECT_EQ(parse_epoch_seconds("99999999999999999999"), std::nullopt);
}

TEST(TimeFormat, Iso8601WithOffsets) {
    EXPECT_EQ(parse_iso8601("2019-11-26T16:41:02.504203+0800"), 1574757662504203000);
    EXPECT_EQ(parse_iso8601("2019-11-26T16:41:02.504203+08:00"), 1574757662504203000);
    EXPECT_EQ(parse_iso8601("2019-11-26T08:41:02.504203Z"), 1574757662504203000);
    EXPECT_EQ(parse_iso8601("2024-12-26T18:11:45.041544-0300"), 1735247505041544000);
    EXPECT_EQ(parse_iso8601("2019-11-26 08:41:02"), 1574757662000000000);
    EXPECT_EQ(rfc3339_utc(*parse_iso8601("2018-07-05T15:51:20.213418-0400")), "2018-07-05T19:51:20.213418Z");
    EXPECT_EQ(parse_iso8601("2019-02-29T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_iso8601("2019-11-26T16:41:02+2500"), std::nullopt);
    EXPECT_EQ(parse_iso8601("2019-11-26T16:41:02Zjunk"), std::nullopt);
    EXPECT_EQ(parse_iso8601("2019-11-26"), std::nullopt);
}

}  // namespace
}  // namespace sovscan
