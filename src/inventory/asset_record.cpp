#include "inventory/asset_record.h"

namespace sovscan {

const char* asset_source_label(AssetSourceKind k) {
    switch (k) {
        case AssetSourceKind::traffic: return "traffic";
        case AssetSourceKind::cmdb: return "cmdb";
        case AssetSourceKind::nmap: return "nmap";
        case AssetSourceKind::sbom: return "sbom";
        case AssetSourceKind::model: return "model";
    }
    return "unknown";
}

}  // namespace sovscan
