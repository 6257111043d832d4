// The server's leaf certificate as a name source, TLS 1.0-1.2 over TCP (see tls_server_certificate.h).
#include "observe/tls_server_certificate.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <climits>
#include <memory>

#include "observe/tls_records.h"

namespace sovscan::observe {

namespace {

constexpr uint8_t kServerHello = 2;
constexpr uint8_t kCertificate = 11;
constexpr uint16_t kExtSupportedVersions = 43;
constexpr uint8_t kAlertRecord = 0x15;

enum class Hello : uint8_t { tls12_or_older, tls13, malformed };

// Which version the ServerHello (a whole message) selected. TLS 1.3 says so only in its
// supported_versions extension (RFC 8446 4.2.1); its drafts chose 0x7fNN.
Hello server_hello_version(Bytes msg) {
    ByteReader r(msg);
    uint8_t type;
    uint32_t len;
    uint16_t legacy_version, cipher, ext_len;
    uint8_t compression;
    Bytes session_id;
    if (!r.u8(type) || !r.u24(len) || !r.u16(legacy_version) || !r.skip(32) || !r.vec8(session_id) || !r.u16(cipher) ||
        !r.u8(compression))
        return Hello::malformed;
    if ((legacy_version >> 8) != 3) return Hello::malformed;
    if (r.empty()) return Hello::tls12_or_older;  // no extensions (SSL 3.0, early TLS stacks)
    Bytes extensions;
    if (!r.u16(ext_len) || !r.take(ext_len, extensions)) return Hello::malformed;
    ByteReader e(extensions);
    while (!e.empty()) {
        uint16_t ext_type, selected;
        Bytes data;
        if (!e.u16(ext_type) || !e.vec16(data)) return Hello::malformed;
        if (ext_type != kExtSupportedVersions) continue;
        if (!ByteReader(data).u16(selected)) return Hello::malformed;
        return selected >= 0x0304 || (selected >> 8) == 0x7f ? Hello::tls13 : Hello::tls12_or_older;
    }
    return Hello::tls12_or_older;
}

// The first certificate of a Certificate message (TLS 1.0-1.2: certificate_list of 3-byte-length
// DER certificates). `msg` may be cut short: the leaf is read once it is all there.
ServerFlight leaf_certificate(Bytes msg, bool whole) {
    ServerFlight out;
    out.in_certificate = true;
    ByteReader r(msg);
    uint8_t type;
    uint32_t len, list_len, cert_len;
    const bool lengths = r.u8(type) && r.u24(len) && r.u24(list_len);
    if (lengths && list_len == 0) {
        out.state = ServerFlight::State::no_certificate;  // an empty list: nothing to read
        out.in_certificate = false;
        return out;
    }
    if (lengths && r.u24(cert_len)) {
        if (cert_len == 0 || cert_len > list_len) {
            out.state = ServerFlight::State::malformed;
            return out;
        }
        if (r.take(cert_len, out.leaf)) {
            out.state = ServerFlight::State::certificate;
            out.in_certificate = false;
            return out;
        }
    }
    out.state = whole ? ServerFlight::State::malformed : ServerFlight::State::need_more;
    return out;
}

bool is_letter(uint8_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

ServerFlight read_server_flight(Bytes stream, std::vector<uint8_t>& scratch) {
    using State = ServerFlight::State;
    ServerFlight out;
    TlsHandshakeWalker walker(stream, scratch);
    Bytes msg;
    switch (walker.next(msg)) {
        case TlsHandshakeWalker::Step::message: break;
        case TlsHandshakeWalker::Step::partial:
            out.state = !msg.empty() && msg[0] != kServerHello ? State::malformed : State::need_more;
            return out;
        case TlsHandshakeWalker::Step::end: out.state = State::no_certificate; return out;
        case TlsHandshakeWalker::Step::malformed: out.state = State::malformed; return out;
    }
    if (msg[0] != kServerHello) {
        out.state = State::malformed;
        return out;
    }
    switch (server_hello_version(msg)) {
        case Hello::tls12_or_older: break;
        case Hello::tls13: out.state = State::tls13; return out;
        case Hello::malformed: out.state = State::malformed; return out;
    }
    // Certificate follows ServerHello directly when the server has one (RFC 5246 7.3); anything
    // else (ServerKeyExchange of an anonymous suite, ChangeCipherSpec of a resumed session) means
    // it sends none.
    switch (walker.next(msg)) {
        case TlsHandshakeWalker::Step::message:
            if (msg[0] != kCertificate) break;
            return leaf_certificate(msg, true);
        case TlsHandshakeWalker::Step::partial:
            if (msg.empty() || msg[0] == kCertificate) return leaf_certificate(msg, false);
            break;
        case TlsHandshakeWalker::Step::end: break;
        case TlsHandshakeWalker::Step::malformed: out.state = State::malformed; return out;
    }
    out.state = State::no_certificate;
    return out;
}

CertificateNamer::CertificateNamer() {
    keyless_ = OSSL_LIB_CTX_new();
    if (keyless_) null_provider_ = OSSL_PROVIDER_load(keyless_, "null");
    if (keyless_ && !null_provider_) {
        OSSL_LIB_CTX_free(keyless_);  // correct, only slower, in the default context
        keyless_ = nullptr;
    }
    ERR_clear_error();
}

CertificateNamer::~CertificateNamer() {
    if (null_provider_) OSSL_PROVIDER_unload(null_provider_);  // the context does not drop the load's reference
    OSSL_LIB_CTX_free(keyless_);
}

CertificateName CertificateNamer::name(Bytes der, std::string& name) {
    const std::string key(as_text(der));
    if (auto it = cache_.find(key); it != cache_.end()) {
        name = it->second.name;
        return it->second.status;
    }
    const CertificateName status = parse(der, name);
    if (cache_.size() >= kMaxCached) cache_.clear();
    cache_.emplace(key, Answer{status, name});
    return status;
}

CertificateName CertificateNamer::parse(Bytes der, std::string& name) const {
    name.clear();
    if (der.empty() || der.size() > size_t(LONG_MAX)) return CertificateName::unparsed;
    const unsigned char* p = der.data();
    // d2i_X509 in the keyless context (d2i_X509 itself takes none).
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        reinterpret_cast<X509*>(ASN1_item_d2i_ex(nullptr, &p, long(der.size()), ASN1_ITEM_rptr(X509), keyless_, nullptr)),
        &X509_free);
    if (!cert) {
        ERR_clear_error();  // leave OpenSSL's per-thread error queue as it was (QUIC uses OpenSSL too)
        return CertificateName::unparsed;
    }
    const auto free_names = [](GENERAL_NAMES* g) { GENERAL_NAMES_free(g); };
    std::unique_ptr<GENERAL_NAMES, decltype(free_names)> sans(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr)), free_names);
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
        const GENERAL_NAME* g = sk_GENERAL_NAME_value(sans.get(), i);
        if (g->type != GEN_DNS || !g->d.dNSName) continue;
        const std::string_view v(reinterpret_cast<const char*>(ASN1_STRING_get0_data(g->d.dNSName)),
                                 size_t(ASN1_STRING_length(g->d.dNSName)));
        if (looks_like_host_name(v)) {
            name.assign(v);
            break;
        }
    }
    if (name.empty()) {
        X509_NAME* subject = X509_get_subject_name(cert.get());
        const int at = subject ? X509_NAME_get_index_by_NID(subject, NID_commonName, -1) : -1;
        if (at >= 0) {
            unsigned char* utf8 = nullptr;  // the CN may be any string type (UTF8String, BMPString, ...)
            const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at)));
            if (n > 0) {
                const std::string_view v(reinterpret_cast<const char*>(utf8), size_t(n));
                if (looks_like_host_name(v)) name.assign(v);
            }
            OPENSSL_free(utf8);
        }
    }
    ERR_clear_error();
    return name.empty() ? CertificateName::unnamed : CertificateName::named;
}

Verdict TlsServerCertificate::add(Flow& flow, const DecodedPacket& pkt, Shared& shared, CertificateNamer& namer,
                                  std::vector<uint8_t>& scratch) {
    using State = ServerFlight::State;
    const uint32_t bound = shared.limits.max_reassembly_bytes;
    if (!stream_) stream_.emplace(pkt.tcp_seq, bound);
    if (segments_ < 255) ++segments_;
    if (!stream_->add(pkt.tcp_seq, pkt.payload)) shared.count(Counter::reassembly_overflow);
    const Bytes s = stream_->contiguous();
    if (s.empty()) return Verdict::more;  // a gap before the first byte kept
    if (s[0] != kTlsHandshakeRecord) {
        // The first segment seen may be a later one that overtook the first (binary, not an alert
        // record): kept until the next. Otherwise the server answered with an alert or in clear text.
        if (segments_ == 1 && s[0] != kAlertRecord && !is_letter(s[0])) return Verdict::more;
        return Verdict::done;
    }
    const ServerFlight flight = read_server_flight(s, scratch);
    in_certificate_ = false;
    switch (flight.state) {
        case State::need_more: {
            // Nothing more can come once the bound is reached: a leaf larger than it is cut. Cut
            // by the packet budget instead, the dissector counts it when it forgets the flow.
            in_certificate_ = flight.in_certificate;
            if (s.size() < bound) return Verdict::more;
            if (in_certificate_) shared.count(Counter::tls_certificate_unparsed);
            in_certificate_ = false;
            return Verdict::done;
        }
        case State::certificate: {
            std::string name;
            switch (namer.name(flight.leaf, name)) {
                case CertificateName::named:
                    shared.count(Counter::tls_certificates);
                    offer_server_name(flow, NameSource::tls_certificate, name);
                    break;
                case CertificateName::unnamed: shared.count(Counter::tls_certificates); break;
                case CertificateName::unparsed: shared.count(Counter::tls_certificate_unparsed); break;
            }
            return Verdict::done;
        }
        case State::malformed:
            // A Certificate message that does not hold a certificate is an unread certificate;
            // anything else wrong with the flight is a malformed TLS record.
            shared.count(flight.in_certificate ? Counter::tls_certificate_unparsed : Counter::tls_malformed);
            return Verdict::done;
        case State::tls13:
        case State::no_certificate: return Verdict::done;
    }
    return Verdict::done;
}

}  // namespace sovscan::observe
