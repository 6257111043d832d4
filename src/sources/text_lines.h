#pragma once
// Lines of a text input (a Zeek log, an EVE file), plain or gzip-compressed, decompressed as they
// are read: a log of many gigabytes costs one buffer of at most kMaxLine plus two 64 KiB windows,
// never the whole file. Compression is recognised by the gzip magic, never by the file name.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sovscan {

// Where the bytes come from: a file, or memory (tests and fuzz targets).
class ByteStream {
public:
    virtual ~ByteStream() = default;
    // Up to `n` bytes into `out`; 0 at the end, -1 on a read error.
    virtual std::ptrdiff_t read(uint8_t* out, size_t n) = 0;
};

class FileStream final : public ByteStream {
public:
    ~FileStream() override;
    // False (with `error`, errno's text) when the file cannot be opened or is a directory.
    bool open(const std::string& path, std::string& error);
    std::ptrdiff_t read(uint8_t* out, size_t n) override;

private:
    int fd_ = -1;
};

class MemoryStream final : public ByteStream {
public:
    explicit MemoryStream(std::span<const uint8_t> bytes) : bytes_(bytes) {}
    std::ptrdiff_t read(uint8_t* out, size_t n) override;

private:
    std::span<const uint8_t> bytes_;
    size_t pos_ = 0;
};

class TextLines {
public:
    // No log writes a line near this long; a longer one is skipped whole (overlong()) so that a
    // file without line breaks cannot make the buffer grow without end.
    static constexpr size_t kMaxLine = 1u << 20;

    explicit TextLines(ByteStream& in);
    ~TextLines();
    TextLines(const TextLines&) = delete;
    TextLines& operator=(const TextLines&) = delete;

    // Up to `n` first bytes of the (decompressed) text, without consuming them: for sniffing the
    // format. Call before next().
    std::string_view peek(size_t n);
    // The next line, without its "\n" or "\r\n"; valid until the next call. False at the end of
    // the input or at the first error (error() says which). A last line without "\n" is a line.
    bool next(std::string_view& line);
    // The line next() returned last was longer than kMaxLine: `line` is empty, the bytes skipped.
    bool overlong() const { return overlong_; }
    uint64_t line_number() const { return line_number_; }  // 1-based number of the last line returned
    bool compressed() const { return gzip_; }
    // Why the input ended early ("gzip data truncated", "corrupt gzip data: ...", "read error"):
    // the lines before stand, the input is partial. Empty when it was read to its end.
    const std::string& error() const { return error_; }

private:
    bool fill();           // more text into buf_; false at the end or on an error
    size_t produce(uint8_t* out, size_t n);  // decompressed (or plain) bytes; 0 at the end or error
    bool refill_raw();

    ByteStream& in_;
    std::vector<uint8_t> raw_;
    size_t raw_pos_ = 0, raw_end_ = 0;
    bool raw_eof_ = false;
    bool started_ = false, gzip_ = false, member_done_ = false;
    z_stream zs_{};
    bool zs_init_ = false;
    std::vector<char> buf_;
    size_t begin_ = 0, end_ = 0;
    bool text_eof_ = false;
    bool overlong_ = false;
    uint64_t line_number_ = 0;
    std::string error_;
};

}  // namespace sovscan
