#include "sources/capture_bytes.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
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

// Reads everything `fd` yields (a small file). False on a read error.
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
        stream_ = std::exchange(other.stream_, false);
        stream_pos_ = std::exchange(other.stream_pos_, 0);
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
    stream_ = false;
    stream_pos_ = 0;
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
    // Standard input is duplicated, so that it is closed like any file without closing fd 0.
    fd.fd = path == "-" ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
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
    if (S_ISCHR(st.st_mode) && ::isatty(fd.fd)) {
        // Reading would wait for keystrokes: a capture is piped in, never typed.
        error = "is a terminal; pipe a capture into it (tcpdump -w - ... | sovscan scan -)";
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        // A pipe, FIFO, character device or socket: read forward as it comes, into bounded buffers
        // (reading it whole took as much memory as the stream was long, without end for /dev/zero).
        stream_ = true;
        size_ = kUnknownSize;
        fd_ = fd.release();
        if (refill(0, 1)) return true;
        error = size_ == 0 ? "empty stream" : error_;
        reset();
        return false;
    }
    if (st.st_size == 0) {
        error = "empty file";
        return false;
    }
    if (static_cast<uint64_t>(st.st_size) > kReadWholeUpTo) {
        // Streamed: captures are read once front to back, so ask for read-ahead.
        ::posix_fadvise(fd.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        size_ = static_cast<uint64_t>(st.st_size);
        fd_ = fd.release();
        return true;
    }
    // Small: read it whole.
    std::vector<uint8_t> bytes;
    bytes.reserve(static_cast<size_t>(st.st_size) + 1);
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

void CaptureBytes::handed_out(const uint8_t* view) {
    ++handed_;
    for (auto& b : buffers_) {
        if (view >= b->bytes.get() && view < b->bytes.get() + b->capacity) {
            b->last_packet = handed_;
            return;
        }
    }
}

const uint8_t* CaptureBytes::refill(uint64_t offset, size_t n) {
    // Out of the hot path, so that regular files pay nothing for streams.
    if (stream_) [[unlikely]] return refill_stream(offset, n);
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

bool CaptureBytes::read_stream(uint8_t* to, size_t want, size_t& got) {
    got = 0;
    while (got < want) {
        const ssize_t r = ::read(fd_, to + got, want - got);
        if (r > 0) {
            got += static_cast<size_t>(r);
            continue;
        }
        if (r == 0) return true;  // the end
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            // A non-blocking standard input (left so by the program before us): wait for bytes.
            pollfd p{fd_, POLLIN, 0};
            ::poll(&p, 1, -1);
            continue;
        }
        error_ = std::strerror(errno);
        return false;
    }
    return true;
}

const uint8_t* CaptureBytes::refill_stream(uint64_t offset, size_t n) {
    // Past the end the stream met (the caller judges its record by size()), or a view too large.
    if (n > kMaxView || (size_known() && (offset > size_ || n > size_ - offset))) return nullptr;
    // Only the buffer last read holds bytes of the stream: what came before it is gone.
    if (offset < start_) {
        error_ = "a stream cannot be read backwards (byte " + std::to_string(offset) + " wanted after byte " +
                 std::to_string(start_) + ")";
        return nullptr;
    }
    // As for files: the new buffer holds [offset, offset + n + kChunk), or up to the stream's end.
    // Bytes read from the stream so far end at start_ + len_ (stream_pos_) until a skip below.
    Buffer& b = spare_buffer(kMaxView + kChunk);
    size_t have = 0;
    if (offset < start_ + len_) {
        // The start of the range is already here (a record cut by the chunk's end): move it over.
        have = static_cast<size_t>(start_ + len_ - offset);
        std::memcpy(b.bytes.get(), data_ + (offset - start_), have);
    }
    // A view past what was read (a pcapng block skipped by its length): the bytes in between are
    // read and dropped, a buffer at a time.
    while (stream_pos_ < offset) {
        const size_t gap = static_cast<size_t>(std::min<uint64_t>(offset - stream_pos_, b.capacity));
        size_t got = 0;
        if (!read_stream(b.bytes.get(), gap, got)) return nullptr;
        stream_pos_ += got;
        if (got < gap) {
            size_ = stream_pos_;
            return nullptr;
        }
    }
    const size_t want = n + kChunk;
    size_t got = 0;
    if (!read_stream(b.bytes.get() + have, want - have, got)) return nullptr;
    stream_pos_ += got;
    have += got;
    if (have < want) size_ = stream_pos_;  // the end: from now on the size is known
    current_ = &b;
    data_ = b.bytes.get();
    start_ = offset;
    len_ = have;
    return n <= len_ ? data_ : nullptr;
}

}  // namespace sovscan
