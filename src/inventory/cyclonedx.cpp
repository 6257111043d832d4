#include "inventory/cyclonedx.h"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "inventory/json_input.h"

namespace sovscan {

namespace {

using nlohmann::json;

// JSON CycloneDX began with 1.2; 1.4-1.6 are the versions in use. A later version is read with
// 1.6's fields (each version so far only added fields), after saying so.
constexpr std::array<std::string_view, 5> kKnownSpecVersions = {"1.2", "1.3", "1.4", "1.5", "1.6"};

class CycloneDxReader {
public:
    explicit CycloneDxReader(const std::string& file) : file_(file), fields_(file, result_.problems) {}

    InventoryReadResult read(const json& bom) {
        if (!bom.is_object()) {
            fields_.problem("", fmt::format("expected a CycloneDX BOM (an object), found {}", json_kind_name(bom)));
            return std::move(result_);
        }
        read_header(bom);
        system_.source = AssetSource{AssetSourceKind::sbom, file_, "metadata.component", detail_};
        if (const json* metadata = fields_.object(bom, "metadata", "")) read_metadata(*metadata);
        if (!system_.attribute("name"))
            fields_.problem("metadata.component",
                            "missing: the BOM does not name the system it describes; "
                            "its components are kept on an unnamed system");
        read_components(bom, "");
        read_services(bom, "");
        result_.records.push_back(std::move(system_));
        return std::move(result_);
    }

private:
    void read_header(const json& bom) {
        std::string format = fields_.string(bom, "bomFormat", "");
        if (format != "CycloneDX")
            fields_.problem("bomFormat", format.empty() ? "missing (a CycloneDX BOM says \"CycloneDX\")"
                                                        : fmt::format("{} is not \"CycloneDX\"", quoted_value(format)));
        std::string version = fields_.string(bom, "specVersion", "");
        bool known = false;
        for (std::string_view v : kKnownSpecVersions) known = known || v == version;
        if (!known)
            fields_.problem("specVersion", fmt::format("{} is not a version sovscan knows (1.2-1.6); read as 1.6",
                                                       version.empty() ? "missing" : quoted_value(version)));
        detail_ = version.empty() ? "CycloneDX" : fmt::format("CycloneDX {}", version);
    }

    void read_metadata(const json& metadata) {
        if (const json* component = fields_.object(metadata, "component", "metadata")) {
            if (auto described = read_component(*component, "metadata.component"))
                describe_system(*described, *component);
            // A described assembly's own parts (subassemblies) are software of the system too.
            read_components(*component, "metadata.component");
        }
        add_attribute("supplier", fields_.entity_name(metadata, "supplier", "metadata"), "metadata.supplier");
        // metadata.manufacture (1.2-1.5) is the maker of the described system; 1.6 moved that to
        // metadata.component.manufacturer and gave metadata.manufacturer a new meaning: whoever
        // produced the BOM. Both are kept, under different names.
        add_attribute("manufacturer", fields_.entity_name(metadata, "manufacture", "metadata"), "metadata.manufacture");
        add_attribute("sbom_creator", fields_.entity_name(metadata, "manufacturer", "metadata"),
                      "metadata.manufacturer");
        add_attribute("sbom_creator", author_names(metadata, "metadata"), "metadata.authors");
    }

    void describe_system(const SoftwareComponent& c, const json& component) {
        add_attribute("name", c.name, "metadata.component.name");
        add_attribute("version", c.version, "metadata.component.version");
        add_attribute("bom_ref", fields_.string(component, "bom-ref", "metadata.component"),
                      "metadata.component.bom-ref");
        add_attribute("type", c.kind, "metadata.component.type");
        add_attribute("supplier", c.supplier, "metadata.component.supplier");
        add_attribute("manufacturer", c.manufacturer, "metadata.component.manufacturer");
        add_attribute("publisher", c.publisher, "metadata.component.publisher");
        add_attribute("author", c.author, "metadata.component.author");
        add_attribute("purl", c.purl, "metadata.component.purl");
        add_attribute("cpe", c.cpe, "metadata.component.cpe");
    }

    // Components nest (an application's bundled libraries, a device's firmware): all are read.
    // Recursion depth is bounded by the JSON nesting bound (parse_inventory_json).
    void read_components(const json& parent, const std::string& path) {
        std::string list_path = json_member_path(path, "components");
        const json* list = fields_.array(parent, "components", path);
        if (!list) return;
        for (size_t i = 0; i < list->size(); ++i) {
            const json& entry = (*list)[i];
            std::string entry_path = json_index_path(list_path, i);
            if (!entry.is_object()) {
                fields_.wrong_type(entry_path, "an object", entry);
                continue;
            }
            if (auto c = read_component(entry, entry_path)) system_.software.push_back(std::move(*c));
            read_components(entry, entry_path);
        }
    }

    std::optional<SoftwareComponent> read_component(const json& entry, const std::string& path) {
        SoftwareComponent c;
        std::string name = fields_.string(entry, "name", path);
        c.name = qualified_name(entry, name, path);
        c.version = fields_.string(entry, "version", path);
        c.supplier = fields_.entity_name(entry, "supplier", path);
        c.manufacturer = fields_.entity_name(entry, "manufacturer", path);  // 1.6
        c.publisher = fields_.string(entry, "publisher", path);
        c.author = join_names(fields_.string(entry, "author", path), author_names(entry, path));
        c.purl = fields_.string(entry, "purl", path);
        c.cpe = fields_.string(entry, "cpe", path);
        c.kind = fields_.string(entry, "type", path);
        c.source = AssetSource{AssetSourceKind::sbom, file_, path, detail_};
        if (name.empty()) {
            if (c.purl.empty() && c.cpe.empty()) {
                fields_.problem(path, "no name, purl or cpe: nothing identifies it; skipped");
                return std::nullopt;
            }
            fields_.problem(path, "no name (the schema requires one); kept for its purl/cpe");
        }
        return c;
    }

    // Services (a SaaSBOM's APIs) nest like components; their provider is the supplier.
    void read_services(const json& parent, const std::string& path) {
        std::string list_path = json_member_path(path, "services");
        const json* list = fields_.array(parent, "services", path);
        if (!list) return;
        for (size_t i = 0; i < list->size(); ++i) {
            const json& entry = (*list)[i];
            std::string entry_path = json_index_path(list_path, i);
            if (!entry.is_object()) {
                fields_.wrong_type(entry_path, "an object", entry);
                continue;
            }
            SoftwareComponent s;
            std::string name = fields_.string(entry, "name", entry_path);
            s.name = qualified_name(entry, name, entry_path);
            s.version = fields_.string(entry, "version", entry_path);
            s.supplier = fields_.entity_name(entry, "provider", entry_path);
            s.kind = "service";
            s.source = AssetSource{AssetSourceKind::sbom, file_, entry_path, detail_};
            if (name.empty()) fields_.problem(entry_path, "no name (the schema requires one)");
            if (!s.name.empty() || !s.supplier.empty()) system_.software.push_back(std::move(s));
            read_services(entry, entry_path);
        }
    }

    // group/name as a purl writes them (com.alibaba/fastjson, @alicloud/pop-core): the group is the
    // publisher's namespace, which the vendor mapping needs when there is no purl.
    std::string qualified_name(const json& entry, const std::string& name, const std::string& path) {
        std::string group = fields_.string(entry, "group", path);
        if (group.empty()) return name;
        return name.empty() ? group : group + "/" + name;
    }

    // The names of an "authors" array (1.6 components, 1.5+ metadata), joined with "; ".
    std::string author_names(const json& obj, const std::string& path) {
        const json* authors = fields_.array(obj, "authors", path);
        if (!authors) return {};
        std::string names;
        std::string list_path = json_member_path(path, "authors");
        for (size_t i = 0; i < authors->size(); ++i) {
            const json& author = (*authors)[i];
            if (!author.is_object()) {
                fields_.wrong_type(json_index_path(list_path, i), "an object", author);
                continue;
            }
            names = join_names(names, fields_.string(author, "name", json_index_path(list_path, i)));
        }
        return names;
    }

    static std::string join_names(const std::string& a, const std::string& b) {
        if (a.empty()) return b;
        if (b.empty() || a == b) return a;
        return a + "; " + b;
    }

    void add_attribute(const char* name, std::string value, const char* field) {
        // High confidence: the SBOM's author states it.
        system_.add_attribute(name, std::move(value), "high", AssetSource{AssetSourceKind::sbom, file_, field, detail_});
    }

    SharedText file_;  // one copy, shared by every component's source
    InventoryReadResult result_;
    JsonFieldReader fields_;  // reports into result_.problems
    AssetRecord system_;
    SharedText detail_ = "CycloneDX";
};

}  // namespace

InventoryReadResult read_cyclonedx_document(const json& bom, const std::string& file) {
    return CycloneDxReader(file).read(bom);
}

InventoryReadResult read_cyclonedx(std::string_view text, const std::string& file) {
    InventoryReadResult result;
    std::optional<json> bom = parse_inventory_json(text, file, result.problems);
    if (!bom) return result;
    return read_cyclonedx_document(*bom, file);
}

}  // namespace sovscan
