#pragma once
// What one inventory source says about one asset, before any merging: a CMDB row, an nmap host, the
// system an SBOM describes (with its components), a model file, or what traffic revealed about a
// device (DHCP, mDNS, SSDP, HTTP banners, the clouds it contacts). Every attribute keeps where it
// came from and how sure that source is, so that the merged asset list (assess/asset_merger) can show
// conflicting evidence side by side instead of letting the last source overwrite the others.
#include <array>
#include <string_view>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ip_address.h"
#include "common/shared_text.h"
#include "common/mac_address.h"

namespace sovscan {

// Which kind of input a record came from (reports name it; the merge ranks them).
enum class AssetSourceKind : uint8_t { traffic, cmdb, nmap, sbom, model };
const char* asset_source_label(AssetSourceKind k);  // "traffic", "cmdb", "nmap", "sbom", "model"

// Where exactly: a file and a position in it, or an observation ("DHCP request", "SSDP NOTIFY").
struct AssetSource {
    AssetSourceKind kind = AssetSourceKind::traffic;
    // The path and the detail repeat in every attribute of a file's records: shared (SharedText).
    SharedText file;       // input path ("" for traffic observations: see `detail`)
    // Shared by every attribute of the record: one copy per row, not one per attribute.
    SharedText location;   // "row 12", "host 192.168.1.10", "components[3]", "frame 4411"
    SharedText detail;     // e.g. "DHCP option 60", "SSDP SERVER header", "nmap -oX 7.93"
};

// The default confidence, one shared copy for every attribute that keeps it.
inline const SharedText& medium_confidence() {
    static const SharedText kMedium{"medium"};
    return kMedium;
}

// One value with its evidence. `confidence` is high (the asset or its owner says so: CMDB, DHCP
// option, SBOM supplier), medium (derived: OUI registrant, nmap's guess, a vendor cloud contacted)
// or low (heuristic).
struct AssetAttribute {
    SharedText name;    // "hostname", "manufacturer", "model", "category", "os", "vendor_class", ...
    std::string value;  // raw as given (outputs escape it)
    SharedText confidence = medium_confidence();
    AssetSource source;
    // How many times the source stated this same value with the same evidence (traffic: messages
    // or flows; observe/device_observations.h keeps one attribute and counts repeats). 1 otherwise.
    uint64_t count = 1;
};

// A software component found on an asset (an SBOM component, a CPE or banner from nmap).
struct SoftwareComponent {
    std::string name, version;
    std::string supplier, manufacturer, publisher, author;  // as the document states them
    std::string purl;                                       // pkg:maven/com.alibaba/fastjson@1.2.83
    std::string cpe;                                        // cpe:/a:vendor:product:version
    std::string kind;                                       // library, application, firmware, os, ml-model, ...
    AssetSource source;
};

// A problem in an inventory input: reported, the rest of the input still read. `where` names the
// file and position ("assets.csv:12: column ip").
struct InventoryProblem {
    std::string where, message;
};

// A parent model that a model was fine-tuned, merged or quantised from (GGUF general.base_model.N.*).
struct BaseModelRef {
    std::string name, organization, repo_url;
};

// An AI model found on disk or referenced by a configuration.
struct ModelArtifact {
    std::string path;
    std::string format;        // gguf, safetensors, hf-config
    std::string architecture;  // general.architecture / model_type / architectures[0]
    std::string name, organization, base_model, license;
    bool local_weights = false;  // weights present (GGUF, safetensors) rather than a config only
    AssetSource source;
    // Added for `sovscan models` (issue 4 part 5):
    std::vector<BaseModelRef> base_models;  // every parent; base_model is the first one's name
    std::vector<std::string> files;         // the files the artifact was read from
    // Every identifying value read (model_type, each architectures[] class, tokenizer class, names,
    // organisations, special tokens), each with the file and key it came from in source.file and
    // source.detail: what the model's origin is judged on. Names: inventory/model_clue.h.
    std::vector<AssetAttribute> attributes;
    // What could not be read in its files (a corrupt tail, a Git LFS pointer): the rest stands.
    std::vector<InventoryProblem> problems;
};

// Confidentiality, integrity and availability values on the 1-4 scale of decree 409/2025 (0 = not
// given).
struct CiaValues {
    uint8_t c = 0, i = 0, a = 0;
};

// One asset as one source sees it. Identity fields are what the merge keys on; everything else is
// an attribute with evidence.
struct AssetRecord {
    AssetSource source;
    std::string inventory_id;            // CMDB id (stable key across scans)
    std::vector<IpAddress> ips;
    std::vector<MacAddress> macs;
    std::vector<std::string> hostnames;  // lower case
    std::vector<AssetAttribute> attributes;
    std::vector<SoftwareComponent> software;
    std::vector<ModelArtifact> models;
    CiaValues cia;
    SharedText owner, location;  // shared: a register names a few owners and sites

    // Adds an attribute unless `value` is empty (an absent field is no evidence).
    void add_attribute(SharedText name, std::string value, SharedText confidence, AssetSource source) {
        if (value.empty()) return;
        attributes.push_back(AssetAttribute{std::move(name), std::move(value), std::move(confidence), std::move(source)});
    }

    // The first attribute named `name`, or null.
    const AssetAttribute* attribute(std::string_view name) const {
        for (const AssetAttribute& a : attributes)
            if (a.name == name) return &a;
        return nullptr;
    }
};

}  // namespace sovscan
