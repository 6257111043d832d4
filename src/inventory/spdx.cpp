#include "inventory/spdx.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "inventory/json_input.h"

namespace sovscan {

namespace {

using nlohmann::json;

// An SPDX "actor" field: "Organization: NAME (EMAIL)", "Person: NAME (EMAIL)", "Tool: NAME".
struct SpdxActor {
    bool organization = false;
    std::string name;
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

SpdxActor parse_actor(std::string_view text) {
    text = trimmed(text);
    if (text == "NOASSERTION" || text == "NONE") return {};
    SpdxActor actor;
    for (std::string_view prefix : {"Organization:", "Person:", "Tool:"}) {
        if (text.substr(0, prefix.size()) == prefix) {
            actor.organization = prefix == "Organization:";
            text = trimmed(text.substr(prefix.size()));
            break;
        }
    }
    // The optional contact at the end, "(opensource@example.com)" or "()", is not part of the name.
    if (!text.empty() && text.back() == ')') {
        size_t open = text.rfind('(');
        if (open != std::string_view::npos) {
            std::string_view contact = text.substr(open + 1, text.size() - open - 2);
            if (contact.empty() || contact.find('@') != std::string_view::npos) text = trimmed(text.substr(0, open));
        }
    }
    actor.name = std::string(text);
    return actor;
}

// primaryPackagePurpose in CycloneDX's spelling (OPERATING_SYSTEM -> operating-system), so that
// both SBOM formats give the merge the same component kinds.
std::string purpose_kind(std::string purpose) {
    std::transform(purpose.begin(), purpose.end(), purpose.begin(), [](char c) {
        if (c == '_') return '-';
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return purpose;
}

class SpdxReader {
public:
    explicit SpdxReader(const std::string& file) : file_(file), fields_(file, result_.problems) {}

    InventoryReadResult read(const json& document) {
        if (!document.is_object()) {
            fields_.problem("",
                            fmt::format("expected an SPDX document (an object), found {}", json_kind_name(document)));
            return std::move(result_);
        }
        read_header(document);
        std::set<std::string> described = described_ids(document);
        // Exactly one described package is the system; with none or several, the document is.
        bool one_system = described.size() == 1;
        bool system_found = false;
        if (const json* packages = fields_.array(document, "packages", "")) {
            for (size_t i = 0; i < packages->size(); ++i) {
                std::string path = json_index_path("packages", i);
                const json& package = (*packages)[i];
                if (!package.is_object()) {
                    fields_.wrong_type(path, "an object", package);
                    continue;
                }
                std::string id = fields_.string(package, "SPDXID", path);
                std::optional<SoftwareComponent> c = read_package(package, path);
                if (!c) continue;
                if (one_system && described.count(id)) {
                    describe_system(*c, id);
                    system_found = true;
                } else {
                    system_.software.push_back(std::move(*c));
                }
            }
        }
        if (!system_found) name_system_after_document(document, described);
        result_.records.push_back(std::move(system_));
        return std::move(result_);
    }

private:
    void read_header(const json& document) {
        std::string version = fields_.string(document, "spdxVersion", "");
        if (version.rfind("SPDX-2.", 0) != 0)
            fields_.problem("spdxVersion", fmt::format("{} is not SPDX 2.x; read as SPDX-2.3",
                                                       version.empty() ? "missing" : quoted_value(version)));
        detail_ = version.empty() ? "SPDX" : version;
        document_id_ = fields_.string(document, "SPDXID", "");
        if (document_id_.empty()) document_id_ = "SPDXRef-DOCUMENT";
        system_.source = AssetSource{AssetSourceKind::sbom, file_, "documentDescribes", detail_};
    }

    // documentDescribes, plus DESCRIBES relationships from the document (and DESCRIBED_BY to it):
    // SPDX 2.3 allows either way of saying what the document is about.
    std::set<std::string> described_ids(const json& document) {
        std::set<std::string> ids;
        if (const json* list = fields_.array(document, "documentDescribes", "")) {
            for (size_t i = 0; i < list->size(); ++i) {
                if ((*list)[i].is_string())
                    ids.insert((*list)[i].get<std::string>());
                else
                    fields_.wrong_type(json_index_path("documentDescribes", i), "a string", (*list)[i]);
            }
        }
        if (const json* relationships = fields_.array(document, "relationships", "")) {
            for (size_t i = 0; i < relationships->size(); ++i) {
                const json& r = (*relationships)[i];
                std::string path = json_index_path("relationships", i);
                if (!r.is_object()) {
                    fields_.wrong_type(path, "an object", r);
                    continue;
                }
                std::string type = fields_.string(r, "relationshipType", path);
                if (type != "DESCRIBES" && type != "DESCRIBED_BY") continue;
                std::string from = fields_.string(r, "spdxElementId", path);
                std::string to = fields_.string(r, "relatedSpdxElement", path);
                if (type == "DESCRIBES" && from == document_id_ && !to.empty()) ids.insert(to);
                if (type == "DESCRIBED_BY" && to == document_id_ && !from.empty()) ids.insert(from);
            }
        }
        return ids;
    }

    std::optional<SoftwareComponent> read_package(const json& package, const std::string& path) {
        SoftwareComponent c;
        c.name = fields_.string(package, "name", path);
        c.version = fields_.string(package, "versionInfo", path);
        c.supplier = parse_actor(fields_.string(package, "supplier", path)).name;
        // The originator is where the package came from: an organization is its maker, a person
        // its author (CycloneDX's manufacturer and author).
        SpdxActor originator = parse_actor(fields_.string(package, "originator", path));
        (originator.organization ? c.manufacturer : c.author) = originator.name;
        c.kind = purpose_kind(fields_.string(package, "primaryPackagePurpose", path));
        read_external_refs(package, path, c);
        c.source = AssetSource{AssetSourceKind::sbom, file_, path, detail_};
        if (c.name.empty()) {
            fields_.problem(path, c.purl.empty() && c.cpe.empty()
                                      ? "no name, purl or cpe: nothing identifies it; skipped"
                                      : "no name (the specification requires one); kept for its purl/cpe");
            if (c.purl.empty() && c.cpe.empty()) return std::nullopt;
        }
        return c;
    }

    // The first purl and the first CPE (2.3 preferred over 2.2) among the external references.
    void read_external_refs(const json& package, const std::string& path, SoftwareComponent& c) {
        const json* refs = fields_.array(package, "externalRefs", path);
        if (!refs) return;
        std::string cpe22;
        std::string list_path = json_member_path(path, "externalRefs");
        for (size_t i = 0; i < refs->size(); ++i) {
            const json& ref = (*refs)[i];
            std::string ref_path = json_index_path(list_path, i);
            if (!ref.is_object()) {
                fields_.wrong_type(ref_path, "an object", ref);
                continue;
            }
            std::string type = fields_.string(ref, "referenceType", ref_path);
            std::string locator = fields_.string(ref, "referenceLocator", ref_path);
            if (type == "purl" && c.purl.empty())
                c.purl = locator;
            else if (type == "cpe23Type" && c.cpe.empty())
                c.cpe = locator;
            else if (type == "cpe22Type" && cpe22.empty())
                cpe22 = locator;
        }
        if (c.cpe.empty()) c.cpe = cpe22;
    }

    void describe_system(const SoftwareComponent& c, const std::string& spdx_id) {
        system_.source.location = c.source.location;
        add_attribute("name", c.name, c.source.location);
        add_attribute("version", c.version, c.source.location);
        add_attribute("spdx_id", spdx_id, c.source.location);
        add_attribute("type", c.kind, c.source.location);
        add_attribute("supplier", c.supplier, c.source.location);
        add_attribute("manufacturer", c.manufacturer, c.source.location);
        add_attribute("author", c.author, c.source.location);
        add_attribute("purl", c.purl, c.source.location);
        add_attribute("cpe", c.cpe, c.source.location);
    }

    void name_system_after_document(const json& document, const std::set<std::string>& described) {
        if (described.empty())
            fields_.problem("documentDescribes",
                            "the document names no described package (documentDescribes or a "
                            "DESCRIBES relationship); its name stands for the system");
        else if (described.size() == 1)
            fields_.problem("documentDescribes", fmt::format("describes {}, which is not among the packages; the "
                                                             "document's name stands for the system",
                                                             quoted_value(*described.begin())));
        system_.source.location = "name";
        add_attribute("name", fields_.string(document, "name", ""), "name");
    }

    void add_attribute(const char* name, std::string value, const std::string& location) {
        // High confidence: the SBOM's author states it.
        system_.add_attribute(name, std::move(value), "high", AssetSource{AssetSourceKind::sbom, file_, location, detail_});
    }

    SharedText file_;  // one copy, shared by every package's source
    InventoryReadResult result_;
    JsonFieldReader fields_;  // reports into result_.problems
    AssetRecord system_;
    SharedText detail_ = "SPDX";
    std::string document_id_;
};

}  // namespace

std::string spdx_actor_name(std::string_view actor) { return parse_actor(actor).name; }

InventoryReadResult read_spdx_document(const json& document, const std::string& file) {
    return SpdxReader(file).read(document);
}

InventoryReadResult read_spdx(std::string_view text, const std::string& file) {
    InventoryReadResult result;
    std::optional<json> document = parse_inventory_json(text, file, result.problems);
    if (!document) return result;
    return read_spdx_document(*document, file);
}

}  // namespace sovscan
