#include "sources/sflow_v5.h"

#include "sources/byte_order.h"
#include "sources/raw_packet.h"

namespace sovscan {

namespace {

// A bounded reader over sFlow's XDR: 4-octet big-endian words; reading past the end fails once
// and every later read fails too, so a parse checks `ok` where it matters.
struct Xdr {
    const uint8_t* p;
    size_t n, at = 0;
    bool ok = true;
    uint32_t u32() {
        if (!ok || n - at < 4) return ok = false, 0;
        const uint32_t v = bytes::load<uint32_t, true>(p + at);
        at += 4;
        return v;
    }
    const uint8_t* take(size_t len) {  // len octets, padded to a multiple of 4
        const size_t padded = (len + 3) & ~size_t(3);
        if (!ok || len > n || n - at < padded) return ok = false, nullptr;
        const uint8_t* out = p + at;
        at += padded;
        return out;
    }
    Xdr sub(size_t len) {  // a length-delimited structure
        const uint8_t* q = take(len);
        return q ? Xdr{q, len} : Xdr{p, 0, 0, false};
    }
};

// sFlow header_protocol values and the link types the decode stage reads them as.
uint16_t link_type_of(uint32_t header_protocol) {
    switch (header_protocol) {
        case 1: return kLinkEthernet;  // ETHERNET-ISO88023
        case 11: return kLinkIpv4;
        case 12: return kLinkIpv6;
        default: return 0;
    }
}

struct SampleContext {
    ExporterState& ex;
    uint16_t input_index;
    int64_t receive_ns;
    RecordSink& sink;
};

// Reads one flow sample's records. A raw packet header goes to decode and observe; without one,
// the sampled IPv4/IPv6 data record becomes a one-packet flow record. Returns false if malformed.
bool read_flow_records(Xdr& x, uint32_t rate, SampleContext& c) {
    const uint32_t records = x.u32();
    const uint8_t* header = nullptr;
    uint32_t header_len = 0, frame_len = 0, header_protocol = 0;
    FlowRecord ip_data;
    bool has_ip_data = false;
    for (uint32_t i = 0; i < records && x.ok; ++i) {
        const uint32_t format = x.u32();
        Xdr r = x.sub(x.u32());
        if (!x.ok) return false;
        if (format >> 12) continue;  // an enterprise's own record
        switch (format & 0xfff) {
            case 1: {  // sampled header: protocol, frame length, stripped, header length, header
                header_protocol = r.u32();
                frame_len = r.u32();
                const uint32_t stripped = r.u32();
                header_len = r.u32();
                header = r.take(header_len);
                if (!r.ok) return false;
                // frame_length counts what was stripped (an Ethernet FCS): off, as a capture has it.
                frame_len = frame_len > stripped ? frame_len - stripped : 0;
                break;
            }
            case 3:    // sampled IPv4: length, protocol, src, dst, ports, tcp flags, tos
            case 4: {  // sampled IPv6: the same with 16-octet addresses and a priority
                const bool v6 = (format & 0xfff) == 4;
                const uint32_t length = r.u32();
                ip_data.proto = static_cast<uint8_t>(r.u32());
                const uint8_t* src = r.take(v6 ? 16 : 4);
                const uint8_t* dst = r.take(v6 ? 16 : 4);
                ip_data.src_port = static_cast<uint16_t>(r.u32());
                ip_data.dst_port = static_cast<uint16_t>(r.u32());
                ip_data.tcp_flags[0] = static_cast<uint8_t>(r.u32());
                if (!r.ok) return false;
                ip_data.src_ip = v6 ? IpAddress::v6_bytes(src) : IpAddress::v4_bytes(src);
                ip_data.dst_ip = v6 ? IpAddress::v6_bytes(dst) : IpAddress::v4_bytes(dst);
                ip_data.packets[0] = rate;
                ip_data.bytes[0] = uint64_t(length) * rate;
                has_ip_data = true;
                break;
            }
            default: break;  // switch, router, gateway, user, URL ... records: not used
        }
    }
    if (!x.ok) return false;
    ExporterCounters& k = c.ex.counters;
    if (header && header_len && link_type_of(header_protocol)) {
        RawPacket raw;
        raw.data = header;
        raw.caplen = header_len;
        raw.wire_len = frame_len < header_len ? header_len : frame_len;
        raw.ts_ns = c.receive_ns;  // sFlow samples carry no wall-clock time
        raw.link_type = link_type_of(header_protocol);
        raw.input_index = c.input_index;
        ++k.sampled_packets;
        ++k.records;
        k.packets += rate;
        k.bytes += uint64_t(raw.wire_len) * rate;
        c.sink.on_sampled_packet(raw, rate);
    } else if (has_ip_data) {
        ip_data.first_ns = ip_data.last_ns = c.receive_ns;
        ip_data.sampling_rate = rate;
        ip_data.input_index = c.input_index;
        ++k.records;
        k.packets += ip_data.packets[0];
        k.bytes += ip_data.bytes[0];
        c.sink.on_flow_record(ip_data);
    } else {
        ++k.skipped;
    }
    return true;
}

}  // namespace

void SflowV5Decoder::decode(std::span<const uint8_t> d, const IpAddress& exporter, int64_t receive_ns,
                            RecordSink& sink) {
    ExporterState* ex = exporters_.get(exporter);
    if (!ex) return;
    ex->protocols |= kSflowV5;
    ++ex->counters.datagrams;
    Xdr x{d.data(), d.size()};
    x.u32();  // version 5, checked by the dispatcher
    const uint32_t address_type = x.u32();
    if (address_type == 1) x.take(4);
    else if (address_type == 2) x.take(16);
    else x.ok = false;
    const uint32_t sub_agent = x.u32();
    const uint32_t sequence = x.u32();
    x.u32();  // uptime
    const uint32_t samples = x.u32();
    if (!x.ok) {
        ++ex->counters.malformed;
        return;
    }
    ex->check_sequence((uint64_t(0x5f) << 32) | sub_agent, sequence, 1);
    SampleContext c{*ex, input_index_, receive_ns, sink};
    bool malformed = false;
    for (uint32_t i = 0; i < samples && !malformed; ++i) {
        const uint32_t format = x.u32();
        Xdr s = x.sub(x.u32());
        if (!x.ok) {
            malformed = true;
            break;
        }
        if (format >> 12) continue;  // an enterprise's own sample
        switch (format & 0xfff) {
            case 1: {  // flow sample: sequence, source id, rate, pool, drops, input, output, records
                s.u32();
                const uint32_t source = s.u32();
                uint32_t rate = s.u32();
                const uint32_t pool = s.u32();
                s.u32(), s.u32(), s.u32();
                if (s.ok) ex->note_sample_pool((uint64_t(sub_agent) << 32) | source, pool);
                malformed = !s.ok || !read_flow_records(s, rate ? rate : 1, c);
                if (!malformed) ex->sampling_rate = rate ? rate : 1;
                break;
            }
            case 3: {  // expanded: sequence, source type, index, rate, pool, drops, 2 x (format, value)
                s.u32();
                const uint32_t type = s.u32(), index = s.u32();
                uint32_t rate = s.u32();
                const uint32_t pool = s.u32();
                for (int k = 0; k < 5; ++k) s.u32();
                if (s.ok) ex->note_sample_pool((uint64_t(sub_agent) << 32) | (type << 24) | (index & 0xffffff), pool);
                malformed = !s.ok || !read_flow_records(s, rate ? rate : 1, c);
                if (!malformed) ex->sampling_rate = rate ? rate : 1;
                break;
            }
            case 2:
            case 4: ++ex->counters.counter_samples; break;
            default: break;
        }
    }
    if (malformed) ++ex->counters.malformed;
}

}  // namespace sovscan
