#include "sources/flow_templates.h"

#include "sources/byte_order.h"

namespace sovscan {

bool FlowTemplate::operator==(const FlowTemplate& o) const {
    if (options != o.options || scope_fields != o.scope_fields || fields.size() != o.fields.size()) return false;
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].id != o.fields[i].id || fields[i].length != o.fields[i].length ||
            fields[i].enterprise != o.fields[i].enterprise)
            return false;
    return true;
}

TemplateStore::Added TemplateStore::add(uint64_t scope, uint16_t id, FlowTemplate t) {
    auto it = templates_.find(key(scope, id));
    const size_t old_fields = it == templates_.end() ? 0 : it->second.fields.size();
    if (fields_ - old_fields + t.fields.size() > kMaxFields) return Added::full;
    if (it == templates_.end()) {
        if (templates_.size() >= kMaxTemplates) return Added::full;
        fields_ += t.fields.size();
        templates_.emplace(key(scope, id), std::move(t));
        return Added::added;
    }
    // A template sent again (exporters refresh them periodically over UDP) either repeats itself
    // or redefines the id: records after it follow the new layout either way.
    const bool same = it->second == t;
    fields_ = fields_ - old_fields + t.fields.size();
    it->second = std::move(t);
    return same ? Added::refreshed : Added::changed;
}

bool TemplateStore::withdraw(uint64_t scope, uint16_t id) {
    auto it = templates_.find(key(scope, id));
    if (it == templates_.end()) return false;
    fields_ -= it->second.fields.size();
    templates_.erase(it);
    return true;
}

size_t TemplateStore::withdraw_all(uint64_t scope, bool options) {
    size_t n = 0;
    for (auto it = templates_.begin(); it != templates_.end();) {
        if ((it->first >> 16) == scope && it->second.options == options) {
            fields_ -= it->second.fields.size();
            it = templates_.erase(it);
            ++n;
        } else {
            ++it;
        }
    }
    return n;
}

const FlowTemplate* TemplateStore::find(uint64_t scope, uint16_t id) const {
    auto it = templates_.find(key(scope, id));
    return it == templates_.end() ? nullptr : &it->second;
}

uint32_t DecodedRecord::sampling_rate() const {
    uint64_t rate = sampling_interval;
    // samplingPacketInterval packets taken out of every interval + space (RFC 5477): 1 in (i+s)/i.
    if (sampling_space && sampling_interval) rate = (sampling_interval + sampling_space) / sampling_interval;
    if (rate > UINT32_MAX) rate = UINT32_MAX;
    return static_cast<uint32_t>(rate);
}

namespace {

// Unsigned integers may be sent in fewer octets than their type (RFC 7011 6.2, reduced-size
// encoding); NetFlow v9 lets the template choose the width outright.
uint64_t read_unsigned(const uint8_t* p, size_t len) {
    if (len > 8) p += len - 8, len = 8;
    uint64_t v = 0;
    for (size_t i = 0; i < len; ++i) v = (v << 8) | p[i];
    return v;
}

// NTP-format timestamps (dateTimeMicroseconds/Nanoseconds): seconds since 1900 and a binary fraction.
int64_t ntp_to_ns(const uint8_t* p) {
    constexpr int64_t kNtpToUnix = 2208988800LL;
    const int64_t seconds = bytes::load<uint32_t, true>(p);
    const uint64_t fraction = bytes::load<uint32_t, true>(p + 4);
    return (seconds - kNtpToUnix) * 1'000'000'000LL + static_cast<int64_t>((fraction * 1'000'000'000ULL) >> 32);
}

// 2100-01-01 in ms since the epoch: later "times" are garbage, and would overflow as ns.
constexpr uint64_t kLatestMs = 4'102'444'800'000ULL;

// Counters split into delta and total: a record carrying both counts once (the delta, what this
// export adds).
struct Counts {
    uint64_t delta = 0, total = 0;
    bool has_delta = false;
    void set(bool is_delta, uint64_t v) {
        if (is_delta) delta = v, has_delta = true;
        else total = v;
    }
    uint64_t value() const { return has_delta ? delta : total; }
};

struct Fold {
    DecodedRecord& r;
    Counts bytes[2], packets[2];

    void field(const TemplateField& f, const uint8_t* p, size_t len) {
        if (f.enterprise == kReverseEnterprise) {
            reverse(f.id, p, len);
            return;
        }
        if (f.enterprise != 0) return;  // an enterprise's own element: skipped by its length
        switch (f.id) {
            case 1: bytes[0].set(true, read_unsigned(p, len)); break;     // octetDeltaCount
            case 85: bytes[0].set(false, read_unsigned(p, len)); break;   // octetTotalCount
            case 2: packets[0].set(true, read_unsigned(p, len)); break;   // packetDeltaCount
            case 86: packets[0].set(false, read_unsigned(p, len)); break; // packetTotalCount
            // Initiator/responder counters (Cisco ASA NSEL, RFC 5103's siblings): a biflow whose
            // source began it.
            case 231: bytes[0].set(true, read_unsigned(p, len)), r.has_reverse = true; break;
            case 232: bytes[1].set(true, read_unsigned(p, len)), r.has_reverse = true; break;
            case 298: packets[0].set(true, read_unsigned(p, len)), r.has_reverse = true; break;
            case 299: packets[1].set(true, read_unsigned(p, len)), r.has_reverse = true; break;
            case 4: r.proto = static_cast<uint8_t>(read_unsigned(p, len)); break;
            case 6: r.tcp_flags[0] = static_cast<uint8_t>(read_unsigned(p, len)); break;  // 1 or 2 octets
            case 7: r.src_port = static_cast<uint16_t>(read_unsigned(p, len)); break;
            case 11: r.dst_port = static_cast<uint16_t>(read_unsigned(p, len)); break;
            case 8: if (len == 4) r.src = IpAddress::v4_bytes(p), r.has_src = true; break;
            case 12: if (len == 4) r.dst = IpAddress::v4_bytes(p), r.has_dst = true; break;
            case 27: if (len == 16) r.src = IpAddress::v6_bytes(p), r.has_src = true; break;
            case 28: if (len == 16) r.dst = IpAddress::v6_bytes(p), r.has_dst = true; break;
            case 22: r.start_uptime_ms = static_cast<uint32_t>(read_unsigned(p, len)), r.has_start_uptime = true; break;
            case 21: r.end_uptime_ms = static_cast<uint32_t>(read_unsigned(p, len)), r.has_end_uptime = true; break;
            case 150: absolute_ms(true, read_unsigned(p, len), 1000); break;
            case 151: absolute_ms(false, read_unsigned(p, len), 1000); break;
            case 152: absolute_ms(true, read_unsigned(p, len), 1); break;
            case 153: absolute_ms(false, read_unsigned(p, len), 1); break;
            case 154: case 156: if (len == 8) absolute(true, ntp_to_ns(p)); break;
            case 155: case 157: if (len == 8) absolute(false, ntp_to_ns(p)); break;
            case 160:
                if (uint64_t ms = read_unsigned(p, len); ms <= kLatestMs) r.system_init_ms = static_cast<int64_t>(ms);
                break;
            case 56: if (len == 6) r.src_mac = MacAddress(p), r.has_src_mac = true; break;
            case 80: if (len == 6) r.dst_mac = MacAddress(p), r.has_dst_mac = true; break;
            case 58: case 243: r.vlan = static_cast<uint16_t>(read_unsigned(p, len) & 0x0fff); break;
            case 34: case 50: case 305: r.sampling_interval = read_unsigned(p, len); break;
            case 306: r.sampling_space = read_unsigned(p, len); break;
            case 48: case 302: r.sampler_id = read_unsigned(p, len), r.has_sampler_id = true; break;
            case 239: r.biflow_direction = static_cast<int>(read_unsigned(p, len)); break;
            default: break;
        }
    }

    void reverse(uint16_t id, const uint8_t* p, size_t len) {
        switch (id) {
            case 1: bytes[1].set(true, read_unsigned(p, len)); break;
            case 85: bytes[1].set(false, read_unsigned(p, len)); break;
            case 2: packets[1].set(true, read_unsigned(p, len)); break;
            case 86: packets[1].set(false, read_unsigned(p, len)); break;
            case 6: r.tcp_flags[1] = static_cast<uint8_t>(read_unsigned(p, len)); break;
            default: return;  // other reverse elements say nothing sovscan uses
        }
        r.has_reverse = true;
    }

    // A time past kLatestMs is no clock reading (and would overflow in ns): ignored.
    void absolute_ms(bool start, uint64_t value, uint64_t ms_per_unit) {
        if (value <= kLatestMs / ms_per_unit) absolute(start, static_cast<int64_t>(value * ms_per_unit) * 1'000'000LL);
    }

    void absolute(bool start, int64_t ns) {
        if (start) r.start_ns = ns, r.has_start = true;
        else r.end_ns = ns, r.has_end = true;
    }

    void finish() {
        for (int d = 0; d < 2; ++d) r.bytes[d] = bytes[d].value(), r.packets[d] = packets[d].value();
    }
};

}  // namespace

size_t decode_template_record(const FlowTemplate& t, const uint8_t* p, size_t n, DecodedRecord& out) {
    out = DecodedRecord{};
    Fold fold{out, {}, {}};
    size_t at = 0;
    for (const TemplateField& f : t.fields) {
        size_t len = f.length;
        if (f.length == kVariableLength) {  // RFC 7011 7: one length octet, or 255 and two more
            if (at >= n) return 0;
            len = p[at++];
            if (len == 255) {
                if (n - at < 2) return 0;
                len = bytes::load<uint16_t, true>(p + at);
                at += 2;
            }
        }
        if (n - at < len) return 0;
        fold.field(f, p + at, len);
        at += len;
    }
    fold.finish();
    return at;
}

}  // namespace sovscan
