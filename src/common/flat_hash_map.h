#pragma once
// An open-addressing hash map for the per-flow lookups of observe and assess (DNS answers, exposure
// pairs, devices): keys and values sit in one array, so a lookup costs one cache miss where
// std::unordered_map costs two or three (bucket array, then a node per element on its chain).
//
// Linear probing over a power-of-two array kept at most half full; the slot is chosen from the
// high bits of hash * 2^64/phi (Fibonacci hashing), so hashes whose low bits vary little (an
// IPv4-mapped address's) still spread. Erase shifts the following entries back (no tombstones).
// Unlike std::unordered_map, any insertion or erase may move entries: pointers and iterators are
// valid only until the next change. Iteration order is unspecified (callers sort what they show).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace sovscan {

template <typename K, typename V, typename Hash = std::hash<K>>
class FlatHashMap {
public:
    using value_type = std::pair<K, V>;

    FlatHashMap() = default;

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    V* find(const K& key) {
        const size_t i = locate(key);
        return i == kNone ? nullptr : &slots_[i]->second;
    }
    const V* find(const K& key) const {
        const size_t i = locate(key);
        return i == kNone ? nullptr : &slots_[i]->second;
    }

    // The value for `key`, default-constructed when it was not there; second = inserted.
    std::pair<V*, bool> try_emplace(const K& key) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        size_t i = home(key);
        for (;; i = (i + 1) & mask_) {
            if (!slots_[i]) break;
            if (slots_[i]->first == key) return {&slots_[i]->second, false};
        }
        slots_[i].emplace(key, V{});
        ++size_;
        return {&slots_[i]->second, true};
    }
    V& operator[](const K& key) { return *try_emplace(key).first; }

    // Removes `key`; false when it was not there.
    bool erase(const K& key) {
        size_t hole = locate(key);
        if (hole == kNone) return false;
        // Backward shift: pull each following entry of the run into the hole unless its home lies
        // cyclically in (hole, next], where moving it would put it before its home.
        for (size_t next = (hole + 1) & mask_; slots_[next]; next = (next + 1) & mask_) {
            const size_t h = home(slots_[next]->first);
            const bool stays = hole <= next ? (h > hole && h <= next) : (h > hole || h <= next);
            if (!stays) {
                slots_[hole] = std::move(slots_[next]);
                hole = next;
            }
        }
        slots_[hole].reset();
        --size_;
        return true;
    }

    void clear() {
        slots_.clear();
        size_ = 0;
        mask_ = 0;
        shift_ = 64;
    }

    // Forward iteration over the entries, as value_type (structured bindings work).
    template <bool kConst>
    class Iter {
    public:
        using Slots = std::conditional_t<kConst, const std::vector<std::optional<value_type>>,
                                         std::vector<std::optional<value_type>>>;
        using Ref = std::conditional_t<kConst, const value_type&, value_type&>;
        Iter(Slots* s, size_t i) : s_(s), i_(i) { skip(); }
        Ref operator*() const { return *(*s_)[i_]; }
        auto* operator->() const { return &*(*s_)[i_]; }
        Iter& operator++() {
            ++i_;
            skip();
            return *this;
        }
        friend bool operator==(const Iter& a, const Iter& b) { return a.i_ == b.i_; }

    private:
        void skip() {
            while (i_ < s_->size() && !(*s_)[i_]) ++i_;
        }
        Slots* s_;
        size_t i_;
    };
    Iter<false> begin() { return {&slots_, 0}; }
    Iter<false> end() { return {&slots_, slots_.size()}; }
    Iter<true> begin() const { return {&slots_, 0}; }
    Iter<true> end() const { return {&slots_, slots_.size()}; }

private:
    static constexpr size_t kNone = ~size_t{0};

    size_t home(const K& key) const {
        return static_cast<size_t>((static_cast<uint64_t>(Hash{}(key)) * 0x9E3779B97F4A7C15ULL) >> shift_);
    }
    size_t locate(const K& key) const {
        if (size_ == 0) return kNone;
        for (size_t i = home(key);; i = (i + 1) & mask_) {
            if (!slots_[i]) return kNone;
            if (slots_[i]->first == key) return i;
        }
    }
    void grow() {
        std::vector<std::optional<value_type>> old;
        old.swap(slots_);
        const size_t n = old.empty() ? 16 : old.size() * 2;
        slots_.resize(n);
        mask_ = n - 1;
        shift_ = 64 - std::countr_zero(n);
        for (auto& s : old) {
            if (!s) continue;
            size_t i = home(s->first);
            while (slots_[i]) i = (i + 1) & mask_;
            slots_[i] = std::move(s);
        }
    }

    std::vector<std::optional<value_type>> slots_;
    size_t size_ = 0;
    size_t mask_ = 0;
    int shift_ = 64;
};

}  // namespace sovscan
