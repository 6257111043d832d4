// FlatHashMap against std::unordered_map as the oracle: random inserts, lookups and erases (erase
// shifts entries back, the part easiest to get wrong), keys whose hashes collide on purpose, values
// that own memory, and iteration.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>

#include "common/flat_hash_map.h"
#include "common/ip_address.h"

namespace sovscan {
namespace {

// Few distinct hashes: long probe runs that wrap around the array's end.
struct CollidingHash {
    size_t operator()(uint64_t k) const noexcept { return k % 7; }
};

template <typename Map>
void check_same(const Map& flat, const std::unordered_map<uint64_t, std::string>& oracle) {
    ASSERT_EQ(flat.size(), oracle.size());
    for (const auto& [k, v] : oracle) {
        const std::string* got = flat.find(k);
        ASSERT_NE(got, nullptr) << k;
        ASSERT_EQ(*got, v) << k;
    }
    size_t n = 0;
    for (const auto& [k, v] : flat) {
        auto it = oracle.find(k);
        ASSERT_NE(it, oracle.end()) << k;
        ASSERT_EQ(it->second, v);
        ++n;
    }
    ASSERT_EQ(n, oracle.size());
}

template <typename Hash>
void random_operations(uint64_t key_range, int steps) {
    FlatHashMap<uint64_t, std::string, Hash> flat;
    std::unordered_map<uint64_t, std::string> oracle;
    std::mt19937_64 rng(42);
    for (int i = 0; i < steps; ++i) {
        const uint64_t k = rng() % key_range;
        switch (rng() % 4) {
            case 0:
            case 1: {
                // Long values: a moved-from slot that kept its string would show.
                const std::string v = std::to_string(i) + std::string(40, 'x');
                auto [p, inserted] = flat.try_emplace(k);
                ASSERT_EQ(inserted, oracle.find(k) == oracle.end());
                *p = v;
                oracle[k] = v;
                break;
            }
            case 2:
                ASSERT_EQ(flat.erase(k), oracle.erase(k) == 1) << k;
                break;
            default: {
                const std::string* got = flat.find(k);
                auto it = oracle.find(k);
                ASSERT_EQ(got != nullptr, it != oracle.end()) << k;
                if (got) {
                    ASSERT_EQ(*got, it->second);
                }
            }
        }
        if (i % 997 == 0) check_same(flat, oracle);
    }
    check_same(flat, oracle);
}

TEST(FlatHashMap, BehavesLikeUnorderedMapUnderRandomOperations) {
    random_operations<std::hash<uint64_t>>(5000, 200000);
}

TEST(FlatHashMap, CollidingHashesAndWrappingRuns) { random_operations<CollidingHash>(300, 50000); }

TEST(FlatHashMap, EmptyMapFindsNothingAndErasesNothing) {
    FlatHashMap<uint64_t, int> m;
    EXPECT_EQ(m.find(1), nullptr);
    EXPECT_FALSE(m.erase(1));
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.begin(), m.end());
}

TEST(FlatHashMap, IPv4AddressesSpreadDespiteTheirConstantLowHashBits) {
    // IpAddressHash of IPv4-mapped addresses has its lowest bits fixed; the table must not
    // cluster them (every lookup would walk a long run). Lookups stay correct either way; this
    // checks they are found and iterate once each.
    FlatHashMap<IpAddress, int, IpAddressHash> m;
    for (uint32_t i = 0; i < 20000; ++i) m[IpAddress::v4(0x0a000000u + i * 4)] = int(i);
    ASSERT_EQ(m.size(), 20000u);
    for (uint32_t i = 0; i < 20000; ++i) {
        const int* v = m.find(IpAddress::v4(0x0a000000u + i * 4));
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(*v, int(i));
    }
    EXPECT_EQ(m.find(IpAddress::v4(0x0a000001u)), nullptr);
    std::set<int> seen;
    for (const auto& [ip, v] : m) seen.insert(v);
    EXPECT_EQ(seen.size(), 20000u);
}

TEST(FlatHashMap, ValuesOwningMemorySurviveGrowthAndErase) {
    FlatHashMap<uint64_t, std::map<std::string, int>> m;
    for (uint64_t k = 0; k < 1000; ++k) (*m.try_emplace(k).first)["k" + std::to_string(k)] = int(k);
    for (uint64_t k = 0; k < 1000; k += 2) EXPECT_TRUE(m.erase(k));
    EXPECT_EQ(m.size(), 500u);
    for (uint64_t k = 1; k < 1000; k += 2) {
        const auto* v = m.find(k);
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(v->at("k" + std::to_string(k)), int(k));
    }
    m.clear();
    EXPECT_EQ(m.size(), 0u);
    EXPECT_EQ(m.find(1), nullptr);
    m[7]["x"] = 1;  // usable again after clear
    EXPECT_EQ(m.find(7)->at("x"), 1);
}

}  // namespace
}  // namespace sovscan
