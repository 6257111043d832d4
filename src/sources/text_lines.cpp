#include "sources/text_lines.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sovscan {

FileStream::~FileStream() {
    if (fd_ >= 0) ::close(fd_);
}

bool FileStream::open(const std::string& path, std::string& error) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        error = std::strerror(errno);
        return false;
    }
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
        error = "is a directory";
        ::close(fd_);
        fd_ = -1;
        return false;
    }
    return true;
}

std::ptrdiff_t FileStream::read(uint8_t* out, size_t n) {
    for (;;) {
        const ssize_t got = ::read(fd_, out, n);
        if (got < 0 && errno == EINTR) continue;
        return got;
    }
}

std::ptrdiff_t MemoryStream::read(uint8_t* out, size_t n) {
    const size_t take = std::min(n, bytes_.size() - pos_);
    if (take) std::memcpy(out, bytes_.data() + pos_, take);
    pos_ += take;
    return std::ptrdiff_t(take);
}

namespace {
constexpr size_t kWindow = 64 * 1024;
constexpr uint8_t kGzip0 = 0x1f, kGzip1 = 0x8b;
}  // namespace

TextLines::TextLines(ByteStream& in) : in_(in), raw_(kWindow) {}

TextLines::~TextLines() {
    if (zs_init_) inflateEnd(&zs_);
}

bool TextLines::refill_raw() {
    if (raw_eof_) return false;
    if (raw_pos_ < raw_end_) return true;
    const std::ptrdiff_t got = in_.read(raw_.data(), raw_.size());
    if (got < 0) {
        error_ = "read error";
        raw_eof_ = true;
        return false;
    }
    raw_pos_ = 0;
    raw_end_ = size_t(got);
    if (got == 0) raw_eof_ = true;
    return got > 0;
}

size_t TextLines::produce(uint8_t* out, size_t n) {
    if (!error_.empty()) return 0;
    if (!started_) {
        started_ = true;
        // Two bytes decide: a first read may return one only from a pipe, so read until two are there.
        while (raw_end_ - raw_pos_ < 2 && !raw_eof_) {
            if (raw_pos_ > 0) {
                std::memmove(raw_.data(), raw_.data() + raw_pos_, raw_end_ - raw_pos_);
                raw_end_ -= raw_pos_;
                raw_pos_ = 0;
            }
            const std::ptrdiff_t got = in_.read(raw_.data() + raw_end_, raw_.size() - raw_end_);
            if (got <= 0) {
                if (got < 0) error_ = "read error";
                raw_eof_ = true;
                break;
            }
            raw_end_ += size_t(got);
        }
        gzip_ = raw_end_ - raw_pos_ >= 2 && raw_[raw_pos_] == kGzip0 && raw_[raw_pos_ + 1] == kGzip1;
        if (gzip_) {
            if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
                error_ = "cannot start gzip decompression";
                return 0;
            }
            zs_init_ = true;
        }
    }
    if (!gzip_) {
        if (!refill_raw()) return 0;
        const size_t take = std::min(n, raw_end_ - raw_pos_);
        std::memcpy(out, raw_.data() + raw_pos_, take);
        raw_pos_ += take;
        return take;
    }
    size_t produced = 0;
    while (produced == 0) {
        if (member_done_) {
            // Another gzip member may follow (concatenated .gz files, as `cat a.gz b.gz` makes).
            if (!refill_raw()) return 0;
            if (raw_[raw_pos_] != kGzip0) {
                error_ = "data after the end of the gzip stream";
                return 0;
            }
            inflateReset(&zs_);
            member_done_ = false;
        }
        if (raw_pos_ == raw_end_ && !refill_raw()) {
            if (error_.empty()) error_ = "gzip data truncated";
            return 0;
        }
        zs_.next_in = raw_.data() + raw_pos_;
        zs_.avail_in = unsigned(raw_end_ - raw_pos_);
        zs_.next_out = out;
        zs_.avail_out = unsigned(n);
        const int rc = inflate(&zs_, Z_NO_FLUSH);
        raw_pos_ = raw_end_ - zs_.avail_in;
        produced = n - zs_.avail_out;
        if (rc == Z_STREAM_END) {
            member_done_ = true;
            if (produced == 0) continue;
        } else if (rc == Z_BUF_ERROR) {
            continue;  // needs more input: the loop reads it (or reports the truncation)
        } else if (rc != Z_OK) {
            error_ = std::string("corrupt gzip data: ") + (zs_.msg ? zs_.msg : "inflate failed");
            return produced;
        }
    }
    return produced;
}

bool TextLines::fill() {
    if (text_eof_) return false;
    if (begin_ > 0) {
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (buf_.size() - end_ < kWindow) buf_.resize(std::max(buf_.size() * 2, end_ + kWindow));
    const size_t got = produce(reinterpret_cast<uint8_t*>(buf_.data() + end_), buf_.size() - end_);
    if (got == 0) {
        text_eof_ = true;
        return false;
    }
    end_ += got;
    return true;
}

std::string_view TextLines::peek(size_t n) {
    while (end_ - begin_ < n && fill()) {
    }
    return {buf_.data() + begin_, std::min(n, end_ - begin_)};
}

bool TextLines::next(std::string_view& line) {
    overlong_ = false;
    size_t scanned = 0;
    for (;;) {
        const char* start = buf_.data() + begin_;
        // memchr on an empty, never-allocated buffer would get a null pointer (UBSan): not called then.
        const size_t left = end_ - begin_ - scanned;
        const void* nl = left ? std::memchr(start + scanned, '\n', left) : nullptr;
        if (nl) {
            const size_t len = size_t(static_cast<const char*>(nl) - start);
            if (len > kMaxLine) overlong_ = true;
            line = overlong_ ? std::string_view() : std::string_view(start, len);
            if (!overlong_ && line.ends_with('\r')) line.remove_suffix(1);
            begin_ += len + 1;
            ++line_number_;
            return true;
        }
        if (end_ - begin_ > kMaxLine) {  // drop what is there and look for the line's end
            overlong_ = true;
            begin_ = end_;
        }
        scanned = end_ - begin_;
        if (!fill()) {
            if (end_ == begin_ && !overlong_) return false;
            if (end_ - begin_ > kMaxLine) overlong_ = true;
            line = overlong_ ? std::string_view() : std::string_view(buf_.data() + begin_, end_ - begin_);
            if (line.ends_with('\r')) line.remove_suffix(1);
            begin_ = end_;
            ++line_number_;
            return true;
        }
    }
}

}  // namespace sovscan
