#include "intel/binary_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace sovscan {

bool BinaryWriter::write_atomically(const std::string& path, std::string& error) const {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        out.flush();
        if (!out) {
            error = fmt::format("{}: cannot write", tmp);
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        error = fmt::format("{}: cannot move into place: {}", path, ec.message());
        return false;
    }
    return true;
}

}  // namespace sovscan
