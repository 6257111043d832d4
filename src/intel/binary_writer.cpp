#include "intel/binary_writer.h"

#include <fmt/format.h>

#include "common/atomic_file.h"

namespace sovscan {

bool BinaryWriter::write_atomically(const std::string& path, std::string& error) const {
    auto out = AtomicFile::open(path, error);
    if (!out) return false;
    out->stream().write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    return out->commit(error);
}

}  // namespace sovscan
