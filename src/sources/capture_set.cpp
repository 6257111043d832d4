#include "sources/capture_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <system_error>
#include <unordered_set>

namespace sovscan {

namespace fs = std::filesystem;

namespace {

constexpr const char* kNoCaptures = "no capture files (.pcap, .pcapng, .cap, .dmp) in directory";


// The names of standard input: "-", and the device files that stand for it.
bool names_stdin(const std::string& arg) {
    return arg == "-" || arg == "/dev/stdin" || arg == "/dev/fd/0" || arg == "/proc/self/fd/0";
}

// Files named by `args`, directories expanded (recursively, sorted), in argument order.
std::vector<std::string> expand(const std::vector<std::string>& args, Diagnostics& diag) {
    std::vector<std::string> files;
    const std::string* stdin_arg = nullptr;
    for (const std::string& arg : args) {
        if (names_stdin(arg)) {
            // Read as it comes: a second reader would find it used up, not a second capture.
            if (stdin_arg) {
                diag.error(arg, fmt::format("standard input given more than once ({} and {}); it can be read only once",
                                            *stdin_arg, arg));
                continue;
            }
            stdin_arg = &arg;
            files.push_back(arg);
            continue;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(arg, ec);
        if (ec || !fs::exists(st)) {
            diag.error(arg, ec && ec != std::errc::no_such_file_or_directory ? ec.message()
                                                                              : "No such file or directory");
            continue;
        }
        if (!fs::is_directory(st)) {
            files.push_back(arg);  // named explicitly: read whatever its extension
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code fec;
            if (it->is_regular_file(fec) && has_capture_extension(it->path())) found.push_back(it->path().string());
        }
        if (ec) diag.warn(arg, fmt::format("directory not fully searched: {}", ec.message()));
        if (found.empty()) {
            diag.error(arg, kNoCaptures);
            continue;
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace

bool has_capture_extension(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".pcap" || ext == ".pcapng" || ext == ".cap" || ext == ".dmp";
}

struct CaptureSet::Impl {
    std::vector<std::unique_ptr<CaptureFile>> files;  // by input_index
    // The merge: each file's next packet (heads) and a binary min-heap of file indices ordered by
    // (head timestamp, index), so equal timestamps come out in input order.
    std::vector<RawPacket> heads;
    std::vector<uint16_t> heap;
    bool primed = false;

    bool before(uint16_t a, uint16_t b) const {
        const int64_t ta = heads[a].ts_ns, tb = heads[b].ts_ns;
        return ta < tb || (ta == tb && a < b);
    }

    void sift_down(size_t i) {
        const size_t n = heap.size();
        const uint16_t v = heap[i];
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && before(heap[c + 1], heap[c])) ++c;
            if (!before(heap[c], v)) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }

    void prime() {
        primed = true;
        heads.resize(files.size());
        for (size_t i = 0; i < files.size(); ++i) {
            if (files[i]->next(heads[i])) heap.push_back(static_cast<uint16_t>(i));
        }
        for (size_t i = heap.size() / 2; i-- > 0;) sift_down(i);
    }

    bool merged_next(RawPacket& out) {
        if (!primed) [[unlikely]] prime();
        if (heap.empty()) return false;
        const uint16_t top = heap[0];
        out = heads[top];
        if (files[top]->next(heads[top])) {
            sift_down(0);
        } else {
            heap[0] = heap.back();
            heap.pop_back();
            if (!heap.empty()) sift_down(0);
        }
        return true;
    }
};

CaptureSet::CaptureSet(const std::vector<std::string>& args, Diagnostics& diag) : impl_(std::make_unique<Impl>()) {
    std::unordered_set<std::string> seen;
    for (const std::string& path : expand(args, diag)) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(path, ec);
        if (!seen.insert(ec ? path : canonical.string()).second) {
            diag.warn(path, "given more than once; read once");
            continue;
        }
        if (impl_->files.size() > std::numeric_limits<uint16_t>::max()) {
            diag.error(path, fmt::format("too many capture files (more than {}); the rest are not read",
                                         std::numeric_limits<uint16_t>::max() + 1));
            break;
        }
        auto file = CaptureFile::open(path, static_cast<uint16_t>(impl_->files.size()), diag);
        if (!file) continue;
        inputs_.push_back(path);
        impl_->files.push_back(std::move(file));
    }
}

CaptureSet::~CaptureSet() = default;

bool CaptureSet::next(RawPacket& out) {
    // One file (the usual case): no merge, its packets go straight through.
    if (impl_->files.size() == 1) [[likely]] return impl_->files.front()->next(out);
    return impl_->merged_next(out);
}

size_t CaptureSet::next_batch(RawPacket* out, size_t max) {
    if (impl_->files.size() == 1) [[likely]] return impl_->files.front()->next_batch(out, max);
    size_t n = 0;
    while (n < max && impl_->merged_next(out[n])) ++n;
    return n;
}

size_t CaptureSet::open_count() const { return impl_->files.size(); }

uint64_t CaptureSet::total_bytes() const {
    uint64_t total = 0;
    for (const auto& f : impl_->files) {
        if (!f->size_known()) return 0;  // a stream not read to its end yet
        total += f->size_bytes();
    }
    return total;
}

uint64_t CaptureSet::bytes_consumed() const {
    uint64_t total = 0;
    for (const auto& f : impl_->files) total += f->offset();
    return total;
}

uint64_t CaptureSet::packets_read() const {
    uint64_t total = 0;
    for (const auto& f : impl_->files) total += f->packets_read();
    return total;
}

const CaptureFile& CaptureSet::file(size_t input_index) const { return *impl_->files.at(input_index); }

std::vector<uint16_t> CaptureSet::link_types() const {
    std::vector<uint16_t> out;
    for (const auto& f : impl_->files) {
        for (uint16_t lt : f->link_types()) {
            if (std::find(out.begin(), out.end(), lt) == out.end()) out.push_back(lt);
        }
    }
    return out;
}

}  // namespace sovscan
