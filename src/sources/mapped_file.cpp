#include "sources/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace sovscan {

namespace {

// MADV_POPULATE_READ (Linux 5.14): map a range's pages in one call. Debian 12's headers have it;
// spelled out for older C libraries.
#ifdef MADV_POPULATE_READ
constexpr int kMadvPopulateRead = MADV_POPULATE_READ;
#else
constexpr int kMadvPopulateRead = 22;
#endif

// Closes the descriptor on every path out of open().
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads everything `fd` yields (a pipe, a FIFO, a file that refused mmap). False on a read error.
bool read_all(int fd, std::vector<uint8_t>& out, std::string& error) {
    uint8_t chunk[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            return false;
        }
        out.insert(out.end(), chunk, chunk + n);
    }
}

}  // namespace

CaptureMapping::CaptureMapping(CaptureMapping&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, false)),
      released_(std::exchange(other.released_, 0)),
      populated_(std::exchange(other.populated_, 0)),
      buffer_(std::move(other.buffer_)) {}

CaptureMapping& CaptureMapping::operator=(CaptureMapping&& other) noexcept {
    if (this != &other) {
        reset();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        mapped_ = std::exchange(other.mapped_, false);
        released_ = std::exchange(other.released_, 0);
        populated_ = std::exchange(other.populated_, 0);
        buffer_ = std::move(other.buffer_);
    }
    return *this;
}

CaptureMapping::~CaptureMapping() { reset(); }

void CaptureMapping::reset() {
    if (mapped_ && data_) ::munmap(const_cast<uint8_t*>(data_), size_);
    data_ = nullptr;
    size_ = 0;
    mapped_ = false;
    released_ = populated_ = 0;
    buffer_.reset();
}

void CaptureMapping::advance_to(size_t offset) {
    // 8 MiB steps: few system calls, and at most three windows (24 MiB) of the file resident.
    constexpr size_t kWindow = 8u << 20;
    if (!mapped_ || offset > size_) return;
    uint8_t* base = const_cast<uint8_t*>(data_);
    const size_t behind = offset & ~(kWindow - 1);
    if (behind > kWindow && behind - kWindow > released_) {
        ::madvise(base + released_, behind - kWindow - released_, MADV_DONTNEED);
        released_ = behind - kWindow;
    }
    const size_t ahead = std::min(size_, behind + 2 * kWindow);
    if (ahead > populated_) {
        // Fails harmlessly (EINVAL) on kernels before 5.14: the pages then fault in one by one.
        ::madvise(base + populated_, ahead - populated_, kMadvPopulateRead);
        populated_ = ahead;
    }
}

CaptureMapping CaptureMapping::borrow(std::span<const uint8_t> bytes) {
    CaptureMapping m;
    m.data_ = bytes.data();
    m.size_ = bytes.size();
    return m;
}

bool CaptureMapping::open(const std::string& path, std::string& error) {
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
    if (S_ISREG(st.st_mode)) {
        if (st.st_size == 0) {
            error = "empty file";
            return false;
        }
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd.fd, 0);
        if (p != MAP_FAILED) {
            // Captures are read once front to back: ask for read-ahead and early reclaim.
            ::madvise(p, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
            data_ = static_cast<const uint8_t*>(p);
            size_ = static_cast<size_t>(st.st_size);
            mapped_ = true;
            return true;
        }
    }
    // Not mappable (FIFO, character device, or mmap refused): read it into a buffer of our own.
    std::vector<uint8_t> bytes;
    if (!read_all(fd.fd, bytes, error)) return false;
    if (bytes.empty()) {
        error = "empty file";
        return false;
    }
    buffer_ = std::make_unique<uint8_t[]>(bytes.size());
    std::memcpy(buffer_.get(), bytes.data(), bytes.size());
    data_ = buffer_.get();
    size_ = bytes.size();
    return true;
}

}  // namespace sovscan
