#include "intel/category.h"

#include <algorithm>
#include <array>

namespace sovscan {
namespace {

struct CategoryDef {
    std::string_view name;
    CategoryKind kind;
};

// Sectors of the issue that asked for them (issue 14) and of the NÚKIB warning; data/README.md
// explains each. Kept sorted by kind, then as listed there.
constexpr std::array kCategories = {
    CategoryDef{"smartphone", CategoryKind::device},        CategoryDef{"consumer_electronics", CategoryKind::device},
    CategoryDef{"home_appliance", CategoryKind::device},    CategoryDef{"smart_home", CategoryKind::device},
    CategoryDef{"consumer_iot", CategoryKind::device},      CategoryDef{"robotics", CategoryKind::device},
    CategoryDef{"ip_camera", CategoryKind::device},         CategoryDef{"access_control", CategoryKind::device},
    CategoryDef{"drone", CategoryKind::device},             CategoryDef{"ev", CategoryKind::device},
    CategoryDef{"ev_charger", CategoryKind::device},        CategoryDef{"pv_inverter", CategoryKind::device},
    CategoryDef{"battery", CategoryKind::device},           CategoryDef{"smart_meter", CategoryKind::device},
    CategoryDef{"iot_module", CategoryKind::device},        CategoryDef{"semiconductor", CategoryKind::device},
    CategoryDef{"router", CategoryKind::device},            CategoryDef{"network_equipment", CategoryKind::device},
    CategoryDef{"server", CategoryKind::device},            CategoryDef{"pc", CategoryKind::device},
    CategoryDef{"printer", CategoryKind::device},           CategoryDef{"medical", CategoryKind::device},
    CategoryDef{"industrial_automation", CategoryKind::device},
    CategoryDef{"cloud", CategoryKind::service},            CategoryDef{"cdn", CategoryKind::service},
    CategoryDef{"llm_ai", CategoryKind::service},           CategoryDef{"telecom", CategoryKind::service},
    CategoryDef{"security_software", CategoryKind::service}, CategoryDef{"ecommerce", CategoryKind::service},
    CategoryDef{"social_media", CategoryKind::service},     CategoryDef{"video", CategoryKind::service},
    CategoryDef{"maps", CategoryKind::service},             CategoryDef{"travel", CategoryKind::service},
    CategoryDef{"payment", CategoryKind::service},          CategoryDef{"finance", CategoryKind::service},
    CategoryDef{"games", CategoryKind::service},            CategoryDef{"input_method", CategoryKind::service},
    CategoryDef{"browser", CategoryKind::service},          CategoryDef{"media", CategoryKind::service},
    CategoryDef{"education", CategoryKind::service},        CategoryDef{"app", CategoryKind::service},
    CategoryDef{"other", CategoryKind::service},
};

}  // namespace

std::optional<CategoryKind> category_kind(std::string_view category) {
    for (const CategoryDef& c : kCategories)
        if (c.name == category) return c.kind;
    return std::nullopt;
}

std::string first_device_category(std::string_view categories) {
    while (!categories.empty()) {
        const size_t end = categories.find(';');
        const std::string_view c = categories.substr(0, end);
        if (is_device_category(c)) return std::string(c);
        if (end == std::string_view::npos) break;
        categories.remove_prefix(end + 1);
    }
    return {};
}

const std::vector<std::string_view>& all_categories() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> v;
        for (const CategoryDef& c : kCategories) v.push_back(c.name);
        return v;
    }();
    return names;
}

}  // namespace sovscan
