#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <streambuf>
#include <vector>

#include "common/escape.h"

namespace sovscan {

// A stream buffer over a file descriptor that remembers the first failed write's errno.
class AtomicFile::FdBuffer : public std::streambuf {
public:
    explicit FdBuffer(int fd) : fd_(fd), buffer_(64 * 1024) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    ~FdBuffer() override {
        if (fd_ >= 0) ::close(fd_);
    }
    int error() const { return error_; }
    int fd() const { return fd_; }

    // Writes what is buffered; false (and error() set) when the file refused it.
    bool drain() {
        const char* p = pbase();
        size_t left = static_cast<size_t>(pptr() - pbase());
        while (left > 0 && error_ == 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                error_ = errno;
                break;
            }
            p += n;
            left -= static_cast<size_t>(n);
        }
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return error_ == 0;
    }

    bool close_fd() {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0 && error_ == 0) error_ = errno;
        return error_ == 0;
    }

protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
};

namespace {

std::string base_name(const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The mode a newly created file gets (0666 less the umask); an existing target keeps its own.
mode_t mode_for(const struct stat* existing) {
    if (existing) return existing->st_mode & 07777;
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

void sync_directory(const std::string& dir) {
    // Best effort: a file system that cannot fsync a directory still renamed the file.
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string directory_of(const std::string& path) {
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

AtomicFile::AtomicFile(std::string path, std::string temp_path, int fd)
    : path_(std::move(path)),
      temp_path_(std::move(temp_path)),
      buffer_(std::make_unique<FdBuffer>(fd)),
      stream_(std::make_unique<std::ostream>(buffer_.get())) {}

AtomicFile::~AtomicFile() {
    if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

std::unique_ptr<AtomicFile> AtomicFile::open(const std::string& path, std::string& error) {
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        error = fmt::format("cannot write {}: it is a directory", terminal_safe(path));
        return nullptr;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            error = fmt::format("cannot write {}: {}", terminal_safe(path), std::strerror(errno));
            return nullptr;
        }
        return std::unique_ptr<AtomicFile>(new AtomicFile(path, "", fd));
    }
    std::string temp = directory_of(path) + "/." + base_name(path) + ".sovscan-XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        error = fmt::format("cannot write {}: {}", terminal_safe(path), std::strerror(errno));
        return nullptr;
    }
    ::fchmod(fd, mode_for(exists ? &st : nullptr));
    return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), fd));
}

std::ostream& AtomicFile::stream() { return *stream_; }

bool AtomicFile::commit(std::string& error) {
    stream_->flush();
    int e = buffer_->error();
    if (e == 0 && stream_->bad()) e = EIO;  // a writer put the stream in error without a failed write(2)
    if (e == 0 && !temp_path_.empty() && ::fsync(buffer_->fd()) != 0) e = errno;
    if (!buffer_->close_fd() && e == 0) e = buffer_->error();
    if (e != 0) {
        error = fmt::format("writing {} failed: {}", terminal_safe(path_), std::strerror(e));
        if (!temp_path_.empty()) error += "; the file there before, if any, is unchanged";
        return false;
    }
    if (!temp_path_.empty()) {
        if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
            error = fmt::format("cannot write {}: {}", terminal_safe(path_), std::strerror(errno));
            return false;
        }
        sync_directory(directory_of(path_));
    }
    committed_ = true;
    return true;
}

bool flush_checked(std::ostream& out, const std::string& what, std::string& error) {
    out.flush();
    if (out.good()) return true;
    error = fmt::format("writing {} failed", what);
    return false;
}

}  // namespace sovscan
