#include "cli/output_paths.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "common/atomic_file.h"
#include "common/escape.h"
#include "sources/byte_order.h"
#include "sources/pcap_file.h"
#include "sources/pcapng_file.h"

namespace sovscan::cli {
namespace {

namespace fs = std::filesystem;

// What an existing file is, from its first bytes, when it is something sovscan never writes.
std::optional<std::string> foreign_kind(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return std::nullopt;
    std::array<uint8_t, 4> b{};
    const size_t n = std::fread(b.data(), 1, b.size(), f);
    std::fclose(f);
    if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b) return "a gzip-compressed file";
    if (n < 4) return std::nullopt;
    const uint32_t first = bytes::load<uint32_t, false>(b.data());
    if (first == kPcapngShbType) return "a packet capture (pcapng)";
    if (is_pcap_magic(first)) return "a packet capture (pcap)";
    return std::nullopt;
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

struct InputMatch {
    std::string input;  // "" when none
    bool is_the_input = false;  // the file itself was given, not a directory holding it
};

// The input `out` is, or the input directory it lies in (searched recursively).
InputMatch input_holding(const struct stat& out, const std::string& out_path, const std::vector<std::string>& inputs) {
    std::error_code ec;
    const fs::path out_canonical = fs::weakly_canonical(out_path, ec);
    for (const std::string& in : inputs) {
        struct stat st {};
        if (::stat(in.c_str(), &st) != 0) continue;
        if (same_file(st, out)) return {in, true};
        if (S_ISDIR(st.st_mode) && !ec) {
            const fs::path dir = fs::weakly_canonical(in, ec);
            if (ec) continue;
            auto [d, o] = std::mismatch(dir.begin(), dir.end(), out_canonical.begin(), out_canonical.end());
            if (d == dir.end()) return {in, false};
        }
    }
    return {};
}

}  // namespace

bool check_outputs(const std::vector<RequestedOutput>& outputs, const std::vector<std::string>& inputs, bool force) {
    bool ok = true;
    auto fail = [&ok](const RequestedOutput& o, const std::string& why) {
        std::cerr << fmt::format("sovscan: error: {} {}: {}\n", o.option, terminal_safe(o.path), why);
        ok = false;
    };
    std::vector<std::pair<const RequestedOutput*, struct stat>> existing;
    std::vector<std::pair<const RequestedOutput*, fs::path>> named;  // by path, existing or not
    for (const RequestedOutput& o : outputs) {
        if (o.path.empty() || o.path == "-") continue;
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(o.path, ec);
        for (const auto& [other, other_path] : named)
            if (!ec && canonical == other_path)
                fail(o, fmt::format("is also the file of {}; give each output its own file", other->option));
        if (!ec) named.emplace_back(&o, canonical);
        struct stat st {};
        if (::stat(o.path.c_str(), &st) != 0) {
            if (errno != ENOENT) {
                fail(o, std::strerror(errno));
                continue;
            }
            const std::string dir = directory_of(o.path);
            struct stat dst {};
            if (::stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode))
                fail(o, fmt::format("the directory {} does not exist", terminal_safe(dir)));
            else if (::access(dir.c_str(), W_OK | X_OK) != 0)
                fail(o, fmt::format("cannot create a file in {}: {}", terminal_safe(dir), std::strerror(errno)));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            fail(o, "is a directory; give a file name");
            continue;
        }
        for (const auto& [other, other_st] : existing)  // hard links, symbolic links
            if (same_file(st, other_st) && fs::weakly_canonical(other->path, ec) != canonical)
                fail(o, fmt::format("is also the file of {}; give each output its own file", other->option));
        existing.emplace_back(&o, st);
        if (!S_ISREG(st.st_mode)) continue;  // /dev/stdout, a FIFO: written in place, nothing to destroy
        const InputMatch in = input_holding(st, o.path, inputs);
        const auto kind = foreign_kind(o.path);
        if (in.is_the_input || (!in.input.empty() && kind)) {
            // The file itself was given, or it is a capture inside a directory this run searches.
            fail(o, in.is_the_input ? "is an input of this run; refusing to overwrite it"
                                    : fmt::format("is {} in {}, an input of this run; refusing to overwrite it",
                                                  *kind, terminal_safe(in.input)));
            continue;
        }
        if (kind && !force)
            fail(o, fmt::format("exists and is {}, not a sovscan output; refusing to overwrite it (--force "
                                "overwrites it)",
                                *kind));
        // A directory that lets us create the temporary file, since outputs are renamed into place.
        const std::string dir = directory_of(o.path);
        if (::access(dir.c_str(), W_OK | X_OK) != 0)
            fail(o, fmt::format("cannot replace it: the directory {}: {}", terminal_safe(dir), std::strerror(errno)));
    }
    return ok;
}

}  // namespace sovscan::cli
