#pragma once
// Text that many records repeat word for word — an inventory file's path, a column's name, a
// vendor's name, "high" — held once and shared by every copy. A CMDB export of a million rows
// repeats a few dozen such strings in every attribute, attribution and finding; as std::string
// each copy was its own 32 bytes plus a heap block (issue 19: a 10^6-row inventory took 5 GB).
// A SharedText is one pointer (8 bytes, where std::string takes 32 and std::shared_ptr 16); copies
// share the text, which is never modified, and the last copy frees it.
//
// Reads like a const std::string: converts to `const std::string&` and `std::string_view`,
// compares with any text, formats with fmt and converts to JSON, so code that reads these fields
// does not change. Assigning replaces the text of this copy only.
#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <utility>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sovscan {

class SharedText {
public:
    SharedText() = default;
    SharedText(std::string text)  // NOLINT: implicit, it stands in for a std::string field
        : block_(text.empty() ? nullptr : new Block{{1}, std::move(text)}) {}
    SharedText(std::string_view text) : SharedText(std::string(text)) {}  // NOLINT
    SharedText(const char* text) : SharedText(std::string(text)) {}      // NOLINT
    SharedText(const SharedText& other) noexcept : block_(other.block_) { retain(); }
    SharedText(SharedText&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
    SharedText& operator=(const SharedText& other) noexcept {
        SharedText copy(other);
        std::swap(block_, copy.block_);
        return *this;
    }
    SharedText& operator=(SharedText&& other) noexcept {
        std::swap(block_, other.block_);
        return *this;
    }
    ~SharedText() { release(); }

    const std::string& str() const { return block_ ? block_->text : empty_string(); }
    operator const std::string&() const { return str(); }  // NOLINT
    operator std::string_view() const { return str(); }    // NOLINT

    bool empty() const { return !block_; }
    void clear() { *this = SharedText(); }  // this copy only
    size_t size() const { return str().size(); }
    const char* c_str() const { return str().c_str(); }
    const char* data() const { return str().data(); }
    size_t find(std::string_view s, size_t pos = 0) const { return str().find(s, pos); }
    size_t rfind(std::string_view s, size_t pos = std::string::npos) const { return str().rfind(s, pos); }
    std::string substr(size_t pos, size_t n = std::string::npos) const { return str().substr(pos, n); }
    std::string::const_iterator begin() const { return str().begin(); }
    std::string::const_iterator end() const { return str().end(); }
    // Whether two texts share one copy (a TextPool's): equal without comparing bytes.
    bool same_copy(const SharedText& other) const { return block_ == other.block_; }

    friend bool operator==(const SharedText& a, const SharedText& b) { return a.block_ == b.block_ || a.str() == b.str(); }
    friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
    friend auto operator<=>(const SharedText& a, const SharedText& b) { return a.str() <=> b.str(); }
    friend auto operator<=>(const SharedText& a, std::string_view b) { return std::string_view(a.str()) <=> b; }
    friend std::string operator+(const SharedText& a, std::string_view b) { return a.str() + std::string(b); }
    friend std::string operator+(std::string_view a, const SharedText& b) { return std::string(a) + b.str(); }
    friend std::ostream& operator<<(std::ostream& out, const SharedText& t) { return out << t.str(); }

private:
    // The text and how many SharedTexts hold it. Counted atomically: copies may live in threads.
    struct Block {
        std::atomic<uint64_t> holders;
        const std::string text;
    };
    void retain() const noexcept {
        if (block_) block_->holders.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        if (block_ && block_->holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete block_;
        block_ = nullptr;
    }
    static const std::string& empty_string() {
        static const std::string kEmpty;
        return kEmpty;
    }
    Block* block_ = nullptr;  // null = ""
};

// Hands out one shared copy per distinct text: a reader interns what its records repeat (a file
// name, column labels, owners, sites) so a million records hold a few dozen strings. Values that
// are unique per record (serial numbers) gain nothing from a pool: keep them as std::string.
class TextPool {
public:
    SharedText intern(std::string_view text) {
        if (text.empty()) return {};
        auto it = texts_.find(text);
        if (it != texts_.end()) return it->second;
        SharedText shared{text};
        // The key views the shared copy's own bytes, which live as long as the entry.
        texts_.emplace(std::string_view(shared.str()), shared);
        return shared;
    }
    size_t size() const { return texts_.size(); }

private:
    std::unordered_map<std::string_view, SharedText> texts_;
};

}  // namespace sovscan

template <>
struct fmt::formatter<sovscan::SharedText> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const sovscan::SharedText& t, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(std::string_view(t.str()), ctx);
    }
};
