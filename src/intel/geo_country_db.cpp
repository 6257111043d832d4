#include "intel/geo_country_db.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstring>

namespace sovscan {

void GeoCountryDb::Closer::operator()(MMDB_s* db) const {
    MMDB_close(db);
    delete db;
}

GeoCountryDb::GeoCountryDb() = default;
GeoCountryDb::~GeoCountryDb() = default;
GeoCountryDb::GeoCountryDb(GeoCountryDb&&) noexcept = default;
GeoCountryDb& GeoCountryDb::operator=(GeoCountryDb&&) noexcept = default;

bool GeoCountryDb::open(const std::string& path, std::string& error) {
    auto db = std::make_unique<MMDB_s>();
    int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, db.get());
    if (status != MMDB_SUCCESS) {
        error = status == MMDB_FILE_OPEN_ERROR ? std::string("cannot open: ") + std::strerror(errno)
                                               : std::string(MMDB_strerror(status));
        return false;
    }
    db_.reset(db.release());
    return true;
}

std::optional<std::string> GeoCountryDb::country(const IpAddress& ip) const {
    if (!db_) return std::nullopt;
    sockaddr_storage ss{};
    if (ip.is_v4()) {
        auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = htonl(ip.v4_host_order());
    } else {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
        sin6->sin6_family = AF_INET6;
        std::memcpy(&sin6->sin6_addr, ip.bytes().data(), 16);
    }
    int mmdb_error = MMDB_SUCCESS;
    MMDB_lookup_result_s res = MMDB_lookup_sockaddr(db_.get(), reinterpret_cast<const sockaddr*>(&ss), &mmdb_error);
    if (mmdb_error != MMDB_SUCCESS || !res.found_entry) return std::nullopt;
    MMDB_entry_data_s data{};
    if (MMDB_get_value(&res.entry, &data, "country_code", nullptr) != MMDB_SUCCESS || !data.has_data ||
        data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size == 0)
        return std::nullopt;
    std::string cc(data.utf8_string, data.data_size);
    for (char& c : cc)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return cc;
}

uint64_t GeoCountryDb::build_epoch() const { return db_ ? db_->metadata.build_epoch : 0; }

}  // namespace sovscan
