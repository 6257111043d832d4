#include "inventory/byte_source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sovscan {

bool MemoryByteSource::read(uint64_t offset, void* out, size_t n) {
    if (offset > bytes_.size() || n > bytes_.size() - offset) return false;
    if (n) std::memcpy(out, bytes_.data() + offset, n);
    return true;
}

bool FileByteSource::open(const std::string& path, std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = ec.message();
        return false;
    }
    in_.open(path, std::ios::binary);
    if (!in_) {
        error = std::strerror(errno);
        return false;
    }
    size_ = size;
    return true;
}

bool FileByteSource::read(uint64_t offset, void* out, size_t n) {
    if (offset > size_ || n > size_ - offset) return false;
    if (n == 0) return true;
    const bool in_window = offset >= window_offset_ && offset - window_offset_ <= window_.size() &&
                           n <= window_.size() - (offset - window_offset_);
    if (!in_window) {
        if (n > kWindow) {  // larger than the window: read it directly
            in_.clear();
            in_.seekg(static_cast<std::streamoff>(offset));
            in_.read(static_cast<char*>(out), static_cast<std::streamsize>(n));
            return static_cast<size_t>(in_.gcount()) == n;
        }
        window_.resize(static_cast<size_t>(std::min<uint64_t>(kWindow, size_ - offset)));
        in_.clear();
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(reinterpret_cast<char*>(window_.data()), static_cast<std::streamsize>(window_.size()));
        if (static_cast<size_t>(in_.gcount()) != window_.size()) {
            window_.clear();
            return false;
        }
        window_offset_ = offset;
    }
    std::memcpy(out, window_.data() + (offset - window_offset_), n);
    return true;
}

}  // namespace sovscan
