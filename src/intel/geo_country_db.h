#pragma once
// IP -> ISO country code from a MaxMind-format database (ip-location-db's DB-IP geolocation and
// geo-whois registry country), memory-mapped by libmaxminddb.
#include <memory>
#include <optional>
#include <string>

#include "common/ip_address.h"

struct MMDB_s;

namespace sovscan {

class GeoCountryDb {
public:
    GeoCountryDb();
    ~GeoCountryDb();
    GeoCountryDb(GeoCountryDb&&) noexcept;
    GeoCountryDb& operator=(GeoCountryDb&&) noexcept;

    // Opens `path` with MMDB_MODE_MMAP; false with `error` when missing or not an MMDB.
    bool open(const std::string& path, std::string& error);
    // The `country_code` of the network containing `ip`, upper case; nullopt when not covered.
    std::optional<std::string> country(const IpAddress& ip) const;
    // The database's build time (seconds since the epoch) from its metadata.
    uint64_t build_epoch() const;

private:
    struct Closer {
        void operator()(MMDB_s* db) const;
    };
    std::unique_ptr<MMDB_s, Closer> db_;
};

}  // namespace sovscan
