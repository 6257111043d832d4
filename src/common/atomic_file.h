#pragma once
// Writing a file so that a reader sees the old content or the whole new one, never a cut-off mix:
// the data goes to a temporary file in the same directory, which is flushed to disk (fsync) and
// renamed over the target only when every byte was written. A full disk, an I/O error, a crash or
// `kill -9` before commit() leave the previous file as it was (issue 19).
//
// Why by hand: std::ofstream hides the errno of a failed write (ENOSPC, EIO) and cannot fsync, and
// no library in Debian does the temporary-file dance for a stream.
#include <memory>
#include <ostream>
#include <string>

namespace sovscan {

class AtomicFile {
public:
    // Opens the temporary file beside `path`. A `path` that exists and is not a regular file (a
    // FIFO, /dev/stdout, /dev/full, a terminal) cannot be replaced by a rename: it is written in
    // place, with every write still checked. nullptr after setting `error` ("cannot write PATH:
    // reason").
    static std::unique_ptr<AtomicFile> open(const std::string& path, std::string& error);

    ~AtomicFile();  // without commit(): removes the temporary file, the target untouched
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream();
    const std::string& path() const { return path_; }

    // Flushes, fsyncs and renames the temporary file over the target (and fsyncs the directory, so
    // that the rename survives a power cut). False after setting `error` ("writing PATH failed: No
    // space left on device"); the temporary file is then removed and the target left as it was.
    bool commit(std::string& error);

private:
    class FdBuffer;
    AtomicFile(std::string path, std::string temp_path, int fd);

    std::string path_, temp_path_;  // temp_path_ empty: written in place
    std::unique_ptr<FdBuffer> buffer_;
    std::unique_ptr<std::ostream> stream_;
    bool committed_ = false;
};

// The directory a file path names its file in: "." for "r.json", "/" for "/r.json" (the directory
// the temporary file and the rename live in).
std::string directory_of(const std::string& path);

// Flushes `out` and says whether everything written to it arrived: for std::cout, a closed pipe or
// /dev/full as standard output. False after setting `error` ("writing standard output failed").
bool flush_checked(std::ostream& out, const std::string& what, std::string& error);

}  // namespace sovscan
