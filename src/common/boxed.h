#pragma once
// A part of a value that most instances leave empty, kept on the heap only when it is set: one
// pointer where the part itself would take hundreds of bytes. A finding about an asset has no
// counterpart (15 strings) and most findings no exception (two records of 5 strings); a
// million-row inventory makes half a million findings (issue 19).
//
// Reads like std::optional<T> (has_value, bool, *, ->, = value, reset) with one difference that
// keeps readers simple: reading an empty box gives an empty T instead of undefined behaviour, so
// `f.counterpart->ip` is the unspecified address for a finding without a counterpart. Reading
// never allocates, even through a non-const box; writing says so (`edit()` creates the value), so
// no reader fills a million findings with empty counterparts by accident. Copies are deep.
#include <memory>
#include <optional>
#include <utility>

namespace sovscan {

template <typename T>
class Boxed {
public:
    Boxed() = default;
    Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: as std::optional
    Boxed(std::nullopt_t) {}                                            // NOLINT
    Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& other) {
        if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    Boxed& operator=(T value) {
        value_ = std::make_unique<T>(std::move(value));
        return *this;
    }
    Boxed& operator=(std::nullopt_t) {
        value_.reset();
        return *this;
    }

    bool has_value() const { return value_ != nullptr; }
    explicit operator bool() const { return has_value(); }
    void reset() { value_.reset(); }

    const T& operator*() const { return value_ ? *value_ : empty(); }
    const T* operator->() const { return &**this; }
    operator const T&() const { return **this; }  // NOLINT: `const Counterpart& c = f.counterpart;`
    // The value to change, created empty when the box was.
    T& edit() {
        if (!value_) value_ = std::make_unique<T>();
        return *value_;
    }

private:
    static const T& empty() {
        static const T kEmpty{};
        return kEmpty;
    }
    std::unique_ptr<T> value_;
};

}  // namespace sovscan
