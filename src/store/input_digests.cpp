#include "store/input_digests.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace sovscan {

namespace {

namespace fs = std::filesystem;

std::string canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

}  // namespace

// SHA-256 through OpenSSL (its SHA extensions, 1.7 GB/s here).
std::string file_sha256(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0 && EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(in.gcount())) != 1) return {};
    }
    if (in.bad()) return {};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) return {};
    std::string hex;
    for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}

InputDigests::InputDigests(std::vector<std::string> paths) : paths_(std::move(paths)) {
    thread_ = std::thread([this] { run(); });
}

InputDigests::~InputDigests() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void InputDigests::run() {
    auto digest = [this](const fs::path& file) {
        if (stop_) return;
        by_file_.emplace(canonical(file.string()), file_sha256(file.string()));
    };
    for (const std::string& p : paths_) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) {
            digest(p);
        } else if (fs::is_directory(p, ec)) {
            for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec)) digest(it->path());
        }
    }
}

std::string InputDigests::of(const std::string& path) {
    if (thread_.joinable()) thread_.join();
    auto it = by_file_.find(canonical(path));
    return it != by_file_.end() ? it->second : file_sha256(path);
}

}  // namespace sovscan
