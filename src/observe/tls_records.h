#pragma once
// The handshake messages carried by the TLS records at the start of one direction of a TCP stream.
// A record may hold several messages and a message may span several records (RFC 5246 6.2.1); both
// sides of the handshake need them gathered the same way: the client's ClientHello
// (tls_client_hello.cpp) and the server's ServerHello and Certificate (tls_server_certificate.cpp).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "observe/byte_reader.h"

namespace sovscan::observe {

inline constexpr uint8_t kTlsHandshakeRecord = 0x16;

// Walks the handshake messages of `stream` (which starts at a record header) in order. A message
// inside one record is a view into `stream`; one spread over records is copied into `scratch`, which
// the caller owns so that its capacity is reused. A message returned stays valid until the next
// call.
class TlsHandshakeWalker {
public:
    enum class Step : uint8_t {
        message,      // `msg` is one whole handshake message (header included)
        partial,      // the stream ends inside a message: `msg` is what there is of it (may be empty)
        end,          // a record of another type follows the handshake records (ChangeCipherSpec, alert)
        malformed,    // a record header that is not TLS, or a message cut by a record of another type
    };

    TlsHandshakeWalker(Bytes stream, std::vector<uint8_t>& scratch) : records_(stream), scratch_(scratch) {}

    Step next(Bytes& msg);

private:
    enum class Fragment : uint8_t { whole, part, none, other_type, bad };
    // The next record's fragment into frag_ (part: the stream ends inside the record).
    Fragment next_fragment();

    ByteReader records_;
    Bytes frag_;               // what is left of the current record's fragment
    bool frag_whole_ = true;   // false when the stream ended inside the current record
    std::vector<uint8_t>& scratch_;
};

}  // namespace sovscan::observe
