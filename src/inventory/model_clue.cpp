#include "inventory/model_clue.h"

#include <algorithm>
#include <cctype>

namespace sovscan {

namespace {

bool has_alnum(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// Hugging Face and GitHub ids are ASCII letters, digits and . _ -
bool is_id_part(std::string_view s) {
    if (s.empty() || s.size() > 96 || s.front() == '.' || !has_alnum(s)) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

}  // namespace

void add_model_clue(ModelArtifact& model, std::string_view clue, std::string_view value, const std::string& file,
                    std::string detail, std::string_view confidence) {
    if (!has_alnum(value)) return;
    for (const AssetAttribute& a : model.attributes)
        if (a.name == clue && a.value == value && a.source.file == file) return;
    AssetAttribute a;
    a.name = std::string(clue);
    a.value = std::string(value);
    a.confidence = std::string(confidence);
    a.source.kind = AssetSourceKind::model;
    a.source.file = file;
    a.source.detail = std::move(detail);
    model.attributes.push_back(std::move(a));
}

std::optional<RepoId> parse_repo_id(std::string_view text) {
    std::string_view path = text;
    if (auto scheme = text.find("://"); scheme != std::string_view::npos) {
        path = text.substr(scheme + 3);
        auto slash = path.find('/');
        if (slash == std::string_view::npos) return std::nullopt;
        path.remove_prefix(slash + 1);  // the host
        // A URL may go on past the repository (/tree/main, /blob/main/x): owner and name lead it.
        auto second = path.find('/');
        if (second != std::string_view::npos) {
            auto third = path.find('/', second + 1);
            if (third != std::string_view::npos) path = path.substr(0, third);
        }
    }
    auto slash = path.find('/');
    if (slash == std::string_view::npos || path.find('/', slash + 1) != std::string_view::npos) return std::nullopt;
    std::string_view owner = path.substr(0, slash), name = path.substr(slash + 1);
    if (name.size() > 4 && name.substr(name.size() - 4) == ".git") name.remove_suffix(4);
    if (!is_id_part(owner) || !is_id_part(name)) return std::nullopt;
    return RepoId{std::string(owner), std::string(name)};
}

}  // namespace sovscan
