#include "inventory/model_scanner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "inventory/gguf.h"
#include "inventory/hf_config.h"
#include "inventory/model_clue.h"
#include "inventory/safetensors.h"

namespace sovscan {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool has_extension(const fs::path& p, std::string_view ext) { return lower(p.extension().string()) == ext; }

// The files of one directory, sorted by kind.
struct DirectoryFiles {
    std::vector<fs::path> gguf, safetensors, bin;
    std::vector<std::pair<HfFileKind, fs::path>> hf;
};

// Names found in the path itself: a directory or file name says little (low confidence), the
// Hugging Face cache's "models--ORG--NAME" directories say what the hub said (medium).
void add_path_clues(ModelArtifact& m, const fs::path& named, const fs::path& dir, bool is_file) {
    const std::string label = named.string();
    add_model_clue(m, model_clue::name, is_file ? named.stem().string() : named.filename().string(), label,
                   is_file ? "file name" : "directory name", "low");
    for (const fs::path& part : dir) {
        const std::string s = part.string();
        if (s.rfind("models--", 0) != 0) continue;
        const size_t sep = s.find("--", 8);
        if (sep == std::string::npos) continue;
        add_model_clue(m, model_clue::organization, s.substr(8, sep - 8), label, "Hugging Face cache directory", "medium");
        add_model_clue(m, model_clue::name, s.substr(sep + 2), label, "Hugging Face cache directory", "medium");
    }
}

class Scanner {
public:
    explicit Scanner(ModelInventory& out) : out_(out) {}

    void add_root(const std::string& root) {
        std::error_code ec;
        const fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) return problem(root, "no such file or directory");
        if (fs::is_regular_file(st)) return add_file(fs::path(root));
        if (!fs::is_directory(st)) return problem(root, "neither a file nor a directory");
        walk(fs::path(root));
    }

    void finish() {
        for (auto& [dir, files] : dirs_) scan_directory(dir, files);
        std::sort(out_.models.begin(), out_.models.end(),
                  [](const ModelArtifact& a, const ModelArtifact& b) { return a.path < b.path; });
    }

private:
    void problem(const std::string& where, std::string message) { out_.problems.push_back({where, std::move(message)}); }

    void walk(const fs::path& root) {
        std::error_code ec;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        if (ec) return problem(root.string(), "cannot list: " + ec.message());
        for (; it != end; it.increment(ec)) {
            if (ec) {
                problem(it->path().string(), "cannot list: " + ec.message());
                ec.clear();
                continue;
            }
            std::error_code fec;
            if (it->is_regular_file(fec)) add_file(it->path());
        }
    }

    // Files are grouped by directory; each kind of model file goes to its list.
    void add_file(const fs::path& p) {
        DirectoryFiles& d = dirs_[p.parent_path()];
        const std::string name = p.filename().string();
        if (has_extension(p, ".gguf")) d.gguf.push_back(p);
        else if (has_extension(p, ".safetensors")) d.safetensors.push_back(p);
        else if (has_extension(p, ".bin")) d.bin.push_back(p);
        else if (auto kind = hf_file_kind(name)) d.hf.emplace_back(*kind, p);
    }

    void scan_directory(const fs::path& dir, DirectoryFiles& f) {
        for (auto* list : {&f.gguf, &f.safetensors, &f.bin}) std::sort(list->begin(), list->end());
        std::sort(f.hf.begin(), f.hf.end());
        for (const fs::path& g : f.gguf) scan_gguf(g);
        scan_hf_directory(dir, f);
    }

    void scan_gguf(const fs::path& p) {
        const std::string path = p.string();
        ModelArtifact m;
        if (is_git_lfs_pointer(path)) {
            m = lfs_pointer_artifact(path, "gguf");
        } else if (std::string error; !read_gguf_model(path, m, error)) {
            return problem(path, error);
        }
        add_path_clues(m, p, p.parent_path(), true);
        out_.models.push_back(std::move(m));
    }

    ModelArtifact lfs_pointer_artifact(const std::string& path, std::string format) {
        ModelArtifact m;
        m.path = path;
        m.format = std::move(format);
        m.files.push_back(path);
        m.source.kind = AssetSourceKind::model;
        m.source.file = path;
        m.problems.push_back({path, "a Git LFS pointer: the weights themselves were not downloaded"});
        return m;
    }

    // Reads a JSON file of the directory; empty (after a problem) when it cannot be read.
    std::optional<std::string> read_json_file(const fs::path& p) {
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        if (ec) return problem(p.string(), "cannot read: " + ec.message()), std::nullopt;
        if (size > kHfConfigMaxBytes)
            return problem(p.string(), fmt::format("{} bytes, past the {} byte limit for a model's JSON file", size,
                                                   kHfConfigMaxBytes)),
                   std::nullopt;
        std::ifstream in(p, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) return problem(p.string(), "cannot read"), std::nullopt;
        return text.str();
    }

    void scan_hf_directory(const fs::path& dir, const DirectoryFiles& f) {
        ModelArtifact m;
        bool is_model = false;
        std::optional<fs::path> unread_config;
        for (const auto& [kind, p] : f.hf) {
            auto text = read_json_file(p);
            if (!text) continue;
            // Another program's config.json is not a model's: it is skipped, and so is a broken one
            // unless the directory turns out to hold a model.
            if (kind == HfFileKind::model_config && !is_model_config(*text)) {
                if (!is_json_object(*text)) unread_config = p;
                continue;
            }
            std::string error;
            if (!read_hf_file(kind, *text, p.string(), m, error)) {
                problem(p.string(), error);
                continue;
            }
            m.files.push_back(p.string());
            is_model = true;
        }
        for (const fs::path& p : f.safetensors) {
            const std::string path = p.string();
            is_model = true;
            if (is_git_lfs_pointer(path)) {
                m.files.push_back(path);
                m.problems.push_back({path, "a Git LFS pointer: the weights themselves were not downloaded"});
                continue;
            }
            ModelArtifact s;
            if (std::string error; !read_safetensors_model(path, s, error)) {
                problem(path, error);
                continue;
            }
            merge_weights(m, std::move(s));
        }
        if (!is_model) return;  // .bin files alone are not known to be a model's
        if (unread_config)
            m.problems.push_back({unread_config->string(), "not a JSON object: the model's configuration was not read"});
        for (const fs::path& p : f.bin) {
            const std::string path = p.string();
            m.files.push_back(path);
            if (is_git_lfs_pointer(path)) m.problems.push_back({path, "a Git LFS pointer: the weights themselves were not downloaded"});
            else m.local_weights = true;
        }
        m.path = dir.string();
        m.format = f.safetensors.empty() ? "hf-config" : "safetensors";
        m.source.kind = AssetSourceKind::model;
        m.source.file = m.path;
        m.source.detail = "Hugging Face model directory";
        add_path_clues(m, dir, dir, false);
        out_.models.push_back(std::move(m));
    }

    // A safetensors file's weights and metadata, added to its directory's model.
    static void merge_weights(ModelArtifact& m, ModelArtifact&& s) {
        m.local_weights = m.local_weights || s.local_weights;
        for (auto& file : s.files) m.files.push_back(std::move(file));
        for (auto& a : s.attributes) add_model_clue(m, a.name, a.value, a.source.file, a.source.detail, a.confidence);
        for (auto& p : s.problems) m.problems.push_back(std::move(p));
        if (m.architecture.empty()) m.architecture = s.architecture;
        if (m.name.empty()) m.name = s.name;
        if (m.organization.empty()) m.organization = s.organization;
        if (m.license.empty()) m.license = s.license;
        if (m.base_models.empty()) m.base_models = std::move(s.base_models);
        if (m.base_model.empty()) m.base_model = s.base_model;
    }

    ModelInventory& out_;
    std::map<fs::path, DirectoryFiles> dirs_;
};

}  // namespace

bool is_git_lfs_pointer(const std::string& path) {
    static constexpr std::string_view kPrefix = "version https://git-lfs.github.com/spec/v1";
    std::ifstream in(path, std::ios::binary);
    char head[kPrefix.size()];
    in.read(head, static_cast<std::streamsize>(sizeof head));
    return static_cast<size_t>(in.gcount()) == kPrefix.size() && std::string_view(head, kPrefix.size()) == kPrefix;
}

ModelInventory scan_models(const std::vector<std::string>& paths) {
    ModelInventory out;
    Scanner scanner(out);
    for (const std::string& p : paths) scanner.add_root(p);
    scanner.finish();
    return out;
}

}  // namespace sovscan
