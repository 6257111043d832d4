// SharedText and Boxed: the compact fields that keep a million-asset inventory within memory
// (issue 19, defect 6). What matters is that copies share, pools hand out one copy per text, and
// reading an empty box never creates its value.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "common/boxed.h"
#include "common/shared_text.h"

namespace sovscan {
namespace {

TEST(SharedText, CopiesShareOneTextAndReadLikeAString) {
    const SharedText a = std::string("Hangzhou Hikvision Digital Technology");
    const SharedText b = a;
    EXPECT_TRUE(a.same_copy(b));
    EXPECT_EQ(b, "Hangzhou Hikvision Digital Technology");
    EXPECT_EQ(fmt::format("[{}]", b), "[Hangzhou Hikvision Digital Technology]");
    EXPECT_EQ(b.find("Hikvision"), 9u);
    EXPECT_EQ(std::string("by ") + b.str(), "by Hangzhou Hikvision Digital Technology");
    EXPECT_EQ(sizeof(SharedText), sizeof(void*));
}

TEST(SharedText, AssigningReplacesThisCopyOnly) {
    SharedText a = "medium";
    SharedText b = a;
    b = "high";
    EXPECT_EQ(a, "medium");
    EXPECT_EQ(b, "high");
    b.clear();
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b, "");
    EXPECT_EQ(a, "medium");
    SharedText moved = std::move(a);
    EXPECT_EQ(moved, "medium");
}

TEST(SharedText, EmptyTextHoldsNothing) {
    const SharedText e = std::string();
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(e.size(), 0u);
    EXPECT_TRUE(e.same_copy(SharedText()));
}

TEST(TextPool, HandsOutOneCopyPerDistinctText) {
    TextPool pool;
    const SharedText x = pool.intern("column vendor");
    const SharedText y = pool.intern(std::string("column ") + "vendor");
    const SharedText z = pool.intern("column model");
    EXPECT_TRUE(x.same_copy(y));
    EXPECT_FALSE(x.same_copy(z));
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_TRUE(pool.intern("").empty());
    EXPECT_EQ(pool.size(), 2u);
}

TEST(TextPool, CopiesOutliveThePool) {
    SharedText kept;
    {
        TextPool pool;
        kept = pool.intern("Praha HQ");
    }
    EXPECT_EQ(kept, "Praha HQ");
}

struct Part {
    std::string name;
    int n = 0;
};

TEST(Boxed, ReadingAnEmptyBoxGivesAnEmptyValueAndCreatesNothing) {
    Boxed<Part> box;
    EXPECT_FALSE(box.has_value());
    EXPECT_EQ(box->name, "");  // through a non-const box too
    EXPECT_EQ(box->n, 0);
    const Part& read = box;
    EXPECT_EQ(read.n, 0);
    EXPECT_FALSE(box.has_value());
    box.edit().n = 3;
    EXPECT_TRUE(box.has_value());
    EXPECT_EQ(box->n, 3);
}

TEST(Boxed, CopiesAreDeepAndBehaveAsAnOptional) {
    Boxed<Part> a = Part{"exception", 1};
    Boxed<Part> b = a;
    b.edit().n = 2;
    EXPECT_EQ(a->n, 1);
    EXPECT_EQ(b->n, 2);
    EXPECT_TRUE(static_cast<bool>(a));
    a = std::nullopt;
    EXPECT_FALSE(a);
    b.reset();
    EXPECT_FALSE(b.has_value());
}

}  // namespace
}  // namespace sovscan
