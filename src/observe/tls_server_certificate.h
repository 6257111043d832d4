#pragma once
// The server's certificate as a name source, for TLS flows whose ClientHello named no server (IoT
// devices reaching their cloud by address, STARTTLS clients, old TLS stacks). Up to TLS 1.2 the
// server's first flight — ServerHello, Certificate, ... — is clear text, and the leaf certificate
// names the server (the way nDPI and Zeek's x509.log read it); from TLS 1.3 on it is encrypted.
//
// The TLS dissector (tls_client_hello.cpp) keeps one TlsServerCertificate per such flow from its
// ClientHello until the leaf certificate is read, the flight shows there is none, or the packet
// budget ends. A ClientHello with SNI never gets one: the common case costs nothing more.
#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/host_name.h"
#include "observe/dissector.h"

namespace sovscan::observe {

// What the server's flight read so far says about its certificate.
struct ServerFlight {
    enum class State : uint8_t {
        need_more,       // the leaf certificate is not there yet
        certificate,     // `leaf` is the DER of the leaf (first) certificate
        tls13,           // ServerHello selected TLS 1.3: the certificate follows encrypted
        no_certificate,  // the handshake goes on without one (resumption, anonymous or PSK key exchange, an alert)
        malformed,
    };
    State state = State::need_more;
    Bytes leaf;                   // a view into the stream or the walker's scratch
    // need_more or malformed inside the Certificate message: if no more comes, a certificate that
    // could not be read (tls_certificate_unparsed), not a malformed record.
    bool in_certificate = false;
};

// Reads the server's handshake records at the start of `stream` (its first byte a record header):
// ServerHello, then the Certificate message as far as its first certificate. `scratch` as for
// TlsHandshakeWalker.
ServerFlight read_server_flight(Bytes stream, std::vector<uint8_t>& scratch);

enum class CertificateName : uint8_t { named, unnamed, unparsed };

// The name a certificate gives its server: the first subjectAltName dNSName that looks like a host
// name, else the subject's common name if it does (see looks_like_host_name). Wildcards are kept as
// written ("*.aliyuncs.com"). Parsed by OpenSSL (the X509 item, as d2i_X509), never by hand.
//
// OpenSSL 3 decodes a certificate's public key while parsing it, through the provider decoders of
// the library context: in the default context that is 1.1M instructions a certificate, ten times
// the rest of the parse (and +85% on the whole benchmark scan). The name needs no key, so the
// certificate is parsed in a context of its own holding only the "null" provider (the key is then
// left undecoded: 115K instructions). Servers present the same leaf to every client, so a leaf seen
// before is answered from a small cache (compared byte for byte, so no crafted collision can borrow
// another certificate's name).
class CertificateNamer {
public:
    CertificateNamer();
    ~CertificateNamer();
    CertificateNamer(const CertificateNamer&) = delete;
    CertificateNamer& operator=(const CertificateNamer&) = delete;

    CertificateName name(Bytes der, std::string& name);

private:
    CertificateName parse(Bytes der, std::string& name) const;
    struct Answer {
        CertificateName status;
        std::string name;
    };
    static constexpr size_t kMaxCached = 256;  // distinct leaves; cleared when full (at most 4 MiB of DER)
    OSSL_LIB_CTX* keyless_ = nullptr;          // null provider only; the default context if it cannot be made
    OSSL_PROVIDER* null_provider_ = nullptr;
    std::unordered_map<std::string, Answer> cache_;  // by the leaf's DER
};

// common/host_name.h, where the log readers (sources/) find it too.
using sovscan::looks_like_host_name;

// Follows one flow's server-to-client bytes from the first server segment after the ClientHello.
class TlsServerCertificate {
public:
    // A server payload packet. Offers the certificate's name to the flow and counts what happened
    // (tls_certificates, tls_certificate_unparsed, tls_malformed, reassembly_overflow); `done` once
    // nothing more is to be learnt.
    Verdict add(Flow& flow, const DecodedPacket& pkt, Shared& shared, CertificateNamer& namer,
                std::vector<uint8_t>& scratch);
    // The flight stopped inside the Certificate message (the flow ended, or its budget did).
    bool cut_in_certificate() const { return in_certificate_; }

private:
    std::optional<TcpStream> stream_;  // from the first server segment after the ClientHello
    uint8_t segments_ = 0;             // server segments seen (saturating)
    bool in_certificate_ = false;
};

}  // namespace sovscan::observe
