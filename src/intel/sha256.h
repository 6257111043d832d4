#pragma once
// SHA-256 (FIPS 180-4) for the manifest's source checksums. Kept here so that the intel stage does
// not need OpenSSL just to fingerprint the files it compiled.
#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace sovscan {

class Sha256 {
public:
    Sha256();
    void update(std::span<const uint8_t> data);
    std::array<uint8_t, 32> finish();

    // Lower-case hex digest of a file; false with `error` when it cannot be read.
    static bool file_hex(const std::string& path, std::string& hex, std::string& error);
    static std::string hex(const std::array<uint8_t, 32>& digest);

private:
    void block(const uint8_t* p);
    std::array<uint32_t, 8> h_;
    std::array<uint8_t, 64> buf_{};
    size_t buf_len_ = 0;
    uint64_t total_ = 0;
};

}  // namespace sovscan
