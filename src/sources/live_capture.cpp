#include "sources/live_capture.h"

#include <fmt/format.h>
#include <poll.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sources/capture_bytes.h"

namespace sovscan {

namespace {

struct PcapCloser {
    void operator()(pcap_t* p) const { pcap_close(p); }
};

}  // namespace

struct LiveCapture::Interface {
    std::string name;
    std::unique_ptr<pcap_t, PcapCloser> pcap;
    uint16_t link_type = 0;
    bool nanoseconds = false;
    int fd = -1;
};

LiveCapture::LiveCapture(const LiveCaptureOptions& o) {
    if (o.interfaces.empty()) throw std::runtime_error("no interface to capture on (-i IFACE)");
    for (const std::string& name : o.interfaces) {
        char err[PCAP_ERRBUF_SIZE] = {0};
        auto iface = std::make_unique<Interface>();
        iface->name = name;
        iface->pcap.reset(pcap_create(name.c_str(), err));
        if (!iface->pcap) throw std::runtime_error(fmt::format("interface {}: {}", name, err));
        pcap_t* p = iface->pcap.get();
        pcap_set_snaplen(p, o.snaplen);
        pcap_set_promisc(p, o.promiscuous ? 1 : 0);
        pcap_set_buffer_size(p, o.buffer_bytes);
        // Packets are handed over at least every 100 ms even when the ring block is not full, so a
        // quiet link's DNS answer is not held back behind the flows it names.
        pcap_set_timeout(p, 100);
        iface->nanoseconds = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;
        const int rc = pcap_activate(p);
        if (rc < 0) {
            const std::string why = rc == PCAP_ERROR_PERM_DENIED ? std::string("permission denied (run as root or "
                                                                               "with CAP_NET_RAW)")
                                    : rc == PCAP_ERROR_NO_SUCH_DEVICE ? std::string("no such interface")
                                                                      : std::string(pcap_geterr(p));
            throw std::runtime_error(fmt::format("interface {}: cannot capture: {}", name, why));
        }
        if (!o.filter.empty()) {
            bpf_program prog{};
            if (pcap_compile(p, &prog, o.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
                throw std::runtime_error(fmt::format("--filter: {}", pcap_geterr(p)));
            const int set = pcap_setfilter(p, &prog);
            pcap_freecode(&prog);
            if (set != 0) throw std::runtime_error(fmt::format("interface {}: --filter: {}", name, pcap_geterr(p)));
        }
        if (pcap_setnonblock(p, 1, err) != 0) throw std::runtime_error(fmt::format("interface {}: {}", name, err));
        iface->fd = pcap_get_selectable_fd(p);
        if (iface->fd < 0) throw std::runtime_error(fmt::format("interface {}: cannot be polled", name));
        // pcap_datalink() gives DLT_ values; those sovscan decodes are the LINKTYPE_ values too
        // (DLT_RAW is 12 or 14, which the decoder takes as well).
        iface->link_type = static_cast<uint16_t>(pcap_datalink(p));
        names_.push_back(name);
        ifaces_.push_back(std::move(iface));
    }
}

LiveCapture::~LiveCapture() = default;

size_t LiveCapture::next_batch(RawPacket* out, size_t max, int timeout_ms) {
    size_t n = 0;
    // A packet's bytes are the ring buffer's until the next dispatch: they are copied into slots the
    // caller's pipeline may still read for CaptureBytes::kKeepPackets packets (it keeps a few in flight).
    struct Ctx {
        LiveCapture* self;
        Interface* iface;
        uint16_t index;
        RawPacket* out;
        size_t& n;
    };
    auto take = [](u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
        auto* c = reinterpret_cast<Ctx*>(user);
        std::vector<uint8_t>& slot = c->self->slots_[c->self->next_slot_];
        c->self->next_slot_ = (c->self->next_slot_ + 1) % kSlots;
        slot.assign(bytes, bytes + h->caplen);
        RawPacket& r = c->out[c->n++];
        r.data = slot.data();
        r.caplen = h->caplen;
        r.wire_len = h->len;
        const int64_t frac = c->iface->nanoseconds ? int64_t(h->ts.tv_usec) : int64_t(h->ts.tv_usec) * 1000;
        r.ts_ns = int64_t(h->ts.tv_sec) * 1'000'000'000LL + frac;
        r.link_type = c->iface->link_type;
        r.input_index = c->index;
        r.weight = 1;
    };
    for (int round = 0; round < 2 && n == 0; ++round) {
        for (size_t k = 0; k < ifaces_.size() && n < max; ++k) {
            const size_t i = (next_ + k) % ifaces_.size();
            Ctx ctx{this, ifaces_[i].get(), uint16_t(first_input_ + i), out, n};
            const int got = pcap_dispatch(ifaces_[i]->pcap.get(), int(max - n), take, reinterpret_cast<u_char*>(&ctx));
            if (got == PCAP_ERROR)
                throw std::runtime_error(fmt::format("interface {}: {}", ifaces_[i]->name, pcap_geterr(ifaces_[i]->pcap.get())));
        }
        next_ = (next_ + 1) % ifaces_.size();
        if (n || round == 1) break;
        std::vector<pollfd> fds;
        for (const auto& iface : ifaces_) fds.push_back({iface->fd, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), timeout_ms) <= 0) break;  // timeout, or a signal
    }
    return n;
}

std::vector<LiveCaptureStats> LiveCapture::stats() const {
    std::vector<LiveCaptureStats> out;
    for (const auto& iface : ifaces_) {
        LiveCaptureStats s;
        s.interface = iface->name;
        pcap_stat st{};
        if (pcap_stats(iface->pcap.get(), &st) == 0) {
            s.received = st.ps_recv;
            s.kernel_drops = st.ps_drop;
            s.interface_drops = st.ps_ifdrop;
        }
        out.push_back(s);
    }
    return out;
}

}  // namespace sovscan
