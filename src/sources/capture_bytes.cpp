#include "sources/capture_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace sovscan {

namespace {

// Closes the descriptor on every path out of open() that does not keep it.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    int release() { return std::exchange(fd, -1); }
};

// Reads everything `fd` yields (a pipe, a FIFO, a small file). False on a read error.
bool read_all(int fd, std::vector<uint8_t>& out, std::string& error) {
    size_t used = out.size();
    for (;;) {
        if (out.size() - used < (1u << 16)) out.resize(std::max<size_t>(out.size() * 2, used + (1u << 16)));
        ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            return false;
        }
        used += static_cast<size_t>(n);
    }
    out.resize(used);
    return true;
}

}  // namespace

CaptureBytes::CaptureBytes(CaptureBytes&& other) noexcept { *this = std::move(other); }

CaptureBytes& CaptureBytes::operator=(CaptureBytes&& other) noexcept {
    if (this != &other) {
        reset();
        data_ = std::exchange(other.data_, nullptr);
        start_ = std::exchange(other.start_, 0);
        len_ = std::exchange(other.len_, 0);
        size_ = std::exchange(other.size_, 0);
        fd_ = std::exchange(other.fd_, -1);
        buffers_ = std::move(other.buffers_);
        other.buffers_.clear();
        current_ = std::exchange(other.current_, nullptr);
        handed_ = std::exchange(other.handed_, 0);
        error_ = std::move(other.error_);
    }
    return *this;
}

CaptureBytes::~CaptureBytes() { reset(); }

void CaptureBytes::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    data_ = nullptr;
    start_ = size_ = 0;
    len_ = 0;
    buffers_.clear();
    current_ = nullptr;
    handed_ = 0;
    error_.clear();
}

CaptureBytes CaptureBytes::borrow(std::span<const uint8_t> bytes) {
    CaptureBytes b;
    b.data_ = bytes.data();
    b.len_ = bytes.size();
    b.size_ = bytes.size();
    return b;
}

bool CaptureBytes::open(const std::string& path, std::string& error) {
    reset();
    Fd fd;
    fd.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd.fd < 0) {
        error = std::strerror(errno);  // "No such file or directory", "Permission denied", ...
        return false;
    }
    struct stat st {};
    if (::fstat(fd.fd, &st) != 0) {
        error = std::strerror(errno);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory";
        return false;
    }
    if (S_ISREG(st.st_mode) && st.st_size == 0) {
        error = "empty file";
        return false;
    }
    if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kReadWholeUpTo) {
        // Streamed: captures are read once front to back, so ask for read-ahead.
        ::posix_fadvise(fd.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        size_ = static_cast<uint64_t>(st.st_size);
        fd_ = fd.release();
        return true;
    }
    // Small, or not a regular file (FIFO, character device): read it whole.
    std::vector<uint8_t> bytes;
    if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size) + 1);
    if (!read_all(fd.fd, bytes, error)) return false;
    if (bytes.empty()) {
        error = "empty file";
        return false;
    }
    auto whole = std::make_unique<Buffer>();
    whole->bytes = std::make_unique<uint8_t[]>(bytes.size());
    whole->capacity = bytes.size();
    std::memcpy(whole->bytes.get(), bytes.data(), bytes.size());
    data_ = whole->bytes.get();
    len_ = bytes.size();
    size_ = bytes.size();
    buffers_.push_back(std::move(whole));
    return true;
}

CaptureBytes::Buffer& CaptureBytes::spare_buffer(size_t need) {
    // A buffer none of whose packets may still be in use: never held one, or its last one was
    // handed out kKeepPackets packets ago. Otherwise a new one (at most kKeepPackets + 2 exist).
    Buffer* pick = nullptr;
    for (auto& b : buffers_) {
        if (b.get() == current_) continue;
        if (b->last_packet == 0 || handed_ - b->last_packet >= kKeepPackets) {
            pick = b.get();
            break;
        }
    }
    if (!pick) pick = buffers_.emplace_back(std::make_unique<Buffer>()).get();
    if (pick->capacity < need) {
        pick->bytes = std::make_unique<uint8_t[]>(need);
        pick->capacity = need;
    }
    pick->last_packet = 0;
    return *pick;
}

const uint8_t* CaptureBytes::refill(uint64_t offset, size_t n) {
    // Whole file in memory: the caller asked past its end, which readers never do.
    if (fd_ < 0 || n > kMaxView || offset > size_ || n > size_ - offset) return nullptr;
    // The new buffer holds [offset, offset + want): what was asked for and a chunk more, so that
    // the next views are served from it (one refill per chunk of packets, whatever their size).
    const size_t want = static_cast<size_t>(std::min<uint64_t>(n + kChunk, size_ - offset));
    Buffer& b = spare_buffer(kMaxView + kChunk);
    size_t have = 0;
    if (data_ && offset >= start_ && offset < start_ + len_) {
        // The start of the range is already here (a record cut by the chunk's end): move it over.
        have = static_cast<size_t>(start_ + len_ - offset);
        std::memcpy(b.bytes.get(), data_ + (offset - start_), have);
    }
    while (have < want) {
        const ssize_t got = ::pread(fd_, b.bytes.get() + have, want - have, static_cast<off_t>(offset + have));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            error_ = got < 0 ? std::strerror(errno) : "file shrank while it was read";
            return nullptr;
        }
        have += static_cast<size_t>(got);
    }
    current_ = &b;
    data_ = b.bytes.get();
    start_ = offset;
    len_ = have;
    return n <= len_ ? data_ : nullptr;
}

}  // namespace sovscan
