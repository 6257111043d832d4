#pragma once
// The catalog's category vocabulary (data/README.md): what a vendor makes or runs, and what a
// domain serves. Device categories say what kind of device an asset is when it contacts a vendor
// cloud; service categories (a cloud, a marketplace, an LLM API) say nothing about the device that
// uses them. One list, so that validation, the asset profiler and the vendor attributor agree.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sovscan {

enum class CategoryKind { device, service };

// The kind of a catalogued category; nullopt for a word that is not in the vocabulary.
std::optional<CategoryKind> category_kind(std::string_view category);
inline bool is_device_category(std::string_view c) { return category_kind(c) == CategoryKind::device; }

// The first device category of a ';'-list ("cloud;pv_inverter" -> "pv_inverter"), or "".
std::string first_device_category(std::string_view categories);

// Every category of the vocabulary, devices first, in the order data/README.md lists them.
const std::vector<std::string_view>& all_categories();

}  // namespace sovscan
